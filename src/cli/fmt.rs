//! `kaynak fmt [--check] [KEYS…]`: rewrites records into their canonical form
//! (see `store::canonical`), atomically; `--check` only reports.

use super::progress::Progress;
use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::diag::{self, Diagnostic, Location};
use crate::model::variable::suggest;
use crate::store::{self, canonical, write};
use anyhow::{bail, Context};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Change nothing: list the records that are not in canonical form, and exit
    /// with 1 if there are any (for CI and pre-commit hooks).
    #[arg(long)]
    pub check: bool,

    /// The records to format, by citation key or as paths to `.toml` files
    /// (default: every record of the library).
    #[arg(value_name = "KEYS")]
    pub keys: Vec<String>,

    /// Rewrite records that are symbolic links to files outside the library
    /// (by default they are reported and left alone).
    #[arg(long)]
    pub follow_symlinks: bool,
}

/// What formatting the selected records found.
#[derive(Default)]
struct Outcome {
    /// Records rewritten (or, with `--check`, that would be).
    changed: Vec<PathBuf>,
    unchanged: usize,
    /// Records that do not load, or could not be written.
    failed: usize,
    write_failed: bool,
    diagnostics: Vec<Diagnostic>,
    sources: HashMap<PathBuf, String>,
}

pub fn run(cli: &Cli, args: &FmtArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let files = select(&cli.library, &args.keys)?;
    // Writing, stale temporary files were removed before this (`cli::run`);
    // checking only, they are reported.
    let leftovers = match args.check {
        true => write::temp_files(&cli.library),
        false => Vec::new(),
    };
    let mut outcome = Outcome {
        diagnostics: leftovers
            .iter()
            .map(|path| write::leftover_warning().with_location(Location::file(path)))
            .collect(),
        ..Outcome::default()
    };
    let label = if args.check { "checking" } else { "formatting" };
    let mut bar = Progress::new(label, files.len(), ui.quiet);
    for path in &files {
        match write::link_outside(path, &cli.library) {
            Some(target) if !args.follow_symlinks => {
                outcome
                    .diagnostics
                    .push(write::outside_link_warning(path, &target));
            }
            _ => format_file(path, args.check, &mut outcome),
        }
        bar.inc();
    }
    bar.finish();
    diag::sort(&mut outcome.diagnostics);
    ui.diagnostics(
        &outcome.diagnostics,
        DiagnosticFormat::Human,
        &outcome.sources,
    )?;
    let mut out = ui.out();
    for path in &outcome.changed {
        writeln!(out, "{}", path.display())?;
    }
    drop(out);
    if !ui.quiet {
        summary(&outcome, args.check, files.len())?;
    }
    Ok(if outcome.write_failed {
        Exit::Failure
    } else if outcome.failed > 0 || (args.check && !outcome.changed.is_empty()) {
        Exit::Findings
    } else {
        Exit::Success
    })
}

fn summary(outcome: &Outcome, check: bool, total: usize) -> std::io::Result<()> {
    let changed = outcome.changed.len();
    let records = |n: usize| if n == 1 { "record" } else { "records" };
    let mut line = if check && changed > 0 {
        format!(
            "{changed} of {total} {} would be reformatted; run `kaynak fmt` to do it",
            records(total)
        )
    } else if check {
        format!("{total} {} already formatted", records(total))
    } else {
        format!("formatted {changed} of {total} {}", records(total))
    };
    if outcome.failed > 0 {
        line.push_str(&format!(
            "; {} left untouched because of errors",
            outcome.failed
        ));
    }
    writeln!(std::io::stderr().lock(), "{line}")
}

/// Formats one file into `outcome`; a file with problems is left as it is.
fn format_file(path: &Path, check: bool, outcome: &mut Outcome) {
    let text = match store::read_source(path) {
        Ok(text) => text,
        Err(d) => {
            outcome.failed += 1;
            outcome.diagnostics.push(d);
            return;
        }
    };
    match canonical::format_record(path, &text) {
        Ok(formatted) if formatted == text => outcome.unchanged += 1,
        Ok(formatted) => {
            if !check {
                if let Err(e) = write::replace(path, formatted.as_bytes()) {
                    outcome.write_failed = true;
                    outcome.diagnostics.push(
                        Diagnostic::error("write-failed", format!("cannot write the record: {e}"))
                            .with_location(Location::file(path))
                            .with_help(format!(
                                "the file was left as it was; {}",
                                write::advice(&e)
                            )),
                    );
                    return;
                }
            }
            outcome.changed.push(path.to_path_buf());
        }
        Err(mut diagnostics) => {
            outcome.failed += 1;
            outcome.diagnostics.append(&mut diagnostics);
        }
    }
    outcome.sources.insert(path.to_path_buf(), text);
}

/// The files to format: every record, or those named by key or path.
fn select(library: &Path, keys: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    if keys.is_empty() {
        return store::record_files(library).context("cannot list the library's records");
    }
    let mut files = Vec::new();
    for key in keys {
        let path = if key.ends_with(".toml") || key.contains(std::path::MAIN_SEPARATOR) {
            PathBuf::from(key)
        } else {
            store::record_path(library, key)
        };
        if !path.is_file() {
            bail!(
                "no record `{key}` in {}{}",
                library.display(),
                hint(library, key)
            );
        }
        // The settings file is not a record (a hook may pass every `.toml` file).
        if path.file_name().is_some_and(|n| n == store::SETTINGS_FILE) {
            continue;
        }
        files.push(path);
    }
    Ok(files)
}

fn hint(library: &Path, key: &str) -> String {
    let Ok(files) = store::record_files(library) else {
        return String::new();
    };
    let stems: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(String::from))
        .collect();
    match suggest(key, stems.iter().map(String::as_str)) {
        Some(k) => format!(" (did you mean `{k}`?)"),
        None => String::new(),
    }
}
