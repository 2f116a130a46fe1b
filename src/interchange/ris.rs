//! RIS, the tagged format of EndNote, Zotero and library catalogues: one
//! `TAG  - value` line per field, `TY` first and `ER` last in each record.
//!
//! Export writes the form chosen by `--form`, one line per value; a value
//! can never start a new line (line breaks become spaces, control and
//! direction characters are left out). Import reads the common tags; any
//! other tag goes to `note` as `TAG: value`.

use super::Romanizer;
use super::{append_note, export_warning, language_tag, name_in_form, pick};
use super::{ExportOptions, Exported, Imported, Source, TextForm};
use crate::diag::{Diagnostic, Span};
use crate::model::{Date, DatePart, Endpoint, Entry, ItemType, MultiText, Name};

/// CSL item types and RIS reference types; the first RIS type of a CSL type
/// is the one written.
const TYPES: &[(ItemType, &str)] = &[
    (ItemType::ArticleJournal, "JOUR"),
    (ItemType::ArticleMagazine, "MGZN"),
    (ItemType::ArticleNewspaper, "NEWS"),
    (ItemType::Book, "BOOK"),
    (ItemType::Chapter, "CHAP"),
    (ItemType::PaperConference, "CPAPER"),
    (ItemType::PaperConference, "CONF"),
    (ItemType::Report, "RPRT"),
    (ItemType::Thesis, "THES"),
    (ItemType::Webpage, "ELEC"),
    (ItemType::PostWeblog, "BLOG"),
    (ItemType::Dataset, "DATA"),
    (ItemType::Software, "COMP"),
    (ItemType::Patent, "PAT"),
    (ItemType::Legislation, "STAT"),
    (ItemType::Bill, "BILL"),
    (ItemType::LegalCase, "CASE"),
    (ItemType::Map, "MAP"),
    (ItemType::MotionPicture, "MPCT"),
    (ItemType::Song, "SOUND"),
    (ItemType::EntryEncyclopedia, "ENCYC"),
    (ItemType::EntryDictionary, "DICT"),
    (ItemType::Manuscript, "MANSCPT"),
    (ItemType::Hearing, "HEAR"),
    (ItemType::Graphic, "ART"),
    (ItemType::Pamphlet, "PAMP"),
    (ItemType::Standard, "STAND"),
    (ItemType::Periodical, "SER"),
    (ItemType::Manuscript, "UNPB"),
    (ItemType::Book, "EBOOK"),
    (ItemType::Chapter, "ECHAP"),
    (ItemType::ArticleJournal, "EJOUR"),
    (ItemType::Webpage, "WEB"),
    (ItemType::Document, "GEN"),
];

/// Text variables with one tag.
const TEXT_TAGS: &[(&str, &str)] = &[
    ("title", "TI"),
    ("container-title", "T2"),
    ("collection-title", "T3"),
    ("container-title-short", "J2"),
    ("volume", "VL"),
    ("issue", "IS"),
    ("edition", "ET"),
    ("number-of-volumes", "NV"),
    ("publisher", "PB"),
    ("publisher-place", "CY"),
    ("DOI", "DO"),
    ("URL", "UR"),
    ("abstract", "AB"),
    ("note", "N1"),
    ("call-number", "CN"),
    ("genre", "M3"),
    ("number", "M1"),
];

const NAME_TAGS: &[(&str, &str)] = &[
    ("author", "AU"),
    ("editor", "A2"),
    ("collection-editor", "A3"),
    ("translator", "A4"),
];

pub fn export(entries: &[&Entry], options: &ExportOptions, out: &mut Exported) {
    for entry in entries {
        let mut lines = Lines::default();
        write_entry(entry, &options.form, options.scheme_for(entry), &mut lines);
        out.text.push_str(&lines.text);
        out.text.push('\n');
        if !lines.dropped.is_empty() {
            out.warnings.push(export_warning(
                entry,
                format!(
                    "left out {} control or direction characters",
                    lines.dropped.len()
                ),
            ));
        }
    }
}

#[derive(Default)]
struct Lines {
    text: String,
    dropped: Vec<char>,
}

