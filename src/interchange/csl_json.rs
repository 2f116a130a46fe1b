//! CSL-JSON (the CSL 1.0.2 data schema), as pandoc, Zotero and citeproc read it.
//!
//! The main fields hold the form chosen by `--form`. What CSL-JSON has no
//! place for — the other forms of multilingual texts and names, and EDTF
//! dates it cannot express — goes into the schema's `custom` object under
//! `custom.kaynak`, so that an import gives back the same record:
//!
//! ```json
//! "custom": { "kaynak": {
//!   "texts": { "title": { "original": "…", "translit": "…", "translation": { "en": "…" } } },
//!   "names": { "author": [ { "family": { "original": "…", "translit": "…" } } ] },
//!   "dates": { "issued": "1994/.." } } }
//! ```
//!
//! JSON strings escape control characters and invisible direction controls
//! (`\u202e`), so no value can hide text or break the file.

use super::Romanizer;
use super::{append_note, name_in_form, pick, ExportOptions, Exported, Imported, Source, TextForm};
use crate::diag::{Diagnostic, Location, Span};
use crate::model::{
    variable, Date, DatePart, Endpoint, Entry, ItemType, MultiText, Name, VariableKind,
};
use serde_json::{json, Map, Value};

pub fn export(entries: &[&Entry], options: &ExportOptions, out: &mut Exported) {
    let items: Vec<Value> = entries
        .iter()
        .map(|e| item(e, &options.form, options.scheme_for(e)))
        .collect();
    let text = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default();
    out.text = escape_invisible(&text);
    out.text.push('\n');
}

fn item(entry: &Entry, form: &TextForm, scheme: Romanizer) -> Value {
    let mut map = Map::new();
    let mut custom = Map::new();
    map.insert("id".into(), json!(entry.key));
    map.insert("type".into(), json!(entry.item_type.value.name()));
    if let Some(language) = entry.language() {
        map.insert("language".into(), json!(language));
    }
    let mut texts = Map::new();
    for (name, field) in &entry.texts {
        map.insert((*name).into(), json!(pick(&field.value, form, scheme)));
        if !field.value.is_plain() || *form != TextForm::Original {
            texts.insert((*name).into(), multi_text(&field.value));
        }
    }
    let mut names = Map::new();
    for (variable, field) in &entry.names {
        let list: Vec<Value> = field
            .value
            .iter()
            .map(|n| csl_name(&name_in_form(n, form, scheme)))
            .collect();
        map.insert((*variable).into(), Value::Array(list));
        let plain = field
            .value
            .iter()
            .all(|n| n.parts().all(MultiText::is_plain));
        if !plain || *form != TextForm::Original {
            let full = field.value.iter().map(kaynak_name).collect();
            names.insert((*variable).into(), Value::Array(full));
        }
    }
    let mut dates = Map::new();
    for (variable, field) in &entry.dates {
        let (value, exact) = csl_date(&field.value);
        map.insert((*variable).into(), value);
        if !exact {
            dates.insert((*variable).into(), json!(field.value.to_string()));
        }
    }
    for (key, value) in [("texts", texts), ("names", names), ("dates", dates)] {
        if !value.is_empty() {
            custom.insert(key.into(), Value::Object(value));
        }
    }
    if !custom.is_empty() {
        map.insert("custom".into(), json!({ "kaynak": custom }));
    }
    Value::Object(map)
}

fn multi_text(text: &MultiText) -> Value {
    let mut map = Map::new();
    map.insert("original".into(), json!(text.original));
    if let Some(t) = &text.translit {
        map.insert("translit".into(), json!(t));
    }
    if !text.translations.is_empty() {
        map.insert("translation".into(), json!(text.translations));
    }
    Value::Object(map)
}

const NAME_PARTS: [&str; 6] = [
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "literal",
];

fn name_parts(name: &Name) -> [&Option<MultiText>; 6] {
    [
        &name.family,
        &name.given,
        &name.dropping_particle,
        &name.non_dropping_particle,
        &name.suffix,
        &name.literal,
    ]
}

fn csl_name(name: &Name) -> Value {
    let mut map = Map::new();
    for (key, part) in NAME_PARTS.iter().zip(name_parts(name)) {
        if let Some(text) = part {
            map.insert((*key).into(), json!(text.original));
        }
    }
    if name.comma_suffix {
        map.insert("comma-suffix".into(), json!(true));
    }
    if name.static_ordering {
        map.insert("static-ordering".into(), json!(true));
    }
    Value::Object(map)
}

fn kaynak_name(name: &Name) -> Value {
    let mut map = Map::new();
    for (key, part) in NAME_PARTS.iter().zip(name_parts(name)) {
        if let Some(text) = part {
            map.insert((*key).into(), multi_text(text));
        }
    }
    Value::Object(map)
}

