//! The typed, multilingual model of a reference: what a record means, without
//! TOML syntax. Loading (with spans) lives in `store`; checks, exporters and the
//! CSL engine read only this model.

mod date;
mod field_map;
mod item_type;
pub mod markup;
mod name;
pub mod requirements;
mod text;
pub mod variable;

pub use date::{days_in_month, Date, DateError, DatePart, Endpoint};
pub use field_map::FieldMap;
pub use item_type::ItemType;
pub use name::{Name, NAME_PARTS};
pub use text::{is_control_character, strip_control_characters, MultiText};
pub use variable::{Variable, VariableKind, VARIABLES};

use crate::diag::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A value together with where it was written: the value's span and the span of
/// its key, so diagnostics can point at either.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field<T> {
    pub value: T,
    pub span: Span,
    pub key_span: Span,
}

impl<T> Field<T> {
    pub fn new(value: T, span: Span, key_span: Span) -> Field<T> {
        Field {
            value,
            span,
            key_span,
        }
    }

    /// A field made in code (import, tests), with no place in a file.
    pub fn detached(value: T) -> Field<T> {
        Field::new(value, Span::default(), Span::default())
    }
}

/// A record's request to silence one check rule for itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allow {
    pub rule: String,
    pub reason: Option<String>,
    pub span: Span,
}

/// One reference: a record of the library, keyed by its file stem.
/// (Serialised only into the load cache, which keeps the key and path
/// out: they follow from the file's name.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The citation key (the file stem).
    #[serde(skip)]
    pub key: String,
    /// The record's file, as it was found (relative to where kaynak runs if the
    /// library path was relative).
    #[serde(skip)]
    pub path: PathBuf,
    pub item_type: Field<ItemType>,
    /// A BCP 47 tag for the language of the record's texts.
    pub language: Option<Field<String>>,
    /// Standard and number variables, by CSL name.
    pub texts: FieldMap<Field<MultiText>>,
    /// Name variables, by CSL name.
    pub names: FieldMap<Field<Vec<Name>>>,
    /// Date variables, by CSL name.
    pub dates: FieldMap<Field<Date>>,
    /// Rules this record silences (`[check] allow = […]`).
    pub allow: Vec<Allow>,
    /// Fields an imported file had that CSL has no variable for (`[extra.bibtex]`).
    pub extra: Extra,
}

/// Fields with no CSL counterpart, kept as they were written in an imported
/// file: by source format (`bibtex`, `ris`, `csl-json`), then field name.
/// Styles never print them; an exporter of the same format writes them back.
pub type Extra = BTreeMap<String, BTreeMap<String, String>>;

impl Entry {
    /// A new, empty record of `item_type` (for import and tests).
    pub fn new(key: impl Into<String>, item_type: ItemType) -> Entry {
        Entry {
            key: key.into(),
            path: PathBuf::new(),
            item_type: Field::detached(item_type),
            language: None,
            texts: FieldMap::new(),
            names: FieldMap::new(),
            dates: FieldMap::new(),
            allow: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// A text or number variable.
    pub fn text(&self, variable: &str) -> Option<&MultiText> {
        self.texts.get(variable).map(|f| &f.value)
    }

    /// A name variable.
    pub fn names(&self, variable: &str) -> Option<&[Name]> {
        self.names.get(variable).map(|f| f.value.as_slice())
    }

    /// A date variable.
    pub fn date(&self, variable: &str) -> Option<&Date> {
        self.dates.get(variable).map(|f| &f.value)
    }

    /// The language tag, if the record gives one.
    pub fn language(&self) -> Option<&str> {
        self.language.as_ref().map(|f| f.value.as_str())
    }

    /// The year of publication (`issued`), if known.
    pub fn year(&self) -> Option<i32> {
        self.date("issued").and_then(Date::year)
    }

    /// Sets a text variable (for import and tests). Unknown names are ignored by
    /// returning false: callers report them.
    pub fn set_text(&mut self, variable: &str, value: MultiText) -> bool {
        match variable::lookup(variable) {
            Some(v) if matches!(v.kind, VariableKind::Text | VariableKind::Number) => {
                self.texts.insert(v.name, Field::detached(value));
                true
            }
            _ => false,
        }
    }

    /// Sets a name variable (for import and tests).
    pub fn set_names(&mut self, variable: &str, names: Vec<Name>) -> bool {
        match variable::lookup(variable) {
            Some(v) if v.kind == VariableKind::Names => {
                self.names.insert(v.name, Field::detached(names));
                true
            }
            _ => false,
        }
    }

    /// Sets a date variable (for import and tests).
    pub fn set_date(&mut self, variable: &str, date: Date) -> bool {
        match variable::lookup(variable) {
            Some(v) if v.kind == VariableKind::Date => {
                self.dates.insert(v.name, Field::detached(date));
                true
            }
            _ => false,
        }
    }
}
