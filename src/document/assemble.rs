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

/// The manuscript as Markdown with `[^cite-N]` footnotes, as one string
/// (what [`markdown_to`] writes, which the tests read).
#[cfg(test)]
pub fn markdown(p: &Pieces) -> String {
    let mut out = String::new();
    let notes = p.texts.iter().filter_map(|t| t.note.as_deref());
    let bibliography = (!p.bibliography.is_empty())
        .then_some(|out: &mut dyn std::fmt::Write| out.write_str(p.bibliography));
    // writing to a String cannot fail
    let _ = markdown_to(p, bibliography, notes, &mut out);
    out
}

/// [`markdown`] written to `out` piece by piece: `bibliography` writes the
/// bibliography's text (when there is one) where it goes, and `notes` gives
/// each note's text as it is written, so neither the document, its notes nor
/// its bibliography need be held whole. The note texts of `p.texts` are not
/// read, only whether each citation has one.
pub fn markdown_to<B, N>(
    p: &Pieces,
    bibliography: Option<B>,
    notes: impl IntoIterator<Item = N>,
    out: &mut dyn std::fmt::Write,
) -> std::fmt::Result
where
    B: FnOnce(&mut dyn std::fmt::Write) -> std::fmt::Result,
    N: AsRef<str>,
{
    let body = marked(p, |n, _, out| push_note_mark(out, n));
    let mut placed = HoldTrailing::new(out);
    let heading = p.heading.map(|h| format!("# {h}\n\n"));
    let bibliography = bibliography
        .map(|write| move |out: &mut dyn std::fmt::Write| write_trimmed_line(write, out));
    place_bibliography_into(&body, bibliography, heading.as_deref(), &mut placed)?;
    let mut notes = notes.into_iter().peekable();
    if notes.peek().is_none() {
        return placed.finish();
    }
    // the notes follow the text, its trailing space dropped
    placed.drop_held();
    let out = placed.out;
    out.write_str("\n\n")?;
    let mut mark = String::new();
    for (n, note) in notes.enumerate() {
        mark.clear();
        push_note_mark(&mut mark, n + 1);
        out.write_str(&mark)?;
        out.write_str(": ")?;
        out.write_str(note.as_ref())?;
        out.write_str("\n")?;
    }
    Ok(())
}

/// What `write` writes, its trailing space dropped, then a line break.
fn write_trimmed_line(
    write: impl FnOnce(&mut dyn std::fmt::Write) -> std::fmt::Result,
    out: &mut dyn std::fmt::Write,
) -> std::fmt::Result {
    let mut trimmed = HoldTrailing::new(&mut *out);
    write(&mut trimmed)?;
    drop(trimmed);
    out.write_str("\n")
}

/// Passes text on but holds back its trailing whitespace (what `trim_end`
/// would drop) until more text follows: the end of everything written can
/// then be trimmed without keeping it. Dropped, it forgets what it holds.
struct HoldTrailing<'w> {
    out: &'w mut dyn std::fmt::Write,
    held: String,
}

impl<'w> HoldTrailing<'w> {
    fn new(out: &'w mut dyn std::fmt::Write) -> HoldTrailing<'w> {
        HoldTrailing {
            out,
            held: String::new(),
        }
    }

    /// Forgets the trailing whitespace written so far.
    fn drop_held(&mut self) {
        self.held.clear();
    }

    /// Writes out what is held.
    fn finish(self) -> std::fmt::Result {
        self.out.write_str(&self.held)
    }
}

impl Write for HoldTrailing<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        let kept = text.trim_end();
        if kept.is_empty() {
            self.held.push_str(text);
            return Ok(());
        }
        self.out.write_str(&self.held)?;
        self.held.clear();
        self.out.write_str(kept)?;
        self.held.push_str(&text[kept.len()..]);
        Ok(())
    }
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
    let mut placed = String::with_capacity(body.len() + bib.len());
    let mut out = HoldTrailing::new(&mut placed);
    let bibliography = (!bib.is_empty()).then_some(|out: &mut dyn Write| out.write_str(bib));
    // writing to a String cannot fail
    let _ = place_bibliography_into(body, bibliography, heading, &mut out);
    let _ = out.finish();
    placed
}

/// [`place_bibliography`] written to `out`, the bibliography by `bibliography`
/// (`None`: there is none). Appended, it follows the body without its
/// trailing space, which `out` holds back.
fn place_bibliography_into(
    body: &str,
    bibliography: Option<impl FnOnce(&mut dyn Write) -> std::fmt::Result>,
    heading: Option<&str>,
    out: &mut HoldTrailing,
) -> std::fmt::Result {
    let mut bibliography = bibliography;
    let markers = refs_markers(body);
    if markers.is_empty() {
        out.write_str(body)?;
        if let Some(write) = bibliography {
            out.drop_held();
            out.write_str("\n\n")?;
            out.write_str(heading.unwrap_or(""))?;
            write(out)?;
        }
        return Ok(());
    }
    let mut last = 0;
    for marker in &markers {
        out.write_str(&body[last..marker.start])?;
        out.write_str(&body[marker.content.clone()])?;
        // at the first marker only
        if let Some(write) = bibliography.take() {
            write(out)?;
        }
        last = marker.end;
    }
    out.write_str(&body[last..])
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

    /// The Markdown as one string, put together as the rules read: the body
    /// with its marks, the bibliography (trimmed, then a line break) at the
    /// first refs marker or appended under its heading, and the notes after
    /// the trimmed text.
    fn markdown_as_strings(p: &Pieces) -> String {
        let mut notes = String::new();
        let body = marked(p, |n, note, out| {
            notes.push_str(&format!("[^cite-{n}]: {note}\n"));
            out.push_str(&format!("[^cite-{n}]"));
        });
        let bib = if p.bibliography.is_empty() {
            String::new()
        } else {
            format!("{}\n", p.bibliography.trim_end())
        };
        let heading = p.heading.map(|h| format!("# {h}\n\n"));
        let mut out = place_bibliography(&body, &bib, heading.as_deref());
        if !notes.is_empty() {
            out = format!("{}\n\n{notes}", out.trim_end());
        }
        out
    }

    /// Written piece by piece, holding back only trailing space, the text is
    /// the one put together whole: with and without notes, refs markers,
    /// a bibliography, a heading, and trailing space (also non-breaking, and
    /// a bibliography of nothing but space) in each place.
    #[test]
    fn streamed_markdown_is_the_whole_text() {
        let docs = [
            "Text [@a].\n",
            "Text [@a]. \n\n \t",
            "[@a]\n\n::: refs\n:::\n",
            "[@a]\n\n::: refs\nkept\n:::\n  \n",
            "Before.\n\n<div id=\"refs\"></div>\u{a0}\n\n::: {#refs}\n:::\n[@a]",
            "",
        ];
        let bibliographies = ["", "A. Book.", "A. Book.\n\n \u{a0}", " \n ", "A.\n\nB.\n"];
        let texts_of = [vec![inline("(A)")], vec![note("A, 1. ")], vec![note("")]];
        for doc in docs {
            let citations = find_citations(doc, &LocatorLabels::english());
            for texts in &texts_of {
                let texts = &texts[..citations.len().min(texts.len())];
                for bibliography in bibliographies {
                    for heading in [None, Some("Works")] {
                        let p = Pieces {
                            doc,
                            citations: &citations[..texts.len()],
                            texts,
                            bibliography,
                            heading,
                        };
                        assert_eq!(
                            markdown(&p),
                            markdown_as_strings(&p),
                            "{doc:?} {texts:?} {bibliography:?} {heading:?}"
                        );
                    }
                }
            }
        }
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
