//! ALA-LC and BGN/PCGN letter tables for the Cyrillic alphabets of Kazakh, Kyrgyz,
//! Tajik, Uzbek and Azerbaijani, as facts from the published tables: the Library of
//! Congress tables for these languages, and the BGN/PCGN systems (Kazakh 1979,
//! Kyrgyz 1979, Tajik 1994, the Uzbek table of correspondences of 2000 and the
//! Azerbaijani one of 1993, both of which give today's Latin alphabets).
//!
//! Column order of every `basic` row:
//! а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я ё

use super::tables::{Table, NO};

/// Kazakh, ALA-LC: ә ă, ғ gh, и ī, қ q, ң n͡g, ө ȯ, ұ ū, ү u̇, һ ḣ, і i.
pub(super) static KK_ALA_LC: Table = Table {
    basic: [
        "a",
        "b",
        "v",
        "g",
        "d",
        "e",
        "zh",
        "z",
        "ī",
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
    extra: &[
        ('ә', "ă"),
        ('ғ', "gh"),
        ('қ', "q"),
        ('ң', "n\u{361}g"),
        ('ө', "ȯ"),
        ('ұ', "ū"),
        ('ү', "u\u{307}"),
        ('һ', "ḣ"),
        ('і', "i"),
    ],
};

/// Kazakh, BGN/PCGN 1979: ә ä, ғ gh, и ī, қ q, ң ng, ө ö, у ū, ұ u, ү ü, һ h, э ė.
pub(super) static KK_BGN_PCGN: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "ī", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "ū", "f", "kh", "ts", "ch", "sh", "shch", "”", "y", "’", "ė", "yu", "ya", "yo",
    ],
    extra: &[
        ('ә', "ä"),
        ('ғ', "gh"),
        ('қ', "q"),
        ('ң', "ng"),
        ('ө', "ö"),
        ('ұ', "u"),
        ('ү', "ü"),
        ('һ', "h"),
        ('і', "i"),
    ],
};

/// Kazakh letter pairs BGN/PCGN may separate with a middle dot (n·g, z·h …).
pub(super) const KK_DOTS: &[(char, char)] = &[
    ('г', 'һ'),
    ('з', 'һ'),
    ('к', 'һ'),
    ('н', 'г'),
    ('с', 'һ'),
    ('ц', 'һ'),
];

/// Kyrgyz, ALA-LC: ң n͡g, ө ȯ, ү u̇.
pub(super) static KY_ALA_LC: Table = Table {
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
    extra: &[('ң', "n\u{361}g"), ('ө', "ȯ"), ('ү', "u\u{307}")],
};

/// Kyrgyz, BGN/PCGN 1979: ж j, ң ng, ө ö, ү ü.
pub(super) static KY_BGN_PCGN: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "j", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "”", "y", "’", "e", "yu", "ya", "yo",
    ],
    extra: &[('ң', "ng"), ('ө', "ö"), ('ү', "ü")],
};

/// Kyrgyz letter pairs BGN/PCGN may separate with a middle dot (n·g).
pub(super) const KY_DOTS: &[(char, char)] = &[('н', 'г')];

/// Tajik, ALA-LC: ғ gh, ӣ ī, қ q, ӯ ū, ҳ ḣ, ҷ j (ц щ ы ь of the spelling before 1998
/// as in Russian).
pub(super) static TG_ALA_LC: Table = Table {
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
    extra: &[
        ('ғ', "gh"),
        ('ӣ', "ī"),
        ('қ', "q"),
        ('ӯ', "ū"),
        ('ҳ', "ḣ"),
        ('ҷ', "j"),
    ],
};

/// Tajik, BGN/PCGN 1994: ӣ í, ӯ ŭ, ъ ’, э ė; the obsolete ц is s or ts (the engine's
/// rule), щ sh, ы i, ь not romanised.
pub(super) static TG_BGN_PCGN: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "sh", "’", "i", "", "ė", "yu", "ya", "yo",
    ],
    extra: &[
        ('ғ', "gh"),
        ('ӣ', "í"),
        ('қ', "q"),
        ('ӯ', "ŭ"),
        ('ҳ', "h"),
        ('ҷ', "j"),
    ],
};

/// Tajik letter pairs BGN/PCGN may separate with a middle dot (g·h, z·h, k·h, s·h).
pub(super) const TG_DOTS: &[(char, char)] = &[('г', 'ҳ'), ('з', 'ҳ'), ('к', 'ҳ'), ('с', 'ҳ')];

/// Uzbek (Cyrillic), ALA-LC: ғ gh, қ q, ў ŭ, ҳ ḣ.
pub(super) static UZ_ALA_LC: Table = Table {
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
        NO,
        "ʺ",
        NO,
        "ʹ",
        "ė",
        "i\u{361}u",
        "i\u{361}a",
        "ë",
    ],
    extra: &[('ғ', "gh"), ('қ', "q"), ('ў', "ŭ"), ('ҳ', "ḣ")],
};

/// Uzbek (Cyrillic), BGN/PCGN 2000: today's Uzbek Latin alphabet (ж j, х x, ў o‘,
/// ғ g‘ with U+2018, ъ and ь ’); е is ye at the start of a word and after vowels,
/// й, ъ and ь (the engine's rule).
pub(super) static UZ_BGN_PCGN: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "j", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "x", "ts", "ch", "sh", NO, "’", NO, "’", "e", "yu", "ya", "yo",
    ],
    extra: &[('ғ', "g‘"), ('қ', "q"), ('ў', "o‘"), ('ҳ', "h")],
};

/// Azerbaijani (Cyrillic), ALA-LC: ғ gh, ә ă, ј ı̐, ҝ ġ, ө ȯ, ү u̇, һ ḣ, ҹ j.
pub(super) static AZ_ALA_LC: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", NO, "ch", "sh", NO, NO, "y", NO, NO, NO, NO, NO,
    ],
    extra: &[
        ('ғ', "gh"),
        ('ә', "ă"),
        ('ј', "ı\u{310}"),
        ('ҝ', "ġ"),
        ('ө', "ȯ"),
        ('ү', "u\u{307}"),
        ('һ', "ḣ"),
        ('ҹ', "j"),
    ],
};

/// Azerbaijani (Cyrillic), BGN/PCGN 1993 table of correspondences: today's
/// Azerbaijani Latin alphabet, one letter for one (capital и is İ, ы is ı); the
/// obsolete й э ю я are ẏ ė yu ya.
pub(super) static AZ_BGN_PCGN: Table = Table {
    basic: [
        "a", "b", "v", "q", "d", "e", "j", "z", "i", "ẏ", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "x", NO, "ç", "ş", NO, NO, "ı", NO, "ė", "yu", "ya", NO,
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
