//! The canonical TOML text of a record: what `kaynak import` writes, and what
//! any other writer may use. It turns an [`Entry`] back into a record that
//! [`crate::store::parse_record`] reads to an equal entry (spans aside).
//!
//! The layout is fixed so that the same entry always gives the same bytes:
//! `type`, `language`, then the fields in the order `kaynak fmt` keeps
//! ([`super::canonical::field_rank`]: titles, names as multi-line arrays of
//! inline tables, publication fields, dates, identifiers, the rest, `note`),
//! then the `[check]` and `[extra.…]` tables. A date is a TOML date
//! (`2021-03-31`) when it is a single complete day, else an EDTF string.
//!
//! A text with only its original form is a plain string; one with a
//! transliteration or translations is an inline table
//! `{ original = "…", translit = "…", translation = { en = "…" } }`. Number
//! variables that are plain decimal integers are written as TOML integers.
//! Strings are basic strings; control characters and the invisible Unicode
//! direction controls are written as `\uXXXX` escapes, so a record never hides
//! text from a reader. This module does not touch files: see [`super::write`].

use crate::model::{Date, Endpoint, Entry, MultiText, Name};
use std::fmt::Write as _;

/// The canonical TOML text of `entry` (ending with a newline): fields in the
/// order `kaynak fmt` keeps ([`super::canonical::field_rank`]).
pub fn to_toml(entry: &Entry) -> String {
    let mut out = String::new();
    line(
        &mut out,
        "type",
        &basic_string(entry.item_type.value.name()),
    );
    if let Some(language) = entry.language() {
        line(&mut out, "language", &basic_string(language));
    }
    let mut fields: Vec<&str> = entry
        .texts
        .keys()
        .chain(entry.names.keys())
        .chain(entry.dates.keys())
        .copied()
        .collect();
    fields.sort_by_key(|name| (super::canonical::field_rank(name), *name));
    for name in fields {
        if let Some(list) = entry.names(name) {
            write_names(&mut out, name, list);
        } else if let Some(date) = entry.date(name) {
            line(&mut out, name, &date_value(date));
        } else {
            write_text(&mut out, entry, name);
        }
    }
    write_check(&mut out, entry);
    write_extra(&mut out, entry);
    out
}

/// `[extra.FORMAT]` tables, one `field = "value"` line each.
fn write_extra(out: &mut String, entry: &Entry) {
    for (format, fields) in &entry.extra {
        if fields.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n[extra.{}]", bare_or_quoted_key(format));
        for (name, value) in fields {
            line(out, name, &basic_string(value));
        }
    }
}

fn line(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{} = {value}", bare_or_quoted_key(key));
}

fn write_text(out: &mut String, entry: &Entry, name: &str) {
    let Some(text) = entry.text(name) else {
        return;
    };
    let number = crate::model::variable::lookup(name)
        .is_some_and(|v| v.kind == crate::model::VariableKind::Number);
    let value = if number && text.is_plain() && is_toml_integer(&text.original) {
        text.original.clone()
    } else {
        text_value(text)
    };
    line(out, name, &value);
}

/// A decimal integer without sign or leading zero that TOML reads back as the
/// same digits.
fn is_toml_integer(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 18
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'))
}

/// A text as a string or an `{ original, translit, translation }` inline table.
pub fn text_value(text: &MultiText) -> String {
    if text.is_plain() {
        return basic_string(&text.original);
    }
    let mut parts = vec![format!("original = {}", basic_string(&text.original))];
    if let Some(translit) = &text.translit() {
        parts.push(format!("translit = {}", basic_string(translit)));
    }
    if !text.translations().is_empty() {
        let inner: Vec<String> = text
            .translations()
            .iter()
            .map(|(tag, t)| format!("{} = {}", bare_or_quoted_key(tag), basic_string(t)))
            .collect();
        parts.push(format!("translation = {{ {} }}", inner.join(", ")));
    }
    format!("{{ {} }}", parts.join(", "))
}

fn write_names(out: &mut String, variable: &str, names: &[Name]) {
    if names.is_empty() {
        return line(out, variable, "[]");
    }
    let _ = writeln!(out, "{} = [", bare_or_quoted_key(variable));
    for name in names {
        let _ = writeln!(out, "  {},", name_value(name));
    }
    out.push_str("]\n");
}

/// One name as an inline table, parts in a fixed order.
pub fn name_value(name: &Name) -> String {
    let mut parts = Vec::new();
    let texts = [
        ("family", &name.family),
        ("given", &name.given),
        ("non-dropping-particle", &name.non_dropping_particle),
        ("dropping-particle", &name.dropping_particle),
        ("suffix", &name.suffix),
        ("literal", &name.literal),
    ];
    for (key, part) in texts {
        if let Some(text) = part {
            parts.push(format!("{key} = {}", text_value(text)));
        }
    }
    if name.comma_suffix {
        parts.push("comma-suffix = true".into());
    }
    if name.static_ordering {
        parts.push("static-ordering = true".into());
    }
    format!("{{ {} }}", parts.join(", "))
}

