//! HTML backend, following citeproc-js's markup so the test suite compares.

use super::{Backend, Span};
use crate::csl::style::model::Display;

pub struct Html;

impl Backend for Html {
    fn escape(&self, text: &str, out: &mut String) {
        for c in text.chars() {
            match c {
                '&' => out.push_str("&#38;"),
                '<' => out.push_str("&#60;"),
                '>' => out.push_str("&#62;"),
                _ => out.push(c),
            }
        }
    }

    fn open(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "<i>",
            Span::NormalStyle => "<span style=\"font-style:normal;\">",
            Span::Bold => "<b>",
            Span::NormalWeight => "<span style=\"font-weight:normal;\">",
            Span::Light => "<span style=\"font-weight:light;\">",
            Span::SmallCaps => "<span style=\"font-variant:small-caps;\">",
            Span::NormalVariant => "<span style=\"font-variant:normal;\">",
            Span::Underline => "<span style=\"text-decoration:underline;\">",
            Span::Superscript => "<sup>",
            Span::Subscript => "<sub>",
            Span::Baseline => "<span style=\"baseline\">",
            Span::Display(Display::Block) => "<div class=\"csl-block\">",
            Span::Display(Display::LeftMargin) => "<div class=\"csl-left-margin\">",
            Span::Display(Display::RightInline) => "<div class=\"csl-right-inline\">",
            Span::Display(Display::Indent) => "<div class=\"csl-indent\">",
        })
    }

    fn close(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "</i>",
            Span::Bold => "</b>",
            Span::Superscript => "</sup>",
            Span::Subscript => "</sub>",
            Span::Display(_) => "</div>",
            _ => "</span>",
        })
    }
}

/// One `csl-entry` line as citeproc-js writes it.
pub fn entry(content: &str) -> String {
    if content.starts_with("<div class=\"csl-left-margin\">")
        || content.starts_with("<div class=\"csl-block\">")
    {
        let content = content.replace(
            "</div><div class=\"csl-left-margin\">",
            "</div>\n\n    <div class=\"csl-left-margin\">",
        );
        format!("  <div class=\"csl-entry\">\n    {content}\n  </div>\n")
    } else if content.contains("<div class=\"csl-") {
        format!("  <div class=\"csl-entry\">{content}\n  </div>\n")
    } else {
        format!("  <div class=\"csl-entry\">{content}</div>\n")
    }
}
