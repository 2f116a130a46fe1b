//! Text ↔ LaTeX for `.bib` values: escaping so that no value injects markup,
//! Unicode → LaTeX commands for pure-ASCII BibTeX, and the inverse clean-up
//! that the `biblatex` crate leaves to us (T2A Cyrillic commands).
//!
//! Every special character is written in a form that keeps braces balanced,
//! because BibTeX and biber count braces even after a backslash: a brace of
//! a matched pair is `\{` … `\}` (which every reader, pandoc included,
//! understands), and an unmatched one is `\textbraceleft{}` or
//! `\textbraceright{}`, which cannot unbalance the value. Control characters are dropped, and so are
//! invisible direction controls (they cannot be typeset and can hide text);
//! the caller is told what was dropped.

use unicode_normalization::UnicodeNormalization;

/// What encoding a `.bib` value is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// BibLaTeX: UTF-8 text kept, only LaTeX specials escaped.
    Utf8,
    /// Legacy BibTeX: pure ASCII; Latin letters with diacritics as
    /// accent commands (`{\c{s}}`, `{\i}`, `{\.{I}}`).
    Ascii,
}

/// The escaped text and what could not be written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub text: String,
    /// Characters dropped (control characters, direction controls, and in
    /// ASCII mode letters without a LaTeX form).
    pub dropped: Vec<char>,
}

/// Escapes `text` for a braced `.bib` value.
pub fn encode(text: &str, target: Target) -> Encoded {
    let mut out = Encoded::default();
    let mut previous = '\0';
    let matched = matched_braces(text);
    let chars: Vec<char> = text.chars().collect();
    let mut skip = 0;
    for (i, &c) in chars.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if let (Target::Ascii, Some(tie)) = (target, tie(&chars[i..])) {
            // ALA-LC's ligature tie over two letters (i͡a) is `\t{ia}`.
            out.text.push_str(&tie);
            skip = 2;
            continue;
        }
        if c == '-' && previous == '-' {
            // `--` would become an en dash.
            out.text.push_str("{}");
        }
        previous = c;
        if matches!(c, '{' | '}') && matched.get(i).copied().unwrap_or(false) {
            out.text.push('\\');
            out.text.push(c);
        } else if let Some(special) = ascii_special(c) {
            out.text.push_str(special);
        } else if c.is_control() || crate::store::serialize::is_invisible_format(c) {
            if c == '\n' || c == '\t' || c == '\r' {
                out.text.push(' ');
            } else {
                out.dropped.push(c);
            }
        } else if c.is_ascii() || target == Target::Utf8 {
            out.text.push(c);
        } else {
            match non_ascii(c) {
                Some(command) => out.text.push_str(&command),
                None => out.dropped.push(c),
            }
        }
    }
    out
}

/// `{\t{ia}}` for a letter, U+0361 and a letter at the start of `chars`.
fn tie(chars: &[char]) -> Option<String> {
    match chars {
        [a, '\u{361}', b, ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            Some(format!("{{\\t{{{a}{b}}}}}"))
        }
        _ => None,
    }
}

/// For each character of `text`, whether it is a brace with a partner.
fn matched_braces(text: &str) -> Vec<bool> {
    let mut matched = vec![false; text.chars().count()];
    let mut open = Vec::new();
    for (i, c) in text.chars().enumerate() {
        match c {
            '{' => open.push(i),
            '}' => {
                if let Some(start) = open.pop() {
                    matched[start] = true;
                    matched[i] = true;
                }
            }
            _ => {}
        }
    }
    matched
}

/// LaTeX's special characters, in a brace-balanced form every parser reads.
fn ascii_special(c: char) -> Option<&'static str> {
    Some(match c {
        '\\' => "\\textbackslash{}",
        '{' => "\\textbraceleft{}",
        '}' => "\\textbraceright{}",
        '%' => "\\%",
        '$' => "\\$",
        '&' => "\\&",
        '#' => "\\#",
        '_' => "\\_",
        '~' => "\\textasciitilde{}",
        '^' => "\\textasciicircum{}",
        _ => return None,
    })
}

/// A non-ASCII character as an ASCII LaTeX command, wrapped in braces so
/// BibTeX treats it as one "special character" (sorting, casing, purify).
fn non_ascii(c: char) -> Option<String> {
    if let Some(letter) = special_letter(c) {
        return Some(format!("{{{letter}}}"));
    }
    if let Some(punct) = punctuation(c) {
        return Some(punct.to_string());
    }
    if let Some(cyrillic) = cyrillic_command(c) {
        return Some(format!("{{{cyrillic}}}"));
    }
    accented(c)
}

