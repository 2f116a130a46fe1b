//! The full rendering: a source snippet with a caret under the offending value,
//! and the help line. Built on codespan-reporting.

use super::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor, Config};
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

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
    // One file table for all findings: adding a file indexes its lines, and
    // ten thousand findings in one file must not index it ten thousand times.
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<&Path, usize> = HashMap::new();
    // Findings come sorted by file: the last file's text and id are reused
    // (hashing a path splits it into components; a large library has tens
    // of thousands of findings).
    let mut last: Option<(&Path, Option<&str>, Option<usize>)> = None;
    for d in diagnostics {
        let mut report = Report::new(level(d.severity))
            .with_code(d.code)
            .with_message(&d.message);
        let mut notes = Vec::new();
        if let Some(loc) = &d.location {
            let file = loc.file.as_path();
            let (text, known_id) = match last {
                Some((path, text, id)) if path == file => (text, id),
                _ => (sources.text(file), None),
            };
            last = Some((file, text, known_id));
            match (loc.span, text) {
                (Some(span), Some(text)) if span.end() <= text.len() && long_line(text, span) => {
                    notes.push(format!("--> {}", d.position()));
                    notes.push(excerpt(text, span));
                }
                (Some(span), Some(text)) if span.end() <= text.len() => {
                    let id = known_id.unwrap_or_else(|| {
                        *ids.entry(file)
                            .or_insert_with(|| files.add(file.display().to_string(), text))
                    });
                    last = Some((file, Some(text), Some(id)));
                    let end = span.end().max(span.start());
                    report = report.with_labels(vec![Label::primary(id, span.start()..end)]);
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

/// Lines longer than this (in bytes) are not shown whole under a finding:
/// a thousand findings on one 30 KB line would print 30 MB. An excerpt
/// around the place stands in for the snippet.
const MAX_SNIPPET_LINE: usize = 512;

/// Characters of context on each side of the place in an excerpt.
const EXCERPT_CONTEXT: usize = 40;

/// True when the line holding `span`'s start is too long to show whole.
fn long_line(text: &str, span: crate::diag::Span) -> bool {
    let start = text[..span.start()].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.start()..]
        .find('\n')
        .map_or(text.len(), |i| span.start() + i);
    end - start > MAX_SNIPPET_LINE
}

/// `…text before⟨the place⟩text after…`, on one short line.
fn excerpt(text: &str, span: crate::diag::Span) -> String {
    let before: String = {
        let chars: Vec<char> = text[..span.start()]
            .chars()
            .rev()
            .take_while(|c| *c != '\n')
            .take(EXCERPT_CONTEXT)
            .collect();
        chars.into_iter().rev().collect()
    };
    let marked: String = text[span.start()..span.end().max(span.start())]
        .chars()
        .take_while(|c| *c != '\n')
        .take(EXCERPT_CONTEXT)
        .collect();
    let after: String = text[span.end().max(span.start())..]
        .chars()
        .take_while(|c| *c != '\n')
        .take(EXCERPT_CONTEXT)
        .collect();
    format!("at: …{before}⟨{marked}⟩{after}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Location, Span};
    use std::path::Path;

    /// A finding on a very long line shows an excerpt, not the whole line.
    #[test]
    fn long_lines_are_excerpted() {
        let text = format!("{}[@missing]{}\n", "x".repeat(5000), "y".repeat(5000));
        let span = Span::new(5001, 5009);
        let path = Path::new("doc.md");
        let d = Diagnostic::error("unknown-key", "no record")
            .with_location(Location::at(path, &text, span));
        let sources = HashMap::from([(path.to_path_buf(), text.clone())]);
        let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        render_human(&mut out, &[d], &sources).unwrap();
        let shown = String::from_utf8(out.into_inner()).unwrap();
        assert!(shown.len() < 600, "{shown}");
        assert!(shown.contains("doc.md:1:5002"), "{shown}");
        assert!(shown.contains("x[⟨@missing⟩]yyyy"), "{shown}");
    }
}
