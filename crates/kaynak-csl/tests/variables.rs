//! Variables are read once into `kaynak_csl::Variable` (issue 15): a name
//! CSL 1.0.2 does not define is a style warning and renders as an absent
//! variable, in groups and conditions alike; CSL-JSON keys are read into
//! variables, with Zotero's short-form keys standing in for the CSL ones.

mod support;

use kaynak_csl::{self as csl, Cite, Cluster, CslItem, Format, JsonItem, Style, Variable};

fn style(layout: &str) -> String {
    format!(
        r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>test</id><title>test</title></info>
  <citation><layout delimiter="; ">{layout}</layout></citation>
</style>"#
    )
}

/// The citation of `id` in `items`, as text.
fn cite(style: Style, items: &str, id: &str) -> String {
    let items = JsonItem::parse_array(items).expect("test items");
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let processor = csl::processor_with_locale(style, Some("en-US"), &csl::embedded_locales);
    let clusters = [Cluster {
        cites: vec![Cite {
            id: id.to_string(),
            ..Cite::default()
        }],
        note_number: None,
    }];
    let (citations, _) = support::strings(processor.process(&refs, &clusters), Format::Text);
    citations.concat()
}

const ITEM: &str = r#"[{"id": "a", "type": "book", "title": "Kaynak", "foo": "Foo",
    "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]}}]"#;

#[test]
fn an_unknown_variable_is_warned_of_where_it_stands() {
    let xml = style(r#"<text variable="title"/><text variable="fooo"/>"#);
    let style = Style::parse(&xml).expect("the style parses");
    let warnings: Vec<String> = style.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("unknown variable `fooo`"),
        "{warnings:?}"
    );
    assert!(
        warnings[0].starts_with("3:60:"),
        "line:column of <text>: {warnings:?}"
    );
}

#[test]
fn an_unknown_variable_renders_as_an_absent_one() {
    // even when the item has a field of that name
    let layout = r#"<text variable="title"/>
        <group prefix=" [" suffix="]"><text value="foo: "/><text variable="foo"/></group>
        <group prefix=" [" suffix="]"><text value="no: "/><number variable="foo"/></group>
        <group prefix=" [" suffix="]"><text value="on: "/><date variable="foo" form="numeric"/></group>
        <group prefix=" (" suffix=")"><names variable="foo author"/></group>
        <group prefix=" {" suffix="}"><label variable="foo"/><text value="x"/></group>"#;
    let style = Style::parse(&style(layout)).expect("the style parses");
    assert_eq!(style.warnings.len(), 5, "{:?}", style.warnings);
    assert_eq!(cite(style, ITEM, "a"), "Kaynak (Jane Doe) {x}");
}

#[test]
fn a_test_of_an_unknown_variable_fails() {
    let layout = r#"<choose>
          <if variable="title foo"><text value="all"/></if>
          <else-if variable="foo title" match="any"><text value="any"/></else-if>
        </choose>
        <choose><if is-numeric="foo" match="none"><text value=" none"/></if></choose>"#;
    let style = Style::parse(&style(layout)).expect("the style parses");
    assert_eq!(cite(style, ITEM, "a"), "any none");
}

#[test]
fn zotero_short_keys_stand_for_the_csl_short_forms() {
    let items = r#"[
        {"id": "z", "type": "article-journal", "title": "A long title",
         "shortTitle": "Long", "container-title": "Journal of Things",
         "journalAbbreviation": "J. Things"},
        {"id": "c", "type": "article-journal", "title": "A long title",
         "title-short": "Own", "shortTitle": "Zotero's"}
    ]"#;
    let layout = r#"<text variable="title" form="short"/>
        <text variable="container-title" form="short" prefix=", "/>
        <choose><if variable="title-short"><text value=" (short)"/></if></choose>"#;
    let parse = || Style::parse(&style(layout)).expect("the style parses");
    assert_eq!(cite(parse(), items, "z"), "Long, J. Things (short)");
    assert_eq!(cite(parse(), items, "c"), "Own (short)");
    let items = JsonItem::parse_array(items).expect("items");
    assert_eq!(items[0].variable(Variable::TitleShort), Some("Long"));
    assert_eq!(items[1].variable(Variable::TitleShort), Some("Own"));
}

#[test]
fn keys_keep_the_shape_they_are_given_in() {
    let items = JsonItem::parse_array(
        r#"[{"id": "a", "type": "book", "issued": "2021-03", "edition": 2,
             "note": "original-date: 1900\nauthor: Doe || Jane\nfoo: bar\nKept line"}]"#,
    )
    .expect("items");
    let item = &items[0];
    assert_eq!(item.date(Variable::Issued).unwrap().parts, [[2021, 3, 0]]);
    assert_eq!(item.variable(Variable::Edition), Some("2"));
    assert_eq!(
        item.date(Variable::OriginalDate).unwrap().year(),
        Some(1900)
    );
    let authors = item.names(Variable::Author).unwrap();
    assert_eq!(authors[0].family.as_deref(), Some("Doe"));
    // the note keeps only the lines that are not fields, known or not
    assert_eq!(item.variable(Variable::Note), Some("Kept line"));
}
