//! The one-pass transliteration engine shared by every scheme.
//!
//! It walks the text once, copying everything that is not a word with Cyrillic in it
//! as a slice, and romanises Cyrillic words letter by letter with one letter of context
//! on each side. It owns the case rules of SCHEMES.md §2: a word whose cased letters
//! (at least two) are all capitals is written all in capitals (ЩУКА → SHCHUKA);
//! otherwise a capital gives a capitalised value (Щука → Shchuka); a one-letter word
//! follows the whole field. It never allocates per letter.

use super::tables::Table;

/// Which context rules a scheme applies on top of its table.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Rules {
    /// No context: one table value per letter.
    Plain,
    /// ALA-LC: a hard sign at the end of a word is not romanised.
    AlaLc,
    /// BGN/PCGN: ye/yë at the start of a word and after vowels, й, ъ and ь;
    /// with `dots`, the optional middle-dot separators as well.
    BgnPcgn { dots: bool },
    /// GOST 7.79 B: ц → c before е, и, ы, й.
    GostB,
    /// Ukrainian 2010: word-initial є ї й ю я, зг → zgh, apostrophes dropped.
    Ukrainian,
    /// Bulgarian 2009: final -ия → ia.
    Bulgarian,
}

/// Everything the engine needs to know about one scheme.
pub(super) struct Profile {
    pub table: &'static Table,
    pub rules: Rules,
    /// Capitals follow Turkic rules (i → İ), for Azerbaijani output.
    pub turkic_capitals: bool,
}

impl Profile {
    pub const fn new(table: &'static Table, rules: Rules) -> Profile {
        Profile {
            table,
            rules,
            turkic_capitals: false,
        }
    }

    pub const fn turkic(table: &'static Table) -> Profile {
        Profile {
            table,
            rules: Rules::Plain,
            turkic_capitals: true,
        }
    }
}

/// Where a letter stands in its word; letters are lower-cased.
#[derive(Clone, Copy)]
struct Context {
    prev: Option<char>,
    next: Option<char>,
    index: usize,
}

fn is_vowel(c: Option<char>) -> bool {
    matches!(
        c,
        Some('а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я')
    )
}

fn is_consonant(c: Option<char>) -> bool {
    matches!(
        c,
        Some('б'..='д' | 'ж' | 'з' | 'к'..='н' | 'п'..='т' | 'ф'..='щ')
    )
}

/// Romanises `text` (already NFC) into `out`.
pub(super) fn run(text: &str, profile: &Profile, out: &mut String) {
    let field_caps = is_all_caps(text);
    let apostrophes = profile.rules == Rules::Ukrainian;
    let mut pos = 0;
    while pos < text.len() {
        let gap_end = skip_non_word(text, pos);
        push_small(out, &text[pos..gap_end]);
        let word = scan_word(text, gap_end, apostrophes);
        let slice = &text[gap_end..word.end];
        if word.cyrillic {
            let caps = if word.upper + word.lower >= 2 {
                word.lower == 0
            } else {
                field_caps
            };
            romanise_word(slice, profile, caps, out);
        } else {
            out.push_str(slice);
        }
        pos = word.end;
    }
}

/// Appends a short string; one byte is pushed directly, sparing a `memcpy` call.
#[inline]
fn push_small(out: &mut String, s: &str) {
    match s.as_bytes() {
        [byte] => out.push(char::from(*byte)),
        _ => out.push_str(s),
    }
}

/// The character at byte `pos` (a char boundary) and its length in bytes.
#[inline]
fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(pos)?;
    if byte < 0x80 {
        return Some((byte as char, 1));
    }
    let c = text.get(pos..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Word characters as in a regex `\w`: letters, digits, `_`, and combining marks
/// (so that a decomposed letter is not split).
#[inline]
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric() || c == '_',
        // Cyrillic letters and their combining marks; ҂ (U+0482) is a sign.
        0x400..=0x52F => c != '\u{482}',
        // Latin-1 letters and Latin Extended-A/B, but not × and ÷.
        0xC0..=0x24F => c != '×' && c != '÷',
        0x300..=0x36F => true,
        _ => c.is_alphanumeric(),
    }
}

