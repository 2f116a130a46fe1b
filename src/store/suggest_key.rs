//! A citation key suggested for a new record: the first author's family name,
//! the year and the first significant word of the title, in lower-case ASCII
//! (`niyazov2010razvitie`), so that keys type easily and work in LaTeX.
//!
//! Non-Latin text is reduced to ASCII with a plain letter-for-letter table
//! (Cyrillic as in BGN/PCGN without diacritics); a hand-given transliteration
//! is preferred where the record has one.

use crate::model::{Entry, MultiText, Name};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Keys are kept short enough to type.
const MAX_WORD: usize = 20;

/// A key from author, year and title, or `None` when the record has none of them.
pub fn suggest_key(entry: &Entry) -> Option<String> {
    let who = first_name(entry).map(name_word).unwrap_or_default();
    let year = entry.year().map(|y| y.to_string()).unwrap_or_default();
    let what = entry
        .text("title")
        .map(|t| title_word(t.latin_or_original()))
        .unwrap_or_default();
    if who.is_empty() && what.is_empty() {
        return None;
    }
    Some(format!("{who}{year}{what}"))
}

fn first_name(entry: &Entry) -> Option<&Name> {
    ["author", "editor", "translator"]
        .iter()
        .find_map(|role| entry.names(role).and_then(|n| n.first()))
        .or_else(|| entry.names.values().find_map(|f| f.value.first()))
}

fn name_word(name: &Name) -> String {
    let part = name.family.as_ref().or(name.literal.as_ref());
    let text = part.map(MultiText::latin_or_original).unwrap_or("");
    if name.literal.is_some() && name.family.is_none() {
        return title_word(text);
    }
    truncate(ascii_slug(text))
}

/// The first word of a title that is not an article, preposition or conjunction.
fn title_word(title: &str) -> String {
    const MINOR: &[&str] = &[
        "a", "an", "the", "of", "on", "in", "and", "for", "to", "at", "by", "with", "from", "bir",
        "ve", "ile", "v", "na", "i", "o", "s", "k", "po", "ob",
    ];
    title
        .split(|c: char| !c.is_alphanumeric())
        .map(ascii_slug)
        .find(|w| !w.is_empty() && !MINOR.contains(&w.as_str()))
        .map(truncate)
        .unwrap_or_default()
}

fn truncate(word: String) -> String {
    word.chars().take(MAX_WORD).collect()
}

/// Lower-case ASCII letters and digits of `text`; accents are dropped
/// (`Gül` → `gul`), Cyrillic is spelled in Latin letters, anything else goes.
pub fn ascii_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(latin) = latin_letter(c) {
            out.push_str(latin);
        }
    }
    out
}

/// Latin spellings of lower-case letters that do not decompose to ASCII.
fn latin_letter(c: char) -> Option<&'static str> {
    let latin = match c {
        'ı' => "i",
        'ə' => "e",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'қ' => "q",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' | 'ү' | 'ұ' => "u",
        'ф' => "f",
        'х' => "kh",
        'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "yu",
        'я' => "ya",
        'є' => "ye",
        'ї' => "yi",
        'ә' => "a",
        'ј' => "j",
        _ => return None,
    };
    Some(latin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, DatePart, ItemType};

    fn person(family: &str) -> Name {
        Name {
            family: Some(MultiText::plain(family)),
            ..Name::default()
        }
    }

    #[test]
    fn slugs_turkish_azerbaijani_and_cyrillic() {
        assert_eq!(ascii_slug("Gül Işık-Çağlar"), "gulisikcaglar");
        assert_eq!(ascii_slug("Əliyev"), "eliyev");
        assert_eq!(ascii_slug("Ниязов"), "niyazov");
        assert_eq!(ascii_slug("Щедрин, Ёлкин"), "shchedrinelkin");
        assert_eq!(ascii_slug("İstanbul"), "istanbul");
        assert_eq!(ascii_slug("«—»"), "");
    }

    #[test]
    fn key_from_author_year_and_title() {
        let mut entry = Entry::new("x", ItemType::ArticleJournal);
        entry.set_names("author", vec![person("Ниязов")]);
        entry.set_date("issued", Date::single(DatePart::ymd(2010, 1, 1)));
        entry.set_text("title", MultiText::plain("Развитие связей"));
        assert_eq!(suggest_key(&entry).as_deref(), Some("niyazov2010razvitie"));

        let mut web = Entry::new("y", ItemType::Webpage);
        web.set_text(
            "title",
            MultiText::plain("The History of the Frontier Post"),
        );
        assert_eq!(suggest_key(&web).as_deref(), Some("history"));
        let org = Name {
            literal: Some(MultiText::plain("Ministry of Defence")),
            ..Name::default()
        };
        web.set_names("author", vec![org]);
        assert_eq!(suggest_key(&web).as_deref(), Some("ministryhistory"));

        assert_eq!(suggest_key(&Entry::new("z", ItemType::Book)), None);
    }
}
