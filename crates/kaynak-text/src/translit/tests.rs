//! Unit tests of the schemes: the letter tables of SCHEMES.md §3, the context rules of
//! §4 and §6, and the case rules of §2, for every scheme.

use super::*;

fn t(scheme: Scheme, text: &str) -> String {
    transliterate(text, scheme)
}

#[test]
fn article_pairs_under_bgn_pcgn_without_signs() {
    let pairs = [
        (
            "Военная Доктрина Азербайджанской Республики",
            "Voyennaya Doktrina Azerbaydzhanskoy Respubliki",
        ),
        (
            "Развитие Азербайджано-Пакистанских Связей в Военной Области в 1994–2010 Годах",
            "Razvitiye Azerbaydzhano-Pakistanskikh Svyazey v Voyennoy Oblasti v 1994–2010 Godakh",
        ),
        (
            "Ильхам Алиев Принял Делегацию, Возглавляемую Министром Оборонной Промышленности Пакистана",
            "Ilkham Aliyev Prinyal Delegatsiyu, Vozglavlyayemuyu Ministrom Oboronnoy Promyshlennosti Pakistana",
        ),
        ("Н.С. Ниязов", "N.S. Niyazov"),
    ];
    for (cyrillic, latin) in pairs {
        assert_eq!(
            t(Scheme::BgnPcgnNoSigns, cyrillic).as_bytes(),
            latin.as_bytes()
        );
    }
}

#[test]
fn bgn_pcgn_nosigns_keeps_ye_after_signs_and_genuine_apostrophes() {
    assert_eq!(t(Scheme::BgnPcgnNoSigns, "Юрьев объезд"), "Yuryev obyezd");
    assert_eq!(t(Scheme::BgnPcgnNoSigns, "Озёрный"), "Ozërnyy");
    assert_eq!(t(Scheme::BgnPcgnNoSigns, "Хрущёв"), "Khrushchëv");
    assert_eq!(t(Scheme::BgnPcgnNoSigns, "Мейеровка"), "Meyyerovka");
    assert_eq!(
        t(Scheme::BgnPcgnNoSigns, "O'Brien: «Ильич»"),
        "O'Brien: «Ilich»"
    );
}

#[test]
fn capitals_follow_the_word() {
    for scheme in [Scheme::BgnPcgn, Scheme::AlaLcPlain, Scheme::Icao] {
        assert_eq!(t(scheme, "Щука ЩУКА щука"), "Shchuka SHCHUKA shchuka");
    }
    assert_eq!(t(Scheme::BgnPcgn, "ВОЕННАЯ"), "VOYENNAYA");
    assert_eq!(t(Scheme::BgnPcgn, "ЮЛИЯ Юлия"), "YULIYA Yuliya");
    assert_eq!(t(Scheme::AlaLc, "ЦАРЬ"), "T\u{361}SARʹ");
    assert_eq!(t(Scheme::Gost779B, "ЩУКА ЦЫГАН"), "SHHUKA CY`GAN");
    assert_eq!(t(Scheme::Scientific, "ЩУКА Щука"), "ŠČUKA Ščuka");
}

#[test]
fn words_mixing_scripts_and_digits() {
    let s = Scheme::BgnPcgn;
    assert_eq!(
        t(s, "5Щука Щука5 ЮЛИЯ2000 xЮ"),
        "5Shchuka Shchuka5 YULIYA2000 xYu"
    );
    assert_eq!(t(s, "Ab-Щука,Щука.Ёж"), "Ab-Shchuka,Shchuka.Yëzh");
    assert_eq!(
        t(Scheme::Ukrainian2010, "l’Україна p'ять П’ятниця"),
        "lUkraina piat Piatnytsia"
    );
    assert_eq!(t(Scheme::Ukrainian2010, "’Як’ '"), "’Yak’ '");
    assert_eq!(t(s, "Щ"), "Shch");
    assert_eq!(t(s, "ЩЩ"), "SHCHSHCH");
}

#[test]
fn initials_follow_the_field() {
    assert_eq!(t(Scheme::BgnPcgn, "Ю.Е. Яковлев"), "Yu.Ye. Yakovlev");
    assert_eq!(t(Scheme::BgnPcgn, "Ю.Е. ЯКОВЛЕВ"), "YU.YE. YAKOVLEV");
    assert_eq!(t(Scheme::AlaLc, "Ю. Щ. Иванов"), "I\u{361}u. Shch. Ivanov");
    assert_eq!(t(Scheme::AlaLc, "Ю. Щ."), "I\u{361}U. SHCH.");
}

