//! CSL-JSON items (the format of the test suite and of Zotero/pandoc
//! exports), read item by item ([`read_items`]) and exposed through
//! [`CslItem`].

mod read;

pub use read::{read_items, ItemError, NotCslJson, RawItem};

use super::item::{CslItem, Date, Name};
use crate::fasthash::FastMap;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// One CSL-JSON item.
#[derive(Debug, Clone, Default)]
pub struct JsonItem {
    /// The item's `id` (numbers are kept as their text).
    pub id: String,
    /// The item's `type` (`book`, `article-journal` …).
    pub item_type: String,
    /// Standard and number variables, by CSL name, as text.
    pub variables: FastMap<String, String>,
    /// Name variables (`author`, `editor` …).
    pub names: FastMap<String, Vec<Name>>,
    /// Date variables (`issued`, `accessed` …).
    pub dates: FastMap<String, Date>,
}

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
            item.read_field(key, value);
        }
        if let Some(note) = item.variables.get("note").cloned() {
            item.read_note_fields(&note);
        }
        item
    }

    fn read_field(&mut self, key: &str, value: &Value) {
        match (key, value) {
            ("id" | "type", _) => {}
            (_, Value::Array(list)) if list.iter().all(Value::is_object) && !is_date_key(key) => {
                let names = list
                    .iter()
                    .filter_map(Value::as_object)
                    .map(read_name)
                    .collect();
                self.names.insert(key.to_string(), names);
            }
            (_, Value::Object(object)) if is_date_key(key) || object.contains_key("date-parts") => {
                self.dates.insert(key.to_string(), read_date(object));
            }
            (_, Value::String(_) | Value::Number(_)) => {
                let text = scalar_text(value);
                if is_date_key(key) {
                    self.dates.insert(key.to_string(), date_from_text(&text));
                } else {
                    self.variables.insert(key.to_string(), text);
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
            if is_date_key(key) {
                self.dates
                    .entry(key.to_string())
                    .or_insert_with(|| date_from_text(value));
            } else if key == "type" {
                self.item_type = value.to_string();
            } else if is_name_key(key) {
                let name = parse_note_name(value);
                self.names.entry(key.to_string()).or_default().push(name);
            } else {
                self.variables
                    .entry(key.to_string())
                    .or_insert_with(|| value.to_string());
            }
        }
        if rest.len() != note.lines().count() {
            let remaining = rest.join("\n");
            if remaining.trim().is_empty() {
                self.variables.remove("note");
            } else {
                self.variables.insert("note".to_string(), remaining);
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

fn is_name_key(key: &str) -> bool {
    matches!(
        key,
        "author"
            | "editor"
            | "translator"
            | "director"
            | "illustrator"
            | "composer"
            | "container-author"
            | "collection-editor"
            | "editorial-director"
            | "interviewer"
            | "original-author"
            | "recipient"
            | "reviewed-author"
    )
}

fn is_date_key(key: &str) -> bool {
    matches!(
        key,
        "issued" | "accessed" | "event-date" | "original-date" | "submitted" | "available-date"
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

/// A field by name. An item has few fields of each kind, and the engine
/// asks for absent ones all the time (every `variable=` condition), so
/// small maps are scanned (a length check rejects most keys) rather than
/// hashed.
fn lookup<'m, V>(map: &'m FastMap<String, V>, name: &str) -> Option<&'m V> {
    if map.len() <= 8 {
        map.iter()
            .find(|(key, _)| key.as_str() == name)
            .map(|(_, v)| v)
    } else {
        map.get(name)
    }
}

impl CslItem for JsonItem {
    fn id(&self) -> &str {
        &self.id
    }

    fn item_type(&self) -> &str {
        &self.item_type
    }

    fn variable(&self, name: &str) -> Option<&str> {
        lookup(&self.variables, name)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    fn names(&self, name: &str) -> Option<Cow<'_, [Name]>> {
        lookup(&self.names, name)
            .filter(|n| !n.is_empty())
            .map(|n| Cow::Borrowed(n.as_slice()))
    }

    fn date(&self, name: &str) -> Option<Cow<'_, Date>> {
        lookup(&self.dates, name).map(Cow::Borrowed)
    }
}
