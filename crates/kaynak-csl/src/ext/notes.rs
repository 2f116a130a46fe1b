//! The note-level diagnostic of docs/csl-extension.md §1.2: a record gives its
//! own transliteration, but the style's `k:translit` list prints a scheme's
//! instead. Reported once per item and processing run.

use super::forms::is_latin;
use super::{FormQuery, Source};
use crate::diagnostic::Warning;
use crate::item::CslItem;
use crate::style::Style;

/// Variables whose record transliteration is worth a note.
const VARIABLES: &[&str] = &[
    "title",
    "title-short",
    "container-title",
    "collection-title",
];
const NAME_VARIABLES: &[&str] = &["author", "editor", "translator", "container-author"];

/// The scheme the style prefers over the record's own form, if any: the
/// first source of the style's (or a section's) list when it is not `record`.
fn preferred_scheme(style: &Style) -> Option<&'static str> {
    let ext = &style.ext;
    [&ext.style, &ext.citation, &ext.bibliography]
        .iter()
        .filter_map(|s| s.translit.as_ref())
        .find_map(|list| match list.first() {
            Some(Source::Scheme(scheme)) => Some(scheme.name()),
            _ => None,
        })
}

fn has_unused_translit(item: &dyn CslItem) -> bool {
    let text = VARIABLES.iter().any(|v| {
        let original = item.text_form(v, FormQuery::Original);
        original.is_some_and(|o| !is_latin(&o)) && item.text_form(v, FormQuery::Record).is_some()
    });
    text || NAME_VARIABLES.iter().any(|v| {
        item.names_form(v, FormQuery::Record).is_some_and(|names| {
            names
                .iter()
                .any(|n| n.family.is_some() || n.literal.is_some())
        })
    })
}

/// One note per item whose own transliteration the style does not print.
pub fn unused_record_translits(style: &Style, items: &[&dyn CslItem]) -> Vec<Warning> {
    if !style.ext.active {
        return Vec::new();
    }
    let Some(scheme) = preferred_scheme(style) else {
        return Vec::new();
    };
    items
        .iter()
        .filter(|item| has_unused_translit(**item))
        .map(|item| Warning {
            item: Some(item.id().to_string()),
            message: format!(
                "the record's own transliteration is not printed; the style transliterates by `{scheme}` (k:translit)"
            ),
            note: true,
        })
        .collect()
}
