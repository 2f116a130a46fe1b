//! Legacy BibTeX export: pure ASCII that `bibtex` with any standard style
//! reads. Import is shared with BibLaTeX in [`super::bib_import`].
//!
//! - Latin letters with diacritics become accent commands (`{\c{s}}`,
//!   `{\i}`, `{\.{I}}`); quotes and dashes their TeX ligatures.
//! - A text in Cyrillic is written in Latin letters: the record's hand-given
//!   transliteration, else the scheme's. The original title is kept in
//!   `titleoriginal` (ignored by every standard style) written with LaTeX's
//!   T2A commands (`{\CYRR}{\cyra}…`), so the file stays ASCII and an import
//!   gives the Cyrillic back.
//! - English titles get their acronyms and mixed-case words braced (`{NASA}`,
//!   `{iPhone}`) so styles that lower-case titles keep them; other titles are
//!   braced whole, because BibTeX cannot case them correctly.
//! - Dates are `year` and a month macro (`month = mar`); `urldate` is ISO.

use super::bib::{entry_type, name_list, text_routes, BibEntry, Dialect, NAME_FIELDS};
use super::biblatex_export::{dropped_warning, is_verbatim, verbatim};
use super::tex_encode::{encode, protect_case, Target};
use super::Romanizer;
use super::{ascii_key, babel_name, export_warning, latin, name_in_form, pick};
use super::{ExportOptions, Exported};
use crate::model::{Date, Endpoint, Entry, MultiText, Name};
use std::collections::BTreeSet;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

pub fn export(entries: &[&Entry], options: &ExportOptions, out: &mut Exported) {
    for entry in entries {
        let mut writer = Writer::new(entry, options);
        writer.write_all();
        if writer.bib.key != entry.key {
            out.warnings.push(export_warning(
                entry,
                format!(
                    "the key is written as `{}` (BibTeX keys are ASCII)",
                    writer.bib.key
                ),
            ));
        }
        out.text.push_str(&writer.bib.render());
        out.text.push('\n');
        out.warnings.extend(writer.warnings());
    }
}

struct Writer<'a> {
    entry: &'a Entry,
    options: &'a ExportOptions,
    scheme: Romanizer<'a>,
    bib: BibEntry,
    written: BTreeSet<&'static str>,
    dropped: Vec<char>,
    /// Characters with no TeX form, kept as UTF-8.
    kept: Vec<char>,
}

