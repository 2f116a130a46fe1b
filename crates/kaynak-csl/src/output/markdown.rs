//! Markdown backend (pandoc flavour): `*italic*`, `**bold**`,
//! `[text]{.smallcaps}`, `^sup^`, `~sub~`; specials are backslash-escaped,
//! `@` too (pandoc would read `@word` as a citation), and so is a list
//! marker (`- `, `+ `, `1. `) at the start of a line.

use super::{Backend, Span};
use crate::model::Display;

pub struct Markdown;

impl Backend for Markdown {
    fn escape(&self, text: &str, out: &mut String) {
        let mut line_start = out.is_empty() || out.ends_with('\n');
        for (i, c) in text.char_indices() {
            if matches!(
                c,
                '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '^' | '~' | '|' | '@'
            ) || line_start && starts_list(&text[i..])
            {
                out.push('\\');
            }
            out.push(c);
            line_start = c == '\n' || line_start && c.is_ascii_digit();
        }
    }

    fn open(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "*",
            Span::Bold => "**",
            Span::SmallCaps | Span::Underline => "[",
            Span::Superscript => "^",
            Span::Subscript => "~",
            Span::Display(Display::Block | Display::Indent) if !out.is_empty() => "\n\n",
            _ => "",
        })
    }

    fn close(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "*",
            Span::Bold => "**",
            Span::SmallCaps => "]{.smallcaps}",
            Span::Underline => "]{.underline}",
            Span::Superscript => "^",
            Span::Subscript => "~",
            Span::Display(Display::LeftMargin) => " ",
            Span::Display(Display::Block | Display::Indent) => "\n\n",
            _ => "",
        })
    }
}

/// Whether a line starting with `text` would be read as a list item: the
/// marker is what the escape goes before (`-`, `+`, or the `.`/`)` after digits).
fn starts_list(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('-' | '+') => chars.next().is_none_or(|c| c == ' '),
        Some('.' | ')') => chars.next().is_none_or(|c| c == ' '),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        let mut out = String::new();
        Markdown.escape(text, &mut out);
        out
    }

    #[test]
    fn citations_and_list_markers_are_escaped() {
        assert_eq!(md("mail @niyazov"), "mail \\@niyazov");
        assert_eq!(md("- a dash"), "\\- a dash");
        assert_eq!(md("1. First"), "1\\. First");
        assert_eq!(md("a - b 1. c"), "a - b 1. c");
        assert_eq!(md("x\n+ y"), "x\n\\+ y");
    }
}
