//! The CSL 1.0.2 variables a record may hold, and what kind of value each takes.

/// The kind of value a CSL variable holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariableKind {
    /// Free text (`title`, `publisher`, `URL` …): a string or an original/translit/translation table.
    Text,
    /// A number variable (`volume`, `page`, `edition` …): text or a TOML integer.
    Number,
    /// A date (`issued`, `accessed` …).
    Date,
    /// A list of names (`author`, `editor` …).
    Names,
}

/// A variable's definition: its CSL name, its kind, and whether a record may set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variable {
    pub name: &'static str,
    pub kind: VariableKind,
    /// False for variables the CSL processor sets per citation (`locator`,
    /// `citation-number` …): a record that sets one is told so.
    pub in_records: bool,
}

const fn v(name: &'static str, kind: VariableKind) -> Variable {
    Variable {
        name,
        kind,
        in_records: true,
    }
}

const fn engine(name: &'static str, kind: VariableKind) -> Variable {
    Variable {
        name,
        kind,
        in_records: false,
    }
}

use VariableKind::{Date, Names, Number, Text};

/// Every CSL 1.0.2 variable, plus `type` and `language` handled by the record itself.
pub const VARIABLES: &[Variable] = &[
    // Standard variables.
    v("abstract", Text),
    v("annote", Text),
    v("archive", Text),
    v("archive_collection", Text),
    v("archive_location", Text),
    v("archive-place", Text),
    v("authority", Text),
    v("call-number", Text),
    v("citation-key", Text),
    engine("citation-label", Text),
    v("collection-title", Text),
    v("container-title", Text),
    v("container-title-short", Text),
    v("dimensions", Text),
    v("division", Text),
    v("DOI", Text),
    v("event", Text),
    v("event-title", Text),
    v("event-place", Text),
    v("genre", Text),
    v("ISBN", Text),
    v("ISSN", Text),
    v("jurisdiction", Text),
    v("keyword", Text),
    v("license", Text),
    v("medium", Text),
    v("note", Text),
    v("original-publisher", Text),
    v("original-publisher-place", Text),
    v("original-title", Text),
    v("part-title", Text),
    v("PMCID", Text),
    v("PMID", Text),
    v("publisher", Text),
    v("publisher-place", Text),
    v("references", Text),
    v("reviewed-genre", Text),
    v("reviewed-title", Text),
    v("scale", Text),
    v("source", Text),
    v("status", Text),
    v("title", Text),
    v("title-short", Text),
    v("URL", Text),
    v("volume-title", Text),
    engine("year-suffix", Text),
    // Number variables.
    v("chapter-number", Number),
    engine("citation-number", Number),
    v("collection-number", Number),
    v("edition", Number),
    engine("first-reference-note-number", Number),
    v("issue", Number),
    engine("locator", Number),
    v("number", Number),
    v("number-of-pages", Number),
    v("number-of-volumes", Number),
    v("page", Number),
    v("page-first", Number),
    v("part-number", Number),
    v("printing-number", Number),
    v("section", Number),
    v("supplement-number", Number),
    v("version", Number),
    v("volume", Number),
    // Date variables.
    v("accessed", Date),
    v("available-date", Date),
    v("event-date", Date),
    v("issued", Date),
    v("original-date", Date),
    v("submitted", Date),
    // Name variables.
    v("author", Names),
    v("chair", Names),
    v("collection-editor", Names),
    v("compiler", Names),
    v("composer", Names),
    v("container-author", Names),
    v("contributor", Names),
    v("curator", Names),
    v("director", Names),
    v("editor", Names),
    v("editorial-director", Names),
    v("editor-translator", Names),
    v("executive-producer", Names),
    v("guest", Names),
    v("host", Names),
    v("illustrator", Names),
    v("interviewer", Names),
    v("narrator", Names),
    v("organizer", Names),
    v("original-author", Names),
    v("performer", Names),
    v("producer", Names),
    v("recipient", Names),
    v("reviewed-author", Names),
    v("script-writer", Names),
    v("series-creator", Names),
    v("translator", Names),
];

/// Looks a variable up by its exact CSL name.
pub fn lookup(name: &str) -> Option<&'static Variable> {
    // Every field of every record is looked up here: among the variables of
    // its length only, comparing bytes in place (a `memcmp` call per
    // candidate cost more than the comparing).
    static BY_LENGTH: std::sync::OnceLock<Vec<Vec<&'static Variable>>> = std::sync::OnceLock::new();
    let by_length = BY_LENGTH.get_or_init(|| {
        let longest = VARIABLES.iter().map(|v| v.name.len()).max().unwrap_or(0);
        let mut by_length = vec![Vec::new(); longest + 1];
        for variable in VARIABLES {
            by_length[variable.name.len()].push(variable);
        }
        by_length
    });
    by_length
        .get(name.len())?
        .iter()
        .copied()
        .find(|v| v.name.bytes().eq(name.bytes()))
}

/// Top-level record keys that are not variables: the item type, the language of
/// the record's texts, per-record check settings, and the fields an imported
/// file had that CSL has no variable for.
pub const RECORD_KEYS: &[&str] = &["type", "language", "check", "extra"];

/// Every name a record may use at its top level, for "did you mean" hints.
pub fn all_record_keys() -> impl Iterator<Item = &'static str> {
    RECORD_KEYS
        .iter()
        .copied()
        .chain(VARIABLES.iter().filter(|v| v.in_records).map(|v| v.name))
}

/// The closest known name to `unknown`, if one is close enough to be a likely typo.
/// Case differences (`url` for `URL`) always count as close.
pub fn suggest<'a>(unknown: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = unknown.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if candidate.to_lowercase() == lower || same_words(&lower, candidate) {
            return Some(candidate);
        }
        let score = strsim::jaro_winkler(&lower, &candidate.to_lowercase());
        if score > 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// True when two names have the same words in another order
/// (`journal-article` for `article-journal`).
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        let mut w: Vec<String> = s.split(['-', '_']).map(str::to_lowercase).collect();
        w.sort();
        w
    };
    a.contains(['-', '_']) && words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = VARIABLES.iter().map(|v| v.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }

    #[test]
    fn suggests_typos_and_case() {
        assert_eq!(suggest("url", all_record_keys()), Some("URL"));
        assert_eq!(suggest("titel", all_record_keys()), Some("title"));
        assert_eq!(
            suggest("contaner-title", all_record_keys()),
            Some("container-title")
        );
        assert_eq!(suggest("zzzzzz", all_record_keys()), None);
    }
}