impl Lines {
    fn push(&mut self, tag: &str, value: &str) {
        let mut clean = String::with_capacity(value.len());
        for c in value.chars() {
            if c == '\n' || c == '\r' || c == '\t' {
                clean.push(' ');
            } else if c.is_control() || crate::store::serialize::is_invisible_format(c) {
                self.dropped.push(c);
            } else {
                clean.push(c);
            }
        }
        let clean = clean.trim();
        if !clean.is_empty() {
            self.text.push_str(&format!("{tag}  - {clean}\n"));
        }
    }
}

fn write_entry(entry: &Entry, form: &TextForm, scheme: Romanizer, lines: &mut Lines) {
    let item_type = entry.item_type.value;
    let ris_type = TYPES
        .iter()
        .find(|(t, _)| *t == item_type)
        .map_or("GEN", |(_, r)| r);
    lines.push("TY", ris_type);
    lines.push("ID", &entry.key);
    for (variable, tag) in NAME_TAGS {
        for name in entry.names(variable).unwrap_or_default() {
            lines.push(tag, &display(&name_in_form(name, form, scheme)));
        }
    }
    for (variable, tag) in TEXT_TAGS {
        if let Some(text) = entry.text(variable) {
            lines.push(tag, &pick(text, form, scheme));
        }
    }
    write_pages(entry, lines);
    for variable in ["ISBN", "ISSN"] {
        if let Some(text) = entry.text(variable) {
            lines.push("SN", &text.original);
        }
    }
    if let Some(keywords) = entry.text("keyword") {
        for keyword in pick(keywords, form, scheme).split([',', ';']) {
            lines.push("KW", keyword);
        }
    }
    if let Some(date) = entry.date("issued") {
        if let Some(part) = date.first() {
            lines.push("PY", &format!("{:04}", part.year));
        }
        lines.push("DA", &ris_date(date));
    }
    if let Some(date) = entry.date("accessed") {
        lines.push("Y2", &ris_date(date));
    }
    if let Some(language) = entry.language() {
        lines.push("LA", language);
    }
    lines.text.push_str("ER  - \n");
}

fn write_pages(entry: &Entry, lines: &mut Lines) {
    let Some(page) = entry.text("page") else {
        return;
    };
    match page.original.split_once(['-', '–']) {
        Some((start, end)) => {
            lines.push("SP", start);
            lines.push("EP", end);
        }
        None => lines.push("SP", &page.original),
    }
}

/// `Family, Given, Suffix`, or the literal name.
fn display(name: &Name) -> String {
    if let Some(literal) = &name.literal {
        return literal.original.clone();
    }
    let family: Vec<&str> = [&name.non_dropping_particle, &name.family]
        .into_iter()
        .flatten()
        .map(|t| t.original.as_str())
        .collect();
    let given: Vec<&str> = [&name.given, &name.dropping_particle]
        .into_iter()
        .flatten()
        .map(|t| t.original.as_str())
        .collect();
    let mut out = family.join(" ");
    if !given.is_empty() {
        out = format!("{out}, {}", given.join(" "));
    }
    if let Some(suffix) = &name.suffix {
        out = format!("{out}, {}", suffix.original);
    }
    out
}

/// RIS dates: `YYYY/MM/DD/` with empty parts left blank.
fn ris_date(date: &Date) -> String {
    let Some(part) = date.first() else {
        return String::new();
    };
    let two = |n: Option<u8>| n.map(|n| format!("{n:02}")).unwrap_or_default();
    format!("{:04}/{}/{}/", part.year, two(part.month), two(part.day))
}

/// One record being read, and where it started.
struct Record {
    entry: Entry,
    start: Span,
    pages: (Option<String>, Option<String>),
    last_tag: String,
}

