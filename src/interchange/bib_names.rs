//! BibTeX name lists → names, by BibTeX's own rules.
//!
//! - The list splits at ` and ` outside braces; `and others` is the et-al.
//!   marker, kept as the name `{ literal = "others" }` (CSL-JSON's and
//!   pandoc's convention), so an export writes it back.
//! - A name that is one braced group (`{Ministry of Defence}`) is a literal.
//! - `First von Last`, `von Last, First` and `von Last, Jr, First`: the von
//!   part is the words that start in lower case, where the case of a word is
//!   that of its first letter outside braces, or inside a special character
//!   (`{\relax Ch}ristopher` starts with `C`); braced words have no case.
//!   The von part is CSL's dropping particle, as biblatex prints it by default.
//! - biblatex's extended form `family=Smith, given=John, prefix=von,
//!   useprefix=true` (a `prefix` with `useprefix=true` is a non-dropping
//!   particle).
//!
//! Each part is then decoded from TeX ([`super::tex_decode`]). Scans are forward
//! with a brace counter: no recursion.

use super::tex_decode::{decode, Mode};
use crate::model::{MultiText, Name};

/// The names of a name-list field, and warnings about the ones read oddly.
pub fn parse_names(tex: &str) -> (Vec<Name>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut names = Vec::new();
    let list = split_list(tex);
    let count = list.len();
    for (i, raw) in list.into_iter().enumerate() {
        if raw == "others" && i + 1 == count && i > 0 {
            names.push(Name {
                literal: Some(MultiText::plain("others")),
                ..Name::default()
            });
            continue;
        }
        match one_name(&raw, &mut warnings) {
            Some(name) if name.parts().next().is_some() => names.push(name),
            _ => warnings.push(format!("the name `{raw}` has no letters to keep; left out")),
        }
    }
    (names, warnings)
}

/// Splits at the word `and` (any case) outside braces; words are rejoined
/// with single spaces.
fn split_list(tex: &str) -> Vec<String> {
    let words = words(tex);
    let has_and = words.iter().any(|w| w.eq_ignore_ascii_case("and"));
    // `Baklouti, F.; Huang, S. C.` (Medline, JabRef): `;` separates names
    // when the list has no `and`.
    let by_semicolon = split_outside_braces(tex, |c| c == ';');
    if !has_and && by_semicolon.len() > 1 {
        return by_semicolon
            .into_iter()
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|n| !n.is_empty())
            .collect();
    }
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for word in words {
        if word.eq_ignore_ascii_case("and") {
            names.push(current.join(" "));
            current.clear();
        } else {
            current.push(word);
        }
    }
    names.push(current.join(" "));
    names.retain(|n| !n.trim().is_empty());
    names
}

/// Words separated by white space (or `~`) outside braces.
fn words(tex: &str) -> Vec<&str> {
    split_outside_braces(tex, |c| c.is_whitespace() || c == '~')
}

/// Pieces of `text` between characters `is_separator` accepts at brace depth
/// 0; empty pieces are dropped.
fn split_outside_braces(text: &str, is_separator: impl Fn(char) -> bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\\' => {
                escaped = !escaped;
                continue;
            }
            '{' if !escaped => depth += 1,
            '}' if !escaped => depth = depth.saturating_sub(1),
            c if depth == 0 && is_separator(c) => {
                if start < i {
                    out.push(&text[start..i]);
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
        escaped = false;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.retain(|p| !p.trim().is_empty());
    out
}

fn one_name(raw: &str, warnings: &mut Vec<String>) -> Option<Name> {
    let raw = raw.trim().trim_end_matches(',').trim();
    if raw.is_empty() {
        return None;
    }
    if let Some(inner) = whole_group(raw) {
        return Some(Name {
            literal: part(inner),
            ..Name::default()
        });
    }
    let parts: Vec<&str> = split_outside_braces(raw, |c| c == ',')
        .into_iter()
        .map(str::trim)
        .collect();
    if let Some(name) = extended(&parts) {
        return Some(name);
    }
    let (von_last, jr, first) = match parts.as_slice() {
        [] => return None,
        [one] => return Some(first_von_last(&words(one))),
        [von_last, first] => (*von_last, None, Some(first.to_string())),
        [von_last, jr, first] => (*von_last, Some(*jr), Some(first.to_string())),
        [von_last, jr, rest @ ..] => {
            warnings.push(format!(
                "the name `{raw}` has more than two commas; the parts after the second are its given name"
            ));
            (*von_last, Some(*jr), Some(rest.join(", ")))
        }
    };
    let words = words(von_last);
    let split = words.len().saturating_sub(1);
    let von_end = (0..split).rev().find(|&i| starts_lower(words[i]));
    let (von, last) = match von_end {
        Some(end) => (&words[..=end], &words[end + 1..]),
        None => (&words[..0], &words[..]),
    };
    Some(Name {
        family: joined(last),
        given: first.as_deref().and_then(part),
        suffix: jr.and_then(part),
        dropping_particle: joined(von),
        ..Name::default()
    })
}

/// `First von Last` (no commas).
fn first_von_last(words: &[&str]) -> Name {
    let last_index = words.len().saturating_sub(1);
    let von_start = (0..last_index).find(|&i| starts_lower(words[i]));
    let (first, von, last) = match von_start {
        Some(start) => {
            let end = (start..last_index)
                .rev()
                .find(|&i| starts_lower(words[i]))
                .unwrap_or(start);
            (&words[..start], &words[start..=end], &words[end + 1..])
        }
        None => (
            &words[..last_index],
            &words[..0],
            &words[last_index.min(words.len())..],
        ),
    };
    Name {
        family: joined(last),
        given: joined(first),
        dropping_particle: joined(von),
        ..Name::default()
    }
}

/// biblatex's `family=…, given=…` form, when every part is `key=value`.
fn extended(parts: &[&str]) -> Option<Name> {
    let mut name = Name::default();
    let mut prefix = None;
    let mut use_prefix = false;
    for p in parts {
        let (key, value) = p.split_once('=')?;
        let value = value.trim();
        let value = whole_group(value).unwrap_or(value);
        match key.trim().to_ascii_lowercase().as_str() {
            "family" => name.family = part(value),
            "given" => name.given = part(value),
            "prefix" => prefix = part(value),
            "suffix" => name.suffix = part(value),
            "useprefix" => use_prefix = value.eq_ignore_ascii_case("true"),
            // Name options (`juniorcomma`, `sortingnamekeytemplate` …).
            key if !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_') => {}
            _ => return None,
        }
    }
    if name.family.is_none() && name.given.is_none() {
        return None;
    }
    if use_prefix {
        name.non_dropping_particle = prefix;
    } else {
        name.dropping_particle = prefix;
    }
    Some(name)
}

/// The inside of `{…}` when one brace group is the whole text.
fn whole_group(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('{')?.strip_suffix('}')?;
    let mut depth = 0i64;
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            _ => {}
        }
    }
    (depth == 0).then_some(inner)
}

