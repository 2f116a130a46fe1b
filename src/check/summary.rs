//! What a check keeps of one record: the findings of the record rules (the
//! record's `allow` list applied), each with its fix, and the little the
//! library rules need to compare it with the others (its normalised DOI, URL,
//! title and year, and access date). A summary depends only on the record and
//! the check's options, so one made in an earlier run serves as long as
//! neither changed (the CLI caches them; see [`super::cache`]).

use super::{duplicates, findings_in, Options, RecordCx};
use crate::diag::{Diagnostic, Span};
use crate::model::Entry;

/// A value a library rule compares, and the span of its field.
pub type Keyed = Option<(String, Span)>;

/// One record as the library rules and the report see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// The record rules' findings after the record's `allow` list, with the
    /// findings about that list (what [`super::record_findings`] gives).
    pub findings: Vec<Diagnostic>,
    /// The rules the record silences (for the library rules' findings).
    pub allowed: Vec<String>,
    /// The normalised DOI, URL, and title with year (see [`duplicates`]).
    pub doi: Keyed,
    pub url: Keyed,
    pub title: Keyed,
    /// The access date as written out, for dates many records share.
    pub accessed: Keyed,
}

/// Runs the record rules on `entry`, whose file's text is `text` when
/// loading kept it (else the file is read if a finding needs its place or
/// its fix), and keeps what the library rules need.
pub fn summarize(entry: &Entry, text: Option<&str>, options: &Options) -> Summary {
    let cx = match text {
        Some(text) => RecordCx::new(entry, text, options),
        None => RecordCx::reading(entry, options),
    };
    Summary {
        findings: findings_in(cx),
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

/// Summarizes each record as the library is loaded ([`crate::store::Visit`]),
/// on the loading thread and with the file's text at hand: a record with
/// findings needs its text for their lines and columns, and would otherwise
/// be read again.
pub struct Summarizer<'a> {
    pub options: &'a Options,
}

/// A record's key, file and summary, with its file's text when the record
/// has findings (the report shows them with a snippet of it) and the load
/// read it: all a check keeps of a record (see [`Summarizer`]).
pub struct Summarized {
    pub key: String,
    pub path: std::path::PathBuf,
    pub summary: Summary,
    pub text: Option<String>,
}

impl crate::store::Visit for Summarizer<'_> {
    type Output = Summarized;

    /// A check needs no entry once it is summarized: none is kept.
    fn keeps_entries(&self) -> bool {
        false
    }

    fn visit(&self, entry: &Entry, text: Option<&str>) -> Summarized {
        let summary = summarize(entry, text, self.options);
        let text = text
            .filter(|_| !summary.findings.is_empty())
            .map(str::to_string);
        Summarized {
            key: entry.key.clone(),
            path: entry.path.clone(),
            summary,
            text,
        }
    }
}
