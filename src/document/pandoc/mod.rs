//! The logic of `kaynak-pandoc`, a pandoc JSON filter: reads the document's
//! citations (pandoc has parsed them into `Cite` elements), formats them as
//! `--citeproc` would from the same style, and writes them back: each
//! `Cite` keeps its citations and gets the formatted text, a `Note` for note
//! styles (after the punctuation that follows it), and the bibliography of
//! the cited works goes into the `#refs` div or at the end, under
//! `reference-section-title` when there is one. Missing records print as
//! `???`. The binary reads and writes the JSON and prints the warnings.

pub(crate) mod ast;
mod inlines;

pub use ast::{Document, ReadError};

use self::ast::{tag, walk, Visit};
use self::inlines::{str_element, text_inlines};
use super::citations::{format_citations, CitationText, Formatted, Library};
use super::syntax::{prefix_text, split_locator};
use super::{Citation, CiteItem, LocatorLabels, Metadata};
use crate::csl;
use crate::csl::style::model::Rendering;
use serde_json::{json, Value};

/// What the filter did that the user should hear about.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Keys without a record, with how often each is cited.
    pub unknown: Vec<(String, usize)>,
    /// The processor's warnings.
    pub warnings: Vec<csl::Warning>,
    /// How many citations were formatted.
    pub citations: usize,
}

/// Formats every citation of `doc` and places the bibliography.
pub fn apply(
    doc: &mut Document,
    library: &Library,
    metadata: &Metadata,
    labels: &LocatorLabels,
) -> Report {
    let citations = read_citations(doc, labels);
    let formatted = format_citations(library, &citations, &metadata.nocite);
    let style = &library.processor.style;
    let options = inlines::Options {
        underline: doc.has_underline(),
        link_urls: true,
    };
    let layout = style
        .citation
        .as_ref()
        .map(|s| s.layout.rendering.clone())
        .unwrap_or_default();
    let link = metadata.link_citations && style.class != csl::style::model::StyleClass::Note;
    let contents: Vec<Vec<Value>> = citations
        .iter()
        .zip(&formatted.citations)
        .map(|(citation, text)| {
            let target = link_target(citation, library);
            cite_content(text, options, link.then_some(target).flatten(), &layout)
        })
        .collect();
    write_citations(doc, contents);
    if !metadata.suppress_bibliography {
        place_bibliography(doc, &formatted, library, metadata, options);
    }
    let mut unknown: Vec<(String, usize)> =
        formatted.unknown.iter().map(|k| (k.clone(), 0)).collect();
    for item in citations.iter().flat_map(|c| &c.items) {
        if let Some(slot) = unknown.iter_mut().find(|(k, _)| *k == item.key) {
            slot.1 += 1;
        }
    }
    Report {
        unknown,
        warnings: formatted.warnings,
        citations: citations.len(),
    }
}

/// The document's citations in reading order, numbered as notes: each
/// citation outside a note and each note takes the next number.
pub fn read_citations(doc: &mut Document, labels: &LocatorLabels) -> Vec<Citation> {
    let mut citations = Vec::new();
    let mut number = 0u32;
    let mut current_note = 0u32;
    walk(&mut doc.value["blocks"], false, &mut |visit| match visit {
        Visit::Note => {
            number += 1;
            current_note = number;
        }
        Visit::Cite(cite, in_note) => {
            let note = if in_note {
                current_note
            } else {
                number += 1;
                number
            };
            citations.push(read_cite(cite, note, in_note, labels));
        }
        Visit::List(_) => {}
    });
    citations
}

fn read_cite(cite: &Value, note: u32, in_note: bool, labels: &LocatorLabels) -> Citation {
    let list = cite
        .get("c")
        .and_then(|c| c.get(0))
        .and_then(Value::as_array);
    let items = list
        .into_iter()
        .flatten()
        .map(|citation| {
            let text = |field: &str| citation.get(field).map(ast::stringify).unwrap_or_default();
            let mode = citation.get("citationMode").and_then(tag).unwrap_or("");
            let (locator, suffix) = split_locator(&text("citationSuffix"), labels);
            CiteItem {
                key: citation
                    .get("citationId")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                prefix: prefix_text(&text("citationPrefix")),
                suffix,
                locator,
                suppress_author: mode == "SuppressAuthor",
                author_in_text: mode == "AuthorInText",
                key_offset: 0,
            }
        })
        .collect();
    Citation {
        span: crate::diag::Span::default(),
        items,
        in_note,
        note,
    }
}

/// The `#ref-KEY` a citation of one known work links to.
fn link_target(citation: &Citation, library: &Library) -> Option<String> {
    match citation.items.as_slice() {
        [item] if library.index.contains_key(item.key.as_str()) => {
            Some(format!("#ref-{}", item.key))
        }
        _ => None,
    }
}

/// The new contents of a `Cite`: the text in the sentence, then the note.
fn cite_content(
    text: &CitationText,
    options: inlines::Options,
    link: Option<String>,
    layout: &Rendering,
) -> Vec<Value> {
    let mut out = text
        .inline
        .as_ref()
        .map(|node| inlines::inlines(node, options))
        .unwrap_or_default();
    if let Some(target) = link {
        out = linked(out, &target, layout);
    }
    if let Some(note) = &text.note {
        let para = json!({"t": "Para", "c": inlines::inlines(note, options)});
        out.push(json!({"t": "Note", "c": [para]}));
    }
    out
}

