//! Language-aware case mapping: upper, lower, capitalised, title and sentence case.
//!
//! This module owns the case rules kaynak applies to titles and names. It relies on
//! ICU4X (`icu_casemap`, compiled Unicode data) for the language-sensitive mappings:
//! Turkish and Azerbaijani i/İ and ı/I (istanbul → İSTANBUL, DIŞİŞLERİ → dışişleri),
//! Lithuanian dots, Greek accents; Cyrillic needs no tailoring. It does not decide
//! *whether* a field should be re-cased: the CSL engine does, and calls these.
//!
//! # Public API
//!
//! * [`to_lowercase`]`(text, lang)`, [`to_uppercase`]`(text, lang)`.
//! * [`capitalize_first`]`(text, lang)`: the first letter upper-cased, the rest kept.
//! * [`capitalize_words`]`(text, lang)`: every word's first letter upper-cased, the
//!   rest kept (for names and places in any language).
//! * [`title_case`]`(text, lang)`: English title case (CSL rules, stop words kept
//!   small) **only** for English (or an empty/`und` tag, which CSL treats as English);
//!   text in any other language comes back unchanged, because English title-casing does
//!   not apply to Russian, Turkish or Azerbaijani titles.
//! * [`sentence_case`]`(text, lang)`: CSL sentence case in any language.
//! * [`fold`]`(text, lang)`: a caseless form for matching (Turkic-aware for tr/az).
//! * [`is_english`]`(lang)`.
//!
//! `lang` is a BCP 47 tag (`tr`, `az-Latn`, `ru`, `en-GB`); an unparsable tag falls back
//! to the language-neutral rules. Input is NFC-normalised first.

use icu_casemap::options::{LeadingAdjustment, TitlecaseOptions, TrailingCase};
use icu_casemap::CaseMapper;
use icu_locale_core::LanguageIdentifier;

/// Words CSL keeps in lower case inside an English title.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of",
    "on", "onto", "or", "over", "so", "the", "till", "to", "up", "via", "with", "yet",
];

fn language_id(lang: &str) -> LanguageIdentifier {
    let tag = lang.trim().replace('_', "-");
    LanguageIdentifier::try_from_str(&tag).unwrap_or(LanguageIdentifier::UNKNOWN)
}

/// Lower-cases `text` by the rules of language `lang` (`"DIŞİŞLERİ"`, `tr` → `"dışişleri"`).
pub fn to_lowercase(text: &str, lang: &str) -> String {
    let text = super::nfc(text);
    CaseMapper::new()
        .lowercase_to_string(&text, &language_id(lang))
        .into_owned()
}

/// Upper-cases `text` by the rules of language `lang` (`"istanbul"`, `tr` → `"İSTANBUL"`).
pub fn to_uppercase(text: &str, lang: &str) -> String {
    let text = super::nfc(text);
    CaseMapper::new()
        .uppercase_to_string(&text, &language_id(lang))
        .into_owned()
}

/// A caseless form for comparing or indexing: full case folding, with the Turkic
/// dotted/dotless i rules for `tr` and `az`.
pub fn fold(text: &str, lang: &str) -> String {
    let text = super::nfc(text);
    let mapper = CaseMapper::new();
    if is_turkic(lang) {
        mapper.fold_turkic_string(&text).into_owned()
    } else {
        mapper.fold_string(&text).into_owned()
    }
}

/// True for English (and for an empty or `und` tag, which CSL treats as English).
pub fn is_english(lang: &str) -> bool {
    matches!(super::language::primary(lang).as_str(), "en" | "" | "und")
}

fn is_turkic(lang: &str) -> bool {
    super::language::uses_turkic_casing(lang)
}

/// Title-cases the first letter of `word` (skipping leading punctuation) and keeps the
/// rest as it is.
fn capitalize_segment(word: &str, id: &LanguageIdentifier) -> String {
    let mut options = TitlecaseOptions::default();
    options.trailing_case = Some(TrailingCase::Unchanged);
    options.leading_adjustment = Some(LeadingAdjustment::ToCased);
    CaseMapper::new()
        .titlecase_segment_with_only_case_data_to_string(word, id, options)
        .into_owned()
}

/// Upper-cases the first letter of `text`, keeping the rest (`"ılık su"`, `tr` → `"Ilık su"`).
pub fn capitalize_first(text: &str, lang: &str) -> String {
    let text = super::nfc(text);
    capitalize_segment(&text, &language_id(lang))
}

