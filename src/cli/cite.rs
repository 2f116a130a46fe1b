//! `kaynak cite`: citations in document order, as notes (note styles) or
//! in-text citations, so positions (ibid., subsequent) come out as in a
//! document; `--bib` adds the bibliography of the cited works (and of
//! those named by `--nocite`).

use super::formatting::{engine, report_form_notes, report_warnings, FormatArgs};
use super::report::load_exit;
use super::{Cli, Exit, Ui};
use crate::csl::{self, Format};
use crate::diag::Span;
use crate::document::{format_citations, parse_cli_cluster, Citation, LocatorLabels, Nocite};
use anyhow::{anyhow, bail};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct CiteArgs {
    #[command(flatten)]
    pub format: FormatArgs,
    /// Also print the bibliography of the cited records after the citations.
    #[arg(long)]
    pub bib: bool,
    /// With --bib, list these records too without citing them, as pandoc's
    /// `nocite` does: "@a @b", or "@*" for every record.
    #[arg(long, value_name = "KEYS", allow_hyphen_values = true)]
    pub nocite: Vec<String>,
    /// Citations in document order, in pandoc's syntax: "@niyazov, p. 106",
    /// "see @a; @b, chap. 2", "-@a".
    #[arg(required = true, value_name = "CLUSTER")]
    pub clusters: Vec<String>,
}

pub fn run(cli: &Cli, args: &CiteArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let loaded = ui.load(&cli.library)?;
    let engine = engine(&args.format, &loaded, ui)?;
    let labels = LocatorLabels::with_locale(&engine.processor.locale);
    let mut citations = Vec::new();
    for (n, text) in args.clusters.iter().enumerate() {
        let items = parse_cli_cluster(text, &labels)
            .map_err(|e| anyhow!("citation {} `{text}`: {}", n + 1, e.message))?;
        if let Some(unknown) = items
            .iter()
            .find(|i| !engine.index.contains_key(i.key.as_str()))
        {
            bail!(
                "citation {} `{text}`: no record `{}` in {}",
                n + 1,
                unknown.key,
                cli.library.display()
            );
        }
        citations.push(Citation {
            span: Span::default(),
            items,
            in_note: false,
            note: n as u32 + 1,
        });
    }
    let nocite = args
        .nocite
        .iter()
        .fold(Nocite::None, |all, keys| all.merge(Nocite::parse(keys)));
    if let Nocite::Keys(keys) = &nocite {
        if let Some(key) = keys.iter().find(|k| !engine.index.contains_key(k.as_str())) {
            bail!("--nocite: no record `{key}` in {}", cli.library.display());
        }
    }
    let refs = engine.refs();
    let formatted = format_citations(&engine.library(&refs), &citations, &nocite);
    report_warnings(ui, &formatted.warnings)?;
    let cited = citations
        .iter()
        .flat_map(|c| &c.items)
        .map(|i| i.key.as_str());
    report_form_notes(ui, &engine, cited)?;
    let mut out = ui.out();
    let format = args.format.format.unwrap_or(Format::Text);
    for (n, text) in formatted.citations.iter().enumerate() {
        let inline = text.inline.as_ref().map(|i| csl::render(i, format));
        match (&text.note, inline) {
            (Some(note), _) => writeln!(out, "{}. {}", n + 1, csl::render(note, format))?,
            (None, Some(inline)) => writeln!(out, "{inline}")?,
            (None, None) => writeln!(out)?,
        }
    }
    if args.bib {
        if let Some(bibliography) = &formatted.bibliography {
            writeln!(out)?;
            let text = super::bib::render_bibliography(&engine, bibliography, format, ui)?;
            writeln!(out, "{text}")?;
        }
    }
    Ok(load_exit(&loaded))
}
