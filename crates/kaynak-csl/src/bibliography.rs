//! Rendering the bibliography: entries in sorted order,
//! subsequent-author-substitute and second-field-align.

use crate::citation::NO_PRINTED_FORM;
use crate::eval::{AuthorSubstitute, CiteState, SubstitutedNames};
use crate::model::*;
use crate::output::tag::plain_text_of;
use crate::output::{Inline, Tag};
use crate::rendered::{BibEntry, Bibliography};
use crate::run::{ItemRender, Run};
use std::ops::ControlFlow;

/// How many entries are rendered at a time: a block's output trees are
/// handed on (and can be written and dropped) before the next block renders,
/// so a large bibliography is never held whole as trees.
pub const BLOCK: usize = 4096;

/// The whole bibliography, its entries' trees kept.
pub fn render(run: &mut Run, section: &Section) -> Bibliography {
    let mut entries = Vec::with_capacity(run.bib_order.len());
    let kept: Result<(), std::convert::Infallible> = render_blocks(run, section, |block| {
        entries.extend(block);
        Ok(())
    });
    let Ok(()) = kept;
    Bibliography {
        entries,
        options: section.bibliography.clone(),
    }
}

/// Render the bibliography [`BLOCK`] entries at a time (each block on the
/// processor's threads), handing each block's finished entries to `emit` in
/// bibliography order; stops at `emit`'s first error.
/// subsequent-author-substitute compares each entry with the one before it,
/// across blocks too.
pub fn render_blocks<E>(
    run: &mut Run,
    section: &Section,
    mut emit: impl FnMut(Vec<BibEntry>) -> Result<(), E>,
) -> Result<(), E> {
    let options = &section.bibliography;
    let order = std::mem::take(&mut run.bib_order);
    let align = options.second_field_align.is_some();
    let numeric = run.processor.style.numeric;
    let mut previous_author: Option<EntryAuthor> = None;
    let mut shown = 0;
    let mut result = Ok(());
    for block in order.chunks(BLOCK) {
        let mut rendered = run.par_map(block, |run, &index, warnings| {
            run.render_item(index, section, &entry_state(run, index), warnings)
        });
        if let Some(text) = &options.subsequent_author_substitute {
            let rule = options.subsequent_author_substitute_rule;
            previous_author = substitute_authors(
                run,
                section,
                block,
                &mut rendered,
                text,
                rule,
                previous_author,
            );
        }
        let mut entries = Vec::with_capacity(block.len());
        for (&index, item) in block.iter().zip(rendered) {
            let id = run.items[index].id().to_string();
            if !item.parts.iter().all(Inline::is_empty) {
                let content = layout(section, index, item.parts, align);
                entries.push(BibEntry { id, content });
                shown += 1;
            } else if numeric {
                // the numbers of a numeric style's list keep counting, so an
                // entry that renders nothing is shown as an error, numbered (as
                // citeproc-js shows it)
                shown += 1;
                let text = format!("{shown}. {NO_PRINTED_FORM}");
                let content = Inline::Text(text.into());
                entries.push(BibEntry { id, content });
            }
        }
        result = emit(entries);
        if result.is_err() {
            break;
        }
    }
    run.bib_order = order;
    result
}

/// What an entry renders with: its number, and what disambiguation gave
/// its cites (year-suffix, the `disambiguate` condition, given names).
fn entry_state(run: &Run, index: usize) -> CiteState {
    let shown = crate::disambiguate::shown_in_cite(run, index);
    CiteState {
        citation_number: Some(run.numbers[index]),
        year_suffix: run.disambiguation[index].year_suffix,
        disambiguate: run.disambiguation[index].disambiguate,
        given_shown: shown.given,
        names_shown: shown.names,
        // subsequent-author-substitute compares names one by one
        name_tags: run
            .processor
            .style
            .bibliography
            .as_ref()
            .is_some_and(|b| b.bibliography.subsequent_author_substitute.is_some()),
        ..CiteState::default()
    }
}

/// subsequent-author-substitute over one block of entries: each entry
/// whose author (its first names output, read from the rendered tree)
/// repeats the previous entry's (the block's last before it, or `before`
/// for the first) is rendered again with the names `rule` picks replaced by
/// `text`. Returns the block's last author, as rendered before substitution.
fn substitute_authors(
    run: &mut Run,
    section: &Section,
    block: &[usize],
    rendered: &mut [ItemRender],
    text: &str,
    rule: SubstituteRule,
    before: Option<EntryAuthor>,
) -> Option<EntryAuthor> {
    // the authors as rendered (before any substitution)
    let mut authors: Vec<Option<EntryAuthor>> = Vec::with_capacity(block.len() + 1);
    authors.push(before);
    authors.extend(
        rendered
            .iter()
            .map(|item| item.parts.iter().find_map(EntryAuthor::of)),
    );
    let mut warnings = Vec::new();
    for (position, &index) in block.iter().enumerate() {
        let (Some(previous), Some(current)) = (&authors[position], &authors[position + 1]) else {
            continue;
        };
        let Some(names) = current.substituted_after(previous, rule) else {
            continue;
        };
        let state = CiteState {
            author_substitute: Some(AuthorSubstitute {
                element: current.element,
                text: text.to_string(),
                names,
            }),
            ..entry_state(run, index)
        };
        rendered[position] = run.render_item(index, section, &state, &mut warnings);
    }
    run.warnings.extend(warnings);
    authors.pop().flatten()
}

