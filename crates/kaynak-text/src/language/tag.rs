//! BCP 47 (RFC 5646) language tags, parsed with `icu_locale_core`.
//!
//! ICU4X parses the `langtag` production (language, script, region, variants,
//! extensions, private use). Around it this file adds what a bibliography meets and
//! ICU4X leaves out: extended language subtags (`zh-yue-HK`), private-use tags
//! (`x-klingon`) and the irregular grandfathered tags, and error messages that say
//! which subtag is wrong and why. [`KNOWN_LANGUAGES`] lists primary subtags for a
//! plausibility check.

use super::Script;
use icu_locale_core::Locale;

/// The parts of a well-formed tag that kaynak uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tag {
    /// The primary language subtag, lower case (empty for private-use and
    /// irregular tags).
    pub language: String,
    /// The script subtag in title case (`Cyrl`), if any.
    pub script: Option<String>,
    /// The region subtag in upper case (`TR`) or digits (`419`), if any.
    pub region: Option<String>,
}

impl Tag {
    /// The script the script subtag names, if there is one.
    pub fn script(&self) -> Option<Script> {
        self.script.as_deref().map(Script::from_code)
    }
}

/// The ISO 639-1 codes, and ISO 639-2/3 codes common in bibliographies of the
/// Turkic, Slavic and neighbouring literatures.
pub const KNOWN_LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu", // ISO 639-2/3 below.
    "ady", "alt", "ang", "arc", "ast", "azb", "bua", "chm", "ckb", "cop", "crh", "dar", "dng",
    "enm", "fil", "frm", "fro", "gag", "gmh", "goh", "grc", "haw", "hsb", "dsb", "inh", "kaa",
    "kbd", "krc", "kum", "lez", "mdf", "myv", "nog", "non", "ota", "peo", "sah", "sga", "syc",
    "tyv", "udm", "yue", "cmn", "und", "mul", "zxx", "mis",
];

/// True when the primary language subtag is in [`KNOWN_LANGUAGES`].
pub fn is_known(language: &str) -> bool {
    // A set built once: every record's `language` is looked up here.
    static KNOWN: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    KNOWN
        .get_or_init(|| KNOWN_LANGUAGES.iter().copied().collect())
        .contains(language)
}

/// Irregular grandfathered tags (RFC 5646 section 2.2.8).
const IRREGULAR: &[&str] = &[
    "en-gb-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-be-fr",
    "sgn-be-nl",
    "sgn-ch-de",
];

/// Checks `tag`; the error says what is wrong in words.
pub fn parse(tag: &str) -> Result<Tag, String> {
    if tag.is_empty() {
        return Err("the language tag is empty".into());
    }
    if tag.contains('_') {
        return Err(format!(
            "`{tag}` uses `_`; BCP 47 separates subtags with `-`"
        ));
    }
    // Most tags are a bare language subtag (`en`, `tr`, `ota`): well formed,
    // and neither irregular nor private use (those all have a `-`).
    if (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase()) {
        return Ok(Tag {
            language: tag.to_string(),
            script: None,
            region: None,
        });
    }
    let lower = tag.to_ascii_lowercase();
    if IRREGULAR.contains(&lower.as_str()) || lower.starts_with("x-") {
        return private_or_irregular(&lower);
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if let Some(bad) = subtags
        .iter()
        .find(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return Err(format!(
            "`{tag}`: the subtag `{bad}` must be 1–8 ASCII letters or digits"
        ));
    }
    let first = subtags[0];
    if !(2..=3).contains(&first.len()) || !first.bytes().all(|b| b.is_ascii_alphabetic()) {
        // 4-letter subtags are reserved and no 5–8-letter one is registered.
        return Err(format!(
            "`{tag}`: `{first}` is not a language subtag (2–3 letters, e.g. en, tr, ru)"
        ));
    }
    // Extended language subtags (`zh-yue`): up to three, which ICU4X does not read.
    let extlangs = subtags[1..]
        .iter()
        .take(3)
        .take_while(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic()))
        .count();
    let rest: Vec<&str> = std::iter::once(first)
        .chain(subtags[1 + extlangs..].iter().copied())
        .collect();
    let locale = Locale::try_from_str(&rest.join("-")).map_err(|_| misplaced(tag, &rest))?;
    Ok(Tag {
        language: first.to_ascii_lowercase(),
        script: locale.id.script.map(|s| s.as_str().to_string()),
        region: locale.id.region.map(|r| r.as_str().to_string()),
    })
}

/// The error for a tag ICU4X refuses: the first subtag after the longest prefix
/// that parses is the one out of place.
fn misplaced(tag: &str, subtags: &[&str]) -> String {
    let good = (1..=subtags.len())
        .rev()
        .find(|n| Locale::try_from_str(&subtags[..*n].join("-")).is_ok())
        .unwrap_or(0);
    match subtags.get(good) {
        Some(s) if s.len() == 1 => format!(
            "`{tag}`: the extension or private-use part `{s}` must be followed by subtags, each only once"
        ),
        Some(s) => format!(
            "`{tag}`: the subtag `{s}` is out of place or repeated (order: language-script-region-variant-extension)"
        ),
        None => format!("`{tag}` is not a well-formed BCP 47 tag"),
    }
}

fn private_or_irregular(lower: &str) -> Result<Tag, String> {
    if IRREGULAR.contains(&lower) {
        return Ok(Tag::default());
    }
    let ok = lower
        .split('-')
        .skip(1)
        .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if ok && lower.len() > 2 {
        Ok(Tag::default())
    } else {
        Err(format!(
            "`{lower}`: a private-use tag is x- followed by subtags of 1–8 letters or digits"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_well_formed_tags() {
        for good in [
            "en",
            "tr",
            "ru",
            "en-US",
            "sr-Cyrl",
            "sr-Latn-RS",
            "az-Cyrl-AZ",
            "es-419",
            "zh-yue-HK",
            "de-CH-1901",
            "sl-rozaj-biske",
            "en-a-bbb-x-a-ccc",
            "x-private",
            "i-klingon",
            "ota",
            "ru-Latn-alalc97",
            "en-US-u-ca-gregory",
        ] {
            assert!(parse(good).is_ok(), "{good}: {:?}", parse(good));
        }
        let tag = parse("sr-latn-RS").unwrap();
        assert_eq!(tag.language, "sr");
        assert_eq!(tag.script.as_deref(), Some("Latn"));
        assert_eq!(tag.script(), Some(Script::Latin));
        assert_eq!(tag.region.as_deref(), Some("RS"));
        assert_eq!(parse("zh-yue-HK").unwrap().region.as_deref(), Some("HK"));
    }

    #[test]
    fn rejects_malformed_tags() {
        for bad in [
            "",
            "english",
            "e",
            "en_US",
            "en-",
            "-en",
            "en--US",
            "en-US-US",
            "123",
            "de-1901-1901",
            "en-a-x",
            "en-a",
            "en-x",
            "toolongsubtag",
            "ru-Cyrl-Latn",
            "tr TR",
        ] {
            assert!(parse(bad).is_err(), "{bad} should fail");
        }
        assert!(parse("en-US-US").unwrap_err().contains("`US`"));
    }

    #[test]
    fn knows_common_languages() {
        assert!(is_known("tr") && is_known("ru") && is_known("ota"));
        assert!(!is_known("qq"));
    }
}