/// Upper-cases the first letter of every word (after spaces and hyphens), keeping the
/// rest (`"istanbul üniversitesi"`, `tr` → `"İstanbul Üniversitesi"`).
pub fn capitalize_words(text: &str, lang: &str) -> String {
    let text = super::nfc(text);
    let id = language_id(lang);
    map_words(&text, |word| capitalize_segment(word, &id))
}

/// Applies `f` to every run between spaces and hyphens, keeping the separators.
fn map_words(text: &str, mut f: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c == '-' || c == '\u{2010}' {
            out.push_str(&f(&text[start..i]));
            out.push(c);
            start = i + c.len_utf8();
        }
    }
    out.push_str(&f(&text[start..]));
    out
}

/// The letter-case shape of a string or word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// No lower-case letter and at least one capital.
    Upper,
    /// No capital letter.
    Lower,
    Mixed,
}

fn shape(text: &str) -> Shape {
    let upper = text.chars().any(char::is_uppercase);
    let lower = text.chars().any(char::is_lowercase);
    match (upper, lower) {
        (true, false) => Shape::Upper,
        (false, _) => Shape::Lower,
        (true, true) => Shape::Mixed,
    }
}

/// CSL title case for English text; any other language is returned unchanged.
///
/// Lower-case words get a capital first letter; words with capitals are kept
/// (iPhone, NATO); an all-capitals title is first lowered. Stop words (a, of, the …)
/// stay small unless first, last or after a colon.
pub fn title_case(text: &str, lang: &str) -> String {
    let text = super::nfc(text);
    if !is_english(lang) {
        return text.into_owned();
    }
    let id = language_id(lang);
    let source = match shape(&text) {
        Shape::Upper => to_lowercase(&text, lang),
        _ => text.into_owned(),
    };
    let words: Vec<&str> = source.split(' ').collect();
    let last = words.len().saturating_sub(1);
    let mut out = String::with_capacity(source.len());
    let mut after_colon = true;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let small = STOP_WORDS.contains(&bare) && i != last && !after_colon;
        if small || shape(word) != Shape::Lower {
            out.push_str(word);
        } else {
            out.push_str(&map_words(word, |part| capitalize_segment(part, &id)));
        }
        after_colon = word.ends_with(':') || word.ends_with('?') || word.ends_with('!');
    }
    out
}

