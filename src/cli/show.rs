//! `kaynak show KEY`: one record, every form of every text.

use super::report::load_exit;
use super::{Cli, Exit, Ui};
use crate::model::variable::suggest;
use crate::model::{Entry, LatinSource, MultiText, Name};
use crate::text::translit::Scheme;
use anyhow::bail;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The citation key (the record's file name without `.toml`).
    pub key: String,
}

pub fn run(cli: &Cli, args: &ShowArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let loaded = ui.load(&cli.library)?;
    let Some(entry) = loaded.library.get(&args.key) else {
        let keys = loaded.library.entries.iter().map(|e| e.key.as_str());
        let hint = match suggest(&args.key, keys) {
            Some(k) => format!(" (did you mean `{k}`?)"),
            None => String::new(),
        };
        bail!(
            "no record `{}` in {}{hint}",
            args.key,
            cli.library.display()
        );
    };
    let mut out = ui.out();
    out.write_all(render(entry, loaded.library.settings.translit).as_bytes())?;
    Ok(load_exit(&loaded))
}

/// The text `kaynak show` prints for one entry.
pub fn render(entry: &Entry, scheme: Option<Scheme>) -> String {
    let mut s = format!(
        "{}  ({}{})  {}\n",
        entry.key,
        entry.item_type.value,
        entry
            .language()
            .map(|l| format!(", {l}"))
            .unwrap_or_default(),
        entry.path.display()
    );
    let mut fields: Vec<(&str, String)> = Vec::new();
    for (name, field) in &entry.names {
        fields.push((name, names_block(&field.value)));
    }
    for (name, field) in &entry.texts {
        fields.push((name, text_block(&field.value, entry.language(), scheme)));
    }
    for (name, field) in &entry.dates {
        fields.push((name, format!("{}\n", field.value)));
    }
    fields.sort_by_key(|(name, _)| field_rank(name));
    for (name, block) in fields {
        s.push_str(&format!("{name}:"));
        if block.starts_with("  ") {
            s.push('\n');
            s.push_str(&block);
        } else {
            s.push(' ');
            s.push_str(&block);
        }
    }
    for allow in &entry.allow {
        let reason = allow.reason.as_deref().unwrap_or("(no reason given)");
        s.push_str(&format!("check allows `{}`: {reason}\n", allow.rule));
    }
    s
}

/// Titles and names first, then the rest alphabetically.
fn field_rank(name: &str) -> (usize, String) {
    const FIRST: &[&str] = &[
        "title",
        "title-short",
        "author",
        "editor",
        "translator",
        "container-title",
    ];
    let rank = FIRST.iter().position(|f| *f == name).unwrap_or(FIRST.len());
    (rank, name.to_string())
}

fn text_block(text: &MultiText, language: Option<&str>, scheme: Option<Scheme>) -> String {
    let latin = text.latin(language, scheme, false);
    if text.is_plain() && latin.is_none() {
        return format!("{}\n", text.original);
    }
    let mut s = format!("  original     {}\n", text.original);
    match latin {
        Some((t, LatinSource::Given)) => s.push_str(&format!("  translit     {t}\n")),
        Some((t, LatinSource::Derived(scheme))) => {
            s.push_str(&format!("  translit     {t}  (derived: {scheme})\n"))
        }
        None => {}
    }
    for (tag, t) in &text.translations {
        s.push_str(&format!("  translation  {tag}: {t}\n"));
    }
    s
}

fn names_block(names: &[Name]) -> String {
    let mut s = String::new();
    for name in names {
        s.push_str(&format!("  {}", name.display_original()));
        if name.has_translit() {
            s.push_str(&format!("  (translit: {})", name.display_latin()));
        }
        if name.is_literal() {
            s.push_str("  [organisation]");
        }
        s.push('\n');
    }
    s
}
