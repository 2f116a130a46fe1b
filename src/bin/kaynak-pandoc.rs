//! `kaynak-pandoc`: a pandoc JSON filter that formats a document's
//! citations with kaynak (`pandoc paper.md --filter kaynak-pandoc -o
//! paper.docx`). It reads pandoc's JSON from standard input, finds the
//! library and style (the document's `kaynak-library`, `citation-style`/`csl`
//! and `lang`, else KAYNAK_LIBRARY and kaynak.toml), lets `document::pandoc`
//! format the citations, prints the warnings on standard error (pandoc shows
//! them) and writes the JSON back on standard output.

// The filter shares the CLI's formatting options and reporting; the rest of
// the CLI (the subcommands) is compiled here unused.
#[allow(dead_code)]
#[path = "../cli/mod.rs"]
mod cli;

// The library's modules, at the paths the CLI names them by (`crate::store` …).
use kaynak::{adapter, check, csl, diag, document, forms, interchange, model, search, store, text};

use anyhow::{anyhow, Context};
use clap::Parser;
use cli::formatting::{engine, report_warnings, FormatArgs};
use cli::{ColorWhen, DiagnosticFormat, Ui};
use kaynak::adapter::check_locale;
use kaynak::diag::Diagnostic;
use kaynak::document::pandoc::{apply, Document};
use kaynak::document::LocatorLabels;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The formatting options, filled from the document's metadata.
#[derive(Debug, Parser)]
struct FilterOptions {
    #[command(flatten)]
    format: FormatArgs,
}

/// Runs the filter: exit code 0, or 2 on failure.
fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "kaynak-pandoc: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<()> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("cannot read pandoc's JSON from standard input")?;
    let mut doc = Document::read(&input).map_err(|e| anyhow!("{e}"))?;
    let ui = Ui::new(ColorWhen::Never, false);
    let mut notes: Vec<Diagnostic> = Vec::new();
    if doc.is_newer_than_known() {
        notes.push(Diagnostic::warning(
            "pandoc-api",
            format!(
                "pandoc API {} is newer than kaynak-pandoc knows; citations are formatted as for 1.23",
                doc.version_text()
            ),
        ));
    }
    let metadata = doc.metadata();
    let library = metadata
        .library
        .as_ref()
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("KAYNAK_LIBRARY").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("sources"));
    let loaded = ui.load(&library)?;
    let mut argv = vec!["kaynak-pandoc".to_string()];
    if let Some(style) = &metadata.style {
        argv.extend(["--style".to_string(), style.clone()]);
    }
    if let Some(lang) = &metadata.lang {
        match check_locale(lang, &[]) {
            Ok(()) => argv.extend(["--locale".to_string(), lang.clone()]),
            Err(_) => notes.push(Diagnostic::warning(
                "unknown-locale",
                format!("no locale for lang `{lang}`: the style's default locale is used"),
            )),
        }
    }
    let options = FilterOptions::try_parse_from(&argv)?;
    let engine = engine(&options.format, &loaded, &ui)?;
    let labels = LocatorLabels::with_locale(&engine.processor.locale);
    let refs = engine.refs();
    let report = apply(&mut doc, &engine.library(&refs), &metadata, &labels);
    report_warnings(&ui, &report.warnings)?;
    for (key, count) in &report.unknown {
        let times = if *count == 1 {
            String::new()
        } else {
            format!(", cited {count} times")
        };
        notes.push(Diagnostic::warning(
            "unknown-key",
            format!(
                "no record `{key}` in {}{times}: printed as ???",
                library.display()
            ),
        ));
    }
    ui.diagnostics(
        &notes,
        DiagnosticFormat::Concise,
        &HashMap::<PathBuf, String>::new(),
    )?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &doc.value).context("cannot write pandoc's JSON")?;
    out.flush()?;
    Ok(())
}
