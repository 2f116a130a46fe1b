//! The kaynak multilingual CSL extension (docs/csl-extension.md) on small
//! styles and CSL-JSON items: diagnostics for `k:` attributes, forms by
//! scheme, rule N, `k:recase`, `k:language`, `k:script-order`, item locales.

use kaynak::csl::{self, Cite, Cluster, CslItem, Format, JsonItem, Style};

const OPEN: &str = r#"<style xmlns="http://purl.org/net/xbiblio/csl" xmlns:k="https://kaynak.dev/csl-extension" version="1.0" class="in-text""#;

fn errors(xml: &str) -> Vec<String> {
    match Style::parse(xml) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(|d| d.to_string()).collect(),
    }
}

fn style(attrs: &str, body: &str) -> String {
    format!("{OPEN} {attrs}>\n{body}</style>")
}

/// Render each item's bibliography entry (or, with no bibliography, its citation).
fn render(xml: &str, json: &str) -> Vec<String> {
    let style = Style::parse(xml).unwrap_or_else(|e| panic!("{e:?}"));
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
    match out.bibliography {
        Some(b) => b
            .entries
            .iter()
            .map(|e| csl::render(&e.content, Format::Text))
            .collect(),
        None => out
            .citations
            .iter()
            .map(|c| csl::render(c, Format::Text))
            .collect(),
    }
}

const CITE_TITLE: &str =
    "<citation><layout><text variable=\"title\" text-case=\"title\"/></layout></citation>";

#[test]
fn unknown_and_misplaced_attributes_are_errors_with_position() {
    let found = errors(&style(
        "k:version=\"1\"",
        "<citation><layout>\n<text variable=\"title\" k:frobs=\"x\"/></layout></citation>",
    ));
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("3:1:") && e.contains("k:frobs")),
        "{found:?}"
    );
    let found = errors(&style(
        "k:version=\"1\"",
        "<citation><layout><group k:forms=\"translit\"><text variable=\"title\"/></group></layout></citation>",
    ));
    assert!(
        found.iter().any(|e| e.contains("not allowed on <group>")),
        "{found:?}"
    );
}

#[test]
fn bad_values_and_versions_are_errors() {
    for (attrs, want) in [
        ("k:version=\"2\"", "version 1"),
        ("k:title-forms=\"translit\"", "k:version"),
        (
            "k:version=\"1\" k:translit=\"klingon\"",
            "unknown transliteration scheme",
        ),
        (
            "k:version=\"1\" k:title-forms=\"translit translit\"",
            "appears twice",
        ),
        ("k:version=\"1\" k:item-locales=\"ru=*\"", "cannot be"),
    ] {
        let found = errors(&style(attrs, CITE_TITLE));
        assert!(found.iter().any(|e| e.contains(want)), "{attrs}: {found:?}");
    }
}

#[test]
fn other_namespaces_are_ignored() {
    let xml = format!(
        r#"<style xmlns="http://purl.org/net/xbiblio/csl" xmlns:x="urn:x" version="1.0" class="in-text" x:foo="1">{CITE_TITLE}</style>"#
    );
    let parsed = Style::parse(&xml).expect("parses");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

const RUSSIAN: &str = r#"[{"id":"a","type":"book","language":"ru","title":"Военная доктрина Ильхама","author":[{"family":"Ниязов","given":"Н. С."}]},
 {"id":"b","type":"book","language":"tr","title":"ilişkiler ve iş birliği"},
 {"id":"c","type":"book","language":"en","title":"relations between states"}]"#;

#[test]
fn forms_transliterate_by_scheme_with_primes() {
    let xml = style(
        "k:version=\"1\" k:translit=\"ala-lc-plain\" k:title-forms=\"translit\" k:name-forms=\"translit\"",
        "<citation><layout delimiter=\"; \"><names variable=\"author\"><name/></names><text variable=\"title\" prefix=\", \"/></layout></citation>",
    );
    let out = render(&xml, RUSSIAN);
    assert_eq!(out[0], "N. S. Niiazov, Voennaia doktrina Ilʹkhama");
    let original = style(
        "k:version=\"1\" k:title-forms=\"original\"",
        "<citation><layout><text variable=\"title\"/></layout></citation>",
    );
    assert_eq!(render(&original, RUSSIAN)[0], "Военная доктрина Ильхама");
}

/// A style that states no forms prints text in the output's script as written
/// and romanises the rest (ALA-LC without diacritics when it names no scheme).
#[test]
fn unstated_forms_follow_the_output_script() {
    let body = "<citation><layout><text variable=\"title\"/></layout></citation>";
    let english = style("k:version=\"1\" default-locale=\"en-US\"", body);
    let out = render(&english, RUSSIAN);
    assert_eq!(out[0], "Voennaia doktrina Ilʹkhama");
    assert_eq!(out[1], "ilişkiler ve iş birliği");
    let russian = style("k:version=\"1\" default-locale=\"ru-RU\"", body);
    let out = render(&russian, RUSSIAN);
    assert_eq!(out[0], "Военная доктрина Ильхама");
    assert_eq!(out[1], "ilişkiler ve iş birliği");
}

#[test]
fn rule_n_and_turkish_recase() {
    let plain = style("k:version=\"1\" default-locale=\"en-US\"", CITE_TITLE);
    let out = render(&plain, RUSSIAN);
    assert_eq!(
        out[1], "ilişkiler ve iş birliği",
        "rule N keeps Turkish as stored"
    );
    assert_eq!(out[2], "Relations between States");
    let recase = style("k:version=\"1\" k:recase=\"tr\"", CITE_TITLE);
    assert_eq!(render(&recase, RUSSIAN)[1], "İlişkiler ve İş Birliği");
}