pub fn import(source: &Source) -> Imported {
    let mut imported = Imported::default();
    let mut current: Option<Record> = None;
    let mut offset = 0;
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
        if let Err(message) = step(&mut current, &mut imported.entries, line, span) {
            imported.diagnostics.push(
                Diagnostic::error("invalid-ris", message)
                    .with_location(source.at(span))
                    .with_help("each line is two capitals (or a capital and a digit), two spaces, `-`, a space and the value; nothing was imported"),
            );
            return imported;
        }
    }
    if let Some(record) = current {
        imported.diagnostics.push(
            Diagnostic::error("invalid-ris", "the last record has no `ER  - ` line")
                .with_location(source.at(record.start))
                .with_help("end each record with `ER  - `; nothing was imported"),
        );
    }
    imported
}

/// Reads one non-blank line into the open record, or says what is wrong.
fn step(
    current: &mut Option<Record>,
    done: &mut Vec<Entry>,
    line: &str,
    span: Span,
) -> Result<(), String> {
    match (parse_line(line), current.as_mut()) {
        (Some(("TY", value)), None) => *current = Some(start_record(value, span)),
        (Some(("TY", _)), Some(_)) => {
            return Err("a new record starts before `ER  - ` ended the last".into())
        }
        (Some(("ER", _)), Some(_)) => {
            if let Some(record) = current.take() {
                done.push(finish_record(record, done.len()));
            }
        }
        (Some((tag, value)), Some(record)) => read_tag(record, tag, value),
        // Catalogues wrap long abstracts and notes onto unmarked lines.
        (None, Some(record)) if matches!(record.last_tag.as_str(), "AB" | "N1" | "N2") => {
            let tag = record.last_tag.clone();
            read_tag(record, &tag, line.trim());
        }
        (Some((tag, _)), None) => {
            return Err(format!(
                "`{tag}` outside a record: a record starts with `TY  - `"
            ))
        }
        (None, _) => return Err("expected a `TAG  - value` line".into()),
    }
    Ok(())
}

/// `TAG  - value` → (tag, value). Accepts one or two spaces before the dash.
fn parse_line(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    let mut tag_chars = tag.chars();
    let valid = tag_chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && tag_chars
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !valid {
        return None;
    }
    let rest = line[2..].trim_start_matches(' ');
    let value = rest.strip_prefix('-')?;
    Some((tag, value.trim()))
}

fn start_record(value: &str, start: Span) -> Record {
    let item_type = TYPES
        .iter()
        .find(|(_, r)| r.eq_ignore_ascii_case(value))
        .map_or(ItemType::Document, |(t, _)| *t);
    Record {
        entry: Entry::new("", item_type),
        start,
        pages: (None, None),
        last_tag: "TY".into(),
    }
}

fn read_tag(record: &mut Record, tag: &str, value: &str) {
    record.last_tag = tag.to_string();
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
        "ID" => entry.key = value.to_string(),
        "T1" => set_once(entry, "title", value, tag),
        "JO" | "JF" | "BT" => set_once(entry, "container-title", value, tag),
        "JA" => set_once(entry, "container-title-short", value, tag),
        "PP" => set_once(entry, "publisher-place", value, tag),
        "N2" => set_once(entry, "abstract", value, tag),
        "SP" => record.pages.0 = Some(value.to_string()),
        "EP" => record.pages.1 = Some(value.to_string()),
        "SN" => {
            let variable = if is_issn(value) { "ISSN" } else { "ISBN" };
            set_once(entry, variable, value, tag);
        }
        "KW" => {
            let keywords = match entry.text("keyword") {
                Some(k) => format!("{}, {value}", k.original),
                None => value.to_string(),
            };
            entry.set_text("keyword", MultiText::plain(keywords));
        }
        "PY" | "Y1" | "DA" => read_date(entry, "issued", value, tag),
        "Y2" => read_date(entry, "accessed", value, tag),
        "LA" => match language_tag(value) {
            Some(language) => entry.language = Some(crate::model::Field::detached(language)),
            None => append_note(entry, tag, value),
        },
        _ => match TEXT_TAGS.iter().find(|(_, t)| *t == tag) {
            Some((variable, _)) => set_once(entry, variable, value, tag),
            None => append_note(entry, tag, value),
        },
    }
}

