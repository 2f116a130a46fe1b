//! Diagnostics as data: a code, a severity, a message, where it happened and how to fix it.
//!
//! This module owns the [`Diagnostic`] type, the [`Fix`] a diagnostic may carry,
//! byte spans and their translation to line:column, and the renderers (human,
//! concise, JSON lines). It never prints: the renderers write into any
//! `io::Write` the CLI hands them.

mod concise;
mod fix;
pub mod human;
mod json;
mod lines;

pub use concise::render_concise;
pub use fix::{Edit, Fix};
pub use human::render_human;
pub use json::render_json;
pub use lines::LineIndex;

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A half-open byte range into a source file's text.
///
/// Offsets are kept as `u32` (a record keeps two spans per field, so their
/// size counts at a million records): a span reaches [`Span::MAX_OFFSET`]
/// (4 GiB). Record files are refused long before that
/// ([`crate::store::MAX_RECORD_BYTES`]), imports and manuscripts too; an
/// offset beyond it saturates, it never wraps.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The largest offset a span can hold.
    pub const MAX_OFFSET: usize = u32::MAX as usize;

    /// The span `start..end`; an offset above [`Span::MAX_OFFSET`] is held as
    /// that maximum.
    pub fn new(start: usize, end: usize) -> Span {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Span {
            start: offset(start),
            end: offset(end),
        }
    }

    /// Where the span starts.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// Where the span ends (exclusive).
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Converts an optional range (as TOML parsers report them) to a span.
    pub fn from_range(range: Option<std::ops::Range<usize>>) -> Option<Span> {
        range.map(|r| Span::new(r.start, r.end))
    }
}

/// Where a diagnostic points: a file, and where known a span with its 1-based
/// line and column (columns count characters, not bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub span: Option<Span>,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// A location for a whole file, shown as line 1, column 1.
    pub fn file(path: &Path) -> Location {
        Location {
            file: path.to_path_buf(),
            span: None,
            line: 1,
            column: 1,
        }
    }

    /// A location for a span inside `text`, the contents of `path`.
    pub fn at(path: &Path, text: &str, span: Span) -> Location {
        let (line, column) = LineIndex::new(text).line_col(text, span.start());
        Location {
            file: path.to_path_buf(),
            span: Some(span),
            line,
            column,
        }
    }
}

/// One finding: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable identifier such as `unknown-field` or `missing-url`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// A one-line hint that says how to fix the problem.
    pub help: Option<String>,
    /// The repair `kaynak check --fix` may apply, when one is safe.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            location: None,
            help: None,
            fix: None,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, message)
    }

    pub fn info(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Info, message)
    }

    pub fn with_location(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    /// `file:line:col` or `file`, or `<none>` for diagnostics without a place.
    pub fn position(&self) -> String {
        match &self.location {
            Some(loc) => format!("{}:{}:{}", loc.file.display(), loc.line, loc.column),
            None => String::from("kaynak"),
        }
    }
}

/// Counts of diagnostics by severity, for summary lines and exit codes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Tally {
        let mut tally = Tally::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.infos += 1,
            }
        }
        tally
    }
}

/// Sorts diagnostics by file, then position, then code, so output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    // Cached keys: each path is copied once, not once per comparison (a check
    // of a large library sorts tens of thousands of findings). Stable.
    diagnostics.sort_by_cached_key(|d| {
        let place = d
            .location
            .as_ref()
            .map(|l| (path_order_key(&l.file), l.line, l.column));
        (place, d.code)
    });
}

/// Bytes that order as `Path`'s own ordering does (component by component:
/// first the kind — prefix, root, `.`, `..`, name — then a name's bytes), but
/// compare as one slice: each component is its kind's byte, its bytes and a 0
/// byte, which no component holds and which sorts before every byte a
/// component may hold. Comparing `PathBuf`s splits both into components at
/// every comparison, which was most of the cost of sorting a large library's
/// findings.
fn path_order_key(path: &Path) -> Vec<u8> {
    use std::path::Component;
    let mut key = Vec::with_capacity(path.as_os_str().len() + 16);
    for component in path.components() {
        let kind = match component {
            Component::Prefix(_) => 1,
            Component::RootDir => 2,
            Component::CurDir => 3,
            Component::ParentDir => 4,
            Component::Normal(_) => 5,
        };
        key.push(kind);
        if let Component::Prefix(_) | Component::Normal(_) = component {
            key.extend_from_slice(component.as_os_str().as_encoded_bytes());
        }
        key.push(0);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_order_key_orders_as_paths_do() {
        let paths = [
            "lib/a-b/x.toml",
            "lib/a/x.toml",
            "lib/a.toml",
            "lib/a",
            "lib//a/./b.toml",
            "./lib/a.toml",
            "../lib/a.toml",
            "/lib/a.toml",
            "lib/-a.toml",
            "lib/Ça.toml",
            "lib/ca.toml",
            "lib",
            "",
        ];
        for a in paths {
            for b in paths {
                let (a, b) = (Path::new(a), Path::new(b));
                assert_eq!(
                    path_order_key(a).cmp(&path_order_key(b)),
                    a.cmp(b),
                    "{} vs {}",
                    a.display(),
                    b.display()
                );
            }
        }
    }

    #[test]
    fn spans_are_small_and_saturate_instead_of_wrapping() {
        assert_eq!(std::mem::size_of::<Span>(), 8);
        let span = Span::new(3, 7);
        assert_eq!((span.start(), span.end()), (3, 7));
        if let Some(beyond) = Span::MAX_OFFSET.checked_add(5) {
            let far = Span::new(Span::MAX_OFFSET - 1, beyond);
            assert_eq!(
                (far.start(), far.end()),
                (Span::MAX_OFFSET - 1, Span::MAX_OFFSET)
            );
        }
    }
}
