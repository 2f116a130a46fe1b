//! The record-to-CSL adapter: kaynak records as CSL items, style and locale
//! lookup, and the glue between the citation syntax and the CSL engine.
//! Returns strings and diagnostics; the CLI prints them.

mod item;
mod prepare;
mod styles;

pub use item::{csl_date, RecordItem};
pub use prepare::prepare;
pub use styles::{
    check_locale, closest_names, list_styles, load_style, locale_files_hash, LoadedStyle,
    LocaleFiles, StyleSummary, BUNDLED_STYLES,
};

use crate::csl::{Cite, Cluster};
use crate::document::CiteItem;

/// A CSL cite from a parsed pandoc-style citation item.
pub fn cite_from(item: &CiteItem) -> Cite {
    let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Cite {
        id: item.key.clone(),
        locator: item.locator.as_ref().map(|(_, value)| value.clone()),
        label: item.locator.as_ref().map(|(label, _)| label.clone()),
        prefix: non_empty(&item.prefix),
        suffix: non_empty(&item.suffix),
        suppress_author: item.suppress_author,
        author_only: item.author_in_text,
        ..Cite::default()
    }
}

/// A cluster of cites, with its note number for note styles.
pub fn cluster_from<'i>(
    items: impl IntoIterator<Item = &'i CiteItem>,
    note_number: Option<u32>,
) -> Cluster {
    Cluster {
        cites: items.into_iter().map(cite_from).collect(),
        note_number,
    }
}
