//! The language facts every part of kaynak asks: BCP 47 tags (parsed with
//! `icu_locale_core`), primary subtags, which script a language is usually written
//! in (Cyrillic for Russian, Latin for Turkish, either for Serbian), which
//! languages case `i` the Turkic way, and what language a text's letters suggest.
//!
//! It is the one place these facts live: the checks, the transliteration tables,
//! the CSL engine's collation and casing, the record skeletons and the form policy
//! all ask here, so they cannot disagree.
//!
//! ```
//! use kaynak_text::language::{likely_script, primary, uses_turkic_casing, Script};
//! assert_eq!(primary("ru-RU"), "ru");
//! assert_eq!(primary("AZE"), "az");
//! assert_eq!(likely_script("sr"), Some(Script::Cyrillic));
//! assert_eq!(likely_script("az-Cyrl"), Some(Script::Cyrillic));
//! assert!(uses_turkic_casing("tr-TR") && !uses_turkic_casing("en"));
//! ```

mod guess;
mod script;
mod tag;

pub use guess::{guess_language, looks_english, Guess};
pub use script::{dominant_script, has_cyrillic, is_cyrillic_char, is_latin, script_of, Script};
pub use tag::{is_known, parse, Tag, KNOWN_LANGUAGES};

/// ISO 639-2/3 codes written where the two-letter ISO 639-1 code belongs.
const THREE_LETTER: &[(&str, &str)] = &[
    ("aze", "az"),
    ("bak", "ba"),
    ("bel", "be"),
    ("bul", "bg"),
    ("deu", "de"),
    ("eng", "en"),
    ("fra", "fr"),
    ("ger", "de"),
    ("kaz", "kk"),
    ("kir", "ky"),
    ("mac", "mk"),
    ("mkd", "mk"),
    ("mon", "mn"),
    ("rus", "ru"),
    ("srp", "sr"),
    ("tat", "tt"),
    ("tgk", "tg"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("uzb", "uz"),
];

/// The primary language subtag of a tag, lower-cased, with the three-letter codes
/// of the common ISO 639-2 codes shortened (`"tr-TR"` → `"tr"`, `"rus"` → `"ru"`). It does not
/// validate the tag; `"en_US"` gives `"en"`.
pub fn primary(tag: &str) -> String {
    let first = tag.trim().split(['-', '_']).next().unwrap_or("");
    let lower = first.to_ascii_lowercase();
    match THREE_LETTER.iter().find(|(long, _)| *long == lower) {
        Some((_, short)) => (*short).to_string(),
        None => lower,
    }
}

/// True when the primary subtag of `tag` is `language` (compared as [`primary`]
/// does, without allocating for the common two-letter case).
pub fn primary_is(tag: &str, language: &str) -> bool {
    let first = tag.trim().split(['-', '_']).next().unwrap_or("");
    first.eq_ignore_ascii_case(language) || (first.len() == 3 && primary(first) == language)
}

/// The script subtag of a tag, if it has one (`az-Cyrl` → Cyrillic).
pub fn script_subtag(tag: &str) -> Option<Script> {
    tag.split(['-', '_'])
        .skip(1)
        .find(|part| part.len() == 4 && part.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(Script::from_code)
}

use Script::{Arabic, Armenian, Cyrillic, Georgian, Greek, Han, Hebrew, Latin, Other};

/// The scripts languages are written in, most usual first (CLDR likely subtags for
/// the first). Languages not listed are taken to be written in Latin script only
/// when [`scripts_of`] is asked; see there.
const SCRIPTS: &[(&str, &[Script])] = &[
    // Written in Cyrillic.
    ("ru", &[Cyrillic]),
    ("uk", &[Cyrillic]),
    ("be", &[Cyrillic]),
    ("bg", &[Cyrillic]),
    ("mk", &[Cyrillic]),
    ("kk", &[Cyrillic, Latin]),
    ("ky", &[Cyrillic]),
    ("tg", &[Cyrillic]),
    ("mn", &[Cyrillic]),
    ("tt", &[Cyrillic]),
    ("ba", &[Cyrillic]),
    ("cv", &[Cyrillic]),
    ("ce", &[Cyrillic]),
    ("os", &[Cyrillic]),
    ("ab", &[Cyrillic]),
    ("av", &[Cyrillic]),
    ("kv", &[Cyrillic]),
    ("cu", &[Cyrillic]),
    ("sah", &[Cyrillic]),
    ("tyv", &[Cyrillic]),
    ("bua", &[Cyrillic]),
    ("udm", &[Cyrillic]),
    ("kbd", &[Cyrillic]),
    ("ady", &[Cyrillic]),
    ("krc", &[Cyrillic]),
    ("lez", &[Cyrillic]),
    ("mdf", &[Cyrillic]),
    ("myv", &[Cyrillic]),
    ("chm", &[Cyrillic]),
    ("alt", &[Cyrillic]),
    ("inh", &[Cyrillic]),
    ("dar", &[Cyrillic]),
    ("kum", &[Cyrillic]),
    ("nog", &[Cyrillic]),
    // Written in Cyrillic or Latin.
    ("sr", &[Cyrillic, Latin]),
    ("az", &[Latin, Cyrillic]),
    ("uz", &[Latin, Cyrillic]),
    ("tk", &[Latin, Cyrillic]),
    ("bs", &[Latin, Cyrillic]),
    // Other scripts.
    ("el", &[Greek]),
    ("grc", &[Greek]),
    ("hy", &[Armenian]),
    ("ka", &[Georgian]),
    ("ar", &[Arabic]),
    ("fa", &[Arabic]),
    ("ur", &[Arabic]),
    ("ps", &[Arabic]),
    ("ckb", &[Arabic]),
    ("azb", &[Arabic]),
    ("ota", &[Arabic]),
    ("ug", &[Arabic]),
    ("he", &[Hebrew]),
    ("yi", &[Hebrew]),
    ("zh", &[Han]),
    ("yue", &[Han]),
    ("cmn", &[Han]),
    ("ja", &[Han]),
    ("ko", &[Other]),
    ("hi", &[Other]),
    ("mr", &[Other]),
    ("ne", &[Other]),
    ("bn", &[Other]),
    ("ta", &[Other]),
    ("te", &[Other]),
    ("th", &[Other]),
    ("am", &[Other]),
];

/// The scripts `language` (a tag or primary subtag) is written in, most usual
/// first. A language kaynak knows nothing about (or `und`) gives an empty list;
/// every other known language not listed above is written in Latin script.
pub fn scripts_of(language: &str) -> &'static [Script] {
    let primary = primary(language);
    // Compared in place: the codes are two or three bytes.
    if let Some((_, scripts)) = SCRIPTS.iter().find(|(l, _)| l.bytes().eq(primary.bytes())) {
        return scripts;
    }
    if primary.is_empty() || primary == "und" || !is_known(&primary) {
        return &[];
    }
    &[Latin]
}

/// The script text in `tag` is most likely written in: the script subtag, else the
/// language's usual script ([`scripts_of`]). `None` for an unknown language.
pub fn likely_script(tag: &str) -> Option<Script> {
    script_subtag(tag).or_else(|| scripts_of(tag).first().copied())
}

/// True for a locale or language whose text is written in Cyrillic (`ru-RU`, `sr`,
/// `az-Cyrl`), so Cyrillic in it needs no romanisation and sorts natively.
pub fn is_written_in_cyrillic(tag: &str) -> bool {
    likely_script(tag) == Some(Cyrillic)
}

/// True when `tag` is written in Latin script, or is unknown or empty (CSL treats
/// a missing language as English).
pub fn is_written_in_latin(tag: &str) -> bool {
    matches!(likely_script(tag), None | Some(Latin))
}

/// True for the languages whose `i` has a dotted capital and `I` a dotless small
/// letter (Turkish and Azerbaijani: i ↔ İ, ı ↔ I).
pub fn uses_turkic_casing(tag: &str) -> bool {
    primary_is(tag, "tr") || primary_is(tag, "az")
}

/// The tag a text in `language` is really in, given its letters: Azerbaijani text in
/// Cyrillic letters is `az-Cyrl` (the Soviet-era alphabet), whatever the tag says.
pub fn effective_tag(language: &str, text: &str) -> String {
    if primary_is(language, "az") && script_subtag(language).is_none() && has_cyrillic(text) {
        return "az-Cyrl".to_string();
    }
    language.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_subtags() {
        assert_eq!(primary("tr-TR"), "tr");
        assert_eq!(primary("RU"), "ru");
        assert_eq!(primary(""), "");
        assert_eq!(primary("en_US"), "en");
        assert_eq!(primary("ukr"), "uk");
        assert!(primary_is("tr-TR", "tr") && primary_is("TUR", "tr"));
        assert!(!primary_is("trv", "tr"));
    }

    #[test]
    fn scripts_of_languages() {
        assert_eq!(script_subtag("az-cyrl-AZ"), Some(Cyrillic));
        assert_eq!(script_subtag("sr_Latn"), Some(Latin));
        assert_eq!(script_subtag("en-US"), None);
        for cyrillic in [
            "ru", "ru-RU", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn",
        ] {
            assert!(is_written_in_cyrillic(cyrillic), "{cyrillic}");
        }
        for latin in ["en-US", "tr", "az", "uz", "de", "sr-Latn", "und", ""] {
            assert!(!is_written_in_cyrillic(latin), "{latin}");
        }
        assert!(is_written_in_latin("tr-TR") && is_written_in_latin(""));
        assert!(!is_written_in_latin("el"));
        assert_eq!(scripts_of("az"), &[Latin, Cyrillic]);
        assert_eq!(scripts_of("qq"), &[] as &[Script]);
    }

    #[test]
    fn turkic_facts() {
        assert!(uses_turkic_casing("az-Latn") && uses_turkic_casing("tr"));
        assert!(!uses_turkic_casing("kk"));
        assert_eq!(effective_tag("az", "Азәрбајҹан"), "az-Cyrl");
        assert_eq!(effective_tag("az", "Azərbaycan"), "az");
        assert_eq!(effective_tag("ru", "Москва"), "ru");
    }
}
