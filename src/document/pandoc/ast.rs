//! Pandoc's JSON document: the API version check, walking blocks and
//! inlines in reading order (notes where they stand), reading citations and
//! metadata, and turning inlines back into plain text.
//!
//! The tree is kept as JSON and walked generically, so elements kaynak does
//! not touch (tables, figures of newer API versions) pass through unchanged.

use crate::document::metadata::{MetaValue, Metadata};
use serde_json::Value;

/// The pandoc-types API versions whose JSON this filter reads: 1.17 (pandoc
/// 1.18) introduced the versioned document; 1.22 is pandoc 2.17's, 1.23
/// pandoc 3's.
const OLDEST_MINOR: u64 = 17;
const NEWEST_MINOR: u64 = 23;

/// A pandoc document as JSON, with its API version.
#[derive(Debug, Clone)]
pub struct Document {
    pub value: Value,
    /// `[major, minor, …]` of `pandoc-api-version`.
    pub version: Vec<u64>,
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Document {
    /// Reads pandoc's JSON; refuses API versions whose shape differs.
    pub fn read(json: &str) -> Result<Document, ReadError> {
        let value: Value =
            serde_json::from_str(json).map_err(|e| ReadError(format!("not pandoc JSON: {e}")))?;
        let version: Vec<u64> = value
            .get("pandoc-api-version")
            .and_then(Value::as_array)
            .map(|parts| parts.iter().filter_map(Value::as_u64).collect())
            .ok_or_else(|| {
                ReadError(
                    "the document has no pandoc-api-version: pandoc 1.18 or later is needed".into(),
                )
            })?;
        match version.as_slice() {
            [1, minor, ..] if *minor >= OLDEST_MINOR => {}
            _ => {
                return Err(ReadError(format!(
                "pandoc API version {} is not supported (1.{OLDEST_MINOR} to 1.{NEWEST_MINOR} are)",
                version_text(&version)
            )))
            }
        }
        if !value.get("blocks").is_some_and(Value::is_array) {
            return Err(ReadError("the document has no blocks".into()));
        }
        Ok(Document { value, version })
    }

    /// Whether this API has the `Underline` inline (1.21 and later).
    pub fn has_underline(&self) -> bool {
        self.version.get(1).is_some_and(|minor| *minor >= 21)
    }

    /// A version newer than the newest this filter was written for.
    pub fn is_newer_than_known(&self) -> bool {
        self.version
            .get(1)
            .is_some_and(|minor| *minor > NEWEST_MINOR)
    }

    /// The version as `1.22.2.1`.
    pub fn version_text(&self) -> String {
        version_text(&self.version)
    }

    /// The metadata kaynak acts on.
    pub fn metadata(&self) -> Metadata {
        let mut metadata = Metadata::default();
        let Some(meta) = self.value.get("meta").and_then(Value::as_object) else {
            return metadata;
        };
        for (key, value) in meta {
            let reduced = if key == "nocite" {
                nocite_value(value)
            } else {
                meta_value(value)
            };
            metadata.set(key, reduced);
        }
        metadata
    }
}

fn version_text(version: &[u64]) -> String {
    version
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// The tag of an element (`"Str"`, `"Cite"` …).
pub fn tag(value: &Value) -> Option<&str> {
    value.get("t").and_then(Value::as_str)
}

/// What the walk meets, in reading order.
pub enum Visit<'v> {
    /// A `Cite`; `in_note` when inside a note.
    Cite(&'v mut Value, bool),
    /// A `Note` starts.
    Note,
    /// Every array of elements, after its elements were walked.
    List(&'v mut Vec<Value>),
}

/// Walks `value` in reading order; a note's contents are walked where the
/// note stands. A `Cite`'s own contents are not walked.
pub fn walk(value: &mut Value, in_note: bool, visit: &mut dyn FnMut(Visit)) {
    match value {
        Value::Array(items) => {
            for item in items.iter_mut() {
                walk(item, in_note, visit);
            }
            visit(Visit::List(items));
        }
        Value::Object(object) => match object.get("t").and_then(Value::as_str) {
            Some("Cite") => visit(Visit::Cite(value, in_note)),
            Some("Note") => {
                visit(Visit::Note);
                if let Some(content) = value.get_mut("c") {
                    walk(content, true, visit);
                }
            }
            Some(_) => {
                if let Some(content) = object.get_mut("c") {
                    walk(content, in_note, visit);
                }
            }
            None => {}
        },
        _ => {}
    }
}

/// Plain text of inlines or blocks (pandoc's `stringify`, without notes).
pub fn stringify(value: &Value) -> String {
    let mut out = String::new();
    push_text(value, &mut out);
    out
}

fn push_text(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => items.iter().for_each(|i| push_text(i, out)),
        Value::Object(_) => {
            let content = value.get("c");
            match tag(value) {
                Some("Str") | Some("MetaString") => {
                    out.push_str(content.and_then(Value::as_str).unwrap_or(""))
                }
                Some("Space" | "SoftBreak" | "LineBreak") => out.push(' '),
                Some("Code" | "Math") => {
                    let text = content.and_then(|c| c.get(1)).and_then(Value::as_str);
                    out.push_str(text.unwrap_or(""));
                }
                Some("Quoted") => {
                    let double = content
                        .and_then(|c| c.get(0))
                        .and_then(tag)
                        .is_some_and(|t| t == "DoubleQuote");
                    out.push(if double { '“' } else { '‘' });
                    if let Some(inner) = content.and_then(|c| c.get(1)) {
                        push_text(inner, out);
                    }
                    out.push(if double { '”' } else { '’' });
                }
                Some("Note" | "RawInline" | "RawBlock" | "Image") => {}
                Some("Link" | "Span" | "Cite") => {
                    if let Some(inner) = content.and_then(|c| c.get(1)) {
                        push_text(inner, out);
                    }
                }
                Some("Para" | "Plain") => {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                    if let Some(inner) = content {
                        push_text(inner, out);
                    }
                }
                Some("MetaBool") => {
                    let b = content.and_then(Value::as_bool).unwrap_or(false);
                    out.push_str(if b { "true" } else { "false" });
                }
                _ => {
                    if let Some(inner) = content {
                        push_text(inner, out);
                    }
                }
            }
        }
        _ => {}
    }
}

/// A metadata value reduced to text, a flag or a list.
fn meta_value(value: &Value) -> MetaValue {
    match tag(value) {
        Some("MetaBool") => {
            MetaValue::Bool(value.get("c").and_then(Value::as_bool).unwrap_or(false))
        }
        Some("MetaList") => MetaValue::List(
            value
                .get("c")
                .and_then(Value::as_array)
                .map(|items| items.iter().map(stringify).collect())
                .unwrap_or_default(),
        ),
        Some("MetaMap") => MetaValue::Other,
        Some(_) => MetaValue::Text(stringify(value)),
        None => MetaValue::Other,
    }
}

/// `nocite`: the keys of the citations it holds (`@*` stays `@*`).
fn nocite_value(value: &Value) -> MetaValue {
    let mut keys = Vec::new();
    let mut copy = value.clone();
    walk(&mut copy, false, &mut |visit| {
        if let Visit::Cite(cite, _) = visit {
            let citations = cite
                .get("c")
                .and_then(|c| c.get(0))
                .and_then(Value::as_array);
            for citation in citations.into_iter().flatten() {
                if let Some(id) = citation.get("citationId").and_then(Value::as_str) {
                    keys.push(format!("@{id}"));
                }
            }
        }
    });
    if keys.is_empty() {
        MetaValue::Text(stringify(value))
    } else {
        MetaValue::Text(keys.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        let doc = |v: &str| format!(r#"{{"pandoc-api-version":{v},"meta":{{}},"blocks":[]}}"#);
        assert!(Document::read(&doc("[1,22,2,1]")).is_ok());
        assert!(Document::read(&doc("[1,23,1]")).is_ok());
        assert!(Document::read(&doc("[1,24]"))
            .unwrap()
            .is_newer_than_known());
        assert!(!Document::read(&doc("[1,20]")).unwrap().has_underline());
        let old = Document::read(&doc("[1,16]")).unwrap_err();
        assert!(old.0.contains("1.16 is not supported"), "{old}");
        assert!(Document::read("[{\"unMeta\":{}},[]]").is_err());
        assert!(Document::read("not json").is_err());
    }

    #[test]
    fn metadata_and_stringify() {
        let json = r#"{"pandoc-api-version":[1,22],"blocks":[],"meta":{
            "lang":{"t":"MetaInlines","c":[{"t":"Str","c":"tr-TR"}]},
            "link-citations":{"t":"MetaBool","c":true},
            "reference-section-title":{"t":"MetaInlines","c":[{"t":"Str","c":"Works"},{"t":"Space"},{"t":"Str","c":"Cited"}]},
            "nocite":{"t":"MetaInlines","c":[{"t":"Cite","c":[[{"citationId":"a","citationPrefix":[],"citationSuffix":[],"citationMode":{"t":"NormalCitation"},"citationNoteNum":1,"citationHash":0}],[{"t":"Str","c":"@a"}]]}]}}}"#;
        let meta = Document::read(json).unwrap().metadata();
        assert_eq!(meta.lang.as_deref(), Some("tr-TR"));
        assert!(meta.link_citations);
        assert_eq!(meta.reference_section_title.as_deref(), Some("Works Cited"));
        assert_eq!(meta.nocite, crate::document::Nocite::Keys(vec!["a".into()]));
    }
}
