//! What a record rule sees: the entry, its file's text, the options, and
//! where its findings go. The text is the loaded one when loading kept it;
//! otherwise it is read from the file the first time a finding needs it (for
//! its line and column, or to build its fix) — most records have no finding,
//! and their files are not read again.

use super::{finding, record_start, Options, Rule};
use crate::diag::{Diagnostic, Fix, LineIndex, Location, Span};
use crate::model::Entry;
use std::borrow::Cow;
use std::path::Path;

/// The context of one record's check.
pub struct RecordCx<'a> {
    pub entry: &'a Entry,
    pub options: &'a Options,
    /// The file's text: given, or `None` until it is read.
    text: Option<Cow<'a, str>>,
    lines: Option<LineIndex>,
    found: Vec<Diagnostic>,
}

impl<'a> RecordCx<'a> {
    /// A context over `text`, the contents of the entry's file.
    pub fn new(entry: &'a Entry, text: &'a str, options: &'a Options) -> RecordCx<'a> {
        RecordCx {
            entry,
            options,
            text: Some(Cow::Borrowed(text)),
            lines: None,
            found: Vec::new(),
        }
    }

    /// A context that reads the entry's file when a finding first needs it.
    pub fn reading(entry: &'a Entry, options: &'a Options) -> RecordCx<'a> {
        RecordCx {
            entry,
            options,
            text: None,
            lines: None,
            found: Vec::new(),
        }
    }

    /// The record file's text (empty when it can no longer be read).
    pub fn text(&mut self) -> &str {
        let entry = self.entry;
        self.text.get_or_insert_with(|| {
            Cow::Owned(crate::store::read_source(&entry.path).unwrap_or_default())
        })
    }

    /// Reports `rule` at `span` of this record's file.
    pub fn report(&mut self, rule: &Rule, span: Span, message: String, help: String) {
        self.report_fixed(rule, span, message, help, None);
    }

    /// Reports `rule` at `span` with the fix that repairs it, if any. A rule
    /// that declares no fix in the table cannot attach one.
    pub fn report_fixed(
        &mut self,
        rule: &Rule,
        span: Span,
        message: String,
        help: String,
        fix: Option<Fix>,
    ) {
        debug_assert!(
            fix.is_none() || rule.fix.is_some(),
            "`{}` declares no fix in the rule table",
            rule.id
        );
        let location = self.locate(span);
        let mut d = Diagnostic::new(rule.id, rule.severity, message)
            .with_location(location)
            .with_help(help);
        d.fix = fix.filter(|_| rule.fix.is_some());
        self.found.push(d);
    }

    /// Reports a missing field at the start of the record (its `type` line).
    pub fn report_missing(&mut self, rule: &Rule, message: String, help: String) {
        let span = record_start(self.entry);
        self.report(rule, span, message, help);
    }

    /// The findings so far, for `allow` to filter.
    pub(super) fn found_mut(&mut self) -> &mut Vec<Diagnostic> {
        &mut self.found
    }

    /// The findings.
    pub fn into_found(self) -> Vec<Diagnostic> {
        self.found
    }

    /// The location of `span` in the record's file.
    fn locate(&mut self, span: Span) -> Location {
        self.text();
        let text = self.text.as_deref().unwrap_or_default();
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(text));
        let (line, column) = lines.line_col(text, span.start());
        Location {
            file: self.entry.path.clone(),
            span: Some(span),
            line,
            column,
        }
    }
}

/// A finding for `rule` at `span` of the record file `path`, given its line
/// and column later ([`locate`]): for library rules, which compare records
/// from their summaries and have no file text at hand.
pub fn unlocated(
    rule: &Rule,
    path: &Path,
    span: Span,
    message: String,
    help: String,
) -> Diagnostic {
    finding(rule, path, "", span, message, help)
}

/// Gives `found`, findings in one file whose text is `text`, their line and
/// column from their spans.
pub fn locate(found: &mut [Diagnostic], text: &str) {
    let lines = LineIndex::new(text);
    for location in found.iter_mut().filter_map(|d| d.location.as_mut()) {
        if let Some(span) = location.span {
            (location.line, location.column) = lines.line_col(text, span.start());
        }
    }
}
