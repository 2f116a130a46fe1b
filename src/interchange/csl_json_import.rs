//! CSL-JSON import: an array of CSL items (or one item), item by item.
//!
//! The items are read by the CSL processor's CSL-JSON reader
//! ([`crate::csl::json::read_items`], the one reader of the format), each on
//! its own: a broken item is reported at its line and the others are
//! imported, and every diagnostic points at the item's field. Values CSL cannot hold (`author: [1, 2]`, a name with no
//! known part, `date-parts: [[2021, 13, 45]]`, an unknown `type`) are
//! reported and kept as written in `[extra.csl-json]`, as are fields that are
//! no CSL variable. CSL-JSON years count 1 BCE as -1; kaynak's years are
//! astronomical (1 BCE is 0), so negative years shift by one.
//! `custom.kaynak` (see [`super::csl_json`]) gives back the forms the main
//! fields could not hold.

use super::{Imported, Source};
use crate::csl::json::{read_items, ItemError};
use crate::diag::{Diagnostic, Span};
use crate::model::{
    days_in_month, variable, Date, DatePart, Endpoint, Entry, Field, ItemType, MultiText, Name,
    VariableKind,
};
use serde_json::{Map, Value};

/// The `[extra]` table of CSL-JSON fields.
pub const EXTRA: &str = "csl-json";

pub fn import(source: &Source) -> Imported {
    let mut imported = Imported::default();
    let items = match read_items(source.text) {
        Ok(items) => items,
        Err(e) => {
            imported.diagnostics.push(
                Diagnostic::error("invalid-json", e.message)
                    .with_location(source.at(Span::new(e.offset, e.offset)))
                    .with_help(
                        "CSL-JSON is an array of item objects: [{ \"id\": …, \"type\": … }]",
                    ),
            );
            return imported;
        }
    };
    for item in items {
        let span = Span::new(item.span.start, item.span.end);
        match item.value {
            Ok(map) => {
                let mut reader = ItemReader {
                    source,
                    item: span,
                    entry: Entry::new("", ItemType::Document),
                    diagnostics: Vec::new(),
                };
                reader.read(&map);
                imported.diagnostics.append(&mut reader.diagnostics);
                imported.entries.push(reader.entry);
                imported.spans.push(span);
            }
            Err(ItemError::NotAnObject) => {
                imported.skipped += 1;
                imported.diagnostics.push(
                    Diagnostic::error("invalid-json", "this item is not an object")
                        .with_location(source.at(span))
                        .with_help("each item is { \"id\": …, \"type\": …, \"title\": … }"),
                );
            }
            Err(ItemError::Syntax { message, offset }) => {
                imported.skipped += 1;
                imported.diagnostics.push(
                    Diagnostic::error("invalid-json", format!("cannot read this item: {message}"))
                        .with_location(source.at(Span::new(offset, offset)))
                        .with_help("fix the JSON of this item; the others are imported"),
                );
            }
        }
    }
    imported
}

struct ItemReader<'a, 's> {
    source: &'a Source<'s>,
    item: Span,
    entry: Entry,
    diagnostics: Vec<Diagnostic>,
}

impl ItemReader<'_, '_> {
    fn read(&mut self, map: &Map<String, Value>) {
        self.entry.key = match map.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        for (name, value) in map {
            self.field(name, value);
        }
        if let Some(custom) = map
            .get("custom")
            .and_then(|c| c.get("kaynak"))
            .and_then(Value::as_object)
        {
            read_custom(&mut self.entry, custom);
        }
    }

    /// Where `name` stands in the item (its first `"name"`), else the item.
    fn span_of(&self, name: &str) -> Span {
        let text = &self.source.text[self.item.start()..self.item.end()];
        let quoted = format!("\"{name}\"");
        text.find(&quoted)
            .map(|at| {
                let start = self.item.start() + at;
                Span::new(start, start + quoted.len())
            })
            .unwrap_or(Span::new(self.item.start(), self.item.start() + 1))
    }

    /// Reports a value CSL cannot hold and keeps it as written.
    fn keep(&mut self, name: &str, value: &Value, why: Option<String>) {
        if let Some(why) = why {
            let key = if self.entry.key.is_empty() {
                "an item"
            } else {
                &self.entry.key
            };
            self.diagnostics.push(
                Diagnostic::warning(
                    "csl-json-value",
                    format!("{key}: `{name}` {why}; kept as written in [extra.csl-json]"),
                )
                .with_location(self.source.at(self.span_of(name))),
            );
        }
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        self.entry
            .extra
            .entry(EXTRA.to_string())
            .or_default()
            .insert(name.to_string(), text);
    }

