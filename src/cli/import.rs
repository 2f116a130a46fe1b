//! `kaynak import FILE`: one new TOML record per entry of a BibTeX,
//! BibLaTeX, CSL-JSON or RIS file. Never overwrites a record without
//! `--force`; `--dry-run` shows what would be written and writes nothing.

use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::diag::{Diagnostic, Location};
use crate::interchange::{self, Format, ImportOptions};
use crate::model::Entry;
use crate::store::{self, fold_key, write, FileContext};
use anyhow::{bail, Context};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Files to import larger than this are refused (a bibliography of tens of
/// thousands of entries is still far below it).
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file to import.
    pub file: PathBuf,

    /// Its format (bibtex, biblatex, csl-json, ris); guessed from the extension when absent.
    #[arg(long, value_name = "FORMAT", value_parser = parse_import_format)]
    pub from: Option<Format>,

    /// Show what would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Replace records that already exist with the imported ones.
    #[arg(long)]
    pub force: bool,

    /// A .bib field that holds the transliteration of the title (e.g. usera).
    #[arg(long, value_name = "NAME")]
    pub translit_field: Option<String>,
}

fn parse_import_format(name: &str) -> Result<Format, String> {
    match Format::from_name(name) {
        Some(f) if f.can_import() => Ok(f),
        _ => Err(format!(
            "cannot import `{name}`: use bibtex, biblatex, csl-json or ris"
        )),
    }
}

pub fn run(cli: &Cli, args: &ImportArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let text = read_input(&args.file)?;
    let Some(format) = args.from.or_else(|| Format::guess(&args.file, &text)) else {
        bail!(
            "cannot tell the format of {}: give --from bibtex|biblatex|csl-json|ris",
            args.file.display()
        );
    };
    let options = ImportOptions {
        translit_field: args.translit_field.clone(),
    };
    let imported = interchange::import(&args.file, &text, format, &options);
    let sources = HashMap::from([(args.file.clone(), text)]);
    ui.diagnostics(&imported.diagnostics, DiagnosticFormat::Human, &sources)?;
    if imported.has_errors() {
        if !ui.quiet {
            eprintln!("nothing was imported");
        }
        return Ok(Exit::Failure);
    }
    let existing = existing_records(&cli.library)?;
    let mut tally = Tally::default();
    let mut clashes = Vec::new();
    for entry in &imported.entries {
        let record = record_text(entry, &args.file);
        let target = existing.get(&fold_key(&entry.key));
        if let (Some(path), false) = (target, args.force) {
            clashes.push(clash(entry, path));
            continue;
        }
        let path = target
            .cloned()
            .unwrap_or_else(|| cli.library.join(format!("{}.toml", entry.key)));
        if args.dry_run {
            writeln!(ui.out(), "# would write {}\n{record}", path.display())?;
        } else {
            write_record(&cli.library, &path, &record, target.is_some())?;
        }
        tally.count(target.is_some());
    }
    if !args.dry_run {
        // Keeps the load cache out of version control (best effort).
        let _ = store::cache::ensure_gitignore(&cli.library);
    }
    ui.diagnostics(&clashes, DiagnosticFormat::Human, &HashMap::new())?;
    if !ui.quiet {
        eprintln!(
            "{}",
            tally.summary(args.dry_run, clashes.len(), &cli.library)
        );
    }
    Ok(if clashes.is_empty() {
        Exit::Success
    } else {
        Exit::Findings
    })
}

fn read_input(path: &Path) -> anyhow::Result<String> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > MAX_IMPORT_BYTES {
        bail!(
            "{} is larger than {} bytes",
            path.display(),
            MAX_IMPORT_BYTES
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// The library's record files by folded key.
fn existing_records(dir: &Path) -> anyhow::Result<BTreeMap<String, PathBuf>> {
    let mut out = BTreeMap::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    for item in entries {
        let path = item?.path();
        if path.extension().and_then(|e| e.to_str()) == Some("toml") {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                out.insert(fold_key(stem), path.clone());
            }
        }
    }
    Ok(out)
}

/// The record's TOML in the canonical form `kaynak fmt` keeps, with a comment
/// saying where it came from.
fn record_text(entry: &Entry, file: &Path) -> String {
    let from: String = file
        .display()
        .to_string()
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    let text = format!(
        "# Imported by kaynak from {from}.\n{}",
        store::to_toml(entry)
    );
    // The writer's own form, should canonical formatting refuse it (the write
    // that follows reports any record that does not read back).
    let path = Path::new(&entry.key).with_extension("toml");
    store::canonical::format_record(&path, &text).unwrap_or(text)
}

fn clash(entry: &Entry, path: &Path) -> Diagnostic {
    Diagnostic::error(
        "record-exists",
        format!("`{}` is already a record; not overwritten", entry.key),
    )
    .with_location(Location::file(path))
    .with_help("use --force to replace it, or rename the key in the imported file")
}

/// Checks that the text reads back as a record, then writes it atomically.
fn write_record(dir: &Path, path: &Path, record: &str, replace: bool) -> anyhow::Result<()> {
    let mut cx = FileContext::new(path, record);
    let key = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let valid = store::parse_toml(&mut cx)
        .and_then(|doc| store::parse_record(&mut cx, key, doc.as_table()))
        .is_some();
    if !valid {
        bail!("internal error: the record for `{key}` does not read back; nothing written for it");
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let result = if replace {
        write::replace(path, record.as_bytes())
    } else {
        write::create_new(path, record.as_bytes())
    };
    result.with_context(|| format!("cannot write {}", path.display()))
}

#[derive(Default)]
struct Tally {
    created: usize,
    replaced: usize,
}

impl Tally {
    fn count(&mut self, replaced: bool) {
        if replaced {
            self.replaced += 1;
        } else {
            self.created += 1;
        }
    }

    fn summary(&self, dry_run: bool, skipped: usize, dir: &Path) -> String {
        let verb = if dry_run { "would write" } else { "wrote" };
        let mut line = format!("{verb} {} new record(s) in {}", self.created, dir.display());
        if self.replaced > 0 {
            line.push_str(&format!(", replaced {}", self.replaced));
        }
        if skipped > 0 {
            line.push_str(&format!(
                ", skipped {skipped} that already exist (use --force)"
            ));
        }
        line
    }
}
