//! The transliteration engine shared by every scheme.
//!
//! It jumps from one Cyrillic character to the next with a byte search, steps back to
//! the start of that word, scans the word once (its end and its capitals), and
//! romanises it letter by letter with one letter of context on each side; everything
//! between Cyrillic words is copied as one slice. It owns the case rules of
//! SCHEMES.md §2: a word whose cased letters (at least two) are all capitals is
//! written all in capitals (ЩУКА → SHCHUKA); otherwise a capital gives a capitalised
//! value (Щука → Shchuka); a one-letter word follows the whole field. It never
//! allocates per letter (except to drop the diacritics of a plain variant). A
//! Cyrillic letter the table does not cover is copied and reported to the caller.

use super::tables::Table;
use super::SignMarks;
use std::borrow::Cow;

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
    /// GOST 7.79 B: ц → c before е, и, ы, й, otherwise cz. The standard words the
    /// condition in Latin letters (i, e, y, j), which leaves ц before ю/я (yu, ya)
    /// open; like iuliia's `gost_779_alt`, we look at the Cyrillic letter and write cz.
    GostB,
    /// Ukrainian 2010: word-initial є ї й ю я, зг → zgh.
    Ukrainian,
    /// Bulgarian 2009: final -ия → ia.
    Bulgarian,
    /// Bulgarian ALA-LC: a final ъ (pre-1945 spelling) is ʺ.
    AlaLcBulgarian,
    /// Tajik BGN/PCGN: the obsolete ц is ts between vowels, else s.
    Tajik,
    /// Uzbek BGN/PCGN: е is ye at the start of a word and after vowels, й, ъ, ь.
    UzbekYe,
}

/// Everything the engine needs to know about one scheme.
#[derive(Clone, Copy)]
pub(super) struct Profile<'a> {
    pub table: &'static Table,
    pub rules: Rules,
    /// Capitals follow Turkic rules (i → İ), for Azerbaijani output.
    pub turkic_capitals: bool,
    /// Values for ь and ъ that replace the table's.
    pub signs: Option<SignMarks<'a>>,
    /// The value of an apostrophe between two letters (Ukrainian Знам’янка), which
    /// then belongs to the word; `None`: an apostrophe separates words.
    pub apostrophe: Option<&'a str>,
    /// Letter pairs written with a middle dot between them (BGN/PCGN's optional
    /// separators: Belarusian з·г, Kazakh н·г …).
    pub dots: &'static [(char, char)],
    /// Drop ALA-LC's diacritics and tie marks (`ala-lc-plain`).
    pub plain: bool,
}

