//! Tests of the output tree and the passes shared by the backends.

use super::*;

/// A 10,000-item run keeps a few hundred thousand nodes: each byte of a
/// node is a few hundred kilobytes of peak memory.
#[test]
fn a_node_stays_five_words() {
    assert!(std::mem::size_of::<Inline>() <= 40);
}

/// One pass gives what flattening then cleaning up gives: punctuation
/// dropped after punctuation, moved into quotes, doubled spaces, a colon
/// replaced, empty marks, nested formatting and flips.
#[test]
fn events_are_the_normalized_flattening() {
    let text = |t: &str| Inline::Text(t.into());
    let italic = Formatting {
        font_style: Some(FontStyle::Italic),
        ..Formatting::default()
    };
    let quoted = |children| Inline::quoted("“", "”", true, children);
    let trees = [
        Inline::seq(vec![
            text("A."),
            text(". B"),
            text(" "),
            text(" C:"),
            text("? D"),
        ]),
        Inline::seq(vec![
            quoted(vec![text("Title")]),
            text(". Next,"),
            text(","),
        ]),
        Inline::seq(vec![
            quoted(vec![quoted(vec![text("In")])]),
            text("?"),
            Inline::quoted("", "", false, vec![text("x")]),
            text(";"),
            text("."),
        ]),
        Inline::Formatted(
            italic,
            vec![
                text("a "),
                Inline::Markup(italic, vec![text("b.")]),
                Inline::Formatted(italic, vec![text(".c")]),
                Inline::Display(Display::Block, vec![text(" d")]),
            ],
        ),
    ];
    for tree in &trees {
        assert_eq!(events(tree), normalize(flatten(tree)), "{tree:?}");
    }
    assert!(events(&trees[0]) != flatten(&trees[0]));
}

#[test]
fn quoted_text_keeps_its_marks() {
    let node = Inline::quoted(
        "«".to_string(),
        "»".to_string(),
        false,
        vec![Inline::Text("Tarih".into())],
    );
    assert_eq!(node.plain_text(), "«Tarih»");
}
