//! What a processing run gives back ([`Rendered`]): one output tree per
//! citation cluster, the bibliography with its layout options, and the
//! warnings; and the bibliography rendered as one text.

use crate::diagnostic::Warning;
use crate::model::BibliographyOptions;
use crate::output::{join_bibliography, render, Format, Inline};

/// A bibliography entry.
#[derive(Debug, Clone)]
pub struct BibEntry {
    pub id: String,
    pub content: Inline,
}

/// A rendered bibliography with its layout options.
#[derive(Debug, Clone, Default)]
pub struct Bibliography {
    pub entries: Vec<BibEntry>,
    pub options: BibliographyOptions,
}

/// Everything one processing run produces.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub citations: Vec<Inline>,
    pub bibliography: Option<Bibliography>,
    pub warnings: Vec<Warning>,
}

/// Render a whole bibliography; HTML follows citeproc-js's wrapper.
pub fn render_bibliography(bibliography: &Bibliography, format: Format) -> String {
    let entries: Vec<String> = bibliography
        .entries
        .iter()
        .map(|entry| render(&entry.content, format))
        .collect();
    join_bibliography(&entries, format)
}
