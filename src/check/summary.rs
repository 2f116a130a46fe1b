//! What a check keeps of one record: the findings of the record rules (the
//! record's `allow` list applied), and the little the library rules need to
//! compare it with the others (its normalised DOI, URL, title and year, and
//! access date). A summary depends only on the record and the check's
//! options, so one made in an earlier run serves as long as neither changed
//! (the CLI caches them; see [`super::cache`]).

use super::{allow, duplicates, run_record_rules, Options, RecordCx};
use crate::diag::{Diagnostic, Span};
use crate::model::Entry;

/// A value a library rule compares, and the span of its field.
pub type Keyed = Option<(String, Span)>;

/// One record as the library rules and the report see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// The record rules' findings, after the record's `allow` list.
    pub findings: Vec<Diagnostic>,
    /// Findings about the `allow` list itself (unknown rules, no reason).
    pub allow_findings: Vec<Diagnostic>,
    /// The rules the record silences (for the library rules' findings).
    pub allowed: Vec<String>,
    /// The normalised DOI, URL, and title with year (see [`duplicates`]).
    pub doi: Keyed,
    pub url: Keyed,
    pub title: Keyed,
    /// The access date as written out, for dates many records share.
    pub accessed: Keyed,
}

/// Runs the record rules on `entry` (whose file's text is `text`, or empty
/// when it was not kept) and keeps what the library rules need.
pub fn summarize(entry: &Entry, text: &str, options: &Options) -> Summary {
    let mut cx = RecordCx::new(entry, text, options);
    run_record_rules(&mut cx);
    let found = cx.into_found();
    Summary {
        findings: allow::filter(entry, found),
        allow_findings: allow::findings(entry, text),
        allowed: entry.allow.iter().map(|a| a.rule.clone()).collect(),
        doi: duplicates::by_doi(entry),
        url: duplicates::by_url(entry),
        title: duplicates::by_title(entry),
        accessed: entry
            .dates
            .get("accessed")
            .map(|f| (f.value.to_string(), f.span)),
    }
}

impl Summary {
    /// True when the record silences `code`.
    pub fn allows(&self, code: &str) -> bool {
        self.allowed.iter().any(|a| a == code)
    }
}
