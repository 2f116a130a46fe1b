//! Regression tests for name differences from citeproc-js that
//! `tools/csl-compare` found (docs/csl-parity.md), each with a minimal
//! style and items of its own: what the bibliography shows of names that
//! disambiguation or subsequent-author-substitute worked on, and how a
//! formatted list with et-al is formatted.

mod support;

use kaynak_csl::{self as csl, Cite, Cluster, CslItem, Format, JsonItem, Style};

fn style(citation: &str, bibliography: &str) -> Style {
    let xml = format!(
        r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>test</id><title>test</title></info>
  {citation}
  {bibliography}
</style>"#
    );
    Style::parse(&xml).expect("the test style parses")
}

/// `items` (CSL-JSON) cited once each, in one cluster per item, and as a
/// bibliography: HTML, one string per citation or entry.
fn render(style: Style, items: &str) -> (Vec<String>, Vec<String>) {
    let items = JsonItem::parse_array(items).expect("test items");
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let processor = csl::processor_with_locale(style, Some("en-US"), &csl::embedded_locales);
    let clusters: Vec<Cluster> = items
        .iter()
        .map(|item| Cluster {
            cites: vec![Cite {
                id: item.id().into(),
                ..Cite::default()
            }],
            note_number: None,
        })
        .collect();
    support::strings(processor.process(&refs, &clusters), Format::Html)
}

const AUTHOR_YEAR: &str = r#"<group delimiter=" "><names variable="author"><name/></names><date variable="issued"><date-part name="year"/></date></group>"#;

#[test]
fn subsequent_author_substitute_compares_the_rendered_names() {
    // "when all rendered names of the name variable match those in the
    // preceding bibliographic entry": one author, then the same author
    // with two more shown as "et al." — the rendered names match
    let bibliography = format!(
        r#"<bibliography et-al-min="3" et-al-use-first="1" subsequent-author-substitute="———">
  <sort><key variable="issued"/></sort>
  <layout suffix=".">{AUTHOR_YEAR}</layout></bibliography>"#
    );
    let citation = format!(r#"<citation><layout>{AUTHOR_YEAR}</layout></citation>"#);
    let items = r#"[
      {"id": "one", "type": "book", "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2001]]}},
      {"id": "three", "type": "book", "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Ann"}, {"family": "Poe", "given": "Ed"}], "issued": {"date-parts": [[2002]]}},
      {"id": "other", "type": "book", "author": [{"family": "Roe", "given": "Ann"}], "issued": {"date-parts": [[2003]]}}
    ]"#;
    let (_, entries) = render(style(&citation, &bibliography), items);
    assert_eq!(
        entries,
        ["Jane Doe 2001.", "——— 2002.", "Ann Roe 2003."],
        "the et-al term is not a name"
    );
}

#[test]
fn entries_show_the_names_that_add_names_gave_their_cites() {
    // "detail that distinguishes cites (such as names …) must be shown in
    // the corresponding bibliography entries"
    let citation = r#"<citation et-al-min="3" et-al-use-first="1" disambiguate-add-names="true">
  <layout><group delimiter=" "><names variable="author"><name form="short"/></names><date variable="issued"><date-part name="year"/></date></group></layout></citation>"#;
    let bibliography = r#"<bibliography et-al-min="3" et-al-use-first="1">
  <layout><names variable="author"><name name-as-sort-order="all"/></names></layout></bibliography>"#;
    let items = r#"[
      {"id": "a", "type": "book", "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Ann"}, {"family": "Poe", "given": "Ed"}], "issued": {"date-parts": [[2000]]}},
      {"id": "b", "type": "book", "author": [{"family": "Doe", "given": "Jane"}, {"family": "Fox", "given": "Tom"}, {"family": "Box", "given": "Al"}], "issued": {"date-parts": [[2000]]}},
      {"id": "c", "type": "book", "author": [{"family": "Moe", "given": "Lu"}, {"family": "Roe", "given": "Ann"}, {"family": "Poe", "given": "Ed"}], "issued": {"date-parts": [[2000]]}}
    ]"#;
    let (citations, entries) = render(style(citation, bibliography), items);
    assert_eq!(
        citations,
        [
            "Doe, Roe, et al. 2000",
            "Doe, Fox, et al. 2000",
            "Moe et al. 2000"
        ]
    );
    assert_eq!(
        entries,
        [
            "Doe, Jane, Roe, Ann, et al.",
            "Doe, Jane, Fox, Tom, et al.",
            "Moe, Lu et al."
        ]
    );
}

#[test]
fn given_names_expanded_for_a_cite_are_expanded_for_that_person_only() {
    // Mark and Matthew Evans need their given names; the entry shows Mark's
    // in full, but not the given name of the editor who heads another list
    let citation = r#"<citation disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name">
  <layout><group delimiter=" "><names variable="author"><name form="short" initialize-with=". "/></names><date variable="issued"><date-part name="year"/></date></group></layout></citation>"#;
    let bibliography = r#"<bibliography><sort><key variable="issued"/></sort>
  <layout><group delimiter=". "><names variable="author"><name initialize-with=". "/></names><names variable="editor"><name initialize-with=". "/><label form="short" prefix=" (" suffix=")"/></names></group></layout></bibliography>"#;
    let items = r#"[
      {"id": "mark", "type": "chapter", "author": [{"family": "Evans", "given": "Mark"}], "editor": [{"family": "Johnson", "given": "Emily"}], "issued": {"date-parts": [[1988]]}},
      {"id": "matthew", "type": "book", "author": [{"family": "Evans", "given": "Matthew"}], "issued": {"date-parts": [[1988]]}}
    ]"#;
    let (citations, entries) = render(style(citation, bibliography), items);
    assert_eq!(citations, ["Mark Evans 1988", "Matthew Evans 1988"]);
    assert_eq!(entries, ["Mark Evans. E. Johnson (ed.)", "Matthew Evans"]);
}

#[test]
fn a_formatted_name_list_with_et_al_is_formatted_whole() {
    // cs:name's formatting goes around each name; with an et-al, citeproc-js
    // formats the whole list as well, its delimiters and the term included
    let citation = r#"<citation et-al-min="3" et-al-use-first="2">
  <layout><names variable="author"><name font-variant="small-caps" delimiter=" ; "/></names></layout></citation>"#;
    let items = r#"[
      {"id": "a", "type": "book", "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Ann"}, {"family": "Poe", "given": "Ed"}]},
      {"id": "b", "type": "book", "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Ann"}]}
    ]"#;
    let (citations, _) = render(style(citation, ""), items);
    let sc = r#"<span style="font-variant:small-caps;">"#;
    assert_eq!(
        citations,
        [
            format!("{sc}Jane Doe ; Ann Roe ; et al.</span>"),
            format!("{sc}Jane Doe</span> ; {sc}Ann Roe</span>"),
        ]
    );
}
