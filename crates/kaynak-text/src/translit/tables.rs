//! Letter tables of the Russian romanisation schemes, as facts taken from the
//! standards (SCHEMES.md §3), and the table type every language's tables share.
//!
//! Each table gives the lower-case Latin value of every lower-case Cyrillic letter;
//! the engine derives capitals (see `engine`). Context rules (BGN/PCGN ye, GOST B c,
//! Ukrainian word-initial forms …) live in the engine, not here. A letter a table
//! does not cover ([`NO`], or missing from `extra`) is left as it is and reported.

/// Marks a letter of а … я, ё that is not in a language's alphabet.
pub(super) const NO: &str = "\u{0}";

/// The Latin values of one scheme for one language.
pub(super) struct Table {
    /// Values for а … я (U+0430 … U+044F) in code-point order, then ё (U+0451);
    /// [`NO`] where the language lacks the letter.
    pub basic: [&'static str; 33],
    /// Values for other lower-case letters (Ukrainian, pre-1918, Kazakh …).
    pub extra: &'static [(char, &'static str)],
}

impl Table {
    /// The value of a lower-case letter, or `None` when the table does not cover it.
    #[inline]
    pub fn get(&self, letter: char) -> Option<&'static str> {
        let code = letter as u32;
        let basic = match code {
            0x430..=0x44F => self.basic.get((code - 0x430) as usize).copied(),
            0x451 => Some(self.basic[32]),
            _ => {
                return self
                    .extra
                    .iter()
                    .find(|(c, _)| *c == letter)
                    .map(|(_, value)| *value)
            }
        };
        basic.filter(|value| *value != NO)
    }
}

// Column order of every `russian` row:
// а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я ё

/// ALA-LC (Library of Congress), with its diacritics and tie marks (U+0361).
pub(super) static ALA_LC: Table = Table {
    basic: [
        "a",
        "b",
        "v",
        "g",
        "d",
        "e",
        "zh",
        "z",
        "i",
        "ĭ",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "r",
        "s",
        "t",
        "u",
        "f",
        "kh",
        "t\u{361}s",
        "ch",
        "sh",
        "shch",
        "ʺ",
        "y",
        "ʹ",
        "ė",
        "i\u{361}u",
        "i\u{361}a",
        "ë",
    ],
    // Pre-1918 orthography.
    extra: &[('і', "ī"), ('ѣ', "i\u{361}e"), ('ѳ', "ḟ"), ('ѵ', "ẏ")],
};

/// BGN/PCGN 1947 with its soft and hard sign marks (’ U+2019, ” U+201D).
pub(super) static BGN_PCGN: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "”", "y", "’", "e", "yu", "ya", "ë",
    ],
    extra: &[],
};

/// BGN/PCGN with ь and ъ dropped at the mapping level (the bundled article's profile).
pub(super) static BGN_PCGN_NO_SIGNS: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "ë",
    ],
    extra: &[],
};

/// ISO 9:1995 = GOST 7.79-2000 System A: one letter to one letter.
pub(super) static ISO_9: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "h", "c", "č", "š", "ŝ", "ʺ", "y", "ʹ", "è", "û", "â", "ë",
    ],
    // Letters of Ukrainian, Belarusian, Serbian and Macedonian.
    extra: &[
        ('ґ', "g\u{300}"),
        ('є', "ê"),
        ('і', "ì"),
        ('ї', "ï"),
        ('ў', "ŭ"),
        ('ѓ', "ǵ"),
        ('ќ', "ḱ"),
        ('ђ', "đ"),
        ('ћ', "ć"),
        ('ѕ', "ẑ"),
        ('ј', "ǰ"),
        ('љ', "l\u{302}"),
        ('њ', "n\u{302}"),
        ('џ', "d\u{302}"),
    ],
};

/// GOST 7.79-2000 System B: ASCII digraphs and the grave accent (U+0060).
pub(super) static GOST_779_B: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "x", "cz", "ch", "sh", "shh", "``", "y`", "`", "e`", "yu", "ya", "yo",
    ],
    extra: &[],
};

/// The scientific (scholarly) system.
pub(super) static SCIENTIFIC: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "x", "c", "č", "š", "šč", "ʺ", "y", "ʹ", "è", "ju", "ja", "ë",
    ],
    extra: &[],
};

/// ICAO Doc 9303 (machine-readable travel documents).
pub(super) static ICAO: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia", "e",
    ],
    extra: &[],
};

/// Ukrainian national system (Cabinet of Ministers Resolution No. 55, 2010), which
/// BGN/PCGN adopted in 2019: values away from the start of a word; the engine
/// supplies the word-initial forms. Russian-only letters (ё ъ ы э) are not covered.
pub(super) static UKRAINIAN_2010: Table = Table {
    basic: [
        "a", "b", "v", "h", "d", "e", "zh", "z", "y", "i", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", NO, NO, "", NO, "iu", "ia", NO,
    ],
    extra: &[('ґ', "g"), ('є', "ie"), ('і', "i"), ('ї', "i")],
};

/// Bulgarian Streamlined System (Transliteration Act 2009), which BGN/PCGN adopted in
/// 2013; the engine supplies the final -ия → ia. Russian-only letters (ё ы э) are not
/// covered.
pub(super) static BULGARIAN_2009: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "h", "ts", "ch", "sh", "sht", "a", NO, "y", NO, "yu", "ya", NO,
    ],
    extra: &[],
};