/// CSL sentence case in any language: an all-capitals string is lowered and its first
/// letter capitalised (`"DIŞİŞLERİ BAKANLIĞI"`, `tr` → `"Dışişleri bakanlığı"`);
/// otherwise only a lower-case first word gets a capital, and the rest is kept.
pub fn sentence_case(text: &str, lang: &str) -> String {
    let text = super::nfc(text);
    let id = language_id(lang);
    if shape(&text) == Shape::Upper {
        let lowered = to_lowercase(&text, lang);
        return capitalize_segment(&lowered, &id);
    }
    let first_word_end = text.find(char::is_whitespace).unwrap_or(text.len());
    if shape(&text[..first_word_end]) == Shape::Lower {
        capitalize_segment(&text, &id)
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_upper_and_lower() {
        assert_eq!(to_uppercase("istanbul", "tr"), "İSTANBUL");
        assert_eq!(to_uppercase("istanbul", "en"), "ISTANBUL");
        assert_eq!(to_lowercase("DIŞİŞLERİ", "tr"), "dışişleri");
        assert_eq!(to_lowercase("DIŞİŞLERİ", "tr-TR"), "dışişleri");
        assert_eq!(to_uppercase("ılık", "tr"), "ILIK");
        assert_eq!(to_lowercase("ILIK", "tr"), "ılık");
        assert_eq!(to_uppercase("Iğdır", "tr"), "IĞDIR");
        assert_eq!(to_lowercase("IĞDIR", "tr"), "ığdır");
        assert_eq!(to_uppercase("Dışişleri", "tr"), "DIŞİŞLERİ");
        // Without the Turkish tag, İ keeps its dot as a combining mark.
        assert_eq!(to_lowercase("İstanbul", "en"), "i\u{307}stanbul");
        assert_eq!(to_lowercase("İstanbul", "tr"), "istanbul");
    }

    #[test]
    fn azerbaijani_upper_and_lower() {
        assert_eq!(to_lowercase("ƏLİYEV", "az"), "əliyev");
        assert_eq!(to_uppercase("ilham əliyev", "az-Latn-AZ"), "İLHAM ƏLİYEV");
        assert_eq!(to_uppercase("qızıl", "az"), "QIZIL");
    }

    #[test]
    fn decomposed_turkish_is_composed_first() {
        assert_eq!(to_lowercase("I\u{307}stanbul", "tr"), "istanbul");
        assert_eq!(to_uppercase("s\u{327}eker", "tr"), "ŞEKER");
    }

    #[test]
    fn cyrillic_case() {
        assert_eq!(to_uppercase("щука ёж", "ru"), "ЩУКА ЁЖ");
        assert_eq!(to_lowercase("ВОЕННАЯ ДОКТРИНА", "ru"), "военная доктрина");
        assert_eq!(capitalize_first("щука", "ru"), "Щука");
    }

    #[test]
    fn capitalising() {
        assert_eq!(capitalize_first("istanbul", "tr"), "İstanbul");
        assert_eq!(capitalize_first("istanbul", "en"), "Istanbul");
        assert_eq!(capitalize_first("ılık su", "tr"), "Ilık su");
        assert_eq!(capitalize_first("«ığdır»", "tr"), "«Iğdır»");
        assert_eq!(capitalize_first("«izmir»", "tr"), "«İzmir»");
        assert_eq!(
            capitalize_words("istanbul üniversitesi", "tr"),
            "İstanbul Üniversitesi"
        );
        assert_eq!(capitalize_words("ilham əliyev", "az"), "İlham Əliyev");
        assert_eq!(
            capitalize_words("jean-paul sartre", "fr"),
            "Jean-Paul Sartre"
        );
        assert_eq!(capitalize_first("", "tr"), "");
    }

    #[test]
    fn english_title_case() {
        let en = |s| title_case(s, "en");
        assert_eq!(
            en("the military doctrine of azerbaijan"),
            "The Military Doctrine of Azerbaijan"
        );
        assert_eq!(
            en("a tale of two cities: an introduction to"),
            "A Tale of Two Cities: An Introduction To"
        );
        assert_eq!(en("on iPhone and NATO"), "On iPhone and NATO");
        assert_eq!(en("THE WAR OF THE WORLDS"), "The War of the Worlds");
        assert_eq!(title_case("post-war europe", "en-GB"), "Post-War Europe");
        assert_eq!(title_case("untagged title", ""), "Untagged Title");
    }

    #[test]
    fn other_languages_are_not_title_cased() {
        assert_eq!(
            title_case("dışişleri bakanlığı", "tr"),
            "dışişleri bakanlığı"
        );
        assert_eq!(title_case("Военная доктрина", "ru"), "Военная доктрина");
        assert_eq!(title_case("istoriya rossii", "ru-Latn"), "istoriya rossii");
        assert_eq!(
            title_case("la guerre et la paix", "fr"),
            "la guerre et la paix"
        );
    }

    #[test]
    fn sentence_case_in_any_language() {
        assert_eq!(
            sentence_case("DIŞİŞLERİ BAKANLIĞI", "tr"),
            "Dışişleri bakanlığı"
        );
        assert_eq!(sentence_case("ılık su", "tr"), "Ilık su");
        assert_eq!(
            sentence_case("istanbul'da bir gün", "tr"),
            "İstanbul'da bir gün"
        );
        assert_eq!(sentence_case("ВОЕННАЯ ДОКТРИНА", "ru"), "Военная доктрина");
        assert_eq!(
            sentence_case("iPhone sales in Baku", "en"),
            "iPhone sales in Baku"
        );
        assert_eq!(sentence_case("", "en"), "");
    }

    #[test]
    fn folding_matches_across_case() {
        assert_eq!(fold("DIŞİŞLERİ", "tr"), fold("dışişleri", "tr"));
        assert_ne!(fold("DIŞİŞLERİ", "en"), fold("dışişleri", "en"));
        assert_eq!(fold("Щука", "ru"), fold("ЩУКА", "ru"));
    }

    #[test]
    fn bad_language_tags_fall_back() {
        assert_eq!(to_uppercase("istanbul", "not a tag!"), "ISTANBUL");
        assert_eq!(to_uppercase("istanbul", "tr_TR"), "İSTANBUL");
    }
}
