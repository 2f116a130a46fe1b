//! RIS, the tagged format of EndNote, Zotero and library catalogues: one
//! `TAG  - value` line per field, `TY` first and `ER` last in each record.
//!
//! Export writes the form chosen by `--form`, one line per value; a value
//! can never start a new line (line breaks become spaces, control and
//! direction characters are left out). Every variable with a RIS tag is
//! written (`ST` the short title, `N1` the note, `SP`/`EP` the pages, a lone
//! `SP` a book's number of pages), then the `[extra.ris]` tags an import
//! kept. Import is in [`super::ris_import`].

use super::Romanizer;
use super::{export_warning, name_in_form, pick};
use super::{ExportOptions, Exported, TextForm};
use crate::model::{Date, Entry, ItemType, Name};

/// CSL item types and RIS reference types; the first RIS type of a CSL type
/// is the one written.
pub(super) const TYPES: &[(ItemType, &str)] = &[
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
pub(super) const TEXT_TAGS: &[(&str, &str)] = &[
    ("title", "TI"),
    ("title-short", "ST"),
    ("original-title", "OP"),
    ("reviewed-title", "RI"),
    ("section", "SE"),
    ("source", "DP"),
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

pub(super) const NAME_TAGS: &[(&str, &str)] = &[
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
    if ris_type == "GEN" && item_type != ItemType::Document {
        lines.push("C8", &format!("type: {item_type}"));
    }
    for (variable, field) in &entry.names {
        let tag = NAME_TAGS
            .iter()
            .find(|(v, _)| v == variable)
            .map(|(_, t)| *t)
            .unwrap_or("C8");
        let chosen: Vec<Name> = field
            .value
            .iter()
            .map(|n| name_in_form(n, form, scheme))
            .collect();
        let mut exact = true;
        for (i, name) in chosen.iter().enumerate() {
            let written = display(name);
            let back = super::ris_import::read_name(&written, i > 0);
            exact &= same_name(&back, name);
            if tag == "C8" {
                lines.push(tag, &format!("{variable}: {written}"));
            } else {
                lines.push(tag, &written);
            }
        }
        if !exact {
            // Particles and the like, which `AU` lines cannot say.
            let list: Vec<serde_json::Value> = chosen.iter().map(name_json).collect();
            lines.push(
                "C8",
                &format!("{variable}: {}", serde_json::Value::Array(list)),
            );
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
            // `SN` holds both: one that looks like the other goes in `C8`.
            let as_issn = super::ris_import::is_issn(&text.original);
            if as_issn == (variable == "ISSN") {
                lines.push("SN", &text.original);
            } else {
                lines.push("C8", &format!("{variable}: {}", text.original));
            }
        }
    }
    if let Some(keywords) = entry.text("keyword") {
        // `a; b, c` lists two keywords, `a, b` two: the import joins them back.
        let keywords = pick(keywords, form, scheme);
        let separator = if keywords.contains(';') { ";" } else { ", " };
        for keyword in keywords.split(separator) {
            lines.push("KW", keyword);
        }
    }
    write_unrouted(entry, lines);
    // PubMed's identifiers, where EndNote and PubMed put them.
    if let Some(pmid) = entry.text("PMID") {
        lines.push("AN", &pmid.original);
    }
    if let Some(pmcid) = entry.text("PMCID") {
        lines.push("C2", &pmcid.original);
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
    for (name, field) in &entry.dates {
        let date = &field.value;
        let exact = date.end.is_none()
            && date
                .parts()
                .all(|p| !p.approximate && !p.uncertain && p.season.is_none() && p.year >= 0);
        let tagged = matches!(*name, "issued" | "accessed");
        if !exact || !tagged {
            lines.push("C8", &format!("{name}: {date}"));
        }
    }
    if let Some(language) = entry.language() {
        lines.push("LA", language);
    }
    for (tag, values) in entry
        .extra
        .get(super::ris_import::EXTRA)
        .into_iter()
        .flatten()
    {
        let known = tag.len() == 2 && tag != "TY" && tag != "ER";
        for value in values.lines().filter(|_| known) {
            lines.push(tag, value);
        }
    }
    lines.text.push_str("ER  - \n");
}

/// Text variables RIS has no tag for, as `C8  - variable: value` (a custom
/// field other tools keep; kaynak's import reads it back).
fn write_unrouted(entry: &Entry, lines: &mut Lines) {
    let routed = |name: &str| {
        TEXT_TAGS.iter().any(|(v, _)| *v == name)
            || matches!(
                name,
                "page" | "ISBN" | "ISSN" | "keyword" | "PMID" | "PMCID"
            )
            || (name == "number-of-pages" && pages_as_sp(entry))
    };
    for (name, field) in &entry.texts {
        if !routed(name) {
            lines.push("C8", &format!("{name}: {}", field.value.original));
        }
    }
}

/// Whether the number of pages is written as a lone `SP` (a whole work
/// without pages, and a plain number, as the import reads it back).
fn pages_as_sp(entry: &Entry) -> bool {
    let whole_work = matches!(
        entry.item_type.value,
        ItemType::Book | ItemType::Thesis | ItemType::Report
    );
    whole_work
        && entry.text("page").is_none()
        && entry.text("number-of-pages").is_some_and(|n| {
            !n.original.is_empty() && n.original.bytes().all(|b| b.is_ascii_digit())
        })
}

fn write_pages(entry: &Entry, lines: &mut Lines) {
    let Some(page) = entry.text("page") else {
        // A book's number of pages is its lone `SP`, as Zotero writes it.
        if let (Some(count), true) = (entry.text("number-of-pages"), pages_as_sp(entry)) {
            lines.push("SP", &count.original);
        }
        return;
    };
    match page.original.split_once(['–', '-']) {
        Some((start, end)) => {
            lines.push("SP", start);
            lines.push("EP", end);
        }
        None => lines.push("SP", &page.original),
    }
}

/// `Family, Given, Suffix`, or the literal name.
fn same_name(a: &Name, b: &Name) -> bool {
    let text = |n: &Name| {
        [
            &n.family,
            &n.given,
            &n.dropping_particle,
            &n.non_dropping_particle,
            &n.suffix,
            &n.literal,
        ]
        .map(|p| p.as_ref().map(|t| t.original.clone()))
    };
    text(a) == text(b)
}

fn name_json(name: &Name) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for (key, part) in [
        ("family", &name.family),
        ("given", &name.given),
        ("dropping-particle", &name.dropping_particle),
        ("non-dropping-particle", &name.non_dropping_particle),
        ("suffix", &name.suffix),
        ("literal", &name.literal),
    ] {
        if let Some(text) = part {
            map.insert(key.into(), serde_json::Value::String(text.original.clone()));
        }
    }
    serde_json::Value::Object(map)
}

/// `von Family, Given, Suffix` (particles before the family name, as the
/// import reads them back), a lone family name as `Family,` (without the
/// comma it would read as an organisation), or the literal name.
fn display(name: &Name) -> String {
    if let Some(literal) = &name.literal {
        return literal.original.clone();
    }
    let family: Vec<&str> = [
        &name.dropping_particle,
        &name.non_dropping_particle,
        &name.family,
    ]
    .into_iter()
    .flatten()
    .map(|t| t.original.as_str())
    .collect();
    let mut out = family.join(" ");
    out.push(',');
    if let Some(given) = &name.given {
        out = format!("{out} {}", given.original);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_never_start_a_new_line() {
        let mut lines = Lines::default();
        lines.push("TI", "a\nER  - \r\nTY  - BOOK\0");
        assert_eq!(lines.text, "TI  - a ER  -   TY  - BOOK\n");
        assert_eq!(lines.dropped, vec!['\0']);
    }
}
