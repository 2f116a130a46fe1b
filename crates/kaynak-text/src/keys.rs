//! ASCII citation keys and slugs made from names, years and titles.
//!
//! This module owns the spelling of generated keys: NFC first, then Cyrillic
//! romanised with a named scheme (so keys agree with displayed romanisations), then
//! Azerbaijani ə/Ə pre-mapped to `e` (ASCII folding would give `@`), then `deunicode`
//! for the remaining letters (ş → s, ı → i, ß → ss, 北京 → bei jing), and finally only
//! `[a-z0-9_-]` kept; symbols and punctuation separate words. It does not check keys for uniqueness: the caller adds a suffix.
//!
//! # Public API
//!
//! * [`ascii_slug`]`(text) -> String`: lower-case words joined by `-`.
//! * [`ascii_slug_with`]`(text, scheme)`: the same with a chosen romanisation scheme.
//! * [`make_key`]`(family, year, title) -> String`: `aliyev2010military`;
//!   [`make_key_with`] takes the romanisation scheme too.
//! * [`KEY_SCHEME`]: the scheme keys use by default.
//!
//! ```
//! use kaynak_text::keys::{ascii_slug, make_key};
//! assert_eq!(ascii_slug("İlham Əliyev"), "ilham-eliyev");
//! assert_eq!(make_key(Some("Алиев"), Some(2010), Some("Военная доктрина")), "aliyev2010voyennaya");
//! ```

use super::translit::{has_cyrillic, transliterate, Scheme};

/// The romanisation keys use unless told otherwise: BGN/PCGN without sign marks gives
/// the plain spellings readers expect (Aliyev, Voyennaya).
pub const KEY_SCHEME: Scheme = Scheme::BgnPcgnNoSigns;

/// Leading words skipped when a title word goes into a key.
const SKIPPED_TITLE_WORDS: &[&str] = &[
    "a", "an", "the", "on", "of", "der", "die", "das", "le", "la", "les", "el", "los", "il",
];

/// `text` as lower-case ASCII words joined by `-`, romanising Cyrillic with [`KEY_SCHEME`].
pub fn ascii_slug(text: &str) -> String {
    ascii_slug_with(text, KEY_SCHEME)
}

/// `text` as lower-case ASCII words joined by `-`, romanising Cyrillic with `scheme`.
/// Apostrophes and sign marks vanish (O'Brien → obrien); other punctuation and
/// spaces separate words. The result holds only `[a-z0-9_-]` and may be empty.
pub fn ascii_slug_with(text: &str, scheme: Scheme) -> String {
    let text = super::nfc(text);
    let romanised = if has_cyrillic(&text) {
        transliterate(&text, scheme)
    } else {
        text.into_owned()
    };
    let mut slug = String::with_capacity(romanised.len());
    let mut pending_separator = false;
    for c in romanised.chars() {
        match c {
            'ə' | 'Ə' => push_ascii("e", &mut slug, &mut pending_separator),
            c if c.is_ascii() => push_ascii(
                c.encode_utf8(&mut [0; 4]),
                &mut slug,
                &mut pending_separator,
            ),
            c if is_mark(c) => {}
            // Symbols and punctuation separate words (deunicode would spell emoji out).
            c if !c.is_alphanumeric() => pending_separator = true,
            c => {
                let folded = deunicode::deunicode_char(c).unwrap_or(" ");
                push_ascii(folded, &mut slug, &mut pending_separator);
            }
        }
    }
    slug
}

/// Apostrophes, primes and sign marks: dropped without separating words.
fn is_mark(c: char) -> bool {
    matches!(c, '’' | 'ʼ' | 'ʹ' | 'ʺ' | '”' | '‘' | '`' | '\'')
        || ('\u{300}'..='\u{36F}').contains(&c)
}

/// Appends the allowed characters of an ASCII fragment, turning every other run into a
/// single `-` between words.
fn push_ascii(fragment: &str, slug: &mut String, pending_separator: &mut bool) {
    for c in fragment.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' {
            if *pending_separator && !slug.is_empty() {
                slug.push('-');
            }
            *pending_separator = false;
            slug.push(c);
        } else if !is_mark(c) {
            *pending_separator = true;
        }
    }
}

/// A citation key from a family name, a year and a title: the family name without
/// separators, the year, and the first significant title word (`aliyev2010military`).
/// Missing parts are left out; with no family name the key starts with `anon`.
pub fn make_key(family: Option<&str>, year: Option<i32>, title: Option<&str>) -> String {
    make_key_with(family, year, title, KEY_SCHEME)
}

