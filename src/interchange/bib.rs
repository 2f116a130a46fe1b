//! What BibTeX and BibLaTeX share: entry types and field names both ways,
//! name lists, and writing an entry. Escaping lives in [`super::tex_encode`].
//!
//! Item types map to the nearest `.bib` entry type. When that type would not
//! read back as the same CSL type, the CSL type is kept in `entrysubtype`
//! (`@online` + `entrysubtype = {post-weblog}`), and newspaper and magazine
//! articles use biblatex's own `newspaper`/`magazine` subtypes.

use crate::model::{ItemType, Name};

/// Which `.bib` dialect is written or read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Bibtex,
    Biblatex,
}

/// The entry type and the `entrysubtype` (if one is needed) for `item_type`.
pub fn entry_type(item_type: ItemType, dialect: Dialect) -> (&'static str, Option<&'static str>) {
    use ItemType::*;
    let biblatex = match item_type {
        Article | ArticleJournal | ArticleMagazine | ArticleNewspaper | Review | ReviewBook => {
            "article"
        }
        Book | Classic => "book",
        Chapter => "incollection",
        PaperConference => "inproceedings",
        Report => "report",
        Thesis => "thesis",
        Webpage | Post | PostWeblog => "online",
        Manuscript => "unpublished",
        Patent => "patent",
        Dataset => "dataset",
        Software => "software",
        Periodical => "periodical",
        EntryDictionary | EntryEncyclopedia | Entry => "inreference",
        Pamphlet => "booklet",
        _ => "misc",
    };
    let kind = match dialect {
        Dialect::Biblatex => biblatex,
        Dialect::Bibtex => bibtex_type(biblatex),
    };
    let subtype = match item_type {
        ArticleNewspaper => Some("newspaper"),
        ArticleMagazine => Some("magazine"),
        t if item_type_of(kind, None) != t => Some(t.name()),
        _ => None,
    };
    (kind, subtype)
}

fn bibtex_type(biblatex: &'static str) -> &'static str {
    match biblatex {
        "report" => "techreport",
        "thesis" => "phdthesis",
        "online" | "dataset" | "software" | "patent" | "periodical" => "misc",
        "inreference" => "incollection",
        other => other,
    }
}

/// The CSL type for a `.bib` entry type and `entrysubtype`.
pub fn item_type_of(kind: &str, subtype: Option<&str>) -> ItemType {
    use ItemType::*;
    match subtype.map(str::to_ascii_lowercase).as_deref() {
        Some("newspaper") => return ArticleNewspaper,
        Some("magazine") => return ArticleMagazine,
        Some(s) => {
            if let Some(t) = ItemType::from_name(s) {
                return t;
            }
        }
        None => {}
    }
    match kind.to_ascii_lowercase().as_str() {
        "article" => ArticleJournal,
        "book" | "mvbook" | "bookinbook" | "collection" | "mvcollection" | "proceedings"
        | "mvproceedings" | "reference" | "mvreference" => Book,
        "inbook" | "incollection" | "suppbook" | "suppcollection" => Chapter,
        "inproceedings" | "conference" => PaperConference,
        "report" | "techreport" | "manual" => Report,
        "thesis" | "phdthesis" | "mastersthesis" => Thesis,
        "online" | "www" | "electronic" => Webpage,
        "unpublished" => Manuscript,
        "patent" => Patent,
        "dataset" => Dataset,
        "software" => Software,
        "periodical" | "suppperiodical" => Periodical,
        "inreference" => EntryEncyclopedia,
        "booklet" => Pamphlet,
        "artwork" | "image" => Graphic,
        "movie" | "video" => MotionPicture,
        "audio" | "music" => Song,
        "legislation" => Legislation,
        "jurisdiction" => LegalCase,
        "standard" => Standard,
        "review" => Review,
        "letter" => PersonalCommunication,
        "performance" => Performance,
        _ => Document,
    }
}

/// Text and number variables with one `.bib` field in both dialects.
/// Fields that depend on the item type (container, publisher, numbers) are
/// handled in [`container_field`], [`publisher_field`] and the exporters.
pub const TEXT_FIELDS: &[(&str, &str)] = &[
    ("title", "title"),
    ("title-short", "shorttitle"),
    ("container-title-short", "shortjournal"),
    ("collection-title", "series"),
    ("volume", "volume"),
    ("page", "pages"),
    ("edition", "edition"),
    ("number-of-pages", "pagetotal"),
    ("number-of-volumes", "volumes"),
    ("genre", "type"),
    ("event-title", "eventtitle"),
    ("event-place", "venue"),
    ("original-title", "origtitle"),
    ("original-publisher", "origpublisher"),
    ("original-publisher-place", "origlocation"),
    ("chapter-number", "chapter"),
    ("version", "version"),
    ("DOI", "doi"),
    ("ISBN", "isbn"),
    ("ISSN", "issn"),
    ("URL", "url"),
    ("abstract", "abstract"),
    ("annote", "annotation"),
    ("keyword", "keywords"),
    ("note", "note"),
    ("publisher-place", "location"),
];

/// Name variables and their `.bib` fields.
pub const NAME_FIELDS: &[(&str, &str)] = &[
    ("author", "author"),
    ("editor", "editor"),
    ("translator", "translator"),
    ("container-author", "bookauthor"),
];

/// Date variables and their BibLaTeX fields.
pub const DATE_FIELDS: &[(&str, &str)] = &[
    ("issued", "date"),
    ("accessed", "urldate"),
    ("event-date", "eventdate"),
    ("original-date", "origdate"),
];

/// The field that names the container (journal, book, site) for `item_type`.
pub fn container_field(item_type: ItemType, dialect: Dialect) -> &'static str {
    use ItemType::*;
    match (item_type, dialect) {
        (
            Article | ArticleJournal | ArticleMagazine | ArticleNewspaper | Review | ReviewBook,
            Dialect::Biblatex,
        ) => "journaltitle",
        (
            Article | ArticleJournal | ArticleMagazine | ArticleNewspaper | Review | ReviewBook,
            Dialect::Bibtex,
        ) => "journal",
        (Chapter | PaperConference | Entry | EntryDictionary | EntryEncyclopedia, _) => "booktitle",
        (Book | Classic | Periodical | Thesis | Report, Dialect::Biblatex) => "maintitle",
        (_, Dialect::Biblatex) => "organization",
        (_, Dialect::Bibtex) => "howpublished",
    }
}

