//! `kaynak export --to FORMAT [KEYS…]`: the library (or some records) in
//! another tool's format, on stdout or in a file.

use super::report::load_exit;
use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::interchange::{self, ExportOptions, Format, TextForm};
use crate::model::variable::suggest;
use crate::model::Entry;
use crate::store::write;
use crate::text::translit::Scheme;
use anyhow::bail;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The format to write: bibtex, biblatex, csl-json, ris or hayagriva.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub to: Format,

    /// The records to export (all when none are given), in this order.
    #[arg(value_name = "KEYS")]
    pub keys: Vec<String>,

    /// Write to this file (replaced atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Romanise every Cyrillic text with this scheme (ala-lc, bgn-pcgn, iso-9 …),
    /// even where a record gives its own transliteration. Without it, hand-given
    /// forms are used, and kaynak.toml's `translit` (else BGN/PCGN without sign
    /// marks) for texts that have none. Applies to BibTeX and --form translit.
    #[arg(long, value_name = "NAME")]
    pub translit: Option<String>,

    /// Which form of multilingual texts fills the main fields: original,
    /// translit, or translation:TAG (e.g. translation:en).
    #[arg(long, value_name = "FORM", default_value = "original", value_parser = parse_form)]
    pub form: TextForm,

    /// BibLaTeX: also write biblatex-ms multiscript fields (title_romanised,
    /// title_translated_english …), which keep every form.
    #[arg(long)]
    pub multiscript: bool,
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format `{name}`: use one of {}", names.join(", "))
    })
}

fn parse_form(text: &str) -> Result<TextForm, String> {
    text.parse()
}

pub fn run(cli: &Cli, args: &ExportArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let scheme = match &args.translit {
        Some(name) => Some(name.parse::<Scheme>()?),
        None => None,
    };
    let loaded = ui.load(&cli.library)?;
    // A scheme named in kaynak.toml applies when the command names none.
    let scheme = scheme.or(loaded.library.settings.translit);
    let entries = select(&loaded.library.entries, &args.keys, cli)?;
    let options = ExportOptions {
        form: args.form.clone(),
        scheme,
        scheme_over_hand: args.translit.is_some(),
        multiscript: args.multiscript,
    };
    let exported = interchange::export(&entries, args.to, &options);
    ui.diagnostics(
        &exported.warnings,
        DiagnosticFormat::Concise,
        &HashMap::new(),
    )?;
    match &args.output {
        Some(path) => write::replace(path, exported.text.as_bytes())
            .map_err(|e| super::report::write_failure(path, e))?,
        None => ui.out().write_all(exported.text.as_bytes())?,
    }
    Ok(load_exit(&loaded))
}

/// The entries named by `keys` in that order, or all of them.
fn select<'a>(entries: &'a [Entry], keys: &[String], cli: &Cli) -> anyhow::Result<Vec<&'a Entry>> {
    if keys.is_empty() {
        return Ok(entries.iter().collect());
    }
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        match entries.iter().find(|e| &e.key == key) {
            Some(entry) => out.push(entry),
            None => {
                let hint = suggest(key, entries.iter().map(|e| e.key.as_str()))
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                bail!("no record `{key}` in {}{hint}", cli.library.display());
            }
        }
    }
    Ok(out)
}
