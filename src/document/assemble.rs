//! Putting a manuscript back together: each citation replaced by its rendered
//! text (in place for in-text styles, as a numbered footnote for note styles),
//! and the bibliography placed at a `::: refs` / `<div id="refs">` marker or
//! appended under a heading. Markdown stays Markdown; HTML output converts the
//! manuscript with footnotes linked both ways.

use super::Citation;
use pulldown_cmark::{html, Options, Parser};

/// Whether citations become footnotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteMode {
    /// Note styles: a citation becomes a footnote (in place when already in a note).
    Footnotes,
    /// In-text styles: the citation replaces its source text.
    InText,
}

/// What goes into the manuscript.
pub struct Pieces<'a> {
    pub doc: &'a str,
    pub citations: &'a [Citation],
    /// One rendered text per citation, in the output format's inline syntax.
    pub texts: &'a [String],
    pub mode: NoteMode,
    /// The rendered bibliography (may be empty) and its heading.
    pub bibliography: &'a str,
    pub heading: &'a str,
}

/// Enough CSS for a readable page: hanging indents in the bibliography.
const STYLE: &str =
    "body{max-width:46em;margin:2em auto;padding:0 1em;font-family:serif;line-height:1.5}\
.csl-entry{padding-left:2em;text-indent:-2em;margin-bottom:.4em}.footnotes{font-size:.92em}";

const MARKERS: &[&str] = &[
    "::: refs\n:::",
    "::: {#refs}\n:::",
    "<div id=\"refs\"></div>",
];

/// The manuscript as Markdown with `[^cite-N]` footnotes.
pub fn markdown(p: &Pieces) -> String {
    let mut notes = Vec::new();
    let body = replace_citations(p, |n, text, in_note| match (p.mode, in_note) {
        (NoteMode::Footnotes, false) => {
            notes.push(format!("[^cite-{n}]: {text}"));
            format!("[^cite-{n}]")
        }
        _ => text.to_string(),
    });
    let bib = if p.bibliography.is_empty() {
        String::new()
    } else {
        format!("{}\n", p.bibliography.trim_end())
    };
    let mut out = place_bibliography(&body, &bib, &format!("# {}\n\n", p.heading));
    if !notes.is_empty() {
        out = format!("{}\n\n{}\n", out.trim_end(), notes.join("\n"));
    }
    out
}

