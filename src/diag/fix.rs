//! Repairs as data: a [`Fix`] is what a diagnostic proposes to change in the
//! file it points into — edits of that file's text by byte span, each
//! described for the user. Whoever detects a problem builds its fix (as it
//! knows the value and its place); `kaynak check --fix` only applies fixes.

use super::Span;

/// One change of a file's text: the bytes of `span` replaced (an empty span
/// inserts), with a line that tells the user what changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
    /// What the edit does, e.g. `DOI: "https://doi.org/10.1/x" → "10.1/x"`.
    pub description: String,
}

impl Edit {
    pub fn new(span: Span, replacement: impl Into<String>, description: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
            description: description.into(),
        }
    }

    /// True when this edit and `other` touch the same bytes, or one inserts
    /// where the other replaces (their order would be ambiguous).
    pub fn overlaps(&self, other: &Edit) -> bool {
        let (a, b) = (self.span, other.span);
        if a.start == a.end || b.start == b.end {
            return a.start <= b.end && b.start <= a.end;
        }
        a.start < b.end && b.start < a.end
    }
}

/// The repair a diagnostic carries: edits that are applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fix {
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix of one edit.
    pub fn one(edit: Edit) -> Fix {
        Fix { edits: vec![edit] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_counts_touching_insertions_but_not_neighbours() {
        let edit = |start, end| Edit::new(Span::new(start, end), "", "");
        assert!(edit(0, 5).overlaps(&edit(4, 8)));
        assert!(!edit(0, 5).overlaps(&edit(5, 8)));
        assert!(edit(5, 5).overlaps(&edit(5, 8)));
        assert!(edit(3, 3).overlaps(&edit(0, 5)));
        assert!(!edit(6, 6).overlaps(&edit(0, 5)));
    }
}
