//! The canonical form of a record, as `kaynak fmt` writes it.
//!
//! One form for every record, so that diffs show content, not style:
//!
//! - fields in a stable order: `type`, `language`, titles, names,
//!   `container-title` and the other publication fields, dates, identifiers,
//!   everything else, `note`, then `[check]` (see [`field_rank`]);
//! - complete dates as TOML dates (`"2021-03-31"` → `2021-03-31`);
//! - text in Unicode NFC;
//! - basic strings (`"…"`), literal strings (`'…'`) only where they spare
//!   escapes (a value with `"` or `\`), multi-line basic strings for text with
//!   line breaks;
//! - `key = value` with single spaces, one blank line at most between lines,
//!   one blank line before a `[table]`, name lists one name per line;
//! - comments kept where they stand: a comment travels with the line below it,
//!   and the comment block at the top of the file stays at the top.
//!
//! This module turns text into text; it never reads or writes files. A record
//! that does not load is refused with its diagnostics, and the formatted text
//! is loaded again and compared with the original, so formatting can never
//! change what a record means.

use super::context::FileContext;
use super::string_repr::string_repr;
use crate::diag::{Diagnostic, Location, Span};
use crate::model::variable::{lookup, VARIABLES};
use crate::model::{Date, Endpoint, Entry, VariableKind};
use std::path::Path;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

/// Formats the text of the record at `path` (used for the key and for
/// diagnostics). Returns the canonical text (equal to `text` when it already is
/// canonical), or the diagnostics that stop the record from loading.
pub fn format_record(path: &Path, text: &str) -> Result<String, Vec<Diagnostic>> {
    let before = load(path, text)?;
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|_| vec![internal(path, "the record parsed once but not twice")])?;
    let comments_before = comments::comments(&doc);
    canonicalize(&mut doc);
    let formatted = finish(&doc.to_string());
    let kept_comments = formatted
        .parse::<DocumentMut>()
        .is_ok_and(|after| comments::comments(&after) == comments_before);
    if !kept_comments {
        return Err(vec![internal(
            path,
            "formatting would lose or change a comment; the record was left as it is",
        )]);
    }
    let after = load(path, &formatted).map_err(|_| {
        vec![internal(
            path,
            "the formatted record would not load; it was left as it is",
        )]
    })?;
    if comparable(before) != comparable(after) {
        return Err(vec![internal(
            path,
            "formatting would change what the record says; it was left as it is",
        )]);
    }
    Ok(formatted)
}

fn internal(path: &Path, message: &str) -> Diagnostic {
    Diagnostic::error("fmt-internal", message)
        .with_location(Location::file(path))
        .with_help("this is a bug in kaynak fmt: please report it with the record")
}

/// Loads one record's text as the library loader does.
pub fn load(path: &Path, text: &str) -> Result<Entry, Vec<Diagnostic>> {
    let key = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let mut cx = FileContext::new(path, text);
    if text.trim().is_empty() {
        cx.report(
            Span::new(0, 0),
            Diagnostic::error("empty-record", "the record is empty")
                .with_help("write at least type = \"…\" and title = \"…\", or delete the file"),
        );
        return Err(cx.diagnostics);
    }
    let entry =
        super::parse_record_toml(&mut cx).and_then(|root| super::parse_record(&mut cx, key, &root));
    match entry {
        Some(entry) if !cx.has_errors() => Ok(entry),
        _ => Err(cx.diagnostics),
    }
}

/// An entry with every span cleared, so that two loads of differently laid
/// out texts compare by meaning alone.
fn comparable(mut entry: Entry) -> Entry {
    let clear = Span::default();
    entry.item_type.span = clear;
    entry.item_type.key_span = clear;
    if let Some(language) = &mut entry.language {
        language.span = clear;
        language.key_span = clear;
    }
    for field in entry.texts.values_mut() {
        (field.span, field.key_span) = (clear, clear);
    }
    for field in entry.dates.values_mut() {
        (field.span, field.key_span) = (clear, clear);
    }
    for field in entry.names.values_mut() {
        (field.span, field.key_span) = (clear, clear);
        for name in &mut field.value {
            name.span = clear;
        }
    }
    for allow in &mut entry.allow {
        allow.span = clear;
    }
    entry
}

