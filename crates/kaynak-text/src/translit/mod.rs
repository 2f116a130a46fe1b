//! Cyrillic → Latin romanisation under named standard schemes.
//!
//! This module owns the list of schemes (their stable names, descriptions and letter
//! tables), the engine that applies them, and the rule that picks a scheme from a
//! record's language. It does not decide whether a record's own stored romanisation
//! wins over a derived one: that is the caller's job (a stored `translit` always wins).
//!
//! # Public API (for the CLI and the CSL engine)
//!
//! * [`Scheme`]: every scheme; [`Scheme::ALL`] lists them in display order,
//!   [`Scheme::name`] gives the stable name used in `kaynak.toml` and on the command
//!   line, [`Scheme::description`] a one-line description (for `translit --list`),
//!   [`Scheme::from_name`] parses a name or alias (case-insensitive). `Scheme` also
//!   implements `FromStr` (error [`UnknownScheme`], whose message lists the known
//!   names) and `Display` (the name). [`Scheme::language`] and [`Scheme::covers`] say
//!   which languages a table is for.
//! * [`transliterate`]`(text, scheme) -> String` and [`transliterate_into`] (appends to
//!   a buffer you reuse). Input is NFC-normalised first; output is NFC.
//! * [`transliterate_with`]`(text, scheme, SignMarks)`: the same with the glyphs of ь
//!   and ъ chosen by the caller (a `kaynak.toml` setting), e.g. [`SignMarks::PRIMES`].
//! * [`scheme_for_language`]`(tag, configured) -> Option<Scheme>`: the scheme for a
//!   BCP 47 tag, or `None` when text in that language needs no romanisation or kaynak
//!   has no table for it.
//!   Without a configured scheme Russian gets [`DEFAULT_RUSSIAN_SCHEME`] (ALA-LC).
//! * [`has_cyrillic`]`(text) -> bool`.
//!
//! ```
//! use kaynak_text::translit::{scheme_for_language, transliterate, Scheme};
//! assert_eq!(transliterate("Щука и ЩУКА", Scheme::BgnPcgn), "Shchuka i SHCHUKA");
//! assert_eq!(Scheme::from_name("iso-9"), Some(Scheme::Iso9));
//! assert_eq!(scheme_for_language("uk-UA", None), Some(Scheme::Ukrainian2010));
//! ```
//!
//! # Rules common to all schemes
//!
//! Words are runs of letters, digits and `_` (as a regex `\w`), so hyphens, full stops
//! and apostrophes start new words (Н.С. → N.S.; Йошкар-Ола → Yoshkar-Ola); only the
//! Ukrainian system keeps an apostrophe inside a word, and drops it. Digits,
//! punctuation and non-Cyrillic text pass through unchanged, and so do Cyrillic letters
//! a scheme has no value for. Capitals: see the `engine` module (ЩУКА → SHCHUKA,
//! Щука → Shchuka, one-letter words follow the whole text).

mod engine;
mod tables;

use engine::{Profile, Rules};
use std::fmt;
use std::str::FromStr;

/// A romanisation scheme. The doc of each variant gives its stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// `ala-lc`: ALA-LC (Library of Congress) with diacritics and tie marks.
    AlaLc,
    /// `ala-lc-plain`: ALA-LC without diacritics, ties or accents.
    AlaLcPlain,
    /// `bgn-pcgn`: BGN/PCGN 1947, with ’ and ” for ь and ъ, no middle dots.
    BgnPcgn,
    /// `bgn-pcgn-dotted`: BGN/PCGN with the optional middle-dot separators.
    BgnPcgnDotted,
    /// `bgn-pcgn-nosigns`: BGN/PCGN with ь and ъ omitted (the bundled article's profile).
    BgnPcgnNoSigns,
    /// `iso-9`: ISO 9:1995, identical to GOST 7.79-2000 System A.
    Iso9,
    /// `gost-7.79-b`: GOST 7.79-2000 System B (ASCII with grave accents).
    Gost779B,
    /// `scientific`: the scholarly (linguists') system.
    Scientific,
    /// `icao`: ICAO Doc 9303, as in passports.
    Icao,
    /// `uk-2010`: Ukrainian national system (Cabinet of Ministers Resolution No. 55, 2010).
    Ukrainian2010,
    /// `bg-2009`: Bulgarian Streamlined System (Transliteration Act 2009).
    Bulgarian2009,
    /// `az-cyrl`: Azerbaijani Cyrillic to the Azerbaijani Latin alphabet.
    AzerbaijaniCyrillic,
}