/// A CSL date object, and whether it says all that the EDTF date says.
fn csl_date(date: &Date) -> (Value, bool) {
    let mut parts = Vec::new();
    let mut exact = true;
    for endpoint in std::iter::once(&date.start).chain(date.end.as_ref()) {
        match endpoint {
            Endpoint::Known(p) => parts.push(date_parts(p)),
            _ => exact = false,
        }
    }
    let mut map = Map::new();
    map.insert("date-parts".into(), json!(parts));
    let first = date.first();
    if let Some(season) = first.and_then(|p| p.season) {
        map.insert("season".into(), json!(season));
    }
    if first.is_some_and(|p| p.approximate) {
        map.insert("circa".into(), json!(true));
    }
    if date
        .parts()
        .any(|p| p.uncertain || (p.approximate && date.end.is_some()))
    {
        exact = false;
    }
    (Value::Object(map), exact)
}

fn date_parts(part: &DatePart) -> Vec<i64> {
    let mut out = vec![i64::from(part.year)];
    if let Some(m) = part.month {
        out.push(i64::from(m));
        if let Some(d) = part.day {
            out.push(i64::from(d));
        }
    }
    out
}

/// Writes invisible direction controls and the BOM as `\uXXXX` escapes
/// (serde_json leaves them raw); they only occur inside strings.
fn escape_invisible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::store::serialize::is_invisible_format(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

pub fn import(source: &Source) -> Imported {
    let mut imported = Imported::default();
    let value: Value = match serde_json::from_str(source.text) {
        Ok(v) => v,
        Err(e) => {
            imported.diagnostics.push(
                Diagnostic::error(
                    "invalid-json",
                    format!("cannot read the CSL-JSON file: {e}"),
                )
                .with_location(location(source, e.line(), e.column()))
                .with_help("fix the JSON at this place; nothing was imported"),
            );
            return imported;
        }
    };
    let items = match value {
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        _ => {
            imported.diagnostics.push(
                Diagnostic::error("invalid-json", "CSL-JSON is an array of item objects")
                    .with_location(Location::at(source.path, source.text, Span::new(0, 0))),
            );
            return imported;
        }
    };
    for (i, item) in items.iter().enumerate() {
        match item.as_object() {
            Some(map) => imported.entries.push(read_item(map, i)),
            None => imported.diagnostics.push(
                Diagnostic::error("invalid-json", format!("item {} is not an object", i + 1))
                    .with_location(Location::file(source.path)),
            ),
        }
    }
    imported
}

/// A location from serde_json's 1-based line and column.
fn location(source: &Source, line: usize, column: usize) -> Location {
    let line_start: usize = source
        .text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = (line_start + column.saturating_sub(1)).min(source.text.len());
    let mut loc = source.at(Span::new(offset, offset));
    loc.line = line.max(1);
    loc
}

fn read_item(map: &Map<String, Value>, index: usize) -> Entry {
    let key = match map.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("item-{}", index + 1),
    };
    let mut entry = Entry::new(key, ItemType::Document);
    let custom = map
        .get("custom")
        .and_then(|c| c.get("kaynak"))
        .and_then(Value::as_object);
    for (name, value) in map {
        read_field(&mut entry, name, value);
    }
    if let Some(custom) = custom {
        read_custom(&mut entry, custom);
    }
    entry
}

fn read_field(entry: &mut Entry, name: &str, value: &Value) {
    match name {
        "id" | "custom" => {}
        "type" => match value.as_str().and_then(ItemType::from_name) {
            Some(t) => entry.item_type.value = t,
            None => append_note(entry, "type", &plain(value)),
        },
        "language" => {
            entry.language = Some(crate::model::Field::detached(plain(value)));
        }
        _ => {
            let known = variable::lookup(name).filter(|v| v.in_records);
            let stored = match known.map(|v| v.kind) {
                Some(VariableKind::Text | VariableKind::Number) => {
                    (value.is_string() || value.is_number())
                        && entry.set_text(name, MultiText::plain(plain(value)))
                }
                Some(VariableKind::Names) => value
                    .as_array()
                    .map(|list| list.iter().filter_map(read_name).collect())
                    .is_some_and(|names| entry.set_names(name, names)),
                Some(VariableKind::Date) => {
                    read_date(value).is_some_and(|d| entry.set_date(name, d))
                }
                None => false,
            };
            if !stored {
                append_note(entry, name, &plain(value));
            }
        }
    }
}

/// A JSON value as text: strings as they are, anything else as JSON.
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn read_name(value: &Value) -> Option<Name> {
    let map = value.as_object()?;
    let text = |key: &str| {
        map.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(MultiText::plain)
    };
    let name = Name {
        family: text("family"),
        given: text("given"),
        dropping_particle: text("dropping-particle"),
        non_dropping_particle: text("non-dropping-particle"),
        suffix: text("suffix"),
        literal: text("literal"),
        comma_suffix: map
            .get("comma-suffix")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        static_ordering: map
            .get("static-ordering")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        ..Name::default()
    };
    let has_part = name.parts().next().is_some();
    has_part.then_some(name)
}

