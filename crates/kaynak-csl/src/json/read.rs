//! Reading CSL-JSON text item by item: the one CSL-JSON reader, used by
//! [`JsonItem::parse_array`](super::JsonItem::parse_array) for the engine and
//! by kaynak's importer, which maps the same items onto its records.
//!
//! The items are found by a small forward scan of the text (strings and
//! nesting only, no recursion), so each one is parsed on its own: a broken
//! item is reported at its place and the others are still read.

use serde_json::{Map, Value};
use std::ops::Range;

/// One top-level item of a CSL-JSON text, and where it stands.
#[derive(Debug)]
pub struct RawItem {
    /// The item's bytes in the text.
    pub span: Range<usize>,
    /// The item's object, or why it could not be read.
    pub value: Result<Map<String, Value>, ItemError>,
}

/// Why one item could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemError {
    /// The element is valid JSON but not an object (`[1, "x"]`).
    NotAnObject,
    /// The element is not valid JSON: the message, and the byte offset in
    /// the whole text where the JSON parser stopped.
    Syntax {
        /// What is wrong, as serde_json says it.
        message: String,
        /// Byte offset in the whole text.
        offset: usize,
    },
}

/// A text that is not CSL-JSON at all: the message and its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCslJson {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the text.
    pub offset: usize,
}

/// Reads `text` as CSL-JSON: an array of item objects, or one object. Each
/// element is parsed on its own, so one broken element costs only itself.
pub fn read_items(text: &str) -> Result<Vec<RawItem>, NotCslJson> {
    let spans = scan_items(text)?;
    Ok(spans
        .into_iter()
        .map(|span| {
            let part = &text[span.clone()];
            let value = match serde_json::from_str::<Value>(part) {
                Ok(Value::Object(map)) => Ok(map),
                Ok(_) => Err(ItemError::NotAnObject),
                Err(e) => Err(ItemError::Syntax {
                    message: e.to_string(),
                    offset: span.start + offset_of(part, e.line(), e.column()),
                }),
            };
            RawItem { span, value }
        })
        .collect())
}

/// The byte offset of serde_json's 1-based line and column in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// The spans of the top-level items: the elements of the outer array, or the
/// whole text when it is one object. An element cut off by the end of the
/// text is given as far as it goes (its parse then fails, located).
fn scan_items(text: &str) -> Result<Vec<Range<usize>>, NotCslJson> {
    let bytes = text.as_bytes();
    let not_csl_json = |offset: usize, message: &str| NotCslJson {
        message: message.to_string(),
        offset,
    };
    let start = text
        .char_indices()
        .find(|(_, c)| !c.is_whitespace() && *c != '\u{FEFF}')
        .map(|(i, _)| i)
        .ok_or_else(|| not_csl_json(0, "the file is empty"))?;
    match bytes[start] {
        b'{' => {
            let whole = start..text.trim_end().len().max(start);
            return Ok(vec![whole]);
        }
        b'[' => {}
        _ => {
            return Err(not_csl_json(
                start,
                "CSL-JSON starts with `[` (an array of items)",
            ))
        }
    }
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut item_start = None;
    let mut i = start + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => {
                    if depth == 0 {
                        item_start = Some(i);
                    }
                    depth += 1;
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        if let Some(s) = item_start.take() {
                            items.push(s..i + 1);
                        }
                    }
                }
                b']' => return Ok(items),
                b if depth == 0
                    && !b.is_ascii_whitespace()
                    && b != b','
                    && item_start.is_none() =>
                {
                    // A bare value at the top: an element that is not an object.
                    let end = text[i..].find([',', ']']).map_or(text.len(), |e| i + e);
                    items.push(i..end);
                    i = end;
                    continue;
                }
                _ => {}
            }
        }
        i += 1;
    }
    if let Some(s) = item_start {
        items.push(s..bytes.len());
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_items_even_in_a_broken_array() {
        let text = "[{\"id\": \"a\"}, 7, {\"id\": \"b\", \"title\": \"x}\"}, {\"id\": ";
        let items = read_items(text).expect("an array");
        assert_eq!(items.len(), 4);
        assert_eq!(
            items[0].value.as_ref().ok().and_then(|m| m.get("id")),
            Some(&Value::from("a"))
        );
        assert_eq!(items[1].value, Err(ItemError::NotAnObject));
        assert_eq!(
            items[2].value.as_ref().ok().and_then(|m| m.get("title")),
            Some(&Value::from("x}"))
        );
        assert!(
            matches!(items[3].value, Err(ItemError::Syntax { offset, .. }) if offset >= items[3].span.start)
        );
    }

    #[test]
    fn spans_follow_strings_and_nesting() {
        let text = r#"[ {"id": "a", "title": "x]}"}, 7, {"id": "b"}, {"id": "c", "#;
        let items = read_items(text).expect("an array");
        let parts: Vec<&str> = items.iter().map(|i| &text[i.span.clone()]).collect();
        assert_eq!(
            parts,
            [
                r#"{"id": "a", "title": "x]}"}"#,
                "7",
                r#"{"id": "b"}"#,
                r#"{"id": "c", "#
            ]
        );
    }

    #[test]
    fn one_object_is_one_item_and_other_texts_are_refused() {
        let items = read_items("\u{FEFF} {\"id\": \"a\"}\n").expect("an object");
        assert_eq!(items.len(), 1);
        assert_eq!(read_items("  ").unwrap_err().message, "the file is empty");
        assert_eq!(read_items("\n x").unwrap_err().offset, 2);
    }
}