/// Expected output of one input under every scheme, in `Scheme::ALL` order.
fn every_scheme(input: &str, expected: [&str; 12]) {
    for (scheme, want) in Scheme::ALL.into_iter().zip(expected) {
        assert_eq!(t(scheme, input), want, "{input} under {scheme}");
    }
}

#[test]
fn initials_under_every_scheme() {
    every_scheme(
        "Н.С. Ниязов",
        [
            "N.S. Nii\u{361}azov",
            "N.S. Niiazov",
            "N.S. Niyazov",
            "N.S. Niyazov",
            "N.S. Niyazov",
            "N.S. Niâzov",
            "N.S. Niyazov",
            "N.S. Nijazov",
            "N.S. Niiazov",
            "N.S. Nyiazov",
            "N.S. Niyazov",
            "N.S. Niyazov",
        ],
    );
}

#[test]
fn all_caps_under_every_scheme() {
    every_scheme(
        "ЮЛИЯ ЩЕГЛОВА",
        [
            "I\u{361}ULII\u{361}A SHCHEGLOVA",
            "IULIIA SHCHEGLOVA",
            "YULIYA SHCHEGLOVA",
            "YULIYA SHCHEGLOVA",
            "YULIYA SHCHEGLOVA",
            "ÛLIÂ ŜEGLOVA",
            "YULIYA SHHEGLOVA",
            "JULIJA ŠČEGLOVA",
            "IULIIA SHCHEGLOVA",
            "YULYIA SHCHEHLOVA",
            "YULIA SHTEGLOVA",
            "YULİYA ЩEQLOVA",
        ],
    );
}

#[test]
fn mixed_case_under_every_scheme() {
    every_scheme(
        "Щукин ЖуК",
        [
            "Shchukin ZhuK",
            "Shchukin ZhuK",
            "Shchukin ZhuK",
            "Shchukin ZhuK",
            "Shchukin ZhuK",
            "Ŝukin ŽuK",
            "Shhukin ZhuK",
            "Ščukin ŽuK",
            "Shchukin ZhuK",
            "Shchukyn ZhuK",
            "Shtukin ZhuK",
            "Щukin JuK",
        ],
    );
}

#[test]
fn hyphenated_under_every_scheme() {
    every_scheme(
        "Йошкар-Ола, Улан-Удэ",
        [
            "Ĭoshkar-Ola, Ulan-Udė",
            "Ioshkar-Ola, Ulan-Ude",
            "Yoshkar-Ola, Ulan-Ude",
            "Yoshkar-Ola, Ulan-Ud·e",
            "Yoshkar-Ola, Ulan-Ude",
            "Joškar-Ola, Ulan-Udè",
            "Joshkar-Ola, Ulan-Ude`",
            "Joškar-Ola, Ulan-Udè",
            "Ioshkar-Ola, Ulan-Ude",
            "Yoshkar-Ola, Ulan-Udэ",
            "Yoshkar-Ola, Ulan-Udэ",
            "Ẏoşkar-Ola, Ulan-Udė",
        ],
    );
}

#[test]
fn non_cyrillic_passes_through() {
    for scheme in Scheme::ALL {
        let text = "Dışişleri 1994–2010 «A» [x] ½ 🙂 _";
        assert_eq!(t(scheme, text), text, "{scheme}");
        assert_eq!(t(scheme, ""), "");
    }
}

#[test]
fn decomposed_input_is_composed_first() {
    let nfd = "Ма\u{438}\u{306}ский \u{415}\u{308}лкин";
    assert_eq!(t(Scheme::BgnPcgn, nfd), "Mayskiy Yëlkin");
    // A stress mark passes through and composes with the Latin letter.
    assert_eq!(t(Scheme::BgnPcgn, "мука\u{301}"), "muká");
}

#[test]
fn bgn_pcgn_ye_rules() {
    let s = Scheme::BgnPcgn;
    assert_eq!(
        t(s, "Елизово Чапаевск Белкино"),
        "Yelizovo Chapayevsk Belkino"
    );
    assert_eq!(t(s, "Юрьев объезд"), "Yur’yev ob”yezd");
    assert_eq!(t(s, "Ёдва Айёган"), "Yëdva Ayyëgan");
    assert_eq!(t(s, "Дзержинский Грозный"), "Dzerzhinskiy Groznyy");
}

