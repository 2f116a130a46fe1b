//! Letter tables of the romanisation schemes, as facts taken from the standards.
//!
//! Each table gives the lower-case Latin value of every lower-case Cyrillic letter;
//! the engine derives capitals (see `engine`). Context rules (BGN/PCGN ye, GOST B c,
//! Ukrainian word-initial forms …) live in `rules`, not here. A letter that a scheme
//! does not cover maps to itself and so passes through unchanged.

/// The Latin values of one scheme.
pub(super) struct Table {
    /// Values for а … я (U+0430 … U+044F) in code-point order, then ё (U+0451).
    pub russian: [&'static str; 33],
    /// Values for other lower-case letters (Ukrainian, pre-1918, Azerbaijani …).
    pub extra: &'static [(char, &'static str)],
}

impl Table {
    /// The value of a lower-case letter, or `None` when the scheme does not know it.
    #[inline]
    pub fn get(&self, letter: char) -> Option<&'static str> {
        let code = letter as u32;
        if (0x430..=0x44F).contains(&code) {
            return self.russian.get((code - 0x430) as usize).copied();
        }
        if code == 0x451 {
            return Some(self.russian[32]);
        }
        self.extra
            .iter()
            .find(|(c, _)| *c == letter)
            .map(|(_, value)| *value)
    }
}

// Column order of every `russian` row:
// а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я ё

/// ALA-LC (Library of Congress), with its diacritics and tie marks (U+0361).
pub(super) static ALA_LC: Table = Table {
    russian: [
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

/// ALA-LC without diacritics: ties, breve, dot and diaeresis dropped; ASCII signs.
pub(super) static ALA_LC_PLAIN: Table = Table {
    russian: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "\"", "y", "'", "e", "iu", "ia", "e",
    ],
    extra: &[('і', "i"), ('ѣ', "ie"), ('ѳ', "f"), ('ѵ', "y")],
};

/// BGN/PCGN 1947 with its soft and hard sign marks (’ U+2019, ” U+201D).
pub(super) static BGN_PCGN: Table = Table {
    russian: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "”", "y", "’", "e", "yu", "ya", "ë",
    ],
    extra: &[],
};

/// BGN/PCGN with ь and ъ dropped at the mapping level (the bundled article's profile).
pub(super) static BGN_PCGN_NO_SIGNS: Table = Table {
    russian: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "ë",
    ],
    extra: &[],
};

/// ISO 9:1995 = GOST 7.79-2000 System A: one letter to one letter.
pub(super) static ISO_9: Table = Table {
    russian: [
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
    russian: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "x", "cz", "ch", "sh", "shh", "``", "y`", "`", "e`", "yu", "ya", "yo",
    ],
    extra: &[],
};

/// The scientific (scholarly) system.
pub(super) static SCIENTIFIC: Table = Table {
    russian: [
        "a", "b", "v", "g", "d", "e", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "x", "c", "č", "š", "šč", "ʺ", "y", "ʹ", "è", "ju", "ja", "ë",
    ],
    extra: &[],
};

/// ICAO Doc 9303 (machine-readable travel documents).
pub(super) static ICAO: Table = Table {
    russian: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia", "e",
    ],
    extra: &[],
};

/// Ukrainian national system (Cabinet of Ministers Resolution No. 55, 2010), values
/// away from the start of a word; `rules` supplies the word-initial forms. Russian-only
/// letters (ё ъ ы э) pass through.
pub(super) static UKRAINIAN_2010: Table = Table {
    russian: [
        "a", "b", "v", "h", "d", "e", "zh", "z", "y", "i", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ъ", "ы", "", "э", "iu", "ia", "ё",
    ],
    extra: &[('ґ', "g"), ('є', "ie"), ('і', "i"), ('ї', "i")],
};

/// Bulgarian Streamlined System (Transliteration Act 2009); `rules` supplies the
/// final -ия → ia. Russian-only letters (ё ы э) pass through.
pub(super) static BULGARIAN_2009: Table = Table {
    russian: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "h", "ts", "ch", "sh", "sht", "a", "ы", "y", "э", "yu", "ya", "ё",
    ],
    extra: &[],
};

/// Azerbaijani Cyrillic (1958–1991) to today's Azerbaijani Latin alphabet, one to one.
/// Letters outside the 1991 table (ё ц щ ъ ь э ю я) pass through.
pub(super) static AZERBAIJANI_CYRILLIC: Table = Table {
    russian: [
        "a", "b", "v", "q", "d", "e", "j", "z", "i", "й", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "x", "ц", "ç", "ş", "щ", "ъ", "ı", "ь", "э", "ю", "я", "ё",
    ],
    extra: &[
        ('ғ', "ğ"),
        ('ә', "ə"),
        ('ј', "y"),
        ('ҝ', "g"),
        ('ө', "ö"),
        ('ү', "ü"),
        ('һ', "h"),
        ('ҹ', "c"),
    ],
};
