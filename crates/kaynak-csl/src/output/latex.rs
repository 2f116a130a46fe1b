//! LaTeX backend: `\textit{}`, `\textbf{}`, `\textsc{}`, …; the ten
//! special characters are escaped.

use super::{Backend, Span};
use crate::style::model::Display;

pub struct Latex;

impl Backend for Latex {
    fn escape(&self, text: &str, out: &mut String) {
        for c in text.chars() {
            match c {
                '\\' => out.push_str("\\textbackslash{}"),
                '~' => out.push_str("\\textasciitilde{}"),
                '^' => out.push_str("\\textasciicircum{}"),
                '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                    out.push('\\');
                    out.push(c);
                }
                '\u{a0}' => out.push('~'),
                _ => out.push(c),
            }
        }
    }

    fn open(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "\\textit{",
            Span::NormalStyle => "\\textup{",
            Span::Bold => "\\textbf{",
            Span::NormalWeight | Span::Light => "\\textmd{",
            Span::SmallCaps => "\\textsc{",
            Span::NormalVariant => "\\textnormal{",
            Span::Underline => "\\underline{",
            Span::Superscript => "\\textsuperscript{",
            Span::Subscript => "\\textsubscript{",
            Span::Baseline => "{",
            Span::Display(Display::Block | Display::Indent) => "\\par{}",
            Span::Display(_) => "",
        })
    }

    fn close(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Display(Display::LeftMargin) => " ",
            Span::Display(Display::Block | Display::Indent) => "\\par{}",
            Span::Display(_) => "",
            _ => "}",
        })
    }
}
