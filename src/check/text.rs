//! Typography of text values: stray whitespace, doubled punctuation and
//! straight quotes in titles, and text not in Unicode NFC. NFC is judged on the
//! raw file text, because the loader normalises the values it keeps.

use super::{finding, RecordCx, Rule};
use crate::diag::{Diagnostic, Severity, Span};
use crate::model::MultiText;
use std::path::Path;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

macro_rules! rule {
    ($name:ident, $id:literal, $severity:ident, $fix:literal, $summary:literal) => {
        pub static $name: Rule = Rule {
            id: $id,
            severity: Severity::$severity,
            family: "text",
            summary: $summary,
            fixable: $fix,
        };
    };
}

rule!(
    NOT_NFC,
    "not-nfc",
    Warning,
    true,
    "text is not in Unicode NFC (decomposed letters sort and compare wrongly)"
);
rule!(
    STRAY_WHITESPACE,
    "stray-whitespace",
    Warning,
    false,
    "a value has leading, trailing, doubled or non-space whitespace"
);
rule!(
    DOUBLED_PUNCTUATION,
    "doubled-punctuation",
    Warning,
    false,
    "a title has doubled punctuation (`,,` `..` `;;`), not an ellipsis"
);
rule!(
    STRAIGHT_QUOTES,
    "straight-quotes",
    Info,
    false,
    "a title uses straight quotes (\" or ') where typographic ones belong"
);

rule!(
    EMPTY_FIELD,
    "empty-field",
    Error,
    false,
    "a text field (or one of its forms) is empty or only whitespace"
);
rule!(
    CONTROL_CHARACTER,
    "control-character",
    Error,
    true,
    "a value holds a control character (ESC, BEL, C1 …) that can take over a terminal"
);

pub static RULES: &[&Rule] = &[
    &NOT_NFC,
    &STRAY_WHITESPACE,
    &DOUBLED_PUNCTUATION,
    &STRAIGHT_QUOTES,
    &EMPTY_FIELD,
    &CONTROL_CHARACTER,
];

/// Fields whose values are titles, where typography matters.
const TITLES: &[&str] = &[
    "title",
    "title-short",
    "container-title",
    "container-title-short",
    "collection-title",
    "original-title",
    "event-title",
    "reviewed-title",
    "volume-title",
    "part-title",
];

/// Free-text fields where line breaks and spacing are the author's business.
const PROSE: &[&str] = &["abstract", "note", "annote"];

pub fn check(cx: &mut RecordCx) {
    let entry = cx.entry;
    for (name, field) in &entry.texts {
        let forms = forms(&field.value);
        if forms.iter().any(|t| t.trim().is_empty()) {
            cx.report(
                &EMPTY_FIELD,
                field.span,
                format!("`{name}` is empty"),
                format!("fill in `{name}`, or delete the line"),
            );
        }
        if let Some(c) = forms.iter().find_map(|t| control_character(t)) {
            report_control(cx, field.span, &format!("`{name}`"), c);
        }
        if PROSE.contains(name) {
            continue;
        }
        if let Some(problem) = forms.iter().find_map(|t| whitespace_problem(t)) {
            cx.report(
                &STRAY_WHITESPACE,
                field.span,
                format!("`{name}` {problem}"),
                "remove the extra whitespace".into(),
            );
        }
        if !TITLES.contains(name) {
            continue;
        }
        if let Some(p) = forms.iter().find_map(|t| doubled_punctuation(t)) {
            cx.report(
                &DOUBLED_PUNCTUATION,
                field.span,
                format!("`{name}` has `{p}`"),
                "keep one mark (an ellipsis is …)".into(),
            );
        }
        if let Some(q) = forms.iter().find_map(|t| straight_quote(t)) {
            cx.report(
                &STRAIGHT_QUOTES,
                field.span,
                format!("`{name}` has a straight quote `{q}`"),
                "use typographic quotes for the language: “…”, «…», ‘…’ or the apostrophe ’".into(),
            );
        }
    }
    check_names(cx);
}

fn check_names(cx: &mut RecordCx) {
    for (name, field) in &cx.entry.names {
        for person in &field.value {
            let found = person
                .parts()
                .find_map(|p| forms(p).into_iter().find_map(control_character));
            if let Some(c) = found {
                report_control(cx, person.span, &format!("a name in `{name}`"), c);
            }
            if let Some(problem) = person
                .parts()
                .find_map(|p| forms(p).into_iter().find_map(whitespace_problem))
            {
                cx.report(
                    &STRAY_WHITESPACE,
                    person.span,
                    format!("a name in `{name}` {problem}"),
                    "remove the extra whitespace".into(),
                );
            }
        }
    }
}

fn report_control(cx: &mut RecordCx, span: Span, what: &str, c: char) {
    cx.report(
        &CONTROL_CHARACTER,
        span,
        format!("{what} holds the control character U+{:04X}", u32::from(c)),
        "run `kaynak check --fix` to remove it (it could rewrite a terminal's title or clipboard)"
            .into(),
    );
}

fn control_character(text: &str) -> Option<char> {
    text.chars()
        .find(|c| crate::model::is_control_character(*c))
}

/// Every form of a text: original, transliteration, translations.
fn forms(text: &MultiText) -> Vec<&str> {
    let mut out = vec![text.original.as_str()];
    out.extend(text.translit.as_deref());
    out.extend(text.translations.values().map(String::as_str));
    out
}