impl Profile<'static> {
    pub const fn new(table: &'static Table, rules: Rules) -> Self {
        Profile {
            table,
            rules,
            turkic_capitals: false,
            signs: None,
            apostrophe: None,
            dots: &[],
            plain: false,
        }
    }

    pub const fn turkic(table: &'static Table) -> Self {
        Profile {
            turkic_capitals: true,
            ..Profile::new(table, Rules::Plain)
        }
    }

    pub const fn apostrophe(self, value: &'static str) -> Self {
        Profile {
            apostrophe: Some(value),
            ..self
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

/// Romanises `text` (already NFC) into `out`. It jumps from one Cyrillic character to
/// the next with a byte search, so text without Cyrillic costs little more than a
/// copy, and copies the stretch between Cyrillic words as one slice.
pub(super) fn run(text: &str, profile: &Profile<'_>, out: &mut String, uncovered: &mut Vec<char>) {
    let field_caps = is_all_caps(text);
    let apostrophes = profile.apostrophe.is_some();
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut copied = 0;
    while let Some(offset) = bytes
        .get(pos..)
        .and_then(|rest| rest.iter().position(|&b| is_cyrillic_lead(b)))
    {
        let start = word_start(text, pos + offset, pos, apostrophes);
        let word = scan_word(text, start, apostrophes);
        push_small(out, &text[copied..start]);
        let caps = if word.upper + word.lower >= 2 {
            word.lower == 0
        } else {
            field_caps
        };
        romanise_word(&text[start..word.end], profile, caps, out, uncovered);
        copied = word.end;
        // A word always holds at least the Cyrillic character found.
        pos = word.end.max(pos + offset + 1);
    }
    out.push_str(&text[copied..]);
}

/// A UTF-8 lead byte of U+0400 … U+052F (Cyrillic and Cyrillic Supplement).
#[inline]
fn is_cyrillic_lead(byte: u8) -> bool {
    (0xD0..=0xD4).contains(&byte)
}

/// The start of the word holding the character at `at`, not before `floor` (a word
/// boundary): steps back over word characters (and inner Ukrainian apostrophes).
fn word_start(text: &str, at: usize, floor: usize, apostrophes: bool) -> usize {
    let mut start = at;
    while start > floor {
        let Some(prev) = text.get(floor..start).and_then(|t| t.chars().next_back()) else {
            break;
        };
        if classify(prev) & WORD == 0 && !(apostrophes && is_inner_apostrophe(text, start, floor)) {
            break;
        }
        start -= prev.len_utf8();
    }
    start
}

/// Whether the character ending at byte `end` is an apostrophe with a word character
/// before it and a letter after it (Ukrainian Знам’янка).
fn is_inner_apostrophe(text: &str, end: usize, floor: usize) -> bool {
    let Some(apostrophe) = text.get(floor..end).and_then(|t| t.chars().next_back()) else {
        return false;
    };
    let before = text
        .get(floor..end - apostrophe.len_utf8())
        .and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    is_apostrophe(apostrophe)
        && before.is_some_and(|b| classify(b) & WORD != 0)
        && after.is_some_and(char::is_alphabetic)
}

/// Appends a short string; one byte is pushed directly, sparing a `memcpy` call.
#[inline]
fn push_small(out: &mut String, s: &str) {
    match s.as_bytes() {
        [byte] => out.push(char::from(*byte)),
        _ => out.push_str(s),
    }
}

/// The character at byte `pos` (a char boundary) and its length in bytes; one- and
/// two-byte characters (ASCII, Latin, Cyrillic) are decoded inline.
#[inline]
fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(pos)?;
    if lead < 0x80 {
        return Some((char::from(lead), 1));
    }
    if lead < 0xE0 {
        let tail = *bytes.get(pos + 1)?;
        let code = (u32::from(lead & 0x1F) << 6) | u32::from(tail & 0x3F);
        return char::from_u32(code).map(|c| (c, 2));
    }
    let c = text.get(pos..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Class bits of a character: part of a word, a capital, a small letter, Cyrillic.
const WORD: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
const CYRILLIC: u8 = 8;

/// The classes of the ASCII characters, looked up rather than computed.
static ASCII_CLASS: [u8; 128] = ascii_classes();

const fn ascii_classes() -> [u8; 128] {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        table[i] = if b.is_ascii_uppercase() {
            WORD | UPPER
        } else if b.is_ascii_lowercase() {
            WORD | LOWER
        } else if b.is_ascii_digit() || b == b'_' {
            WORD
        } else {
            0
        };
        i += 1;
    }
    table
}

/// The class bits of `c`. Word characters are those of a regex `\w` (letters, digits,
/// `_`) plus combining marks, so that a decomposed letter is not split.
#[inline]
fn classify(c: char) -> u8 {
    match c as u32 {
        code @ 0..=0x7F => ASCII_CLASS[code as usize],
        0x400..=0x42F => WORD | UPPER | CYRILLIC,
        0x430..=0x45F => WORD | LOWER | CYRILLIC,
        // ҂ (U+0482) is a sign, not a letter.
        0x482 => CYRILLIC,
        0x460..=0x52F => WORD | CYRILLIC | case_bits(c),
        0x300..=0x36F => WORD,
        // General punctuation (dashes, quotes, spaces) has no letters.
        0x2000..=0x206F => 0,
        _ if c.is_alphanumeric() => WORD | case_bits(c),
        _ => 0,
    }
}

fn case_bits(c: char) -> u8 {
    if c.is_uppercase() {
        UPPER
    } else if c.is_lowercase() {
        LOWER
    } else {
        0
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '´')
}

/// A word found by [`scan_word`]: where it ends, and its counts of capitals and small
/// letters.
struct Word {
    end: usize,
    upper: usize,
    lower: usize,
}

/// Scans the word starting at `pos`. With `apostrophes`, an apostrophe between two
/// letters belongs to the word (Ukrainian Знам’янка is one word).
fn scan_word(text: &str, mut pos: usize, apostrophes: bool) -> Word {
    let start = pos;
    let (mut upper, mut lower) = (0, 0);
    while let Some((c, len)) = char_at(text, pos) {
        let class = classify(c);
        if class & WORD != 0 {
            upper += usize::from(class & UPPER != 0);
            lower += usize::from(class & LOWER != 0);
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
    }
}

/// True when the text has at least two cased letters and none is lower case.
fn is_all_caps(text: &str) -> bool {
    let mut capitals = 0usize;
    for c in text.chars() {
        let class = classify(c);
        if class & LOWER != 0 {
            return false;
        }
        capitals += usize::from(class & UPPER != 0);
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
/// Cyrillic letters the table lacks are copied and added to `uncovered` (lower-cased).
fn romanise_word(
    word: &str,
    profile: &Profile<'_>,
    caps: bool,
    out: &mut String,
    uncovered: &mut Vec<char>,
) {
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
        if prev.is_some_and(|p| profile.dots.contains(&(p, letter))) {
            out.push('·');
        }
        match value(profile, letter, context) {
            Some(latin) => {
                let latin = if profile.plain {
                    without_diacritics(latin)
                } else {
                    Cow::Borrowed(latin)
                };
                if capital {
                    push_capital(&latin, caps, profile.turkic_capitals, out);
                } else {
                    push_small(out, &latin);
                }
            }
            None => {
                out.push(c);
                if classify(c) & (CYRILLIC | WORD) == CYRILLIC | WORD
                    && !uncovered.contains(&letter)
                {
                    uncovered.push(letter);
                }
            }
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
fn value<'a>(profile: &Profile<'a>, letter: char, at: Context) -> Option<&'a str> {
    if let (Some(apostrophe), true) = (profile.apostrophe, is_apostrophe(letter)) {
        // A written apostrophe is the language's hard sign: the caller's glyph wins.
        return Some(match profile.signs {
            Some(signs) if !apostrophe.is_empty() => signs.hard,
            _ => apostrophe,
        });
    }
    if letter.is_ascii() {
        return None;
    }
    if let Some(special) = contextual(profile.rules, letter, at) {
        return Some(special);
    }
    match (profile.signs, letter) {
        (Some(signs), 'ь') => Some(signs.soft),
        (Some(signs), 'ъ') => Some(signs.hard),
        _ => profile.table.get(letter),
    }
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
        Rules::AlaLcBulgarian => {
            (letter == 'ъ' && at.next.is_none() && at.index > 0).then_some("ʺ")
        }
        Rules::Tajik => (letter == 'ц').then(|| {
            let between_vowels = is_tajik_vowel(at.prev) && is_tajik_vowel(at.next);
            if between_vowels {
                "ts"
            } else {
                "s"
            }
        }),
        Rules::UzbekYe => {
            let iotated = at.prev.is_none()
                || is_uzbek_vowel(at.prev)
                || matches!(at.prev, Some('й' | 'ъ' | 'ь'));
            (letter == 'е' && iotated).then_some("ye")
        }
    }
}

fn is_tajik_vowel(c: Option<char>) -> bool {
    matches!(
        c,
        Some('а' | 'е' | 'ё' | 'и' | 'ӣ' | 'о' | 'у' | 'ӯ' | 'э' | 'ю' | 'я')
    )
}

fn is_uzbek_vowel(c: Option<char>) -> bool {
    matches!(
        c,
        Some('а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ў' | 'э' | 'ю' | 'я')
    )
}

/// An ALA-LC value without its diacritics and tie marks (the "plain" form of
/// SCHEMES.md §4.1); the signs stay ʹ and ʺ, which typography leaves alone. Letters that are a language's own Latin spelling (š, č,
/// ž, đ, ć, ǵ, ḱ of Serbian and Macedonian) keep their marks.
fn without_diacritics(value: &str) -> Cow<'_, str> {
    if value.is_ascii() {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\u{304}' | '\u{306}' | '\u{307}' | '\u{308}' | '\u{310}' | '\u{361}' => {}
            'ĭ' | 'ī' | 'ï' | 'ı' => out.push('i'),
            'ė' | 'ë' => out.push('e'),
            'ŭ' | 'ū' => out.push('u'),
            'ȯ' => out.push('o'),
            'ă' => out.push('a'),
            'ġ' => out.push('g'),
            'ḣ' => out.push('h'),
            'ẏ' => out.push('y'),
            'ḟ' => out.push('f'),
            other => out.push(other),
        }
    }
    Cow::Owned(out)
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
