//! `kaynak import FILE`: one new TOML record per entry of a BibTeX,
//! BibLaTeX, CSL-JSON or RIS file (`-` reads standard input).
//!
//! Entry by entry: every readable entry is imported, and each one that is not
//! is reported at its line and column and skipped (`--strict`: then nothing is
//! written). Each record is checked before anything is written: it must read
//! back as the same record and fit the loader's size limit. `--dry-run` runs
//! exactly the same checks and shows what would be written. The records are
//! written in one batch ([`crate::store::batch`]): all of them, or on a
//! failure none. An existing record is never replaced without `--force`.

use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::diag::{Diagnostic, Location};
use crate::interchange::{self, encoding, Format, ImportOptions, Imported};
use crate::model::Entry;
use crate::store::batch::{self, Planned};
use crate::store::{self, fold_key, FileContext, MAX_RECORD_BYTES};
use anyhow::{bail, Context};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Files to import larger than this are refused before they are read (a
/// bibliography of 100,000 entries is about 50 MB). The same limit holds for
/// every format and for standard input; a device (`/dev/zero`) is refused
/// unread.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file to import (`-` for standard input).
    pub file: PathBuf,

    /// Its format (bibtex, biblatex, csl-json, ris); guessed from the extension, else the contents.
    #[arg(long, value_name = "FORMAT", value_parser = parse_import_format)]
    pub from: Option<Format>,

    /// Show what would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Replace records that already exist with the imported ones.
    #[arg(long)]
    pub force: bool,

    /// Import nothing unless every entry can be imported.
    #[arg(long)]
    pub strict: bool,

    /// The file's encoding (utf-8, latin1, windows-1254 …); guessed when absent.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,

    /// A .bib field that holds the transliteration of the title (e.g. usera).
    #[arg(long, value_name = "NAME")]
    pub translit_field: Option<String>,
}

fn parse_import_format(name: &str) -> Result<Format, String> {
    match Format::from_name(name) {
        Some(f) if f.can_import() => Ok(f),
        _ => {
            let readable: Vec<&str> = Format::ALL
                .iter()
                .filter(|f| f.can_import())
                .map(|f| f.name())
                .collect();
            Err(format!(
                "cannot import `{name}`: use {}",
                readable.join(", ")
            ))
        }
    }
}

fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding::for_label(label)
        .ok_or_else(|| format!("`{label}` is not an encoding: use utf-8, latin1, windows-1254 …"))
}

pub fn run(cli: &Cli, args: &ImportArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let name = display_name(&args.file);
    let bytes = read_input(&args.file)?;
    let decoded = encoding::decode(&bytes, args.encoding);
    drop(bytes);
    let encoding_warning = decoded.warning(&PathBuf::from(&name));
    let text = decoded.text;
    let Some(format) = args.from.or_else(|| Format::guess(&args.file, &text)) else {
        bail!("cannot tell the format of {name}: give --from bibtex|biblatex|csl-json|ris");
    };
    let options = ImportOptions {
        translit_field: args.translit_field.clone(),
    };
    let source_path = PathBuf::from(&name);
    let mut imported = interchange::import(&source_path, &text, format, &options);
    if let Some(warning) = encoding_warning {
        imported.diagnostics.insert(0, warning);
    }
    if imported.entries.is_empty() && imported.skipped == 0 {
        // A file with no entry at all is worth a word: a wrong --from, or not
        // a bibliography.
        imported.diagnostics.push(
            Diagnostic::warning("no-entries", format!("no {format} entries found in {name}"))
                .with_location(Location::file(&source_path))
                .with_help("check the file, or give its format with --from"),
        );
    }
    let existing = existing_records(&cli.library)?;
    let plan = plan(cli, args, &mut imported, &existing, &source_path, &text);
    let sources = HashMap::from([(source_path.clone(), text)]);
    ui.diagnostics(&imported.diagnostics, DiagnosticFormat::Human, &sources)?;
    let refused = args.strict && (imported.skipped > 0 || imported.has_errors());
    if refused {
        if !ui.quiet {
            eprintln!(
                "nothing was imported (--strict): {} entries could not be",
                imported.skipped
            );
        }
        return Ok(Exit::Findings);
    }
    if args.dry_run {
        let mut out = ui.out();
        for record in &plan {
            writeln!(out, "# would write {}", record.path.display())?;
            out.write_all(&record.contents)?;
            writeln!(out)?;
        }
    } else if !plan.is_empty() {
        std::fs::create_dir_all(&cli.library)
            .with_context(|| format!("cannot create {}", cli.library.display()))?;
        if let Err(e) = batch::write_all(&cli.library, &plan) {
            bail!(
                "cannot write {}: {}; nothing of this import was kept",
                e.path.display(),
                e.error
            );
        }
        // Keeps the load cache out of version control (best effort).
        let _ = store::cache::ensure_gitignore(&cli.library);
    }
    if !ui.quiet {
        eprintln!("{}", summary(&plan, imported.skipped, args.dry_run));
    }
    // As bibtex does: a run that had anything to say (a skipped entry, a
    // changed key, a guessed encoding …) ends with 1; notes alone, such as
    // the fields kept in [extra], leave it at 0.
    let warned = imported
        .diagnostics
        .iter()
        .any(|d| d.severity >= crate::diag::Severity::Warning);
    Ok(if imported.skipped > 0 || warned {
        Exit::Findings
    } else {
        Exit::Success
    })
}