    fn field(&mut self, name: &str, value: &Value) {
        match name {
            "id" | "custom" => {}
            "type" => match value.as_str().and_then(ItemType::from_name) {
                Some(t) => self.entry.item_type.value = t,
                None => self.keep(name, value, Some("is not a CSL item type".into())),
            },
            "language" => match value.as_str() {
                Some(tag) if !tag.trim().is_empty() => {
                    self.entry.language = Some(Field::detached(tag.trim().to_string()))
                }
                _ => self.keep(name, value, Some("is not a language tag".into())),
            },
            _ => match variable::lookup(name).filter(|v| v.in_records) {
                Some(v) => self.variable(v.name, v.kind, value),
                None => self.keep(name, value, None),
            },
        }
    }

    fn variable(&mut self, name: &'static str, kind: VariableKind, value: &Value) {
        match kind {
            VariableKind::Text | VariableKind::Number => match value {
                Value::String(s) => {
                    self.entry.set_text(name, MultiText::plain(s.as_str()));
                }
                Value::Number(n) => {
                    self.entry.set_text(name, MultiText::plain(n.to_string()));
                }
                _ => self.keep(name, value, Some("is not text".into())),
            },
            VariableKind::Names => match read_names(value) {
                Ok(names) => {
                    self.entry.set_names(name, names);
                }
                Err(why) => self.keep(name, value, Some(why)),
            },
            VariableKind::Date => match read_date(value) {
                Ok(date) => {
                    self.entry.set_date(name, date);
                }
                Err(why) => self.keep(name, value, Some(why)),
            },
        }
    }
}

/// A name list, or why it is not one.
fn read_names(value: &Value) -> Result<Vec<Name>, String> {
    let list = value.as_array().ok_or("is not an array of names")?;
    let mut names = Vec::with_capacity(list.len());
    for (i, element) in list.iter().enumerate() {
        let name = read_name(element).ok_or_else(|| {
            format!(
                "has an entry ({}: {element}) that is not a name with family, given or literal",
                i + 1
            )
        })?;
        names.push(name);
    }
    Ok(names)
}

fn read_name(value: &Value) -> Option<Name> {
    let map = value.as_object()?;
    let text = |key: &str| {
        map.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(MultiText::plain)
    };
    let flag = |key: &str| {
        map.get(key)
            .is_some_and(|v| v.as_bool() == Some(true) || v.as_i64() == Some(1))
    };
    let name = Name {
        family: text("family"),
        given: text("given"),
        dropping_particle: text("dropping-particle"),
        non_dropping_particle: text("non-dropping-particle"),
        suffix: text("suffix"),
        literal: text("literal"),
        comma_suffix: flag("comma-suffix"),
        static_ordering: flag("static-ordering"),
        ..Name::default()
    };
    let known = name.family.is_some() || name.given.is_some() || name.literal.is_some();
    known.then_some(name)
}

/// A CSL date (object with `date-parts`, `raw` or `literal`, or an EDTF
/// string), or why it is not one.
fn read_date(value: &Value) -> Result<Date, String> {
    if let Some(text) = value.as_str() {
        return Date::parse(text).map_err(|e| format!("is not a date: {}", e.message));
    }
    let map = value.as_object().ok_or("is not a date object")?;
    let Some(parts) = map.get("date-parts") else {
        let text = ["raw", "literal"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Value::as_str))
            .ok_or("has neither date-parts nor raw")?;
        return Date::parse(text).map_err(|e| format!("is not a date: {}", e.message));
    };
    let parts = parts
        .as_array()
        .ok_or("has date-parts that are not an array")?;
    let mut ends = Vec::with_capacity(2);
    for part in parts.iter().take(2) {
        ends.push(read_parts(part)?);
    }
    let Some(first) = ends.first_mut() else {
        return Err("has empty date-parts".into());
    };
    first.approximate = map.get("circa").is_some_and(|c| {
        c.as_bool() == Some(true) || c.as_i64() == Some(1) || c.as_str().is_some()
    });
    if let Some(season) = map.get("season") {
        let number = season
            .as_u64()
            .or_else(|| season.as_str().and_then(|t| t.trim().parse().ok()))
            .and_then(|s| u8::try_from(s).ok())
            .map(|s| if s > 20 { s - 20 } else { s })
            .filter(|s| (1..=4).contains(s))
            .ok_or("has a season that is not 1–4")?;
        if first.month.is_none() {
            first.season = Some(number);
        }
    }
    Ok(match ends.as_slice() {
        [one] => Date::single(*one),
        [start, end, ..] => Date {
            start: Endpoint::Known(*start),
            end: Some(Endpoint::Known(*end)),
        },
        [] => return Err("has empty date-parts".into()),
    })
}

