//! Malformed styles give clear diagnostics, never a panic.

use kaynak::csl::{Locale, Style};

fn errors(xml: &str) -> Vec<String> {
    match Style::parse(xml) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(|d| d.to_string()).collect(),
    }
}

const HEAD: &str =
    r#"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">"#;

#[test]
fn invalid_xml_is_reported_with_position() {
    let found = errors(&format!("{HEAD}\n<citation><layout></citation></style>"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("2:"), "{found:?}");
    assert!(found[0].contains("invalid XML"), "{found:?}");
}

#[test]
fn unknown_element_is_an_error() {
    let found = errors(&format!(
        "{HEAD}<citation><layout><txt variable=\"title\"/></layout></citation></style>"
    ));
    assert!(
        found
            .iter()
            .any(|e| e.contains("unknown rendering element <txt>")),
        "{found:?}"
    );
}

#[test]
fn unknown_attribute_is_a_warning_with_position() {
    let style = Style::parse(&format!(
        "{HEAD}\n<citation><layout><text variable=\"title\" colour=\"red\"/></layout></citation></style>"
    ))
    .expect("a warning is not fatal");
    assert_eq!(style.warnings.len(), 1);
    assert!(style.warnings[0].to_string().contains("colour"));
    assert_eq!(style.warnings[0].line, 2);
}

#[test]
fn unknown_value_is_a_warning() {
    let style = Style::parse(&format!(
        "{HEAD}<citation><layout><text variable=\"title\" font-style=\"wavy\"/></layout></citation></style>"
    ))
    .expect("a warning is not fatal");
    assert!(style.warnings[0].message.contains("wavy"));
}

#[test]
fn macro_loop_is_an_error() {
    let found = errors(&format!(
        "{HEAD}<macro name=\"a\"><text macro=\"b\"/></macro><macro name=\"b\"><group><text macro=\"a\"/></group></macro>\
         <citation><layout><text macro=\"a\"/></layout></citation></style>"
    ));
    assert!(
        found.iter().any(|e| e.contains("calls itself")),
        "{found:?}"
    );
}

#[test]
fn self_calling_macro_is_an_error() {
    let found = errors(&format!(
        "{HEAD}<macro name=\"a\"><text macro=\"a\"/></macro><citation><layout><text macro=\"a\"/></layout></citation></style>"
    ));
    assert!(
        found.iter().any(|e| e.contains("`a` calls itself")),
        "{found:?}"
    );
}

#[test]
fn missing_macro_is_an_error() {
    let found = errors(&format!(
        "{HEAD}<citation><layout><text macro=\"nowhere\"/></layout></citation></style>"
    ));
    assert!(
        found.iter().any(|e| e.contains("`nowhere` is not defined")),
        "{found:?}"
    );
}

const BOMB: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><citation><layout><text value="&lol9;"/></layout></citation></style>"#;

#[test]
fn entity_bomb_is_rejected() {
    let found = errors(BOMB);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("invalid XML"), "{found:?}");
}

#[test]
fn entity_bomb_in_locale_is_rejected() {
    let text = BOMB
        .replace("<style", "<locale")
        .replace("</style>", "</locale>");
    assert!(Locale::parse(&text).is_err());
}

#[test]
fn wrong_root_and_empty_input_do_not_panic() {
    assert!(!errors("<locale/>").is_empty());
    assert!(!errors("").is_empty());
    assert!(!errors(&format!("{HEAD}</style>")).is_empty());
}
