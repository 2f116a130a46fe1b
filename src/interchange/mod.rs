//! Interchange with other reference tools: export the model to BibTeX,
//! BibLaTeX, CSL-JSON, RIS and Hayagriva YAML, and import BibTeX/BibLaTeX,
//! CSL-JSON and RIS into the model. One file per format, each declared once
//! in the format registry (`registry.rs`); this module holds what they
//! share: the text form to write, options, keys for imported records and the
//! final clean-up of imported entries.
//!
//! Nothing here prints or writes files: exporters return text and warnings,
//! importers return entries and diagnostics, and `cli` decides what to do.

mod bib;
mod bib_dates;
mod bib_import;
mod bib_inherit;
mod bib_names;
mod bib_syntax;
mod biblatex_export;
mod bibtex_export;
mod csl_json;
mod csl_json_import;
pub mod encoding;
mod hayagriva;
mod registry;
mod ris;
mod ris_import;
pub mod tex_decode;
pub mod tex_encode;
mod tex_symbols;

pub use registry::{export, import, Format};

use crate::diag::{Diagnostic, Location, Span};
use crate::forms::{FormPolicy, FormSettings, Translit};
use crate::model::{Entry, MultiText, Name};
use crate::store::fold_key;
use crate::text::keys::ascii_slug;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Which form of a multilingual text an export writes in the main fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TextForm {
    /// The text as published, in its own script.
    #[default]
    Original,
    /// The hand-given transliteration, else one made by the scheme, else the original.
    Translit,
    /// The translation into this BCP 47 tag, else the original.
    Translation(String),
}

impl std::str::FromStr for TextForm {
    type Err = String;

    fn from_str(text: &str) -> Result<TextForm, String> {
        match text {
            "original" => Ok(TextForm::Original),
            "translit" => Ok(TextForm::Translit),
            _ => match text.strip_prefix("translation:") {
                Some(tag) if !tag.is_empty() => Ok(TextForm::Translation(tag.to_string())),
                _ => Err(format!(
                    "`{text}` is not a text form: use original, translit or translation:TAG"
                )),
            },
        }
    }
}

/// How to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The text form of the main fields.
    pub form: TextForm,
    /// How transliterations are made (the form policy's: the scheme, and whether
    /// records' own forms win), where a format or `form` asks for one.
    pub translit: Translit,
    /// BibLaTeX only: also write biblatex-ms multiscript fields
    /// (`title_romanised`, `title_translated_english`).
    pub multiscript: bool,
}

impl ExportOptions {
    /// How `entry`'s texts are romanised.
    pub fn scheme_for<'a>(&self, entry: &'a Entry) -> Romanizer<'a> {
        Romanizer {
            translit: self.translit,
            language: entry.language(),
        }
    }
}

/// How one entry's texts are romanised: the form policy's transliteration, for
/// texts in the entry's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Romanizer<'a> {
    pub translit: Translit,
    pub language: Option<&'a str>,
}

/// An export: the file's text and what could not be written faithfully.
#[derive(Debug, Default)]
pub struct Exported {
    pub text: String,
    pub warnings: Vec<Diagnostic>,
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// A `.bib` field that holds the transliteration of the title.
    pub translit_field: Option<String>,
}

/// An import: the entries read, where each stands in the input, and what was
/// found. An entry that could not be read is reported and left out; the
/// others are there.
#[derive(Debug, Default)]
pub struct Imported {
    pub entries: Vec<Entry>,
    /// The place of each entry in the input (for later diagnostics about it).
    pub spans: Vec<Span>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many entries were left out (each one reported).
    pub skipped: usize,
}

impl Imported {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// The file being imported, for diagnostics at a place.
pub(crate) struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// Line starts, made once when the first diagnostic needs a place.
    lines: std::sync::OnceLock<crate::diag::LineIndex>,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Source<'a> {
        Source {
            path,
            text,
            lines: std::sync::OnceLock::new(),
        }
    }

    /// A location for a byte span of the input.
    pub fn at(&self, span: Span) -> Location {
        let start = span.start().min(self.text.len());
        let start = (0..=start)
            .rev()
            .find(|i| self.text.is_char_boundary(*i))
            .unwrap_or(0);
        let lines = self
            .lines
            .get_or_init(|| crate::diag::LineIndex::new(self.text));
        let (line, column) = lines.line_col(self.text, start);
        Location {
            file: self.path.to_path_buf(),
            span: Some(Span::new(start, span.end().max(start))),
            line,
            column,
        }
    }
}

