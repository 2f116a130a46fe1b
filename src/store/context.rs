//! A parsing context for one file: its path and text, and the diagnostics found
//! so far. Gives every diagnostic its file:line:col.

use crate::diag::{Diagnostic, LineIndex, Location, Span};
use std::path::Path;
use toml_edit::{Item, Key, Value};

pub struct FileContext<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// Built on the first diagnostic: most files have none.
    lines: std::cell::OnceCell<LineIndex>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> FileContext<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> FileContext<'a> {
        FileContext {
            path,
            text,
            lines: std::cell::OnceCell::new(),
            diagnostics: Vec::new(),
        }
    }

    pub fn location(&self, span: Span) -> Location {
        let lines = self.lines.get_or_init(|| LineIndex::new(self.text));
        let (line, column) = lines.line_col(self.text, span.start());
        Location {
            file: self.path.to_path_buf(),
            span: Some(span),
            line,
            column,
        }
    }

    /// Records `diagnostic` at `span`.
    pub fn report(&mut self, span: Span, diagnostic: Diagnostic) {
        let location = self.location(span);
        self.diagnostics.push(diagnostic.with_location(location));
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// The span of a parsed item, or an empty span at the start when unknown.
pub fn item_span(item: &Item) -> Span {
    Span::from_range(item.span()).unwrap_or_default()
}

pub fn value_span(value: &Value) -> Span {
    Span::from_range(value.span()).unwrap_or_default()
}

pub fn key_span(key: &Key) -> Span {
    Span::from_range(key.span()).unwrap_or_default()
}

/// The types a TOML value can have, as messages name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TomlType {
    Nothing,
    Table,
    ArrayOfTables,
    String,
    Integer,
    Float,
    Boolean,
    Datetime,
    Array,
}

impl TomlType {
    /// A short English description, for messages ("a string").
    pub fn name(self) -> &'static str {
        match self {
            TomlType::Nothing => "nothing",
            TomlType::Table => "a table",
            TomlType::ArrayOfTables => "an array of tables",
            TomlType::String => "a string",
            TomlType::Integer => "an integer",
            TomlType::Float => "a float",
            TomlType::Boolean => "a boolean",
            TomlType::Datetime => "a date",
            TomlType::Array => "an array",
        }
    }
}

/// A short English description of a TOML value's type, for messages.
pub fn type_name(item: &Item) -> &'static str {
    let kind = match item {
        Item::None => TomlType::Nothing,
        Item::Table(_) | Item::Value(Value::InlineTable(_)) => TomlType::Table,
        Item::ArrayOfTables(_) => TomlType::ArrayOfTables,
        Item::Value(Value::String(_)) => TomlType::String,
        Item::Value(Value::Integer(_)) => TomlType::Integer,
        Item::Value(Value::Float(_)) => TomlType::Float,
        Item::Value(Value::Boolean(_)) => TomlType::Boolean,
        Item::Value(Value::Datetime(_)) => TomlType::Datetime,
        Item::Value(Value::Array(_)) => TomlType::Array,
    };
    kind.name()
}

/// Text in Unicode NFC, without copying when it already is.
pub fn nfc(text: &str) -> String {
    crate::text::nfc(text).into_owned()
}

/// What [`expect_string`] needs of a TOML value: a settings file's
/// (toml_edit's) or a record's ([`super::tree`]).
pub trait StringItem {
    fn string(&self) -> Option<&str>;
    fn item_span(&self) -> Span;
    fn type_name(&self) -> &'static str;
}

impl StringItem for Item {
    fn string(&self) -> Option<&str> {
        self.as_str()
    }

    fn item_span(&self) -> Span {
        item_span(self)
    }

    fn type_name(&self) -> &'static str {
        type_name(self)
    }
}

impl StringItem for super::tree::Item<'_> {
    fn string(&self) -> Option<&str> {
        self.as_str()
    }

    fn item_span(&self) -> Span {
        self.span
    }

    fn type_name(&self) -> &'static str {
        super::tree::Item::type_name(self)
    }
}

/// A string value, NFC-normalised, or a `wrong-type` diagnostic at the value.
pub fn expect_string(cx: &mut FileContext, name: &str, item: &impl StringItem) -> Option<String> {
    match item.string() {
        Some(s) => Some(nfc(s)),
        None => {
            let message = format!("`{name}` must be a string, not {}", item.type_name());
            cx.report(item.item_span(), Diagnostic::error("wrong-type", message));
            None
        }
    }
}
