//! `kaynak export --to FORMAT [KEYS…]`: the library (or some records) in
//! another tool's format, on stdout or in a file.

use super::form_flags::FormFlags;
use super::report::load_exit;
use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::forms::Form;
use crate::interchange::{self, ExportOptions, Format, TextForm};
use crate::model::variable::suggest;
use crate::model::Entry;
use crate::store::write;
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

    /// Which forms fill the main fields (`auto` and `original`: the text as
    /// published, which BibTeX writes romanised), which scheme derives
    /// transliterations where one is wanted, and whether records' own forms win.
    #[command(flatten)]
    pub forms: FormFlags,

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

pub fn run(cli: &Cli, args: &ExportArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let loaded = ui.load(&cli.library)?;
    let entries = select(&loaded.library.entries, &args.keys, cli)?;
    let settings = args.forms.settings(&loaded.library.settings);
    let form = match settings.form {
        Form::Auto | Form::Original => TextForm::Original,
        Form::Translit => TextForm::Translit,
        Form::Translation(tag) => TextForm::Translation(tag),
    };
    let options = ExportOptions {
        form,
        translit: settings.translit,
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