/// The field that names the publisher for `item_type`.
pub fn publisher_field(item_type: ItemType, dialect: Dialect) -> &'static str {
    match (item_type, dialect) {
        (ItemType::Report, _) => "institution",
        (ItemType::Thesis, Dialect::Bibtex) => "school",
        (ItemType::Thesis, Dialect::Biblatex) => "institution",
        _ => "publisher",
    }
}

/// Where one text variable goes in a `.bib` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRoute {
    pub variable: &'static str,
    pub field: &'static str,
    /// Written only when no earlier route filled `field`.
    pub fallback: bool,
}

/// Every text variable but `title`, in writing order, with its field in
/// `dialect` for `item_type`: the one routing table both exporters follow.
pub fn text_routes(item_type: ItemType, dialect: Dialect) -> Vec<TextRoute> {
    let route = |variable, field| TextRoute {
        variable,
        field,
        fallback: false,
    };
    let mut routes: Vec<TextRoute> = TEXT_FIELDS
        .iter()
        .skip(1)
        .map(|&(variable, field)| match (field, dialect) {
            ("location", Dialect::Bibtex) => route(variable, "address"),
            _ => route(variable, field),
        })
        .collect();
    routes.push(route(
        "container-title",
        container_field(item_type, dialect),
    ));
    routes.push(route("publisher", publisher_field(item_type, dialect)));
    if number_is_issue(item_type) {
        routes.push(route("issue", "number"));
        return routes;
    }
    if dialect == Dialect::Biblatex {
        routes.push(route("issue", "issue"));
    }
    routes.push(route("number", "number"));
    routes.push(TextRoute {
        fallback: true,
        ..route("collection-number", "number")
    });
    routes
}

/// True for the types whose `number` field is the issue.
pub fn number_is_issue(item_type: ItemType) -> bool {
    use ItemType::*;
    matches!(
        item_type,
        Article | ArticleJournal | ArticleMagazine | ArticleNewspaper | Review | ReviewBook
    )
}

/// One entry ready to write: type, key and fields with encoded values.
#[derive(Debug, Default)]
pub struct BibEntry {
    pub kind: String,
    pub key: String,
    /// Field name and value; a value is written in braces unless `bare`.
    pub fields: Vec<(String, String, bool)>,
}

impl BibEntry {
    pub fn push(&mut self, name: &str, value: String) {
        if !value.is_empty() {
            self.fields.push((name.to_string(), value, false));
        }
    }

    /// A value written without braces (a month macro, a number).
    pub fn push_bare(&mut self, name: &str, value: String) {
        self.fields.push((name.to_string(), value, true));
    }

