//! Putting a manuscript back together: each citation replaced by its
//! rendered text (in place, or as a footnote mark placed after the
//! punctuation that follows it, as notes are placed in print), and the
//! bibliography placed at the first refs marker (`::: refs`, `::: {#refs}`,
//! `<div id="refs"></div>`; later ones are dropped) or appended under a
//! heading. Markdown stays Markdown; HTML output converts the manuscript with
//! footnotes linked both ways; LaTeX and RTF (own files) start from
//! [`marked`].

use super::Citation;
use pulldown_cmark::{html, Options, Parser};
use std::fmt::Write;

/// One citation rendered in the output format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedCitation {
    /// Text in the sentence (may be empty).
    pub inline: String,
    /// The text of a new footnote.
    pub note: Option<String>,
}

/// What goes into the manuscript.
pub struct Pieces<'a> {
    /// The manuscript's body (after any YAML block).
    pub doc: &'a str,
    pub citations: &'a [Citation],
    /// One per citation, in the output format's inline syntax.
    pub texts: &'a [RenderedCitation],
    /// The rendered bibliography (may be empty).
    pub bibliography: &'a str,
    /// The heading over an appended bibliography (`None`: no heading).
    pub heading: Option<&'a str>,
}

/// `[^cite-N]`, pushed piece by piece: through `write!` each mark and note
/// line cost a 10,000-note render about 0.3 % of its instructions.
fn push_note_mark(out: &mut String, n: usize) {
    out.push_str("[^cite-");
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if let Ok(number) = std::str::from_utf8(&digits[at..]) {
        out.push_str(number);
    }
    out.push(']');
}

/// Enough CSS for a readable page: hanging indents in the bibliography.
const STYLE: &str =
    "body{max-width:46em;margin:2em auto;padding:0 1em;font-family:serif;line-height:1.5}\
.csl-entry{padding-left:2em;text-indent:-2em;margin-bottom:.4em}.footnotes{font-size:.92em}";

/// The manuscript as Markdown with `[^cite-N]` footnotes.
pub fn markdown(p: &Pieces) -> String {
    // each note's line, written as it is marked (no string per note or mark)
    let mut notes = String::new();
    let body = marked(p, |n, note, out| {
        push_note_mark(&mut notes, n);
        notes.push_str(": ");
        notes.push_str(note);
        notes.push('\n');
        push_note_mark(out, n);
    });
    let bib = if p.bibliography.is_empty() {
        String::new()
    } else {
        format!("{}\n", p.bibliography.trim_end())
    };
    let heading = p.heading.map(|h| format!("# {h}\n\n"));
    let mut out = place_bibliography(&body, &bib, heading.as_deref());
    if !notes.is_empty() {
        out.truncate(out.trim_end().len());
        out.reserve(notes.len() + 2);
        out.push_str("\n\n");
        out.push_str(&notes);
    }
    out
}

/// The manuscript as a standalone HTML page; footnotes link to their text and back.
pub fn html_page(p: &Pieces, title: &str) -> String {
    let mut notes = Vec::new();
    let body = marked(p, |n, note, out| {
        notes.push(format!(
            "<li id=\"cite-note-{n}\"><p>{note} <a href=\"#cite-ref-{n}\" class=\"footnote-back\" aria-label=\"Back to the text\">↩</a></p></li>"
        ));
        let _ = write!(out, "<sup id=\"cite-ref-{n}\"><a href=\"#cite-note-{n}\" class=\"footnote-ref\">{n}</a></sup>");
    });
    const SLOT: &str = "<div id=\"refs\"></div>";
    let heading = p.heading.map(|h| format!("# {h}\n\n"));
    let with_slot = place_bibliography(&body, SLOT, heading.as_deref());
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

/// The body with every citation replaced: in-text parts in place, and for
/// each new footnote the mark `mark(number, note text, body)` appends to the
/// body, which takes the place of the space before the citation and moves
/// after a following punctuation mark (`text.¹`). After an author in the
/// sentence (`Niiazov¹`) the mark stays.
pub fn marked(p: &Pieces, mut mark: impl FnMut(usize, &str, &mut String)) -> String {
    let mut out = String::with_capacity(p.doc.len());
    let mut last = 0;
    let mut note = 0;
    for (citation, text) in p.citations.iter().zip(p.texts) {
        out.push_str(&p.doc[last.min(citation.span.start())..citation.span.start()]);
        last = citation.span.end();
        let Some(note_text) = &text.note else {
            out.push_str(&text.inline);
            continue;
        };
        note += 1;
        if !text.inline.is_empty() {
            out.push_str(&text.inline);
            mark(note, note_text, &mut out);
            continue;
        }
        let kept = out.trim_end_matches([' ', '\t', '\n']).len();
        let lost_newline = out[kept..].contains('\n');
        out.truncate(kept);
        let after = &p.doc[last..];
        let punctuation = after.len()
            - after
                .trim_start_matches([',', '.', ';', ':', '!', '?'])
                .len();
        out.push_str(&after[..punctuation]);
        last += punctuation;
        mark(note, note_text, &mut out);
        if lost_newline && !p.doc[last..].starts_with([' ', '\n']) {
            out.push('\n');
        }
    }
    out.push_str(&p.doc[last.min(p.doc.len())..]);
    out
}

/// Puts `bib` at the first refs marker of `body` (dropping any later one), or
/// appends it under `heading`.
pub fn place_bibliography(body: &str, bib: &str, heading: Option<&str>) -> String {
    let markers = refs_markers(body);
    if markers.is_empty() {
        if bib.is_empty() {
            return body.to_string();
        }
        return format!("{}\n\n{}{bib}", body.trim_end(), heading.unwrap_or(""));
    }
    let mut out = String::with_capacity(body.len() + bib.len());
    let mut last = 0;
    for (n, marker) in markers.iter().enumerate() {
        out.push_str(&body[last..marker.start]);
        out.push_str(&body[marker.content.clone()]);
        if n == 0 {
            out.push_str(bib);
        }
        last = marker.end;
    }
    out.push_str(&body[last..]);
    out
}

/// A refs marker: the whole marker, and the text inside a fenced div.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefsMarker {
    pub start: usize,
    pub end: usize,
    pub content: std::ops::Range<usize>,
}

