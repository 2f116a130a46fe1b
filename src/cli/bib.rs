//! `kaynak bib`: the bibliography of the library, or of the keys given.

use super::formatting::{engine, report_warnings, FormatArgs};
use super::report::load_exit;
use super::{Cli, Exit, Ui};
use crate::csl::output::BibliographyWriter;
use crate::csl::{self, Cite, Cluster, Format};
use anyhow::bail;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct BibArgs {
    #[command(flatten)]
    pub format: FormatArgs,
    /// Only these records (default: every record of the library).
    pub keys: Vec<String>,
}

pub fn run(cli: &Cli, args: &BibArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let loaded = ui.load(&cli.library)?;
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
            match engine.index.get(key) {
                Some(&i) => chosen.push(refs[i]),
                None => bail!("no record `{key}` in {}", cli.library.display()),
            }
        }
        chosen
    };
    // Every selected item is "cited" so the bibliography holds exactly them.
    let cluster = Cluster {
        cites: selected
            .iter()
            .map(|i| Cite {
                id: i.id().to_string(),
                ..Cite::default()
            })
            .collect(),
        note_number: Some(1),
    };
    let rendered = engine.processor.process(&selected, &[cluster]);
    report_warnings(ui, &rendered.warnings)?;
    if let Some(bibliography) = &rendered.bibliography {
        let format = args.format.format.unwrap_or(Format::Text);
        // Entries go out as they are rendered: the text is never held whole.
        let out = IoWriter::new(std::io::BufWriter::new(ui.out()));
        let mut writer = BibliographyWriter::new(out, format);
        let written = engine
            .processor
            .write_bibliography(bibliography, &mut writer, format);
        let mut out = writer.finish();
        out.check(written)?;
        writeln!(out.inner)?;
        out.inner.flush()?;
    }
    Ok(load_exit(&loaded))
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
