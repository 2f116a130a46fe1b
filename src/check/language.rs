//! Language and script: `language` and translation keys must be BCP 47 tags,
//! and a title's script must fit the record's language (a Cyrillic title under
//! `en`, a Latin title under `ru` with no transliteration); hand-given
//! transliterations must be in Latin script. Scripts are told apart by
//! Unicode block, which is all that Latin-versus-Cyrillic needs.

use super::bcp47;
use super::{RecordCx, Rule};
use crate::diag::{Severity, Span};
use crate::model::MultiText;

macro_rules! rule {
    ($name:ident, $id:literal, $severity:ident, $summary:literal) => {
        pub static $name: Rule = Rule {
            id: $id,
            severity: Severity::$severity,
            family: "language",
            summary: $summary,
            fixable: false,
        };
    };
}

rule!(
    INVALID_LANGUAGE,
    "invalid-language",
    Error,
    "`language` or a translation key is not a well-formed BCP 47 tag"
);
rule!(
    UNKNOWN_LANGUAGE,
    "unknown-language",
    Warning,
    "a language tag is well formed but its language subtag is not a known one"
);
rule!(
    SCRIPT_MISMATCH,
    "script-mismatch",
    Warning,
    "the title's script does not fit the record's language"
);
rule!(
    TRANSLIT_NOT_LATIN,
    "translit-not-latin",
    Warning,
    "a `translit` form is not in Latin script"
);

pub static RULES: &[&Rule] = &[
    &INVALID_LANGUAGE,
    &UNKNOWN_LANGUAGE,
    &SCRIPT_MISMATCH,
    &TRANSLIT_NOT_LATIN,
];

/// The scripts kaynak tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2C60}'..='\u{2C7F}' | '\u{A720}'..='\u{A7FF}')
            && c.is_alphabetic()
}

/// The script most letters of `text` are in, if any are Latin or Cyrillic.
pub fn dominant_script(text: &str) -> Option<Script> {
    let (mut latin, mut cyrillic) = (0usize, 0usize);
    for c in text.chars() {
        if is_cyrillic(c) {
            cyrillic += 1;
        } else if is_latin(c) {
            latin += 1;
        }
    }
    match latin.cmp(&cyrillic) {
        std::cmp::Ordering::Greater => Some(Script::Latin),
        std::cmp::Ordering::Less => Some(Script::Cyrillic),
        std::cmp::Ordering::Equal => None,
    }
}

/// True when `text` has any Cyrillic letter.
pub fn has_cyrillic(text: &str) -> bool {
    text.chars().any(is_cyrillic)
}

/// The script a language tag implies: its script subtag, else the usual
/// script of the language. `None` when the language is written in several
/// scripts (Serbian) or in neither.
pub fn expected_script(tag: &bcp47::Tag) -> Option<Script> {
    match tag.script.as_deref() {
        Some("Latn") => return Some(Script::Latin),
        Some("Cyrl") => return Some(Script::Cyrillic),
        Some(_) => return None,
        None => {}
    }
    const CYRILLIC: &[&str] = &[
        "ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn", "tt", "ba", "cv", "ce", "os", "ab",
        "av", "kv", "sah", "tyv", "bua", "udm", "kbd", "ady", "krc", "lez", "mdf", "myv", "chm",
        "alt", "inh", "dar", "kum", "nog",
    ];
    const LATIN: &[&str] = &[
        "en", "tr", "az", "uz", "tk", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl",
        "hr", "bs", "ro", "hu", "fi", "et", "lv", "lt", "sv", "da", "no", "nb", "nn", "is", "ga",
        "cy", "eu", "ca", "gl", "sq", "mt", "la", "id", "ms", "vi", "sw", "gag", "crh",
    ];
    let lang = tag.language.as_str();
    if CYRILLIC.contains(&lang) {
        Some(Script::Cyrillic)
    } else if LATIN.contains(&lang) {
        Some(Script::Latin)
    } else {
        None
    }
}

pub fn check(cx: &mut RecordCx) {
    let entry = cx.entry;
    let tag = entry
        .language
        .as_ref()
        .and_then(|field| check_tag(cx, &field.value, field.span));
    for field in entry.texts.values() {
        for tag in field.value.translations.keys() {
            check_tag(cx, tag, field.span);
        }
    }
    if let (Some(tag), Some(title)) = (tag, entry.texts.get("title")) {
        title_script(cx, &tag, &title.value, title.span);
    }
    translit_scripts(cx);
}

