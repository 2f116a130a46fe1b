//! Rendered citations and bibliography entries (the CSL output tree) as
//! pandoc inlines: text split into `Str` and `Space`, italics as `Emph`,
//! bold as `Strong`, small caps, super- and subscripts, and CSL's display
//! and "normal" switches as classed `Span`s, as pandoc's citeproc makes them.

use crate::csl::output::{flatten, normalize, Event, Span};
use crate::csl::style::model::Display;
use crate::csl::Inline;
use serde_json::{json, Value};

/// Options of the conversion.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The API has `Underline` (1.21 and later); else a `Span` with class `underline`.
    pub underline: bool,
    /// Web addresses become links (pandoc's `link-bibliography`).
    pub link_urls: bool,
}

/// The inlines of a rendered node.
pub fn inlines(node: &Inline, options: Options) -> Vec<Value> {
    let events = normalize(flatten(node));
    // a stack of open elements: (how to close it, its inlines so far)
    let mut stack: Vec<(Span, Vec<Value>)> = Vec::new();
    let mut out: Vec<Value> = Vec::new();
    for event in &events {
        let target = match stack.last_mut() {
            Some((_, inlines)) => inlines,
            None => &mut out,
        };
        match event {
            Event::Text(text) | Event::CloseQuote(text, _) => {
                push_text(target, text, options.link_urls)
            }
            Event::Open(span) => stack.push((*span, Vec::new())),
            Event::Close(_) => {
                if let Some((span, content)) = stack.pop() {
                    let element = element(span, content, options);
                    match stack.last_mut() {
                        Some((_, inlines)) => inlines.push(element),
                        None => out.push(element),
                    }
                }
            }
        }
    }
    // anything left open closes at the end
    while let Some((span, content)) = stack.pop() {
        let element = element(span, content, options);
        match stack.last_mut() {
            Some((_, inlines)) => inlines.push(element),
            None => out.push(element),
        }
    }
    out
}

fn element(span: Span, content: Vec<Value>, options: Options) -> Value {
    let wrap = |t: &str| json!({"t": t, "c": content});
    let classed = |class: &str| json!({"t": "Span", "c": [["", [class], []], content]});
    match span {
        Span::Italic => wrap("Emph"),
        Span::Bold => wrap("Strong"),
        Span::SmallCaps => wrap("SmallCaps"),
        Span::Superscript => wrap("Superscript"),
        Span::Subscript => wrap("Subscript"),
        Span::Underline if options.underline => wrap("Underline"),
        Span::Underline => classed("underline"),
        Span::NormalStyle => classed("csl-no-emph"),
        Span::NormalWeight | Span::Light => classed("csl-no-strong"),
        Span::NormalVariant => classed("csl-no-smallcaps"),
        Span::Baseline => classed("csl-baseline"),
        Span::Display(display) => classed(match display {
            Display::Block => "csl-block",
            Display::LeftMargin => "csl-left-margin",
            Display::RightInline => "csl-right-inline",
            Display::Indent => "csl-indent",
        }),
    }
}

/// Text as `Str` and `Space` elements; web addresses as links when asked.
fn push_text(out: &mut Vec<Value>, text: &str, link_urls: bool) {
    for (n, word) in text.split(' ').enumerate() {
        if n > 0 {
            out.push(json!({"t": "Space"}));
        }
        if word.is_empty() {
            continue;
        }
        match url_in(word).filter(|_| link_urls) {
            Some((before, url, after)) => {
                push_str(out, before);
                out.push(json!({"t": "Link", "c": [["", [], []], [str_element(url)], [url, ""]]}));
                push_str(out, after);
            }
            None => push_str(out, word),
        }
    }
}

/// Appends text to the `Str` that ends `out`, or as a new one, so words
/// are one `Str` each as pandoc's reader makes them.
fn push_str(out: &mut Vec<Value>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.get("t").and_then(Value::as_str) == Some("Str") {
            if let Some(Value::String(previous)) = last.get_mut("c") {
                previous.push_str(text);
                return;
            }
        }
    }
    out.push(str_element(text));
}

/// A `Str`.
pub fn str_element(text: &str) -> Value {
    json!({"t": "Str", "c": text})
}

/// Text as `Str` and `Space` elements.
pub fn text_inlines(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    push_text(&mut out, text, false);
    out
}

/// A web address inside a word: what comes before, the address, and the
/// punctuation after it.
fn url_in(word: &str) -> Option<(&str, &str, &str)> {
    let start = word.find("https://").or_else(|| word.find("http://"))?;
    let rest = &word[start..];
    let end = rest
        .trim_end_matches(['.', ',', ';', ':', ')', '>', '”', '’'])
        .len();
    Some((&word[..start], &rest[..end], &rest[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csl::style::model::{FontStyle, Formatting};

    #[test]
    fn text_formatting_and_links() {
        let italic = Formatting {
            font_style: Some(FontStyle::Italic),
            ..Formatting::default()
        };
        let node = Inline::seq(vec![
            Inline::Text("See ".into()),
            Inline::Formatted(italic, vec![Inline::Text("The Post".into())]),
            Inline::Text(", https://example.org/a.".into()),
        ]);
        let out = inlines(
            &node,
            Options {
                underline: true,
                link_urls: true,
            },
        );
        assert_eq!(
            Value::Array(out),
            json!([
                {"t":"Str","c":"See"},{"t":"Space"},
                {"t":"Emph","c":[{"t":"Str","c":"The"},{"t":"Space"},{"t":"Str","c":"Post"}]},
                {"t":"Str","c":","},{"t":"Space"},
                {"t":"Link","c":[["",[],[]],[{"t":"Str","c":"https://example.org/a"}],["https://example.org/a",""]]},
                {"t":"Str","c":"."}
            ])
        );
    }
}
