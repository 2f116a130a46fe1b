//! `kaynak cite`: citations in document order, as notes (note styles) or
//! in-text citations, so positions (ibid., subsequent) come out as in a document.

use super::formatting::{engine, report_form_notes, report_warnings, FormatArgs};
use super::report::load_exit;
use super::{Cli, Exit, Ui};
use crate::csl::Format;
use crate::document::parse_cli_cluster;
use crate::format::cluster_from;
use anyhow::{anyhow, bail};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct CiteArgs {
    #[command(flatten)]
    pub format: FormatArgs,
    /// Also print the bibliography of the cited records after the citations.
    #[arg(long)]
    pub bib: bool,
    /// Citations in document order, in pandoc's syntax: "@niyazov, p. 106",
    /// "see @a; @b, chap. 2", "-@a".
    #[arg(required = true, value_name = "CLUSTER")]
    pub clusters: Vec<String>,
}

pub fn run(cli: &Cli, args: &CiteArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let loaded = ui.load(&cli.library)?;
    let engine = engine(&args.format, &loaded, ui)?;
    let mut clusters = Vec::new();
    for (n, text) in args.clusters.iter().enumerate() {
        let items = parse_cli_cluster(text)
            .map_err(|e| anyhow!("citation {} `{text}`: {}", n + 1, e.message))?;
        if let Some(unknown) = items.iter().find(|i| !engine.index.contains_key(&i.key)) {
            bail!(
                "citation {} `{text}`: no record `{}` in {}",
                n + 1,
                unknown.key,
                cli.library.display()
            );
        }
        clusters.push(cluster_from(&items, Some(n as u32 + 1)));
    }
    let refs = engine.refs();
    let rendered = engine.processor.process(&refs, &clusters);
    report_warnings(ui, &rendered.warnings)?;
    let cited = clusters
        .iter()
        .flat_map(|c| &c.cites)
        .map(|c| c.id.as_str());
    report_form_notes(ui, &engine, cited)?;
    let mut out = ui.out();
    let format = args.format.format.unwrap_or(Format::Text);
    let texts = engine
        .processor
        .render_citations(&rendered.citations, format);
    for (n, text) in texts.iter().enumerate() {
        if engine.is_note_style {
            writeln!(out, "{}. {text}", n + 1)?;
        } else {
            writeln!(out, "{text}")?;
        }
    }
    if args.bib {
        if let Some(bibliography) = &rendered.bibliography {
            writeln!(out)?;
            let text = engine.processor.render_bibliography(bibliography, format);
            writeln!(out, "{text}")?;
        }
    }
    Ok(load_exit(&loaded))
}
