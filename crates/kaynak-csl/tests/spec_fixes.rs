//! Regression tests for places where kaynak departed from the CSL 1.0.2
//! specification (issue 15), each with a minimal style and items of its own.

mod support;

use kaynak_csl::{self as csl, Cite, Cluster, CslItem, Format, JsonItem, Style};

/// A style with `citation` and `bibliography` bodies (layouts and options).
fn style(class: &str, citation: &str, bibliography: &str) -> Style {
    let xml = format!(
        r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="{class}" version="1.0">
  <info><id>test</id><title>test</title></info>
  {citation}
  {bibliography}
</style>"#
    );
    Style::parse(&xml).expect("the test style parses")
}

/// Renders `items` (CSL-JSON) as the given clusters (ids) and as a
/// bibliography; text output, one line per citation or entry.
fn render(style: Style, items: &str, clusters: &[&[&str]]) -> (Vec<String>, Vec<String>) {
    let items = JsonItem::parse_array(items).expect("test items");
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let processor = csl::processor_with_locale(style, Some("en-US"), &csl::embedded_locales);
    let clusters: Vec<Cluster> = clusters
        .iter()
        .map(|ids| Cluster {
            cites: ids
                .iter()
                .map(|id| Cite {
                    id: id.to_string(),
                    ..Cite::default()
                })
                .collect(),
            note_number: None,
        })
        .collect();
    support::strings(processor.process(&refs, &clusters), Format::Text)
}

const NO_CITATION: &str = r#"<citation><layout><text variable="title"/></layout></citation>"#;

/// Spec, Label: "cs:label … must be included after the cs:name and
/// cs:et-al elements" when there is a cs:name; with none, the label still
/// follows the names, as the default name rendering comes first.
#[test]
fn a_names_label_without_a_name_element_follows_the_names() {
    let bibliography = r#"<bibliography><layout>
      <names variable="editor"><label form="short" prefix=", "/></names>
    </layout></bibliography>"#;
    let items = r#"[{"id":"a","type":"book","editor":[{"family":"Collins","given":"B."}]}]"#;
    let (_, entries) = render(style("in-text", NO_CITATION, bibliography), items, &[]);
    assert_eq!(entries, ["B. Collins, ed."]);
}

