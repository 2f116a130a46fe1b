//! BibTeX and BibLaTeX import: the file's entries ([`super::bib_syntax`]),
//! with `crossref`/`xdata` inherited ([`super::bib_inherit`]), mapped to
//! the model, the reverse of [`super::biblatex_export`] and [`super::bibtex_export`].
//!
//! - Text is decoded from TeX into rich text ([`super::tex_decode`]); names by
//!   BibTeX's rules ([`super::bib_names`]); dates from `date` or
//!   `year`/`month`/`day` ([`super::bib_dates`]).
//! - `subtitle` and `titleaddon` join the title as biblatex prints them
//!   (`Title. Subtitle`), and likewise for book, journal and main titles.
//! - A field with no CSL variable, and a value that cannot be read as its
//!   variable (`year = {n.d.}`), is kept as written in `[extra.bibtex]`;
//!   `note` gets only the entry's own note.
//! - Duplicate keys: the first entry is kept, the others reported.
//!
//! We read `.bib` files ourselves rather than with the `biblatex` crate: it
//! refuses a whole file for one bad entry, gives no place to resume from, and
//! loses the braces that protect case.

use super::bib::{item_type_of, number_is_issue, NAME_FIELDS, TEXT_FIELDS};
use super::bib_dates::{iso_date, year_month_day};
use super::bib_names::parse_names;
use super::bib_syntax::{self, RawEntry, RawField};
use super::tex_decode::{decode, Mode};
use super::{language_tag, ImportOptions, Imported, Source};
use crate::diag::{Diagnostic, Span};
use crate::model::{Entry, Field, ItemType, MultiText, Name, VariableKind};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The `[extra]` table that `.bib` fields without a CSL variable go to.
pub const EXTRA: &str = "bibtex";

pub fn import(source: &Source, options: &ImportOptions) -> Imported {
    let mut parsed = bib_syntax::parse(source);
    let mut imported = Imported {
        skipped: parsed.broken_entries,
        ..Imported::default()
    };
    imported.diagnostics.append(&mut parsed.diagnostics);
    let mut entries = unique(parsed.entries, source, &mut imported);
    super::bib_inherit::inherit(&mut entries, source, &mut imported.diagnostics);
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    for raw in &entries {
        if raw.kind == "xdata" {
            continue;
        }
        let mut reader = Reader::new(raw, options);
        reader.read();
        for name in reader
            .entry
            .extra
            .get(EXTRA)
            .into_iter()
            .flat_map(|t| t.keys())
        {
            *unmapped.entry(name.clone()).or_default() += 1;
        }
        for (span, message) in reader.warnings {
            imported.diagnostics.push(
                Diagnostic::warning("bib-value", format!("{}: {message}", raw.key))
                    .with_location(source.at(span)),
            );
        }
        imported.spans.push(raw.span);
        imported.entries.push(reader.entry);
    }
    if !unmapped.is_empty() {
        let list: Vec<String> = unmapped
            .iter()
            .map(|(name, n)| format!("{name} ×{n}"))
            .collect();
        imported.diagnostics.push(
            Diagnostic::info(
                "unmapped-field",
                format!(
                    "fields with no CSL variable are kept in [extra.bibtex], not printed: {}",
                    list.join(", ")
                ),
            )
            .with_location(source.at(Span::new(0, 0))),
        );
    }
    imported
}

/// The first entry of each key; the others reported, as biber does (a key
/// that differs only in case is another entry: see [`super::finish`]).
fn unique(entries: Vec<RawEntry>, source: &Source, imported: &mut Imported) -> Vec<RawEntry> {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        if entry.kind == "set" && entry.fields.is_empty() {
            continue;
        }
        if entry.key.is_empty() {
            // A key is made for it later.
            out.push(entry);
            continue;
        }
        match seen.get(&entry.key) {
            Some(&line) => {
                imported.skipped += 1;
                imported.diagnostics.push(
                    Diagnostic::warning(
                        "duplicate-key",
                        format!(
                            "`{}` is a second entry with the key of the one on line {line}; the first is kept",
                            entry.key
                        ),
                    )
                    .with_location(source.at(entry.key_span))
                    .with_help("give the entry a key of its own"),
                );
            }
            None => {
                let line = source.at(entry.key_span).line;
                seen.insert(entry.key.clone(), line);
                out.push(entry);
            }
        }
    }
    out
}

/// Text variables whose braces protect case (`<span class="nocase">`).
fn is_title_like(variable: &str) -> bool {
    variable.contains("title") || variable == "event" || variable == "genre"
}