/// The scheme used for Russian when nothing is configured (the one Chicago follows).
pub const DEFAULT_RUSSIAN_SCHEME: Scheme = Scheme::AlaLc;

impl Scheme {
    /// Every scheme, in the order `kaynak translit --list` shows them.
    pub const ALL: [Scheme; 12] = [
        Scheme::AlaLc,
        Scheme::AlaLcPlain,
        Scheme::BgnPcgn,
        Scheme::BgnPcgnDotted,
        Scheme::BgnPcgnNoSigns,
        Scheme::Iso9,
        Scheme::Gost779B,
        Scheme::Scientific,
        Scheme::Icao,
        Scheme::Ukrainian2010,
        Scheme::Bulgarian2009,
        Scheme::AzerbaijaniCyrillic,
    ];

    /// The stable name used in `kaynak.toml`, on the command line and in docs.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::AlaLc => "ala-lc",
            Scheme::AlaLcPlain => "ala-lc-plain",
            Scheme::BgnPcgn => "bgn-pcgn",
            Scheme::BgnPcgnDotted => "bgn-pcgn-dotted",
            Scheme::BgnPcgnNoSigns => "bgn-pcgn-nosigns",
            Scheme::Iso9 => "iso-9",
            Scheme::Gost779B => "gost-7.79-b",
            Scheme::Scientific => "scientific",
            Scheme::Icao => "icao",
            Scheme::Ukrainian2010 => "uk-2010",
            Scheme::Bulgarian2009 => "bg-2009",
            Scheme::AzerbaijaniCyrillic => "az-cyrl",
        }
    }

    /// A one-line description for listings.
    pub fn description(self) -> &'static str {
        match self {
            Scheme::AlaLc => "Russian, ALA-LC (Library of Congress) with diacritics and tie marks",
            Scheme::AlaLcPlain => {
                "Russian, ALA-LC without diacritics (ts, ia, ' and \"; CSL styles print ʹ and ʺ)"
            }
            Scheme::BgnPcgn => "Russian, BGN/PCGN 1947 (ye after vowels, ’ and ” for ь and ъ)",
            Scheme::BgnPcgnDotted => "Russian, BGN/PCGN with the optional middle dots (t·s, y·a)",
            Scheme::BgnPcgnNoSigns => "Russian, BGN/PCGN with the soft and hard signs omitted",
            Scheme::Iso9 => "Russian and others, ISO 9:1995 = GOST 7.79-2000 System A (ž, ŝ, â)",
            Scheme::Gost779B => "Russian, GOST 7.79-2000 System B (ASCII: shh, cz, y`)",
            Scheme::Scientific => "Russian, scientific (scholarly) system (ž, šč, ja)",
            Scheme::Icao => "Russian, ICAO Doc 9303 as in passports (iu, ia, ie)",
            Scheme::Ukrainian2010 => "Ukrainian, national system of 2010 (Kyiv, Zghorany)",
            Scheme::Bulgarian2009 => "Bulgarian, Streamlined System of 2009 (sht, Sofia)",
            Scheme::AzerbaijaniCyrillic => "Azerbaijani Cyrillic to the Latin alphabet (ə, ı, ş)",
        }
    }

    /// The BCP 47 language the scheme's table is written for.
    pub fn language(self) -> &'static str {
        match self {
            Scheme::Ukrainian2010 => "uk",
            Scheme::Bulgarian2009 => "bg",
            Scheme::AzerbaijaniCyrillic => "az",
            _ => "ru",
        }
    }

    /// Whether the scheme's table covers the letters of `language` (a primary
    /// subtag). ISO 9 has every Slavic Cyrillic letter; the others one language each.
    pub fn covers(self, language: &str) -> bool {
        match self {
            Scheme::Iso9 => matches!(language, "ru" | "uk" | "be" | "bg" | "mk" | "sr"),
            _ => self.language() == language,
        }
    }

    /// Parses a stable name or a common alias, ignoring case, spaces and `_`/`/`.
    pub fn from_name(name: &str) -> Option<Scheme> {
        let wanted: String = name
            .trim()
            .chars()
            .map(|c| match c {
                '_' | ' ' | '/' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        if let Some(scheme) = Scheme::ALL.into_iter().find(|s| s.name() == wanted) {
            return Some(scheme);
        }
        let alias = match wanted.as_str() {
            "alalc" | "lc" | "loc" => Scheme::AlaLc,
            "alalc-plain" | "ala-lc-alt" | "lc-plain" => Scheme::AlaLcPlain,
            "bgn" | "pcgn" | "bgnpcgn" | "bgn-pcgn-alt" => Scheme::BgnPcgn,
            "bgn-pcgn-dot" => Scheme::BgnPcgnDotted,
            "bgn-pcgn-no-signs" | "bgn-pcgn-article" => Scheme::BgnPcgnNoSigns,
            "iso9" | "iso-9-1995" | "iso-9:1995" | "gost-7.79-a" | "gost-779" => Scheme::Iso9,
            "gost-7.79" | "gost-779-b" | "gost-779-alt" => Scheme::Gost779B,
            "scholarly" | "science" => Scheme::Scientific,
            "icao-9303" | "icao-doc-9303" | "passport" => Scheme::Icao,
            "uk" | "ukrainian" | "ukrainian-2010" => Scheme::Ukrainian2010,
            "bg" | "bulgarian" | "bulgarian-2009" => Scheme::Bulgarian2009,
            "az" | "azerbaijani" => Scheme::AzerbaijaniCyrillic,
            _ => return None,
        };
        Some(alias)
    }

    fn profile(self) -> &'static Profile<'static> {
        use tables::*;
        static PROFILES: [Profile<'static>; 12] = [
            Profile::new(&ALA_LC, Rules::AlaLc),
            Profile::new(&ALA_LC_PLAIN, Rules::AlaLc),
            Profile::new(&BGN_PCGN, Rules::BgnPcgn { dots: false }),
            Profile::new(&BGN_PCGN, Rules::BgnPcgn { dots: true }),
            Profile::new(&BGN_PCGN_NO_SIGNS, Rules::BgnPcgn { dots: false }),
            Profile::new(&ISO_9, Rules::Plain),
            Profile::new(&GOST_779_B, Rules::GostB),
            Profile::new(&SCIENTIFIC, Rules::Plain),
            Profile::new(&ICAO, Rules::Plain),
            Profile::new(&UKRAINIAN_2010, Rules::Ukrainian),
            Profile::new(&BULGARIAN_2009, Rules::Bulgarian),
            Profile::turkic(&AZERBAIJANI_CYRILLIC),
        ];
        &PROFILES[self as usize]
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing an unknown scheme name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown transliteration scheme `{0}` (known: {known})", known = known_names())]
pub struct UnknownScheme(pub String);

fn known_names() -> String {
    let names: Vec<&str> = Scheme::ALL.iter().map(|s| s.name()).collect();
    names.join(", ")
}

impl FromStr for Scheme {
    type Err = UnknownScheme;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scheme::from_name(s).ok_or_else(|| UnknownScheme(s.to_string()))
    }
}

/// Romanises every Cyrillic word of `text` under `scheme`.
pub fn transliterate(text: &str, scheme: Scheme) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    transliterate_into(text, scheme, &mut out);
    out
}

/// The written forms of the soft sign ь and the hard sign ъ, to override a scheme's
/// own. BGN/PCGN sources differ on the glyphs (’ ” in iuliia, ʹ ʺ or ʼ elsewhere), and
/// some publishers drop them; the choice belongs at the mapping level, so that genuine
/// apostrophes elsewhere in the text survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SignMarks<'a> {
    /// The value of ь.
    pub soft: &'a str,
    /// The value of ъ.
    pub hard: &'a str,
}

