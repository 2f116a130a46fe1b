//! Cyrillic → Latin romanisation under named standard schemes, with a table per
//! language.
//!
//! This module owns the list of schemes (their stable names, descriptions and the
//! languages each has tables for), the letter tables, the engine that applies them,
//! and the rule that picks a language's table for a text. It does not decide whether a
//! record's own stored romanisation wins over a derived one: that is the caller's job
//! (kaynak's form policy).
//!
//! # Public API (for the CLI and the CSL engine)
//!
//! * [`Scheme`]: every scheme; [`Scheme::ALL`] lists them in display order,
//!   [`Scheme::name`] gives the stable name used in `kaynak.toml` and on the command
//!   line, [`Scheme::description`] a one-line description, [`Scheme::from_name`] parses
//!   a name or alias (case-insensitive). `Scheme` also implements `FromStr` (error
//!   [`UnknownScheme`], whose message lists the known names) and `Display` (the name).
//!   [`Scheme::covers`] and [`Scheme::languages`] say which languages it has tables for.
//! * [`Lang`]: the Cyrillic languages with tables (Russian, Ukrainian, Belarusian,
//!   Bulgarian, Serbian, Macedonian, Kazakh, Kyrgyz, Tajik, Uzbek, Azerbaijani);
//!   [`Lang::for_text`] picks the table for a text from its language tag or letters.
//! * [`romanize`]`(text, scheme, lang) -> Result<Romanized, NoTable>`: the text and the
//!   Cyrillic letters the table does not cover (left as they are), or an error when
//!   the scheme has no table for the language. [`romanize_into`] appends to a buffer.
//! * [`transliterate`]`(text, scheme) -> String` and [`transliterate_into`]: the same
//!   with the scheme's home table (Russian for the Russian schemes), uncovered letters
//!   silently kept. Input is NFC-normalised first; output is NFC.
//! * [`transliterate_with`]`(text, scheme, SignMarks)`: the glyphs of ь and ъ chosen by
//!   the caller, e.g. [`SignMarks::PRIMES`].
//! * [`default_scheme`]`(lang)` and [`scheme_for`]`(lang, configured)`: the scheme
//!   kaynak uses when nothing (or a scheme without a table for the language) is
//!   configured.
//! * [`has_cyrillic`]`(text) -> bool`.
//!
//! ```
//! use kaynak_text::translit::{romanize, transliterate, Lang, Scheme};
//! assert_eq!(transliterate("Щука и ЩУКА", Scheme::BgnPcgn), "Shchuka i SHCHUKA");
//! assert_eq!(Scheme::from_name("iso-9"), Some(Scheme::Iso9));
//! assert_eq!(romanize("Київ", Scheme::AlaLc, Lang::Ukrainian).unwrap().text, "Kyïv");
//! let russian_table = romanize("Київ", Scheme::AlaLc, Lang::Russian).unwrap();
//! assert_eq!(russian_table.uncovered, ['ї']);
//! ```
//!
//! # Rules common to all schemes
//!
//! Words are runs of letters, digits and `_` (as a regex `\w`), so hyphens, full stops
//! and apostrophes start new words (Н.С. → N.S.; Йошкар-Ола → Yoshkar-Ola); where a
//! language's table gives the apostrophe a value (Ukrainian, Belarusian) an apostrophe
//! between letters belongs to the word. Digits, punctuation and non-Cyrillic text pass
//! through unchanged; a Cyrillic letter the table lacks is kept and reported. Capitals:
//! see the `engine` module (ЩУКА → SHCHUKA, Щука → Shchuka, one-letter words follow the
//! whole text).

mod engine;
mod lang;
mod profiles;
mod tables;
mod tables_slavic;
mod tables_turkic;

pub use crate::language::has_cyrillic;
pub use lang::{Choice, Lang};

use engine::Profile;
use std::fmt;
use std::str::FromStr;

/// A romanisation scheme. The doc of each variant gives its stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// `ala-lc`: ALA-LC (Library of Congress) with diacritics and tie marks; a table
    /// for every [`Lang`].
    AlaLc,
    /// `ala-lc-plain`: ALA-LC without diacritics, ties or accents.
    AlaLcPlain,
    /// `bgn-pcgn`: BGN/PCGN (Russian 1947, with ’ and ” for ь and ъ, no middle dots);
    /// a table for every [`Lang`].
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

/// The scheme kaynak derives transliterations with when nothing is configured:
/// ALA-LC without diacritics (what Chicago, APA and MLA print), except for Azerbaijani
/// Cyrillic, which is written in today's Azerbaijani Latin alphabet.
pub fn default_scheme(lang: Lang) -> Scheme {
    match lang {
        Lang::Azerbaijani => Scheme::AzerbaijaniCyrillic,
        _ => Scheme::AlaLcPlain,
    }
}

