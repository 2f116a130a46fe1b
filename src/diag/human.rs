//! The full rendering: a source snippet with a caret under the offending value,
//! and the help line. Built on codespan-reporting.

use super::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor, Config};
use std::collections::HashMap;
use std::io;
use std::path::PathBuf;

/// Supplies the text of a file for snippets; `None` when it can't be shown
/// (not UTF-8, too large, gone).
pub trait SourceText {
    fn text(&self, path: &std::path::Path) -> Option<&str>;
}

impl SourceText for HashMap<PathBuf, String> {
    fn text(&self, path: &std::path::Path) -> Option<&str> {
        self.get(path).map(String::as_str)
    }
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    }
}

/// Writes each diagnostic with a snippet of its source where the text is known.
pub fn render_human(
    out: &mut dyn WriteColor,
    diagnostics: &[Diagnostic],
    sources: &dyn SourceText,
) -> io::Result<()> {
    let config = Config::default();
    // One file table for all diagnostics: codespan indexes a file's lines
    // when it is added, so adding it per diagnostic made many diagnostics
    // on a large file quadratic.
    let mut files = SimpleFiles::new();
    let mut ids: std::collections::HashMap<&std::path::Path, usize> = Default::default();
    for d in diagnostics {
        let mut report = Report::new(level(d.severity))
            .with_code(d.code)
            .with_message(&d.message);
        let mut notes = Vec::new();
        if let Some(loc) = &d.location {
            match (loc.span, sources.text(&loc.file)) {
                (Some(span), Some(text)) if span.end <= text.len() => {
                    let id = *ids
                        .entry(loc.file.as_path())
                        .or_insert_with(|| files.add(loc.file.display().to_string(), text));
                    let end = span.end.max(span.start);
                    report = report.with_labels(vec![Label::primary(id, span.start..end)]);
                }
                _ => notes.push(format!("--> {}", d.position())),
            }
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        report = report.with_notes(notes);
        term::emit(out, &config, &files, &report).map_err(io::Error::other)?;
    }
    Ok(())
}