/// A letter followed by combining accents (after NFD), as nested commands.
fn accented(c: char) -> Option<String> {
    let mut chars = std::iter::once(c).nfd();
    let base = chars.next()?;
    let accents: Vec<char> = chars.collect();
    if accents.is_empty() {
        return None;
    }
    let mut inner = match base {
        'i' => "\\i".to_string(),
        'j' => "\\j".to_string(),
        b if b.is_ascii_alphabetic() => b.to_string(),
        _ => return None,
    };
    for accent in accents {
        inner = format!("\\{}{{{inner}}}", accent_command(accent)?);
    }
    Some(format!("{{{inner}}}"))
}

fn accent_command(mark: char) -> Option<&'static str> {
    Some(match mark {
        '\u{300}' => "`",
        '\u{301}' => "'",
        '\u{302}' => "^",
        '\u{303}' => "~",
        '\u{304}' => "=",
        '\u{306}' => "u",
        '\u{307}' => ".",
        '\u{308}' => "\"",
        '\u{30A}' => "r",
        '\u{30B}' => "H",
        '\u{30C}' => "v",
        '\u{323}' => "d",
        '\u{327}' => "c",
        '\u{328}' => "k",
        '\u{331}' => "b",
        _ => return None,
    })
}

fn special_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' => "\\i",
        'ȷ' => "\\j",
        'ß' => "\\ss",
        'æ' => "\\ae",
        'Æ' => "\\AE",
        'œ' => "\\oe",
        'Œ' => "\\OE",
        'ø' => "\\o",
        'Ø' => "\\O",
        'ł' => "\\l",
        'Ł' => "\\L",
        'đ' => "\\dj",
        'Đ' => "\\DJ",
        'ð' => "\\dh",
        'Ð' => "\\DH",
        'þ' => "\\th",
        'Þ' => "\\TH",
        'ŋ' => "\\ng",
        'Ŋ' => "\\NG",
        'ə' => "\\textschwa",
        _ => return None,
    })
}

fn punctuation(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' => "`",
        '\u{2019}' => "'",
        '\u{201C}' => "``",
        '\u{201D}' => "''",
        '\u{2013}' => "--",
        '\u{2014}' => "---",
        '\u{2026}' => "\\ldots{}",
        '\u{A0}' => "~",
        '«' => "\\guillemotleft{}",
        '»' => "\\guillemotright{}",
        '„' => "\\quotedblbase{}",
        '§' => "\\S{}",
        '©' => "\\copyright{}",
        '№' => "No.",
        _ => return None,
    })
}

/// The Russian and Ukrainian letters of LaTeX's T2A encoding (`\cyra`, `\CYRA`).
const CYRILLIC: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "yo"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "ishrt"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "h"),
    ('ц', "c"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "shch"),
    ('ъ', "hrdsn"),
    ('ы', "ery"),
    ('ь', "sftsn"),
    ('э', "erev"),
    ('ю', "yu"),
    ('я', "ya"),
    ('і', "ii"),
    ('ї', "yi"),
    ('є', "ie"),
    ('ґ', "gup"),
];

/// `\cyra` for а, `\CYRA` for А.
fn cyrillic_command(c: char) -> Option<String> {
    let lower = c.to_lowercase().next()?;
    let (_, name) = CYRILLIC.iter().find(|(letter, _)| *letter == lower)?;
    if lower == c {
        Some(format!("\\cyr{name}"))
    } else {
        Some(format!("\\CYR{}", name.to_uppercase()))
    }
}

