//! A name list that ends in `{"literal": "others"}` (BibTeX's `and others`,
//! as pandoc and kaynak write it in CSL-JSON) prints the locale's et-al.
//! term after the names before it, with the style's et-al. rules, instead of
//! the word "others".

use kaynak_csl::{self as csl, Cite, Cluster, CslItem, Format, JsonItem, Style};

fn bibliography(names: &str, json: &str) -> Vec<String> {
    let xml = format!(
        r#"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout>{names}</layout></bibliography></style>"#
    );
    let style = Style::parse(&xml).unwrap_or_else(|e| panic!("{e:?}"));
    let items = JsonItem::parse_array(json).expect("items");
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let clusters: Vec<Cluster> = items
        .iter()
        .map(|i| Cluster {
            cites: vec![Cite {
                id: i.id.clone(),
                ..Cite::default()
            }],
            note_number: None,
        })
        .collect();
    let processor = csl::processor_with_locale(style, None, &csl::embedded_locales);
    let out = processor.process(&refs, &clusters);
    out.bibliography
        .expect("a bibliography")
        .entries
        .iter()
        .map(|e| csl::render(&e.content, Format::Text))
        .collect()
}

const ITEMS: &str = r#"[
  {"id": "one", "type": "book", "author": [{"family": "Doe", "given": "Jane"}, {"literal": "others"}]},
  {"id": "two", "type": "book", "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Rick"}, {"literal": "others"}]},
  {"id": "many", "type": "book", "author": [{"family": "Doe"}, {"family": "Roe"}, {"family": "Poe"}, {"literal": "others"}]},
  {"id": "org", "type": "book", "author": [{"literal": "others"}, {"family": "Doe"}]}
]"#;

#[test]
fn others_prints_the_et_al_term_with_the_styles_delimiter_rules() {
    let got = bibliography(
        r#"<names variable="author"><name initialize-with=". " and="text"/></names>"#,
        ITEMS,
    );
    assert_eq!(
        got,
        [
            "J. Doe et al.",
            "J. Doe, R. Roe, et al.",
            "Doe, Roe, Poe, et al.",
            "others and Doe"
        ]
    );
}

#[test]
fn others_follows_the_et_al_element_and_delimiter_precedes_et_al() {
    let got = bibliography(
        r#"<names variable="author"><name delimiter-precedes-et-al="never"/><et-al font-style="italic"/></names>"#,
        ITEMS,
    );
    assert_eq!(got[1], "Jane Doe, Rick Roe et al.");
    let html = {
        let xml = r#"<names variable="author"><name delimiter-precedes-et-al="always"/><et-al term="and others"/></names>"#;
        bibliography(xml, ITEMS)
    };
    assert_eq!(html[0], "Jane Doe, and others");
}

#[test]
fn a_truncated_list_gets_one_et_al_and_the_count_leaves_others_out() {
    let got = bibliography(
        r#"<names variable="author"><name et-al-min="3" et-al-use-first="1" et-al-use-last="true"/></names>
<text value=" / "/><names variable="author"><name form="count"/></names>"#,
        ITEMS,
    );
    // et-al-use-last cannot name the last author of an open list.
    assert_eq!(got[2], "Doe et al. / 3");
    assert_eq!(got[0], "Jane Doe et al. / 1");
}
