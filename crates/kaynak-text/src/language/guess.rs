//! Guessing a text's language from its script and letters, for records that lack
//! a `language`. Only letters that belong to few alphabets count (ı ş ğ → Turkish,
//! ə → Azerbaijani, ұ → Kazakh, ї є ґ → Ukrainian, ў → Belarusian …); a guess lists
//! every language the letters allow, so a caller acts only on a single one.

use super::script::{dominant_script, Script};
use std::collections::BTreeSet;

/// The languages a text may be in, as primary subtags, most likely first; empty
/// when the letters say nothing (plain ASCII, or a script kaynak has no rules for).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Guess {
    pub candidates: Vec<&'static str>,
}

impl Guess {
    /// The language, when the letters allow only one.
    pub fn unambiguous(&self) -> Option<&'static str> {
        match self.candidates.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    fn of(candidates: &[&'static str]) -> Guess {
        Guess {
            candidates: candidates.to_vec(),
        }
    }
}

/// True for text an English reader needs no help with: no letters outside ASCII.
pub fn looks_english(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii() || !c.is_alphabetic() || super::script_of(c).is_none())
}

/// The languages `text` may be written in, judged by its letters.
pub fn guess_language(text: &str) -> Guess {
    let letters: BTreeSet<char> = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    match dominant_script(text) {
        Some(Script::Latin) => latin(&letters, text.contains('İ')),
        Some(Script::Cyrillic) => cyrillic(&letters, text),
        Some(Script::Greek) => Guess::of(&["el"]),
        Some(Script::Armenian) => Guess::of(&["hy"]),
        Some(Script::Georgian) => Guess::of(&["ka"]),
        Some(Script::Hebrew) => Guess::of(&["he", "yi"]),
        _ => Guess::default(),
    }
}

fn has(letters: &BTreeSet<char>, any: &str) -> bool {
    any.chars().any(|c| letters.contains(&c))
}

fn latin(letters: &BTreeSet<char>, dotted_capital: bool) -> Guess {
    if has(letters, "ə") {
        return Guess::of(&["az"]);
    }
    if has(letters, "ığş") || dotted_capital {
        return Guess::of(&["tr"]);
    }
    let special: Vec<char> = letters.iter().copied().filter(|c| !c.is_ascii()).collect();
    if !special.is_empty() && special.iter().all(|c| "çöüâîû".contains(*c)) {
        return Guess::of(&["tr", "az"]);
    }
    Guess::default()
}

fn cyrillic(letters: &BTreeSet<char>, text: &str) -> Guess {
    let turkic = has(letters, "әғқңөүһ");
    let rules: &[(bool, &[&'static str])] = &[
        (has(letters, "ұ") || (has(letters, "і") && turkic), &["kk"]),
        (
            has(letters, "ҝҹ") || (has(letters, "ә") && has(letters, "ј")),
            &["az"],
        ),
        (has(letters, "ӣӯҷ"), &["tg"]),
        (has(letters, "ў") && has(letters, "қғҳ"), &["uz"]),
        (has(letters, "ҳ"), &["tg", "uz"]),
        (has(letters, "ў"), &["be"]),
        (has(letters, "їєґ"), &["uk"]),
        (has(letters, "ѓќѕ"), &["mk"]),
        (has(letters, "ђћ"), &["sr"]),
        (has(letters, "љњџј"), &["sr", "mk"]),
        (has(letters, "ә") && has(letters, "җ"), &["tt"]),
        (has(letters, "ә") && has(letters, "ҙҫҡ"), &["ba"]),
        (has(letters, "ә") && has(letters, "қң"), &["kk"]),
        (has(letters, "ә"), &["kk", "az", "tt", "ba"]),
        (has(letters, "ң"), &["ky"]),
        (has(letters, "өү"), &["ky", "mn"]),
        (has(letters, "қғ") && has(letters, "ы"), &["kk"]),
        (has(letters, "қғ"), &["kk", "uz", "tg"]),
        (has(letters, "і") && has(letters, "ыэ"), &["be"]),
        (has(letters, "і"), &["uk"]),
        (has(letters, "ыэё"), &["ru"]),
        (russian_endings(text), &["ru"]),
    ];
    let found = rules
        .iter()
        .find(|(fires, _)| *fires)
        .map(|(_, langs)| *langs);
    Guess::of(found.unwrap_or(&["ru", "bg", "uk"]))
}

/// Word endings common in Russian and absent from Bulgarian and Ukrainian
/// spelling (adjective and pronoun endings).
fn russian_endings(text: &str) -> bool {
    const ENDINGS: &[&str] = &["ая", "ой", "ий", "ый", "ого", "его", "ые", "ую", "юю", "ях"];
    text.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .any(|word| word.chars().count() > 3 && ENDINGS.iter().any(|e| word.ends_with(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Option<&'static str> {
        guess_language(text).unambiguous()
    }

    #[test]
    fn latin_letters() {
        assert_eq!(one("İstanbul Ile Iğdır Arasında"), Some("tr"));
        assert_eq!(one("Dışişleri Bakanı"), Some("tr"));
        assert_eq!(one("Azərbaycan Respublikası"), Some("az"));
        assert_eq!(guess_language("Görüşme").candidates, ["tr"]);
        assert_eq!(guess_language("Bülten").candidates, ["tr", "az"]);
        assert!(guess_language("Plain English").candidates.is_empty());
        assert!(looks_english("Plain English, 1994–2010"));
        assert!(!looks_english("Bülten"));
        assert!(!looks_english("Военная"));
    }

    #[test]
    fn cyrillic_letters() {
        assert_eq!(one("Қазақстан Республикасы"), Some("kk"));
        assert_eq!(
            one("Әл-Фараби атындағы Қазақ ұлттық университеті"),
            Some("kk")
        );
        assert_eq!(
            guess_language("Әлихан Бөкейхан").candidates,
            ["kk", "az", "tt", "ba"]
        );
        assert_eq!(one("Київ, Ґалаґан"), Some("uk"));
        assert_eq!(one("Магілёў"), Some("be"));
        assert_eq!(one("Азәрбајҹан дили"), Some("az"));
        assert_eq!(one("Тоҷикистон"), Some("tg"));
        assert_eq!(one("Ўзбек тили ва ҳуқуқ"), Some("uz"));
        assert_eq!(one("Никшић"), Some("sr"));
        assert_eq!(one("Ќафа Сан"), Some("mk"));
        assert_eq!(
            one("Кыргыз Республикасы, Чүй, Ысык-Көл, Нарын, Ош, Дөң"),
            Some("ky")
        );
        assert_eq!(
            one("Военная доктрина Азербайджанской Республики"),
            Some("ru")
        );
        assert_eq!(one("Развитие связей в военной области"), Some("ru"));
        assert_eq!(
            guess_language("Вестник университета").candidates,
            ["ru", "bg", "uk"]
        );
    }
}