/// One trailing newline, no trailing blank lines (the end of a TOML document
/// is never inside a string: strings end with their closing quote).
fn finish(text: &str) -> String {
    let mut out = text.trim_end_matches([' ', '\t', '\n', '\r']).to_string();
    out.push('\n');
    out
}

/// Puts a parsed record into canonical form in place.
pub fn canonicalize(doc: &mut DocumentMut) {
    let root = doc.as_table_mut();
    for (mut key, item) in root.iter_mut() {
        let name = key.get().to_string();
        tidy_item(&name, item, true);
        if item.is_table() || item.is_array_of_tables() {
            key.leaf_decor_mut().clear();
        }
    }
    reorder_root(root);
    tidy_lines(root, true);
    position_tables(root);
    let trailing = doc.trailing().as_str().unwrap_or("").to_string();
    doc.set_trailing(tidy_comment_block(&trailing, BlankLines::Keep));
}

/// Normalises the values of one top-level field (or of a header table).
fn tidy_item(name: &str, item: &mut Item, top_level: bool) {
    let place = if top_level { Place::Root } else { Place::Table };
    match item {
        Item::Value(value) => tidy_value(name, value, place),
        Item::Table(table) => tidy_table(table),
        Item::ArrayOfTables(tables) => tidy_tables(tables),
        Item::None => {}
    }
}

fn tidy_table(table: &mut Table) {
    for (key, item) in table.iter_mut() {
        let name = key.get().to_string();
        tidy_item(&name, item, false);
    }
    table.sort_values_by(|a, _, b, _| inner_rank(a.get()).cmp(&inner_rank(b.get())));
    if !table.is_dotted() {
        tidy_lines(table, false);
        tidy_header_decor(table);
    }
}

fn tidy_tables(tables: &mut ArrayOfTables) {
    for table in tables.iter_mut() {
        tidy_table(table);
    }
}

/// A `[header]` line: one blank line before it, comments above it kept.
fn tidy_header_decor(table: &mut Table) {
    let decor = table.decor_mut();
    let prefix = raw(decor.prefix());
    let suffix = raw(decor.suffix());
    let mut block = tidy_comment_block(&prefix, BlankLines::Keep);
    while block.starts_with('\n') {
        block.remove(0);
    }
    decor.set_prefix(format!("\n{block}"));
    decor.set_suffix(trailing_comment(&suffix));
}

fn raw(part: Option<&toml_edit::RawString>) -> String {
    part.and_then(|r| r.as_str()).unwrap_or("").to_string()
}

/// Where a value stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A top-level field: dates are written as TOML dates here.
    Root,
    /// A `key = value` line inside a `[header]` table.
    Table,
    /// Inside an inline table or an array: no line breaks may be added.
    Inline,
}

/// Normalises one value: dates, strings, and the tables and arrays inside.
fn tidy_value(name: &str, value: &mut Value, place: Place) {
    let replacement = match value {
        Value::String(s) => {
            let text = super::context::nfc(s.value());
            let date = if place == Place::Root && is_date_variable(name) {
                toml_date(&text)
            } else {
                None
            };
            match date {
                Some(date) => Some(date),
                None => canonical_string(&text, s.as_repr().and_then(|r| r.as_raw().as_str())),
            }
        }
        Value::InlineTable(table) => {
            tidy_inline_table(name, table);
            None
        }
        Value::Array(array) => {
            tidy_array(name, array, place != Place::Inline);
            None
        }
        _ => None,
    };
    if let Some(mut new) = replacement {
        *new.decor_mut() = value.decor().clone();
        *value = new;
    }
}

