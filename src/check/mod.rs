//! `kaynak check`: validates a loaded library and returns findings as
//! [`Diagnostic`]s, each carrying its [`Fix`](crate::diag::Fix) when a safe
//! one exists.
//!
//! One file per rule family; each declares its rules once in the rule table
//! ([`rules`]) and detects them. Record rules see one [`Entry`] and its file's
//! text through a [`RecordCx`], and their findings are a function of the
//! record, the options and nothing else; file rules see a file's raw text;
//! library rules (duplicates, shared access dates) compare all records
//! through their [`Summary`] (a [`Checked`] record each) and use hash maps,
//! so a check stays linear in the number of records. A record's `[check]
//! allow` silences rules for that record only (`allow.rs`).
//!
//! A summary — the record rules' findings, with their fixes, and the keys the
//! library rules compare — depends only on the record and the options, so the
//! CLI caches it per record file ([`cache`]): a warm check runs the library
//! rules over summaries, without reading unchanged records. This module never
//! prints and never writes: `--fix` applies the fixes the findings carry
//! ([`fix`]) and the CLI writes the files.

mod access;
mod allow;
pub mod cache;
pub mod calendar;
mod completeness;
mod context;
mod dates;
pub mod diff;
mod duplicates;
pub mod fix;
mod identifiers;
mod language;
mod names;
mod profile;
pub mod rules;
mod summary;
mod text;

pub use context::RecordCx;
pub use profile::Profile;
pub use rules::Rule;
pub use summary::{summarize, Summarized, Summarizer, Summary};

use crate::diag::{Diagnostic, Location, Span};
use crate::model::{DatePart, Entry};
use crate::store::{Library, Loaded};
use rayon::prelude::*;
use rules::Family;
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

/// The rule families, in the order `--list-rules` and the README show them.
/// A new family is a file declaring its rules with `rules!`, a
/// `mod` line above and an entry here.
pub static FAMILIES: &[&Family] = &[
    &completeness::FAMILY,
    &access::FAMILY,
    &dates::FAMILY,
    &identifiers::FAMILY,
    &duplicates::FAMILY,
    &language::FAMILY,
    &text::FAMILY,
    &names::FAMILY,
    &allow::FAMILY,
];

/// The default age after which an access date asks for the link to be re-checked.
pub const DEFAULT_MAX_ACCESS_AGE_DAYS: i64 = 3 * 365;

/// How many records must share one access date before it is worth a note.
pub const SHARED_ACCESS_MIN: usize = 5;

/// What a check measures against and which records it looks at.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date that "future" and "stale" are measured against.
    pub today: DatePart,
    pub profile: Profile,
    pub max_access_age_days: i64,
    /// Check only these keys; `None` checks every record.
    pub keys: Option<HashSet<String>>,
    /// The library is cited with a note style (short notes repeat titles).
    pub note_style: bool,
}

impl Options {
    /// Options for `today` with the default profile and ages.
    pub fn new(today: DatePart) -> Options {
        Options {
            today,
            profile: Profile::Default,
            max_access_age_days: DEFAULT_MAX_ACCESS_AGE_DAYS,
            keys: None,
            note_style: false,
        }
    }

    /// True when the record `key` is one the check looks at.
    pub fn selects(&self, key: &str) -> bool {
        self.keys.as_ref().is_none_or(|keys| keys.contains(key))
    }

    fn selects_file(&self, path: &Path) -> bool {
        let Some(keys) = &self.keys else {
            return true;
        };
        keys.contains(path.file_stem().and_then(|s| s.to_str()).unwrap_or(""))
    }
}

/// The outcome of a check: every finding, sorted, and how many records were looked at.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub records_checked: usize,
}

/// Checks a loaded library: its load diagnostics, then every rule.
pub fn check(loaded: &Loaded, options: &Options) -> Report {
    let summaries = summarize_all(&loaded.library, options);
    check_summarized(loaded, &summaries, Vec::new(), options)
}

/// The summary of every loaded entry, in entry order (made on all threads).
pub fn summarize_all(library: &Library, options: &Options) -> Vec<Summary> {
    library
        .entries
        .par_iter()
        .map(|entry| summarize(entry, text_of(library, &entry.path), options))
        .collect()
}

/// The check of a library whose entries are summarized (`summaries`, in
/// entry order), plus records summarized elsewhere (`known`: key, path and
/// summary; known from an earlier run, or summarized as they were loaded and
/// not kept as entries). Records are compared in key order, wherever their
/// summary came from.
pub fn check_summarized(
    loaded: &Loaded,
    summaries: &[Summary],
    known: Vec<Checked>,
    options: &Options,
) -> Report {
    let library = &loaded.library;
    let mut diagnostics: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            d.location
                .as_ref()
                .is_none_or(|l| options.selects_file(&l.file))
        })
        .cloned()
        .collect();
    let mut records: Vec<Checked> = library
        .entries
        .iter()
        .zip(summaries)
        .map(|(entry, summary)| Checked {
            key: &entry.key,
            path: &entry.path,
            text: text_of(library, &entry.path),
            summary,
        })
        .collect();
    if !known.is_empty() {
        records.extend(known);
        records.sort_unstable_by(|a, b| a.key.cmp(b.key));
    }
    diagnostics.extend(combine(&records, options, &|path| library.source(path)));
    for (path, source) in &library.sources {
        if options.selects_file(path) && !is_settings(path) {
            diagnostics.extend(file_findings(path, source));
        }
    }
    crate::diag::sort(&mut diagnostics);
    let records_checked = match &options.keys {
        Some(keys) => keys.len(),
        None => library.files_found,
    };
    Report {
        diagnostics,
        records_checked,
    }
}