impl<'a> Writer<'a> {
    fn new(entry: &'a Entry, options: &'a ExportOptions) -> Writer<'a> {
        let (kind, _) = entry_type(entry.item_type.value, Dialect::Bibtex);
        let key = if entry.key.is_ascii() {
            entry.key.clone()
        } else {
            ascii_key(&entry.key)
        };
        Writer {
            entry,
            options,
            scheme: options.scheme_for(entry),
            bib: BibEntry {
                kind: kind.to_string(),
                key,
                fields: Vec::new(),
            },
            written: BTreeSet::new(),
            dropped: Vec::new(),
            kept: Vec::new(),
        }
    }

    fn write_all(&mut self) {
        let (_, subtype) = entry_type(self.entry.item_type.value, Dialect::Bibtex);
        if let Some(subtype) = subtype {
            self.bib.push("entrysubtype", subtype.to_string());
        }
        for (variable, field) in NAME_FIELDS {
            self.write_names(variable, field);
        }
        self.write_title();
        self.write_texts();
        self.write_dates();
        self.write_unrouted();
        if let Some(name) = self.entry.language().and_then(babel_name) {
            self.bib.push("language", name.to_string());
        }
        super::biblatex_export::write_extra(&mut self.bib, self.entry, Target::Ascii);
    }

    fn write_title(&mut self) {
        let Some(title) = self.entry.text("title") else {
            return;
        };
        let chosen = self.ascii_form(title);
        let english = self.entry.language().is_none_or(|l| l.starts_with("en"));
        let value = if english {
            self.encode(&protect_case(&chosen))
        } else {
            format!("{{{}}}", self.encode(&chosen))
        };
        self.bib.push("title", value);
        self.written.insert("title");
        if chosen != title.original && has_cyrillic(&title.original) {
            let original = self.encode(&title.original);
            self.bib.push("titleoriginal", original);
        }
    }

    fn write_texts(&mut self) {
        for route in text_routes(self.entry.item_type.value, Dialect::Bibtex) {
            if !(route.fallback && self.bib.has(route.field)) {
                self.text(route.variable, route.field);
            }
        }
    }

    fn text(&mut self, variable: &'static str, field: &str) {
        let Some(text) = self.entry.text(variable) else {
            return;
        };
        let value = if is_verbatim(field) {
            verbatim(&text.original)
        } else {
            let chosen = self.ascii_form(text);
            self.encode(&chosen)
        };
        self.bib.push(field, value);
        self.written.insert(variable);
    }

    /// The chosen form, in Latin letters when it is Cyrillic.
    fn ascii_form(&self, text: &MultiText) -> String {
        let chosen = pick(text, &self.options.form, self.scheme);
        if !has_cyrillic(&chosen) {
            chosen
        } else if chosen == text.original {
            latin(text, self.scheme)
        } else {
            latin(&MultiText::plain(chosen), self.scheme)
        }
    }

    fn write_names(&mut self, variable: &'static str, field: &str) {
        let Some(names) = self.entry.names(variable) else {
            return;
        };
        let form = self.options.form.clone();
        let ascii: Vec<Name> = names
            .iter()
            .map(|n| {
                let mut chosen = name_in_form(n, &form, self.scheme);
                for (part, source) in parts_mut(&mut chosen).into_iter().zip(parts(n)) {
                    if let (Some(p), Some(s)) = (part, source) {
                        if has_cyrillic(&p.original) {
                            p.original = latin(s, self.scheme);
                        }
                    }
                }
                chosen
            })
            .collect();
        let value = name_list(&ascii, false, &mut |s| self.encode(s));
        self.bib.push(field, value);
        self.written.insert(variable);
    }

    /// Variables with no BibTeX field, in a field named after the CSL
    /// variable; standard styles ignore them, an import reads them back.
    fn write_unrouted(&mut self) {
        let texts: Vec<&'static str> = self.entry.texts.keys().copied().collect();
        for variable in texts {
            if !self.written.contains(variable) && !self.bib.has(&variable.to_ascii_lowercase()) {
                self.text(variable, &variable.to_ascii_lowercase());
            }
        }
        let names: Vec<&'static str> = self.entry.names.keys().copied().collect();
        for variable in names {
            if !self.written.contains(variable) && !self.bib.has(variable) {
                self.write_names(variable, variable);
            }
        }
        for (variable, field) in &self.entry.dates {
            if !self.written.contains(*variable) && !self.bib.has(variable) {
                self.bib
                    .push(variable, super::biblatex_export::edtf(&field.value));
                self.written.insert(variable);
            }
        }
    }

    fn write_dates(&mut self) {
        if let Some(date) = self.entry.date("issued") {
            self.write_year_month(date);
            self.written.insert("issued");
        }
        if let Some(date) = self.entry.date("accessed") {
            self.bib.push("urldate", super::biblatex_export::edtf(date));
            self.written.insert("accessed");
        }
    }

    fn write_year_month(&mut self, date: &Date) {
        let year = |e: &Endpoint| match e {
            Endpoint::Known(p) => p.year.to_string(),
            _ => String::new(),
        };
        let years = match &date.end {
            Some(end) if year(end) != year(&date.start) => {
                format!("{}--{}", year(&date.start), year(end))
            }
            _ => year(&date.start),
        };
        self.bib.push("year", years);
        let month = date.first().and_then(|p| p.month);
        if let (Some(m), None) = (month, date.end) {
            if let Some(name) = MONTHS.get(usize::from(m).wrapping_sub(1)) {
                self.bib.push_bare("month", name.to_string());
            }
            if let Some(day) = date.first().and_then(|p| p.day) {
                self.bib.push("day", day.to_string());
            }
        }
    }

    fn encode(&mut self, text: &str) -> String {
        let encoded = encode(text, Target::Ascii);
        self.dropped.extend(encoded.dropped);
        self.kept.extend(encoded.kept);
        encoded.text
    }

    fn warnings(&self) -> Vec<crate::diag::Diagnostic> {
        let mut out = Vec::new();
        let unmapped: Vec<&str> = self
            .entry
            .texts
            .keys()
            .chain(self.entry.names.keys())
            .chain(self.entry.dates.keys())
            .filter(|v| !self.written.contains(*v))
            .copied()
            .collect();
        if !unmapped.is_empty() {
            let message = format!("no BibTeX field for {}", unmapped.join(", "));
            out.push(export_warning(self.entry, message));
        }
        if !self.dropped.is_empty() {
            out.push(dropped_warning(self.entry, &self.dropped));
        }
        if !self.kept.is_empty() {
            let mut kept = self.kept.clone();
            kept.sort_unstable();
            kept.dedup();
            let shown: String = kept.iter().take(12).collect();
            out.push(export_warning(
                self.entry,
                format!("kept as UTF-8, having no TeX form: {shown}"),
            ));
        }
        out
    }
}

fn parts(name: &Name) -> [&Option<MultiText>; 6] {
    [
        &name.family,
        &name.given,
        &name.dropping_particle,
        &name.non_dropping_particle,
        &name.suffix,
        &name.literal,
    ]
}

fn parts_mut(name: &mut Name) -> [Option<&mut MultiText>; 6] {
    [
        name.family.as_mut(),
        name.given.as_mut(),
        name.dropping_particle.as_mut(),
        name.non_dropping_particle.as_mut(),
        name.suffix.as_mut(),
        name.literal.as_mut(),
    ]
}

fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c))
}
