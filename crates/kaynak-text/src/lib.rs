//! Multilingual text handling: everything kaynak needs to know about letters.
//!
//! This crate owns five tools, each in its own submodule:
//!
//! * [`translit`]: Cyrillic → Latin romanisation under named standard schemes
//!   (ALA-LC, BGN/PCGN, ISO 9, GOST 7.79 B, scientific, ICAO, Ukrainian 2010,
//!   Bulgarian 2009, Azerbaijani Cyrillic), with the choice of scheme derived from a
//!   record's language.
//! * [`case`]: upper, lower, title and sentence case that respect the text's
//!   language (Turkish and Azerbaijani i/İ, ı/I; no English title case on other
//!   languages).
//! * [`collate`]: locale-aware comparison and precomputed sort keys (Turkish,
//!   Azerbaijani, Russian, English, and a setting for mixed scripts).
//! * [`keys`]: ASCII citation keys and slugs.
//! * [`language`]: BCP 47 tags and the facts about languages and scripts that every
//!   other part asks (Cyrillic languages, primary subtags, Turkic casing, guessing a
//!   language from letters).
//!
//! It must not print, read files or know about records: callers pass strings and
//! language tags in and get strings, orderings or keys back. Nothing here panics on
//! any input.
//!
//! ```
//! use kaynak_text::translit::{transliterate, Scheme};
//! assert_eq!(transliterate("Н.С. Ниязов", Scheme::BgnPcgnNoSigns), "N.S. Niyazov");
//! ```

pub mod case;
pub mod collate;
pub mod keys;
pub mod language;
pub mod tex;
pub mod translit;

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `text` in Unicode Normalization Form C, borrowing when it already is.
///
/// Every function of this module normalises its input with this first, so that
/// decomposed text (macOS file names, PDF copy-and-paste) behaves like composed text.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if is_plainly_nfc(text) {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// A fast sufficient test: text made only of characters that are NFC in any context
/// (Latin below the combining marks, Cyrillic, general punctuation) is NFC.
///
/// It works on UTF-8 bytes: lead bytes below 0xCC cover U+0000 … U+02FF, 0xD0 … 0xD3
/// cover Cyrillic U+0400 … U+04FF, and 0xE2 0x80/0x81 covers U+2000 … U+207F, of
/// which only U+2000 and U+2001 (E2 80 80/81) are not NFC. Continuation bytes are
/// below 0xC0, so they pass the first test.
pub fn is_plainly_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let simple = |b: u8| (b < 0xCC) | (b & 0xFC == 0xD0);
    let mut i = 0;
    while i < bytes.len() {
        // Whole chunks first, without early exit, so the compiler can vectorise.
        if let Some(chunk) = bytes.get(i..i + 32) {
            if chunk.iter().fold(true, |ok, &b| ok & simple(b)) {
                i += 32;
                continue;
            }
        }
        let b = bytes[i];
        if simple(b) {
            i += 1;
            continue;
        }
        let second = bytes.get(i + 1).copied().unwrap_or(0);
        let third = bytes.get(i + 2).copied().unwrap_or(0);
        let punctuation = b == 0xE2 && (second == 0x81 || (second == 0x80 && third >= 0x82));
        if !punctuation {
            return false;
        }
        i += 3;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_turkish() {
        assert_eq!(nfc("s\u{327}"), "ş");
        assert!(matches!(nfc("plain"), Cow::Borrowed(_)));
        assert!(matches!(nfc("Щука – ş ə"), Cow::Borrowed(_)));
        let long = "Щука – ş ə ".repeat(20);
        assert!(matches!(nfc(&long), Cow::Borrowed(_)));
        assert_eq!(
            nfc(&format!("{long}e\u{301}{long}")),
            format!("{long}é{long}")
        );
        assert_eq!(nfc(&format!("{long}\u{2001}")), format!("{long}\u{2003}"));
        assert_eq!(nfc("\u{2000}"), "\u{2002}");
        assert_eq!(nfc("\u{415}\u{308}"), "Ё");
    }
}
