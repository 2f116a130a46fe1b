//! What a document asks the processor to cite: [`Cluster`]s (a footnote or
//! an in-text citation) of [`Cite`]s, in document order.

use crate::model::Position;

/// One cite inside a cluster.
#[derive(Debug, Clone, Default)]
pub struct Cite {
    pub id: String,
    pub locator: Option<String>,
    /// Locator label as a CSL term name (`page`, `chapter`, …).
    pub label: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub suppress_author: bool,
    pub author_only: bool,
    /// Forced position (test-suite option).
    pub position: Option<Position>,
    pub near_note: Option<bool>,
}

/// One citation (a footnote or an in-text citation) of one or more cites.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub cites: Vec<Cite>,
    /// Footnote number; defaults to the cluster's 1-based index. `Some(0)`
    /// marks a citation in the running text of a note-style document: such
    /// citations follow each other for ibid, apart from the notes.
    pub note_number: Option<u32>,
}