/// Every refs marker of `body`: a fenced div with id `refs` (`::: refs`,
/// `::: {#refs}`, `::: {#refs .class}`) up to its closing fence, or an
/// empty `<div id="refs"></div>`.
pub fn refs_markers(body: &str) -> Vec<RefsMarker> {
    let mut found = Vec::new();
    // Every marker holds one of these: a body with neither (most) is not
    // read line by line, which cost a 10,000-note render 0.4 % (twice).
    if !body.contains(":::") && !body.contains(REFS_DIV) {
        return found;
    }
    let mut offset = 0;
    let mut open: Option<(usize, usize)> = None; // (marker start, content start)
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        let end = offset + line.len();
        match open {
            None if is_refs_fence(trimmed) => open = Some((offset, end)),
            // most lines hold no `<` at all: the search is set up only for those that do
            None if !line.contains('<') => {}
            None => {
                if let Some(at) = line.find(REFS_DIV) {
                    let start = offset + at;
                    let stop = start + REFS_DIV.len();
                    found.push(RefsMarker {
                        start,
                        end: stop,
                        content: start..start,
                    });
                }
            }
            Some((start, content))
                if trimmed.starts_with(":::") && trimmed.trim_matches(':').is_empty() =>
            {
                // the closing fence's line break stays
                let close = offset + line.trim_end_matches('\n').len();
                found.push(RefsMarker {
                    start,
                    end: close,
                    content: content..offset,
                });
                open = None;
            }
            Some(_) => {}
        }
        offset = end;
    }
    found
}

/// The empty div that marks where the bibliography goes.
const REFS_DIV: &str = "<div id=\"refs\"></div>";

fn is_refs_fence(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(":::") else {
        return false;
    };
    let attributes = rest.trim_start_matches(':').trim();
    attributes == "refs"
        || attributes
            .strip_prefix('{')
            .and_then(|a| a.strip_suffix('}'))
            .is_some_and(|a| a.split_whitespace().any(|w| w == "#refs"))
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{find_citations, LocatorLabels};

    fn pieces<'a>(
        doc: &'a str,
        citations: &'a [Citation],
        texts: &'a [RenderedCitation],
    ) -> Pieces<'a> {
        Pieces {
            doc,
            citations,
            texts,
            bibliography: "A. Book.",
            heading: Some("Bibliography"),
        }
    }

    fn note(text: &str) -> RenderedCitation {
        RenderedCitation {
            inline: String::new(),
            note: Some(text.into()),
        }
    }

    fn inline(text: &str) -> RenderedCitation {
        RenderedCitation {
            inline: text.into(),
            note: None,
        }
    }

    #[test]
    fn footnotes_in_markdown() {
        let doc = "One [@a]. Two.^[In a note [@b].] As @c says.\n";
        let citations = find_citations(doc, &LocatorLabels::english());
        let texts = vec![
            note("A, 1."),
            inline("(B)"),
            RenderedCitation {
                inline: "C".into(),
                note: Some("Title.".into()),
            },
        ];
        let out = markdown(&pieces(doc, &citations, &texts));
        assert_eq!(
            out,
            "One.[^cite-1] Two.^[In a note (B).] As C[^cite-2] says.\n\n# Bibliography\n\nA. Book.\n\n[^cite-1]: A, 1.\n[^cite-2]: Title.\n"
        );
    }

    #[test]
    fn in_text_with_refs_marker_and_a_second_one() {
        let doc = "See [@a].\n\n::: refs\n:::\n\nAppendix.\n\n::: {#refs}\n:::\n";
        let citations = find_citations(doc, &LocatorLabels::english());
        let texts = vec![inline("(A 2020)")];
        let out = markdown(&pieces(doc, &citations, &texts));
        assert_eq!(out, "See (A 2020).\n\nA. Book.\n\n\nAppendix.\n\n\n");
    }

    #[test]
    fn note_marks_are_numbered() {
        for n in [0, 7, 10, 99, 12_345, usize::MAX] {
            let mut out = String::from("x");
            push_note_mark(&mut out, n);
            assert_eq!(out, format!("x[^cite-{n}]"));
        }
    }

    #[test]
    fn markers() {
        let body = "x\n::: {#refs .big}\nIntro.\n:::\n<div id=\"refs\"></div>\n";
        let found = refs_markers(body);
        assert_eq!(found.len(), 2);
        assert!(refs_markers("no marker: a <div> and ::: not refs\n").is_empty());
        assert_eq!(refs_markers("x\n<div id=\"refs\"></div>").len(), 1);
        assert_eq!(&body[found[0].content.clone()], "Intro.\n");
        assert_eq!(place_bibliography(body, "BIB", None), "x\nIntro.\nBIB\n\n");
    }

    #[test]
    fn html_links_notes_both_ways() {
        let doc = "# Title\n\nOne [@a].\n";
        let citations = find_citations(doc, &LocatorLabels::english());
        let texts = vec![note("<i>A</i>, 1.")];
        let out = html_page(&pieces(doc, &citations, &texts), "T <1>");
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
