//! A Markdown manuscript as a complete RTF document, for word processors:
//! headings, paragraphs, emphasis, lists, quotes and code; citations as
//! RTF footnotes (`\footnote`, numbered by the word processor) after the
//! punctuation that follows them, or in place; the bibliography with
//! hanging indents.

use super::assemble::{marked, place_bibliography, Pieces, RenderedCitation};
use crate::csl::output::rtf;
use crate::csl::output::Backend;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn placeholder(n: usize) -> String {
    format!("\u{E000}{n}\u{E001}")
}

/// Escapes text for RTF (the backend's rules: `\uN` for non-ASCII).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    rtf::Rtf.escape(text, &mut out);
    out
}

/// The manuscript as an RTF document. `bibliography` holds the entries,
/// each in RTF.
pub fn document(p: &Pieces, bibliography: &[String]) -> String {
    let mut raw: Vec<String> = Vec::new();
    let mut keep = |text: String| {
        raw.push(text);
        placeholder(raw.len() - 1)
    };
    let texts: Vec<RenderedCitation> = p
        .texts
        .iter()
        .map(|t| RenderedCitation {
            inline: if t.inline.is_empty() {
                String::new()
            } else {
                keep(t.inline.clone())
            },
            note: t.note.as_ref().map(|n| {
                keep(format!(
                    "{{\\super\\chftn}}{{\\footnote\\pard\\plain\\fs20{{\\super\\chftn}} {n}}}"
                ))
            }),
        })
        .collect();
    let bib = if bibliography.is_empty() {
        String::new()
    } else {
        format!("\n{}\n", keep(rtf::bibliography(bibliography)))
    };
    let with_marks = Pieces {
        texts: &texts,
        ..*p
    };
    let body = marked(&with_marks, |_, note, out| out.push_str(note));
    let heading = p.heading.map(|h| format!("# {h}\n\n"));
    let markdown = place_bibliography(&body, &bib, heading.as_deref());
    rtf::document(&convert(&markdown, &|n| {
        raw.get(n).cloned().unwrap_or_default()
    }))
}

fn convert(markdown: &str, piece: &dyn Fn(usize) -> String) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(tag) => {
                in_code |= matches!(tag, Tag::CodeBlock(_));
                out.push_str(&open(&tag));
            }
            Event::End(tag) => {
                if tag == TagEnd::CodeBlock {
                    in_code = false;
                }
                out.push_str(close(tag));
            }
            Event::Text(text) if in_code => {
                out.push_str(&escape(&text).replace('\n', "\\line\n"));
            }
            Event::Text(text) => push_text(&mut out, &text, piece),
            Event::Code(code) => out.push_str(&format!("{{\\f1 {}}}", escape(&code))),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("\\line "),
            _ => {}
        }
    }
    out
}

fn push_text(out: &mut String, text: &str, piece: &dyn Fn(usize) -> String) {
    let mut rest = text;
    while let Some(start) = rest.find('\u{E000}') {
        out.push_str(&escape(&rest[..start]));
        let after = &rest[start + '\u{E000}'.len_utf8()..];
        let Some(end) = after.find('\u{E001}') else {
            rest = after;
            continue;
        };
        if let Ok(n) = after[..end].parse::<usize>() {
            out.push_str(&piece(n));
        }
        rest = &after[end + '\u{E001}'.len_utf8()..];
    }
    out.push_str(&escape(rest));
}

fn open(tag: &Tag) -> String {
    match tag {
        Tag::Paragraph => "{\\pard\\sa180 ".into(),
        Tag::Heading { level, .. } => {
            format!("{{\\pard\\sb240\\sa120\\keepn\\b\\fs{} ", size(*level))
        }
        Tag::BlockQuote(_) => "{\\li720 ".into(),
        Tag::CodeBlock(_) => "{\\pard\\sa180\\f1\\fs20 ".into(),
        Tag::Item => "{\\pard\\fi-360\\li720\\sa60 \\bullet\\tab ".into(),
        Tag::Emphasis => "{\\i ".into(),
        Tag::Strong => "{\\b ".into(),
        Tag::Strikethrough => "{\\strike ".into(),
        _ => String::new(),
    }
}

fn close(tag: TagEnd) -> &'static str {
    match tag {
        TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock => "\\par}\n",
        TagEnd::Item => "\\par}\n",
        TagEnd::BlockQuote(_) | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => "}",
        _ => "",
    }
}

/// Font size in half-points.
fn size(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 32,
        HeadingLevel::H2 => 28,
        HeadingLevel::H3 => 26,
        _ => 24,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{find_citations, LocatorLabels};

    #[test]
    fn notes_headings_and_bibliography() {
        let doc = "# Başlık\n\nText [@a], more.\n";
        let citations = find_citations(doc, &LocatorLabels::english());
        let texts = vec![RenderedCitation {
            inline: String::new(),
            note: Some("{\\i A}, 5.".into()),
        }];
        let pieces = Pieces {
            doc,
            citations: &citations,
            texts: &texts,
            bibliography: "",
            heading: Some("Bibliography"),
        };
        let out = document(&pieces, &["{\\i A}.".to_string()]);
        assert!(out.starts_with("{\\rtf1"), "{out}");
        assert!(out.contains("Ba\\uc0\\u351 l\\uc0\\u305 k"), "{out}");
        assert!(
            out.contains("Text,{\\super\\chftn}{\\footnote\\pard\\plain\\fs20{\\super\\chftn} {\\i A}, 5.} more."),
            "{out}"
        );
        assert!(
            out.contains("\\fi-720\\li720\\sa120 {\\i A}.\\par}"),
            "{out}"
        );
        let opens = out.matches('{').count() - out.matches("\\{").count();
        let closes = out.matches('}').count() - out.matches("\\}").count();
        assert_eq!(opens, closes, "balanced groups:\n{out}");
    }
}
