//! RIS import, record by record and tolerant as catalogues need:
//!
//! - a line that is not `TAG  - value` continues the value above it
//!   (catalogues wrap long abstracts and notes);
//! - a record without `ER` ends at the next `TY` or at the end of the file,
//!   with a warning; a tag outside a record is reported and skipped;
//! - the common tags map to CSL variables (`ST` the short title, `N1` the
//!   note, `SP`/`EP` the pages, or for a book, thesis or report a lone `SP`
//!   the number of pages); every other tag (`M2`, `C1`, `L1` …) and a
//!   repeated single-valued tag are kept as written in `[extra.ris]`;
//! - `AU  - others` is the et-al. marker.

use super::ris::{NAME_TAGS, TEXT_TAGS, TYPES};
use super::{language_tag, Imported, Source};
use crate::diag::{Diagnostic, Span};
use crate::model::{Date, DatePart, Endpoint, Entry, Field, ItemType, MultiText, Name};

/// The `[extra]` table of RIS tags.
pub const EXTRA: &str = "ris";

/// One record being read, and where it started.
struct Record {
    entry: Entry,
    start: Span,
    pages: (Option<String>, Option<String>),
    last_tag: Option<String>,
}

pub fn import(source: &Source) -> Imported {
    let mut imported = Imported::default();
    let mut current: Option<Record> = None;
    let mut offset = 0;
    let mut stray = 0usize;
    for raw_line in source.text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line
            .trim_end_matches(['\n', '\r'])
            .trim_start_matches('\u{FEFF}');
        if line.trim().is_empty() {
            continue;
        }
        let span = Span::new(line_start, line_start + line.len());
        match parse_line(line) {
            Some(("TY", value)) => {
                if let Some(record) = current.take() {
                    warn(
                        &mut imported,
                        source,
                        record.start,
                        "this record has no `ER  - ` line; it ends where the next one starts",
                    );
                    finish(record, &mut imported);
                }
                current = Some(start_record(value, span));
            }
            Some(("ER", _)) => {
                if let Some(record) = current.take() {
                    finish(record, &mut imported);
                }
            }
            parsed => match (parsed, current.as_mut()) {
                (Some((tag, value)), Some(record)) => read_tag(record, tag, value),
                (None, Some(record)) => {
                    if record.last_tag.is_none() {
                        // Nothing above to continue: keep the line (in
                        // [extra.ris]), but say it is not RIS.
                        warn(&mut imported, source, span, "this line is not a `TAG  - value` line and follows no tag; it is kept in [extra.ris]");
                    }
                    continue_value(record, line.trim())
                }
                (_, None) => {
                    stray += 1;
                    if stray == 1 {
                        warn(&mut imported, source, span, "a line outside any record (a record starts with `TY  - `); such lines are skipped");
                    }
                }
            },
        }
    }
    if let Some(record) = current {
        warn(
            &mut imported,
            source,
            record.start,
            "the last record has no `ER  - ` line; it ends at the end of the file",
        );
        finish(record, &mut imported);
    }
    imported
}

fn warn(imported: &mut Imported, source: &Source, span: Span, message: &str) {
    imported.diagnostics.push(
        Diagnostic::warning("ris-structure", message.to_string())
            .with_location(source.at(span))
            .with_help("each record is `TY  - TYPE`, its tag lines, then `ER  - `"),
    );
}

