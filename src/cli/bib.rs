//! `kaynak bib`: the bibliography of the library, or of the keys given; in
//! RTF a complete document, in LaTeX with a warning for each character a
//! default pdflatex set-up cannot print.

use super::bib_cache;
use super::formatting::{engine, report_form_notes, report_warnings, Engine, FormatArgs};
use super::report::load_exit;
use super::terminal::Output;
use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::csl::output::{latex, rtf, BibliographyWriter};
use crate::csl::{self, Format};
use anyhow::bail;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct BibArgs {
    #[command(flatten)]
    pub format: FormatArgs,
    /// Only these records (default: every record of the library).
    #[arg(add = clap_complete::ArgValueCandidates::new(super::completions::key_candidates))]
    pub keys: Vec<String>,
}

pub fn run(cli: &Cli, args: &BibArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    if ui.cache {
        if let Some(exit) = bib_cache::replay(cli, args, ui)? {
            return Ok(exit);
        }
        ui.record_stderr();
    }
    let loaded = ui.load_stamped(&cli.library, true)?;
    // Hashed before the engine reads them: a file changed in between
    // leaves a key no later run matches.
    let locales = ui
        .cache
        .then(|| crate::adapter::locale_files_hash(&args.format.locale_dirs));
    let engine = engine(&args.format, &loaded, ui)?;
    if engine.processor.style.bibliography.is_none() {
        bail!("the style has no bibliography");
    }
    let refs = engine.refs();
    let selected: Vec<&dyn csl::CslItem> = if args.keys.is_empty() {
        refs
    } else {
        let mut chosen = Vec::new();
        for key in &args.keys {
            match engine.index.get(key.as_str()) {
                Some(&i) => chosen.push(refs[i]),
                None => bail!("no record `{key}` in {}", cli.library.display()),
            }
        }
        chosen
    };
    let mut recorder = locales
        .and_then(|locales| bib_cache::start(cli, args, ui, &loaded, engine.style_source, locales));
    let before = ui.take_recorded();
    // A block: the output borrows the recorder until it is flushed.
    {
        let format = args.format.format.unwrap_or(Format::Text);
        // Entries go out as they are rendered: the text is never held
        // whole (a copy goes into the output cache as it is written).
        let stdout = std::io::stdout();
        let escape = stdout.is_terminal();
        let stdout = stdout.lock();
        let sink: Box<dyn Write> = match &mut recorder {
            Some(recorder) => Box::new(recorder.tee(stdout)),
            None => Box::new(stdout),
        };
        let out = IoWriter::new(std::io::BufWriter::new(Output::new(sink, escape)));
        let mut scan = LatexScan::new(out, format == Format::Latex);
        if format == Format::Rtf {
            scan.check_write(rtf::BIBLIOGRAPHY_START)?;
        }
        let mut writer = BibliographyWriter::new(scan, format);
        // The bibliography lists every item of the run, cited or not, in
        // the order given: no citation needs to be rendered to select them.
        // Entries are rendered and written a block at a time, so neither
        // their trees nor their text are ever held whole; the run's
        // warnings follow the entries.
        let (written, warnings) =
            engine
                .processor
                .write_bibliography_of(&selected, &mut writer, format);
        let mut scan = writer.finish();
        scan.out.check(written)?;
        if format == Format::Rtf {
            scan.check_write(rtf::BIBLIOGRAPHY_END)?;
        }
        writeln!(scan.out.inner)?;
        scan.out.inner.flush()?;
        let unprintable = std::mem::take(&mut scan.unprintable);
        drop(scan);
        // after the whole bibliography is out, not inside its last lines
        report_warnings(ui, &warnings)?;
        // what the form policy said, gathered as the entries were rendered
        report_form_notes(ui, &engine, selected.iter().map(|i| i.id()))?;
        let latex_warnings = crate::document::latex::warnings_for(&unprintable);
        ui.diagnostics(
            &latex_warnings,
            DiagnosticFormat::Concise,
            &HashMap::<PathBuf, String>::new(),
        )?;
    }
    let exit = load_exit(&loaded);
    if let Some(recorder) = recorder {
        recorder.finish(&before, &ui.take_recorded(), exit, &loaded);
    }
    Ok(exit)
}

/// The bibliography in `format`: RTF as a whole document, LaTeX with a
/// warning per character a default pdflatex set-up cannot print.
pub fn render_bibliography(
    engine: &Engine,
    bibliography: &csl::Bibliography,
    format: Format,
    ui: &Ui,
) -> anyhow::Result<String> {
    if format == Format::Rtf {
        let entries: Vec<String> = bibliography
            .entries
            .iter()
            .map(|e| csl::render(&e.content, Format::Rtf))
            .collect();
        let body = csl::output::rtf::bibliography(&entries);
        return Ok(csl::output::rtf::document(&body).trim_end().to_string());
    }
    let text = engine.processor.render_bibliography(bibliography, format);
    if format == Format::Latex {
        let warnings = crate::document::latex::unprintable_warnings(&text);
        ui.diagnostics(
            &warnings,
            DiagnosticFormat::Concise,
            &HashMap::<PathBuf, String>::new(),
        )?;
    }
    Ok(text)
}

/// Text formatting into an `io::Write`, keeping the first I/O error (a
/// `fmt::Error` says only that one happened).
pub struct IoWriter<W: Write> {
    pub inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> IoWriter<W> {
    pub fn new(inner: W) -> IoWriter<W> {
        IoWriter { inner, error: None }
    }

    /// The I/O error behind a failed `result`, if any.
    pub fn check(&mut self, result: std::fmt::Result) -> std::io::Result<()> {
        match (result, self.error.take()) {
            (_, Some(e)) => Err(e),
            (Err(_), None) => Err(std::io::Error::other("formatting failed")),
            (Ok(()), None) => Ok(()),
        }
    }
}

impl<W: Write> std::fmt::Write for IoWriter<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.inner.write_all(s.as_bytes()).map_err(|e| {
            self.error.get_or_insert(e);
            std::fmt::Error
        })
    }
}

/// Passes text on, noting each character a default pdflatex set-up cannot
/// print (for LaTeX output).
struct LatexScan<W: Write> {
    out: IoWriter<W>,
    latex: bool,
    unprintable: Vec<(char, &'static str)>,
}

impl<W: Write> LatexScan<W> {
    fn new(out: IoWriter<W>, latex: bool) -> LatexScan<W> {
        LatexScan {
            out,
            latex,
            unprintable: Vec::new(),
        }
    }

    fn check_write(&mut self, text: &str) -> std::io::Result<()> {
        let result = std::fmt::Write::write_str(self, text);
        self.out.check(result)
    }
}

impl<W: Write> std::fmt::Write for LatexScan<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.latex {
            for found in latex::unprintable(s) {
                if !self.unprintable.iter().any(|(c, _)| *c == found.0) {
                    self.unprintable.push(found);
                }
            }
        }
        self.out.write_str(s)
    }
}
