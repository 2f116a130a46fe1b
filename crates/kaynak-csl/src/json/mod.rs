//! CSL-JSON items (the format of the test suite and of Zotero/pandoc
//! exports), read item by item ([`read_items`]) and exposed through
//! [`CslItem`].
//!
//! An item's keys are read once into [`Variable`]s. Keys that name no CSL
//! variable are left out, except Zotero's `shortTitle` and
//! `journalAbbreviation`, which stand for `title-short` and
//! `container-title-short` when the item has no such value of its own.

mod read;

pub use read::{read_items, ItemError, NotCslJson, RawItem};

use super::item::{CslItem, Date, Name};
use crate::variable::{Variable, VariableKind};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// One CSL-JSON item.
#[derive(Debug, Clone, Default)]
pub struct JsonItem {
    /// The item's `id` (numbers are kept as their text).
    pub id: String,
    /// The item's `type` (`book`, `article-journal` …).
    pub item_type: String,
    /// Variables given as text (standard and number variables), each once.
    pub variables: Fields<String>,
    /// Variables given as lists of names (`author`, `editor` …), each once.
    pub names: Fields<Vec<Name>>,
    /// Date variables (`issued`, `accessed` …), each once.
    pub dates: Fields<Date>,
}

/// Values by variable, each variable once. An item has few fields of each
/// kind, and the engine asks for absent ones all the time (every
/// `variable=` condition): a scan of one byte per field answers faster than
/// a hash would.
pub type Fields<T> = Vec<(Variable, T)>;

fn get<T>(fields: &Fields<T>, variable: Variable) -> Option<&T> {
    fields
        .iter()
        .find(|(v, _)| *v == variable)
        .map(|(_, value)| value)
}

/// Sets `variable` to `value`, in place of a value it had.
fn set<T>(fields: &mut Fields<T>, variable: Variable, value: T) {
    match fields.iter_mut().find(|(v, _)| *v == variable) {
        Some((_, old)) => *old = value,
        None => fields.push((variable, value)),
    }
}

/// The value of `variable`, made by `make` if it has none.
fn entry<T>(fields: &mut Fields<T>, variable: Variable, make: impl FnOnce() -> T) -> &mut T {
    let at = match fields.iter().position(|(v, _)| *v == variable) {
        Some(at) => at,
        None => {
            fields.push((variable, make()));
            fields.len() - 1
        }
    };
    &mut fields[at].1
}

/// Zotero's names for the short forms: (key, the variable it stands for).
const SHORT_ALIASES: [(&str, Variable); 2] = [
    ("shortTitle", Variable::TitleShort),
    ("journalAbbreviation", Variable::ContainerTitleShort),
];

impl JsonItem {
    /// Parse a JSON array of items (or one item object). Elements that are
    /// not objects are skipped; a syntax error anywhere is an error.
    pub fn parse_array(text: &str) -> Result<Vec<JsonItem>, String> {
        let items = read_items(text).map_err(|e| e.message)?;
        let mut out = Vec::with_capacity(items.len());
        // The parsed objects are all dropped at the end, not one by one as
        // their items are made: the items then lie together in memory, which
        // the engine's passes over them measurably prefer (csl_bench).
        for item in &items {
            match &item.value {
                Ok(object) => out.push(JsonItem::from_object(object)),
                Err(ItemError::NotAnObject) => {}
                Err(ItemError::Syntax { message, .. }) => return Err(message.clone()),
            }
        }
        drop(items);
        Ok(out)
    }

    /// Read one item from a JSON object; `None` if it is not an object.
    pub fn from_value(value: &Value) -> Option<JsonItem> {
        value.as_object().map(JsonItem::from_object)
    }

    /// Read one item from a JSON object.
    pub fn from_object(object: &Map<String, Value>) -> JsonItem {
        let mut item = JsonItem {
            id: object.get("id").map(scalar_text).unwrap_or_default(),
            item_type: object
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("article")
                .to_string(),
            ..JsonItem::default()
        };
        for (key, value) in object {
            if let Some(variable) = Variable::parse(key) {
                item.read_field(variable, value);
            }
        }
        if let Some(note) = get(&item.variables, Variable::Note).cloned() {
            item.read_note_fields(&note);
        }
        for (key, variable) in SHORT_ALIASES {
            let alias = object.get(key).filter(|v| v.is_string() || v.is_number());
            let own = get(&item.variables, variable).filter(|v| !v.is_empty());
            if let Some(alias) = alias.map(scalar_text).filter(|_| own.is_none()) {
                if !alias.is_empty() {
                    set(&mut item.variables, variable, alias);
                }
            }
        }
        item
    }

    fn read_field(&mut self, variable: Variable, value: &Value) {
        let is_date = variable.kind() == VariableKind::Date;
        match value {
            Value::Array(list) if list.iter().all(Value::is_object) && !is_date => {
                let names = list
                    .iter()
                    .filter_map(Value::as_object)
                    .map(read_name)
                    .collect();
                set(&mut self.names, variable, names);
            }
            Value::Object(object) if is_date || object.contains_key("date-parts") => {
                set(&mut self.dates, variable, read_date(object));
            }
            Value::String(_) | Value::Number(_) => {
                let text = scalar_text(value);
                if is_date {
                    set(&mut self.dates, variable, date_from_text(&text));
                } else {
                    set(&mut self.variables, variable, text);
                }
            }
            _ => {}
        }
    }

