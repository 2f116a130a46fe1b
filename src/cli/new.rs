//! `kaynak new --type TYPE [KEY] [--field NAME=VALUE…]`: writes a record
//! skeleton (see `store::skeleton`), checked by the record parser first, and
//! never over an existing record.

use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::diag::{self, Tally};
use crate::model::ItemType;
use crate::store::{self, skeleton::skeleton, suggest_key::suggest_key, write};
use anyhow::{bail, Context};
use clap::builder::PossibleValuesParser;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The CSL item type: article-journal, book, chapter, webpage …
    #[arg(long = "type", short = 't', value_name = "TYPE", value_parser = item_types(), hide_possible_values = true)]
    pub item_type: String,

    /// The citation key, which names the file (default: suggested from the
    /// author, year and title given with --field).
    pub key: Option<String>,

    /// A field to fill in, as NAME=VALUE (e.g. `title=…`, `issued=2021-03-31`,
    /// `language=ru`). Repeat it for more fields, and for several names:
    /// `author='Family, Given'`, or an organisation without a comma.
    #[arg(long = "field", short = 'f', value_name = "NAME=VALUE", value_parser = parse_field)]
    pub fields: Vec<(String, String)>,

    /// Print the record instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
}

fn item_types() -> PossibleValuesParser {
    PossibleValuesParser::new(ItemType::ALL.iter().map(|t| t.name()))
}

fn parse_field(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() && !value.trim().is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        Some((name, _)) if !name.trim().is_empty() => Err(format!(
            "`{arg}` has no value: leave the field out, and the record keeps a commented line for it"
        )),
        _ => Err(format!("`{arg}` is not NAME=VALUE (e.g. title=\"…\")")),
    }
}

pub fn run(cli: &Cli, args: &NewArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let Some(item_type) = ItemType::from_name(&args.item_type) else {
        bail!("`{}` is not a CSL item type", args.item_type);
    };
    let library = &cli.library;
    if !library.is_dir() {
        bail!(
            "library directory {} does not exist; create it or pass --library DIR",
            library.display()
        );
    }
    if let Some(problem) = args.key.as_deref().and_then(store::key_problem) {
        bail!("{problem}");
    }
    let settings = read_settings(library, ui)?;
    let today = crate::check::calendar::today();
    let text = skeleton(item_type, &args.fields, &settings, Some(today))?;
    let draft = match &args.key {
        Some(key) => store::record_path(library, key),
        None => library.join("<new record>"),
    };
    let Some(entry) = validate(&draft, &text, ui)? else {
        return Ok(Exit::Failure);
    };
    if args.dry_run {
        ui.out().write_all(text.as_bytes())?;
        if let (None, Some(base), false) = (&args.key, suggest_key(&entry), ui.quiet) {
            let key = free_keys(&taken_keys(library)?, &base).next();
            let key = key.unwrap_or(base);
            writeln!(io::stderr().lock(), "would be written as {key}.toml")?;
        }
        return Ok(Exit::Success);
    }
    let path = create(library, args.key.as_deref(), &entry, &text)?;
    // The library's .gitignore keeps the load cache out of version control;
    // failing to write it does not undo the record.
    let _ = store::cache::ensure_gitignore(library);
    writeln!(ui.out(), "{}", path.display())?;
    if !ui.quiet {
        writeln!(
            io::stderr().lock(),
            "created {}: fill in the commented lines, then run `kaynak check`",
            path.display()
        )?;
    }
    Ok(Exit::Success)
}

/// Writes the record under `key`, or under a key suggested from `entry`.
fn create(
    library: &Path,
    key: Option<&str>,
    entry: &crate::model::Entry,
    text: &str,
) -> anyhow::Result<PathBuf> {
    match key {
        Some(key) => create_named(library, key, text),
        None => {
            let Some(base) = suggest_key(entry) else {
                bail!("cannot suggest a key without an author or a title: give KEY, or --field title=…");
            };
            create_suggested(library, &base, text)
        }
    }
}

/// The library's settings (`kaynak.toml`), or defaults; problems are shown.
fn read_settings(library: &Path, ui: &Ui) -> anyhow::Result<store::Settings> {
    let loaded = store::read_settings(library);
    ui.diagnostics(
        &loaded.diagnostics,
        DiagnosticFormat::Human,
        &loaded.library.sources,
    )?;
    Ok(loaded.library.settings)
}

/// Loads the skeleton as a record; on errors shows them against its text.
fn validate(path: &Path, text: &str, ui: &Ui) -> anyhow::Result<Option<crate::model::Entry>> {
    match store::canonical::load(path, text) {
        Ok(entry) => Ok(Some(entry)),
        Err(mut diagnostics) => {
            diag::sort(&mut diagnostics);
            let sources = HashMap::from([(path.to_path_buf(), text.to_string())]);
            ui.diagnostics(&diagnostics, DiagnosticFormat::Human, &sources)?;
            let errors = Tally::of(&diagnostics).errors;
            writeln!(
                io::stderr().lock(),
                "error: the new record would have {errors} error{}; nothing was written",
                if errors == 1 { "" } else { "s" }
            )?;
            Ok(None)
        }
    }
}

fn create_named(library: &Path, key: &str, text: &str) -> anyhow::Result<PathBuf> {
    if let Some(problem) = store::key_problem(key) {
        bail!("{problem}");
    }
    if let Some(clash) = taken_keys(library)?.get(&store::fold_key(key)) {
        bail!("a record `{clash}` already exists; kaynak new never overwrites a record");
    }
    let path = store::record_path(library, key);
    match write::create_new(&path, text.as_bytes()) {
        Ok(()) => Ok(path),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            bail!(
                "{} already exists; kaynak new never overwrites a record",
                path.display()
            )
        }
        Err(e) => Err(super::report::write_failure(&path, e)),
    }
}

/// Writes under `base`, or `base` + `a`, `b` … when that key is taken.
fn create_suggested(library: &Path, base: &str, text: &str) -> anyhow::Result<PathBuf> {
    let taken = taken_keys(library)?;
    for key in free_keys(&taken, base) {
        let path = store::record_path(library, &key);
        match write::create_new(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(super::report::write_failure(&path, e)),
        }
    }
    bail!("the keys {base}, {base}a … {base}z are all taken: give KEY")
}

/// `base`, then `base` + `a` … `z`, without those already taken.
fn free_keys<'a>(
    taken: &'a HashMap<String, String>,
    base: &'a str,
) -> impl Iterator<Item = String> + 'a {
    std::iter::once(String::new())
        .chain(('a'..='z').map(String::from))
        .map(move |suffix| format!("{base}{suffix}"))
        .filter(|key| store::key_problem(key).is_none())
        .filter(|key| !taken.contains_key(&store::fold_key(key)))
}

/// Existing keys, case-folded (keys that differ only in case clash).
fn taken_keys(library: &Path) -> anyhow::Result<HashMap<String, String>> {
    let files = store::record_files(library).context("cannot list the library's records")?;
    let stems: BTreeSet<String> = files
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(String::from))
        .collect();
    Ok(stems
        .into_iter()
        .map(|s| (store::fold_key(&s), s))
        .collect())
}