/// `TAG  - value` → (tag, value). Accepts one or two spaces before the dash,
/// and a missing space after it.
pub(super) fn parse_line(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    let mut tag_chars = tag.chars();
    let valid = tag_chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && tag_chars
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !valid {
        return None;
    }
    let rest = &line[2..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    if spaces == 0 || spaces > 2 {
        return None;
    }
    let value = rest.trim_start_matches(' ').strip_prefix('-')?;
    Some((tag, value.trim()))
}

fn start_record(value: &str, start: Span) -> Record {
    let item_type = TYPES
        .iter()
        .find(|(_, r)| r.eq_ignore_ascii_case(value))
        .map_or(ItemType::Document, |(t, _)| *t);
    let mut entry = Entry::new("", item_type);
    if item_type == ItemType::Document && !value.eq_ignore_ascii_case("GEN") && !value.is_empty() {
        extra(&mut entry, "TY", value);
    }
    Record {
        entry,
        start,
        pages: (None, None),
        last_tag: None,
    }
}

/// A line without a tag: more of the value above.
fn continue_value(record: &mut Record, text: &str) {
    let Some(tag) = record.last_tag.clone() else {
        return extra(&mut record.entry, "TY", text);
    };
    let entry = &mut record.entry;
    let variable = TEXT_TAGS
        .iter()
        .chain(&[("abstract", "N2"), ("title", "T1")])
        .find(|(_, t)| *t == tag)
        .map(|(v, _)| *v);
    match variable.and_then(|v| entry.text(v).map(|t| (v, t.original.clone()))) {
        Some((variable, before)) => {
            let joined = if matches!(variable, "abstract" | "note") {
                format!("{before}\n{text}")
            } else {
                format!("{before} {text}")
            };
            entry.set_text(variable, MultiText::plain(joined));
        }
        None => extra(entry, &tag, text),
    }
}

fn read_tag(record: &mut Record, tag: &str, value: &str) {
    record.last_tag = Some(tag.to_string());
    let entry = &mut record.entry;
    if value.is_empty() {
        return;
    }
    if let Some((variable, _)) = NAME_TAGS.iter().find(|(_, t)| *t == tag) {
        return push_name(entry, variable, value);
    }
    match tag {
        "A1" => push_name(entry, "author", value),
        "ED" => push_name(entry, "editor", value),
        "ID" if entry.key.is_empty() => entry.key = value.to_string(),
        "T1" => set_once(entry, "title", value, tag),
        "JO" | "JF" | "BT" => set_once(entry, "container-title", value, tag),
        "JA" => set_once(entry, "container-title-short", value, tag),
        "PP" => set_once(entry, "publisher-place", value, tag),
        "N2" => set_once(entry, "abstract", value, tag),
        "DB" | "DP" => set_once(entry, "source", value, tag),
        "SP" if record.pages.0.is_none() => record.pages.0 = Some(value.to_string()),
        "EP" if record.pages.1.is_none() => record.pages.1 = Some(value.to_string()),
        "SN" => {
            let variable = if is_issn(value) { "ISSN" } else { "ISBN" };
            set_once(entry, variable, value, tag);
        }
        "KW" => {
            // Keywords that hold commas themselves are listed with `;`.
            let keywords = match entry.text("keyword") {
                Some(k) if k.original.contains(';') || value.contains(',') => {
                    let before = k.original.replace(", ", "; ");
                    let before = if k.original.contains(';') {
                        k.original.clone()
                    } else {
                        before
                    };
                    format!("{before}; {value}")
                }
                Some(k) => format!("{}, {value}", k.original),
                None => value.to_string(),
            };
            entry.set_text("keyword", MultiText::plain(keywords));
        }
        "AN" if value.bytes().all(|b| b.is_ascii_digit()) && value.len() <= 9 => {
            set_once(entry, "PMID", value, tag)
        }
        "C2" if value.starts_with("PMC") => set_once(entry, "PMCID", value, tag),
        "C8" if custom_variable(entry, value) => {}
        "PY" | "Y1" | "DA" => read_date(entry, "issued", value, tag),
        "Y2" => read_date(entry, "accessed", value, tag),
        "LA" => match language_tag(value) {
            Some(language) if entry.language.is_none() => {
                entry.language = Some(Field::detached(language))
            }
            _ => extra(entry, tag, value),
        },
        _ => match TEXT_TAGS.iter().find(|(_, t)| *t == tag) {
            Some((variable, _)) => set_once(entry, variable, value, tag),
            None => extra(entry, tag, value),
        },
    }
}

/// `C8  - call-number: …`: a variable kaynak's RIS export has no tag for.
fn custom_variable(entry: &mut Entry, value: &str) -> bool {
    let Some((name, text)) = value.split_once(": ") else {
        return false;
    };
    use crate::model::VariableKind;
    match crate::model::variable::lookup(name)
        .filter(|v| v.in_records)
        .map(|v| v.kind)
    {
        Some(VariableKind::Text | VariableKind::Number) => {
            entry.text(name).is_none() && entry.set_text(name, MultiText::plain(text))
        }
        _ if name == "type" => ItemType::from_name(text).is_some_and(|t| {
            entry.item_type.value = t;
            true
        }),
        // The names as JSON, when `AU` lines cannot say them (particles).
        Some(VariableKind::Names) if text.starts_with('[') => {
            let Ok(serde_json::Value::Array(list)) = serde_json::from_str(text) else {
                return false;
            };
            let part = |v: &serde_json::Value, k: &str| {
                v.get(k)
                    .and_then(serde_json::Value::as_str)
                    .map(MultiText::plain)
            };
            let names = list
                .iter()
                .map(|v| Name {
                    family: part(v, "family"),
                    given: part(v, "given"),
                    dropping_particle: part(v, "dropping-particle"),
                    non_dropping_particle: part(v, "non-dropping-particle"),
                    suffix: part(v, "suffix"),
                    literal: part(v, "literal"),
                    ..Name::default()
                })
                .collect();
            entry.set_names(name, names)
        }
        Some(VariableKind::Names) => {
            push_name(entry, name, text);
            true
        }
        // A date RIS cannot hold whole (a range, a season, circa).
        Some(VariableKind::Date) => Date::parse(text).is_ok_and(|date| entry.set_date(name, date)),
        _ => false,
    }
}

/// Keeps a tag's value in `[extra.ris]` (repeated tags one per line).
fn extra(entry: &mut Entry, tag: &str, value: &str) {
    let table = entry.extra.entry(EXTRA.to_string()).or_default();
    table
        .entry(tag.to_string())
        .and_modify(|v| {
            v.push('\n');
            v.push_str(value);
        })
        .or_insert_with(|| value.to_string());
}

/// Sets a variable; a repeated tag's value joins the abstract or note, or
/// is kept in `[extra.ris]`.
fn set_once(entry: &mut Entry, variable: &str, value: &str, tag: &str) {
    match entry.text(variable).map(|t| t.original.clone()) {
        Some(before) if matches!(variable, "abstract" | "note") => {
            entry.set_text(variable, MultiText::plain(format!("{before}\n{value}")));
        }
        Some(_) => extra(entry, tag, value),
        None => {
            entry.set_text(variable, MultiText::plain(value));
        }
    }
}

fn push_name(entry: &mut Entry, variable: &str, value: &str) {
    let mut names = entry
        .names(variable)
        .map(<[Name]>::to_vec)
        .unwrap_or_default();
    let others = !names.is_empty();
    names.push(read_name(value, others));
    entry.set_names(variable, names);
}

/// One `AU` value as a name (`others` after other names is the et-al. marker).
pub(super) fn read_name(value: &str, others: bool) -> Name {
    let mut parts = value.splitn(3, ',').map(str::trim);
    let family = parts.next().unwrap_or_default();
    match (parts.next(), parts.next()) {
        (None, _) if family == "others" && others => Name {
            literal: Some(MultiText::plain("others")),
            ..Name::default()
        },
        // `Family, Given`; a name without a comma is an organisation.
        (None, _) if family.contains(' ') || !value.ends_with(',') => Name {
            literal: Some(MultiText::plain(family)),
            ..Name::default()
        },
        (given, suffix) => {
            // `van der Meij, Vincent`: lower-case words before the family
            // name are its particle.
            let words: Vec<&str> = family.split(' ').collect();
            let split = words
                .iter()
                .take(words.len().saturating_sub(1))
                .take_while(|w| w.starts_with(char::is_lowercase))
                .count();
            let particle = words[..split].join(" ");
            Name {
                family: Some(MultiText::plain(words[split..].join(" "))),
                dropping_particle: (!particle.is_empty()).then(|| MultiText::plain(particle)),
                given: given.filter(|g| !g.is_empty()).map(MultiText::plain),
                suffix: suffix.filter(|s| !s.is_empty()).map(MultiText::plain),
                ..Name::default()
            }
        }
    }
}

/// `1420-8946`, `14208946`, `0193-723X (print)`: an ISSN leads the value.
pub(super) fn is_issn(value: &str) -> bool {
    let compact: Vec<char> = value
        .chars()
        .filter(|c| *c != '-' && *c != ' ')
        .take(9)
        .collect();
    let body = compact.len() >= 8
        && compact[..7].iter().all(char::is_ascii_digit)
        && (compact[7].is_ascii_digit() || compact[7] == 'X' || compact[7] == 'x');
    body && compact.get(8).is_none_or(|c| !c.is_ascii_digit())
}

/// `2010`, `2010/03/31/`, `2010///`, `2010-03-31`, `2010/03/31/Spring`.
fn read_date(entry: &mut Entry, variable: &str, value: &str, tag: &str) {
    let mut fields = value.split(['/', '-']).map(str::trim);
    let year = fields
        .next()
        .filter(|y| y.len() == 4)
        .and_then(|y| y.parse::<i32>().ok());
    let Some(year) = year else {
        return extra(entry, tag, value);
    };
    let number = |s: Option<&str>, max: u8| {
        s.and_then(|s| s.parse::<u8>().ok())
            .filter(|n| (1..=max).contains(n))
    };
    let month = number(fields.next(), 12);
    let day = month.and(number(fields.next(), 31));
    let part = DatePart {
        year,
        month,
        day,
        ..DatePart::default()
    };
    let detail = |p: &DatePart| u8::from(p.month.is_some()) + u8::from(p.day.is_some());
    let better = entry
        .date(variable)
        .and_then(Date::first)
        .is_none_or(|existing| detail(&part) > detail(existing));
    if better {
        entry.set_date(
            variable,
            Date {
                start: Endpoint::Known(part),
                end: None,
            },
        );
    }
}

fn finish(mut record: Record, imported: &mut Imported) {
    let whole_work = matches!(
        record.entry.item_type.value,
        ItemType::Book | ItemType::Thesis | ItemType::Report
    );
    match record.pages {
        (Some(start), Some(end)) => {
            record
                .entry
                .set_text("page", MultiText::plain(format!("{start}–{end}")));
        }
        (Some(count), None) if whole_work && count.bytes().all(|b| b.is_ascii_digit()) => {
            record
                .entry
                .set_text("number-of-pages", MultiText::plain(count));
        }
        (Some(start), None) => {
            record.entry.set_text("page", MultiText::plain(start));
        }
        (None, Some(end)) => extra(&mut record.entry, "EP", &end),
        (None, None) => {}
    }
    imported.spans.push(record.start);
    imported.entries.push(record.entry);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tag_lines() {
        assert_eq!(parse_line("TY  - JOUR"), Some(("TY", "JOUR")));
        assert_eq!(
            parse_line("A1  - Ниязов, Н.С."),
            Some(("A1", "Ниязов, Н.С."))
        );
        assert_eq!(parse_line("ER  -"), Some(("ER", "")));
        assert_eq!(parse_line("ty  - x"), None);
        assert_eq!(parse_line("Ни  - x"), None);
        assert_eq!(parse_line("TI x"), None);
        assert_eq!(parse_line("AB   -- not a tag"), None);
    }

    #[test]
    fn reads_ris_dates() {
        let mut entry = Entry::new("x", ItemType::Book);
        read_date(&mut entry, "issued", "2010///", "PY");
        read_date(&mut entry, "issued", "2010/03/31/", "DA");
        assert_eq!(entry.date("issued").unwrap().to_string(), "2010-03-31");
        read_date(&mut entry, "accessed", "n.d.", "Y2");
        assert!(entry.date("accessed").is_none());
        assert_eq!(entry.extra["ris"]["Y2"], "n.d.");
    }
}
