//! `kaynak bib`: the bibliography of the library, or of the keys given; in
//! RTF a complete document, in LaTeX with a warning for each character a
//! default pdflatex set-up cannot print.

use super::formatting::{engine, report_warnings, Engine, FormatArgs};
use super::report::load_exit;
use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::csl::{self, Cite, Cluster, Format};
use anyhow::bail;
use std::collections::HashMap;
use std::io::Write;
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
        let text = render_bibliography(&engine, bibliography, format, ui)?;
        writeln!(ui.out(), "{text}")?;
    }
    Ok(load_exit(&loaded))
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