/// A note that opens with a term is capitalised (`Ibid.`), unless the term's
/// own element sets a text-case: the style's explicit choice wins.
#[test]
fn an_explicit_text_case_on_a_note_opening_term_wins() {
    let citation = |case: &str| {
        format!(
            r#"<citation><layout suffix="."><choose>
              <if position="ibid"><text term="ibid" {case}/></if>
              <else><text variable="title"/></else>
            </choose></layout></citation>"#
        )
    };
    let items = r#"[{"id":"a","type":"book","title":"Tarih"}]"#;
    let lowered = style("note", &citation(r#"text-case="lowercase""#), "");
    let (notes, _) = render(lowered, items, &[&["a"], &["a"]]);
    assert_eq!(notes, ["Tarih.", "ibid."]);
    let plain = style("note", &citation(""), "");
    let (notes, _) = render(plain, items, &[&["a"], &["a"]]);
    assert_eq!(notes, ["Tarih.", "Ibid."]);
}

/// Spec, Substitution: "Substituted variables are suppressed in the rest of
/// the output" — in output only: a later condition on the variable still
/// sees its value, so what else the branch renders is kept.
#[test]
fn a_substituted_variable_is_still_present_for_conditions() {
    let bibliography = r#"<bibliography><layout><group delimiter=". ">
      <names variable="author"><substitute><text variable="title"/></substitute></names>
      <choose><if variable="title">
        <group delimiter=" "><text variable="title"/><date variable="issued"><date-part name="year"/></date></group>
      </if></choose>
    </group></layout></bibliography>"#;
    let items = r#"[{"id":"a","type":"book","title":"Anonymous chronicle","issued":{"date-parts":[[1850]]}}]"#;
    let (_, entries) = render(style("in-text", NO_CITATION, bibliography), items, &[]);
    assert_eq!(entries, ["Anonymous chronicle. 1850"]);
}

/// Spec, Disambiguation: given names are expanded to tell cites apart; the
/// bibliography entries of those items show the same given-name detail,
/// so that they are told apart as well.
#[test]
fn bibliography_entries_show_the_given_names_that_disambiguate_cites() {
    let citation = r#"<citation disambiguate-add-givenname="true"><layout delimiter="; ">
      <group delimiter=" "><names variable="author"><name form="short"/></names>
      <date variable="issued"><date-part name="year"/></date></group>
    </layout></citation>"#;
    let bibliography = r#"<bibliography><layout><group delimiter=", ">
      <names variable="author"><name name-as-sort-order="all" initialize-with=". "/></names>
      <date variable="issued"><date-part name="year"/></date>
    </group></layout></bibliography>"#;
    let items = r#"[
      {"id":"a","type":"book","author":[{"family":"Evans","given":"Matthew"}],"issued":{"date-parts":[[1962]]}},
      {"id":"b","type":"book","author":[{"family":"Evans","given":"M."}],"issued":{"date-parts":[[1962]]}},
      {"id":"c","type":"book","author":[{"family":"Lee","given":"Ann"}],"issued":{"date-parts":[[1970]]}}
    ]"#;
    let (cites, entries) = render(
        style("in-text", citation, bibliography),
        items,
        &[&["a", "b", "c"]],
    );
    assert_eq!(cites, ["Matthew Evans 1962; M. Evans 1962; Lee 1970"]);
    assert_eq!(
        entries,
        ["Evans, Matthew, 1962", "Evans, M., 1962", "Lee, A., 1970"]
    );
}

/// Spec, subsequent-author-substitute-rule "partial-first": when the first
/// name matches the preceding entry's, only that name is replaced.
#[test]
fn partial_first_substitutes_a_matching_first_name_only() {
    let bibliography = |rule: &str| {
        format!(
            r#"<bibliography subsequent-author-substitute="———" subsequent-author-substitute-rule="{rule}"><layout>
              <names variable="author"><name name-as-sort-order="first" and="text" delimiter=", "/></names>
            </layout></bibliography>"#
        )
    };
    let items = r#"[
      {"id":"a","type":"book","author":[{"family":"Allen","given":"Nancy"},{"family":"Brown","given":"Bob"}]},
      {"id":"b","type":"book","author":[{"family":"Allen","given":"Nancy"},{"family":"Brown","given":"Bob"},{"family":"Clark","given":"Carl"}]},
      {"id":"c","type":"book","author":[{"family":"Allen","given":"Nancy"},{"family":"Brown","given":"Bob"},{"family":"Clark","given":"Carl"}]}
    ]"#;
    let render_rule = |rule| {
        render(
            style("in-text", NO_CITATION, &bibliography(rule)),
            items,
            &[],
        )
        .1
    };
    assert_eq!(
        render_rule("partial-first"),
        [
            "Allen, Nancy and Bob Brown",
            "———, Bob Brown, and Carl Clark",
            "———, Bob Brown, and Carl Clark",
        ]
    );
    assert_eq!(
        render_rule("partial-each"),
        [
            "Allen, Nancy and Bob Brown",
            "———, ———, and Carl Clark",
            "———, ———, and ———",
        ]
    );
    assert_eq!(
        render_rule("complete-each"),
        [
            "Allen, Nancy and Bob Brown",
            "Allen, Nancy, Bob Brown, and Carl Clark",
            "———, ———, and ———",
        ]
    );
    assert_eq!(
        render_rule("complete-all"),
        [
            "Allen, Nancy and Bob Brown",
            "Allen, Nancy, Bob Brown, and Carl Clark",
            "———",
        ]
    );
}

/// Small caps inside small caps stay small caps, and italics set by the
/// style inside italics stay italic; only markup in a field value
/// (`<i>` in a title) flips against the formatting around it.
#[test]
fn nested_small_caps_and_italics_from_the_style_do_not_flip() {
    let citation = r#"<citation><layout>
      <group font-variant="small-caps" delimiter=", ">
        <text variable="title" font-variant="small-caps"/>
        <group font-style="italic"><text variable="container-title" font-style="italic"/></group>
      </group>
    </layout></citation>"#;
    let items = r#"[{"id":"a","type":"article-journal","title":"Tarih","container-title":"Journal of <i>Ottoman</i> Studies"}]"#;
    let items_json = JsonItem::parse_array(items).expect("items");
    let refs: Vec<&dyn CslItem> = items_json.iter().map(|i| i as &dyn CslItem).collect();
    let processor = csl::processor_with_locale(
        style("in-text", citation, ""),
        Some("en-US"),
        &csl::embedded_locales,
    );
    let cluster = Cluster {
        cites: vec![Cite {
            id: "a".into(),
            ..Cite::default()
        }],
        note_number: None,
    };
    let out = processor.process(&refs, &[cluster]);
    assert_eq!(
        csl::render(&out.citations[0], Format::Html),
        "<span style=\"font-variant:small-caps;\">Tarih, <i>Journal of <span style=\"font-style:normal;\">Ottoman</span> Studies</i></span>"
    );
}
