//! Style profiles: what a citation style asks of a record beyond the general
//! requirements. Chicago prints an access date only for undated online sources;
//! GOST R 7.0.5 wants an access date ("дата обращения") for every online source
//! and a place and publisher for books; APA wants a DOI where there is one.

use crate::model::{Entry, ItemType};

/// A style profile (`--profile`, or `[check] profile` in `kaynak.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// The general requirements only.
    #[default]
    Default,
    Chicago,
    Gost,
    Apa,
}

impl Profile {
    pub const NAMES: &'static [&'static str] = &["default", "chicago", "gost", "apa"];

    pub fn from_name(name: &str) -> Option<Profile> {
        match name {
            "default" => Some(Profile::Default),
            "chicago" => Some(Profile::Chicago),
            "gost" => Some(Profile::Gost),
            "apa" => Some(Profile::Apa),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Chicago => "chicago",
            Profile::Gost => "gost",
            Profile::Apa => "apa",
        }
    }

    /// Field groups this profile requires on top of the general table.
    pub fn extra_required(self, item_type: ItemType) -> &'static [&'static [&'static str]] {
        match (self, item_type) {
            (Profile::Gost, ItemType::Book) => &[&["publisher-place"], &["publisher"]],
            (Profile::Gost, ItemType::ArticleJournal) => &[&["page"]],
            (Profile::Apa, ItemType::Book) => &[&["publisher"]],
            _ => &[],
        }
    }

    /// Fields this profile recommends on top of the general table.
    pub fn extra_recommended(self, item_type: ItemType) -> &'static [&'static str] {
        match (self, item_type) {
            (Profile::Gost, ItemType::Book) => &["number-of-pages"],
            (Profile::Apa, ItemType::Book | ItemType::Chapter | ItemType::Report) => &["DOI"],
            _ => &[],
        }
    }

    /// True when this profile wants an access date on `entry` and it has none.
    pub fn wants_accessed(self, entry: &Entry) -> bool {
        if !super::is_online(entry) || entry.dates.contains_key("accessed") {
            return false;
        }
        match self {
            // GOST: "дата обращения" for every electronic resource.
            Profile::Gost => true,
            // Elsewhere an access date stands in for a missing publication date.
            Profile::Default | Profile::Chicago | Profile::Apa => {
                !entry.dates.contains_key("issued")
            }
        }
    }

    /// True when the style will not print the record's access date
    /// (Chicago: only undated online sources get one).
    pub fn drops_accessed(self, entry: &Entry) -> bool {
        self == Profile::Chicago
            && entry.dates.contains_key("accessed")
            && entry.dates.contains_key("issued")
    }
}
