//! What the form policy tells the user about its choices: letters a table did not
//! cover, schemes without a table for a language, and records whose own
//! transliterations sit beside derived ones. Collected per record while a run
//! renders, then reported once for the records that were printed.

use super::{Chosen, Source};
use crate::diag::Diagnostic;
use crate::text::translit::{Lang, Scheme};
use std::collections::{BTreeMap, BTreeSet};

/// One thing worth saying about a choice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Note {
    /// The table left a letter as it is.
    Uncovered {
        letter: char,
        scheme: Scheme,
        lang: Lang,
    },
    /// The chosen scheme has no table for the language; `used` stood in.
    NoTable {
        scheme: Scheme,
        lang: Lang,
        used: Scheme,
    },
    /// The language is written in Cyrillic but kaynak has no table for it; the
    /// Russian tables stood in.
    NoLanguageTable { language: String },
}

/// Notes gathered over a run, with the records each concerns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    notes: BTreeMap<Note, BTreeSet<String>>,
    /// Records that printed a transliteration of their own.
    own: BTreeSet<String>,
    /// Records that printed a derived one, by scheme.
    derived: BTreeMap<Scheme, BTreeSet<String>>,
}

impl Notes {
    /// Records what printing `chosen` for the record `key` is worth saying.
    pub fn record(&mut self, key: &str, chosen: &Chosen) {
        for note in &chosen.notes {
            self.notes
                .entry(note.clone())
                .or_default()
                .insert(key.to_string());
        }
        match &chosen.source {
            Source::Own => {
                self.own.insert(key.to_string());
            }
            Source::Derived { scheme, .. } => {
                self.derived
                    .entry(*scheme)
                    .or_default()
                    .insert(key.to_string());
            }
            Source::Original | Source::Translation(_) => {}
        }
    }

    /// Adds another set of notes (another record's).
    pub fn merge(&mut self, other: &Notes) {
        for (note, keys) in &other.notes {
            self.notes
                .entry(note.clone())
                .or_default()
                .extend(keys.iter().cloned());
        }
        self.own.extend(other.own.iter().cloned());
        for (scheme, keys) in &other.derived {
            self.derived
                .entry(*scheme)
                .or_default()
                .extend(keys.iter().cloned());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty() && self.own.is_empty() && self.derived.is_empty()
    }

    /// The notes as diagnostics, one per kind of choice. `scheme_named` says whether
    /// the user named a scheme (then mixing own and derived forms was chosen, and is
    /// not worth a note).
    pub fn diagnostics(&self, scheme_named: bool) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .notes
            .iter()
            .map(|(note, keys)| note_diagnostic(note, keys))
            .collect();
        if !scheme_named && !self.own.is_empty() && !self.derived.is_empty() {
            out.push(mixed(&self.own, &self.derived));
        }
        out
    }
}

/// What printing one record's texts is worth saying, kept small (most records
/// have nothing to say) until a run reports the records it printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordNotes {
    /// The record printed a transliteration of its own.
    own: bool,
    /// Schemes the record's derived transliterations used.
    derived: Vec<Scheme>,
    notes: Vec<Note>,
}

impl RecordNotes {
    /// Records what printing `chosen` is worth saying.
    pub fn record(&mut self, chosen: &Chosen) {
        for note in &chosen.notes {
            if !self.notes.contains(note) {
                self.notes.push(note.clone());
            }
        }
        match &chosen.source {
            Source::Own => self.own = true,
            Source::Derived { scheme, .. } => {
                if !self.derived.contains(scheme) {
                    self.derived.push(*scheme);
                }
            }
            Source::Original | Source::Translation(_) => {}
        }
    }

    /// Adds these notes to `notes` as the record `key`'s.
    pub fn add_to(&self, key: &str, notes: &mut Notes) {
        for note in &self.notes {
            notes
                .notes
                .entry(note.clone())
                .or_default()
                .insert(key.to_string());
        }
        if self.own {
            notes.own.insert(key.to_string());
        }
        for scheme in &self.derived {
            notes
                .derived
                .entry(*scheme)
                .or_default()
                .insert(key.to_string());
        }
    }
}

fn records(keys: &BTreeSet<String>) -> String {
    const SHOWN: usize = 3;
    let mut list: Vec<&str> = keys.iter().map(String::as_str).take(SHOWN).collect();
    if keys.len() > SHOWN {
        list.push("…");
    }
    list.join(", ")
}

fn note_diagnostic(note: &Note, keys: &BTreeSet<String>) -> Diagnostic {
    match note {
        Note::Uncovered { letter, scheme, lang } => Diagnostic::warning(
            "translit-uncovered",
            format!(
                "`{letter}` is not in the {scheme} table for {lang}; it is printed as it is ({})",
                records(keys)
            ),
        )
        .with_help("set the record's `language` to the language the text is in, or give its own `translit`"),
        Note::NoTable { scheme, lang, used } => Diagnostic::info(
            "translit-no-table",
            format!(
                "`{scheme}` has no table for {lang}; {lang} text is transliterated with `{used}` ({})",
                records(keys)
            ),
        )
        .with_help("`kaynak translit --list` shows which languages each scheme covers"),
        Note::NoLanguageTable { language } => Diagnostic::warning(
            "translit-uncovered",
            format!(
                "kaynak has no transliteration table for `{language}`; the Russian table is used ({})",
                records(keys)
            ),
        )
        .with_help("give the record's own `translit` where the Russian table is wrong"),
    }
}

fn mixed(own: &BTreeSet<String>, derived: &BTreeMap<Scheme, BTreeSet<String>>) -> Diagnostic {
    let schemes: Vec<String> = derived
        .iter()
        .map(|(scheme, keys)| format!("`{scheme}` ({})", records(keys)))
        .collect();
    Diagnostic::info(
        "translit-mixed",
        format!(
            "records' own transliterations are printed ({}), and other texts are transliterated with {}",
            records(own),
            schemes.join(", ")
        ),
    )
    .with_help(
        "to print one system, set `translit` in kaynak.toml to the one the records use, or `translit-policy = \"uniform\"`",
    )
}
