//! A document's citations through the CSL processor, as pandoc places them:
//! one cluster per citation with its note number, author-in-text citations
//! (`@a`) split into the author in the sentence and the rest (a note for note
//! styles, `Author (2020)` for in-text styles), citations inside the
//! document's own notes kept in place, and a bibliography of the cited works
//! and those named by `nocite` only. Works on any format: the results are
//! output trees, which each document writer renders in its own syntax.

use super::{Citation, CiteItem};
use crate::csl::style::model::{Position, Rendering, StyleClass};
use crate::csl::{self, Cite, Cluster, CslItem, Inline, Processor};
use foldhash::HashSet;
use std::collections::HashMap;

/// What a missing record prints as (and pandoc's old citeproc did).
pub const MISSING: &str = "???";

/// What the processor prints for a cite that renders nothing (citeproc-js's
/// wording, which the processor follows).
const NO_PRINTED_FORM: &str = "[CSL STYLE ERROR: reference with no printed form.]";

/// Citation key → position of its record. foldhash, not std's SipHash: a
/// render looks every cited key up several times, and SipHash cost it 1 % of
/// its instructions; foldhash is seeded per process too, so keys chosen to
/// collide cannot be written in advance.
pub type KeyIndex<'a> = HashMap<&'a str, usize, foldhash::fast::RandomState>;

/// The processor and the library it formats.
pub struct Library<'a> {
    pub processor: &'a Processor,
    /// Every record of the library, in library order.
    pub items: &'a [&'a dyn CslItem],
    /// Citation key → position in `items`.
    pub index: &'a KeyIndex<'a>,
}

/// Works listed in the bibliography without being cited (pandoc's `nocite`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Nocite {
    #[default]
    None,
    /// `@*`: every record of the library.
    All,
    Keys(Vec<String>),
}

impl Nocite {
    /// Reads a nocite value as pandoc writes it: keys with `@`, separated by
    /// spaces, commas or semicolons, optionally in brackets; `@*` for all.
    pub fn parse(text: &str) -> Nocite {
        let mut keys = Vec::new();
        for word in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '[' | ']')) {
            let Some(key) = word.strip_prefix('@') else {
                continue;
            };
            if key == "*" {
                return Nocite::All;
            }
            if let Some((key, _)) = super::syntax::read_key(key) {
                keys.push(key);
            }
        }
        if keys.is_empty() {
            Nocite::None
        } else {
            Nocite::Keys(keys)
        }
    }

    /// Both lists together.
    pub fn merge(self, other: Nocite) -> Nocite {
        match (self, other) {
            (Nocite::All, _) | (_, Nocite::All) => Nocite::All,
            (Nocite::None, other) | (other, Nocite::None) => other,
            (Nocite::Keys(mut a), Nocite::Keys(b)) => {
                a.extend(b);
                Nocite::Keys(a)
            }
        }
    }

    fn keys(&self) -> &[String] {
        match self {
            Nocite::Keys(keys) => keys,
            _ => &[],
        }
    }
}

/// How one citation reads in the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CitationText {
    /// What stays in the running text: an in-text citation, the author of an
    /// author-in-text citation, or a citation inside one of the document's
    /// notes.
    pub inline: Option<Inline>,
    /// The text of a new footnote (note styles, outside the document's notes).
    pub note: Option<Inline>,
}

/// Every citation of a document formatted, and its bibliography.
#[derive(Debug, Clone, Default)]
pub struct Formatted {
    /// One per citation, in document order.
    pub citations: Vec<CitationText>,
    pub bibliography: Option<csl::Bibliography>,
    pub warnings: Vec<csl::Warning>,
    /// Cited keys that no record has, in the order first cited; each prints
    /// as [`MISSING`].
    pub unknown: Vec<String>,
}

/// Formats `citations` (in document order) and the bibliography of the
/// works they cite, with those named by `nocite`.
pub fn format_citations(library: &Library, citations: &[Citation], nocite: &Nocite) -> Formatted {
    let processor = library.processor;
    let note_style = processor.style.class == StyleClass::Note;
    let known = |item: &&CiteItem| library.index.contains_key(item.key.as_str());
    let clusters: Vec<Cluster> = citations
        .iter()
        .map(|c| cluster(c, note_style, known))
        .collect();
    let refs = works_to_list(library, citations, nocite);
    let rendered = processor.process(&refs, &clusters);
    let authors = author_texts(library, citations, &refs, &clusters, known);
    let layout = processor
        .style
        .citation
        .as_ref()
        .map(|s| s.layout.rendering.clone())
        .unwrap_or_default();
    let texts = citations
        .iter()
        .zip(rendered.citations)
        .zip(authors)
        .map(|((citation, text), author)| {
            let missing = citation.items.iter().filter(|i| !known(i)).count();
            place(citation, text, author, missing, note_style, &layout)
        })
        .collect();
    Formatted {
        citations: texts,
        bibliography: rendered.bibliography,
        warnings: rendered.warnings,
        unknown: unknown_keys(library, citations),
    }
}

