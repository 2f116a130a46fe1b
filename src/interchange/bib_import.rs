//! BibTeX and BibLaTeX import, on the `biblatex` crate: it parses the file,
//! expands `@string`s and month macros, and turns accent commands into
//! Unicode (`{\c{s}}` → ş, `{\i}` → ı, `\.{I}` → İ). This module maps the
//! fields to the model, the reverse of [`super::biblatex`] and
//! [`super::bibtex`], including biblatex-ms `_romanised`/`_translated_`
//! fields. Fields it cannot map go to `note` as `field: value` lines.

use super::bib::{item_type_of, number_is_issue, DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS};
use super::latex::decode_cyrillic;
use super::{append_note, language_tag, ImportOptions, Imported, Source};
use crate::diag::{Diagnostic, Span};
use crate::model::{Date, DatePart, Entry, ItemType, MultiText, Name};
use biblatex::{Bibliography, Chunk, Person, RawBibliography, Spanned};
use std::collections::{BTreeMap, BTreeSet};

type Chunks = Vec<Spanned<Chunk>>;

pub fn import(source: &Source, options: &ImportOptions) -> Imported {
    let mut imported = Imported::default();
    let (raw, bibliography) = match parse(source) {
        Ok(pair) => pair,
        Err(diagnostic) => {
            imported.diagnostics.push(*diagnostic);
            return imported;
        }
    };
    for raw_entry in &raw.entries {
        let key = raw_entry.v.key.v;
        let Some(resolved) = bibliography.get(key) else {
            continue;
        };
        let mut reader = Reader {
            fields: &resolved.fields,
            used: BTreeSet::new(),
            entry: Entry::new(key, ItemType::Document),
        };
        reader.read(raw_entry.v.kind.v, options);
        let unmapped = reader.unmapped();
        if let Some(first) = unmapped.first() {
            let span = raw_entry
                .v
                .fields
                .iter()
                .find(|p| p.key.v.eq_ignore_ascii_case(first))
                .map(|p| Span::new(p.key.span.start, p.key.span.end))
                .unwrap_or_default();
            imported.diagnostics.push(
                Diagnostic::info(
                    "unmapped-field",
                    format!("{key}: kept in `note`: {}", unmapped.join(", ")),
                )
                .with_location(source.at(span)),
            );
        }
        imported.entries.push(reader.entry);
    }
    imported
}

/// The file as written (for places) and resolved (`@string`s, commands,
/// cross-references), or a diagnostic at the first error.
fn parse<'s>(source: &Source<'s>) -> Result<(RawBibliography<'s>, Bibliography), Box<Diagnostic>> {
    let text = source.text;
    // The parser is a dependency: a panic in it must not take kaynak down.
    let parsed = std::panic::catch_unwind(|| {
        RawBibliography::parse(text)
            .and_then(|raw| Bibliography::from_raw(raw.clone()).map(|bib| (raw, bib)))
    });
    match parsed {
        Ok(Ok(pair)) => Ok(pair),
        Ok(Err(e)) => Err(Box::new(
            Diagnostic::error(
                "invalid-bib",
                format!("cannot read the .bib file: {}", e.kind),
            )
            .with_location(source.at(Span::new(e.span.start, e.span.end)))
            .with_help("fix the entry at this place; nothing was imported"),
        )),
        Err(_) => Err(Box::new(
            Diagnostic::error(
                "invalid-bib",
                "cannot read the .bib file: the parser failed",
            )
            .with_location(source.at(Span::new(0, 0))),
        )),
    }
}

/// Reads one resolved entry into the model, remembering which fields it used.
struct Reader<'a> {
    fields: &'a BTreeMap<String, Chunks>,
    used: BTreeSet<String>,
    entry: Entry,
}