/// A citation linked to its entry, the layout's brackets left outside.
fn linked(mut content: Vec<Value>, target: &str, layout: &Rendering) -> Vec<Value> {
    let mut before = Vec::new();
    let mut after = Vec::new();
    if let Some(prefix) = layout.prefix.as_deref().filter(|p| !p.is_empty()) {
        if let Some(rest) = first_str(&content).and_then(|s| s.strip_prefix(prefix)) {
            let rest = rest.to_string();
            before.push(str_element(prefix));
            replace_str(&mut content, 0, rest);
        }
    }
    if let Some(suffix) = layout.suffix.as_deref().filter(|s| !s.is_empty()) {
        let last = content.len().saturating_sub(1);
        if let Some(rest) = content
            .last()
            .and_then(str_of)
            .and_then(|s| s.strip_suffix(suffix))
        {
            let rest = rest.to_string();
            after.push(str_element(suffix));
            replace_str(&mut content, last, rest);
        }
    }
    before.push(json!({"t": "Link", "c": [["", [], []], content, [target, ""]]}));
    before.extend(after);
    before
}

fn str_of(value: &Value) -> Option<&str> {
    (tag(value) == Some("Str")).then(|| value.get("c").and_then(Value::as_str))?
}

fn first_str(content: &[Value]) -> Option<&str> {
    content.first().and_then(str_of)
}

/// Sets the text of the `Str` at `index`, or removes it when empty.
fn replace_str(content: &mut Vec<Value>, index: usize, text: String) {
    if text.is_empty() {
        content.remove(index);
    } else {
        content[index] = str_element(&text);
    }
}

/// Puts the new contents into the `Cite`s, in reading order, then moves
/// each pure note after the punctuation that follows it.
fn write_citations(doc: &mut Document, contents: Vec<Vec<Value>>) {
    let mut contents = contents.into_iter();
    walk(&mut doc.value["blocks"], false, &mut |visit| match visit {
        Visit::Cite(cite, _) => {
            if let (Some(content), Some(slot)) = (contents.next(), cite.get_mut("c")) {
                if let Some(inner) = slot.as_array_mut() {
                    if inner.len() == 2 {
                        inner[1] = Value::Array(content);
                    }
                }
            }
        }
        Visit::List(items) => move_notes_after_punctuation(items),
        Visit::Note => {}
    });
}

/// A `Cite` that is only a note loses the space before it and goes after
/// the punctuation that follows it (`text [@a].` → `text.¹`).
fn move_notes_after_punctuation(items: &mut Vec<Value>) {
    let mut i = 0;
    while i < items.len() {
        if !is_pure_note(&items[i]) {
            i += 1;
            continue;
        }
        if i > 0 && matches!(tag(&items[i - 1]), Some("Space" | "SoftBreak")) {
            items.remove(i - 1);
            i -= 1;
        }
        let punctuation = items.get(i + 1).and_then(str_of).map(|s| {
            let end = s.len() - s.trim_start_matches(['.', ',', ';', ':', '!', '?']).len();
            (s[..end].to_string(), s[end..].to_string())
        });
        if let Some((marks, rest)) = punctuation.filter(|(m, _)| !m.is_empty()) {
            replace_str(items, i + 1, rest);
            items.insert(i, str_element(&marks));
            i += 1;
        }
        i += 1;
    }
}

fn is_pure_note(value: &Value) -> bool {
    if tag(value) != Some("Cite") {
        return false;
    }
    let content = value
        .get("c")
        .and_then(|c| c.get(1))
        .and_then(Value::as_array);
    matches!(content.map(Vec::as_slice), Some([note]) if tag(note) == Some("Note"))
}

/// The bibliography into the first `#refs` div (later ones are emptied),
/// or appended, under a heading when `reference-section-title` is set.
fn place_bibliography(
    doc: &mut Document,
    formatted: &Formatted,
    library: &Library,
    metadata: &Metadata,
    options: inlines::Options,
) {
    let Some(bibliography) = &formatted.bibliography else {
        return;
    };
    let entries: Vec<Value> = bibliography
        .entries
        .iter()
        .map(|entry| {
            let para = json!({"t": "Para", "c": inlines::inlines(&entry.content, options)});
            json!({"t": "Div", "c": [[format!("ref-{}", entry.id), ["csl-entry"], []], [para]]})
        })
        .collect();
    let mut classes = vec!["references", "csl-bib-body"];
    let hanging = library
        .processor
        .style
        .bibliography
        .as_ref()
        .is_some_and(|b| b.bibliography.hanging_indent);
    if hanging {
        classes.push("hanging-indent");
    }
    let mut filled = false;
    walk(&mut doc.value["blocks"], false, &mut |visit| {
        if let Visit::List(items) = visit {
            for item in items.iter_mut().filter(|i| is_refs_div(i)) {
                let content = if filled { Vec::new() } else { entries.clone() };
                item["c"] = json!([["refs", classes, []], content]);
                filled = true;
            }
        }
    });
    if filled {
        return;
    }
    let Some(blocks) = doc.value.get_mut("blocks").and_then(Value::as_array_mut) else {
        return;
    };
    if let Some(title) = &metadata.reference_section_title {
        blocks.push(json!({"t": "Header", "c": [1, ["bibliography", ["unnumbered"], []], text_inlines(title)]}));
    }
    blocks.push(json!({"t": "Div", "c": [["refs", classes, []], entries]}));
}

fn is_refs_div(value: &Value) -> bool {
    tag(value) == Some("Div")
        && value
            .get("c")
            .and_then(|c| c.get(0))
            .and_then(|attr| attr.get(0))
            .and_then(Value::as_str)
            == Some("refs")
}
