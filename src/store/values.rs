//! Field values: multilingual text, names and dates, from TOML items.

use super::context::{expect_string, nfc, FileContext};
use super::record::unknown_key;
use super::tree::{Item, Table, Value};
use crate::diag::{Diagnostic, Edit, Fix, Span};
use crate::model::{Date, DatePart, MultiText, Name, NAME_PARTS};
use std::collections::BTreeMap;

const TEXT_KEYS: &[&str] = &["original", "translit", "translation"];

/// A text field: a string, or `{ original, translit, translation = { tag = … } }`.
/// Number variables also take a TOML integer.
pub fn parse_text(
    cx: &mut FileContext,
    name: &str,
    item: &Item,
    number: bool,
) -> Option<MultiText> {
    if let Some(s) = item.as_str() {
        return Some(MultiText::plain(nfc(s)));
    }
    if number {
        if let Some(n) = item.as_integer() {
            return Some(MultiText::plain(n.to_string()));
        }
    }
    if let Some(table) = item.as_table_like() {
        return parse_text_table(cx, name, table, item.span);
    }
    let expected = if number {
        "a string, an integer"
    } else {
        "a string"
    };
    cx.report(
        item.span,
        Diagnostic::error(
            "wrong-type",
            format!(
                "`{name}` must be {expected} or an original/translit/translation table, not {}",
                item.type_name()
            ),
        )
        .with_help(format!(
            "write {name} = \"…\" or {name} = {{ original = \"…\", translit = \"…\" }}"
        )),
    );
    None
}

fn parse_text_table(
    cx: &mut FileContext,
    name: &str,
    table: &Table,
    span: Span,
) -> Option<MultiText> {
    let mut text = MultiText::default();
    let mut has_original = false;
    for (key, item) in table.iter() {
        match key {
            "original" | "translit" => {
                let Some(s) = expect_string(cx, &format!("{name}.{key}"), item) else {
                    continue;
                };
                if key == "original" {
                    text.original = s;
                    has_original = true;
                } else {
                    text.set_translit(Some(s));
                }
            }
            "translation" => *text.translations_mut() = parse_translations(cx, name, item),
            other => unknown_key(cx, table, other, TEXT_KEYS, &format!("the `{name}` table")),
        }
    }
    if !has_original {
        cx.report(
            span,
            Diagnostic::error(
                "missing-original",
                format!("`{name}` has no `original` text"),
            )
            .with_help("add original = \"…\" with the text as published"),
        );
        return None;
    }
    Some(text)
}

fn parse_translations(cx: &mut FileContext, name: &str, item: &Item) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(table) = item.as_table_like() else {
        cx.report(
            item.span,
            Diagnostic::error(
                "wrong-type",
                format!("`{name}.translation` must be a table of language tags"),
            )
            .with_help("write translation = { en = \"…\" }"),
        );
        return out;
    };
    for (tag, value) in table.iter() {
        if let Some(s) = expect_string(cx, &format!("{name}.translation.{tag}"), value) {
            out.insert(tag.to_string(), s);
        }
    }
    out
}

/// A date: a TOML date (`2021-03-31`) or an EDTF string (`"2021"`, `"1994/2010"`, `"2021~"`).
pub fn parse_date(cx: &mut FileContext, name: &str, item: &Item) -> Option<Date> {
    let span = item.span;
    match &item.value {
        Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => Some(Date::single(DatePart::ymd(
                i32::from(d.year),
                d.month,
                d.day,
            ))),
            _ => {
                cx.report(
                    span,
                    Diagnostic::error(
                        "invalid-date",
                        format!("`{name}` has a time of day; a date is expected"),
                    )
                    .with_help("write the date alone, e.g. 2021-03-31"),
                );
                None
            }
        },
        // A bare year (`issued = 1999`) is what people write; take it.
        Value::Integer(year) if (-9999..=9999).contains(year) => Some(Date::single(DatePart {
            year: *year as i32,
            ..DatePart::default()
        })),
        Value::String(s) => match Date::parse(s) {
            Ok(date) => Some(date),
            Err(e) => {
                let fix = e
                    .suggestion
                    .as_deref()
                    .and_then(|iso| iso_fix(name, s, iso, span));
                let help = match e.suggestion {
                    Some(iso) => format!("write it in ISO 8601 form: {name} = {iso}"),
                    None => "write YYYY, YYYY-MM or YYYY-MM-DD; a range as \"1994/2010\"; circa as \"2021~\"".into(),
                };
                let mut d = Diagnostic::error("invalid-date", format!("`{name}`: {}", e.message))
                    .with_help(help);
                if let Some(fix) = fix {
                    d = d.with_fix(fix);
                }
                cx.report(span, d);
                None
            }
        },
        _ => {
            cx.report(
                span,
                Diagnostic::error(
                    "wrong-type",
                    format!(
                        "`{name}` must be a date or a string, not {}",
                        item.type_name()
                    ),
                )
                .with_help(format!("write {name} = 2021-03-31 or {name} = \"2021\"")),
            );
            None
        }
    }
}

