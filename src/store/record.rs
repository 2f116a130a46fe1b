//! One TOML record → one [`Entry`], with every problem reported at its place.

use super::context::{expect_string, nfc, FileContext};
use super::tree::{Item, Table};
use super::values::{parse_date, parse_names, parse_text};
use crate::diag::{Diagnostic, Span};
use crate::model::variable::{self, all_record_keys, suggest};
use crate::model::{Allow, Entry, Field, FieldMap, ItemType, VariableKind};
use std::collections::BTreeMap;

/// Parses the TOML of one record. Returns the entry unless the record has
/// errors; all diagnostics go to `cx`.
pub fn parse_record(cx: &mut FileContext, key: &str, root: &Table) -> Option<Entry> {
    let mut entry = Entry::new(key, ItemType::Document);
    entry.path = cx.path.to_path_buf();
    // Each map is made as large as the record's fields of its kind: grown
    // one field at a time and then shrunk, it would be reallocated as often.
    let mut counts = [0; 3];
    for (key, _) in &root.entries {
        if let Some(var) = variable::lookup(&key.name) {
            counts[match var.kind {
                VariableKind::Text | VariableKind::Number => 0,
                VariableKind::Names => 1,
                VariableKind::Date => 2,
            }] += 1;
        }
    }
    entry.texts = FieldMap::with_capacity(counts[0]);
    entry.names = FieldMap::with_capacity(counts[1]);
    entry.dates = FieldMap::with_capacity(counts[2]);
    let mut has_type = false;
    for (key, item) in &root.entries {
        let (name, kspan) = (key.name.as_ref(), key.span);
        match name {
            "type" => has_type |= parse_type(cx, &mut entry, item, kspan),
            "language" => {
                if let Some(tag) = expect_string(cx, name, item) {
                    entry.language = Some(Field::new(tag, item.span, kspan));
                }
            }
            "check" => entry.allow = parse_check(cx, item),
            "extra" => entry.extra = parse_extra(cx, item),
            _ => parse_variable(cx, &mut entry, name, item, kspan),
        }
    }
    if !has_type && !cx.has_errors() {
        cx.report(
            Span::new(0, 0),
            Diagnostic::error("missing-type", "the record has no `type`").with_help(
                "add a CSL item type, e.g. type = \"article-journal\" or type = \"webpage\"",
            ),
        );
    }
    if cx.has_errors() {
        return None;
    }
    // A library holds every entry at once: drop the spare room that growing
    // the maps left (a map grown one push at a time holds up to twice its fields).
    entry.texts.shrink_to_fit();
    entry.names.shrink_to_fit();
    entry.dates.shrink_to_fit();
    Some(entry)
}

fn parse_type(cx: &mut FileContext, entry: &mut Entry, item: &Item, kspan: Span) -> bool {
    let Some(name) = expect_string(cx, "type", item) else {
        return false;
    };
    match ItemType::from_name(&name) {
        Some(t) => {
            entry.item_type = Field::new(t, item.span, kspan);
            true
        }
        None => {
            let names = ItemType::ALL.iter().map(|t| t.name());
            let help = match suggest(&name, names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "see `kaynak list --help` for the CSL item types".to_string(),
            };
            cx.report(
                item.span,
                Diagnostic::error("unknown-type", format!("`{name}` is not a CSL item type"))
                    .with_help(help),
            );
            false
        }
    }
}

fn parse_variable(cx: &mut FileContext, entry: &mut Entry, name: &str, item: &Item, kspan: Span) {
    let Some(var) = variable::lookup(name) else {
        let help = match suggest(name, all_record_keys()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "fields are CSL 1.0.2 variable names; put other information in `note`".into(),
        };
        cx.report(
            kspan,
            Diagnostic::error("unknown-field", format!("`{name}` is not a CSL variable"))
                .with_help(help),
        );
        return;
    };
    if !var.in_records {
        cx.report(
            kspan,
            Diagnostic::error(
                "processor-variable",
                format!("`{name}` is set by the citation processor, not by a record"),
            )
            .with_help("remove it; give locators in the citation, e.g. [@key, p. 5]"),
        );
        return;
    }
    let span = item.span;
    match var.kind {
        VariableKind::Text | VariableKind::Number => {
            let number = var.kind == VariableKind::Number;
            if let Some(text) = parse_text(cx, name, item, number) {
                entry.texts.insert(var.name, Field::new(text, span, kspan));
            }
        }
        VariableKind::Date => {
            if let Some(date) = parse_date(cx, name, item) {
                entry.dates.insert(var.name, Field::new(date, span, kspan));
            }
        }
        VariableKind::Names => {
            if let Some(names) = parse_names(cx, name, item) {
                entry.names.insert(var.name, Field::new(names, span, kspan));
            }
        }
    }
}

