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
//!   "dates": { "issued": "1994/.." },
//!   "extra": { "bibtex": { "file": "…" } } } }
//! ```
//!
//! JSON strings escape control characters and invisible direction controls
//! (`\u202e`), so no value can hide text or break the file.

use super::Romanizer;
use super::{name_in_form, pick, ExportOptions, Exported, TextForm};
use crate::model::{Date, DatePart, Endpoint, Entry, MultiText, Name};
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
    let extra: Map<String, Value> = entry
        .extra
        .iter()
        .map(|(format, fields)| (format.clone(), json!(fields)))
        .collect();
    for (key, value) in [
        ("texts", texts),
        ("names", names),
        ("dates", dates),
        ("extra", extra),
    ] {
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
    if let Some(t) = &text.translit() {
        map.insert("translit".into(), json!(t));
    }
    if !text.translations().is_empty() {
        map.insert("translation".into(), json!(text.translations()));
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

/// CSL-JSON years have no year 0: 1 BCE is -1, where kaynak's astronomical
/// years (and EDTF's) have 0.
fn date_parts(part: &DatePart) -> Vec<i64> {
    let year = i64::from(part.year);
    let mut out = vec![if year <= 0 { year - 1 } else { year }];
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
}
