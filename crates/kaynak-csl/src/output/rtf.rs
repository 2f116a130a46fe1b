//! RTF backend: `{\i …}`, `{\b …}`, `{\scaps …}`; `\`, `{`, `}` escaped and
//! non-ASCII written as `\uN?`.

use super::{Backend, Span};
use crate::model::Display;

/// The RTF backend.
pub struct Rtf;

impl Backend for Rtf {
    fn escape(&self, text: &str, out: &mut String) {
        for c in text.chars() {
            match c {
                '\\' | '{' | '}' => {
                    out.push('\\');
                    out.push(c);
                }
                '\t' => out.push_str("\\tab "),
                c if (c as u32) < 128 => out.push(c),
                c => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\uc0\\u{} ", *unit as i16));
                    }
                }
            }
        }
    }

    fn open(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "{\\i ",
            Span::NormalStyle => "{\\i0 ",
            Span::Bold => "{\\b ",
            Span::NormalWeight | Span::Light => "{\\b0 ",
            Span::SmallCaps => "{\\scaps ",
            Span::NormalVariant => "{\\scaps0 ",
            Span::Underline => "{\\ul ",
            Span::Superscript => "{\\super ",
            Span::Subscript => "{\\sub ",
            Span::Baseline => "{\\nosupersub ",
            Span::Display(Display::Block | Display::Indent) => "\\line ",
            Span::Display(_) => "",
        })
    }

    fn close(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Display(Display::LeftMargin) => "\\tab ",
            Span::Display(_) => "",
            _ => "}",
        })
    }
}

/// What opens an RTF document: the header a word processor needs (fonts,
/// Unicode text as `\uN` escapes).
pub const HEADER: &str = "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc0\n{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fmodern\\fcharset0 Courier New;}}\n\\f0\\fs24\n";

/// What opens a bibliography written entry by entry (entries separated by
/// `\par`, as the bibliography writer does): the document header and a
/// paragraph format with a half-inch hanging indent.
pub const BIBLIOGRAPHY_START: &str = concat!(
    "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc0\n{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fmodern\\fcharset0 Courier New;}}\n\\f0\\fs24\n",
    "\\pard\\fi-720\\li720\\sa120\n"
);

/// What closes a bibliography opened with [`BIBLIOGRAPHY_START`].
pub const BIBLIOGRAPHY_END: &str = "\\par\n}";

/// A complete RTF document around `body` (paragraphs in RTF).
pub fn document(body: &str) -> String {
    format!("{HEADER}{}\n}}\n", body.trim_end())
}

/// Bibliography entries (each already in RTF) as paragraphs with a hanging
/// indent of half an inch.
pub fn bibliography(entries: &[String]) -> String {
    let mut out = String::new();
    for entry in entries {
        out.push_str("{\\pard\\fi-720\\li720\\sa120 ");
        out.push_str(entry);
        out.push_str("\\par}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_bibliography_is_a_document_too() {
        assert!(BIBLIOGRAPHY_START.starts_with(HEADER));
        let doc = format!("{BIBLIOGRAPHY_START}A.\\par\nB.{BIBLIOGRAPHY_END}");
        let opens = doc.matches('{').count();
        assert_eq!(opens, doc.matches('}').count());
    }

    #[test]
    fn a_document_has_the_rtf_header_and_closes() {
        let mut entry = String::new();
        Rtf.escape("Niyazov {x} Ниязов", &mut entry);
        let doc = document(&bibliography(&[entry]));
        assert!(doc.starts_with("{\\rtf1\\ansi"), "{doc}");
        assert!(doc.ends_with("}\n"));
        assert!(doc.contains("Niyazov \\{x\\} \\uc0\\u1053 "), "{doc}");
        let opens = doc.matches('{').count() - doc.matches("\\{").count();
        let closes = doc.matches('}').count() - doc.matches("\\}").count();
        assert_eq!(opens, closes, "balanced groups");
    }
}