impl Reader<'_> {
    fn read(&mut self, kind: &str, options: &ImportOptions) {
        let subtype = self.take("entrysubtype");
        self.entry.item_type.value = item_type_of(kind, subtype.as_deref());
        self.read_language();
        for (variable, field) in NAME_FIELDS {
            self.read_names(variable, field);
        }
        self.read_title(options);
        for (variable, field) in TEXT_FIELDS.iter().skip(1) {
            self.read_text(variable, field);
        }
        self.read_type_dependent();
        self.read_dates();
        self.read_multiscript();
    }

    /// The text of a field, marking it used.
    fn take(&mut self, field: &str) -> Option<String> {
        let chunks = self.fields.get(field)?;
        self.used.insert(field.to_string());
        let text = chunks_text(chunks);
        (!text.is_empty()).then_some(text)
    }

    fn read_language(&mut self) {
        let tag = ["langid", "language", "hyphenation"]
            .iter()
            .find_map(|f| self.take(f).and_then(|v| language_tag(&v)));
        if let Some(tag) = tag {
            self.entry.language = Some(crate::model::Field::detached(tag));
        }
    }

    fn read_title(&mut self, options: &ImportOptions) {
        let Some(title) = self.take("title") else {
            return;
        };
        let mut text = MultiText::plain(title.clone());
        if let Some(original) = self.take("titleoriginal") {
            text.original = original;
            text.translit = Some(title);
        }
        if let Some(field) = &options.translit_field {
            if let Some(translit) = self.take(&field.to_ascii_lowercase()) {
                text.translit = Some(translit);
            }
        }
        self.entry.set_text("title", text);
    }

    fn read_text(&mut self, variable: &str, field: &str) {
        if self.entry.text(variable).is_some() {
            return;
        }
        if let Some(value) = self.take(field) {
            self.entry.set_text(variable, MultiText::plain(value));
        }
    }

    /// Fields whose meaning depends on the entry type, and BibTeX's names.
    fn read_type_dependent(&mut self) {
        let item_type = self.entry.item_type.value;
        self.read_text("publisher-place", "address");
        for field in ["journaltitle", "journal", "booktitle", "maintitle"] {
            self.read_text("container-title", field);
        }
        let site = matches!(
            item_type,
            ItemType::Webpage | ItemType::Post | ItemType::PostWeblog | ItemType::Document
        );
        for field in ["publisher", "institution", "school"] {
            self.read_text("publisher", field);
        }
        let (organization, howpublished) = if site {
            ("container-title", "container-title")
        } else {
            ("publisher", "medium")
        };
        self.read_text(organization, "organization");
        self.read_text(howpublished, "howpublished");
        self.read_text("issue", "issue");
        if number_is_issue(item_type) {
            self.read_text("issue", "number");
        } else if self.fields.contains_key("series") && item_type != ItemType::Report {
            self.read_text("collection-number", "number");
        } else {
            self.read_text("number", "number");
        }
    }

    fn read_names(&mut self, variable: &str, field: &str) {
        let Some(chunks) = self.fields.get(field) else {
            return;
        };
        self.used.insert(field.to_string());
        let mut names: Vec<Name> = split_names(chunks).iter().map(|n| to_name(n)).collect();
        let others = names.iter().position(|n| {
            n.literal.is_none() && n.family.as_ref().is_some_and(|f| f.original == "others")
        });
        if let Some(at) = others {
            names.truncate(at);
        }
        let romanised = format!("{field}_romanised");
        if let Some(latin) = self.fields.get(&romanised) {
            self.used.insert(romanised);
            let latin: Vec<Name> = split_names(latin).iter().map(|n| to_name(n)).collect();
            if latin.len() == names.len() {
                names
                    .iter_mut()
                    .zip(&latin)
                    .for_each(|(n, l)| add_translit(n, l));
            }
        }
        self.entry.set_names(variable, names);
    }

    fn read_dates(&mut self) {
        for (variable, field) in DATE_FIELDS {
            if let Some(value) = self.take(field) {
                self.set_date(variable, field, &value);
            }
        }
        if self.entry.date("issued").is_none() {
            if let Some(date) = self.year_month_day() {
                self.entry.set_date("issued", date);
            }
        }
    }

    fn set_date(&mut self, variable: &str, field: &str, value: &str) {
        let iso = value.split('T').next().unwrap_or(value).trim();
        let iso = if iso.ends_with('/') {
            iso.to_string()
        } else {
            iso.replace("/..", "/")
        };
        match Date::parse(&iso) {
            Ok(date) => {
                self.entry.set_date(variable, date);
            }
            Err(_) => append_note(&mut self.entry, field, value),
        }
    }

    /// BibTeX's `year`, `month` (number, name or macro) and `day`.
    fn year_month_day(&mut self) -> Option<Date> {
        let year_text = self.take("year")?;
        let Ok(year) = year_text.trim().parse::<i32>() else {
            let parsed = Date::parse(&year_text.replace("--", "/").replace('–', "/")).ok();
            if parsed.is_none() {
                append_note(&mut self.entry, "year", &year_text);
            }
            return parsed;
        };
        let mut part = DatePart {
            year,
            ..DatePart::default()
        };
        part.month = self.take("month").and_then(|m| month_number(&m));
        if part.month.is_some() {
            part.day = self
                .take("day")
                .and_then(|d| d.trim().parse::<u8>().ok())
                .filter(|d| (1..=31).contains(d));
        }
        Some(Date::single(part))
    }

    /// biblatex-ms fields: `<field>_romanised`, `<field>_translated_<lang>`.
    fn read_multiscript(&mut self) {
        let all = TEXT_FIELDS
            .iter()
            .map(|(v, f)| (*v, *f))
            .chain(type_dependent_fields(self.entry.item_type.value));
        for (variable, field) in all.collect::<Vec<_>>() {
            let prefix = format!("{field}_");
            let keys: Vec<String> = self
                .fields
                .keys()
                .filter(|k| k.starts_with(&prefix))
                .cloned()
                .collect();
            for key in keys {
                let Some(mut text) = self.entry.text(variable).cloned() else {
                    continue;
                };
                let form = &key[prefix.len()..];
                let Some(value) = self.take(&key) else {
                    continue;
                };
                if form == "romanised" {
                    text.translit = Some(value);
                } else if let Some(language) = form.strip_prefix("translated_") {
                    let tag = language_tag(language).unwrap_or_else(|| language.to_string());
                    text.translations.insert(tag, value);
                }
                self.entry.set_text(variable, text);
            }
        }
    }

    /// Fields not used, in order; each goes to `note` as `field: value`.
    fn unmapped(&mut self) -> Vec<String> {
        let names: Vec<String> = self
            .fields
            .keys()
            .filter(|k| !self.used.contains(*k))
            .cloned()
            .collect();
        for name in &names {
            if let Some(chunks) = self.fields.get(name) {
                let value = chunks_text(chunks);
                append_note(&mut self.entry, name, &value);
            }
        }
        names
    }
}