#[test]
fn bgn_pcgn_middle_dots() {
    let s = Scheme::BgnPcgnDotted;
    assert_eq!(t(s, "Тыайа Сайылык"), "Ty·ay·a Say·ylyk");
    assert_eq!(t(s, "Вяртсиля Ташчишма"), "Vyart·silya Tash·chishma");
    assert_eq!(t(s, "Суык-Су Улан-Удэ"), "Su·yk-Su Ulan-Ud·e");
    assert_eq!(t(s, "ВЯРТСИЛЯ"), "VYART·SILYA");
}

#[test]
fn ala_lc_values() {
    let s = Scheme::AlaLc;
    assert_eq!(t(s, "Ёлка Эхо"), "Ëlka Ėkho");
    assert_eq!(t(s, "Миръ"), "Mir");
    assert_eq!(t(s, "Мiръ"), "Mir", "Latin i passes through");
    assert_eq!(t(s, "Мір"), "Mīr");
    assert_eq!(t(s, "Хлѣбъ"), "Khli\u{361}eb");
    assert_eq!(t(s, "съезд"), "sʺezd");
    assert_eq!(t(Scheme::AlaLcPlain, "съезд Ёлка"), "sʺezd Elka");
}

#[test]
fn gost_b_c_before_soft_vowels() {
    let s = Scheme::Gost779B;
    assert_eq!(t(s, "Целинный цех Цюрих"), "Celinny`j cex Czyurix");
    assert_eq!(t(s, "Ёж Цыган"), "Yozh Cy`gan");
}

#[test]
fn iso_9_is_one_to_one() {
    let s = Scheme::Iso9;
    assert_eq!(t(s, "Щука Ёж Юг Ямал"), "Ŝuka Ëž Ûg Âmal");
    assert_eq!(t(s, "ЩУКА"), "ŜUKA");
    assert_eq!(t(s, "Київ"), "Kiïv");
}

#[test]
fn icao_examples() {
    let s = Scheme::Icao;
    assert_eq!(t(s, "Юлия Щеглова"), "Iuliia Shcheglova");
    assert_eq!(t(s, "Ян Разъездной"), "Ian Razieezdnoi");
    assert_eq!(t(s, "Игорь Ильин"), "Igor Ilin");
    assert_eq!(t(s, "ЮЛИЯ ЩЕГЛОВА"), "IULIIA SHCHEGLOVA");
}

#[test]
fn ukrainian_national_system() {
    let s = Scheme::Ukrainian2010;
    let pairs = [
        ("Згорани", "Zghorany"),
        ("Розгон", "Rozghon"),
        ("Вінниця", "Vinnytsia"),
        ("Гадяч", "Hadiach"),
        ("Андрій", "Andrii"),
        ("Згурський", "Zghurskyi"),
        ("Донецьк", "Donetsk"),
        ("Київ", "Kyiv"),
        ("Знам’янка", "Znamianka"),
        ("Знам'янка", "Znamianka"),
        ("Україна", "Ukraina"),
        ("Єнакієве", "Yenakiieve"),
        ("Юрій Яремчук", "Yurii Yaremchuk"),
        ("ЗГУРСЬКИЙ", "ZGHURSKYI"),
        ("Ґалаґан", "Galagan"),
        ("Й.", "Y."),
    ];
    for (cyrillic, latin) in pairs {
        assert_eq!(t(s, cyrillic), latin, "{cyrillic}");
    }
    // Outside a word the apostrophe is ordinary punctuation.
    assert_eq!(t(s, "’Київ’"), "’Kyiv’");
}

#[test]
fn bulgarian_streamlined_system() {
    let s = Scheme::Bulgarian2009;
    assert_eq!(t(s, "България София"), "Bulgaria Sofia");
    assert_eq!(t(s, "Щастие Ъгъл Жельо"), "Shtastie Agal Zhelyo");
    assert_eq!(t(s, "Христо Цанков Юлия"), "Hristo Tsankov Yulia");
    assert_eq!(t(s, "ия"), "iya");
    assert_eq!(t(s, "СОФИЯ БЪЛГАРИЯ"), "SOFIA BULGARIA");
    assert_eq!(t(s, "българия"), "bulgaria");
}