/// Turns T2A commands (`\cyra`, `{\CYRR}`) that a `.bib` parser left as text
/// back into Cyrillic letters.
pub fn decode_cyrillic(text: &str) -> String {
    let decoded = decode_ties(text);
    let text: &str = &decoded;
    if !text.contains("\\cyr") && !text.contains("\\CYR") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let word_len = tail
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(tail.len());
        match cyrillic_letter(&tail[..word_len]) {
            Some(letter) => {
                out.push(letter);
                rest = &tail[word_len..];
                // As in TeX: `{}` or one space ends the command word.
                rest = rest
                    .strip_prefix("{}")
                    .or_else(|| rest.strip_prefix(' '))
                    .unwrap_or(rest);
            }
            None => {
                out.push('\\');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `\t{ia}` (left as text by the `.bib` parser) → `i͡a`.
fn decode_ties(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(at) = out.find("\\t{") {
        let inner: Vec<char> = out[at + 3..].chars().take(3).collect();
        match inner.as_slice() {
            [a, b, '}'] if a.is_alphabetic() && b.is_alphabetic() => {
                let end = at + 3 + a.len_utf8() + b.len_utf8() + 1;
                out.replace_range(at..end, &format!("{a}\u{361}{b}"));
            }
            _ => break,
        }
    }
    out
}

/// The Cyrillic letter a T2A command (`cyra`, `CYRYA`) stands for.
pub(crate) fn cyrillic_letter(command: &str) -> Option<char> {
    let (upper, name) = if let Some(n) = command.strip_prefix("cyr") {
        (false, n.to_string())
    } else {
        (true, command.strip_prefix("CYR")?.to_lowercase())
    };
    let (letter, _) = CYRILLIC.iter().find(|(_, n)| *n == name)?;
    if upper {
        letter.to_uppercase().next()
    } else {
        Some(*letter)
    }
}

/// Protects capitals for BibTeX styles that lower-case titles: each word with
/// a capital letter is wrapped in braces (`{Azerbaijan}`, `{NATO}`). Takes
/// already-encoded text; never splits a command or an existing group.
pub fn protect_capitals(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len() + 8);
    for (i, word) in split_keep_spaces(encoded).into_iter().enumerate() {
        // Punctuation around a word stays outside its braces: `{Pakistan}:`.
        let core = word.trim_matches(|c: char| {
            matches!(
                c,
                ':' | ';' | ',' | '.' | '!' | '?' | '(' | ')' | '\'' | '`'
            )
        });
        let at = word.find(core).unwrap_or(0);
        let (before, after) = (&word[..at], &word[at + core.len()..]);
        let internal = core.chars().skip(1).any(|c| c.is_ascii_uppercase());
        let has_capital = core.chars().any(|c| c.is_ascii_uppercase());
        let wanted = (i > 0 || internal) && has_capital && !core.trim().is_empty();
        if wanted && braces_balanced(core) {
            out.push_str(&format!("{before}{{{core}}}{after}"));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Splits at spaces that are outside braces, keeping each space with the word
/// before it... as separate items so the output is the same text.
fn split_keep_spaces(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ' ' if depth == 0 => {
                parts.push(&text[start..i]);
                parts.push(" ");
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.retain(|p| !p.is_empty());
    // Spaces are never wrapped; the first real word keeps index 0.
    parts
}

fn braces_balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_letters_become_commands() {
        let e = encode("Dışişleri İş Güç Görüştü", Target::Ascii);
        assert_eq!(
            e.text,
            "D{\\i}{\\c{s}}i{\\c{s}}leri {\\.{I}}{\\c{s}} G{\\\"{u}}{\\c{c}} G{\\\"{o}}r{\\\"{u}}{\\c{s}}t{\\\"{u}}"
        );
        assert!(e.dropped.is_empty());
        assert_eq!(encode("ğ", Target::Ascii).text, "{\\u{g}}");
    }

    #[test]
    fn specials_are_escaped_balanced() {
        let e = encode("a}b\\input{x}%@comment{ 50$ --", Target::Utf8);
        assert_eq!(
            e.text,
            "a\\textbraceright{}b\\textbackslash{}input\\{x\\}\\%@comment\\textbraceleft{} 50\\$ -{}-"
        );
        let e = encode("a\0b\u{202E}c", Target::Utf8);
        assert_eq!(e.text, "abc");
        assert_eq!(e.dropped, vec!['\0', '\u{202E}']);
    }

    #[test]
    fn ala_lc_ties_become_tie_accents() {
        let e = encode("Ni\u{361}azov", Target::Ascii);
        assert_eq!(e.text, "N{\\t{ia}}zov");
        assert!(e.dropped.is_empty());
        assert_eq!(decode_cyrillic("N\\t{ia}zov"), "Ni\u{361}azov");
    }

    #[test]
    fn cyrillic_round_trips_through_t2a() {
        let e = encode("Ниязов ёж", Target::Ascii);
        assert_eq!(
            e.text,
            "{\\CYRN}{\\cyri}{\\cyrya}{\\cyrz}{\\cyro}{\\cyrv} {\\cyryo}{\\cyrzh}"
        );
        assert_eq!(decode_cyrillic("\\CYRN \\cyri \\cyrya{} x"), "Ния x");
    }

    #[test]
    fn protects_capitalised_words() {
        assert_eq!(
            protect_capitals("Azerbaijan and Pakistan: NATO {\\.{I}}stanbul"),
            "Azerbaijan and {Pakistan}: {NATO} {{\\.{I}}stanbul}"
        );
        assert_eq!(protect_capitals("iPhone apps"), "{iPhone} apps");
    }
}