fn type_dependent_fields(item_type: ItemType) -> Vec<(&'static str, &'static str)> {
    use super::bib::{container_field, publisher_field, Dialect};
    vec![
        (
            "container-title",
            container_field(item_type, Dialect::Biblatex),
        ),
        ("publisher", publisher_field(item_type, Dialect::Biblatex)),
    ]
}

fn month_number(text: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = text.trim().to_ascii_lowercase();
    if let Ok(n) = lower.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let prefix: String = lower.chars().take(3).collect();
    NAMES
        .iter()
        .position(|m| *m == prefix)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// A field's text: chunks joined, T2A Cyrillic decoded, trimmed.
fn chunks_text(chunks: &[Spanned<Chunk>]) -> String {
    let mut out = String::new();
    for chunk in chunks {
        match &chunk.v {
            Chunk::Math(m) => {
                out.push('$');
                out.push_str(m);
                out.push('$');
            }
            other => out.push_str(other.get()),
        }
    }
    decode_cyrillic(out.trim())
}

/// Splits a name list at ` and ` outside braces.
fn split_names(chunks: &[Spanned<Chunk>]) -> Vec<Chunks> {
    let mut names: Vec<Chunks> = vec![Vec::new()];
    for chunk in chunks {
        let Chunk::Normal(text) = &chunk.v else {
            if let Some(last) = names.last_mut() {
                last.push(chunk.clone());
            }
            continue;
        };
        let mut pieces = text.split(" and ");
        if let (Some(first), Some(last)) = (pieces.next(), names.last_mut()) {
            push_normal(last, first);
        }
        for piece in pieces {
            let mut next = Vec::new();
            push_normal(&mut next, piece);
            names.push(next);
        }
    }
    names.retain(|n| !chunks_text(n).is_empty());
    names
}

fn push_normal(name: &mut Chunks, text: &str) {
    if !text.trim().is_empty() {
        name.push(Spanned::detached(Chunk::Normal(text.to_string())));
    }
}

/// One name: a single braced group is an organisation (`{Ministry of Defence}`).
fn to_name(chunks: &[Spanned<Chunk>]) -> Name {
    let meaningful: Vec<&Spanned<Chunk>> = chunks
        .iter()
        .filter(|c| !c.v.get().trim().is_empty())
        .collect();
    if let [only] = meaningful.as_slice() {
        if let Chunk::Verbatim(text) = &only.v {
            return Name {
                literal: Some(MultiText::plain(decode_cyrillic(text.trim()))),
                ..Name::default()
            };
        }
    }
    let person = Person::parse(chunks);
    let part = |s: &str| {
        let s = decode_cyrillic(s.trim());
        (!s.is_empty()).then(|| MultiText::plain(s))
    };
    Name {
        family: part(&person.name),
        given: part(&person.given_name),
        non_dropping_particle: part(&person.prefix),
        suffix: part(&person.suffix),
        ..Name::default()
    }
}

/// Sets each part's transliteration from the same name in Latin letters.
fn add_translit(name: &mut Name, latin: &Name) {
    let pairs = [
        (&mut name.family, &latin.family),
        (&mut name.given, &latin.given),
        (
            &mut name.non_dropping_particle,
            &latin.non_dropping_particle,
        ),
        (&mut name.suffix, &latin.suffix),
        (&mut name.literal, &latin.literal),
    ];
    for (part, latin_part) in pairs {
        if let (Some(p), Some(l)) = (part, latin_part) {
            if p.original != l.original {
                p.translit = Some(l.original.clone());
            }
        }
    }
}
