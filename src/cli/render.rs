//! `kaynak render`: a Markdown manuscript (a file, or `-` for standard input)
//! with pandoc-style citations comes back with them formatted — numbered
//! footnotes for note styles, in-text citations otherwise — and a
//! bibliography of the cited works. Reading the document's metadata,
//! finding, formatting and assembling are `document`'s; this file reads and
//! writes files and prints.

use super::bib::IoWriter;
use super::formatting::{engine, report_form_notes, report_warnings, FormatArgs};
use super::report::load_exit;
use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::csl::Format;
use crate::diag::Span;
use crate::document::metadata::front_matter;
use crate::document::unknown::unknown_key_errors;
use crate::document::write::{warnings, write, write_markdown, Manuscript};
use crate::document::{find_citations, format_citations, LocatorLabels};
use crate::store::write as store_write;
use anyhow::{bail, Context};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The Markdown manuscript, or `-` to read it from standard input.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub document: PathBuf,
    #[command(flatten)]
    pub format: FormatArgs,
    /// Write here (atomically) instead of to standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &RenderArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let (path, doc) = read_document(&args.document)?;
    let sources = HashMap::from([(path.clone(), doc.clone())]);
    let (metadata, body_start) = match front_matter(&path, &doc) {
        Ok(found) => found,
        Err(error) => {
            ui.diagnostics(&[error], DiagnosticFormat::Human, &sources)?;
            return Ok(Exit::Findings);
        }
    };
    let loaded = ui.load(&cli.library)?;
    // the command line wins over the document's metadata
    let mut options = args.format.clone();
    options.style = options.style.or_else(|| metadata.style.clone());
    options.locale = options.locale.or_else(|| metadata.lang.clone());
    let engine = engine(&options, &loaded, ui)?;
    let labels = LocatorLabels::with_locale(&engine.processor.locale);
    let body = &doc[body_start..];
    let citations = find_citations(body, &labels);
    let unknown = unknown_key_errors(
        &path,
        &doc,
        body_start,
        &citations,
        |key| engine.index.contains_key(key),
        || Box::new(engine.index.keys().copied()),
    );
    if !unknown.is_empty() {
        ui.diagnostics(&unknown, DiagnosticFormat::Human, &sources)?;
        return Ok(Exit::Findings);
    }
    let refs = engine.refs();
    let formatted = format_citations(&engine.library(&refs), &citations, &metadata.nocite);
    report_warnings(ui, &formatted.warnings)?;
    let cited = citations
        .iter()
        .flat_map(|c| &c.items)
        .map(|i| i.key.as_str());
    let listed = formatted.bibliography.iter().flat_map(|b| &b.entries);
    report_form_notes(ui, &engine, cited.chain(listed.map(|e| e.id.as_str())))?;
    let manuscript = Manuscript {
        front_matter: &doc[..body_start],
        body,
        metadata: &metadata,
        citations: &citations,
        formatted: &formatted,
    };
    let format = args.format.format.unwrap_or(Format::Markdown);
    if format == Format::Markdown && args.output.is_none() {
        // written as it is assembled: the document is never held whole
        ui.diagnostics(
            &warnings(&manuscript),
            DiagnosticFormat::Concise,
            &HashMap::<PathBuf, String>::new(),
        )?;
        let mut out = IoWriter::new(std::io::BufWriter::new(ui.out()));
        let written = write_markdown(&manuscript, &engine.processor, &mut out);
        out.check(written)?;
        out.inner.flush()?;
    } else {
        let (text, warnings) = match write(&manuscript, &engine.processor, format) {
            Ok(written) => written,
            Err(message) => bail!(message),
        };
        ui.diagnostics(
            &warnings,
            DiagnosticFormat::Concise,
            &HashMap::<PathBuf, String>::new(),
        )?;
        match &args.output {
            Some(target) => store_write::replace(target, text.as_bytes())
                .with_context(|| format!("cannot write {}", target.display()))?,
            None => ui.out().write_all(text.as_bytes())?,
        }
        std::mem::forget(text);
    }
    let exit = load_exit(&loaded);
    // The process ends after this command, and everything left is read-only
    // data already written out (as `check` does): freeing every entry,
    // rendered tree and citation one by one cost a 10,000-note render about
    // 3% of its instructions.
    std::mem::forget((formatted, citations));
    std::mem::forget(engine);
    std::mem::forget(loaded);
    Ok(exit)
}

/// The manuscript's text and the name to report it under (`<stdin>` for `-`).
/// A manuscript larger than a span can address (4 GiB) is refused, so every
/// place a diagnostic or citation points at stays exact.
fn read_document(path: &Path) -> anyhow::Result<(PathBuf, String)> {
    let (name, source): (PathBuf, Box<dyn Read>) = if path == Path::new("-") {
        (PathBuf::from("<stdin>"), Box::new(std::io::stdin()))
    } else {
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        (path.to_path_buf(), Box::new(file))
    };
    let mut text = String::new();
    source
        .take(Span::MAX_OFFSET as u64 + 1)
        .read_to_string(&mut text)
        .with_context(|| format!("cannot read {}", name.display()))?;
    anyhow::ensure!(
        text.len() <= Span::MAX_OFFSET,
        "cannot read {}: a manuscript may be at most {} bytes (4 GiB)",
        name.display(),
        Span::MAX_OFFSET
    );
    Ok((name, text))
}