fn is_date_variable(name: &str) -> bool {
    lookup(name).is_some_and(|v| v.kind == VariableKind::Date)
}

/// A TOML date for a complete, possible, unqualified date string.
fn toml_date(text: &str) -> Option<Value> {
    let date = Date::parse(text).ok()?;
    let part = match (date.start, date.end) {
        (Endpoint::Known(part), None) => part,
        _ => return None,
    };
    let (Some(month), Some(day)) = (part.month, part.day) else {
        return None;
    };
    let plain = !part.approximate && !part.uncertain && part.season.is_none();
    if !plain || !part.is_possible() || !(0..=9999).contains(&part.year) {
        return None;
    }
    format!("{:04}-{month:02}-{day:02}", part.year)
        .parse::<Value>()
        .ok()
        .filter(Value::is_datetime)
}

/// The canonical string value for `text`, or `None` when `current` (the
/// value's text as written) already is canonical.
fn canonical_string(text: &str, current: Option<&str>) -> Option<Value> {
    let repr = string_repr(text);
    if current == Some(repr.as_str()) {
        return None;
    }
    match repr.parse::<Value>() {
        Ok(value) if value.as_str() == Some(text) => Some(value),
        _ => Some(Value::from(text)),
    }
}

fn tidy_inline_table(name: &str, table: &mut InlineTable) {
    for (key, value) in table.iter_mut() {
        let inner = key.get().to_string();
        tidy_value(&inner, value, Place::Inline);
    }
    if name == "translation" {
        table.sort_values();
    } else {
        table.sort_values_by(|a, _, b, _| inner_rank(a.get()).cmp(&inner_rank(b.get())));
    }
    // An inline table on one line holds no comments: it can take standard spacing.
    if !table.to_string().contains('\n') {
        table.fmt();
        table.decor_mut().clear();
    }
}

/// Arrays of tables (name lists, `allow`) on a line of their own get one
/// table per line; a comment after an element stays on that element's line.
fn tidy_array(name: &str, array: &mut Array, own_line: bool) {
    for value in array.iter_mut() {
        tidy_value(name, value, Place::Inline);
    }
    let all_tables = !array.is_empty() && array.iter().all(Value::is_inline_table);
    let commented_inside = array.iter().any(|v| {
        let suffix = raw(v.decor().suffix());
        suffix.contains('#') || suffix.contains('\n')
    });
    if !own_line || !all_tables || commented_inside {
        return;
    }
    for value in array.iter_mut() {
        let prefix = raw(value.decor().prefix());
        value
            .decor_mut()
            .set_prefix(format!("{}  ", array_gap(&prefix)));
        value.decor_mut().set_suffix("");
    }
    let trailing = array.trailing().as_str().unwrap_or("").to_string();
    array.set_trailing(array_gap(&trailing));
    array.set_trailing_comma(true);
}

/// The whitespace and comments between two elements of a one-per-line array:
/// a comment on the previous element's line stays there, comment lines above
/// an element are indented with it, and the gap ends with a line break.
fn array_gap(raw: &str) -> String {
    let (same_line, rest) = match raw.split_once('\n') {
        Some((first, rest)) => (first, format!("{rest}\n")),
        None => (raw, String::new()),
    };
    let mut out = trailing_comment(same_line);
    out.push('\n');
    for line in tidy_comment_block(&rest, BlankLines::Drop).lines() {
        out.push_str(&format!("  {line}\n"));
    }
    out
}

/// Keys inside text, name and `allow` tables, in the order people write them.
const INNER_ORDER: &[&str] = &[
    "original",
    "translit",
    "translation",
    "literal",
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "comma-suffix",
    "static-ordering",
    "rule",
    "reason",
    "allow",
];

fn inner_rank(key: &str) -> (usize, String) {
    let rank = INNER_ORDER
        .iter()
        .position(|k| *k == key)
        .unwrap_or(INNER_ORDER.len());
    (rank, key.to_string())
}

