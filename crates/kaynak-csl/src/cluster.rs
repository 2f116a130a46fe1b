//! What a document asks the processor to cite: [`Cluster`]s (a footnote or
//! an in-text citation) of [`Cite`]s, in document order.

use crate::model::Position;

/// One cite inside a cluster.
#[derive(Debug, Clone, Default)]
pub struct Cite {
    /// The cited item's id (as [`crate::CslItem::id`] gives it).
    pub id: String,
    /// The locator (`12-14`, `IV`), printed by the style's `locator` variable.
    pub locator: Option<String>,
    /// Locator label as a CSL term name (`page`, `chapter`, …).
    pub label: Option<String>,
    /// Text before the cite (may hold HTML-like markup: `<i>`, `<b>` …).
    pub prefix: Option<String>,
    /// Text after the cite (may hold markup, as `prefix`).
    pub suffix: Option<String>,
    /// Leave the author out ("Smith says (2020)").
    pub suppress_author: bool,
    /// Print the author only (the in-text half of "Smith (2020)").
    pub author_only: bool,
    /// Forced position (test-suite option).
    pub position: Option<Position>,
    /// Forced `near-note` answer (test-suite option); `None`: worked out from the note distance.
    pub near_note: Option<bool>,
}

/// One citation (a footnote or an in-text citation) of one or more cites.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    /// The cites, in the order written.
    pub cites: Vec<Cite>,
    /// Footnote number; defaults to the cluster's 1-based index. `Some(0)`
    /// marks a citation in the running text of a note-style document: such
    /// citations follow each other for ibid, apart from the notes.
    pub note_number: Option<u32>,
}
