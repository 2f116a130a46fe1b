//! Diagnostics produced while reading styles and locales, and warnings
//! produced while rendering. They are data: the library never prints.

use std::fmt;

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file is used; something in it is ignored or guessed.
    Warning,
}

/// One problem in a style or locale file, with its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in words.
    pub message: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl Diagnostic {
    /// An error at `line`:`column`.
    pub fn error(message: impl Into<String>, line: u32, column: u32) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            line,
            column,
        }
    }

    /// A warning at `line`:`column`.
    pub fn warning(message: impl Into<String>, line: u32, column: u32) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            line,
            column,
        }
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}: {}: {}",
            self.line, self.column, level, self.message
        )
    }
}

/// A non-fatal problem met while rendering (missing term, unknown item …), or
/// a note about a choice the style made (`note` set), which is no problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The item it concerns, by id, if one.
    pub item: Option<String>,
    /// What happened, in words.
    pub message: String,
    /// A note about a choice the style made, not a problem.
    pub note: bool,
}