/// NFC text and unique keys: a key is kept as written when it is a valid
/// key; a missing one is made from author, year and title (with `-2`, `-3` …
/// when taken); a repeated one or a reserved one is refused with a
/// diagnostic at the entry. A key that differs from an earlier one only in
/// letter case (`Chen_2017` after `chen_2017`: biber reads both as two
/// entries) names another work, but kaynak's keys ignore case: it gets the
/// next free number (`Chen_2017-2`), reported.
fn finish(imported: &mut Imported, source: &Source) {
    let mut taken: HashSet<String> = HashSet::with_capacity(imported.entries.len());
    // Each folded key as first written, for telling a repeat from a case variant.
    let mut written: HashMap<String, String> = HashMap::with_capacity(imported.entries.len());
    // The last number used for each made key: linear however many clash.
    let mut next: HashMap<String, usize> = HashMap::new();
    let entries = std::mem::take(&mut imported.entries);
    let spans = std::mem::take(&mut imported.spans);
    for (mut entry, span) in entries.into_iter().zip(spans) {
        let removed = normalize_entry(&mut entry);
        let at = source.at(Span::new(span.start(), span.start()));
        if removed > 0 {
            imported.diagnostics.push(
                Diagnostic::warning(
                    "control-character",
                    format!(
                        "{removed} control character(s) removed from the entry's text (a NUL, or an escape sequence that could drive a terminal)"
                    ),
                )
                .with_location(at.clone())
                .with_help("check the entry's text against its source"),
            );
        }
        let key = match entry_key(&entry) {
            KeyChoice::Kept(key) => match written.get(&fold_key(&key)) {
                Some(first) if *first != key => {
                    let numbered = free_key(&key, &taken, &mut next);
                    imported.diagnostics.push(
                        Diagnostic::warning(
                            "key-changed",
                            format!(
                                "the key `{key}` differs from `{first}` only in letter case; \
                                 kaynak's keys ignore case, so it is imported as `{numbered}`"
                            ),
                        )
                        .with_location(at.clone())
                        .with_help("cite the record by its new key"),
                    );
                    numbered
                }
                _ => key,
            },
            KeyChoice::Made(base) => free_key(&base, &taken, &mut next),
            KeyChoice::Changed(key, why) => {
                imported.diagnostics.push(
                    Diagnostic::warning(
                        "key-changed",
                        format!("the key `{}` is imported as `{key}`: {why}", entry.key),
                    )
                    .with_location(at.clone())
                    .with_help("cite the record by its new key"),
                );
                key
            }
            KeyChoice::Refused(why) => {
                imported.skipped += 1;
                imported.diagnostics.push(
                    Diagnostic::error("reserved-key", why)
                        .with_location(at)
                        .with_help("give the entry another key"),
                );
                continue;
            }
        };
        if !taken.insert(fold_key(&key)) {
            imported.skipped += 1;
            imported.diagnostics.push(
                Diagnostic::warning(
                    "duplicate-key",
                    format!(
                        "a second entry with the key `{key}` (or one differing only in case); the first is kept"
                    ),
                )
                .with_location(at)
                .with_help("give the entry a key of its own"),
            );
            continue;
        }
        written.entry(fold_key(&key)).or_insert_with(|| key.clone());
        entry.key = key;
        imported.entries.push(entry);
        imported.spans.push(span);
    }
}

/// `base`, or `base-2`, `base-3` … when taken (in any letter case); `next`
/// remembers the last number used for each base, so many clashes stay linear.
fn free_key(base: &str, taken: &HashSet<String>, next: &mut HashMap<String, usize>) -> String {
    let folded = fold_key(base);
    let mut n = next.get(&folded).copied().unwrap_or(1);
    let mut key = if n == 1 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    };
    while taken.contains(&fold_key(&key)) {
        n += 1;
        key = format!("{base}-{n}");
    }
    next.insert(folded, n);
    key
}

