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
                // Control characters (ESC, BEL, C1 …) have no meaning in
                // TeX and must not reach a terminal through a log: dropped.
                '\t' => out.push(' '),
                c if c.is_control() && c != '\n' => {}
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

#[cfg(test)]
mod tests {
    use crate::output::{render, Format, Inline};

    #[test]
    fn control_characters_never_reach_latex() {
        let text = Inline::Text("A\u{1b}]52;c;aGk=\u{7}B\u{9b}31m\tC\u{0}".into());
        assert_eq!(render(&text, Format::Latex), "A]52;c;aGk=B31m C");
    }
}