/// [`make_key`] with Cyrillic romanised by `scheme` (say `uk-2010` for a Ukrainian
/// record, from [`scheme_for`](super::translit::scheme_for)).
pub fn make_key_with(
    family: Option<&str>,
    year: Option<i32>,
    title: Option<&str>,
    scheme: Scheme,
) -> String {
    let mut key: String = family
        .map(|name| ascii_slug_with(name, scheme))
        .unwrap_or_default()
        .chars()
        .filter(|&c| c != '-')
        .collect();
    if key.is_empty() {
        key.push_str("anon");
    }
    if let Some(year) = year {
        key.push_str(&year.to_string());
    }
    if let Some(word) = title.and_then(|t| first_title_word(t, scheme)) {
        key.push_str(&word);
    }
    key
}

fn first_title_word(title: &str, scheme: Scheme) -> Option<String> {
    let slug = ascii_slug_with(title, scheme);
    let mut words = slug.split('-').filter(|w| !w.is_empty());
    let first = words.next()?;
    let chosen = if SKIPPED_TITLE_WORDS.contains(&first) {
        words.next().unwrap_or(first)
    } else {
        first
    };
    Some(chosen.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_key_alphabet(s: &str) -> bool {
        s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
    }

    #[test]
    fn slugs_of_turkish_and_azerbaijani() {
        assert_eq!(
            ascii_slug("İlham Əliyev Azərbaycan"),
            "ilham-eliyev-azerbaycan"
        );
        assert_eq!(ascii_slug("ƏLİYEV"), "eliyev");
        assert_eq!(ascii_slug("Dışişleri Bakanlığı"), "disisleri-bakanligi");
        assert_eq!(ascii_slug("İstanbul Üniversitesi"), "istanbul-universitesi");
        assert_eq!(ascii_slug("Iğdır"), "igdir");
    }

    #[test]
    fn slugs_of_cyrillic_use_a_scheme() {
        assert_eq!(ascii_slug("Военная Доктрина"), "voyennaya-doktrina");
        assert_eq!(ascii_slug("Ильхам Алиев"), "ilkham-aliyev");
        assert_eq!(ascii_slug("Хрущёв"), "khrushchev");
        assert_eq!(ascii_slug_with("Київ", Scheme::Ukrainian2010), "kyiv");
        assert_eq!(ascii_slug_with("Щука", Scheme::Iso9), "suka");
        assert_eq!(ascii_slug_with("съезд", Scheme::AlaLc), "sezd");
    }

    #[test]
    fn slugs_drop_punctuation_and_marks() {
        assert_eq!(ascii_slug("«Правда» № 5 …"), "pravda-5");
        assert_eq!(ascii_slug("O'Brien & Sons"), "obrien-sons");
        assert_eq!(ascii_slug("  --Weiß_straße!  "), "weiss_strasse");
        assert_eq!(ascii_slug("北京"), "bei-jing");
        assert_eq!(ascii_slug(""), "");
        assert_eq!(ascii_slug("🙂 ❤"), "");
        assert_eq!(ascii_slug("I\u{307}stanbul"), "istanbul");
    }

    #[test]
    fn keys() {
        assert_eq!(
            make_key(Some("Əliyev"), Some(2010), Some("The Military Doctrine")),
            "eliyev2010military"
        );
        assert_eq!(
            make_key(Some("Алиев"), Some(2010), Some("Военная доктрина")),
            "aliyev2010voyennaya"
        );
        assert_eq!(
            make_key(Some("van der Berg"), None, Some("Le monde")),
            "vanderbergmonde"
        );
        assert_eq!(make_key(None, Some(1994), None), "anon1994");
        let uk = Scheme::Ukrainian2010;
        assert_eq!(
            make_key_with(Some("Шевченко"), Some(1840), Some("Кобзар"), uk),
            "shevchenko1840kobzar"
        );
        assert_eq!(make_key_with(Some("Київ"), None, Some("Її"), uk), "kyivyii");
        assert_eq!(make_key(Some("«»"), None, Some("!!")), "anon");
        assert_eq!(
            make_key(Some("Şahin"), Some(-50), Some("the")),
            "sahin-50the"
        );
    }

    #[test]
    fn keys_never_leave_the_alphabet() {
        let inputs = [
            "İlham Əliyev",
            "Қазақстан Әлихан",
            "«Правда»",
            "a@b.c",
            "Ǝ ǝ ə",
            "x\u{0}y",
            "日本語",
        ];
        for input in inputs {
            let slug = ascii_slug(input);
            assert!(is_key_alphabet(&slug), "{input} → {slug}");
            let key = make_key(Some(input), Some(2020), Some(input));
            assert!(is_key_alphabet(&key) && !key.is_empty(), "{input} → {key}");
        }
    }
}
