//! BibLaTeX export (UTF-8, for biber). Import is shared with BibTeX in
//! [`super::bib_import`].
//!
//! How the forms of a multilingual text are written:
//!
//! | kaynak                         | biblatex field                                 |
//! |--------------------------------|------------------------------------------------|
//! | the form chosen by `--form`    | the standard field (`title`, `journaltitle` …) |
//! | title transliteration          | `usera` (when the main form is not it)         |
//! | title translation (English first) | `titleaddon = {[…]}`, printed after the title |
//! | `language`                     | `langid` (babel name: `turkish`, `russian` …)  |
//! | capitals in English titles     | braced (`{Pakistan}`), so sentence-casing keeps them |
//! | `issued`, `accessed`           | `date`, `urldate` in ISO 8601 / EDTF           |
//!
//! With `--multiscript` every text that has other forms also gets
//! biblatex-ms fields, which make the export lossless:
//! `<field>_romanised` for the hand-given transliteration,
//! `<field>_translated_<language>` for each translation (`language` is the
//! babel name where one is known, else the BCP 47 tag), and
//! `<namelist>_romanised` with the names in their Latin forms. Standard
//! biblatex ignores these fields (biber warns that they are not in its data
//! model); biblatex-ms reads them.

use super::bib::{entry_type, name_list, text_routes, BibEntry, Dialect, DATE_FIELDS, NAME_FIELDS};
use super::tex_encode::{encode, protect_case, Target};
use super::Romanizer;
use super::{babel_name, export_warning, name_in_form, pick, ExportOptions, Exported, TextForm};
use crate::model::{Date, Endpoint, Entry, MultiText, Name};
use std::collections::BTreeSet;

pub fn export(entries: &[&Entry], options: &ExportOptions, out: &mut Exported) {
    for entry in entries {
        let mut writer = Writer::new(entry, options);
        writer.write_all();
        out.text.push_str(&writer.bib.render());
        out.text.push('\n');
        out.warnings.extend(writer.warnings(entry));
    }
}

/// Builds one BibLaTeX entry and remembers what it wrote and dropped.
struct Writer<'a> {
    entry: &'a Entry,
    options: &'a ExportOptions,
    scheme: Romanizer<'a>,
    bib: BibEntry,
    written: BTreeSet<&'static str>,
    dropped: Vec<char>,
}

impl<'a> Writer<'a> {
    fn new(entry: &'a Entry, options: &'a ExportOptions) -> Writer<'a> {
        let (kind, _) = entry_type(entry.item_type.value, Dialect::Biblatex);
        Writer {
            entry,
            options,
            scheme: options.scheme_for(entry),
            bib: BibEntry {
                kind: kind.to_string(),
                key: entry.key.clone(),
                fields: Vec::new(),
            },
            written: BTreeSet::new(),
            dropped: Vec::new(),
        }
    }

    fn write_all(&mut self) {
        let (_, subtype) = entry_type(self.entry.item_type.value, Dialect::Biblatex);
        if let Some(subtype) = subtype {
            self.bib.push("entrysubtype", subtype.to_string());
        }
        self.write_language();
        for (variable, field) in NAME_FIELDS {
            self.write_names(variable, field);
        }
        self.write_texts();
        for (variable, field) in DATE_FIELDS {
            if let Some(date) = self.entry.date(variable) {
                self.bib.push(field, edtf(date));
                self.written.insert(variable);
            }
        }
        self.write_unrouted();
        write_extra(&mut self.bib, self.entry, Target::Utf8);
    }

    /// Variables with no biblatex field, in a field named after the CSL
    /// variable (`call-number`, `director`): biber keeps them, styles ignore
    /// them, and an import reads them back.
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
                self.bib.push(variable, edtf(&field.value));
                self.written.insert(variable);
            }
        }
    }

    fn write_language(&mut self) {
        if let Some(tag) = self.entry.language() {
            match babel_name(tag) {
                Some(name) => self.bib.push("langid", name.to_string()),
                None => {
                    let value = self.encode(tag);
                    self.bib.push("language", value);
                }
            }
        }
    }

    fn write_texts(&mut self) {
        self.text("title", "title");
        self.title_extras();
        for route in text_routes(self.entry.item_type.value, Dialect::Biblatex) {
            if !(route.fallback && self.bib.has(route.field)) {
                self.text(route.variable, route.field);
            }
        }
    }

    /// One text variable in the main field (and its multiscript forms).
    fn text(&mut self, variable: &'static str, field: &str) {
        let Some(text) = self.entry.text(variable) else {
            return;
        };
        let value = if is_verbatim(field) {
            verbatim(&text.original)
        } else {
            let chosen = pick(text, &self.options.form, self.scheme);
            if self.protects_case(variable) {
                self.encode(&protect_case(&chosen))
            } else {
                self.encode(&chosen)
            }
        };
        self.bib.push(field, value);
        self.written.insert(variable);
        if self.options.multiscript {
            self.multiscript_text(field, text);
        }
    }

    /// English titles get their capitals braced: biblatex styles and pandoc
    /// sentence-case English titles, which would lower-case proper nouns.
    fn protects_case(&self, variable: &str) -> bool {
        let english = self.entry.language().is_none_or(|l| l.starts_with("en"));
        let in_english = match &self.options.form {
            TextForm::Translation(tag) => tag.starts_with("en"),
            _ => english,
        };
        in_english && matches!(variable, "title" | "title-short")
    }

    fn multiscript_text(&mut self, field: &str, text: &MultiText) {
        if let Some(translit) = &text.translit() {
            let value = self.encode(translit);
            self.bib.push(&format!("{field}_romanised"), value);
        }
        for (tag, translation) in text.translations() {
            let language = babel_name_exact(tag).unwrap_or(tag);
            let value = self.encode(translation);
            self.bib
                .push(&format!("{field}_translated_{language}"), value);
        }
    }

    /// The title's transliteration and translation in standard fields.
    fn title_extras(&mut self) {
        let Some(title) = self.entry.text("title") else {
            return;
        };
        if self.options.multiscript {
            return;
        }
        if let (Some(translit), false) =
            (&title.translit(), self.options.form == TextForm::Translit)
        {
            let value = self.encode(translit);
            self.bib.push("usera", value);
        }
        let translation = title
            .translation("en")
            .or_else(|| title.translations().values().next().map(String::as_str));
        if let (Some(t), false) = (
            translation,
            matches!(self.options.form, TextForm::Translation(_)),
        ) {
            let value = self.encode(&format!("[{t}]"));
            self.bib.push("titleaddon", value);
        }
    }

    fn write_names(&mut self, variable: &'static str, field: &str) {
        let Some(names) = self.entry.names(variable) else {
            return;
        };
        let form = self.options.form.clone();
        let main: Vec<Name> = names
            .iter()
            .map(|n| name_in_form(n, &form, self.scheme))
            .collect();
        let value = name_list(&main, true, &mut |s| self.encode(s));
        self.bib.push(field, value);
        self.written.insert(variable);
        if self.options.multiscript && names.iter().any(Name::has_translit) {
            let latin: Vec<Name> = names.iter().map(hand_latin).collect();
            let value = name_list(&latin, true, &mut |s| self.encode(s));
            self.bib.push(&format!("{field}_romanised"), value);
        }
    }

    fn encode(&mut self, text: &str) -> String {
        let encoded = encode(text, Target::Utf8);
        self.dropped.extend(encoded.dropped);
        encoded.text
    }

    fn warnings(&self, entry: &Entry) -> Vec<crate::diag::Diagnostic> {
        let mut out = Vec::new();
        let unmapped: Vec<&str> = entry
            .texts
            .keys()
            .chain(entry.names.keys())
            .chain(entry.dates.keys())
            .filter(|v| !self.written.contains(*v))
            .copied()
            .collect();
        if !unmapped.is_empty() {
            let message = format!("no BibLaTeX field for {}", unmapped.join(", "));
            out.push(export_warning(entry, message));
        }
        if !self.dropped.is_empty() {
            out.push(dropped_warning(entry, &self.dropped));
        }
        out
    }
}