fn whitespace_problem(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        return None;
    }
    if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
        return Some("starts or ends with whitespace");
    }
    // A byte scan: a `str` pattern would set up a substring searcher per text.
    if text.as_bytes().windows(2).any(|w| w == b"  ") {
        return Some("has doubled spaces");
    }
    // ASCII other than tab … carriage return is never an unusual space:
    // decode characters only when there is something else to look at.
    let maybe_unusual = text
        .bytes()
        .any(|b| matches!(b, b'\t'..=b'\r') || !b.is_ascii());
    if maybe_unusual
        && text
            .chars()
            .any(|c| c.is_whitespace() && c != ' ' && c != '\u{00A0}' && c != '\u{202F}')
    {
        return Some("has a tab, line break or unusual space");
    }
    None
}

fn doubled_punctuation(text: &str) -> Option<String> {
    // The marks are ASCII: most titles are passed over without decoding.
    let doubled =
        |w: &[u8]| w[0] == w[1] && matches!(w[0], b',' | b';' | b':' | b'.' | b'!' | b'?');
    if !text.as_bytes().windows(2).any(doubled) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, pair) in chars.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        if a != b || !matches!(a, ',' | ';' | ':' | '.' | '!' | '?') {
            continue;
        }
        let ellipsis =
            a == '.' && (chars.get(i + 2) == Some(&'.') || (i > 0 && chars[i - 1] == '.'));
        if !ellipsis {
            return Some(format!("{a}{b}"));
        }
    }
    None
}

/// A straight double quote anywhere, or a straight single quote used as a
/// quotation mark (at a word's edge, not an apostrophe inside a word).
fn straight_quote(text: &str) -> Option<char> {
    if !text.bytes().any(|b| b == b'"' || b == b'\'') {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' {
            return Some(c);
        }
        if c == '\'' {
            let before = i
                .checked_sub(1)
                .and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric());
            let after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
            if before != after || !before {
                return Some(c);
            }
        }
    }
    None
}

/// A finding for the first line of `text` (a file's raw contents) not in NFC.
pub fn nfc_in_source(path: &Path, text: &str) -> Option<Diagnostic> {
    // Most files are plainly NFC (ASCII, Latin, Cyrillic): a byte scan says
    // so without decoding; the quick check decides the rest.
    if crate::text::is_plainly_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let normal: String = line.nfc().collect();
        if normal != line {
            let column = line
                .char_indices()
                .zip(normal.chars())
                .find(|((_, a), b)| a != b)
                .map_or(0, |((i, _), _)| i);
            let start = offset + column;
            let span = Span::new(start, offset + line.trim_end().len());
            return Some(finding(
                &NOT_NFC,
                path,
                text,
                span,
                "the text is not in Unicode NFC (a letter is written as base + combining mark)"
                    .into(),
                "run `kaynak check --fix` to normalise the file to NFC".into(),
            ));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, fires};
    use super::*;

    fn doc(title: &str) -> String {
        format!("type = \"document\"\nissued = \"2001\"\ntitle = \"{title}\"\n")
    }

    #[test]
    fn clean_titles_are_quiet() {
        for t in [
            "Pakistan’s “Eagle”",
            "Wait… what?",
            "Don't stop",
            "A, B; C: D.",
        ] {
            assert!(codes(&doc(t)).is_empty(), "{t}: {:?}", codes(&doc(t)));
        }
        let russian = format!("language = \"ru\"\n{}", doc("«Вестник»"));
        assert!(codes(&russian).is_empty(), "{:?}", codes(&russian));
    }

    #[test]
    fn typography_fires() {
        assert!(fires(&doc(" Title"), "stray-whitespace"));
        assert!(fires(&doc("Two  spaces"), "stray-whitespace"));
        assert!(fires(&doc("Tab\\there"), "stray-whitespace"));
        assert!(fires(&doc("Title,, again"), "doubled-punctuation"));
        assert!(fires(&doc("End.."), "doubled-punctuation"));
        assert!(!fires(&doc("End..."), "doubled-punctuation"));
        assert!(fires(&doc("The \\\"Eagle\\\""), "straight-quotes"));
        assert!(fires(&doc("The 'Eagle'"), "straight-quotes"));
    }

    #[test]
    fn empty_fields_and_control_characters_fire() {
        assert!(fires(&doc(""), "empty-field"));
        assert!(fires(&doc("  "), "empty-field"));
        let translation =
            "type = \"book\"\ntitle = { original = \"T\", translation = { en = \"\" } }\n";
        assert!(fires(translation, "empty-field"));
        assert!(!fires(&doc("T"), "empty-field"));
        assert!(fires(
            &doc("Osc \\u001b]52;c;aGk=\\u0007"),
            "control-character"
        ));
        assert!(fires(&doc("C1 \\u009b31m"), "control-character"));
        let name = "type = \"book\"\ntitle = \"T\"\nauthor = [{ family = \"A\\u001b[2J\" }]\n";
        assert!(fires(name, "control-character"));
        let note = "type = \"book\"\ntitle = \"T\"\nnote = \"line\\nbreak\\tand tab\"\n";
        assert!(!fires(note, "control-character"));
    }

    #[test]
    fn nfc_is_judged_on_the_raw_text() {
        let decomposed = doc("Bu\u{0308}lten");
        assert!(fires(&decomposed, "not-nfc"));
        assert!(!fires(&doc("Bülten"), "not-nfc"));
        let d = nfc_in_source(Path::new("x.toml"), &decomposed).unwrap();
        assert_eq!(d.location.unwrap().line, 3);
    }
}
