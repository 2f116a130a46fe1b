//! Diagnostics produced while reading styles and locales, and warnings
//! produced while rendering. They are data: the library never prints.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a style or locale file, with its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub line: u32,
    pub column: u32,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, line: u32, column: u32) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            line,
            column,
        }
    }

    pub fn warning(message: impl Into<String>, line: u32, column: u32) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            line,
            column,
        }
    }

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
    pub item: Option<String>,
    pub message: String,
    pub note: bool,
}