#[test]
fn language_condition() {
    let xml = style(
        "k:version=\"1\"",
        r#"<citation><layout><choose><if variable="language" k:language="ru uk" match="all"><text value="(in Russian)"/></if><else><text value="-"/></else></choose></layout></citation>"#,
    );
    assert_eq!(render(&xml, RUSSIAN), vec!["(in Russian)", "-", "-"]);
}

#[test]
fn script_order_groups_cyrillic_first() {
    let xml = style(
        "k:version=\"1\" k:title-forms=\"original\"",
        r#"<citation><layout><text variable="title"/></layout></citation>
<bibliography><sort><key variable="title" k:script-order="Cyrl Latn"/></sort><layout><text variable="title"/></layout></bibliography>"#,
    );
    let out = render(&xml, RUSSIAN);
    assert_eq!(out[0], "Военная доктрина Ильхама");
    assert_eq!(out[1], "ilişkiler ve iş birliği");
}

#[test]
fn item_locales_pick_terms_per_item() {
    let xml = style(
        "k:version=\"1\" default-locale=\"ru-RU\" k:item-locales=\"ru *=en\"",
        r#"<citation><layout><text variable="title" suffix=" "/><text term="page" form="short"/></layout></citation>"#,
    );
    let out = render(&xml, RUSSIAN);
    assert_eq!(out[0], "Военная доктрина Ильхама с.");
    assert_eq!(out[2], "relations between states p.");
}

#[test]
fn gost_terms_follow_each_item_language() {
    let loaded = kaynak::adapter::load_style("gost-r-7.0.100-2018", &[]).expect("gost");
    let processor = csl::processor_with_locale(loaded.style, None, &csl::embedded_locales);
    let json = r#"[{"id":"ru","type":"article-journal","language":"ru","title":"Развитие связей","author":[{"family":"Ниязов","given":"Н. С."}],"container-title":"Вестник","issue":"1"},
      {"id":"en","type":"article-journal","language":"en","title":"Title","author":[{"family":"Smith","given":"J."}],"container-title":"Journal","volume":"7","issue":"1","issued":{"date-parts":[[2019]]}}]"#;
    let items = JsonItem::parse_array(json).expect("items");
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let cite = |id: &str, page: &str| Cluster {
        cites: vec![Cite {
            id: id.to_string(),
            locator: Some(page.to_string()),
            label: Some("page".to_string()),
            ..Cite::default()
        }],
        note_number: None,
    };
    let clusters = [
        cite("ru", "106"),
        cite("ru", "107"),
        cite("en", "106"),
        cite("en", "107"),
    ];
    let out = processor.process(&refs, &clusters);
    let notes: Vec<String> = out
        .citations
        .iter()
        .map(|c| csl::render(c, Format::Text))
        .collect();
    assert_eq!(notes[1], "Там же. С. 107.");
    assert_eq!(
        notes[2],
        "Smith J. Title // Journal. 2019. Vol. 7, No. 1. P. 106."
    );
    assert_eq!(notes[3], "Ibid. P. 107.");
}

#[test]
fn locale_pins_override_the_item_locale() {
    let xml = style(
        "k:version=\"1\" default-locale=\"en-US\" k:item-locales=\"ru *=en\"",
        r#"<citation><layout><group delimiter=" "><text term="page" form="short"/><text term="page" form="short" k:locale="ru"/><group k:locale="default"><text term="page" form="short"/></group></group></layout></citation>"#,
    );
    let out = render(&xml, RUSSIAN);
    assert_eq!(out[0], "с. с. p.");
    assert_eq!(out[2], "p. с. p.");
}

#[test]
fn names_carry_attachments_in_secondary_forms() {
    let xml = style(
        "k:version=\"1\" k:translit=\"ala-lc-plain\"",
        r#"<citation><layout><names variable="author"><name name-as-sort-order="all" initialize-with=". " k:forms="original [translit]"/></names></layout></citation>"#,
    );
    let json = r#"[{"id":"a","type":"book","language":"ru","author":[{"family":"Ниязов","given":"Н. С."},{"family":"Smith","given":"John"}]}]"#;
    assert_eq!(
        render(&xml, json)[0],
        "Ниязов, Н. С. [Niiazov, N. S.], Smith, J."
    );
}

#[test]
fn substitute_text_does_not_take_the_names_forms() {
    // In a Cyrillic locale the title is printed as written unless forms reach it.
    let xml = style(
        "k:version=\"1\" default-locale=\"ru-RU\" k:translit=\"ala-lc-plain\"",
        r#"<citation><layout><names variable="author" k:forms="translit"><substitute><text variable="title"/></substitute></names></layout></citation>"#,
    );
    assert_eq!(render(&xml, RUSSIAN)[1], "ilişkiler ve iş birliği");
    let json = r#"[{"id":"a","type":"book","language":"ru","title":"Военная доктрина"}]"#;
    assert_eq!(render(&xml, json)[0], "Военная доктрина");
}

#[test]
fn dotless_i_sorts_after_h_in_turkish_and_as_i_elsewhere() {
    let json = r#"[{"id":"a","type":"book","title":"ia"},{"id":"b","type":"book","title":"ıb"},{"id":"c","type":"book","title":"hz"},{"id":"d","type":"book","title":"j"}]"#;
    let body = r#"<citation><layout><text variable="title"/></layout></citation>
<bibliography><sort><key variable="title"/></sort><layout><text variable="title"/></layout></bibliography>"#;
    let turkish = style("k:version=\"1\" default-locale=\"tr-TR\"", body);
    assert_eq!(render(&turkish, json), vec!["hz", "ıb", "ia", "j"]);
    let english = style("k:version=\"1\" default-locale=\"en-US\"", body);
    assert_eq!(render(&english, json), vec!["hz", "ia", "ıb", "j"]);
}
