//! Render CSL-JSON items with a CSL style, through kaynak-csl's public API
//! only, and print the citations and the bibliography as JSON.
//!
//! ```text
//! cargo run -p kaynak-csl --example render_json -- \
//!     --style STYLE.csl [--locales DIR] [--lang TAG] [--format html|text|markdown|latex|rtf] \
//!     [--sort-script translit|original] [--styles DIR]… ITEMS.json [CLUSTERS.json]
//! ```
//!
//! * `ITEMS.json`: a CSL-JSON array of items. Every item is in the bibliography.
//! * `CLUSTERS.json`: a JSON array of citations in document order, each either
//!   a list of cites or citeproc-js's citation object
//!   `{"citationItems": [cite, …], "properties": {"noteIndex": N}}`. A cite is
//!   `{"id", "locator", "label", "prefix", "suffix", "suppress-author", "author-only"}`.
//!   Without the file, nothing is cited.
//! * `--locales DIR`: the official `locales-xx-XX.xml` files; a tag not found
//!   there falls back to the locales embedded in kaynak.
//! * `--lang TAG`: the locale; default the style's `default-locale`, else en-US.
//! * `--sort-script`: how Cyrillic sort keys are ordered: on their ALA-LC
//!   romanisation among the Latin ones (`translit`, the processor's default) or
//!   on the original letters, in the locale's script order (`original`).
//! * A dependent style's parent is looked up by file name (the last part of its
//!   `independent-parent` link) and then by `<id>` in each `--styles DIR`,
//!   else in the style's own folder and the folder above it.
//!
//! Output (stdout): `{"style", "lang", "citations": [string…],
//! "bibliography": [{"id", "entry"}…] | null, "warnings": [string…]}`; an entry is
//! the inner markup of one entry (for HTML, without citeproc-js's
//! `csl-entry` wrapper). Errors go to stderr with the file (and line:column
//! for a style), and the exit code is 1.

use kaynak_csl::{self as csl, Cite, Cluster, CslItem, Format, JsonItem, Locale, Style};
use kaynak_text::collate::MixedScripts;
use serde_json::{json, Value};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command line, read.
struct Args {
    style: PathBuf,
    locales: Option<PathBuf>,
    lang: Option<String>,
    format: Format,
    /// Sort Cyrillic keys on the original letters (else on their romanisation).
    original_script: bool,
    styles: Vec<PathBuf>,
    items: PathBuf,
    clusters: Option<PathBuf>,
}

const USAGE: &str = "usage: render_json --style STYLE.csl [--locales DIR] [--lang TAG] \
[--format html|text|markdown|latex|rtf] [--sort-script translit|original] [--styles DIR]… \
ITEMS.json [CLUSTERS.json]";

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut style = None;
    let mut locales = None;
    let mut lang = None;
    let mut format = Format::Html;
    let mut original_script = false;
    let mut styles = Vec::new();
    let mut files = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--style" => style = Some(PathBuf::from(value()?)),
            "--locales" => locales = Some(PathBuf::from(value()?)),
            "--lang" => lang = Some(value()?),
            "--styles" => styles.push(PathBuf::from(value()?)),
            "--format" => {
                let name = value()?;
                format = Format::from_name(&name)
                    .ok_or_else(|| format!("unknown format `{name}`\n{USAGE}"))?;
            }
            "--sort-script" => {
                original_script = match value()?.as_str() {
                    "original" => true,
                    "translit" => false,
                    other => return Err(format!("unknown --sort-script `{other}`\n{USAGE}")),
                }
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            file => files.push(PathBuf::from(file)),
        }
    }
    let style = style.ok_or_else(|| format!("--style is required\n{USAGE}"))?;
    let mut files = files.into_iter();
    let items = files
        .next()
        .ok_or_else(|| format!("ITEMS.json is required\n{USAGE}"))?;
    let clusters = files.next();
    if let Some(extra) = files.next() {
        return Err(format!("unexpected argument {}\n{USAGE}", extra.display()));
    }
    Ok(Args {
        style,
        locales,
        lang,
        format,
        original_script,
        styles,
        items,
        clusters,
    })
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parse a style file; errors name the file, line and column.
fn parse_style(path: &Path) -> Result<Style, String> {
    Style::parse(&read(path)?).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("{}:{}:{}: {}", path.display(), e.line, e.column, e.message))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// The style, merged with its parent when it is a dependent style.
