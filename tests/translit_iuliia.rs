//! Golden tests: every iuliia sample of every scheme kaynak implements, compared after
//! NFC normalisation, with the known defects of the iuliia data corrected (see
//! `shared/translit/SCHEMES.md` §5). The data lives outside the crate, in
//! `../shared/translit/iuliia/`; when that folder is absent the test says so and skips.

use kaynak::text::translit::{transliterate, Scheme};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// How one iuliia schema maps onto a kaynak scheme, and how its expectations are fixed.
struct Case {
    schema: &'static str,
    scheme: Scheme,
    /// iuliia maps ё/Ё to the Cyrillic letters U+0451/U+0401 in this schema (and its
    /// samples expect them); the standards write Latin ë/Ë (U+00EB/U+00CB).
    cyrillic_yo_defect: bool,
    /// Derive the expectation by dropping ’ and ” (the soft-sign-free profile is
    /// BGN/PCGN with ь and ъ mapped to nothing; no sample holds a genuine apostrophe).
    drop_sign_marks: bool,
    /// iuliia writes the signs as ASCII ' and "; kaynak's `ala-lc-plain` keeps ALA-LC's
    /// ʹ and ʺ (typography would turn an ASCII ' into a closing quote).
    ascii_signs: bool,
}

const CASES: &[Case] = &[
    case("ala_lc", Scheme::AlaLc, true),
    Case {
        schema: "ala_lc_alt",
        scheme: Scheme::AlaLcPlain,
        cyrillic_yo_defect: false,
        drop_sign_marks: false,
        ascii_signs: true,
    },
    case("bgn_pcgn", Scheme::BgnPcgnDotted, true),
    case("bgn_pcgn_alt", Scheme::BgnPcgn, true),
    Case {
        schema: "bgn_pcgn_alt",
        scheme: Scheme::BgnPcgnNoSigns,
        cyrillic_yo_defect: true,
        drop_sign_marks: true,
        ascii_signs: false,
    },
    // ж is stored decomposed (z + U+030C) here; the NFC comparison takes care of it.
    case("gost_779", Scheme::Iso9, true),
    case("gost_779_alt", Scheme::Gost779B, false),
    case("scientific", Scheme::Scientific, true),
    case("icao_doc_9303", Scheme::Icao, false),
];

const fn case(schema: &'static str, scheme: Scheme, cyrillic_yo_defect: bool) -> Case {
    Case {
        schema,
        scheme,
        cyrillic_yo_defect,
        drop_sign_marks: false,
        ascii_signs: false,
    }
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/translit/iuliia")
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

fn samples(dir: &Path, schema: &str) -> Vec<(String, String)> {
    let path = dir.join(format!("{schema}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid iuliia JSON");
    let list = json["samples"].as_array().expect("a samples array");
    list.iter()
        .map(|pair| {
            let cyrillic = pair[0].as_str().expect("a Cyrillic string");
            let latin = pair[1].as_str().expect("a Latin string");
            (cyrillic.to_string(), latin.to_string())
        })
        .collect()
}

fn expected(case: &Case, latin: &str) -> String {
    let mut want = nfc(latin);
    if case.cyrillic_yo_defect {
        want = want.replace('ё', "ë").replace('Ё', "Ë");
    }
    if case.drop_sign_marks {
        want = want.replace(['’', '”'], "");
    }
    if case.ascii_signs {
        want = want.replace('\'', "ʹ").replace('"', "ʺ");
    }
    want
}

#[test]
fn every_iuliia_sample_of_every_implemented_scheme() {
    let dir = data_dir();
    if !dir.is_dir() {
        println!(
            "SKIPPED: iuliia samples not found at {} (the shared/ folder is absent)",
            dir.display()
        );
        return;
    }
    let mut failures = Vec::new();
    for case in CASES {
        let pairs = samples(&dir, case.schema);
        let mut passed = 0;
        for (cyrillic, latin) in &pairs {
            let want = expected(case, latin);
            let got = nfc(&transliterate(cyrillic, case.scheme));
            if got == want {
                passed += 1;
            } else {
                failures.push(format!(
                    "{} ({}): {cyrillic}\n  want {want}\n  got  {got}",
                    case.schema, case.scheme
                ));
            }
        }
        println!(
            "{:<14} as {:<17} {passed}/{} samples",
            case.schema,
            case.scheme.name(),
            pairs.len()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same samples typed in capitals must come out in capitals (ЩУКА → SHCHUKA),
/// which iuliia's own engine gets wrong (ShchUKA).
#[test]
fn every_iuliia_sample_in_capitals() {
    let dir = data_dir();
    if !dir.is_dir() {
        println!("SKIPPED: iuliia samples not found at {}", dir.display());
        return;
    }
    for case in CASES {
        for (cyrillic, latin) in samples(&dir, case.schema) {
            let want = expected(case, &latin).to_uppercase();
            let got = nfc(&transliterate(&cyrillic.to_uppercase(), case.scheme));
            assert_eq!(got, want, "{} in capitals: {cyrillic}", case.schema);
        }
    }
}

/// SCHEMES.md §1: the bundled article's pairs, byte for byte (en dash included).
#[test]
fn article_pairs_byte_for_byte() {
    let pairs = [
        ("Военная Доктрина Азербайджанской Республики", "Voyennaya Doktrina Azerbaydzhanskoy Respubliki"),
        (
            "Развитие Азербайджано-Пакистанских Связей в Военной Области в 1994\u{2013}2010 Годах",
            "Razvitiye Azerbaydzhano-Pakistanskikh Svyazey v Voyennoy Oblasti v 1994\u{2013}2010 Godakh",
        ),
        (
            "Ильхам Алиев Принял Делегацию, Возглавляемую Министром Оборонной Промышленности Пакистана",
            "Ilkham Aliyev Prinyal Delegatsiyu, Vozglavlyayemuyu Ministrom Oboronnoy Promyshlennosti Pakistana",
        ),
        ("Н.С. Ниязов", "N.S. Niyazov"),
    ];
    for (cyrillic, latin) in pairs {
        let got = transliterate(cyrillic, Scheme::BgnPcgnNoSigns);
        assert_eq!(got.as_bytes(), latin.as_bytes(), "{cyrillic}");
    }
}