const FIRST: &[&str] = &[
    "type",
    "language",
    "title",
    "title-short",
    "original-title",
    "part-title",
    "volume-title",
    "reviewed-title",
];
const NAMES_FIRST: &[&str] = &["author", "editor", "translator"];
const PUBLICATION: &[&str] = &[
    "container-title",
    "container-title-short",
    "collection-title",
    "collection-number",
    "event-title",
    "event",
    "event-place",
    "genre",
    "medium",
    "edition",
    "version",
    "volume",
    "number-of-volumes",
    "issue",
    "number",
    "chapter-number",
    "part-number",
    "section",
    "supplement-number",
    "printing-number",
    "page",
    "page-first",
    "number-of-pages",
    "publisher",
    "publisher-place",
    "original-publisher",
    "original-publisher-place",
    "authority",
    "jurisdiction",
    "division",
];
const DATES: &[&str] = &[
    "issued",
    "original-date",
    "event-date",
    "submitted",
    "available-date",
    "accessed",
];
const IDENTIFIERS: &[&str] = &["DOI", "ISBN", "ISSN", "PMID", "PMCID", "URL", "call-number"];
const LAST: &[&str] = &["note", "annote", "check", "extra"];

/// Where a top-level field goes in a canonical record: `type`, `language`,
/// titles, names, publication fields, dates, identifiers, every other variable
/// (in the CSL specification's order), `note`, `annote`, `[check]`, `[extra]`.
pub fn field_rank(name: &str) -> usize {
    let index = |list: &[&str]| list.iter().position(|n| *n == name);
    if let Some(i) = index(FIRST) {
        return i;
    }
    if let Some(i) = index(LAST) {
        return 5000 + i;
    }
    let variable = VARIABLES.iter().position(|v| v.name == name);
    if lookup(name).is_some_and(|v| v.kind == VariableKind::Names) {
        return 100 + index(NAMES_FIRST).unwrap_or(NAMES_FIRST.len() + variable.unwrap_or(0));
    }
    if let Some(i) = index(PUBLICATION) {
        return 1000 + i;
    }
    if let Some(i) = index(DATES) {
        return 2000 + i;
    }
    if let Some(i) = index(IDENTIFIERS) {
        return 3000 + i;
    }
    4000 + variable.unwrap_or(999)
}

/// Puts the top-level fields in [`field_rank`] order. The comment block at the
/// top of the file stays at the top, whichever field comes first.
fn reorder_root(root: &mut Table) {
    let original: Vec<String> = root.iter().map(|(k, _)| k.to_string()).collect();
    let mut ordered = original.clone();
    ordered.sort_by_key(|name| field_rank(name));
    if ordered == original {
        return;
    }
    let first_value = original
        .iter()
        .find(|n| root.get(n).is_some_and(is_line))
        .cloned();
    let header = first_value
        .as_ref()
        .and_then(|n| root.key_mut(n))
        .map(|mut key| {
            let prefix = raw(key.leaf_decor().prefix());
            key.leaf_decor_mut().set_prefix("");
            prefix
        })
        .unwrap_or_default();
    for name in &ordered {
        if let Some((key, item)) = root.remove_entry(name) {
            root.insert_formatted(&key, item);
        }
    }
    let (top, attached) = split_header(&header);
    if let Some(mut key) = first_value.as_ref().and_then(|n| root.key_mut(n)) {
        key.leaf_decor_mut().set_prefix(attached);
    }
    let new_first = ordered.iter().find(|n| root.get(n).is_some_and(is_line));
    if let Some(mut key) = new_first.and_then(|n| root.key_mut(n)) {
        let own = raw(key.leaf_decor().prefix());
        key.leaf_decor_mut().set_prefix(format!("{top}{own}"));
    }
}

