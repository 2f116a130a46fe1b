//! The CSL 1.0.2 variables a record may hold, and what kind of value each takes.
//!
//! The table is derived from the CSL engine's own list ([`csl::Variable::ALL`]):
//! each variable's kind comes from [`csl::Variable::kind`], and whether a record
//! may set it from [`origin`], an exhaustive `match`. A variable added to the
//! engine is therefore a compile error here until kaynak says where its value
//! comes from.

use crate::csl;

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

impl VariableKind {
    /// The record kind of a CSL kind.
    pub const fn of(kind: csl::VariableKind) -> VariableKind {
        match kind {
            csl::VariableKind::Standard => VariableKind::Text,
            csl::VariableKind::Number => VariableKind::Number,
            csl::VariableKind::Date => VariableKind::Date,
            csl::VariableKind::Name => VariableKind::Names,
        }
    }
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

/// Where kaynak takes a CSL variable's value from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A record's field of the same name.
    Record,
    /// The CSL processor, per citation (`locator`, `citation-number` …).
    Engine,
    /// A record key of its own, not a variable field (`language`, see
    /// [`RECORD_KEYS`]).
    RecordKey,
}

/// Where each CSL variable's value comes from in kaynak.
pub const fn origin(variable: csl::Variable) -> Origin {
    use csl::Variable::*;
    match variable {
        CitationLabel | YearSuffix | CitationNumber | FirstReferenceNoteNumber | Locator => {
            Origin::Engine
        }
        Language => Origin::RecordKey,
        Abstract
        | Annote
        | Archive
        | ArchiveCollection
        | ArchiveLocation
        | ArchivePlace
        | Authority
        | CallNumber
        | CitationKey
        | CollectionTitle
        | ContainerTitle
        | ContainerTitleShort
        | Dimensions
        | Division
        | Doi
        | Event
        | EventTitle
        | EventPlace
        | Genre
        | Isbn
        | Issn
        | Jurisdiction
        | Keyword
        | License
        | Medium
        | Note
        | OriginalPublisher
        | OriginalPublisherPlace
        | OriginalTitle
        | PartTitle
        | Pmcid
        | Pmid
        | Publisher
        | PublisherPlace
        | References
        | ReviewedGenre
        | ReviewedTitle
        | Scale
        | Source
        | Status
        | Title
        | TitleShort
        | Url
        | VolumeTitle => Origin::Record,
        ChapterNumber | CollectionNumber | Edition | Issue | Number | NumberOfPages
        | NumberOfVolumes | Page | PageFirst | PartNumber | PrintingNumber | Section
        | SupplementNumber | Version | Volume => Origin::Record,
        Accessed | AvailableDate | EventDate | Issued | OriginalDate | Submitted => Origin::Record,
        Author | Chair | CollectionEditor | Compiler | Composer | ContainerAuthor | Contributor
        | Curator | Director | Editor | EditorialDirector | EditorTranslator
        | ExecutiveProducer | Guest | Host | Illustrator | Interviewer | Narrator | Organizer
        | OriginalAuthor | Performer | Producer | Recipient | ReviewedAuthor | ScriptWriter
        | SeriesCreator | Translator => Origin::Record,
    }
}

/// How many CSL variables are not record keys of their own: the table's length.
const TABLE_LEN: usize = {
    let mut count = 0;
    let mut i = 0;
    while i < csl::Variable::COUNT {
        if !matches!(origin(csl::Variable::ALL[i]), Origin::RecordKey) {
            count += 1;
        }
        i += 1;
    }
    count
};

/// The table, in the CSL specification's order (the engine's).
const TABLE: [Variable; TABLE_LEN] = {
    let mut table = [Variable {
        name: "",
        kind: VariableKind::Text,
        in_records: false,
    }; TABLE_LEN];
    let mut i = 0;
    let mut filled = 0;
    while i < csl::Variable::COUNT {
        let variable = csl::Variable::ALL[i];
        let origin = origin(variable);
        if !matches!(origin, Origin::RecordKey) {
            table[filled] = Variable {
                name: variable.as_str(),
                kind: VariableKind::of(variable.kind()),
                in_records: matches!(origin, Origin::Record),
            };
            filled += 1;
        }
        i += 1;
    }
    table
};

/// Every CSL 1.0.2 variable but `language` (a record key of its own, as is `type`).
pub const VARIABLES: &[Variable] = &TABLE;

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
    fn the_table_is_the_engines_variables_in_its_order() {
        let names: Vec<&str> = VARIABLES.iter().map(|v| v.name).collect();
        let engine: Vec<&str> = csl::Variable::ALL
            .iter()
            .map(|v| v.as_str())
            .filter(|name| *name != "language")
            .collect();
        assert_eq!(names, engine);
        assert!(RECORD_KEYS.contains(&"language"));
        let kind = |name| lookup(name).map(|v| (v.kind, v.in_records));
        assert_eq!(kind("title"), Some((VariableKind::Text, true)));
        assert_eq!(kind("page"), Some((VariableKind::Number, true)));
        assert_eq!(kind("issued"), Some((VariableKind::Date, true)));
        assert_eq!(kind("editor"), Some((VariableKind::Names, true)));
        assert_eq!(kind("locator"), Some((VariableKind::Number, false)));
        assert_eq!(kind("year-suffix"), Some((VariableKind::Text, false)));
        assert_eq!(kind("language"), None);
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