/// The manuscript as a standalone HTML page; footnotes link to their text and back.
pub fn html_page(p: &Pieces, title: &str) -> String {
    let mut notes = Vec::new();
    let body = replace_citations(p, |n, text, in_note| match (p.mode, in_note) {
        (NoteMode::Footnotes, false) => {
            notes.push(format!(
                "<li id=\"cite-note-{n}\"><p>{text} <a href=\"#cite-ref-{n}\" class=\"footnote-back\" aria-label=\"Back to the text\">↩</a></p></li>"
            ));
            format!("<sup id=\"cite-ref-{n}\"><a href=\"#cite-note-{n}\" class=\"footnote-ref\">{n}</a></sup>")
        }
        _ => text.to_string(),
    });
    const SLOT: &str = "<div id=\"refs\"></div>";
    let with_slot = place_bibliography(&body, SLOT, &format!("# {}\n\n", p.heading));
    let mut converted = String::new();
    html::push_html(
        &mut converted,
        Parser::new_ext(
            &with_slot,
            Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES,
        ),
    );
    let bib = format!("<div id=\"refs\">\n{}\n</div>", p.bibliography.trim_end());
    let mut page = converted.replacen(SLOT, &bib, 1);
    if !notes.is_empty() {
        page.push_str("<section class=\"footnotes\">\n<hr>\n<ol>\n");
        page.push_str(&notes.join("\n"));
        page.push_str("\n</ol>\n</section>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{page}</body>\n</html>\n",
        escape_html(title)
    )
}

/// Replaces every citation span with `make(note number, text, in_note)`. A
/// citation that becomes a footnote reference takes the place of the space
/// before it, and moves after a following punctuation mark (`text.¹`), as notes
/// are placed in print.
fn replace_citations(p: &Pieces, mut make: impl FnMut(usize, &str, bool) -> String) -> String {
    let mut out = String::with_capacity(p.doc.len());
    let mut last = 0;
    let mut note = 0;
    for (citation, text) in p.citations.iter().zip(p.texts) {
        out.push_str(&p.doc[last.min(citation.span.start)..citation.span.start]);
        last = citation.span.end;
        if !citation.in_note {
            note += 1;
        }
        let reference = make(note, text, citation.in_note);
        if p.mode == NoteMode::Footnotes && !citation.in_note {
            let kept = out.trim_end_matches([' ', '\t', '\n']).len();
            let lost_newline = out[kept..].contains('\n');
            out.truncate(kept);
            let punctuation: String = p.doc[last..]
                .chars()
                .take_while(|c| ".,;:!?".contains(*c))
                .collect();
            out.push_str(&punctuation);
            last += punctuation.len();
            out.push_str(&reference);
            if lost_newline && !p.doc[last..].starts_with([' ', '\n']) {
                out.push('\n');
            }
        } else {
            out.push_str(&reference);
        }
    }
    out.push_str(&p.doc[last.min(p.doc.len())..]);
    out
}

/// Puts `bib` where the document has a refs marker, or appends it under `heading`.
fn place_bibliography(body: &str, bib: &str, heading: &str) -> String {
    for marker in MARKERS {
        if let Some(at) = body.find(marker) {
            return format!("{}{}{}", &body[..at], bib, &body[at + marker.len()..]);
        }
    }
    if bib.is_empty() {
        return body.to_string();
    }
    format!("{}\n\n{heading}{bib}", body.trim_end())
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::find_citations;

    fn pieces<'a>(
        doc: &'a str,
        citations: &'a [Citation],
        texts: &'a [String],
        mode: NoteMode,
    ) -> Pieces<'a> {
        Pieces {
            doc,
            citations,
            texts,
            mode,
            bibliography: "A. Book.",
            heading: "Bibliography",
        }
    }

    #[test]
    fn footnotes_in_markdown() {
        let doc = "One [@a]. Two.^[In a note [@b].]\n";
        let citations = find_citations(doc);
        let texts = vec!["A, 1.".to_string(), "B.".to_string()];
        let out = markdown(&pieces(doc, &citations, &texts, NoteMode::Footnotes));
        assert_eq!(
            out,
            "One.[^cite-1] Two.^[In a note B..]\n\n# Bibliography\n\nA. Book.\n\n[^cite-1]: A, 1.\n"
        );
    }

    #[test]
    fn in_text_with_refs_marker() {
        let doc = "See [@a].\n\n::: refs\n:::\n\nAppendix.\n";
        let citations = find_citations(doc);
        let texts = vec!["(A 2020)".to_string()];
        let out = markdown(&pieces(doc, &citations, &texts, NoteMode::InText));
        assert_eq!(out, "See (A 2020).\n\nA. Book.\n\n\nAppendix.\n");
    }

    #[test]
    fn html_links_notes_both_ways() {
        let doc = "# Title\n\nOne [@a].\n";
        let citations = find_citations(doc);
        let texts = vec!["<i>A</i>, 1.".to_string()];
        let out = html_page(
            &pieces(doc, &citations, &texts, NoteMode::Footnotes),
            "T <1>",
        );
        assert!(
            out.contains("<sup id=\"cite-ref-1\"><a href=\"#cite-note-1\""),
            "{out}"
        );
        assert!(
            out.contains("<li id=\"cite-note-1\"><p><i>A</i>, 1. <a href=\"#cite-ref-1\""),
            "{out}"
        );
        assert!(out.contains("<title>T &lt;1&gt;</title>"));
        assert!(out.contains("<div id=\"refs\">\nA. Book.\n</div>"), "{out}");
    }
}
