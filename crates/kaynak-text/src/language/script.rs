//! Writing systems: which script a letter belongs to, and what a text is written in.
//!
//! Scripts are told apart by Unicode block, which is all kaynak needs (Latin against
//! Cyrillic above all). Marks, digits, punctuation and the spacing modifier letters
//! ALA-LC uses for the soft and hard signs (ʹ ʺ) belong to no script, so a
//! romanisation such as `Ilʹkham` counts as Latin.

/// A script kaynak tells apart (ISO 15924 codes in [`Script::code`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Armenian,
    Georgian,
    Arabic,
    Hebrew,
    Han,
    /// Any other script (Devanagari, Thai, Hangul …).
    Other,
}

impl Script {
    /// The ISO 15924 code (`Latn`, `Cyrl` …; `Zzzz` for [`Script::Other`]).
    pub fn code(self) -> &'static str {
        match self {
            Script::Latin => "Latn",
            Script::Cyrillic => "Cyrl",
            Script::Greek => "Grek",
            Script::Armenian => "Armn",
            Script::Georgian => "Geor",
            Script::Arabic => "Arab",
            Script::Hebrew => "Hebr",
            Script::Han => "Hani",
            Script::Other => "Zzzz",
        }
    }

    /// The script of an ISO 15924 code, case-insensitive (`cyrl` → Cyrillic).
    /// Han variants (`Hans`, `Hant`, `Jpan`) are Han; unknown codes are `Other`.
    pub fn from_code(code: &str) -> Script {
        match code.to_ascii_lowercase().as_str() {
            "latn" => Script::Latin,
            "cyrl" => Script::Cyrillic,
            "grek" => Script::Greek,
            "armn" => Script::Armenian,
            "geor" => Script::Georgian,
            "arab" => Script::Arabic,
            "hebr" => Script::Hebrew,
            "hani" | "hans" | "hant" | "jpan" => Script::Han,
            _ => Script::Other,
        }
    }
}

/// True for a Cyrillic character (any Cyrillic block).
#[inline]
pub fn is_cyrillic_char(c: char) -> bool {
    matches!(c as u32, 0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F)
}

/// The script of a letter; `None` for anything that is not a letter of a script
/// (digits, punctuation, marks, modifier letters such as ʹ and ʺ).
pub fn script_of(c: char) -> Option<Script> {
    let code = c as u32;
    let script = match code {
        0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        0..=0x7F | 0xD7 | 0xF7 => return None,
        0xAA | 0xBA | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x250..=0x2AF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F => Script::Latin,
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
        0x2B0..=0x36F => return None,
        _ if is_cyrillic_char(c) => Script::Cyrillic,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x10A0..=0x10FF | 0x2D00..=0x2D2F | 0x1C90..=0x1CBF => Script::Georgian,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
        _ if c.is_alphabetic() => Script::Other,
        _ => return None,
    };
    Some(script)
}

/// True when `text` has any Cyrillic character. It looks at bytes first: every
/// Cyrillic block starts with a lead byte 0xD0 … 0xD4 or 0xE1/0xE2/0xEA.
pub fn has_cyrillic(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes
        .iter()
        .any(|&b| (0xD0..=0xD4).contains(&b) || matches!(b, 0xE1 | 0xE2 | 0xEA))
    {
        return false;
    }
    text.chars().any(is_cyrillic_char)
}

/// True when every letter of `text` is a Latin letter (also for text with no
/// letters at all: digits and punctuation need no romanisation).
pub fn is_latin(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    text.chars()
        .all(|c| matches!(script_of(c), None | Some(Script::Latin)))
}

/// Every script, each at the place of its discriminant.
const SCRIPTS: [Script; 9] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Armenian,
    Script::Georgian,
    Script::Arabic,
    Script::Hebrew,
    Script::Han,
    Script::Other,
];

/// The script most letters of `text` are in; `None` for text without letters
/// and for a tie between two scripts.
pub fn dominant_script(text: &str) -> Option<Script> {
    // ASCII letters are Latin and nothing else in ASCII is a letter: most
    // texts (URLs, numbers, English titles) are answered without counting
    if text.is_ascii() {
        return text
            .bytes()
            .any(|b| b.is_ascii_alphabetic())
            .then_some(Script::Latin);
    }
    match latin_or_cyrillic(text.as_bytes()) {
        Some(counts) => dominant(&counts),
        None => dominant(&counted(text)),
    }
}