/// Fields read verbatim: addresses and identifiers, not TeX.
fn is_verbatim(field: &str) -> bool {
    matches!(
        field,
        "url" | "doi" | "eprint" | "file" | "pdf" | "urlraw" | "verba" | "verbb" | "verbc"
    )
}

/// Reads one entry into the model, remembering which fields it used.
struct Reader<'a> {
    raw: &'a RawEntry,
    fields: HashMap<&'a str, &'a RawField>,
    used: HashSet<&'a str>,
    options: &'a ImportOptions,
    entry: Entry,
    warnings: Vec<(Span, String)>,
}

impl<'a> Reader<'a> {
    fn new(raw: &'a RawEntry, options: &'a ImportOptions) -> Reader<'a> {
        let mut fields = HashMap::with_capacity(raw.fields.len());
        for field in &raw.fields {
            fields.entry(field.name.as_str()).or_insert(field);
        }
        Reader {
            raw,
            fields,
            used: HashSet::new(),
            options,
            entry: Entry::new(raw.key.clone(), ItemType::Document),
            warnings: Vec::new(),
        }
    }

    fn read(&mut self) {
        let subtype = self.raw_value("entrysubtype").map(str::to_ascii_lowercase);
        self.entry.item_type.value = item_type_of(&self.raw.kind, subtype.as_deref());
        let known_subtype = subtype.as_deref().is_some_and(|s| {
            ItemType::from_name(s).is_some() || matches!(s, "newspaper" | "magazine")
        });
        if known_subtype {
            self.used.insert("entrysubtype");
        }
        self.read_language();
        for (variable, field) in NAME_FIELDS {
            self.read_names(variable, field);
        }
        self.read_titles();
        for (variable, field) in TEXT_FIELDS.iter().skip(1) {
            self.read_text(variable, field);
        }
        self.read_type_dependent();
        self.read_dates();
        self.read_multiscript();
        self.keep_the_rest();
    }

    fn raw_value(&self, field: &str) -> Option<&'a str> {
        self.fields.get(field).map(|f| f.value.as_str())
    }

    /// A field's decoded text, marking it used; `None` when absent or empty.
    fn take(&mut self, field: &str, mode: Mode) -> Option<String> {
        let raw = *self.fields.get(field)?;
        self.used.insert(raw.name.as_str());
        let text = if is_verbatim(field) {
            unescape_verbatim(&raw.value)
        } else {
            let decoded = decode(&raw.value, mode);
            if !decoded.unknown.is_empty() {
                let mut names = decoded.unknown.clone();
                names.dedup();
                let shown: Vec<String> = names.iter().map(|n| format!("\\{n}")).collect();
                self.warnings.push((
                    raw.value_span,
                    format!(
                        "`{field}`: unknown TeX command {} left out, its text kept",
                        shown.join(", ")
                    ),
                ));
            }
            decoded.text
        };
        (!text.is_empty()).then_some(text)
    }

    fn read_language(&mut self) {
        for field in ["langid", "language", "hyphenation"] {
            let Some(value) = self.raw_value(field) else {
                continue;
            };
            if let Some(tag) = language_tag(&decode(value, Mode::Plain).text) {
                self.used.insert(self.fields[field].name.as_str());
                self.entry.language = Some(Field::detached(tag));
                return;
            }
        }
    }

    /// `title` with `subtitle` and `titleaddon`, and the container titles
    /// with theirs.
    fn read_titles(&mut self) {
        let translation = self.bracketed_translation();
        if let Some(mut title) = self.joined_title("") {
            if let Some(translation) = translation {
                title.translations_mut().insert("en".into(), translation);
            }
            if let Some(original) = self.take("titleoriginal", Mode::Title) {
                let translit = std::mem::replace(&mut title.original, original);
                title.set_translit(Some(translit));
            }
            if let Some(field) = self.options.translit_field.clone() {
                if let Some(translit) = self.take(&field.to_ascii_lowercase(), Mode::Title) {
                    title.set_translit(Some(translit));
                }
            }
            self.entry.set_text("title", title);
        }
        for prefix in ["journal", "book", "main"] {
            if let Some(title) = self.joined_title(prefix) {
                if self.entry.text("container-title").is_none() {
                    self.entry.set_text("container-title", title);
                } else {
                    // Kept as written; the container already has a title.
                    for part in ["title", "subtitle", "titleaddon"] {
                        self.used.remove(format!("{prefix}{part}").as_str());
                    }
                }
            }
        }
    }

    /// kaynak's own BibLaTeX export writes the English translation of a
    /// title in another language as `titleaddon = {[…]}` (biblatex prints it
    /// after the title); it comes back as that translation.
    fn bracketed_translation(&mut self) -> Option<String> {
        let english = self
            .entry
            .language()
            .is_none_or(|l| l.split('-').next() == Some("en"));
        let addon = self.raw_value("titleaddon").filter(|_| !english)?;
        let text = decode(addon, Mode::Title).text;
        let inner = text.strip_prefix('[')?.strip_suffix(']')?;
        self.used.insert("titleaddon");
        Some(inner.to_string())
    }

    /// `<prefix>title. <prefix>subtitle. <prefix>titleaddon`.
    fn joined_title(&mut self, prefix: &str) -> Option<MultiText> {
        let name = |part: &str| format!("{prefix}{part}");
        let main = if prefix == "journal" {
            self.take("journaltitle", Mode::Title)
                .or_else(|| self.take("journal", Mode::Title))
        } else {
            self.take(&name("title"), Mode::Title)
        }?;
        let mut text = main;
        for part in ["subtitle", "titleaddon"] {
            if self.used.contains(name(part).as_str()) {
                continue;
            }
            if let Some(more) = self.take(&name(part), Mode::Title) {
                let plain = crate::model::markup::plain(&text);
                let separator = if plain.ends_with(['.', '?', '!', ':']) {
                    " "
                } else {
                    ". "
                };
                text = format!("{text}{separator}{more}");
            }
        }
        Some(MultiText::plain(text))
    }

    fn read_text(&mut self, variable: &str, field: &str) {
        if self.entry.text(variable).is_some() || !self.fields.contains_key(field) {
            return;
        }
        let mode = if is_title_like(variable) {
            Mode::Title
        } else {
            Mode::Plain
        };
        if let Some(value) = self.take(field, mode) {
            self.entry.set_text(variable, MultiText::plain(value));
        }
    }

    /// Fields whose meaning depends on the entry type.
    fn read_type_dependent(&mut self) {
        let item_type = self.entry.item_type.value;
        self.read_text("publisher-place", "address");
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
        if number_is_issue(item_type) {
            self.read_text("issue", "number");
            // biblatex's `issue` ("Spring") beside a number stays as written.
            self.read_text("issue", "issue");
        } else {
            self.read_text("issue", "issue");
            if self.fields.contains_key("series") && item_type != ItemType::Report {
                self.read_text("collection-number", "number");
            } else {
                self.read_text("number", "number");
            }
        }
    }

    fn read_names(&mut self, variable: &str, field: &str) {
        let Some(raw) = self.fields.get(field).copied() else {
            return;
        };
        self.used.insert(raw.name.as_str());
        let (mut names, warnings) = parse_names(&raw.value);
        for warning in warnings {
            self.warnings.push((raw.value_span, warning));
        }
        let romanised = format!("{field}_romanised");
        if let Some(latin) = self.fields.get(romanised.as_str()).copied() {
            self.used.insert(latin.name.as_str());
            let (latin, _) = parse_names(&latin.value);
            if latin.len() == names.len() {
                names
                    .iter_mut()
                    .zip(&latin)
                    .for_each(|(n, l)| add_translit(n, l));
            }
        }
        if !names.is_empty() {
            self.entry.set_names(variable, names);
        }
    }

    fn read_dates(&mut self) {
        for (variable, field) in [
            ("issued", "date"),
            ("accessed", "urldate"),
            ("event-date", "eventdate"),
            ("original-date", "origdate"),
        ] {
            let Some(raw) = self.fields.get(field).copied() else {
                continue;
            };
            // Dates are not TeX: `~` is EDTF's "approximately".
            match iso_date(raw.value.trim_matches(['{', '}'])) {
                Some(date) => {
                    self.used.insert(raw.name.as_str());
                    self.entry.set_date(variable, date);
                }
                None => self.unreadable(raw, "an ISO 8601 date such as 2021-03-31"),
            }
        }
        if self.entry.date("issued").is_some() {
            return;
        }
        let Some(year) = self.fields.get("year").copied() else {
            return;
        };
        let month = self.raw_value("month").map(|m| decode(m, Mode::Plain).text);
        let day = self.raw_value("day");
        match year_month_day(
            &decode(&year.value, Mode::Plain).text,
            month.as_deref(),
            day,
        ) {
            Some(date) => {
                self.used.insert("year");
                let first = date.first().copied();
                if first.is_some_and(|p| p.month.is_some() || p.season.is_some()) {
                    self.used.insert("month");
                }
                if first.is_some_and(|p| p.day.is_some()) {
                    self.used.insert("day");
                }
                self.entry.set_date("issued", date);
            }
            None => self.unreadable(year, "a year such as 2021 (or -0334 for 335 BCE)"),
        }
    }

    /// A value that cannot be its variable: reported, kept as written.
    fn unreadable(&mut self, raw: &RawField, expected: &str) {
        self.warnings.push((
            raw.value_span,
            format!(
                "`{}` = `{}` is not {expected}; kept as written in [extra.bibtex]",
                raw.name, raw.value
            ),
        ));
    }

    /// biblatex-ms fields: `<field>_romanised`, `<field>_translated_<lang>`.
    fn read_multiscript(&mut self) {
        let fields: Vec<&'a RawField> = self.raw.fields.iter().collect();
        for raw in fields {
            let Some((field, form)) = raw.name.split_once('_') else {
                continue;
            };
            let Some(variable) = variable_of(field, self.entry.item_type.value) else {
                continue;
            };
            let Some(mut text) = self.entry.text(variable).cloned() else {
                continue;
            };
            let value = decode(&raw.value, Mode::Title).text;
            if form == "romanised" {
                text.set_translit(Some(value));
            } else if let Some(language) = form.strip_prefix("translated_") {
                let tag = language_tag(language).unwrap_or_else(|| language.to_string());
                text.translations_mut().insert(tag, value);
            } else {
                continue;
            }
            self.used.insert(raw.name.as_str());
            self.entry.set_text(variable, text);
        }
    }

    /// A field named after a CSL variable that no `.bib` field maps to
    /// (`call-number`, `director`, as kaynak's export writes them) fills it.
    fn read_csl_named(&mut self, field: &'a RawField) -> bool {
        let Some(variable) = crate::model::VARIABLES
            .iter()
            .find(|v| v.in_records && v.name.eq_ignore_ascii_case(&field.name))
        else {
            return false;
        };
        let name = variable.name;
        let set = match variable.kind {
            VariableKind::Text | VariableKind::Number if self.entry.text(name).is_none() => {
                let mode = if is_title_like(name) {
                    Mode::Title
                } else {
                    Mode::Plain
                };
                let text = if is_verbatim(&field.name) {
                    unescape_verbatim(&field.value)
                } else {
                    decode(&field.value, mode).text
                };
                self.entry.set_text(name, MultiText::plain(text))
            }
            VariableKind::Names if self.entry.names(name).is_none() => {
                let (names, _) = parse_names(&field.value);
                !names.is_empty() && self.entry.set_names(name, names)
            }
            VariableKind::Date if self.entry.date(name).is_none() => {
                iso_date(&field.value).is_some_and(|date| self.entry.set_date(name, date))
            }
            _ => false,
        };
        if set {
            self.used.insert(field.name.as_str());
        }
        set
    }

    /// Every field not used goes to `[extra.bibtex]`, as written.
    fn keep_the_rest(&mut self) {
        let fields: Vec<&'a RawField> = self.raw.fields.iter().collect();
        for field in fields {
            if self.used.contains(field.name.as_str()) || self.read_csl_named(field) {
                continue;
            }
            self.entry
                .extra
                .entry(EXTRA.to_string())
                .or_default()
                .entry(field.name.clone())
                .or_insert_with(|| field.value.clone());
        }
    }
}

/// The CSL variable a `.bib` field fills (for multiscript fields).
fn variable_of(field: &str, item_type: ItemType) -> Option<&'static str> {
    use super::bib::{container_field, publisher_field, Dialect};
    if let Some((variable, _)) = TEXT_FIELDS.iter().find(|(_, f)| *f == field) {
        return Some(variable);
    }
    if field == container_field(item_type, Dialect::Biblatex) {
        return Some("container-title");
    }
    (field == publisher_field(item_type, Dialect::Biblatex)).then_some("publisher")
}

/// A verbatim field's value: `\url{…}` unwrapped, `\_` and the like unescaped.
fn unescape_verbatim(raw: &str) -> String {
    let raw = raw.trim();
    let raw = raw
        .strip_prefix("\\url{")
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| "_%#&~$".contains(*n)) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Sets each part's transliteration from the same name in Latin letters.
fn add_translit(name: &mut Name, latin: &Name) {
    let pairs = [
        (&mut name.family, &latin.family),
        (&mut name.given, &latin.given),
        (&mut name.dropping_particle, &latin.dropping_particle),
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
                p.set_translit(Some(l.original.clone()));
            }
        }
    }
}
