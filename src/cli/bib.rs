//! `kaynak bib`: the bibliography of the library, or of the keys given.

use super::formatting::{engine, report_form_notes, report_warnings, FormatArgs};
use super::report::load_exit;
use super::{Cli, Exit, Ui};
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
    report_form_notes(ui, &engine, selected.iter().map(|i| i.id()))?;
    let mut out = ui.out();
    if let Some(bibliography) = &rendered.bibliography {
        let format = args.format.format.unwrap_or(Format::Text);
        let text = engine.processor.render_bibliography(bibliography, format);
        writeln!(out, "{text}")?;
    }
    Ok(load_exit(&loaded))
}
