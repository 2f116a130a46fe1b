//! What the engine's own tests share: a processed document as text.

use kaynak_csl::{self as csl, Format, Rendered};

/// Every citation and every bibliography entry of `out`, rendered in `format`.
pub fn strings(out: Rendered, format: Format) -> (Vec<String>, Vec<String>) {
    let citations = out
        .citations
        .iter()
        .map(|c| csl::render(c, format))
        .collect();
    let entries = out
        .bibliography
        .map(|b| {
            b.entries
                .iter()
                .map(|e| csl::render(&e.content, format))
                .collect()
        })
        .unwrap_or_default();
    (citations, entries)
}