/// The repair of a date string that does not parse but reads clearly as one
/// ISO date (`"31.03.2021"` → `2021-03-31`), for `kaynak check --fix`: a day
/// is written as a TOML date, a month or a year as a string.
fn iso_fix(name: &str, raw: &str, iso: &str, span: Span) -> Option<Fix> {
    if !unambiguous(raw) {
        return None;
    }
    let written = if iso.len() == 10 {
        iso.to_string()
    } else {
        super::serialize::basic_string(iso)
    };
    let description = format!(
        "{name}: {} → {written}",
        super::serialize::basic_string(raw)
    );
    Some(Fix::one(Edit::new(span, written, description)))
}

/// True when a numeric date's reading is clear: year first, dotted (the
/// day-first convention of Turkish, Russian and German), only month and year,
/// or a first number above 12 (which cannot be a month).
fn unambiguous(text: &str) -> bool {
    let fields: Vec<&str> = text.split(['.', '/', '-', ' ']).collect();
    match fields.as_slice() {
        [first, _, _] if first.len() == 4 => true,
        [first, _, _] => text.contains('.') || first.parse::<u32>().is_ok_and(|d| d > 12),
        [_, _] => true,
        _ => false,
    }
}

/// A name list: `author = [{ family = "…", given = "…" }]` or `[[author]]` tables.
pub fn parse_names(cx: &mut FileContext, name: &str, item: &Item) -> Option<Vec<Name>> {
    let mut names = Vec::with_capacity(match &item.value {
        Value::ArrayOfTables(items) | Value::Array(items) => items.len(),
        _ => 0,
    });
    match &item.value {
        Value::ArrayOfTables(tables) => {
            for table in tables {
                if let Some(fields) = table.as_table_like() {
                    names.extend(parse_name(cx, name, fields, table.span));
                }
            }
        }
        Value::Array(array) => {
            for value in array {
                match value.as_inline_table() {
                    Some(table) => names.extend(parse_name(cx, name, table, value.span)),
                    None => not_a_name_list(cx, name, value.span, "an entry that is not a table"),
                }
            }
        }
        _ => not_a_name_list(cx, name, item.span, item.type_name()),
    }
    // A `Name` is large: no spare room when some names were rejected.
    names.shrink_to_fit();
    Some(names)
}

fn not_a_name_list(cx: &mut FileContext, name: &str, span: Span, found: &str) {
    cx.report(
        span,
        Diagnostic::error("wrong-type", format!("`{name}` must be an array of name tables, found {found}"))
            .with_help(format!(
                "write {name} = [{{ family = \"…\", given = \"…\" }}] or, for an organisation, {name} = [{{ literal = \"…\" }}]"
            )),
    );
}

fn parse_name(cx: &mut FileContext, list: &str, table: &Table, span: Span) -> Option<Name> {
    let mut name = Name {
        span,
        ..Name::default()
    };
    let mut has_part = false;
    for (key, item) in table.iter() {
        // The label (`author.family`) is for messages only: made when one is.
        let label = || format!("{list}.{key}");
        match key {
            "comma-suffix" | "static-ordering" => {
                let Some(flag) = item.as_bool() else {
                    cx.report(
                        item.span,
                        Diagnostic::error(
                            "wrong-type",
                            format!("`{}` must be true or false", label()),
                        ),
                    );
                    continue;
                };
                if key == "comma-suffix" {
                    name.comma_suffix = flag;
                } else {
                    name.static_ordering = flag;
                }
            }
            "family"
            | "given"
            | "dropping-particle"
            | "non-dropping-particle"
            | "suffix"
            | "literal" => {
                has_part = true;
                let text = match item.as_str() {
                    Some(s) => Some(MultiText::plain(nfc(s))),
                    None => parse_text(cx, &label(), item, false),
                };
                let slot = match key {
                    "family" => &mut name.family,
                    "given" => &mut name.given,
                    "dropping-particle" => &mut name.dropping_particle,
                    "non-dropping-particle" => &mut name.non_dropping_particle,
                    "suffix" => &mut name.suffix,
                    _ => &mut name.literal,
                };
                *slot = text;
            }
            other => unknown_key(cx, table, other, NAME_PARTS, &format!("a name of `{list}`")),
        }
    }
    if !has_part {
        cx.report(
            span,
            Diagnostic::error(
                "empty-name",
                format!("a name in `{list}` has neither `family` nor `literal`"),
            )
            .with_help("give family (and given) for a person, literal for an organisation"),
        );
        return None;
    }
    if let Some(parts) = literal_with_parts(&name) {
        cx.report(
            span,
            Diagnostic::error(
                "conflicting-name-parts",
                format!("a name in `{list}` has both `literal` and {parts}; only one can be printed"),
            )
            .with_help("keep literal = \"…\" for an organisation, or family and given for a person, and delete the other"),
        );
        return None;
    }
    Some(name)
}

/// The personal name parts written beside `literal`, in words (`family`,
/// `given` …), when there are any: a name is either an organisation's
/// literal or a person's parts, and the engine would silently drop one.
fn literal_with_parts(name: &Name) -> Option<String> {
    name.literal.as_ref()?;
    let parts: Vec<String> = [
        ("family", &name.family),
        ("given", &name.given),
        ("dropping-particle", &name.dropping_particle),
        ("non-dropping-particle", &name.non_dropping_particle),
        ("suffix", &name.suffix),
    ]
    .iter()
    .filter(|(_, part)| part.is_some())
    .map(|(key, _)| format!("`{key}`"))
    .collect();
    (!parts.is_empty()).then(|| parts.join(" and "))
}