/// The babel name only when the tag is exactly a known language, so that the
/// import maps it back to the same tag.
fn babel_name_exact(tag: &str) -> Option<&'static str> {
    babel_name(tag).filter(|name| super::language_tag(name).as_deref() == Some(tag))
}

/// A name with each part's hand-given transliteration, else its original.
fn hand_latin(name: &Name) -> Name {
    name.map_parts(|t| MultiText::plain(t.latin_or_original()))
}

/// The fields an import kept in `[extra.bibtex]`, written back as they were
/// read (a field the export already wrote is not repeated, and `crossref`
/// and `xdata`, already resolved into the entry, are not). A value whose
/// braces do not balance as bibtex counts them has its braces escaped.
pub(super) fn write_extra(bib: &mut BibEntry, entry: &Entry, target: Target) {
    let Some(fields) = entry.extra.get(super::bib_import::EXTRA) else {
        return;
    };
    for (name, value) in fields {
        let valid_name = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_graphic() && !b"{}(),=\"#%'".contains(&b));
        // The entry already holds what it inherited: a cross-reference
        // written back would point at an entry the export may not have.
        let inherited = matches!(name.as_str(), "crossref" | "xref" | "xdata");
        if !valid_name || inherited || bib.has(name) || value.trim().is_empty() {
            continue;
        }
        let value = if !super::tex_encode::bibtex_balanced(value) {
            encode(value, target).text
        } else if target == Target::Ascii {
            super::tex_encode::ascii_tex(&value.replace(['\n', '\r'], " "))
        } else {
            value.replace(['\n', '\r'], " ")
        };
        bib.push(name, value);
    }
}

/// A warning naming the characters that a TeX format could not carry.
pub(super) fn dropped_warning(entry: &Entry, dropped: &[char]) -> crate::diag::Diagnostic {
    let mut shown: Vec<String> = dropped
        .iter()
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    shown.sort();
    shown.dedup();
    export_warning(
        entry,
        format!(
            "left out characters that TeX cannot carry: {}",
            shown.join(", ")
        ),
    )
}

/// Fields that biber reads verbatim (no commands, no escapes).
pub(super) fn is_verbatim(field: &str) -> bool {
    matches!(field, "url" | "doi")
}

/// A URL or DOI for a verbatim field: characters that would unbalance the
/// value or end it are percent-encoded, which leaves the address the same.
pub(super) fn verbatim(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' | '}' | '\\' | ' ' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_control() || crate::store::serialize::is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A date as biblatex's ISO 8601-2 (EDTF) form: open and unknown range ends
/// are both written as nothing (`1994/`), which biblatex reads as open.
pub(super) fn edtf(date: &Date) -> String {
    let end = |e: &Endpoint| match e {
        Endpoint::Known(p) => p.to_string(),
        _ => String::new(),
    };
    match &date.end {
        None => end(&date.start),
        Some(e) => format!("{}/{}", end(&date.start), end(e)),
    }
}
