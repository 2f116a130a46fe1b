//! Text → LaTeX for `.bib` values: kaynak's rich-text markup as TeX
//! (`<i>` → `\emph{…}`, `nocase` → `{…}`, math → `$…$`), escaping so that no
//! value injects markup, and Unicode → LaTeX commands for pure-ASCII BibTeX.
//! Letters with no TeX form (CJK, Arabic …) stay UTF-8 and are reported, never
//! deleted. Reading TeX back is [`super::tex_decode`].
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
    /// Characters dropped (control characters, direction controls).
    pub dropped: Vec<char>,
    /// In ASCII mode, characters with no TeX form, written as UTF-8.
    pub kept: Vec<char>,
}

/// A rich-text value (see [`crate::model::markup`]) for a braced `.bib`
/// value: marks as TeX commands, text escaped.
pub fn encode(text: &str, target: Target) -> Encoded {
    use crate::model::markup::{pieces, Mark, Piece};
    if !crate::model::markup::has_markup(text) {
        return encode_plain(text, target);
    }
    let mut out = Encoded::default();
    let mut in_math = false;
    for piece in pieces(text) {
        match piece {
            Piece::Text(t) if in_math && is_safe_math(t) => out.text.push_str(t),
            Piece::Text(t) => {
                let part = encode_plain(t, target);
                out.text.push_str(&part.text);
                out.dropped.extend(part.dropped);
                out.kept.extend(part.kept);
            }
            Piece::Open(mark) => {
                in_math |= mark == Mark::Math;
                out.text.push_str(match mark {
                    Mark::Italic => "\\emph{",
                    Mark::Bold => "\\textbf{",
                    Mark::SmallCaps => "\\textsc{",
                    Mark::Superscript => "\\textsuperscript{",
                    Mark::Subscript => "\\textsubscript{",
                    Mark::NoCase => "{",
                    Mark::Math => "$",
                })
            }
            Piece::Close(mark) => {
                in_math &= mark != Mark::Math;
                out.text
                    .push_str(if mark == Mark::Math { "$" } else { "}" });
            }
        }
    }
    out
}

/// Math written back as it was read: balanced braces, no `$`, no line breaks.
fn is_safe_math(text: &str) -> bool {
    !text.contains(['$', '\n', '\r']) && braces_balanced(text)
}

/// Escapes plain `text` for a braced `.bib` value.
fn encode_plain(text: &str, target: Target) -> Encoded {
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
        if (c == '-' && previous == '-') || (c == '\'' && previous == '\'') {
            // `--` would become an en dash, `''` a closing quote.
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
                None => {
                    out.text.push(c);
                    out.kept.push(c);
                }
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

/// The accent command for a combining mark over one letter (the tie is
/// written by [`tie`] over its two letters).
fn accent_command(mark: char) -> Option<&'static str> {
    crate::text::tex::accent_command(mark)
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
        '\u{2019}' => "\\textquoteright{}",
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

/// Marks the words whose case must survive a style that re-cases titles:
/// acronyms and words with a capital after their first letter (`NASA`,
/// `iPhone`, `McDonald`), as `nocase`. Words already inside a `nocase` span,
/// and ordinary capitalised words, are left alone.
pub fn protect_case(rich: &str) -> String {
    use crate::model::markup::{pieces, Mark, Piece};
    let mut out = String::with_capacity(rich.len() + 16);
    let mut protected = 0usize;
    for piece in pieces(rich) {
        match piece {
            Piece::Open(mark) => {
                protected += usize::from(matches!(mark, Mark::NoCase | Mark::Math));
                out.push_str(mark.open_tag());
            }
            Piece::Close(mark) => {
                protected -= usize::from(matches!(mark, Mark::NoCase | Mark::Math));
                out.push_str(mark.close_tag());
            }
            Piece::Text(t) if protected > 0 => out.push_str(t),
            Piece::Text(t) => protect_words(t, &mut out),
        }
    }
    out
}

fn protect_words(text: &str, out: &mut String) {
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let internal_capital = core.chars().skip(1).any(char::is_uppercase);
        if core.is_empty() || !internal_capital {
            out.push_str(word);
            continue;
        }
        let at = word.find(core).unwrap_or(0);
        out.push_str(&word[..at]);
        out.push_str(crate::model::markup::Mark::NoCase.open_tag());
        out.push_str(core);
        out.push_str(crate::model::markup::Mark::NoCase.close_tag());
        out.push_str(&word[at + core.len()..]);
    }
}

/// Raw TeX with its non-ASCII letters as TeX commands where they have one
/// (for fields an import kept as written, exported as ASCII BibTeX).
pub(crate) fn ascii_tex(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match (c.is_ascii(), non_ascii(c)) {
            (false, Some(command)) => out.push_str(&command),
            _ => out.push(c),
        }
    }
    out
}

/// True when `text`'s braces balance as bibtex counts them (`\{` included),
/// so it can stand between braces in a `.bib` value.
pub(crate) fn bibtex_balanced(text: &str) -> bool {
    braces_balanced(text)
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
    }

    #[test]
    fn cyrillic_round_trips_through_t2a() {
        let e = encode("Ниязов ёж", Target::Ascii);
        assert_eq!(
            e.text,
            "{\\CYRN}{\\cyri}{\\cyrya}{\\cyrz}{\\cyro}{\\cyrv} {\\cyryo}{\\cyrzh}"
        );
    }

    #[test]
    fn protects_only_what_must_keep_its_case() {
        assert_eq!(
            protect_case("The Federal Appointments of NASA and iPhone: <span class=\"nocase\">van Gogh</span>"),
            "The Federal Appointments of <span class=\"nocase\">NASA</span> and <span class=\"nocase\">iPhone</span>: <span class=\"nocase\">van Gogh</span>"
        );
    }

    #[test]
    fn markup_becomes_tex_and_scripts_without_tex_stay() {
        let e = encode("<i>A</i> {x} <span class=\"nocase\">NASA</span> <span class=\"math\">E=mc^2</span> 東京", Target::Ascii);
        assert_eq!(e.text, "\\emph{A} \\{x\\} {NASA} $E=mc^2$ 東京");
        assert_eq!(e.kept, vec!['東', '京']);
    }
}