fn load_style(args: &Args) -> Result<Style, String> {
    let style = parse_style(&args.style)?;
    let Some(link) = style.parent.clone().filter(|_| style.is_dependent()) else {
        return Ok(style);
    };
    let mut dirs = args.styles.clone();
    if dirs.is_empty() {
        if let Some(own) = args.style.parent() {
            dirs.push(own.to_path_buf());
            dirs.extend(own.parent().map(Path::to_path_buf));
        }
    }
    let name = link.rsplit('/').next().unwrap_or(&link);
    let by_name = dirs
        .iter()
        .map(|dir| dir.join(format!("{name}.csl")))
        .find(|path| path.is_file());
    let parent = match by_name {
        Some(path) => parse_style(&path)?,
        None => find_by_id(&dirs, &link).ok_or_else(|| {
            format!(
                "{}: the parent style {link} is not in {}",
                args.style.display(),
                dirs.iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?,
    };
    Ok(style.with_parent(parent))
}

/// The first independent style in `dirs` whose `<id>` is `id`.
fn find_by_id(dirs: &[PathBuf], id: &str) -> Option<Style> {
    dirs.iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "csl"))
        .filter_map(|path| parse_style(&path).ok())
        .find(|style| style.id.as_deref() == Some(id) && !style.is_dependent())
}

/// One cite from its JSON object (citeproc-js's field names).
fn read_cite(value: &Value) -> Result<Cite, String> {
    let text = |key: &str| match value.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let flag = |key: &str| value.get(key).and_then(Value::as_bool).unwrap_or(false);
    Ok(Cite {
        id: text("id").ok_or("a cite has no \"id\"")?,
        locator: text("locator"),
        label: text("label"),
        prefix: text("prefix"),
        suffix: text("suffix"),
        suppress_author: flag("suppress-author"),
        author_only: flag("author-only"),
        ..Cite::default()
    })
}

/// The clusters file: a list of cite lists or of citeproc-js citation objects.
fn read_clusters(path: &Path) -> Result<Vec<Cluster>, String> {
    let value: Value =
        serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    let list = value
        .as_array()
        .ok_or_else(|| format!("{}: the clusters must be a JSON array", path.display()))?;
    list.iter()
        .enumerate()
        .map(|(n, cluster)| {
            let cites = match cluster {
                Value::Array(cites) => Some(cites),
                Value::Object(_) => cluster.get("citationItems").and_then(Value::as_array),
                _ => None,
            }
            .ok_or_else(|| format!("{}: cluster {n} has no cites", path.display()))?;
            let note = cluster
                .pointer("/properties/noteIndex")
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok());
            Ok(Cluster {
                cites: cites
                    .iter()
                    .map(read_cite)
                    .collect::<Result<_, String>>()
                    .map_err(|e| format!("{}: cluster {n}: {e}", path.display()))?,
                note_number: note,
            })
        })
        .collect()
}

fn run(args: &Args) -> Result<Value, String> {
    let style = load_style(args)?;
    let items = JsonItem::parse_array(&read(&args.items)?)
        .map_err(|e| format!("{}: {e}", args.items.display()))?;
    let clusters = match &args.clusters {
        Some(path) => read_clusters(path)?,
        None => Vec::new(),
    };
    let locales = args.locales.clone();
    let load = move |tag: &str| -> Option<Locale> {
        locales
            .as_ref()
            .and_then(|dir| std::fs::read_to_string(dir.join(format!("locales-{tag}.xml"))).ok())
            .and_then(|text| Locale::parse(&text).ok())
            .or_else(|| csl::embedded_locales(tag))
    };
    let lang = args
        .lang
        .clone()
        .or_else(|| style.default_locale.clone())
        .unwrap_or_else(|| "en-US".to_string());
    let mut processor = csl::processor_with_locale(style, Some(&lang), &load);
    if args.original_script {
        processor.set_mixed_scripts(MixedScripts::Original);
    }
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let out = processor.process(&refs, &clusters);
    let citations = processor.render_citations(&out.citations, args.format);
    let bibliography = out.bibliography.as_ref().map(|bib| {
        bib.entries
            .iter()
            .map(|e| json!({"id": e.id, "entry": csl::render(&e.content, args.format)}))
            .collect::<Vec<_>>()
    });
    let warnings: Vec<String> = out
        .warnings
        .iter()
        .map(|w| match &w.item {
            Some(item) => format!("{item}: {}", w.message),
            None => w.message.clone(),
        })
        .collect();
    Ok(json!({
        "style": args.style.display().to_string(),
        "lang": lang,
        "citations": citations,
        "bibliography": bibliography,
        "warnings": warnings,
    }))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = parse_args(&args).and_then(|args| run(&args));
    match result {
        Ok(value) => {
            // A closed pipe (`| head`) ends the output quietly rather than panicking.
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{value:#}") {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("render_json: writing the output: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(message) => {
            eprintln!("render_json: {message}");
            ExitCode::FAILURE
        }
    }
}
