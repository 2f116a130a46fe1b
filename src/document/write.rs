//! A formatted manuscript written out in one format: the citations and the
//! bibliography rendered in its syntax and assembled into the document
//! (Markdown, a standalone HTML page, a LaTeX document or an RTF document).

use super::assemble::{self, Pieces, RenderedCitation};
use super::{latex, rtf, Citation, CitationText, Formatted, Metadata};
use crate::csl::output::BibliographyWriter;
use crate::csl::{self, Format, Processor};
use crate::diag::Diagnostic;

/// What to write.
pub struct Manuscript<'a> {
    /// The YAML block at the top (kept in Markdown output), or empty.
    pub front_matter: &'a str,
    /// The rest of the document.
    pub body: &'a str,
    pub metadata: &'a Metadata,
    pub citations: &'a [Citation],
    pub formatted: &'a Formatted,
}

/// The document in `format`, with warnings about its text (characters a
/// default LaTeX set-up cannot print, a second refs marker).
pub fn write(
    manuscript: &Manuscript,
    processor: &Processor,
    format: Format,
) -> Result<(String, Vec<Diagnostic>), String> {
    if format == Format::Text {
        return Err("render writes markdown, html, latex or rtf, not text".into());
    }
    let mut warnings = warnings(manuscript);
    if format == Format::Markdown {
        let mut text = String::new();
        // writing to a String cannot fail
        let _ = write_markdown(manuscript, processor, &mut text);
        return Ok((text, warnings));
    }
    let texts: Vec<RenderedCitation> = manuscript
        .formatted
        .citations
        .iter()
        .map(|t| rendered(t, format))
        .collect();
    let entries: Vec<String> = entries(manuscript)
        .map(|e| csl::render(&e.content, format))
        .collect();
    let bibliography = if entries.is_empty() {
        String::new()
    } else {
        csl::output::join_bibliography(&entries, format)
    };
    let pieces = Pieces {
        doc: manuscript.body,
        citations: manuscript.citations,
        texts: &texts,
        bibliography: &bibliography,
        heading: Some(heading(manuscript, processor)),
    };
    let text = match format {
        Format::Html => {
            let title = manuscript
                .metadata
                .title
                .clone()
                .unwrap_or_else(|| title_of(manuscript.body));
            assemble::html_page(&pieces, &title)
        }
        Format::Latex => {
            let (text, unprintable) =
                latex::document(&pieces, manuscript.metadata.title.as_deref());
            warnings.extend(unprintable);
            text
        }
        _ => rtf::document(&pieces, &entries),
    };
    Ok((text, warnings))
}

/// What [`write`] warns about in any format: a second refs marker.
pub fn warnings(manuscript: &Manuscript) -> Vec<Diagnostic> {
    let markers = assemble::refs_markers(manuscript.body).len();
    if markers > 1 {
        return vec![Diagnostic::warning(
            "second-refs-marker",
            format!("the manuscript has {markers} refs markers: the bibliography goes at the first, the others are dropped"),
        )];
    }
    Vec::new()
}

/// The document as Markdown with `[^cite-N]` footnotes, written to `out`
/// piece by piece ([`assemble::markdown_to`]): each note and bibliography
/// entry is rendered as it is written, so neither the document nor its notes
/// are held whole.
pub fn write_markdown(
    manuscript: &Manuscript,
    processor: &Processor,
    out: &mut dyn std::fmt::Write,
) -> std::fmt::Result {
    let formatted = &manuscript.formatted.citations;
    // the in-text parts; each note's text is rendered when it is written
    let texts: Vec<RenderedCitation> = formatted
        .iter()
        .map(|t| RenderedCitation {
            inline: t
                .inline
                .as_ref()
                .map(|i| csl::render(i, Format::Markdown))
                .unwrap_or_default(),
            note: t.note.as_ref().map(|_| String::new()),
        })
        .collect();
    let pieces = Pieces {
        doc: manuscript.body,
        citations: manuscript.citations,
        texts: &texts,
        bibliography: "",
        heading: Some(heading(manuscript, processor)),
    };
    let entries: Vec<&csl::BibEntry> = entries(manuscript).collect();
    let bibliography =
        (!bibliography_is_empty(&entries)).then_some(|out: &mut dyn std::fmt::Write| {
            let mut writer = BibliographyWriter::new(out, Format::Markdown);
            for entry in &entries {
                writer.entry(&csl::render(&entry.content, Format::Markdown))?;
            }
            writer.finish();
            Ok(())
        });
    let notes = formatted
        .iter()
        .filter_map(|t| t.note.as_ref())
        .map(|note| csl::render(note, Format::Markdown));
    out.write_str(manuscript.front_matter)?;
    assemble::markdown_to(&pieces, bibliography, notes, out)
}

/// Whether the bibliography's entries, joined, are no text at all (as
/// [`write`] tests the joined text): none, or one that renders empty.
fn bibliography_is_empty(entries: &[&csl::BibEntry]) -> bool {
    match entries {
        [] => true,
        [only] => csl::render(&only.content, Format::Markdown).is_empty(),
        _ => false,
    }
}

/// The bibliography's entries, unless the manuscript suppresses it.
fn entries<'m>(manuscript: &'m Manuscript) -> impl Iterator<Item = &'m csl::BibEntry> {
    manuscript
        .formatted
        .bibliography
        .iter()
        .filter(|_| !manuscript.metadata.suppress_bibliography)
        .flat_map(|b| b.entries.iter())
}

/// The heading over an appended bibliography.
fn heading<'m>(manuscript: &'m Manuscript, processor: &Processor) -> &'m str {
    let note_style = processor.style.class == csl::style::model::StyleClass::Note;
    let default_heading = if note_style {
        "Bibliography"
    } else {
        "References"
    };
    manuscript
        .metadata
        .reference_section_title
        .as_deref()
        .unwrap_or(default_heading)
}

fn rendered(text: &CitationText, format: Format) -> RenderedCitation {
    RenderedCitation {
        inline: text
            .inline
            .as_ref()
            .map(|i| csl::render(i, format))
            .unwrap_or_default(),
        note: text.note.as_ref().map(|n| csl::render(n, format)),
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
