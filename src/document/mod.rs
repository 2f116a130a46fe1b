//! Documents: pandoc-style citation syntax and finding citations in Markdown
//! manuscripts. Produces data (citations with spans); the CSL engine renders
//! them and the CLI writes the document back.

pub mod assemble;
pub mod latex;
mod locator;
mod markdown;
mod syntax;

pub use locator::{is_term as is_locator_term, match_label};
pub use markdown::{find_citations, Citation};
pub use syntax::{parse_cluster, split_locator, CiteItem, SyntaxError};

/// Parses a citation cluster as given on the command line (`kaynak cite`):
/// with or without brackets, e.g. `"@niyazov, p. 106; @frontier"`.
pub fn parse_cli_cluster(text: &str) -> Result<Vec<CiteItem>, SyntaxError> {
    let trimmed = text.trim();
    let inner = trimmed
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(trimmed);
    let base = text.find(inner).unwrap_or(0);
    parse_cluster(inner, base)
}