/// `[year, month, day]`, numbers or numeric strings; CSL years (1 BCE = -1)
/// become astronomical ones (1 BCE = 0); months 13–16 and 21–24 are seasons.
fn read_parts(value: &Value) -> Result<DatePart, String> {
    let list = value
        .as_array()
        .ok_or("has a date part that is not an array")?;
    let mut numbers = Vec::with_capacity(3);
    for v in list.iter().take(3) {
        let n = v
            .as_i64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            .ok_or_else(|| format!("has a date part `{v}` that is not a number"))?;
        numbers.push(n);
    }
    let year = *numbers.first().ok_or("has an empty date part")?;
    let year = i32::try_from(if year < 0 { year + 1 } else { year })
        .ok()
        .filter(|y| (-9999..=9999).contains(y))
        .ok_or_else(|| format!("has the year {year}, beyond ±9999"))?;
    let mut part = DatePart {
        year,
        ..DatePart::default()
    };
    match numbers.get(1).copied() {
        None => {}
        Some(m @ 1..=12) => part.month = Some(m as u8),
        Some(s @ 13..=16) => part.season = Some((s - 12) as u8),
        Some(s @ 21..=24) => part.season = Some((s - 20) as u8),
        Some(m) => return Err(format!("has the month {m}, not 1–12")),
    }
    if let Some(day) = numbers.get(2).copied() {
        let month = part.month.ok_or("has a day without a month")?;
        let last = i64::from(days_in_month(year, month));
        if !(1..=last).contains(&day) {
            return Err(format!(
                "has the day {day}, which month {month} of {year} does not have"
            ));
        }
        part.day = Some(day as u8);
    }
    Ok(part)
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
    for (format, fields) in section("extra").into_iter().flatten() {
        let Some(fields) = fields.as_object() else {
            continue;
        };
        let table = entry.extra.entry(format.clone()).or_default();
        for (name, value) in fields {
            if let Some(text) = value.as_str() {
                table.insert(name.clone(), text.to_string());
            }
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
    Some(MultiText::new(
        map.get("original")?.as_str()?.to_string(),
        map.get("translit")
            .and_then(Value::as_str)
            .map(str::to_string),
        translations,
    ))
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
    use serde_json::json;

    #[test]
    fn reads_date_objects_in_every_common_shape() {
        let read = |v: Value| read_date(&v).map(|d| d.to_string());
        assert_eq!(
            read(json!({ "date-parts": [["2021", "3", "31"]] })).as_deref(),
            Ok("2021-03-31")
        );
        assert_eq!(
            read(json!({ "date-parts": [[1994], [2010]] })).as_deref(),
            Ok("1994/2010")
        );
        assert_eq!(read(json!({ "raw": "2021-03" })).as_deref(), Ok("2021-03"));
        assert_eq!(read(json!("2021")).as_deref(), Ok("2021"));
        assert_eq!(
            read(json!({ "date-parts": [[-44]] })).as_deref(),
            Ok("-0043")
        );
        assert!(read(json!({ "literal": "spring, perhaps" })).is_err());
        assert!(read(json!({ "date-parts": [[2021, 13, 45]] })).is_err());
        assert!(read(json!({ "date-parts": [[2021, 17]] }))
            .unwrap_err()
            .contains("month 17"));
        assert!(read(json!({ "date-parts": [[2021, 2, 30]] }))
            .unwrap_err()
            .contains("day 30"));
    }

    #[test]
    fn names_must_be_names() {
        assert!(read_names(&json!([1, 2])).is_err());
        assert!(read_names(&json!([{ "name": "x" }])).is_err());
        assert_eq!(
            read_names(&json!([{ "literal": "others" }])).map(|n| n.len()),
            Ok(1)
        );
    }
}