/// Splits the comments above the first line of a file into the file's header
/// (up to the last blank line, or all of it when there is none) and the
/// comment that belongs to the line itself.
fn split_header(prefix: &str) -> (String, String) {
    let block = tidy_comment_block(prefix, BlankLines::DropLeading);
    match block.rfind("\n\n") {
        Some(at) => (block[..at + 2].to_string(), block[at + 2..].to_string()),
        None => (block, String::new()),
    }
}

/// True for items written as `key = value` lines (not `[header]` tables).
fn is_line(item: &Item) -> bool {
    match item {
        Item::Value(_) => true,
        Item::Table(t) => t.is_dotted(),
        _ => false,
    }
}

/// `key = value  # comment` lines: single spaces, tidy comment blocks above.
fn tidy_lines(table: &mut Table, is_root: bool) {
    let mut first = true;
    for (mut key, item) in table.iter_mut() {
        if !is_line(item) {
            continue;
        }
        let blanks = if first && is_root {
            BlankLines::DropLeading
        } else {
            BlankLines::Keep
        };
        first = false;
        if item.is_table() {
            // Dotted keys (`title.original = …`) keep their own layout.
            continue;
        }
        let prefix = raw(key.leaf_decor().prefix());
        key.leaf_decor_mut()
            .set_prefix(tidy_comment_block(&prefix, blanks));
        key.leaf_decor_mut().set_suffix(" ");
        if let Item::Value(value) = item {
            let suffix = raw(value.decor().suffix());
            value.decor_mut().set_prefix(" ");
            value.decor_mut().set_suffix(trailing_comment(&suffix));
        }
    }
}

/// Gives every `[header]` table a document position in field order, so that
/// `[check]` comes last and `[[author]]` tables stay together.
fn position_tables(root: &mut Table) {
    let mut next: isize = 1;
    for (_, item) in root.iter_mut() {
        match item {
            Item::Table(table) if !table.is_dotted() => position_nested(table, &mut next),
            Item::ArrayOfTables(tables) => {
                for table in tables.iter_mut() {
                    position_nested(table, &mut next);
                }
            }
            _ => {}
        }
    }
}

fn position_nested(table: &mut Table, next: &mut isize) {
    table.set_position(Some(*next));
    *next += 1;
    let mut children: Vec<(Option<isize>, String)> = table
        .iter()
        .filter_map(|(k, item)| match item {
            Item::Table(t) if !t.is_dotted() => Some((t.position(), k.to_string())),
            _ => None,
        })
        .collect();
    children.sort();
    for (_, name) in children {
        if let Some(Item::Table(child)) = table.get_mut(&name) {
            position_nested(child, next);
        }
    }
}

/// What to do with blank lines in a comment block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlankLines {
    /// Keep at most one blank line in a row.
    Keep,
    /// As `Keep`, but none before the first comment (the top of the file).
    DropLeading,
    /// No blank lines at all (inside arrays).
    Drop,
}

/// The whitespace and comments before a line (or at the end of the file):
/// comment lines without indentation or trailing spaces, at most one blank
/// line in a row, ending with a newline (or empty).
fn tidy_comment_block(raw: &str, blanks: BlankLines) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut complete: Vec<&str> = raw.split('\n').collect();
    // What follows the last newline is the indentation of the line itself.
    complete.pop();
    for line in complete {
        let line = line.trim();
        if line.is_empty() {
            let after_blank = out.last().is_some_and(|l| l.is_empty());
            let leading = out.is_empty() && blanks == BlankLines::DropLeading;
            if after_blank || leading || blanks == BlankLines::Drop {
                continue;
            }
        }
        out.push(line);
    }
    out.iter().map(|l| format!("{l}\n")).collect()
}

/// A comment at the end of a line, after one space; nothing else.
fn trailing_comment(raw: &str) -> String {
    match raw.find('#') {
        Some(at) => format!(" {}", raw[at..].trim_end()),
        None => String::new(),
    }
}

mod comments;
#[cfg(test)]
mod tests;