#[test]
fn azerbaijani_cyrillic() {
    let s = Scheme::AzerbaijaniCyrillic;
    assert_eq!(t(s, "Азәрбајҹан әлифбасы"), "Azərbaycan əlifbası");
    assert_eq!(t(s, "Илһам Әлијев"), "İlham Əliyev");
    assert_eq!(t(s, "ЫЛЫҒ"), "ILIĞ");
}

#[test]
fn names_round_trip_and_aliases() {
    for scheme in Scheme::ALL {
        assert_eq!(Scheme::from_name(scheme.name()), Some(scheme));
        assert_eq!(scheme.name().parse::<Scheme>(), Ok(scheme));
        assert!(!scheme.description().is_empty());
    }
    assert_eq!(Scheme::from_name("GOST_7.79_A"), Some(Scheme::Iso9));
    assert_eq!(Scheme::from_name(" BGN/PCGN "), Some(Scheme::BgnPcgn));
    assert_eq!(Scheme::from_name("nope"), None);
    assert!("nope".parse::<Scheme>().is_err());
}

#[test]
fn scheme_choice_by_language() {
    let bgn = Some(Scheme::BgnPcgn);
    assert_eq!(scheme_for(Lang::Russian, None), Scheme::AlaLcPlain);
    assert_eq!(scheme_for(Lang::Russian, bgn), Scheme::BgnPcgn);
    assert_eq!(
        scheme_for(Lang::Russian, Some(Scheme::Ukrainian2010)),
        Scheme::AlaLcPlain
    );
    assert_eq!(scheme_for(Lang::Ukrainian, bgn), Scheme::BgnPcgn);
    assert_eq!(
        scheme_for(Lang::Ukrainian, Some(Scheme::Icao)),
        Scheme::AlaLcPlain
    );
    assert_eq!(
        scheme_for(Lang::Bulgarian, Some(Scheme::Iso9)),
        Scheme::Iso9
    );
    assert_eq!(
        scheme_for(Lang::Azerbaijani, None),
        Scheme::AzerbaijaniCyrillic
    );
    assert_eq!(
        scheme_for(Lang::Kazakh, Some(Scheme::Iso9)),
        Scheme::AlaLcPlain
    );
    assert!(Scheme::Icao.covers(Lang::Russian) && !Scheme::Icao.covers(Lang::Kazakh));
    assert_eq!(Scheme::AlaLc.languages().len(), Lang::ALL.len());
    assert_eq!(Scheme::Ukrainian2010.languages(), [Lang::Ukrainian]);
    let error = romanize("Київ", Scheme::Icao, Lang::Ukrainian).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`icao` has no table for Ukrainian (it has: ru)"
    );
}

#[test]
fn cyrillic_detection() {
    assert!(has_cyrillic("abc Щ"));
    assert!(has_cyrillic("Әлијев"));
    assert!(!has_cyrillic("İstanbul ə"));
}

#[test]
fn russian_schemes_leave_no_cyrillic_letter() {
    let alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    let capitals = alphabet.to_uppercase();
    for scheme in Scheme::ALL
        .into_iter()
        .filter(|s| s.home() == Lang::Russian)
    {
        for text in [alphabet, capitals.as_str()] {
            let out = t(scheme, text);
            assert!(!has_cyrillic(&out), "{scheme}: {out}");
        }
    }
}

#[test]
fn ukrainian_alphabet_leaves_no_cyrillic_letter() {
    let alphabet = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    for text in [alphabet.to_string(), alphabet.to_uppercase()] {
        let out = t(Scheme::Ukrainian2010, &text);
        assert!(!has_cyrillic(&out), "{out}");
    }
}

/// Arbitrary code points (controls, combining marks, surrogate neighbours, Cyrillic
/// supplements, apostrophes) must never panic, and the output must be NFC.
#[test]
fn arbitrary_input_never_panics_and_comes_out_nfc() {
    use unicode_normalization::is_nfc;
    let pool: Vec<char> = "аЁъЬй'’ʼ-. \u{301}\u{308}\u{306}\u{361}\u{482}\u{483}ӀӏҐґЄїІѣѲ\u{0}\u{FEFF}İıəƏ9_Ꙁ\u{1C80}ᲀ"
        .chars()
        .chain(['\u{D7FF}', '\u{E000}', '\u{10FFFF}', '\u{2000}'])
        .collect();
    let mut state: u64 = 7;
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..12 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            text.push(pool[(state >> 33) as usize % pool.len()]);
        }
        for scheme in Scheme::ALL {
            let out = t(scheme, &text);
            assert!(is_nfc(&out), "{scheme}: {text:?} → {out:?}");
        }
    }
}

