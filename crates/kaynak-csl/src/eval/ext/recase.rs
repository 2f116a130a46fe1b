//! Rule U (docs/csl-extension.md §3): opt-in up-casing of non-English titles
//! with the language's own rules. Turkish and Azerbaijani map `i→İ`, `ı→I`
//! and keep their conjunctions and particles in lower case in title case.

use crate::model::TextCase;

/// Words Turkish title case leaves in lower case (except first and after `:`).
const TURKISH_MINOR: &[&str] = &[
    "ve", "ile", "veya", "ya", "da", "de", "ki", "mi", "mı", "mu", "mü", "ama", "fakat", "yahut",
    "hem",
];

fn is_turkic(language: &str) -> bool {
    matches!(language, "tr" | "az")
}

/// Upper-case one letter under the language's mapping.
fn upper(c: char, turkic: bool, out: &mut String) {
    match (c, turkic) {
        ('i', true) => out.push('İ'),
        ('ı', true) => out.push('I'),
        _ => out.extend(c.to_uppercase()),
    }
}

/// Upper-case the first letter of `word`, leaving the rest.
fn capitalize(word: &str, turkic: bool) -> String {
    let mut out = String::with_capacity(word.len() + 1);
    let mut done = false;
    for c in word.chars() {
        if !done && c.is_alphabetic() {
            upper(c, turkic, &mut out);
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// Apply an up-casing `text-case` value; `None` for `lowercase` and
/// `sentence`, which rule U never applies.
pub fn recase(text: &str, case: TextCase, language: &str) -> Option<String> {
    let turkic = is_turkic(language);
    match case {
        TextCase::Uppercase => {
            let mut out = String::with_capacity(text.len());
            text.chars().for_each(|c| upper(c, turkic, &mut out));
            Some(out)
        }
        TextCase::CapitalizeFirst => Some(capitalize(text, turkic)),
        TextCase::CapitalizeAll => Some(map_words(text, |w, _| capitalize(w, turkic))),
        TextCase::Title if turkic => Some(turkish_title_case(text)),
        TextCase::Title => Some(map_words(text, |w, _| capitalize(w, false))),
        TextCase::Lowercase | TextCase::Sentence => None,
    }
}

/// Apply `f(word, starts_phrase)` to every whitespace-separated word,
/// keeping the whitespace.
fn map_words(text: &str, mut f: impl FnMut(&str, bool) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut word = String::new();
    let mut starts_phrase = true;
    let mut flush = |word: &mut String, out: &mut String, starts: &mut bool| {
        if !word.is_empty() {
            out.push_str(&f(word, *starts));
            *starts = word.ends_with(':');
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out, &mut starts_phrase);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out, &mut starts_phrase);
    out
}

/// Turkish title case: every word capitalized except the minor words; a
/// word that already has a capital is left as it is.
pub fn turkish_title_case(text: &str) -> String {
    map_words(text, |word, starts_phrase| {
        if word.chars().any(char::is_uppercase) {
            return word.to_string();
        }
        let bare: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        if !starts_phrase && TURKISH_MINOR.contains(&bare.as_str()) {
            return word.to_string();
        }
        capitalize(word, true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_title() {
        assert_eq!(
            turkish_title_case(
                "Kafkas Kartalı-2019 ortak eğitiminin açılış töreni Bakü’de gerçekleştirildi"
            ),
            "Kafkas Kartalı-2019 Ortak Eğitiminin Açılış Töreni Bakü’de Gerçekleştirildi"
        );
        assert_eq!(
            turkish_title_case("Ceyhun Bayramov, Pakistan Dışişleri Bakanı ile görüştü"),
            "Ceyhun Bayramov, Pakistan Dışişleri Bakanı ile Görüştü"
        );
        assert_eq!(turkish_title_case("ilişkiler ve iş"), "İlişkiler ve İş");
    }

    #[test]
    fn turkish_upper() {
        assert_eq!(
            recase("istanbul ılık", TextCase::Uppercase, "tr").as_deref(),
            Some("İSTANBUL ILIK")
        );
        assert_eq!(recase("x", TextCase::Sentence, "tr"), None);
    }
}