    pub fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(n, _, _)| n == name)
    }

    /// The entry's text: `@type{key,` then one `name = {value},` per line.
    pub fn render(&self) -> String {
        let mut out = format!("@{}{{{},\n", self.kind, self.key);
        let width = self
            .fields
            .iter()
            .map(|(n, _, _)| n.len())
            .max()
            .unwrap_or(0);
        for (name, value, bare) in &self.fields {
            let value = if *bare {
                value.clone()
            } else {
                format!("{{{value}}}")
            };
            out.push_str(&format!("  {name:width$} = {value},\n"));
        }
        out.push_str("}\n");
        out
    }
}

/// A name list in BibTeX's `Family, Given and …` form. `encode` escapes one
/// name part. With `extended` (BibLaTeX), names that the `Family, Given`
/// form cannot say (a given name alone, a particle that starts with a
/// capital, a non-dropping particle) use biblatex's `family=…, given=…`
/// form; otherwise they are braced as BibTeX would read them best.
pub fn name_list(names: &[Name], extended: bool, encode: &mut dyn FnMut(&str) -> String) -> String {
    let written: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| one_name(n, i > 0 && i + 1 == names.len(), extended, encode))
        .collect();
    written.join(" and ")
}

fn one_name(
    name: &Name,
    last: bool,
    extended: bool,
    encode: &mut dyn FnMut(&str) -> String,
) -> String {
    if let Some(literal) = &name.literal {
        if last && literal.original == "others" {
            return "others".into();
        }
        return format!("{{{}}}", encode(&literal.original));
    }
    let mut part = |p: &Option<crate::model::MultiText>| {
        p.as_ref().map(|t| encode(&t.original)).unwrap_or_default()
    };
    let family = part(&name.family);
    let given = part(&name.given);
    let particle = part(&name.non_dropping_particle);
    let dropped = part(&name.dropping_particle);
    let suffix = part(&name.suffix);
    let capital_particle = dropped.starts_with(|c: char| !c.is_lowercase());
    // biber counts a comma inside braces too: a part with one needs the
    // extended form, where values are braced.
    let comma = [&family, &given, &suffix, &particle, &dropped]
        .iter()
        .any(|p| p.contains(','));
    let needs_extended = family.is_empty()
        || !particle.is_empty()
        || (!dropped.is_empty() && capital_particle)
        || comma;
    if extended && needs_extended {
        let mut parts = Vec::new();
        for (key, value) in [("family", &family), ("given", &given), ("suffix", &suffix)] {
            if !value.is_empty() {
                parts.push(format!("{key}={{{value}}}"));
            }
        }
        let prefix = if particle.is_empty() {
            &dropped
        } else {
            &particle
        };
        if !prefix.is_empty() {
            parts.push(format!("prefix={{{prefix}}}"));
            if !particle.is_empty() {
                parts.push("useprefix=true".into());
            }
        }
        return parts.join(", ");
    }
    if family.is_empty() {
        // A given name alone (Banksy) is read by BibTeX as a last name.
        return format!("{{{given}}}");
    }
    let mut last_part = protect_name_part(&family);
    if !particle.is_empty() {
        last_part = format!("{{{particle} {family}}}");
    }
    if !dropped.is_empty() {
        let von = if capital_particle {
            format!("{{{dropped}}}")
        } else {
            dropped
        };
        last_part = format!("{von} {last_part}");
    }
    let given = protect_name_part(&given);
    match (given.is_empty(), suffix.is_empty()) {
        (true, true) => last_part,
        (false, true) => format!("{last_part}, {given}"),
        (_, false) => format!("{last_part}, {}, {given}", protect_name_part(&suffix)),
    }
}

/// Braces a name part that contains a comma, the word `and`, or a word
/// starting in lower case (BibTeX would read it as a "von" particle).
fn protect_name_part(part: &str) -> String {
    let risky = part.contains(',')
        || part
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("and") || w.starts_with(char::is_lowercase));
    if risky {
        format!("{{{part}}}")
    } else {
        part.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_type_reads_back() {
        for dialect in [Dialect::Bibtex, Dialect::Biblatex] {
            for t in ItemType::ALL {
                let (kind, subtype) = entry_type(*t, dialect);
                assert_eq!(item_type_of(kind, subtype), *t, "{t} via {kind}");
            }
        }
        assert_eq!(
            entry_type(ItemType::ArticleJournal, Dialect::Biblatex),
            ("article", None)
        );
    }
}
