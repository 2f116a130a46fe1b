//! JSON lines: one object per diagnostic, for editors and scripts.

use super::Diagnostic;
use serde_json::json;
use std::io::{self, Write};

/// Writes one JSON object per line with code, severity, message, file, line,
/// column, span (byte offsets) and help.
pub fn render_json(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let loc = d.location.as_ref();
        let value = json!({
            "code": d.code,
            "severity": d.severity,
            "message": d.message,
            "file": loc.map(|l| l.file.display().to_string()),
            "line": loc.map(|l| l.line),
            "column": loc.map(|l| l.column),
            "span": loc.and_then(|l| l.span).map(|s| [s.start(), s.end()]),
            "help": d.help,
        });
        writeln!(out, "{value}")?;
    }
    Ok(())
}
