//! Manuscripts: pandoc's citation syntax, finding citations in Markdown and
//! in pandoc's document tree, numbering notes, choosing the works to list,
//! and assembling the document back (Markdown, HTML, LaTeX, RTF, or pandoc's
//! JSON for the `kaynak-pandoc` filter). Produces data and text; the CLI and
//! the filter binary read and write files and print.

pub(crate) mod assemble;
pub mod citations;
pub mod latex;
mod locator;
mod markdown;
pub mod metadata;
pub mod pandoc;
pub mod rtf;
mod syntax;
pub mod unknown;
pub mod write;

pub use citations::{format_citations, CitationText, Formatted, KeyIndex, Library, Nocite};
pub use locator::{is_term as is_locator_term, match_label, LocatorLabels};
pub use markdown::{find_citations, Citation};
pub use metadata::Metadata;
pub use syntax::{parse_cluster, split_locator, CiteItem, SyntaxError};

/// Parses a citation cluster as given on the command line (`kaynak cite`):
/// with or without brackets, e.g. `"@niyazov, p. 106; @frontier"`.
pub fn parse_cli_cluster(text: &str, labels: &LocatorLabels) -> Result<Vec<CiteItem>, SyntaxError> {
    let trimmed = text.trim();
    let inner = trimmed
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(trimmed);
    let base = text.find(inner).unwrap_or(0);
    parse_cluster(inner, base, labels)
}
