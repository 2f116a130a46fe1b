//! Rendering the bibliography: entries in sorted order,
//! subsequent-author-substitute and second-field-align.

use crate::eval::CiteState;
use crate::output::Inline;
use crate::processor::{BibEntry, Bibliography, ItemRender, Run};
use crate::style::model::*;

pub fn render(run: &mut Run, section: &Section) -> Bibliography {
    let options = section.bibliography.clone();
    let order = run.bib_order.clone();
    let rendered = match &options.subsequent_author_substitute {
        // each entry depends on the author of the one before: one pass in order
        Some(substitute) => render_substituted(run, section, &order, substitute),
        None => run.par_map(&order, |run, &index, warnings| {
            run.render_item(index, section, &entry_state(run, index), warnings)
        }),
    };
    let align = options.second_field_align.is_some();
    let entries = order
        .iter()
        .zip(rendered)
        .filter(|(_, item)| !item.parts.iter().all(Inline::is_empty))
        .map(|(&index, item)| BibEntry {
            id: run.items[index].id().to_string(),
            content: layout(section, item.parts, align),
        })
        .collect();
    Bibliography { entries, options }
}

fn entry_state(run: &Run, index: usize) -> CiteState {
    CiteState {
        citation_number: Some(run.numbers[index]),
        year_suffix: run.disambiguation[index].year_suffix,
        disambiguate: run.disambiguation[index].disambiguate,
        ..CiteState::default()
    }
}

/// Entries with subsequent-author-substitute, in one pass: the substitute
/// applies when an entry's author matches the previous entry's.
fn render_substituted(
    run: &mut Run,
    section: &Section,
    order: &[usize],
    substitute: &str,
) -> Vec<ItemRender> {
    let mut warnings = Vec::new();
    let mut previous_author: Option<String> = None;
    let mut out = Vec::with_capacity(order.len());
    for &index in order {
        let state = match &previous_author {
            Some(previous) => CiteState {
                author_substitute: Some(substitute.to_string()),
                previous_author: Some(previous.clone()),
                ..entry_state(run, index)
            },
            None => entry_state(run, index),
        };
        let item = run.render_item(index, section, &state, &mut warnings);
        previous_author.clone_from(&item.first_names);
        out.push(item);
    }
    run.warnings.extend(warnings);
    out
}

fn layout(section: &Section, mut parts: Vec<Inline>, align: bool) -> Inline {
    let rendering = &section.layout.rendering;
    let mut body = if align && parts.len() > 1 {
        let rest = parts.split_off(1);
        let first = parts.pop().unwrap_or(Inline::Text(Default::default()));
        let mut right = rest;
        if let Some(suffix) = &rendering.suffix {
            right.push(Inline::Text(suffix.as_str().into()));
        }
        let mut left = Vec::new();
        if let Some(prefix) = &rendering.prefix {
            left.push(Inline::Text(prefix.as_str().into()));
        }
        left.push(first);
        return Inline::seq(vec![
            Inline::Display(Display::LeftMargin, left),
            Inline::Display(Display::RightInline, format(rendering, right)),
        ]);
    } else {
        format(rendering, parts)
    };
    if let Some(prefix) = &rendering.prefix {
        body.insert(0, Inline::Text(prefix.as_str().into()));
    }
    if let Some(suffix) = &rendering.suffix {
        let text = Inline::Text(suffix.as_str().into());
        if let Some(display) = last_display(&mut body) {
            display.push(text);
        } else {
            body.push(text);
        }
    }
    Inline::seq(body)
}

/// The children of the display block that ends the entry, if one does:
/// the layout suffix goes inside it, as citeproc-js writes it.
fn last_display(nodes: &mut [Inline]) -> Option<&mut Vec<Inline>> {
    match nodes.last_mut()? {
        Inline::Display(_, children) => Some(children),
        Inline::Formatted(f, children) if f.is_empty() => last_display(children),
        _ => None,
    }
}

fn format(rendering: &Rendering, parts: Vec<Inline>) -> Vec<Inline> {
    if rendering.formatting.is_empty() {
        parts
    } else {
        vec![Inline::Formatted(rendering.formatting, parts)]
    }
}