/// Whether `c` is a capital and whether it is a small letter; fast for Cyrillic.
#[inline]
fn letter_case(c: char) -> (bool, bool) {
    match c as u32 {
        0x41..=0x5A | 0x400..=0x42F => (true, false),
        0x61..=0x7A | 0x430..=0x45F => (false, true),
        0..=0x7F => (false, false),
        _ => (c.is_uppercase(), c.is_lowercase()),
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn skip_non_word(text: &str, mut pos: usize) -> usize {
    while let Some((c, len)) = char_at(text, pos) {
        if is_word_char(c) {
            break;
        }
        pos += len;
    }
    pos
}

/// A word found by [`scan_word`]: where it ends, its capitals and small letters, and
/// whether it holds a Cyrillic character.
struct Word {
    end: usize,
    upper: usize,
    lower: usize,
    cyrillic: bool,
}

/// Scans the word starting at `pos`. With `apostrophes`, an apostrophe between two
/// letters belongs to the word (Ukrainian Знам’янка is one word).
fn scan_word(text: &str, mut pos: usize, apostrophes: bool) -> Word {
    let start = pos;
    let (mut upper, mut lower, mut cyrillic) = (0, 0, false);
    while let Some((c, len)) = char_at(text, pos) {
        if is_word_char(c) {
            let (is_upper, is_lower) = letter_case(c);
            upper += usize::from(is_upper);
            lower += usize::from(is_lower);
            cyrillic |= ('\u{400}'..='\u{52F}').contains(&c);
            pos += len;
            continue;
        }
        let inside = apostrophes && is_apostrophe(c) && pos > start;
        if inside && char_at(text, pos + len).is_some_and(|(n, _)| n.is_alphabetic()) {
            pos += len;
            continue;
        }
        break;
    }
    Word {
        end: pos,
        upper,
        lower,
        cyrillic,
    }
}

/// True when the text has at least two cased letters and none is lower case.
fn is_all_caps(text: &str) -> bool {
    let mut capitals = 0usize;
    for c in text.chars() {
        let (upper, lower) = letter_case(c);
        if lower {
            return false;
        }
        capitals += usize::from(upper);
    }
    capitals >= 2
}

/// A Cyrillic letter lower-cased, and whether it was a capital. Other characters
/// come back unchanged.
#[inline]
fn lower_cyrillic(c: char) -> (char, bool) {
    let code = c as u32;
    let shifted = match code {
        0x410..=0x42F => code + 0x20,
        0x400..=0x40F => code + 0x50,
        0x460..=0x52F if c.is_uppercase() => {
            let lower = c.to_lowercase().next().unwrap_or(c);
            return (lower, lower != c);
        }
        _ => return (c, false),
    };
    (char::from_u32(shifted).unwrap_or(c), true)
}

/// Romanises one word; `caps` says whether its capitals are written all in capitals.
fn romanise_word(word: &str, profile: &Profile, caps: bool, out: &mut String) {
    if profile.rules == Rules::Bulgarian && is_bulgaria(word) {
        // The Act names one exception: България is written Bulgaria.
        let first = word.chars().next().is_some_and(char::is_uppercase);
        out.push_str(match (caps, first) {
            (true, _) => "BULGARIA",
            (false, true) => "Bulgaria",
            (false, false) => "bulgaria",
        });
        return;
    }
    let mut chars = word.chars();
    let mut current = chars.next().map(|c| (c, lower_cyrillic(c)));
    let mut prev = None;
    let mut index = 0;
    while let Some((c, (letter, capital))) = current {
        let following = chars.next().map(|n| (n, lower_cyrillic(n)));
        let next = following.map(|(_, (lower, _))| lower);
        let context = Context { prev, next, index };
        match value(profile, letter, context) {
            Some(latin) if capital => push_capital(latin, caps, profile.turkic_capitals, out),
            Some(latin) => push_small(out, latin),
            None => out.push(c),
        }
        prev = Some(letter);
        index += 1;
        current = following;
    }
}

fn is_bulgaria(word: &str) -> bool {
    word.chars()
        .map(|c| lower_cyrillic(c).0)
        .eq("българия".chars())
}

/// Writes the value of a capital letter: all in capitals in an all-caps word,
/// otherwise with its first letter capitalised. Marks without case are copied.
fn push_capital(latin: &str, caps: bool, turkic: bool, out: &mut String) {
    let mut done = false;
    for c in latin.chars() {
        if done || !c.is_alphabetic() {
            out.push(c);
            continue;
        }
        if turkic && c == 'i' {
            out.push('İ');
        } else {
            out.extend(c.to_uppercase());
        }
        done = !caps;
    }
}

/// The Latin value of a lower-case letter in its context, or `None` when the scheme
/// leaves the character as it is.
#[inline]
fn value(profile: &Profile, letter: char, at: Context) -> Option<&'static str> {
    let ukrainian_apostrophe = profile.rules == Rules::Ukrainian && letter == '\'';
    if letter.is_ascii() && !ukrainian_apostrophe {
        return None;
    }
    if let Some(special) = contextual(profile.rules, letter, at) {
        return Some(special);
    }
    profile.table.get(letter)
}

fn contextual(rules: Rules, letter: char, at: Context) -> Option<&'static str> {
    match rules {
        Rules::Plain => None,
        Rules::AlaLc => (letter == 'ъ' && at.next.is_none() && at.index > 0).then_some(""),
        Rules::BgnPcgn { dots } => bgn_pcgn(letter, at, dots),
        Rules::GostB => {
            let soft = matches!(at.next, Some('е' | 'и' | 'ы' | 'й'));
            (letter == 'ц' && soft).then_some("c")
        }
        Rules::Ukrainian => ukrainian(letter, at),
        Rules::Bulgarian => {
            let final_ia = letter == 'я' && at.prev == Some('и') && at.next.is_none();
            (final_ia && at.index >= 2).then_some("a")
        }
    }
}

fn bgn_pcgn(letter: char, at: Context, dots: bool) -> Option<&'static str> {
    let iotated =
        at.prev.is_none() || is_vowel(at.prev) || matches!(at.prev, Some('й' | 'ъ' | 'ь'));
    match letter {
        'е' if iotated => return Some("ye"),
        'ё' if iotated => return Some("yë"),
        _ => {}
    }
    if !dots {
        return None;
    }
    match letter {
        'ы' if is_vowel(at.prev) => Some("·y"),
        'э' if is_consonant(at.prev) => Some("·e"),
        'й' | 'ы' if matches!(at.next, Some('а' | 'у' | 'ы' | 'э')) => Some("y·"),
        'т' if at.next == Some('с') => Some("t·"),
        'ш' if at.next == Some('ч') => Some("sh·"),
        _ => None,
    }
}

fn ukrainian(letter: char, at: Context) -> Option<&'static str> {
    if is_apostrophe(letter) {
        return Some("");
    }
    if letter == 'г' && at.prev == Some('з') {
        return Some("gh");
    }
    if at.prev.is_some() {
        return None;
    }
    match letter {
        'є' => Some("ye"),
        'ї' => Some("yi"),
        'й' => Some("y"),
        'ю' => Some("yu"),
        'я' => Some("ya"),
        _ => None,
    }
}
