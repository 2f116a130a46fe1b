//! Typography of text values: stray whitespace, doubled punctuation and
//! straight quotes in titles, empty values, control characters, and text not
//! in Unicode NFC. NFC is judged on the raw file text, because the loader
//! normalises the values it keeps.

use super::rules::rules;
use super::{finding, quote, RecordCx};
use crate::diag::{Diagnostic, Edit, Fix, Span};
use crate::model::MultiText;
use std::path::Path;
use toml_edit::{Item, TableLike, Value};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

rules! {
    family: "text", record: check, file: nfc_in_source;

    /// A letter is written as a base letter and a combining mark (`u` + `◌̈`)
    /// instead of one precomposed character (`ü`), as some PDFs and macOS
    /// file names give it. It looks the same but sorts, searches and compares
    /// differently. Judged on the file's text; `--fix` normalises the file.
    NOT_NFC {
        id: "not-nfc",
        severity: Warning,
        summary: "text is not in Unicode NFC (decomposed letters sort and compare wrongly)",
        fix: "normalises the file to NFC",
    }

    /// A value starts or ends with whitespace, has two spaces in a row, or
    /// holds a tab, line break or unusual space (no-break spaces are
    /// allowed). Styles print them. Prose fields (`abstract`, `note`,
    /// `annote`) are left alone.
    STRAY_WHITESPACE {
        id: "stray-whitespace",
        severity: Warning,
        summary: "a value has leading, trailing, doubled or non-space whitespace",
    }

    /// A title has `,,` `;;` `::` `..` `!!` or `??` — a typo, since an
    /// ellipsis (`...` or `…`) is told apart.
    DOUBLED_PUNCTUATION {
        id: "doubled-punctuation",
        severity: Warning,
        summary: "a title has doubled punctuation (`,,` `..` `;;`), not an ellipsis",
    }

    /// A title quotes with `"` or `'` where the language's typographic quotes
    /// belong (“…”, «…», ‘…’); an apostrophe inside a word is fine.
    STRAIGHT_QUOTES {
        id: "straight-quotes",
        severity: Info,
        summary: "a title uses straight quotes (\" or ') where typographic ones belong",
    }

    /// A text field, or one of its forms (original, transliteration, a
    /// translation), is empty or only whitespace: styles would print an empty
    /// slot. Fill it in, or delete the line.
    EMPTY_FIELD {
        id: "empty-field",
        severity: Error,
        summary: "a text field (or one of its forms) is empty or only whitespace",
    }

    /// A value holds a control character (ESC, BEL, C1 controls …), usually
    /// pasted from a terminal or a broken export. Printed to a terminal it can
    /// retitle the window or write the clipboard. `--fix` removes them from
    /// the finding's strings; tabs and line breaks stay.
    CONTROL_CHARACTER {
        id: "control-character",
        severity: Error,
        summary: "a value holds a control character (ESC, BEL, C1 …) that can take over a terminal",
        fix: "removes the control characters",
    }
}

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
        let forms = || forms(&field.value);
        if forms().any(|t| t.trim().is_empty()) {
            cx.report(
                &EMPTY_FIELD,
                field.span,
                format!("`{name}` is empty"),
                format!("fill in `{name}`, or delete the line"),
            );
        }
        if let Some(c) = forms().find_map(control_character) {
            report_control(cx, name, field.span, &format!("`{name}`"), c);
        }
        if PROSE.contains(name) {
            continue;
        }
        if let Some(problem) = forms().find_map(whitespace_problem) {
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
        if let Some(p) = forms().find_map(doubled_punctuation) {
            cx.report(
                &DOUBLED_PUNCTUATION,
                field.span,
                format!("`{name}` has `{p}`"),
                "keep one mark (an ellipsis is …)".into(),
            );
        }
        if let Some(q) = forms().find_map(straight_quote) {
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
                .find_map(|p| forms(p).find_map(control_character));
            if let Some(c) = found {
                report_control(cx, name, person.span, &format!("a name in `{name}`"), c);
            }
            if let Some(problem) = person
                .parts()
                .find_map(|p| forms(p).find_map(whitespace_problem))
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

/// Reports a control character in the field `name` (or in the name at
/// `span` of the list `name`), with the fix that removes every control
/// character from the strings there.
fn report_control(cx: &mut RecordCx, name: &str, span: Span, what: &str, c: char) {
    let fix = control_fix(cx.text(), name, span);
    cx.report_fixed(
        &CONTROL_CHARACTER,
        span,
        format!("{what} holds the control character U+{:04X}", u32::from(c)),
        "run `kaynak check --fix` to remove it (it could rewrite a terminal's title or clipboard)"
            .into(),
        fix,
    );
}

/// Edits that remove the control characters from every string of the field
/// `name` that lies within `span`, each described by its path
/// (`title.translation.en`). Only the record's own strings are found here,
/// so the file's TOML is parsed for their places.
fn control_fix(text: &str, name: &str, span: Span) -> Option<Fix> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let mut edits = Vec::new();
    match doc.as_table().get(name)? {
        Item::Value(value) => control_value_edits(value, name, &mut edits),
        Item::Table(table) => control_edits(table, name, &mut edits),
        Item::ArrayOfTables(tables) => {
            for table in tables.iter() {
                control_edits(table, name, &mut edits);
            }
        }
        Item::None => {}
    }
    edits.retain(|e| span.start() <= e.span.start() && e.span.end() <= span.end());
    (!edits.is_empty()).then_some(Fix { edits })
}

/// [`control_value_edits`] for every value of `table`, at any depth; `path` names the table.
fn control_edits(table: &dyn TableLike, path: &str, edits: &mut Vec<Edit>) {
    for (key, item) in table.iter() {
        let name = format!("{path}.{key}");
        match item {
            Item::Value(value) => control_value_edits(value, &name, edits),
            Item::Table(table) => control_edits(table, &name, edits),
            Item::ArrayOfTables(tables) => {
                for table in tables.iter() {
                    control_edits(table, &name, edits);
                }
            }
            Item::None => {}
        }
    }
}

/// An edit that rewrites each string of `value` holding control characters without them.
fn control_value_edits(value: &Value, name: &str, edits: &mut Vec<Edit>) {
    match value {
        Value::String(s) => {
            let raw = s.value().as_str();
            let clean = crate::model::strip_control_characters(raw);
            if let (std::borrow::Cow::Owned(clean), Some(span)) =
                (clean, Span::from_range(value.span()))
            {
                let removed = raw.chars().count() - clean.chars().count();
                let plural = if removed == 1 { "" } else { "s" };
                edits.push(Edit::new(
                    span,
                    quote(&clean),
                    format!("{name}: removed {removed} control character{plural}"),
                ));
            }
        }
        Value::Array(array) => {
            for value in array.iter() {
                control_value_edits(value, name, edits);
            }
        }
        Value::InlineTable(table) => control_edits(table, name, edits),
        _ => {}
    }
}

fn control_character(text: &str) -> Option<char> {
    // Control characters are C0 and DEL (single bytes) and C1 (`C2 80`–`C2
    // 9F` in UTF-8): a text without those bytes is passed over undecoded.
    let maybe = text.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2);
    if !maybe {
        return None;
    }
    text.chars()
        .find(|c| crate::model::is_control_character(*c))
}