/// Sets a variable, or notes a repeated tag's value so it is not lost.
fn set_once(entry: &mut Entry, variable: &str, value: &str, tag: &str) {
    if entry.text(variable).is_some() {
        if variable == "abstract" || variable == "note" {
            let joined = entry
                .text(variable)
                .map(|t| format!("{}\n{value}", t.original));
            entry.set_text(variable, MultiText::plain(joined.unwrap_or_default()));
        } else {
            append_note(entry, tag, value);
        }
    } else {
        entry.set_text(variable, MultiText::plain(value));
    }
}

fn push_name(entry: &mut Entry, variable: &str, value: &str) {
    let mut names = entry
        .names(variable)
        .map(<[Name]>::to_vec)
        .unwrap_or_default();
    let mut parts = value.splitn(3, ',').map(str::trim);
    let family = parts.next().unwrap_or_default();
    let name = match (parts.next(), parts.next()) {
        (None, _) if family.contains(' ') => Name {
            literal: Some(MultiText::plain(family)),
            ..Name::default()
        },
        (given, suffix) => Name {
            family: Some(MultiText::plain(family)),
            given: given.filter(|g| !g.is_empty()).map(MultiText::plain),
            suffix: suffix.filter(|s| !s.is_empty()).map(MultiText::plain),
            ..Name::default()
        },
    };
    names.push(name);
    entry.set_names(variable, names);
}

fn is_issn(value: &str) -> bool {
    let digits: String = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    digits.len() == 8
}

/// `2010`, `2010/03/31/`, `2010///`, `2010-03-31` (and a trailing note).
fn read_date(entry: &mut Entry, variable: &str, value: &str, tag: &str) {
    let mut fields = value.split(['/', '-']).map(str::trim);
    let year = fields
        .next()
        .and_then(|y| y.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    let Some(year) = year else {
        return append_note(entry, tag, value);
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
    let better = match entry.date(variable).and_then(Date::first) {
        Some(existing) => {
            (part.month.is_some() as u8 + part.day.is_some() as u8)
                > (existing.month.is_some() as u8 + existing.day.is_some() as u8)
        }
        None => true,
    };
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

fn finish_record(mut record: Record, index: usize) -> Entry {
    let page = match &record.pages {
        (Some(start), Some(end)) => Some(format!("{start}-{end}")),
        (Some(start), None) => Some(start.clone()),
        _ => None,
    };
    if let Some(page) = page {
        record.entry.set_text("page", MultiText::plain(page));
    }
    if record.entry.key.is_empty() {
        record.entry.key = made_key(&record.entry, index);
    }
    record.entry
}

/// A key from the first author, the year and the title (`niyazov2010razvitie`),
/// made by the `text` module's key maker; `ris-N` when nothing is known.
fn made_key(entry: &Entry, index: usize) -> String {
    let family = entry
        .names("author")
        .and_then(|n| n.first())
        .and_then(|n| n.family.as_ref().or(n.literal.as_ref()))
        .map(|t| t.original.as_str());
    let title = entry.text("title").map(|t| t.original.as_str());
    if family.is_none() && title.is_none() {
        return format!("ris-{}", index + 1);
    }
    crate::text::keys::make_key(family, entry.year(), title)
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
    }

    #[test]
    fn reads_ris_dates() {
        let mut entry = Entry::new("x", ItemType::Book);
        read_date(&mut entry, "issued", "2010///", "PY");
        read_date(&mut entry, "issued", "2010/03/31/", "DA");
        assert_eq!(entry.date("issued").unwrap().to_string(), "2010-03-31");
        read_date(&mut entry, "accessed", "n.d.", "Y2");
        assert!(entry.date("accessed").is_none());
        assert_eq!(entry.text("note").unwrap().original, "Y2: n.d.");
    }

    #[test]
    fn values_never_start_a_new_line() {
        let mut lines = Lines::default();
        lines.push("TI", "a\nER  - \r\nTY  - BOOK\0");
        assert_eq!(lines.text, "TI  - a ER  -   TY  - BOOK\n");
        assert_eq!(lines.dropped, vec!['\0']);
    }
}
