//! RTF backend: `{\i …}`, `{\b …}`, `{\scaps …}`; `\`, `{`, `}` escaped and
//! non-ASCII written as `\uN?`.

use super::{Backend, Span};
use crate::style::model::Display;

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