enum KeyChoice {
    Kept(String),
    /// Made from the record; a number is added when taken.
    Made(String),
    Changed(String, String),
    Refused(String),
}

fn entry_key(entry: &Entry) -> KeyChoice {
    let key = entry.key.trim();
    if key.is_empty() {
        let made = crate::store::suggest_key::suggest_key(entry).unwrap_or_else(|| "entry".into());
        return KeyChoice::Made(made);
    }
    if let Some(why) = crate::store::reserved_problem(key) {
        return KeyChoice::Refused(why);
    }
    let Some(why) = crate::store::key_problem(key) else {
        return KeyChoice::Kept(key.to_string());
    };
    let cleaned: String = key
        .chars()
        .map(|c| {
            if crate::store::key_problem(c.encode_utf8(&mut [0; 4])).is_none() {
                c
            } else {
                '-'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches('-').to_string();
    if cleaned.is_empty() || crate::store::key_problem(&cleaned).is_some() {
        KeyChoice::Made(ascii_slug(key))
    } else {
        KeyChoice::Changed(cleaned, why)
    }
}

/// A key for a format that writes ASCII keys: the key when it is ASCII, else
/// an ASCII slug (`Ayşe:2020` → `ayse-2020`).
pub fn ascii_key(raw: &str) -> String {
    if raw.is_ascii() && !raw.is_empty() {
        return raw.to_string();
    }
    let key = ascii_slug(raw);
    if key.is_empty() {
        "entry".to_string()
    } else {
        key
    }
}

/// Puts every text of `entry` in NFC and removes its control characters
/// (a NUL, or an escape sequence that would drive a terminal), returning how
/// many were removed. A text left empty by that is dropped.
fn normalize_entry(entry: &mut Entry) -> usize {
    let mut removed = 0;
    for field in entry.texts.values_mut() {
        normalize_text(&mut field.value, &mut removed);
    }
    if removed > 0 {
        let emptied: Vec<&'static str> = entry
            .texts
            .iter()
            .filter(|(_, field)| field.value.original.is_empty() && field.value.is_plain())
            .map(|(name, _)| *name)
            .collect();
        for name in emptied {
            entry.texts.remove(name);
        }
    }
    for field in entry.names.values_mut() {
        for name in &mut field.value {
            normalize_name(name, &mut removed);
        }
    }
    if let Some(language) = &mut entry.language {
        language.value = clean(&language.value, &mut removed);
    }
    removed
}

fn normalize_name(name: &mut Name, removed: &mut usize) {
    for part in [
        &mut name.family,
        &mut name.given,
        &mut name.dropping_particle,
        &mut name.non_dropping_particle,
        &mut name.suffix,
        &mut name.literal,
    ]
    .into_iter()
    .flatten()
    {
        normalize_text(part, removed);
    }
}

fn normalize_text(text: &mut MultiText, removed: &mut usize) {
    text.original = clean(&text.original, removed);
    if let Some(t) = text.translit_mut() {
        *t = clean(t, removed);
    }
    for t in text.translations_mut().values_mut() {
        *t = clean(t, removed);
    }
}

/// `text` in NFC without its control characters, counting those removed.
fn clean(text: &str, removed: &mut usize) -> String {
    let kept = crate::model::strip_control_characters(text);
    if let Cow::Owned(kept) = &kept {
        *removed += text.chars().count() - kept.chars().count();
    }
    kept.nfc().collect()
}

/// The form of `text` that `form` asks for, as the form policy gives it (an
/// export writes in any script, so the main fields keep the original unless a
/// transliteration or a translation is asked for).
pub(crate) fn pick(text: &MultiText, form: &TextForm, romanizer: Romanizer) -> String {
    romanizer
        .policy(form)
        .choose(text, romanizer.language)
        .into_string()
}

/// The Latin-script form, in ASCII signs (BibTeX): the form policy's
/// transliteration, else the original.
pub(crate) fn latin(text: &MultiText, romanizer: Romanizer) -> String {
    let latin = romanizer
        .policy(&TextForm::Translit)
        .choose(text, romanizer.language);
    latin.text.replace('ʹ', "'").replace('ʺ', "\"")
}

/// A name with every part in the form `form` (names are never translated).
pub(crate) fn name_in_form(name: &Name, form: &TextForm, romanizer: Romanizer) -> Name {
    romanizer.policy(form).name(name, romanizer.language)
}

impl Romanizer<'_> {
    /// The form policy for an export's main fields in `form`.
    fn policy(&self, form: &TextForm) -> FormPolicy {
        let form = match form {
            TextForm::Original => crate::forms::Form::Original,
            TextForm::Translit => crate::forms::Form::Translit,
            TextForm::Translation(tag) => crate::forms::Form::Translation(tag.clone()),
        };
        FormPolicy {
            settings: FormSettings {
                form,
                translit: self.translit,
            },
            output: None,
        }
    }
}

/// A warning about one entry of an export.
pub(crate) fn export_warning(entry: &Entry, message: String) -> Diagnostic {
    Diagnostic::warning("export-lossy", format!("{}: {message}", entry.key))
        .with_location(Location::file(&entry.path))
}

/// BCP 47 tags and babel/polyglossia language names, both ways.
const LANGUAGES: &[(&str, &str)] = &[
    ("en", "english"),
    ("tr", "turkish"),
    ("ru", "russian"),
    ("uk", "ukrainian"),
    ("az", "azerbaijani"),
    ("de", "ngerman"),
    ("fr", "french"),
    ("es", "spanish"),
    ("it", "italian"),
    ("pt", "portuguese"),
    ("pl", "polish"),
    ("kk", "kazakh"),
    ("ar", "arabic"),
    ("fa", "persian"),
    ("el", "greek"),
    ("bg", "bulgarian"),
    ("sr", "serbian"),
    ("nl", "dutch"),
    ("sv", "swedish"),
    ("ja", "japanese"),
    ("zh", "chinese"),
    ("en-US", "american"),
    ("en-GB", "british"),
];

/// The babel name for a BCP 47 tag (`tr` → `turkish`), if known.
pub(crate) fn babel_name(tag: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(tag))
        .or_else(|| {
            let primary = tag.split('-').next().unwrap_or(tag);
            LANGUAGES
                .iter()
                .find(|(t, _)| t.eq_ignore_ascii_case(primary))
        })
        .map(|(_, name)| *name)
}

/// The BCP 47 tag for a babel name or an English language name (`Turkish`,
/// `german`), or the text itself when it already looks like a tag.
pub(crate) fn language_tag(name: &str) -> Option<String> {
    let lower = name.trim().to_ascii_lowercase();
    let alias = match lower.as_str() {
        "german" | "deutsch" => "de",
        "usenglish" | "american english" => "en-US",
        "ukenglish" | "british english" => "en-GB",
        _ => "",
    };
    if !alias.is_empty() {
        return Some(alias.to_string());
    }
    if let Some((tag, _)) = LANGUAGES.iter().find(|(_, n)| *n == lower) {
        return Some(tag.to_string());
    }
    let looks_like_tag = (2..=3).contains(&lower.split('-').next().map_or(0, str::len))
        && lower.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    looks_like_tag.then(|| name.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_parse() {
        assert_eq!("translit".parse(), Ok(TextForm::Translit));
        assert_eq!(
            "translation:en".parse(),
            Ok(TextForm::Translation("en".into()))
        );
        assert!("translation:".parse::<TextForm>().is_err());
    }

    #[test]
    fn languages_map_both_ways() {
        assert_eq!(babel_name("tr"), Some("turkish"));
        assert_eq!(babel_name("ru-RU"), Some("russian"));
        assert_eq!(language_tag("Turkish").as_deref(), Some("tr"));
        assert_eq!(language_tag("ngerman").as_deref(), Some("de"));
        assert_eq!(language_tag("pt-BR").as_deref(), Some("pt-BR"));
        assert_eq!(language_tag("Klingon language"), None);
    }
}