fn display_name(path: &Path) -> String {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    name.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// The input's bytes, refused before reading when larger than
/// [`MAX_IMPORT_BYTES`]; a stream (standard input, a device) is read only up
/// to that limit.
fn read_input(path: &Path) -> anyhow::Result<Vec<u8>> {
    let too_large = || {
        anyhow::anyhow!(
            "{} is larger than the import limit of {} MB",
            display_name(path),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )
    };
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = std::fs::File::open(path)
            .with_context(|| format!("cannot read {}", display_name(path)))?;
        let meta = file.metadata()?;
        if meta.is_dir() {
            bail!(
                "{} is a directory, not a file to import",
                display_name(path)
            );
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let kind = meta.file_type();
            if kind.is_char_device() || kind.is_block_device() || kind.is_socket() {
                bail!("{} is a device, not a file to import", display_name(path));
            }
        }
        if meta.len() > MAX_IMPORT_BYTES {
            return Err(too_large());
        }
        Box::new(file)
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", display_name(path)))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The records to write: each entry's record, checked to read back and to
/// fit the size limit, and not clashing with an existing record unless
/// `--force`. Entries that fail are reported in `imported` and counted as
/// skipped. The same for a dry run and a real one.
fn plan(
    cli: &Cli,
    args: &ImportArgs,
    imported: &mut Imported,
    existing: &HashMap<String, PathBuf>,
    source_path: &Path,
    text: &str,
) -> Vec<Planned> {
    let entries = std::mem::take(&mut imported.entries);
    let records = prepare_all(&entries, &display_name(&args.file));
    let mut planned = Vec::with_capacity(entries.len());
    let lines = crate::diag::LineIndex::new(text);
    for ((entry, record), span) in entries.iter().zip(records).zip(&imported.spans) {
        let record = match record {
            Ok(record) => record,
            Err(message) => {
                let (line, column) = lines.line_col(text, span.start());
                let at = Location {
                    file: source_path.to_path_buf(),
                    span: Some(*span),
                    line,
                    column,
                };
                imported.skipped += 1;
                imported.diagnostics.push(
                    Diagnostic::error("unwritable-record", format!("{}: {message}", entry.key))
                        .with_location(at)
                        .with_help("the entry is skipped; shorten or fix it and import again"),
                );
                continue;
            }
        };
        let target = existing.get(&fold_key(&entry.key));
        if let (Some(path), false) = (target, args.force) {
            imported.skipped += 1;
            imported.diagnostics.push(
                Diagnostic::error(
                    "record-exists",
                    format!("`{}` is already a record; not overwritten", entry.key),
                )
                .with_location(Location::file(path))
                .with_help("use --force to replace it, or rename the key in the imported file"),
            );
            continue;
        }
        planned.push(Planned {
            path: target
                .cloned()
                .unwrap_or_else(|| store::record_path(&cli.library, &entry.key)),
            contents: record.into_bytes(),
            replace: target.is_some(),
        });
    }
    imported.entries = entries;
    planned
}

/// Every entry's record text (or why it cannot be written), on the
/// machine's cores.
fn prepare_all(entries: &[Entry], file: &str) -> Vec<Result<String, String>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads == 1 || entries.len() < 512 {
        return entries.iter().map(|e| prepare(e, file)).collect();
    }
    let chunk = entries.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = entries
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|e| prepare(e, file)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(records) => records,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// One entry's record, in the canonical form `kaynak fmt` keeps, with a
/// comment saying where it came from; checked to read back as the same
/// record and to fit the loader's size limit.
fn prepare(entry: &Entry, file: &str) -> Result<String, String> {
    let mut text = format!(
        "# Imported by kaynak from {file}.\n{}",
        store::to_toml(entry)
    );
    let path = store::record_path(Path::new(""), &entry.key);
    // Strings with quotes, backslashes or line breaks have a canonical form
    // of their own; other records are canonical as written.
    if text.contains('\\') {
        if let Ok(formatted) = store::canonical::format_record(&path, &text) {
            text = formatted;
        }
    }
    if text.len() as u64 > MAX_RECORD_BYTES {
        return Err(format!(
            "its record would be {} bytes; a record may be at most {MAX_RECORD_BYTES}",
            text.len()
        ));
    }
    let mut cx = FileContext::new(&path, &text);
    let back = store::parse_record_toml(&mut cx)
        .and_then(|root| store::parse_record(&mut cx, &entry.key, &root));
    match back {
        Some(_) if !cx.has_errors() => Ok(text),
        _ => {
            let why = cx.diagnostics.first().map_or_else(
                || "it does not read back".to_string(),
                |d| d.message.clone(),
            );
            Err(format!("its record would not load: {why}"))
        }
    }
}

/// The library's record files by folded key.
fn existing_records(dir: &Path) -> anyhow::Result<HashMap<String, PathBuf>> {
    let mut out = HashMap::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    for item in entries {
        let path = item?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.extension().and_then(|e| e.to_str()) != Some("toml") || name.starts_with('.') {
            continue;
        }
        if let Some(key) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(store::key_from_stem)
        {
            out.insert(fold_key(&key), path.clone());
        }
    }
    Ok(out)
}

fn summary(plan: &[Planned], skipped: usize, dry_run: bool) -> String {
    let replaced = plan.iter().filter(|p| p.replace).count();
    let verb = if dry_run { "would import" } else { "imported" };
    let skipped = if skipped > 0 {
        format!("skipped {skipped} (see above)")
    } else {
        "skipped 0".to_string()
    };
    format!("{verb} {}, {skipped}, {replaced} overwritten", plan.len())
}