/// What the record rules find in one record, given its file's text, after
/// its `allow` list: a function of the record, its text and the options only
/// (library rules, which compare records, are not run).
pub fn record_findings(entry: &Entry, text: &str, options: &Options) -> Vec<Diagnostic> {
    findings_in(RecordCx::new(entry, text, options))
}

/// What the file rules find in one file's raw text.
pub fn file_findings(path: &Path, text: &str) -> Vec<Diagnostic> {
    FAMILIES
        .iter()
        .filter_map(|family| family.file)
        .filter_map(|rule| rule(path, text))
        .collect()
}

/// Runs the record rules in `cx`, then its record's `allow` list.
fn findings_in(mut cx: RecordCx) -> Vec<Diagnostic> {
    for rule in FAMILIES.iter().filter_map(|family| family.record) {
        rule(&mut cx);
    }
    allow::apply(&mut cx);
    cx.into_found()
}

/// The text of a record's file when loading kept it.
fn text_of<'a>(library: &'a Library, path: &Path) -> Option<&'a str> {
    library.sources.get(path).map(String::as_str)
}

/// One record as the library rules see it: loaded in this run, or known
/// from the check cache.
#[derive(Debug, Clone, Copy)]
pub struct Checked<'a> {
    pub key: &'a str,
    pub path: &'a Path,
    /// Its file's text, when loading kept it.
    pub text: Option<&'a str>,
    pub summary: &'a Summary,
}

/// The findings of the selected records (in key order): their own, then
/// the library rules' not silenced by the record's `allow` list. Library
/// rules' findings get their line and column from the record's text, read
/// again when it was not kept (`source`).
fn combine<'s>(
    records: &[Checked],
    options: &Options,
    source: &dyn Fn(&Path) -> Option<Cow<'s, str>>,
) -> Vec<Diagnostic> {
    let mut from_library: Vec<Vec<Diagnostic>> = vec![Vec::new(); records.len()];
    for rule in FAMILIES.iter().filter_map(|family| family.library) {
        rule(records, options, &mut from_library);
    }
    let mut out = Vec::new();
    for (record, mut found) in records.iter().zip(from_library) {
        if !options.selects(record.key) {
            continue;
        }
        let summary = record.summary;
        out.extend(summary.findings.iter().cloned());
        found.retain(|d| !summary.allows(d.code));
        if found.is_empty() {
            continue;
        }
        match record.text {
            Some(text) => context::locate(&mut found, text),
            None => {
                if let Some(text) = source(record.path) {
                    context::locate(&mut found, &text);
                }
            }
        }
        out.extend(found);
    }
    out
}

fn is_settings(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()) == Some(crate::store::SETTINGS_FILE)
}

/// A diagnostic for `rule` at `span` of `text`, the contents of `path`.
pub fn finding(
    rule: &Rule,
    path: &Path,
    text: &str,
    span: Span,
    message: String,
    help: String,
) -> Diagnostic {
    Diagnostic::new(rule.id, rule.severity, message)
        .with_location(Location::at(path, text, span))
        .with_help(help)
}

/// Where a record "starts" for findings about fields it lacks: its `type` line.
pub fn record_start(entry: &Entry) -> Span {
    let t = &entry.item_type;
    Span::new(t.key_span.start(), t.span.end().max(t.key_span.start()))
}

/// True when the record has a URL or a DOI.
pub fn has_link(entry: &Entry) -> bool {
    entry.texts.contains_key("URL") || entry.texts.contains_key("DOI")
}

/// True for sources read online: an online item type, or a URL or DOI.
pub fn is_online(entry: &Entry) -> bool {
    entry.item_type.value.is_online() || has_link(entry)
}

/// A TOML basic string holding `text` (the record writer's own quoting, so a
/// fixed value is written exactly as an imported one would be).
pub fn quote(text: &str) -> String {
    crate::store::serialize::basic_string(text)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs the whole check on one or more records written to a temporary library.
    use super::*;

    pub const TODAY: DatePart = DatePart {
        year: 2026,
        month: Some(11),
        day: Some(28),
        season: None,
        approximate: false,
        uncertain: false,
    };

    /// Every finding for a library of `records` (key, TOML text), as `key: code` strings.
    pub fn codes_with(records: &[(&str, &str)], options: &Options) -> Vec<String> {
        let dir = tempfile::tempdir().expect("temp dir");
        for (key, text) in records {
            std::fs::write(dir.path().join(format!("{key}.toml")), text).expect("write");
        }
        let loaded = crate::store::load(dir.path()).expect("load");
        check(&loaded, options)
            .diagnostics
            .iter()
            .map(|d| {
                let file = d
                    .location
                    .as_ref()
                    .map(|l| l.file.clone())
                    .unwrap_or_default();
                let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                format!("{stem}: {}", d.code)
            })
            .collect()
    }

    /// The codes found in one record `r`.
    pub fn codes(text: &str) -> Vec<String> {
        codes_with(&[("r", text)], &Options::new(TODAY))
            .into_iter()
            .map(|c| c.trim_start_matches("r: ").to_string())
            .collect()
    }

    /// True when `code` is among the findings of one record.
    pub fn fires(text: &str, code: &str) -> bool {
        codes(text).iter().any(|c| c == code)
    }
}