/// The CSL cluster of one citation: its known cites, the author of an
/// author-in-text cite left out (it is printed in the sentence), except
/// inside a note of a note style, where the whole citation stands in place.
fn cluster(citation: &Citation, note_style: bool, known: impl Fn(&&CiteItem) -> bool) -> Cluster {
    // the known items, borrowed: each is copied once, into its cite
    let items = || citation.items.iter().filter(&known);
    let mut cluster = crate::adapter::cluster_from(items(), Some(citation.note));
    for (cite, item) in cluster.cites.iter_mut().zip(items()) {
        cite.author_only = false;
        cite.suppress_author =
            item.suppress_author || item.author_in_text && !(note_style && citation.in_note);
    }
    if note_style && !citation.in_note {
        capitalize_prefix(&mut cluster);
    }
    cluster
}

/// A footnote starts a sentence: `see` becomes `See`.
fn capitalize_prefix(cluster: &mut Cluster) {
    let Some(prefix) = cluster.cites.first_mut().and_then(|c| c.prefix.as_mut()) else {
        return;
    };
    let mut chars = prefix.chars();
    if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
        *prefix = first.to_uppercase().chain(chars).collect();
    }
}

/// The records the bibliography lists: those cited and those named by
/// `nocite`, in library order.
fn works_to_list<'a>(
    library: &Library<'a>,
    citations: &[Citation],
    nocite: &Nocite,
) -> Vec<&'a dyn CslItem> {
    if *nocite == Nocite::All {
        return library.items.to_vec();
    }
    let mut listed = vec![false; library.items.len()];
    let cited = citations
        .iter()
        .flat_map(|c| c.items.iter().map(|i| &i.key));
    for key in cited.chain(nocite.keys()) {
        if let Some(&index) = library.index.get(key.as_str()) {
            listed[index] = true;
        }
    }
    library
        .items
        .iter()
        .zip(listed)
        .filter(|(_, listed)| *listed)
        .map(|(item, _)| *item)
        .collect()
}

/// For each citation that opens with an author-in-text cite, the author as
/// the style prints it at that position (`N.S. Niiazov`, later `Niiazov`).
/// A second run over the same clusters, with that cite asking for its
/// author only, so positions are those of the first run.
fn author_texts(
    library: &Library,
    citations: &[Citation],
    refs: &[&dyn CslItem],
    clusters: &[Cluster],
    known: impl Fn(&&CiteItem) -> bool,
) -> Vec<Option<Inline>> {
    let wanted = |c: &Citation| {
        c.items
            .iter()
            .find(|i| known(i))
            .is_some_and(|i| i.author_in_text)
    };
    if !citations.iter().any(wanted) {
        return vec![None; citations.len()];
    }
    // Only the author-in-text clusters are rendered again: their position is
    // given (first or later, never "ibid."), so the others are not needed.
    let mut cited: HashSet<&str> = HashSet::default();
    let mut asked: Vec<usize> = Vec::new();
    let mut author_clusters: Vec<Cluster> = Vec::new();
    for (index, (citation, cluster)) in citations.iter().zip(clusters).enumerate() {
        if let Some(cite) = cluster.cites.first().filter(|_| wanted(citation)) {
            let first = !cited.contains(cite.id.as_str());
            asked.push(index);
            author_clusters.push(Cluster {
                cites: vec![Cite {
                    id: cite.id.clone(),
                    author_only: true,
                    position: Some(if first {
                        Position::First
                    } else {
                        Position::Subsequent
                    }),
                    ..Cite::default()
                }],
                note_number: cluster.note_number,
            });
        }
        cited.extend(citation.items.iter().map(|i| i.key.as_str()));
    }
    let processor = library.processor;
    let layout = processor
        .style
        .citation
        .as_ref()
        .map(|s| s.layout.rendering.clone())
        .unwrap_or_default();
    let rendered = processor.process(refs, &author_clusters);
    let mut authors = vec![None; citations.len()];
    for (index, node) in asked.into_iter().zip(rendered.citations) {
        let author = without_layout(node, &layout);
        if author.plain_text().chars().any(char::is_alphanumeric) {
            authors[index] = Some(author);
        }
    }
    authors
}