/// True when a word's first letter (outside braces, or the first letter of a
/// special character such as `{\"u}`) is lower case. Braced text without a
/// leading command has no case.
fn starts_lower(word: &str) -> bool {
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' {
            if chars.peek() != Some(&'\\') {
                return false;
            }
            // A special character: skip the command name, take the first
            // letter after it.
            chars.next();
            let command: String =
                std::iter::from_fn(|| chars.next_if(char::is_ascii_alphabetic)).collect();
            if command.is_empty() {
                chars.next();
            }
            if command.len() > 1 && super::tex_symbols::symbol(&command).is_some() {
                return command.starts_with(|c: char| c.is_lowercase());
            }
            return chars
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_lowercase);
        }
        if c == '\\' {
            let command: String =
                std::iter::from_fn(|| chars.next_if(char::is_ascii_alphabetic)).collect();
            if let Some(letter) = super::tex_symbols::symbol(&command) {
                return letter.starts_with(char::is_lowercase);
            }
            continue;
        }
        if c.is_alphabetic() {
            return c.is_lowercase();
        }
    }
    false
}

fn joined(words: &[&str]) -> Option<MultiText> {
    if words.is_empty() {
        None
    } else {
        part(&words.join(" "))
    }
}

fn part(tex: &str) -> Option<MultiText> {
    let mut text = decode(tex, Mode::Plain).text;
    if text.is_empty() {
        // Only macros of the file's own preamble (`\Thanh`): their names are
        // the best text there is.
        text = tex
            .chars()
            .filter(|c| !matches!(c, '\\' | '{' | '}'))
            .collect::<String>()
            .trim()
            .to_string();
    }
    (!text.is_empty()).then(|| MultiText::plain(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(tex: &str) -> Vec<String> {
        parse_names(tex)
            .0
            .iter()
            .map(|n| {
                let p = |t: &Option<MultiText>| {
                    use unicode_normalization::UnicodeNormalization;
                    t.as_ref()
                        .map_or(String::new(), |t| t.original.nfc().collect())
                };
                if n.literal.is_some() {
                    format!("literal:{}", p(&n.literal))
                } else {
                    format!(
                        "{}|{}|{}|{}|{}",
                        p(&n.given),
                        p(&n.dropping_particle),
                        p(&n.non_dropping_particle),
                        p(&n.family),
                        p(&n.suffix)
                    )
                }
            })
            .collect()
    }

    #[test]
    fn bibtex_name_forms() {
        assert_eq!(
            show("Ludwig van Beethoven and de la Fontaine, Jean and Smith, Jr., John and {Barnes and Noble} and Banksy AND others"),
            [
                "Ludwig|van||Beethoven|",
                "Jean|de la||Fontaine|",
                "John|||Smith|Jr.",
                "literal:Barnes and Noble",
                "|||Banksy|",
                "literal:others",
            ]
        );
        assert_eq!(
            show(r"{\relax Ch}ristopher Brown"),
            ["Christopher|||Brown|"]
        );
        assert_eq!(show(r#"{\"O}zt{\"u}rk, Ay{\c{s}}e"#), ["Ayşe|||Öztürk|"]);
        assert_eq!(show(r#"{\"u}ber Name, X"#), ["X|über||Name|"]);
    }

    #[test]
    fn semicolons_separate_names_without_and() {
        assert_eq!(
            show("Baklouti, F.; Huang, S. C."),
            ["F.|||Baklouti|", "S. C.|||Huang|"]
        );
    }

    #[test]
    fn extended_name_format() {
        assert_eq!(
            show("given=Hans, family=Harman, prefix=von, useprefix=true and family={Smith, x=y} and family=Stevenson, given=Adlai E., suffix=III, juniorcomma=true"),
            ["Hans||von|Harman|", "|||Smith, x=y|", "Adlai E.|||Stevenson|III"]
        );
        assert_eq!(show("{Smith, x=y}"), ["literal:Smith, x=y"]);
        assert_eq!(show("Smith, x=y"), ["x=y|||Smith|"]);
    }
}