/// The scheme for text in `lang`: `configured` when it has a table for the
/// language, else [`default_scheme`].
pub fn scheme_for(lang: Lang, configured: Option<Scheme>) -> Scheme {
    match configured {
        Some(scheme) if scheme.covers(lang) => scheme,
        _ => default_scheme(lang),
    }
}

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
            Scheme::AlaLc => "ALA-LC (Library of Congress) with diacritics and tie marks",
            Scheme::AlaLcPlain => {
                "ALA-LC without diacritics or tie marks (ts, ia; ʹ and ʺ for the signs)"
            }
            Scheme::BgnPcgn => "BGN/PCGN (Russian: ye after vowels, ’ and ” for ь and ъ)",
            Scheme::BgnPcgnDotted => "BGN/PCGN with the optional middle dots (t·s, y·a, n·g)",
            Scheme::BgnPcgnNoSigns => "BGN/PCGN with the soft and hard sign marks omitted",
            Scheme::Iso9 => "ISO 9:1995 = GOST 7.79-2000 System A (ž, ŝ, â), Slavic letters",
            Scheme::Gost779B => "GOST 7.79-2000 System B (ASCII: shh, cz, y`)",
            Scheme::Scientific => "scientific (scholarly) system (ž, šč, ja)",
            Scheme::Icao => "ICAO Doc 9303 as in passports (iu, ia, ie)",
            Scheme::Ukrainian2010 => "Ukrainian national system of 2010 (Kyiv, Zghorany)",
            Scheme::Bulgarian2009 => "Bulgarian Streamlined System of 2009 (sht, Sofia)",
            Scheme::AzerbaijaniCyrillic => "Azerbaijani Cyrillic to the Latin alphabet (ə, ı, ş)",
        }
    }

    /// The language whose table [`transliterate`] uses for this scheme.
    pub fn home(self) -> Lang {
        match self {
            Scheme::Ukrainian2010 => Lang::Ukrainian,
            Scheme::Bulgarian2009 => Lang::Bulgarian,
            Scheme::AzerbaijaniCyrillic => Lang::Azerbaijani,
            _ => Lang::Russian,
        }
    }

    /// Whether the scheme has a table for `lang`.
    pub fn covers(self, lang: Lang) -> bool {
        profiles::profile(self, lang).is_some()
    }

    /// The languages the scheme has tables for, in [`Lang::ALL`] order.
    pub fn languages(self) -> Vec<Lang> {
        Lang::ALL.into_iter().filter(|l| self.covers(*l)).collect()
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

/// A romanised text and the Cyrillic letters (lower-cased, in order of appearance)
/// the table did not cover, which were left as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Romanized {
    pub text: String,
    pub uncovered: Vec<char>,
}

/// The error of asking a scheme for a table it does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("`{scheme}` has no table for {lang} (it has: {})", languages(*.scheme))]
pub struct NoTable {
    pub scheme: Scheme,
    pub lang: Lang,
}

fn languages(scheme: Scheme) -> String {
    let tags: Vec<&str> = scheme.languages().iter().map(|l| l.tag()).collect();
    tags.join(", ")
}

/// Romanises `text` under `scheme` with its table for `lang`.
pub fn romanize(text: &str, scheme: Scheme, lang: Lang) -> Result<Romanized, NoTable> {
    let mut out = Romanized {
        text: String::with_capacity(text.len() + text.len() / 4),
        uncovered: Vec::new(),
    };
    romanize_into(text, scheme, lang, &mut out.text, &mut out.uncovered)?;
    Ok(out)
}

/// Like [`romanize`], appending to `out` and `uncovered` (buffers a caller reuses).
pub fn romanize_into(
    text: &str,
    scheme: Scheme,
    lang: Lang,
    out: &mut String,
    uncovered: &mut Vec<char>,
) -> Result<(), NoTable> {
    let profile = profiles::profile(scheme, lang).ok_or(NoTable { scheme, lang })?;
    transliterate_profile(text, &profile, out, uncovered);
    Ok(())
}

/// Romanises every Cyrillic word of `text` under `scheme`'s home table
/// ([`Scheme::home`]); letters the table lacks are kept.
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
    let Some(home) = profiles::profile(scheme, scheme.home()) else {
        return text.to_string();
    };
    let profile = Profile {
        signs: Some(signs),
        ..home
    };
    transliterate_profile(text, &profile, &mut out, &mut Vec::new());
    out
}

/// Like [`transliterate`], but appends to `out` so that a caller romanising many
/// strings can reuse one buffer.
pub fn transliterate_into(text: &str, scheme: Scheme, out: &mut String) {
    match profiles::profile(scheme, scheme.home()) {
        Some(profile) => transliterate_profile(text, &profile, out, &mut Vec::new()),
        None => out.push_str(text),
    }
}

fn transliterate_profile(
    text: &str,
    profile: &Profile<'_>,
    out: &mut String,
    uncovered: &mut Vec<char>,
) {
    if super::is_plainly_nfc(text) {
        // No combining marks either: the output needs no normalisation.
        engine::run(text, profile, out, uncovered);
        return;
    }
    let text = super::nfc(text);
    let start = out.len();
    engine::run(&text, profile, out, uncovered);

    // A combining mark of the input (U+0300 … U+036F: UTF-8 lead byte 0xCC or 0xCD)
    // may now follow a Latin letter it composes with.
    if text.bytes().any(|b| b == 0xCC || b == 0xCD) {
        let composed = super::nfc(&out[start..]).into_owned();
        out.truncate(start);
        out.push_str(&composed);
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_languages;
