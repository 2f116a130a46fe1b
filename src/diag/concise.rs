//! The one-line rendering: `file:line:col: severity[code]: message`.

use super::Diagnostic;
use std::io::{self, Write};

/// Writes each diagnostic on one line, followed by its help (indented) if any.
pub fn render_concise(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        writeln!(
            out,
            "{}: {}[{}]: {}",
            d.position(),
            d.severity,
            d.code,
            d.message
        )?;
    }
    Ok(())
}
