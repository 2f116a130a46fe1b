//! ALA-LC and BGN/PCGN letter tables for Ukrainian, Belarusian, Bulgarian, Serbian
//! and Macedonian, as facts from the published tables: the Library of Congress
//! romanization tables (Ukrainian 2011, Belarusian, Bulgarian, Serbian 2013,
//! Macedonian 2013) and the BGN/PCGN agreements (Belarusian 1979, Serbian 2005,
//! Macedonian 2013; Ukrainian 2019 and Bulgarian 2013 are the national systems,
//! whose tables live in `tables`).
//!
//! Column order of every `basic` row:
//! а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я ё

use super::tables::{Table, NO};

/// Ukrainian, ALA-LC (2011): г h, и y, ж z͡h (tied, against зг), є i͡e, ї ï; the
/// apostrophe is written ʺ (the engine's apostrophe value).
pub(super) static UK_ALA_LC: Table = Table {
    basic: [
        "a",
        "b",
        "v",
        "h",
        "d",
        "e",
        "z\u{361}h",
        "z",
        "y",
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
        NO,
        NO,
        "ʹ",
        NO,
        "i\u{361}u",
        "i\u{361}a",
        NO,
    ],
    extra: &[('ґ', "g"), ('є', "i\u{361}e"), ('і', "i"), ('ї', "ï")],
};

/// Belarusian, ALA-LC: г h, ў ŭ, э ė, ё i͡o; the apostrophe is not romanised.
pub(super) static BE_ALA_LC: Table = Table {
    basic: [
        "a",
        "b",
        "v",
        "h",
        "d",
        "e",
        "z\u{361}h",
        "z",
        NO,
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
        "ts",
        "ch",
        "sh",
        NO,
        NO,
        "y",
        "ʹ",
        "ė",
        "i\u{361}u",
        "i\u{361}a",
        "i\u{361}o",
    ],
    extra: &[('ґ', "g"), ('і', "i"), ('ў', "ŭ")],
};

/// Belarusian, BGN/PCGN 1979: е ye, ё yo, ю yu, я ya everywhere; ў w; the apostrophe ”.
pub(super) static BE_BGN_PCGN: Table = Table {
    basic: [
        "a", "b", "v", "h", "d", "ye", "zh", "z", NO, "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", NO, NO, "y", "’", "e", "yu", "ya", "yo",
    ],
    extra: &[('ґ', "g"), ('і', "i"), ('ў', "w")],
};

/// Belarusian letter pairs BGN/PCGN may separate with a middle dot (z·h, t·s …).
pub(super) const BE_DOTS: &[(char, char)] =
    &[('з', 'г'), ('к', 'г'), ('с', 'г'), ('т', 'с'), ('ц', 'г')];

/// Bulgarian, ALA-LC: щ sht, ъ ŭ (a final ъ of pre-1945 spelling is ʺ: the engine's
/// rule), ь ʹ, ѣ i͡e.
pub(super) static BG_ALA_LC: Table = Table {
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
        "sht",
        "ŭ",
        NO,
        "ʹ",
        NO,
        "i\u{361}u",
        "i\u{361}a",
        NO,
    ],
    extra: &[('ѣ', "i\u{361}e")],
};

/// Serbian, ALA-LC (2013) and BGN/PCGN (2005) alike: the Serbian Latin alphabet.
pub(super) static SR: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "ž", "z", "i", NO, "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "h", "c", "č", "š", NO, NO, NO, NO, NO, NO, NO, NO,
    ],
    extra: &[
        ('ђ', "đ"),
        ('ј', "j"),
        ('љ', "lj"),
        ('њ', "nj"),
        ('ћ', "ć"),
        ('џ', "dž"),
    ],
};

/// Macedonian, ALA-LC (2013) and BGN/PCGN (2013) alike: ѓ ǵ, ѕ dz, ќ ḱ.
pub(super) static MK: Table = Table {
    basic: [
        "a", "b", "v", "g", "d", "e", "ž", "z", "i", NO, "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "h", "c", "č", "š", NO, NO, NO, NO, NO, NO, NO, NO,
    ],
    extra: &[
        ('ѓ', "ǵ"),
        ('ѕ', "dz"),
        ('ј', "j"),
        ('љ', "lj"),
        ('њ', "nj"),
        ('ќ', "ḱ"),
        ('џ', "dž"),
    ],
};
