//! `kaynak search QUERY`: records found through any form of their titles, names,
//! container titles and keys — as published, the record's own transliteration,
//! every scheme's, every translation — ignoring case and diacritics (Turkish I/ı/İ
//! alike). One line per record, best first: key, field, the form that matched and
//! its text; or JSON. Exit code 1 when nothing is found.

use super::report::load_exit;
use super::{Cli, Exit, Ui};
use crate::search::{Hit, Index};
use serde_json::json;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for: words in any script and form, e.g. "Niyazov",
    /// "Voyennaya doktrina", "ışık".
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Output: text (aligned columns) or json (an array of hits).
    #[arg(long, short, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// At most this many records.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

pub fn run(cli: &Cli, args: &SearchArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let loaded = ui.load(&cli.library)?;
    let entries = &loaded.library.entries;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let index = Index::build(entries, threads);
    let hits = index.search(entries, &args.query.join(" "), args.limit);
    let mut out = ui.out();
    if args.format == "json" {
        let list: Vec<serde_json::Value> = hits.iter().map(hit_json).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
    } else {
        write_table(&mut out, &hits)?;
    }
    if hits.is_empty() {
        return Ok(Exit::Findings);
    }
    Ok(load_exit(&loaded))
}

fn hit_json(hit: &Hit) -> serde_json::Value {
    json!({
        "key": hit.key,
        "field": hit.field,
        "form": hit.found.label(),
        "text": hit.text,
        "score": hit.score,
    })
}

fn write_table(out: &mut impl Write, hits: &[Hit]) -> std::io::Result<()> {
    let width = |f: &dyn Fn(&Hit) -> usize| hits.iter().map(f).max().unwrap_or(0);
    let key = width(&|h| h.key.chars().count());
    let field = width(&|h| h.field.len());
    let form = width(&|h| h.found.label().len());
    for hit in hits {
        writeln!(
            out,
            "{:<key$}  {:<field$}  {:<form$}  {}",
            hit.key,
            hit.field,
            hit.found.label(),
            hit.text.replace(['\n', '\r'], " ")
        )?;
    }
    Ok(())
}