impl SignMarks<'static> {
    /// Both signs left out (what `bgn-pcgn-nosigns` does).
    pub const OMITTED: SignMarks<'static> = SignMarks { soft: "", hard: "" };
    /// Modifier letter prime and double prime, ʹ ʺ (U+02B9, U+02BA).
    pub const PRIMES: SignMarks<'static> = SignMarks {
        soft: "ʹ",
        hard: "ʺ",
    };
    /// Right single and double quotation marks, ’ ” (U+2019, U+201D).
    pub const QUOTES: SignMarks<'static> = SignMarks {
        soft: "’",
        hard: "”",
    };
    /// ASCII apostrophe and quotation mark, ' and ".
    pub const ASCII: SignMarks<'static> = SignMarks {
        soft: "'",
        hard: "\"",
    };
}

/// Like [`transliterate`], with ь and ъ written as `signs` instead of the scheme's own
/// values (context rules still see the signs: Юрьев → Yur’yev → Yuryev).
pub fn transliterate_with(text: &str, scheme: Scheme, signs: SignMarks<'_>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let profile = Profile {
        signs: Some(signs),
        ..*scheme.profile()
    };
    transliterate_profile(text, &profile, &mut out);
    out
}

/// Like [`transliterate`], but appends to `out` so that a caller romanising many
/// strings can reuse one buffer.
pub fn transliterate_into(text: &str, scheme: Scheme, out: &mut String) {
    transliterate_profile(text, scheme.profile(), out);
}