    /// citeproc-js reads `key: value` lines of `note` as variables.
    fn read_note_fields(&mut self, note: &str) {
        let mut rest = Vec::new();
        for line in note.lines() {
            let Some((key, value)) = line.split_once(':') else {
                rest.push(line);
                continue;
            };
            let key = key.trim().trim_start_matches('{').trim();
            let known = key.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !key.is_empty();
            if !known || value.trim().is_empty() {
                rest.push(line);
                continue;
            }
            let value = value.trim().trim_end_matches('}').trim();
            if key == "type" {
                self.item_type = value.to_string();
                continue;
            }
            // a line of another key is taken out of the note all the same
            let Some(variable) = Variable::parse(key) else {
                continue;
            };
            if variable.kind() == VariableKind::Date {
                entry(&mut self.dates, variable, || date_from_text(value));
            } else if is_name_key(variable) {
                let name = parse_note_name(value);
                entry(&mut self.names, variable, Vec::new).push(name);
            } else {
                entry(&mut self.variables, variable, || value.to_string());
            }
        }
        if rest.len() != note.lines().count() {
            let remaining = rest.join("\n");
            if remaining.trim().is_empty() {
                self.variables.retain(|(v, _)| *v != Variable::Note);
            } else {
                set(&mut self.variables, Variable::Note, remaining);
            }
        }
    }
}

fn parse_note_name(value: &str) -> Name {
    match value.split_once("||") {
        Some((family, given)) => Name {
            family: Some(family.trim().to_string()),
            given: Some(given.trim().to_string()),
            ..Name::default()
        },
        None => Name {
            literal: Some(value.trim().to_string()),
            ..Name::default()
        },
    }
}

/// The name variables a `key: value` line of `note` sets (citeproc-js's).
fn is_name_key(variable: Variable) -> bool {
    use Variable::*;
    matches!(
        variable,
        Author
            | Editor
            | Translator
            | Director
            | Illustrator
            | Composer
            | ContainerAuthor
            | CollectionEditor
            | EditorialDirector
            | Interviewer
            | OriginalAuthor
            | Recipient
            | ReviewedAuthor
    )
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn read_name(object: &Map<String, Value>) -> Name {
    let text = |key: &str| object.get(key).map(scalar_text).filter(|s| !s.is_empty());
    let flag = |key: &str| match object.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0) != 0,
        Some(Value::String(s)) => !s.is_empty() && s != "false" && s != "0",
        _ => false,
    };
    let mut name = Name {
        family: text("family"),
        given: text("given"),
        dropping_particle: text("dropping-particle"),
        non_dropping_particle: text("non-dropping-particle"),
        suffix: text("suffix"),
        comma_suffix: flag("comma-suffix"),
        static_ordering: flag("static-ordering"),
        literal: text("literal"),
    };
    if name.literal.is_none() && name.given.is_none() && flag("isInstitution") {
        name.literal = name.family.take();
    }
    if name.literal.is_none() && flag("parse-names")
        || name.dropping_particle.is_none() && name.non_dropping_particle.is_none()
    {
        crate::names_parse::split_particles(&mut name);
    }
    name
}

fn read_date(object: &Map<String, Value>) -> Date {
    let mut date = Date {
        season: object
            .get("season")
            .map(scalar_text)
            .filter(|s| !s.is_empty()),
        circa: match object.get("circa") {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => !s.is_empty(),
            Some(Value::Number(n)) => n.as_i64().unwrap_or(0) != 0,
            _ => false,
        },
        literal: object.get("literal").map(scalar_text),
        parts: Vec::new(),
    };
    if let Some(Value::Array(ranges)) = object.get("date-parts") {
        for range in ranges.iter().take(2) {
            if let Value::Array(parts) = range {
                let mut out = [0i32; 3];
                for (slot, part) in out.iter_mut().zip(parts.iter()) {
                    *slot = scalar_text(part).trim().parse().unwrap_or(0);
                }
                if (13..=16).contains(&(out[1] - 8)) {
                    out[1] -= 8;
                }
                if out[0] != 0 || !date.parts.is_empty() && !parts.is_empty() {
                    date.parts.push(out);
                }
            }
        }
    }
    if date.parts.is_empty() && date.literal.is_none() {
        if let Some(raw) = object.get("raw").map(scalar_text) {
            let parsed = date_from_text(&raw);
            date.parts = parsed.parts;
            date.literal = parsed.literal;
        }
    }
    if let Some(season) = date.season.as_deref() {
        if let (Ok(n), Some(first)) = (season.parse::<i32>(), date.parts.first_mut()) {
            if first[1] == 0 && (1..=4).contains(&n) {
                first[1] = 12 + n;
                date.season = None;
            }
        }
    }
    date
}

/// Read `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and ranges joined by `/`.
pub fn date_from_text(text: &str) -> Date {
    let mut parts = Vec::new();
    for piece in text.split('/').take(2) {
        let numbers: Vec<i32> = piece
            .trim()
            .split('-')
            .map(|n| n.trim().parse::<i32>())
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        if numbers.is_empty() || numbers.len() > 3 {
            return Date {
                literal: Some(text.to_string()),
                ..Date::default()
            };
        }
        let mut out = [0; 3];
        for (slot, n) in out.iter_mut().zip(numbers) {
            *slot = n;
        }
        parts.push(out);
    }
    Date {
        parts,
        ..Date::default()
    }
}

impl CslItem for JsonItem {
    fn id(&self) -> &str {
        &self.id
    }

    fn item_type(&self) -> &str {
        &self.item_type
    }

    fn variable(&self, variable: Variable) -> Option<&str> {
        get(&self.variables, variable)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    fn names(&self, variable: Variable) -> Option<Cow<'_, [Name]>> {
        get(&self.names, variable)
            .filter(|n| !n.is_empty())
            .map(|n| Cow::Borrowed(n.as_slice()))
    }

    fn date(&self, variable: Variable) -> Option<Cow<'_, Date>> {
        get(&self.dates, variable).map(Cow::Borrowed)
    }
}