/// An entry's author as subsequent-author-substitute compares it.
struct EntryAuthor {
    element: u16,
    /// The whole list's text (names, delimiters, et-al).
    text: String,
    /// Each name's text; empty for output that came from `cs:substitute`.
    names: Vec<String>,
}

impl EntryAuthor {
    /// The first names output of `node`.
    fn of(node: &Inline) -> Option<EntryAuthor> {
        let (tag, children) = node.first_names()?;
        let mut names = Vec::new();
        if !tag.substituted {
            for child in children {
                let _ = child.visit_tags(&mut |tag, name| {
                    if let Tag::Name(_) = tag {
                        names.push(plain_text_of(name));
                        // names do not nest
                        return ControlFlow::Continue(());
                    }
                    ControlFlow::Continue(())
                });
            }
        }
        Some(EntryAuthor {
            element: tag.element,
            text: plain_text_of(children),
            names,
        })
    }

    /// Which of these names `rule` replaces, after an entry whose author is
    /// `previous`; `None` when none.
    fn substituted_after(
        &self,
        previous: &EntryAuthor,
        rule: SubstituteRule,
    ) -> Option<SubstitutedNames> {
        // output from cs:substitute has no names: it is compared whole
        if self.names.is_empty() || previous.names.is_empty() {
            return (self.text == previous.text).then_some(SubstitutedNames::All);
        }
        // "when all rendered names of the name variable match those in the
        // preceding bibliographic entry": the names shown, not the et-al
        // term or the delimiters around them
        let whole = self.names == previous.names;
        let matching = self
            .names
            .iter()
            .zip(&previous.names)
            .take_while(|(a, b)| a == b)
            .count();
        match rule {
            SubstituteRule::CompleteAll => whole.then_some(SubstitutedNames::All),
            SubstituteRule::CompleteEach => whole.then_some(SubstitutedNames::Each),
            SubstituteRule::PartialEach => {
                (matching > 0).then_some(SubstitutedNames::First(matching))
            }
            SubstituteRule::PartialFirst => (matching > 0).then_some(SubstitutedNames::First(1)),
        }
    }
}

fn layout(section: &Section, index: usize, mut parts: Vec<Inline>, align: bool) -> Inline {
    let tag = Tag::Item(crate::citation::item_tag(index));
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
        return Inline::Tagged(
            tag,
            vec![
                Inline::Display(Display::LeftMargin, left),
                Inline::Display(Display::RightInline, format(rendering, right)),
            ],
        );
    } else {
        format(rendering, parts)
    };
    if body.first_mut().is_some_and(opening_display_space) {
        // a display block that opens the entry leaves its leading space
        // before it (as citeproc-js writes it)
        body.insert(0, Inline::Text(" ".into()));
    }
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
    Inline::tagged(tag, body)
}

/// Whether `node` is (or opens with) a display block whose text opens
/// with a space; the space is taken out of it.
fn opening_display_space(node: &mut Inline) -> bool {
    fn first_text(node: &mut Inline) -> Option<&mut compact_str::CompactString> {
        match node {
            Inline::Text(text) => Some(text),
            Inline::Formatted(_, children)
            | Inline::Markup(_, children)
            | Inline::Display(_, children)
            | Inline::NoCase(children)
            | Inline::Tagged(_, children) => children.first_mut().and_then(first_text),
            Inline::Quoted { .. } => None,
        }
    }
    let display = match node {
        Inline::Display(..) => node,
        Inline::Tagged(_, children) | Inline::Formatted(_, children) => {
            match children.first_mut() {
                Some(first @ Inline::Display(..)) => first,
                _ => return false,
            }
        }
        _ => return false,
    };
    match first_text(display) {
        Some(text) if text.starts_with(' ') => {
            text.remove(0);
            true
        }
        _ => false,
    }
}

/// The children of the display block that ends the entry, if one does:
/// the layout suffix goes inside it, as citeproc-js writes it.
fn last_display(nodes: &mut [Inline]) -> Option<&mut Vec<Inline>> {
    match nodes.last_mut()? {
        Inline::Display(_, children) => Some(children),
        Inline::Formatted(f, children) if f.is_empty() => last_display(children),
        Inline::Tagged(_, children) => last_display(children),
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
