//! What a processing run gives back ([`Rendered`]): one output tree per
//! citation cluster, the bibliography with its layout options, and the
//! warnings; and the bibliography rendered as one text.

use crate::diagnostic::Warning;
use crate::model::BibliographyOptions;
use crate::output::{join_bibliography, render, Format, Inline};

/// A bibliography entry.
#[derive(Debug, Clone)]
pub struct BibEntry {
    /// The item's id.
    pub id: String,
    /// The entry's output tree.
    pub content: Inline,
}

/// A rendered bibliography with its layout options.
#[derive(Debug, Clone, Default)]
pub struct Bibliography {
    /// The entries, in bibliography order.
    pub entries: Vec<BibEntry>,
    /// The style's bibliography options (hanging indent, spacing …), for the output.
    pub options: BibliographyOptions,
}

/// Everything one processing run produces.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// One output tree per cluster, in the order given.
    pub citations: Vec<Inline>,
    /// The bibliography, when the style has one.
    pub bibliography: Option<Bibliography>,
    /// Missing terms, unknown ids and the like.
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
