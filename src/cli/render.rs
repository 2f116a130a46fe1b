//! `kaynak render`: a Markdown manuscript with pandoc-style citations comes back
//! with them formatted — numbered footnotes for note styles, in-text citations
//! otherwise — and the bibliography appended or placed at a refs marker.

use super::formatting::{engine, report_form_notes, report_warnings, Engine, FormatArgs};
use super::report::load_exit;
use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::csl::{self, Format};
use crate::diag::{Diagnostic, Location, Span};
use crate::document::assemble::{html_page, markdown, NoteMode, Pieces};
use crate::document::{find_citations, latex, Citation};
use crate::format::cluster_from;
use crate::store::write;
use anyhow::{bail, Context};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The Markdown manuscript.
    pub document: PathBuf,
    #[command(flatten)]
    pub format: FormatArgs,
    /// Write here (atomically) instead of to standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &RenderArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let doc = std::fs::read_to_string(&args.document)
        .with_context(|| format!("cannot read {}", args.document.display()))?;
    let loaded = ui.load(&cli.library)?;
    let engine = engine(&args.format, &loaded, ui)?;
    let citations = find_citations(&doc);
    let unknown = unknown_keys(&args.document, &doc, &citations, &engine);
    if !unknown.is_empty() {
        let sources = HashMap::from([(args.document.clone(), doc.clone())]);
        ui.diagnostics(&unknown, DiagnosticFormat::Human, &sources)?;
        return Ok(Exit::Findings);
    }
    let format = args.format.format.unwrap_or(Format::Markdown);
    let text = render_document(&doc, &citations, &engine, format, ui)?;
    match &args.output {
        Some(path) => write::replace(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => ui.out().write_all(text.as_bytes())?,
    }
    Ok(load_exit(&loaded))
}

/// An error at DOC:line:col for every citation of a key the library lacks.
fn unknown_keys(
    path: &std::path::Path,
    doc: &str,
    citations: &[Citation],
    engine: &Engine,
) -> Vec<Diagnostic> {
    let keys = engine.index.keys().map(String::as_str);
    let known: Vec<&str> = keys.collect();
    citations
        .iter()
        .flat_map(|c| &c.items)
        .filter(|item| !engine.index.contains_key(&item.key))
        .map(|item| {
            let span = Span::new(item.key_offset, item.key_offset + 1 + item.key.len());
            let mut d = Diagnostic::error(
                "unknown-key",
                format!("no record `{}` in the library", item.key),
            )
            .with_location(Location::at(path, doc, span));
            if let Some(s) = crate::model::variable::suggest(&item.key, known.iter().copied()) {
                d = d.with_help(format!("did you mean `@{s}`?"));
            }
            d
        })
        .collect()
}

fn render_document(
    doc: &str,
    citations: &[Citation],
    engine: &Engine,
    format: Format,
    ui: &Ui,
) -> anyhow::Result<String> {
    let mut notes = 0u32;
    let clusters: Vec<_> = citations
        .iter()
        .map(|c| {
            if !c.in_note || notes == 0 {
                notes += 1;
            }
            let mut cluster = cluster_from(&c.items, Some(notes));
            if engine.is_note_style && !c.in_note {
                capitalize_prefix(&mut cluster);
            }
            cluster
        })
        .collect();
    let refs = engine.refs();
    let rendered = engine.processor.process(&refs, &clusters);
    report_warnings(ui, &rendered.warnings)?;
    let cited = citations
        .iter()
        .flat_map(|c| &c.items)
        .map(|i| i.key.as_str());
    report_form_notes(ui, engine, cited)?;
    let inline = match format {
        Format::Html => Format::Html,
        Format::Latex => Format::Latex,
        Format::Markdown => Format::Markdown,
        other => bail!("render writes markdown, html or latex, not {other:?}"),
    };
    let texts = engine
        .processor
        .render_citations(&rendered.citations, inline);
    let bibliography = rendered
        .bibliography
        .as_ref()
        .map(|b| engine.processor.render_bibliography(b, inline))
        .unwrap_or_default();
    let mode = if engine.is_note_style {
        NoteMode::Footnotes
    } else {
        NoteMode::InText
    };
    let heading = if engine.is_note_style {
        "Bibliography"
    } else {
        "References"
    };
    let pieces = Pieces {
        doc,
        citations,
        texts: &texts,
        mode,
        bibliography: &bibliography,
        heading,
    };
    Ok(match inline {
        Format::Html => html_page(&pieces, &title_of(doc)),
        Format::Latex => latex_body(&pieces),
        _ => markdown(&pieces),
    })
}

/// A footnote starts a sentence: `see` becomes `See`.
fn capitalize_prefix(cluster: &mut csl::Cluster) {
    let Some(prefix) = cluster.cites.first_mut().and_then(|c| c.prefix.as_mut()) else {
        return;
    };
    let mut chars = prefix.chars();
    if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
        *prefix = first.to_uppercase().chain(chars).collect();
    }
}

/// The first heading of the manuscript, for the HTML title.
fn title_of(doc: &str) -> String {
    doc.lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or("Manuscript")
        .trim()
        .to_string()
}

fn latex_body(p: &Pieces) -> String {
    let mut marked = String::with_capacity(p.doc.len());
    let mut last = 0;
    for (n, citation) in p.citations.iter().enumerate() {
        marked.push_str(&p.doc[last..citation.span.start]);
        marked.push_str(&latex::placeholder(n));
        last = citation.span.end;
    }
    marked.push_str(&p.doc[last..]);
    let body = latex::convert(&marked, &|n| {
        let text = p.texts.get(n).map(String::as_str).unwrap_or("");
        let in_note = p.citations.get(n).is_some_and(|c| c.in_note);
        match p.mode {
            NoteMode::Footnotes if !in_note => format!("\\footnote{{{text}}}"),
            _ => text.to_string(),
        }
    });
    let bib = p.bibliography.trim();
    if bib.is_empty() {
        return body;
    }
    format!("{body}\\section*{{{}}}\n\n{bib}\n", p.heading)
}
