//! Plain-text backend: formatting is dropped, text is written as is.

use super::{Backend, Span};
use crate::model::Display;

pub struct Plain;

impl Backend for Plain {
    fn escape(&self, text: &str, out: &mut String) {
        out.push_str(text);
    }

    fn open(&self, span: Span, out: &mut String) {
        if let Span::Display(Display::Block | Display::Indent) = span {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
        }
    }

    fn close(&self, span: Span, out: &mut String) {
        match span {
            Span::Display(Display::Block | Display::Indent) => out.push('\n'),
            Span::Display(Display::LeftMargin) => out.push(' '),
            _ => {}
        }
    }
}