/// A TOML date for a single complete day of years 0–9999, else an EDTF string.
pub fn date_value(date: &Date) -> String {
    if let (Endpoint::Known(part), None) = (&date.start, &date.end) {
        let plain = !part.approximate && !part.uncertain && part.season.is_none();
        if plain && part.day.is_some() && (0..=9999).contains(&part.year) && part.is_possible() {
            return part.to_string();
        }
    }
    basic_string(&date.to_string())
}

fn write_check(out: &mut String, entry: &Entry) {
    if entry.allow.is_empty() {
        return;
    }
    out.push_str("\n[check]\nallow = [\n");
    for allow in &entry.allow {
        let mut parts = vec![format!("rule = {}", basic_string(&allow.rule))];
        if let Some(reason) = &allow.reason {
            parts.push(format!("reason = {}", basic_string(reason)));
        }
        let _ = writeln!(out, "  {{ {} }},", parts.join(", "));
    }
    out.push_str("]\n");
}

/// A key as written: bare when it is only ASCII letters, digits, `-` and `_`.
pub fn bare_or_quoted_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        key.to_string()
    } else {
        basic_string(key)
    }
}

/// A TOML basic string, with escapes for quotes, backslashes, control
/// characters and invisible direction controls.
pub fn basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_unicode_escape(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that TOML forbids raw, or that change how text around them is
/// displayed without being seen (bidirectional controls, BOM).
pub fn needs_unicode_escape(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// Bidirectional marks, embeddings, overrides and isolates, and the BOM.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatePart, ItemType};
    use crate::store::{parse_record, parse_record_toml, FileContext};
    use std::path::Path;

    fn reparse(text: &str) -> Entry {
        let path = Path::new("x.toml");
        let mut cx = FileContext::new(path, text);
        let root = parse_record_toml(&mut cx).expect("valid TOML");
        let entry = parse_record(&mut cx, "x", &root);
        assert!(cx.diagnostics.is_empty(), "{:?}\n{text}", cx.diagnostics);
        entry.expect("entry")
    }

    #[test]
    fn round_trips_a_multilingual_record() {
        let mut entry = Entry::new("x", ItemType::ArticleJournal);
        entry.language = Some(crate::model::Field::detached("ru".into()));
        let mut title = MultiText::plain("Развитие \"связей\"\\ \u{202E}\0");
        title.set_translit(Some("Razvitiye".into()));
        title
            .translations_mut()
            .insert("en".into(), "Development".into());
        title
            .translations_mut()
            .insert("pt-BR".into(), "Desenvolvimento".into());
        entry.set_text("title", title);
        entry.set_text("issue", MultiText::plain("1"));
        entry.set_text("page", MultiText::plain("010"));
        entry.set_names(
            "author",
            vec![Name {
                family: Some(MultiText::plain("Ниязов")),
                given: Some(MultiText::plain("Н.С.")),
                comma_suffix: true,
                ..Name::default()
            }],
        );
        entry.set_date("issued", Date::single(DatePart::ymd(2021, 3, 31)));
        entry.set_date("accessed", Date::parse("2021~").unwrap());
        let text = to_toml(&entry);
        assert!(text.contains("issued = 2021-03-31\n"), "{text}");
        assert!(text.contains("issue = 1\n"), "{text}");
        assert!(text.contains("page = \"010\"\n"), "{text}");
        assert!(text.contains("\\u202E\\u0000"), "{text}");
        let back = reparse(&text);
        assert_eq!(strip(back), strip(entry));
    }

    /// Spans and paths differ between a parsed and a built entry.
    fn strip(mut e: Entry) -> Entry {
        e.path = Default::default();
        e.item_type.span = Default::default();
        e.item_type.key_span = Default::default();
        if let Some(l) = &mut e.language {
            *l = crate::model::Field::detached(l.value.clone());
        }
        for f in e.texts.values_mut() {
            *f = crate::model::Field::detached(f.value.clone());
        }
        for f in e.dates.values_mut() {
            *f = crate::model::Field::detached(f.value);
        }
        for f in e.names.values_mut() {
            let names = f.value.iter().cloned().map(|mut n| {
                n.span = Default::default();
                n
            });
            *f = crate::model::Field::detached(names.collect());
        }
        e
    }

    #[test]
    fn orders_fields_canonically() {
        let mut entry = Entry::new("x", ItemType::Webpage);
        entry.set_text("URL", "https://example.org".into());
        entry.set_text("container-title", "Site".into());
        entry.set_text("title", "Page".into());
        entry.set_text("note", "n".into());
        entry.set_date("accessed", Date::single(DatePart::ymd(2021, 3, 31)));
        let text = to_toml(&entry);
        assert_eq!(
            text,
            "type = \"webpage\"\ntitle = \"Page\"\ncontainer-title = \"Site\"\naccessed = 2021-03-31\nURL = \"https://example.org\"\nnote = \"n\"\n"
        );
    }
}
