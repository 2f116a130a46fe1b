//! CSL 1.0.2 item types (`type = "article-journal"`).

use std::fmt;

macro_rules! item_types {
    ($($variant:ident => $name:literal,)*) => {
        /// A CSL 1.0.2 item type.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum ItemType { $($variant,)* }

        impl ItemType {
            /// Every item type, in the specification's alphabetical order.
            pub const ALL: &'static [ItemType] = &[$(ItemType::$variant,)*];

            /// The CSL name, e.g. `article-journal`.
            pub fn name(self) -> &'static str {
                match self { $(ItemType::$variant => $name,)* }
            }
        }
    };
}

item_types! {
    Article => "article",
    ArticleJournal => "article-journal",
    ArticleMagazine => "article-magazine",
    ArticleNewspaper => "article-newspaper",
    Bill => "bill",
    Book => "book",
    Broadcast => "broadcast",
    Chapter => "chapter",
    Classic => "classic",
    Collection => "collection",
    Dataset => "dataset",
    Document => "document",
    Entry => "entry",
    EntryDictionary => "entry-dictionary",
    EntryEncyclopedia => "entry-encyclopedia",
    Event => "event",
    Figure => "figure",
    Graphic => "graphic",
    Hearing => "hearing",
    Interview => "interview",
    LegalCase => "legal_case",
    Legislation => "legislation",
    Manuscript => "manuscript",
    Map => "map",
    MotionPicture => "motion_picture",
    MusicalScore => "musical_score",
    Pamphlet => "pamphlet",
    PaperConference => "paper-conference",
    Patent => "patent",
    Performance => "performance",
    Periodical => "periodical",
    PersonalCommunication => "personal_communication",
    Post => "post",
    PostWeblog => "post-weblog",
    Regulation => "regulation",
    Report => "report",
    Review => "review",
    ReviewBook => "review-book",
    Software => "software",
    Song => "song",
    Speech => "speech",
    Standard => "standard",
    Thesis => "thesis",
    Treaty => "treaty",
    Webpage => "webpage",
}

impl ItemType {
    /// Looks up a CSL type name exactly as the specification spells it.
    pub fn from_name(name: &str) -> Option<ItemType> {
        ItemType::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// Items that normally live on the web (a URL or DOI is expected).
    pub fn is_online(self) -> bool {
        matches!(
            self,
            ItemType::Webpage | ItemType::PostWeblog | ItemType::Post
        )
    }
}

impl fmt::Display for ItemType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in ItemType::ALL {
            assert_eq!(ItemType::from_name(t.name()), Some(*t));
        }
        assert_eq!(ItemType::ALL.len(), 45);
        assert_eq!(ItemType::from_name("journal-article"), None);
    }
}