/// Every form of a text: original, transliteration, translations.
fn forms(text: &MultiText) -> impl Iterator<Item = &str> {
    std::iter::once(text.original.as_str())
        .chain(text.translit())
        .chain(text.translations().values().map(String::as_str))
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

/// A finding for the first line of `text` (a file's raw contents) not in
/// NFC, with the fix that normalises the file.
pub fn nfc_in_source(path: &Path, text: &str) -> Option<Diagnostic> {
    // Most files are plainly NFC (ASCII, Latin, Cyrillic): a byte scan says
    // so without decoding; the quick check decides the rest.
    if crate::text::is_plainly_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut offset = 0;
    let mut first: Option<(Span, usize)> = None;
    let mut last_end = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let normal: String = body.nfc().collect();
        if normal != body {
            if first.is_none() {
                let column = body
                    .char_indices()
                    .zip(normal.chars())
                    .find(|((_, a), b)| a != b)
                    .map_or(0, |((i, _), _)| i);
                let span = Span::new(offset + column, offset + line.trim_end().len());
                first = Some((span, offset + starter_before(body, column)));
            }
            last_end = offset + body.len();
        }
        offset += line.len();
    }
    let (span, start) = first?;
    let normal: String = text[start..last_end].nfc().collect();
    let fix = Edit::new(
        Span::new(start, last_end),
        normal,
        "normalised the text to Unicode NFC",
    );
    Some(
        finding(
            &NOT_NFC,
            path,
            text,
            span,
            "the text is not in Unicode NFC (a letter is written as base + combining mark)".into(),
            "run `kaynak check --fix` to normalise the file to NFC".into(),
        )
        .with_fix(Fix::one(fix)),
    )
}

/// The offset in `line` of the last starter (a character of combining class
/// 0) at or before the offset `at`: the text normalised from there on is the
/// file's NFC from there on, since nothing before `at` changes.
fn starter_before(line: &str, at: usize) -> usize {
    let is_starter = |c: char| canonical_combining_class(c) == 0;
    if line[at..].chars().next().is_none_or(is_starter) {
        return at;
    }
    line[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| is_starter(*c))
        .map_or(0, |(i, _)| i)
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