fn transliterate_profile(text: &str, profile: &Profile<'_>, out: &mut String) {
    if super::is_plainly_nfc(text) {
        // No combining marks either: the output needs no normalisation.
        engine::run(text, profile, out);
        return;
    }
    let text = super::nfc(text);
    let start = out.len();
    engine::run(&text, profile, out);
    // A combining mark of the input (U+0300 … U+036F: UTF-8 lead byte 0xCC or 0xCD)
    // may now follow a Latin letter it composes with.
    if text.bytes().any(|b| b == 0xCC || b == 0xCD) {
        let composed = super::nfc(&out[start..]).into_owned();
        out.truncate(start);
        out.push_str(&composed);
    }
}

/// True when `text` contains a Cyrillic character (any Cyrillic block).
pub fn has_cyrillic(text: &str) -> bool {
    text.chars().any(
        |c| matches!(c as u32, 0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F),
    )
}

/// Languages written in Cyrillic for which kaynak has no table of its own.
const OTHER_CYRILLIC_LANGUAGES: &[&str] = &[
    "be", "bel", "kk", "kaz", "ky", "kir", "tg", "tgk", "mn", "mon", "mk", "mkd", "sr", "srp",
    "tt", "tat", "ba", "bak", "cv", "chv", "sah", "os", "oss", "ce", "che", "ab", "abk", "cu",
];

/// Chooses the scheme for text in the language `tag` (BCP 47: `ru`, `uk-UA`,
/// `az-Cyrl` …), given the scheme configured for the library or command, if any.
///
/// * Russian: the configured scheme when it covers Russian, else [`DEFAULT_RUSSIAN_SCHEME`].
/// * Ukrainian, Bulgarian: the configured scheme when it covers the language (ISO 9
///   does), else their national systems.
/// * Azerbaijani: `az-cyrl` when the tag says `Cyrl`; plain `az` is Latin, so `None`.
/// * Other Cyrillic languages (be, kk, mn, sr …) and an empty or `und` tag: the configured
///   scheme (best effort; letters outside its table pass through), else `None`.
/// * A tag with a Latin script subtag (`ru-Latn`) and every other language: `None`.
pub fn scheme_for_language(tag: &str, configured: Option<Scheme>) -> Option<Scheme> {
    let language = super::primary_language(tag);
    let script = super::script_subtag(tag);
    if script.as_deref() == Some("Latn") {
        return None;
    }
    let own = |lang: &str, fallback: Scheme| match configured {
        Some(scheme) if scheme.covers(lang) => Some(scheme),
        _ => Some(fallback),
    };
    match language.as_str() {
        "ru" | "rus" => own("ru", DEFAULT_RUSSIAN_SCHEME),
        "uk" | "ukr" => own("uk", Scheme::Ukrainian2010),
        "bg" | "bul" => own("bg", Scheme::Bulgarian2009),
        "az" | "aze" if script.as_deref() == Some("Cyrl") => Some(Scheme::AzerbaijaniCyrillic),
        "" | "und" => configured,
        other if OTHER_CYRILLIC_LANGUAGES.contains(&other) => configured,
        _ if script.as_deref() == Some("Cyrl") => configured,
        _ => None,
    }
}

#[cfg(test)]
mod tests;
