//! Where output goes: stdout for results, stderr for diagnostics, with color
//! only when asked for or when stderr is a terminal.

use super::terminal::{escape_diagnostics, Output};
use super::ColorWhen;
use crate::diag::{self, Diagnostic, Severity, Tally};
use crate::store::{self, Loaded};
use anyhow::Context;
use clap::ValueEnum;
use codespan_reporting::term::termcolor::{Ansi, ColorChoice, NoColor, WriteColor};
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// How diagnostics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DiagnosticFormat {
    /// A source snippet with a caret under the offending value, and a help line.
    #[default]
    Human,
    /// One line each: file:line:col: severity\[code\]: message.
    Concise,
    /// One JSON object per line.
    Json,
}

/// The printing side of a run.
pub struct Ui {
    color: ColorWhen,
    pub quiet: bool,
    /// Load through the library's load cache (unless `--no-cache`).
    pub cache: bool,
}

impl Ui {
    pub fn new(color: ColorWhen, quiet: bool) -> Ui {
        Ui {
            color,
            quiet,
            cache: true,
        }
    }

    /// Standard output, locked, for results; on a terminal, control
    /// characters are shown escaped (see [`terminal`](super::terminal)).
    pub fn out(&self) -> Output<io::StdoutLock<'static>> {
        let stdout = io::stdout();
        let escape = stdout.is_terminal();
        Output::new(stdout.lock(), escape)
    }

    fn stderr_choice(&self) -> ColorChoice {
        match self.color {
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
            ColorWhen::Auto if io::stderr().is_terminal() => ColorChoice::Auto,
            ColorWhen::Auto => ColorChoice::Never,
        }
    }

    /// True when stdout gets color.
    pub fn stdout_color(&self) -> bool {
        match self.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    /// Writes diagnostics to stderr in `format` (warnings and notes hidden when quiet).
    pub fn diagnostics(
        &self,
        diagnostics: &[Diagnostic],
        format: DiagnosticFormat,
        sources: &dyn diag::human::SourceText,
    ) -> io::Result<()> {
        let shown: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| !self.quiet || d.severity == Severity::Error)
            .cloned()
            .collect();
        let escaped = escape_diagnostics(&shown, sources);
        let shown = &escaped.diagnostics;
        match format {
            DiagnosticFormat::Human => {
                // Buffered: codespan writes a snippet in many small pieces,
                // and stderr is unbuffered (a thousand findings on one long
                // line took a minute of system calls).
                let color = self.stderr_choice() != ColorChoice::Never;
                let mut err = buffered(io::stderr().lock(), color);
                diag::render_human(&mut err, shown, &escaped)?;
                err.flush()
            }
            DiagnosticFormat::Concise => diag::render_concise(&mut io::stderr().lock(), shown),
            DiagnosticFormat::Json => diag::render_json(&mut io::stderr().lock(), shown),
        }
    }

    /// Loads the library, printing load problems; fails if the directory can't be read.
    pub fn load(&self, dir: &Path) -> anyhow::Result<Loaded> {
        let mut loaded = store::load_with(dir, self.cache)
            .with_context(|| "cannot load the library".to_string())?;
        diag::sort(&mut loaded.diagnostics);
        self.diagnostics(
            &loaded.diagnostics,
            DiagnosticFormat::Human,
            &loaded.library.sources,
        )?;
        Ok(loaded)
    }
}

/// Exit 1 when loading found errors, else 0.
pub fn load_exit(loaded: &Loaded) -> super::Exit {
    if Tally::of(&loaded.diagnostics).errors > 0 {
        super::Exit::Findings
    } else {
        super::Exit::Success
    }
}

/// An error for a failed write of `path`, with advice that fits its cause
/// (a full disk is not a permission problem).
pub fn write_failure(path: &Path, error: io::Error) -> anyhow::Error {
    let advice = store::write::advice(&error);
    anyhow::anyhow!("cannot write {}: {error}; {advice}", path.display())
}

/// A buffered writer for colored (ANSI) or plain diagnostics.
pub fn buffered<'a, W: Write + 'a>(out: W, color: bool) -> Box<dyn WriteColor + 'a> {
    let out = io::BufWriter::new(out);
    if color {
        Box::new(Ansi::new(out))
    } else {
        Box::new(NoColor::new(out))
    }
}
