//! `kaynak check`: validates a loaded library and returns findings as
//! [`Diagnostic`]s. One file per rule family; [`registry`] lists every rule.
//!
//! Record rules see one [`Entry`] through a [`RecordCx`]; library rules
//! (duplicates, shared access dates) see all entries and use hash maps, so a
//! check stays linear in the number of records. A record's `[check] allow`
//! silences rules for that record only ([`allow`]). This module never prints
//! and never writes: `--fix` plans edits in [`fix`] and the CLI applies them.

pub mod access;
pub mod allow;
pub mod cache;
pub mod calendar;
pub mod completeness;
pub mod dates;
pub mod diff;
pub mod duplicates;
pub mod fix;
pub mod identifiers;
pub mod language;
pub mod names;
pub mod profile;
pub mod registry;
pub mod summary;
pub mod text;

pub use profile::Profile;
pub use registry::Rule;
pub use summary::{summarize, Summary};

use crate::diag::{Diagnostic, Location, Span};
use crate::model::{DatePart, Entry};
use crate::store::{Library, Loaded};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

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
/// entry order), plus records known from an earlier run and not loaded
/// again (`known`: key, path and summary). Records are compared in key order,
/// wherever their summary came from.
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
            diagnostics.extend(text::nfc_in_source(path, source));
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

/// The text of a record's file when loading kept it, else empty.
fn text_of<'a>(library: &'a Library, path: &Path) -> &'a str {
    library.sources.get(path).map_or("", String::as_str)
}

/// One record as the library rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Checked<'a> {
    pub key: &'a str,
    pub path: &'a Path,
    /// Its file's text, or empty when it was not kept.
    pub text: &'a str,
    pub summary: &'a Summary,
}

/// The findings of the selected records (in key order): their own, then
/// the library rules', each after the record's `allow` list, then those
/// about the list. Findings in files whose text was not kept get their line
/// and column from the file, read again (`source`).
fn combine<'s>(
    records: &[Checked],
    options: &Options,
    source: &dyn Fn(&Path) -> Option<Cow<'s, str>>,
) -> Vec<Diagnostic> {
    let mut library_findings: Vec<Vec<Diagnostic>> = vec![Vec::new(); records.len()];
    duplicates::check(records, options, &mut library_findings);
    access::shared_dates(records, options, &mut library_findings);
    let mut out = Vec::new();
    for (record, found) in records.iter().zip(library_findings) {
        if !options.selects(record.key) {
            continue;
        }
        let summary = record.summary;
        let mut kept = summary.findings.clone();
        kept.extend(found.into_iter().filter(|d| !summary.allows(d.code)));
        kept.extend(summary.allow_findings.iter().cloned());
        if !kept.is_empty() && record.text.is_empty() {
            locate(record.path, &mut kept, source);
        }
        out.extend(kept);
    }
    out
}

/// Gives the findings in the file at `path` their line and column, from its
/// text read again (it was not kept: the record loaded cleanly).
fn locate<'s>(
    path: &Path,
    found: &mut [Diagnostic],
    source: &dyn Fn(&Path) -> Option<Cow<'s, str>>,
) {
    let Some(text) = source(path) else {
        return;
    };
    for d in found {
        if let Some(location) = d.location.as_mut().filter(|l| l.file == path) {
            if let Some(span) = location.span {
                *location = Location::at(path, &text, span);
            }
        }
    }
}

fn is_settings(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()) == Some(crate::store::SETTINGS_FILE)
}

pub(crate) fn run_record_rules(cx: &mut RecordCx) {
    completeness::check(cx);
    access::check(cx);
    dates::check(cx);
    identifiers::check(cx);
    language::check(cx);
    text::check(cx);
    names::check(cx);
}

/// What a record rule sees: the entry, its file's text, the options, and
/// where findings go.
pub struct RecordCx<'a> {
    pub entry: &'a Entry,
    pub text: &'a str,
    pub options: &'a Options,
    found: Vec<Diagnostic>,
}

impl<'a> RecordCx<'a> {
    pub fn new(entry: &'a Entry, text: &'a str, options: &'a Options) -> RecordCx<'a> {
        RecordCx {
            entry,
            text,
            options,
            found: Vec::new(),
        }
    }

    /// Reports `rule` at `span` of this record's file.
    pub fn report(&mut self, rule: &Rule, span: Span, message: String, help: String) {
        let d = finding(rule, &self.entry.path, self.text, span, message, help);
        self.found.push(d);
    }

    /// Reports a missing field at the start of the record (its `type` line).
    pub fn report_missing(&mut self, rule: &Rule, message: String, help: String) {
        let span = record_start(self.entry);
        self.report(rule, span, message, help);
    }

    /// The findings so far (for tests and callers that run single rules).
    pub fn into_found(self) -> Vec<Diagnostic> {
        self.found
    }
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
    Span::new(t.key_span.start, t.span.end.max(t.key_span.start))
}

/// True when the record has a URL or a DOI.
pub fn has_link(entry: &Entry) -> bool {
    entry.texts.contains_key("URL") || entry.texts.contains_key("DOI")
}

/// True for sources read online: an online item type, or a URL or DOI.
pub fn is_online(entry: &Entry) -> bool {
    entry.item_type.value.is_online() || has_link(entry)
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
