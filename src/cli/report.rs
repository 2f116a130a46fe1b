//! Where output goes: stdout for results, stderr for diagnostics, with color
//! only when asked for or when stderr is a terminal.

use super::terminal::{escape_diagnostics, Output};
use super::ColorWhen;
use crate::diag::{self, Diagnostic, Severity, Tally};
use crate::store::{self, Loaded};
use anyhow::Context;
use clap::ValueEnum;
use codespan_reporting::term::termcolor::{Ansi, ColorChoice, NoColor, WriteColor};
use std::cell::RefCell;
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
    /// A copy of everything written to stderr since [`Ui::record_stderr`]
    /// (for the output cache of `kaynak bib`, which replays it).
    recorded: RefCell<Option<Vec<u8>>>,
}

impl Ui {
    pub fn new(color: ColorWhen, quiet: bool) -> Ui {
        Ui {
            color,
            quiet,
            cache: true,
            recorded: RefCell::new(None),
        }
    }

    /// From now on, keeps a copy of what goes to stderr.
    pub fn record_stderr(&self) {
        *self.recorded.borrow_mut() = Some(Vec::new());
    }

    /// What went to stderr since recording started or was last taken.
    pub fn take_recorded(&self) -> Vec<u8> {
        self.recorded
            .borrow_mut()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// True when stderr gets color (then diagnostics carry ANSI codes).
    pub fn stderr_color(&self) -> bool {
        self.stderr_choice() != ColorChoice::Never
    }

    /// Writes `bytes` to stderr, keeping a copy when recording.
    fn to_stderr(&self, bytes: &[u8]) -> io::Result<()> {
        io::stderr().lock().write_all(bytes)?;
        if let Some(copy) = self.recorded.borrow_mut().as_mut() {
            copy.extend_from_slice(bytes);
        }
        Ok(())
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
        // Buffered: codespan writes a snippet in many small pieces, and
        // stderr is unbuffered (a thousand findings on one long line took a
        // minute of system calls).
        let err = Stderr { ui: self };
        match format {
            DiagnosticFormat::Human => {
                let mut out = buffered(err, self.stderr_color());
                diag::render_human(&mut out, shown, &escaped)?;
                out.flush()
            }
            DiagnosticFormat::Concise => {
                let mut out = io::BufWriter::new(err);
                diag::render_concise(&mut out, shown)?;
                out.flush()
            }
            DiagnosticFormat::Json => {
                let mut out = io::BufWriter::new(err);
                diag::render_json(&mut out, shown)?;
                out.flush()
            }
        }
    }

    /// Loads the library, printing load problems; fails if the directory can't be read.
    pub fn load(&self, dir: &Path) -> anyhow::Result<Loaded> {
        self.load_stamped(dir, false)
    }

    /// [`Ui::load`], keeping every record file's stamp when `stamps` is set
    /// (and the cache is in use: a derived cache keys on them).
    pub fn load_stamped(&self, dir: &Path, stamps: bool) -> anyhow::Result<Loaded> {
        let options = store::LoadOptions {
            cache: self.cache,
            stamps: stamps && self.cache,
            known: &[],
            leave_cache: false,
        };
        let mut loaded = store::load_with_options(dir, &options)
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

/// Standard error as a run's diagnostics reach it (see [`Ui::to_stderr`]).
struct Stderr<'a> {
    ui: &'a Ui,
}

impl Write for Stderr<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.ui.to_stderr(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().lock().flush()
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