fn read_date(value: &Value) -> Option<Date> {
    if let Some(text) = value.as_str() {
        return Date::parse(text).ok();
    }
    let map = value.as_object()?;
    if let Some(parts) = map.get("date-parts").and_then(Value::as_array) {
        let mut ends: Vec<DatePart> = parts.iter().filter_map(read_parts).collect();
        if let Some(first) = ends.first_mut() {
            first.approximate = map.get("circa").is_some_and(|c| {
                c.as_bool() == Some(true) || c.as_i64() == Some(1) || c.as_str().is_some()
            });
            first.season = map
                .get("season")
                .and_then(|s| {
                    s.as_u64()
                        .or_else(|| s.as_str().and_then(|t| t.parse().ok()))
                })
                .and_then(|s| u8::try_from(s).ok())
                .filter(|s| (1..=4).contains(s) && first.month.is_none());
        }
        return match ends.as_slice() {
            [one] => Some(Date::single(*one)),
            [start, end, ..] => Some(Date {
                start: Endpoint::Known(*start),
                end: Some(Endpoint::Known(*end)),
            }),
            [] => None,
        };
    }
    ["raw", "literal"]
        .iter()
        .find_map(|k| map.get(*k).and_then(Value::as_str))
        .and_then(|t| Date::parse(t).ok())
}

fn read_parts(value: &Value) -> Option<DatePart> {
    let numbers: Vec<i64> = value
        .as_array()?
        .iter()
        .filter_map(|v| {
            v.as_i64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        })
        .collect();
    let year = i32::try_from(*numbers.first()?).ok()?;
    let small = |i: usize, max: i64| {
        numbers
            .get(i)
            .filter(|n| (1..=max).contains(*n))
            .and_then(|n| u8::try_from(*n).ok())
    };
    let month = small(1, 12);
    Some(DatePart {
        year,
        month,
        day: month.and(small(2, 31)),
        ..DatePart::default()
    })
}

/// `custom.kaynak`: the full forms that the main fields could not hold.
fn read_custom(entry: &mut Entry, custom: &Map<String, Value>) {
    let section = |key: &str| custom.get(key).and_then(Value::as_object);
    for (name, value) in section("texts").into_iter().flatten() {
        if let Some(text) = read_multi_text(value) {
            entry.set_text(name, text);
        }
    }
    for (name, value) in section("names").into_iter().flatten() {
        if let Some(list) = value.as_array() {
            let mut names: Vec<Name> = list.iter().map(read_kaynak_name).collect();
            if let Some(plain) = entry.names(name) {
                for (full, csl) in names.iter_mut().zip(plain) {
                    full.comma_suffix = csl.comma_suffix;
                    full.static_ordering = csl.static_ordering;
                }
            }
            entry.set_names(name, names);
        }
    }
    for (name, value) in section("dates").into_iter().flatten() {
        if let Some(date) = value.as_str().and_then(|t| Date::parse(t).ok()) {
            entry.set_date(name, date);
        }
    }
}

fn read_multi_text(value: &Value) -> Option<MultiText> {
    if let Some(s) = value.as_str() {
        return Some(MultiText::plain(s));
    }
    let map = value.as_object()?;
    let translations = map
        .get("translation")
        .and_then(Value::as_object)
        .map(|t| {
            t.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    Some(MultiText {
        original: map.get("original")?.as_str()?.to_string(),
        translit: map
            .get("translit")
            .and_then(Value::as_str)
            .map(str::to_string),
        translations,
    })
}

fn read_kaynak_name(value: &Value) -> Name {
    let part = |key: &str| value.get(key).and_then(read_multi_text);
    Name {
        family: part("family"),
        given: part("given"),
        dropping_particle: part("dropping-particle"),
        non_dropping_particle: part("non-dropping-particle"),
        suffix: part("suffix"),
        literal: part("literal"),
        ..Name::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_say_when_csl_cannot_hold_them() {
        let (value, exact) = csl_date(&Date::parse("2021-03-31").unwrap());
        assert_eq!(value, json!({ "date-parts": [[2021, 3, 31]] }));
        assert!(exact);
        let (value, exact) = csl_date(&Date::parse("2019~").unwrap());
        assert_eq!(value, json!({ "date-parts": [[2019]], "circa": true }));
        assert!(exact);
        assert!(!csl_date(&Date::parse("2019?").unwrap()).1);
        assert!(!csl_date(&Date::parse("1994/..").unwrap()).1);
    }

    #[test]
    fn invisible_controls_are_escaped() {
        assert_eq!(escape_invisible("\"a\u{202E}b\""), "\"a\\u202eb\"");
    }

    #[test]
    fn reads_date_objects_in_every_common_shape() {
        let read = |v: Value| read_date(&v).map(|d| d.to_string());
        assert_eq!(
            read(json!({ "date-parts": [["2021", "3", "31"]] })).as_deref(),
            Some("2021-03-31")
        );
        assert_eq!(
            read(json!({ "date-parts": [[1994], [2010]] })).as_deref(),
            Some("1994/2010")
        );
        assert_eq!(
            read(json!({ "raw": "2021-03" })).as_deref(),
            Some("2021-03")
        );
        assert_eq!(read(json!("2021")).as_deref(), Some("2021"));
        assert_eq!(read(json!({ "literal": "spring, perhaps" })), None);
    }
}