fn check_tag(cx: &mut RecordCx, tag: &str, span: Span) -> Option<bcp47::Tag> {
    match bcp47::parse(tag) {
        Ok(parsed) => {
            if !parsed.language.is_empty() && !bcp47::is_known(&parsed.language) {
                cx.report(
                    &UNKNOWN_LANGUAGE,
                    span,
                    format!("`{}` is not a language kaynak knows", parsed.language),
                    "check the ISO 639 code (en, tr, ru, az, ota …)".into(),
                );
            }
            Some(parsed)
        }
        Err(message) => {
            cx.report(
                &INVALID_LANGUAGE,
                span,
                message,
                "write a BCP 47 tag such as \"en\", \"tr\", \"ru\", \"az-Cyrl\" or \"en-GB\""
                    .into(),
            );
            None
        }
    }
}

fn title_script(cx: &mut RecordCx, tag: &bcp47::Tag, title: &MultiText, span: Span) {
    let (Some(expected), Some(found)) = (expected_script(tag), dominant_script(&title.original))
    else {
        return;
    };
    let language = &cx.entry.language().unwrap_or_default().to_string();
    match (expected, found) {
        (Script::Latin, Script::Cyrillic) => cx.report(
            &SCRIPT_MISMATCH,
            span,
            format!("the title is in Cyrillic script, but language = \"{language}\""),
            "set `language` to the title's language (e.g. \"ru\"), or put the Cyrillic title where it belongs".into(),
        ),
        (Script::Cyrillic, Script::Latin) if title.translit.is_none() => cx.report(
            &SCRIPT_MISMATCH,
            span,
            format!("the title is in Latin script, but language = \"{language}\" is written in Cyrillic"),
            "if this is a transliteration, write title = { original = \"<Cyrillic>\", translit = \"…\" }; else fix `language`".into(),
        ),
        _ => {}
    }
}

fn translit_scripts(cx: &mut RecordCx) {
    let entry = cx.entry;
    for (name, field) in &entry.texts {
        if field.value.translit.as_deref().is_some_and(has_cyrillic) {
            report_translit(cx, name, field.span);
        }
    }
    for (name, field) in &entry.names {
        for person in &field.value {
            if person
                .parts()
                .any(|p| p.translit.as_deref().is_some_and(has_cyrillic))
            {
                report_translit(cx, name, person.span);
            }
        }
    }
}

fn report_translit(cx: &mut RecordCx, name: &str, span: Span) {
    cx.report(
        &TRANSLIT_NOT_LATIN,
        span,
        format!("`{name}` has a `translit` form with Cyrillic letters"),
        "`translit` holds the Latin-script form; the Cyrillic goes in `original`".into(),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, fires};
    use super::*;

    fn doc(language: &str, title: &str) -> String {
        format!(
            "type = \"document\"\nissued = \"2001\"\nlanguage = \"{language}\"\ntitle = {title}\n"
        )
    }

    #[test]
    fn scripts_are_detected() {
        assert_eq!(dominant_script("Развитие связей"), Some(Script::Cyrillic));
        assert_eq!(dominant_script("Dışişleri Bakanı"), Some(Script::Latin));
        assert_eq!(dominant_script("1994–2010"), None);
    }

    #[test]
    fn matching_scripts_are_quiet() {
        for text in [
            doc(
                "ru",
                "{ original = \"Развитие\", translit = \"Razvitiye\" }",
            ),
            doc("tr", "\"Başlık\""),
            doc("en-GB", "\"Title\""),
            doc("sr", "\"Naslov\""),
            doc(
                "ru",
                "{ original = \"Razvitiye\", translit = \"Razvitiye\" }",
            ),
        ] {
            assert!(codes(&text).is_empty(), "{text}: {:?}", codes(&text));
        }
    }

    #[test]
    fn tags_are_checked() {
        assert!(fires(&doc("english", "\"T\""), "invalid-language"));
        assert!(fires(&doc("en_US", "\"T\""), "invalid-language"));
        assert!(fires(&doc("qq", "\"T\""), "unknown-language"));
        assert!(fires(
            &doc(
                "en",
                "{ original = \"T\", translation = { \"t r\" = \"B\" } }"
            ),
            "invalid-language"
        ));
    }

    #[test]
    fn mismatched_scripts_fire() {
        assert!(fires(&doc("en", "\"Развитие связей\""), "script-mismatch"));
        assert!(fires(
            &doc("ru", "\"Razvitiye svyazey\""),
            "script-mismatch"
        ));
        assert!(fires(
            &doc("ru", "{ original = \"Развитие\", translit = \"Развитие\" }"),
            "translit-not-latin"
        ));
    }
}