/// `[extra.FORMAT] field = "value"`: tables of strings, by source format.
fn parse_extra(cx: &mut FileContext, item: &Item) -> crate::model::Extra {
    let mut extra = crate::model::Extra::new();
    let help = "write [extra.bibtex] with field = \"value\" lines";
    let Some(formats) = item.as_table_like() else {
        cx.report(
            item.span,
            Diagnostic::error("wrong-type", "`extra` must be a table of tables").with_help(help),
        );
        return extra;
    };
    for (format, fields) in formats.iter() {
        let Some(fields) = fields.as_table_like() else {
            cx.report(
                fields.span,
                Diagnostic::error("wrong-type", format!("`extra.{format}` must be a table"))
                    .with_help(help),
            );
            continue;
        };
        let table = extra.entry(format.to_string()).or_default();
        for (name, value) in fields.iter() {
            if let Some(text) = expect_string(cx, &format!("extra.{format}.{name}"), value) {
                table.insert(name.to_string(), text);
            }
        }
    }
    extra
}

/// `[check] allow = [{ rule = "…", reason = "…" }]`.
fn parse_check(cx: &mut FileContext, item: &Item) -> Vec<Allow> {
    let Some(table) = item.as_table_like() else {
        cx.report(
            item.span,
            Diagnostic::error("wrong-type", "`check` must be a table").with_help(
                "write [check] allow = [{ rule = \"missing-url\", reason = \"print only\" }]",
            ),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, value) in table.iter() {
        if name != "allow" {
            unknown_key(cx, table, name, &["allow"], "the [check] table");
            continue;
        }
        let Some(array) = value.as_array() else {
            cx.report(
                value.span,
                Diagnostic::error(
                    "wrong-type",
                    "`allow` must be an array of { rule, reason } tables",
                ),
            );
            continue;
        };
        for element in array.iter() {
            if let Some(allow) = parse_allow(cx, element) {
                out.push(allow);
            }
        }
    }
    out
}

fn parse_allow(cx: &mut FileContext, value: &Item) -> Option<Allow> {
    let span = value.span;
    let Some(table) = value.as_inline_table() else {
        cx.report(
            span,
            Diagnostic::error(
                "wrong-type",
                "each `allow` entry must be { rule = \"…\", reason = \"…\" }",
            ),
        );
        return None;
    };
    let mut fields: BTreeMap<&str, String> = BTreeMap::new();
    for (name, item) in table.iter() {
        if name == "rule" || name == "reason" {
            if let Some(s) = item.as_str() {
                fields.insert(name, nfc(s));
            } else {
                cx.report(
                    item.span,
                    Diagnostic::error("wrong-type", format!("`{name}` must be a string")),
                );
            }
        } else {
            unknown_key(cx, table, name, &["rule", "reason"], "an `allow` entry");
        }
    }
    let Some(rule) = fields.remove("rule") else {
        cx.report(
            span,
            Diagnostic::error("missing-field", "an `allow` entry needs `rule`"),
        );
        return None;
    };
    Some(Allow {
        rule,
        reason: fields.remove("reason"),
        span,
    })
}

/// Reports `name` as unknown inside a sub-table whose known keys are `known`.
pub fn unknown_key(cx: &mut FileContext, table: &Table, name: &str, known: &[&str], what: &str) {
    let span = table.key_span(name);
    let help = match suggest(name, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("known keys: {}", known.join(", ")),
    };
    cx.report(
        span,
        Diagnostic::error(
            "unknown-field",
            format!("`{name}` is not allowed in {what}"),
        )
        .with_help(help),
    );
}
