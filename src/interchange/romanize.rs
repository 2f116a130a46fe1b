//! A stop-gap Russian romanisation (BGN/PCGN without soft-sign marks), used
//! only when a record gives no hand-made transliteration and a pure-ASCII
//! format needs one. The `text` module's schemes replace it once merged.

/// The scheme names this stop-gap answers to.
pub const SCHEMES: &[&str] = &["bgn-pcgn", "bgn"];

/// Romanises Cyrillic letters of `text`; other characters pass through.
/// Returns `None` when the text has no Cyrillic.
pub fn romanize(text: &str) -> Option<String> {
    if !text.chars().any(is_cyrillic) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let latin = match lower {
            'е' if previous.is_none_or(|p| !is_cyrillic(p) || is_vowel_or_sign(p)) => "ye",
            'ё' => "yo",
            _ => letter(lower).unwrap_or(""),
        };
        if latin.is_empty() && !is_cyrillic(c) {
            out.push(c);
        } else if c != lower {
            let mut chars = latin.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(latin);
        }
        previous = Some(lower);
    }
    Some(out)
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4FF}').contains(&c)
}

fn is_vowel_or_sign(c: char) -> bool {
    "аеёиоуыэюяъьй".contains(c)
}

fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_bundled_hand_transliterations() {
        assert_eq!(
            romanize("Военная Доктрина Азербайджанской Республики").as_deref(),
            Some("Voyennaya Doktrina Azerbaydzhanskoy Respubliki")
        );
        assert_eq!(romanize("Ильхам Алиев").as_deref(), Some("Ilkham Aliyev"));
        assert_eq!(romanize("Istanbul"), None);
    }
}
