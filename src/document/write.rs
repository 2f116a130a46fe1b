//! A formatted manuscript written out in one format: the citations and the
//! bibliography rendered in its syntax and assembled into the document
//! (Markdown, a standalone HTML page, a LaTeX document or an RTF document).

use super::assemble::{self, Pieces, RenderedCitation};
use super::{latex, rtf, Citation, CitationText, Formatted, Metadata};
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
    let texts: Vec<RenderedCitation> = manuscript
        .formatted
        .citations
        .iter()
        .map(|t| rendered(t, format))
        .collect();
    let entries: Vec<String> = manuscript
        .formatted
        .bibliography
        .iter()
        .filter(|_| !manuscript.metadata.suppress_bibliography)
        .flat_map(|b| b.entries.iter().map(|e| csl::render(&e.content, format)))
        .collect();
    let bibliography = if entries.is_empty() {
        String::new()
    } else {
        csl::output::join_bibliography(&entries, format)
    };
    let note_style = processor.style.class == csl::style::model::StyleClass::Note;
    let default_heading = if note_style {
        "Bibliography"
    } else {
        "References"
    };
    let heading = manuscript
        .metadata
        .reference_section_title
        .as_deref()
        .unwrap_or(default_heading);
    let pieces = Pieces {
        doc: manuscript.body,
        citations: manuscript.citations,
        texts: &texts,
        bibliography: &bibliography,
        heading: Some(heading),
    };
    let mut warnings = Vec::new();
    let markers = assemble::refs_markers(manuscript.body).len();
    if markers > 1 {
        warnings.push(Diagnostic::warning(
            "second-refs-marker",
            format!("the manuscript has {markers} refs markers: the bibliography goes at the first, the others are dropped"),
        ));
    }
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
        Format::Rtf => rtf::document(&pieces, &entries),
        _ => format!("{}{}", manuscript.front_matter, assemble::markdown(&pieces)),
    };
    Ok((text, warnings))
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