/// Letters per script of a text written in ASCII, the Latin-1 letters and
/// Latin Extended-A (Turkish, Azerbaijani, most European languages) and
/// the basic Cyrillic block, counted from its bytes: most multilingual
/// records are such, and decoding and classifying every character cost a
/// 10,000-record render 1 % of its instructions. `None` for any other
/// character: the text is counted by characters then.
fn latin_or_cyrillic(bytes: &[u8]) -> Option<[usize; 9]> {
    let mut counts = [0usize; 9];
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let script = match (byte, bytes.get(i + 1)) {
            (b'a'..=b'z' | b'A'..=b'Z', _) => Some(Script::Latin),
            (0..=0x7F, _) => None,
            // U+00C0–U+00FF: letters but × and ÷
            (0xC3, Some(0x97 | 0xB7)) => None,
            // U+00C0–U+017F
            (0xC3..=0xC5, Some(_)) => Some(Script::Latin),
            // U+0400–U+04FF, Cyrillic through and through
            (0xD0..=0xD3, Some(_)) => Some(Script::Cyrillic),
            _ => return None,
        };
        if let Some(script) = script {
            counts[script as usize] += 1;
        }
        i += if byte < 0x80 { 1 } else { 2 };
    }
    Some(counts)
}

/// Letters per script of `text`, by the script's place in [`SCRIPTS`].
fn counted(text: &str) -> [usize; 9] {
    let mut counts = [0usize; 9];
    for script in text.chars().filter_map(script_of) {
        counts[script as usize] += 1;
    }
    counts
}

/// The script with the most letters, when no other has as many.
fn dominant(counts: &[usize; 9]) -> Option<Script> {
    let (mut best, mut top, mut second) = (0, 0, 0);
    for (index, &count) in counts.iter().enumerate() {
        if count > top {
            (best, top, second) = (index, count, top);
        } else if count > second {
            second = count;
        }
    }
    (top > second).then_some(SCRIPTS[best])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_have_scripts() {
        assert_eq!(script_of('ş'), Some(Script::Latin));
        assert_eq!(script_of('ə'), Some(Script::Latin));
        assert_eq!(script_of('ғ'), Some(Script::Cyrillic));
        assert_eq!(script_of('ʹ'), None);
        assert_eq!(script_of('1'), None);
        assert_eq!(script_of('α'), Some(Script::Greek));
        assert_eq!(Script::from_code("cyrl"), Script::Cyrillic);
        assert_eq!(Script::Cyrillic.code(), "Cyrl");
    }

    /// Counting by bytes agrees with counting by characters on every
    /// character below U+0600, alone and beside ASCII, Turkish and Russian
    /// letters (and it answers for the texts it is meant for).
    #[test]
    fn byte_counts_agree_with_character_counts() {
        for code in 0..0x600u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for text in [
                format!("{c}"),
                format!("a{c}ş"),
                format!("д{c}{c}b"),
                format!("1{c}"),
            ] {
                if let Some(counts) = latin_or_cyrillic(text.as_bytes()) {
                    assert_eq!(counts, counted(&text), "{text:?}");
                }
                assert_eq!(
                    dominant_script(&text),
                    dominant(&counted(&text)),
                    "{text:?}"
                );
            }
        }
        for text in [
            "Dışişleri Bakanı 2019",
            "Развитие связей, 1994–2010",
            "Ilʹkham",
        ] {
            let bytes = text.as_bytes();
            assert_eq!(
                latin_or_cyrillic(bytes).is_some(),
                !text.contains(['–', 'ʹ']),
                "{text}"
            );
        }
    }

    #[test]
    fn texts_have_scripts() {
        assert!(is_latin("Ilʹkham Aliev, 1994–2010"));
        assert!(is_latin("Kafkas Kartalı-2019 Bakü’de"));
        assert!(!is_latin("Военная доктрина"));
        assert!(has_cyrillic("Dışişleri Д"));
        assert!(!has_cyrillic("Dışişleri – “x”"));
        assert_eq!(dominant_script("Развитие связей"), Some(Script::Cyrillic));
        assert_eq!(dominant_script("Dışişleri Bakanı"), Some(Script::Latin));
        assert_eq!(dominant_script("1994–2010"), None);
        assert_eq!(dominant_script("1994-2010, p. 5"), Some(Script::Latin));
        assert_eq!(dominant_script("1994-2010 (12)"), None);
        assert_eq!(dominant_script(""), None);
        assert_eq!(dominant_script("Ab Вгд"), Some(Script::Cyrillic));
        assert_eq!(dominant_script("Ab Вг"), None, "a tie");
        assert_eq!(dominant_script("Aş αβγ"), Some(Script::Greek));
        assert_eq!(dominant_script("١٢ عرب"), Some(Script::Arabic));
        for (place, script) in SCRIPTS.iter().enumerate() {
            assert_eq!(*script as usize, place);
        }
    }
}
