//! Markdown backend (pandoc flavour): `*italic*`, `**bold**`,
//! `[text]{.smallcaps}`, `^sup^`, `~sub~`; specials are backslash-escaped.

use super::{Backend, Span};
use crate::style::model::Display;

pub struct Markdown;

impl Backend for Markdown {
    fn escape(&self, text: &str, out: &mut String) {
        for c in text.chars() {
            if matches!(
                c,
                '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '^' | '~' | '|'
            ) {
                out.push('\\');
            }
            out.push(c);
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
