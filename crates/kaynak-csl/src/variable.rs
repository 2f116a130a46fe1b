//! The CSL 1.0.2 variables (specification, Appendix IV) as one enum,
//! [`Variable`], shared by the style model, the item trait
//! ([`crate::CslItem`]) and applications' own records.
//!
//! A variable's name is read once ([`Variable::parse`], when a style or an
//! item is read) and from then on matched as an enum value: every table of
//! what a variable is ([`Variable::as_str`], [`Variable::kind`]) is one
//! exhaustive `match`, generated from the list below, so a variable added to
//! the list has a name and a kind everywhere. [`Variable::index`] numbers the
//! variables densely from 0, for storage in arrays.
//!
//! The order is the specification's (standard, number, date, name
//! variables, each alphabetical as the specification lists them);
//! applications may rely on it ([`Variable::ALL`]).

/// What kind of value a variable holds (specification, Appendix IV).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariableKind {
    /// Standard variables: text (`title`, `publisher`, `URL` …).
    Standard,
    /// Number variables: text that may hold numbers (`volume`, `page` …).
    Number,
    /// Date variables (`issued`, `accessed` …).
    Date,
    /// Name variables: lists of names (`author`, `editor` …).
    Name,
}

macro_rules! variables {
    ($($kind:ident { $($variant:ident = $name:literal,)+ })+) => {
        /// A CSL 1.0.2 variable. See the [module documentation](self).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Variable {
            $($(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )+)+
        }

        impl Variable {
            /// How many variables there are.
            pub const COUNT: usize = [$($(stringify!($variant),)+)+].len();

            /// Every variable, in the specification's order (the order of
            /// [`Variable::index`]).
            pub const ALL: [Variable; Variable::COUNT] = [$($(Variable::$variant,)+)+];

            /// The variable named `name` in a style or an item (case matters:
            /// `URL`, not `url`); `None` for a name CSL 1.0.2 does not define.
            pub fn parse(name: &str) -> Option<Variable> {
                Some(match name {
                    $($($name => Variable::$variant,)+)+
                    _ => return None,
                })
            }

            /// The variable's CSL name (`container-title`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($(Variable::$variant => $name,)+)+
                }
            }

            /// What kind of value the variable holds.
            pub const fn kind(self) -> VariableKind {
                match self {
                    $($(Variable::$variant => VariableKind::$kind,)+)+
                }
            }
        }
    };
}

variables! {
    Standard {
        Abstract = "abstract",
        Annote = "annote",
        Archive = "archive",
        ArchiveCollection = "archive_collection",
        ArchiveLocation = "archive_location",
        ArchivePlace = "archive-place",
        Authority = "authority",
        CallNumber = "call-number",
        CitationKey = "citation-key",
        CitationLabel = "citation-label",
        CollectionTitle = "collection-title",
        ContainerTitle = "container-title",
        ContainerTitleShort = "container-title-short",
        Dimensions = "dimensions",
        Division = "division",
        Doi = "DOI",
        Event = "event",
        EventTitle = "event-title",
        EventPlace = "event-place",
        Genre = "genre",
        Isbn = "ISBN",
        Issn = "ISSN",
        Jurisdiction = "jurisdiction",
        Keyword = "keyword",
        Language = "language",
        License = "license",
        Medium = "medium",
        Note = "note",
        OriginalPublisher = "original-publisher",
        OriginalPublisherPlace = "original-publisher-place",
        OriginalTitle = "original-title",
        PartTitle = "part-title",
        Pmcid = "PMCID",
        Pmid = "PMID",
        Publisher = "publisher",
        PublisherPlace = "publisher-place",
        References = "references",
        ReviewedGenre = "reviewed-genre",
        ReviewedTitle = "reviewed-title",
        Scale = "scale",
        Source = "source",
        Status = "status",
        Title = "title",
        TitleShort = "title-short",
        Url = "URL",
        VolumeTitle = "volume-title",
        YearSuffix = "year-suffix",
    }
    Number {
        ChapterNumber = "chapter-number",
        CitationNumber = "citation-number",
        CollectionNumber = "collection-number",
        Edition = "edition",
        FirstReferenceNoteNumber = "first-reference-note-number",
        Issue = "issue",
        Locator = "locator",
        Number = "number",
        NumberOfPages = "number-of-pages",
        NumberOfVolumes = "number-of-volumes",
        Page = "page",
        PageFirst = "page-first",
        PartNumber = "part-number",
        PrintingNumber = "printing-number",
        Section = "section",
        SupplementNumber = "supplement-number",
        Version = "version",
        Volume = "volume",
    }
    Date {
        Accessed = "accessed",
        AvailableDate = "available-date",
        EventDate = "event-date",
        Issued = "issued",
        OriginalDate = "original-date",
        Submitted = "submitted",
    }
    Name {
        Author = "author",
        Chair = "chair",
        CollectionEditor = "collection-editor",
        Compiler = "compiler",
        Composer = "composer",
        ContainerAuthor = "container-author",
        Contributor = "contributor",
        Curator = "curator",
        Director = "director",
        Editor = "editor",
        EditorialDirector = "editorial-director",
        EditorTranslator = "editor-translator",
        ExecutiveProducer = "executive-producer",
        Guest = "guest",
        Host = "host",
        Illustrator = "illustrator",
        Interviewer = "interviewer",
        Narrator = "narrator",
        Organizer = "organizer",
        OriginalAuthor = "original-author",
        Performer = "performer",
        Producer = "producer",
        Recipient = "recipient",
        ReviewedAuthor = "reviewed-author",
        ScriptWriter = "script-writer",
        SeriesCreator = "series-creator",
        Translator = "translator",
    }
}

impl Variable {
    /// The variable's place in [`Variable::ALL`], from 0 to
    /// [`Variable::COUNT`] − 1: an index for per-variable arrays.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The variable `form="short"` reads first, when the item has it
    /// (`title-short` for `title`, `container-title-short` for
    /// `container-title`).
    pub const fn short_form(self) -> Option<Variable> {
        match self {
            Variable::Title => Some(Variable::TitleShort),
            Variable::ContainerTitle => Some(Variable::ContainerTitleShort),
            _ => None,
        }
    }
}

impl std::fmt::Display for Variable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_as_its_variable() {
        for (i, v) in Variable::ALL.into_iter().enumerate() {
            assert_eq!(Variable::parse(v.as_str()), Some(v));
            assert_eq!(v.index(), i);
        }
        assert_eq!(Variable::ALL.len(), Variable::COUNT);
    }

    #[test]
    fn unknown_names_and_other_cases_are_not_variables() {
        for name in ["url", "Title", "shortTitle", "collection-title-short", ""] {
            assert_eq!(Variable::parse(name), None, "{name}");
        }
    }

    #[test]
    fn kinds_follow_the_specification() {
        use VariableKind::*;
        let cases = [
            ("title", Standard),
            ("DOI", Standard),
            ("year-suffix", Standard),
            ("citation-label", Standard),
            ("language", Standard),
            ("locator", Number),
            ("page", Number),
            ("citation-number", Number),
            ("first-reference-note-number", Number),
            ("section", Number),
            ("issued", Date),
            ("available-date", Date),
            ("author", Name),
            ("editor-translator", Name),
            ("translator", Name),
        ];
        for (name, kind) in cases {
            assert_eq!(
                Variable::parse(name).map(Variable::kind),
                Some(kind),
                "{name}"
            );
        }
        let count = |k| Variable::ALL.iter().filter(|v| v.kind() == k).count();
        assert_eq!(
            [count(Standard), count(Number), count(Date), count(Name)],
            [47, 18, 6, 27]
        );
    }
}