/// A rendered cluster without the layout's prefix and suffix (`(`, `)`, `.`).
fn without_layout(node: Inline, layout: &Rendering) -> Inline {
    let mut children = match node {
        Inline::Formatted(formatting, children) if formatting.is_empty() => children,
        Inline::Formatted(_, children) => children,
        other => vec![other],
    };
    let is_text = |node: &Inline, text: &Option<String>| match (node, text) {
        (Inline::Text(t), Some(affix)) => t.as_str() == affix,
        _ => false,
    };
    if children.len() > 1 && children.last().is_some_and(|c| is_text(c, &layout.suffix)) {
        children.pop();
    }
    if children.len() > 1 && children.first().is_some_and(|c| is_text(c, &layout.prefix)) {
        children.remove(0);
    }
    Inline::seq(children)
}

/// Where a rendered citation goes: a note (note styles), in place, or split
/// into the author in the sentence and the rest.
fn place(
    citation: &Citation,
    text: Inline,
    author: Option<Inline>,
    missing: usize,
    note_style: bool,
    layout: &Rendering,
) -> CitationText {
    let text = with_missing(text, missing, layout);
    let text_of = |t: &str| Inline::Text(t.into());
    if note_style && !citation.in_note {
        return CitationText {
            inline: author,
            note: Some(text),
        };
    }
    let inline = match (note_style, author) {
        (true, _) if citation.items.first().is_some_and(|i| i.author_in_text) => {
            without_final_period(text, layout)
        }
        (true, _) => Inline::seq(vec![
            text_of("("),
            without_final_period(text, layout),
            text_of(")"),
        ]),
        // nothing left once the author is out (MLA without a locator): the author alone
        (false, Some(author)) if text.plain_text().contains(NO_PRINTED_FORM) => author,
        (false, Some(author)) => Inline::seq(vec![author, text_of(" "), text]),
        (false, None) => text,
    };
    CitationText {
        inline: Some(inline),
        note: None,
    }
}

/// `???` for each cited key without a record: alone, or after the other
/// cites inside the layout's closing affix (`(Doe 2019; ???)`).
fn with_missing(text: Inline, missing: usize, layout: &Rendering) -> Inline {
    if missing == 0 {
        return text;
    }
    let marks = vec![MISSING; missing].join("; ");
    if text.is_empty() {
        return Inline::Text(marks.into());
    }
    let added = Inline::Text(format!("; {marks}").into());
    let suffix = layout.suffix.as_deref().filter(|s| !s.is_empty());
    match text {
        Inline::Formatted(formatting, mut children)
            if suffix.is_some()
                && matches!(children.last(), Some(Inline::Text(t)) if Some(t.as_str()) == suffix) =>
        {
            let at = children.len() - 1;
            children.insert(at, added);
            Inline::Formatted(formatting, children)
        }
        other => Inline::seq(vec![other, added]),
    }
}

/// A citation inside a sentence loses the period that ends a note.
fn without_final_period(node: Inline, layout: &Rendering) -> Inline {
    if layout.suffix.as_deref() != Some(".") {
        return node;
    }
    let mut node = node;
    strip_last_period(&mut node);
    node
}

fn strip_last_period(node: &mut Inline) -> bool {
    match node {
        Inline::Text(text) => {
            if text.ends_with('.') {
                text.pop();
            }
            true
        }
        Inline::Formatted(_, children)
        | Inline::Markup(_, children)
        | Inline::Display(_, children)
        | Inline::NoCase(children)
        | Inline::Tagged(_, children) => children.iter_mut().rev().any(strip_last_period),
        Inline::Quoted { .. } => true,
    }
}

/// Every cited key the library lacks, once, in the order first cited.
fn unknown_keys(library: &Library, citations: &[Citation]) -> Vec<String> {
    let mut seen = HashSet::default();
    citations
        .iter()
        .flat_map(|c| &c.items)
        .filter(|item| !library.index.contains_key(item.key.as_str()))
        .filter(|item| seen.insert(item.key.as_str()))
        .map(|item| item.key.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nocite_reads_pandoc_forms() {
        assert_eq!(Nocite::parse("@*"), Nocite::All);
        assert_eq!(
            Nocite::parse("@a, @b; [@c]"),
            Nocite::Keys(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(Nocite::parse("no keys"), Nocite::None);
        assert_eq!(
            Nocite::parse("@a").merge(Nocite::parse("@b")),
            Nocite::Keys(vec!["a".into(), "b".into()])
        );
        assert_eq!(Nocite::parse("@a").merge(Nocite::All), Nocite::All);
    }

    #[test]
    fn layout_affixes_come_off_the_author() {
        let layout = Rendering {
            prefix: Some("(".into()),
            suffix: Some(")".into()),
            ..Rendering::default()
        };
        let node = Inline::seq(vec![
            Inline::Text("(".into()),
            Inline::Text("Niiazov".into()),
            Inline::Text(")".into()),
        ]);
        assert_eq!(without_layout(node, &layout).plain_text(), "Niiazov");
    }
}