#[test]
fn sign_marks_are_configurable() {
    let text = "Юрьев объезд Ильхам";
    assert_eq!(
        transliterate_with(text, Scheme::BgnPcgn, SignMarks::OMITTED),
        t(Scheme::BgnPcgnNoSigns, text)
    );
    assert_eq!(
        transliterate_with(text, Scheme::BgnPcgn, SignMarks::PRIMES),
        "Yurʹyev obʺyezd Ilʹkham"
    );
    assert_eq!(
        transliterate_with(text, Scheme::AlaLcPlain, SignMarks::OMITTED),
        "Iurev obezd Ilkham"
    );
    let custom = SignMarks {
        soft: "ʼ",
        hard: "ʼʼ",
    };
    assert_eq!(
        transliterate_with("ОБЪЕЗД", Scheme::BgnPcgn, custom),
        "OBʼʼYEZD"
    );
    assert_eq!(
        transliterate_with(text, Scheme::BgnPcgn, SignMarks::QUOTES),
        t(Scheme::BgnPcgn, text)
    );
    assert_eq!(
        transliterate_with("объезд", Scheme::AlaLc, SignMarks::ASCII),
        "ob\"ezd"
    );
}

/// The lower-case Russian alphabet, one letter per word, in SCHEMES.md §3 order.
const ALPHABET: &str = "а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я";

/// Each Russian scheme's values for [`ALPHABET`], written out from the table of
/// SCHEMES.md §3 (one-letter words stand at the start of a word: BGN/PCGN ye, yë).
const ALPHABET_VALUES: [(Scheme, &str); 9] = [
    (Scheme::AlaLc, "a b v g d e ë zh z i ĭ k l m n o p r s t u f kh t\u{361}s ch sh shch ʺ y ʹ ė i\u{361}u i\u{361}a"),
    (Scheme::AlaLcPlain, "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ʺ y ʹ e iu ia"),
    (Scheme::BgnPcgn, "a b v g d ye yë zh z i y k l m n o p r s t u f kh ts ch sh shch ” y ’ e yu ya"),
    (Scheme::BgnPcgnDotted, "a b v g d ye yë zh z i y k l m n o p r s t u f kh ts ch sh shch ” y ’ e yu ya"),
    (Scheme::BgnPcgnNoSigns, "a b v g d ye yë zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya"),
    (Scheme::Iso9, "a b v g d e ë ž z i j k l m n o p r s t u f h c č š ŝ ʺ y ʹ è û â"),
    (Scheme::Gost779B, "a b v g d e yo zh z i j k l m n o p r s t u f x cz ch sh shh `` y` ` e` yu ya"),
    (Scheme::Scientific, "a b v g d e ë ž z i j k l m n o p r s t u f x c č š šč ʺ y ʹ è ju ja"),
    (Scheme::Icao, "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y  e iu ia"),
];

/// Upper-cases the first letter of every space-separated word.
fn title_words(text: &str) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            let mut out = String::new();
            for c in chars.by_ref() {
                if c.is_alphabetic() {
                    out.extend(c.to_uppercase());
                    break;
                }
                out.push(c);
            }
            out.extend(chars);
            out
        })
        .collect();
    words.join(" ")
}

#[test]
fn alphabet_tables_match_schemes_md() {
    assert_eq!(
        Scheme::ALL
            .iter()
            .filter(|s| s.home() == Lang::Russian)
            .count(),
        ALPHABET_VALUES.len()
    );
    for (scheme, values) in ALPHABET_VALUES {
        assert_eq!(t(scheme, ALPHABET), values, "{scheme} small letters");
        // An all-capitals field writes one-letter words all in capitals …
        let capitals = ALPHABET.to_uppercase();
        assert_eq!(
            t(scheme, &capitals),
            values.to_uppercase(),
            "{scheme} capitals"
        );
        // … and a mixed field in title case.
        let mixed = format!("{capitals} и");
        let want = format!("{} i", title_words(values));
        assert_eq!(t(scheme, &mixed), want, "{scheme} title case");
    }
}
