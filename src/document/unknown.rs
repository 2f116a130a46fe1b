//! Errors for cited keys that no record has: one per key, at its first
//! citation, listing every other place it is cited as `line:col`. Built in
//! one pass over the document, so a manuscript with a hundred thousand
//! unknown citations costs no more than reading it.

use super::Citation;
use crate::diag::{Diagnostic, Location, Span};
use foldhash::HashMap;
use std::path::Path;

/// How many errors show a snippet of their line; the rest give the position
/// only (each snippet costs a pass over the document).
const SNIPPETS: usize = 10;
/// Lines longer than this are not shown as a snippet.
const SNIPPET_LINE: usize = 300;
/// How many unknown keys get a did-you-mean (each compares with every key).
const SUGGESTIONS: usize = 100;

/// One error per key of `citations` that `is_known` refuses, in the order
/// first cited; `known` lists the library's keys for did-you-mean hints.
/// The citations were found in `doc[base..]` (after a YAML block).
pub fn unknown_key_errors<'k>(
    path: &Path,
    doc: &str,
    base: usize,
    citations: &[Citation],
    is_known: impl Fn(&str) -> bool,
    known: impl Fn() -> Box<dyn Iterator<Item = &'k str> + 'k>,
) -> Vec<Diagnostic> {
    let mut places: Vec<(&str, Vec<Span>)> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::default();
    for item in citations.iter().flat_map(|c| &c.items) {
        if is_known(&item.key) {
            continue;
        }
        let start = base + item.key_offset;
        let span = Span::new(start, start + 1 + item.key.len());
        let index = *slot.entry(item.key.as_str()).or_insert_with(|| {
            places.push((item.key.as_str(), Vec::new()));
            places.len() - 1
        });
        places[index].1.push(span);
    }
    let mut positions = Positions::new(doc);
    let mut errors: Vec<Diagnostic> = places
        .iter()
        .enumerate()
        .map(|(n, (key, spans))| {
            let (line, column) = positions.at(spans[0].start());
            let others: Vec<String> = spans[1..]
                .iter()
                .map(|s| {
                    let (l, c) = positions.at(s.start());
                    format!("{l}:{c}")
                })
                .collect();
            let message = if others.is_empty() {
                format!("no record `{key}` in the library")
            } else {
                format!(
                    "no record `{key}` in the library (cited {} times; also at {})",
                    spans.len(),
                    others.join(", ")
                )
            };
            let short_line = positions.line_len(spans[0].start()) <= SNIPPET_LINE;
            let location = Location {
                file: path.to_path_buf(),
                span: (n < SNIPPETS && short_line).then_some(spans[0]),
                line,
                column,
            };
            let mut error = Diagnostic::error("unknown-key", message).with_location(location);
            if n < SUGGESTIONS {
                if let Some(s) = crate::model::variable::suggest(key, known()) {
                    error = error.with_help(format!("did you mean `@{s}`?"));
                }
            }
            error
        })
        .collect();
    // the loop above visits spans in document order per key, not overall
    crate::diag::sort(&mut errors);
    errors
}

/// Line and character column of offsets, counting characters only once
/// per line even when asked for many offsets on one long line.
struct Positions<'d> {
    doc: &'d str,
    /// The byte offset where each line starts.
    starts: Vec<usize>,
    /// The last offset asked for, its 0-based line and 1-based column.
    cursor: Option<(usize, usize, usize)>,
}

impl<'d> Positions<'d> {
    fn new(doc: &'d str) -> Positions<'d> {
        let mut starts = vec![0];
        starts.extend(doc.match_indices('\n').map(|(i, _)| i + 1));
        Positions {
            doc,
            starts,
            cursor: None,
        }
    }

    /// 1-based line and column of `offset`.
    fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.doc.len());
        let line = self.line(offset);
        let count = |from: usize| self.doc.get(from..offset).map_or(0, |s| s.chars().count());
        let column = match self.cursor {
            Some((at, at_line, at_column)) if at_line == line && at <= offset => {
                at_column + count(at)
            }
            _ => 1 + count(self.starts[line]),
        };
        self.cursor = Some((offset, line, column));
        (line + 1, column)
    }

    fn line(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    fn line_len(&self, offset: usize) -> usize {
        let line = self.line(offset.min(self.doc.len()));
        let end = self.starts.get(line + 1).copied().unwrap_or(self.doc.len());
        end - self.starts[line]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{find_citations, LocatorLabels};

    #[test]
    fn one_error_per_key_with_every_place() {
        let doc = "A [@x] b [@ok; @x].\nC [@y, p. 3] and @x.\n";
        let citations = find_citations(doc, &LocatorLabels::english());
        let errors = unknown_key_errors(
            Path::new("doc.md"),
            doc,
            0,
            &citations,
            |k| k == "ok",
            || Box::new(["ok", "yy"].into_iter()),
        );
        assert_eq!(errors.len(), 2);
        assert_eq!(
            errors[0].message,
            "no record `x` in the library (cited 3 times; also at 1:16, 2:18)"
        );
        assert_eq!(errors[0].position(), "doc.md:1:4");
        assert_eq!(errors[1].message, "no record `y` in the library");
        assert_eq!(errors[1].position(), "doc.md:2:4");
    }

    #[test]
    fn columns_count_characters() {
        let mut p = Positions::new("şş\nabç d");
        assert_eq!(p.at(0), (1, 1));
        assert_eq!(p.at(2), (1, 2));
        assert_eq!(p.at(5), (2, 1));
        assert_eq!(p.at(9), (2, 4));
        assert_eq!(p.at(10), (2, 5));
    }
}
