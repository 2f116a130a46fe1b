use super::*;
use crate::store::canonical::{format_record, load};
use std::path::Path;

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

#[test]
fn every_type_gives_a_loadable_canonical_skeleton() {
    let settings = Settings::default();
    for item_type in ItemType::ALL {
        let text = skeleton(*item_type, &[], &settings, None).unwrap();
        let path = Path::new("new.toml");
        let entry = load(path, &text).unwrap_or_else(|d| panic!("{item_type}: {d:?}\n{text}"));
        assert_eq!(entry.item_type.value, *item_type);
        assert_eq!(format_record(path, &text).unwrap(), text, "{item_type}");
        for group in requirements(*item_type).required {
            for name in *group {
                assert!(text.contains(&format!("# {name} = ")), "{item_type} {name}");
            }
        }
    }
}

#[test]
fn given_fields_are_filled_in_and_lists_repeat() {
    let settings = Settings {
        translit: Some(crate::text::translit::Scheme::AlaLc),
        ..Settings::default()
    };
    let given = fields(&[
        ("language", "ru"),
        ("author", "Ниязов, Н.С."),
        ("author", "Ministry of Defence"),
        ("issued", "2010-05-01"),
        ("title", "Развитие"),
        ("issue", "1"),
    ]);
    let text = skeleton(ItemType::ArticleJournal, &given, &settings, None).unwrap();
    assert!(text.contains("language = \"ru\"\n"), "{text}");
    assert!(
        text.contains(
            "author = [\n  { family = \"Ниязов\", given = \"Н.С.\" },\n  { literal = \"Ministry of Defence\" },\n]\n"
        ),
        "{text}"
    );
    assert!(text.contains("issued = 2010-05-01\n"), "{text}");
    assert!(text.contains("# container-title = \"\"\n"), "{text}");
    assert!(text.contains("ala-lc"), "{text}");
    let path = Path::new("n.toml");
    let entry = load(path, &text).unwrap();
    assert_eq!(entry.names("author").map(|n| n.len()), Some(2));
    assert_eq!(format_record(path, &text).unwrap(), text);
}

#[test]
fn non_latin_titles_offer_translit_and_translation() {
    let settings = Settings {
        locale: Some("tr-TR".into()),
        ..Settings::default()
    };
    let text = skeleton(
        ItemType::Book,
        &fields(&[("language", "ru")]),
        &settings,
        None,
    )
    .unwrap();
    assert!(
        text.contains(
            "# title = { original = \"\", translit = \"\", translation = { tr = \"\" } }"
        ),
        "{text}"
    );
    let text = skeleton(
        ItemType::Book,
        &fields(&[("language", "tr")]),
        &settings,
        None,
    )
    .unwrap();
    assert!(text.contains("# title = \"\"\n"), "{text}");
}

#[test]
fn refuses_repeated_fields_and_type() {
    let twice = fields(&[("title", "a"), ("title", "b")]);
    assert_eq!(
        skeleton(ItemType::Book, &twice, &Settings::default(), None),
        Err(SkeletonError::Repeated("title".into()))
    );
    let typed = fields(&[("type", "book")]);
    assert_eq!(
        skeleton(ItemType::Book, &typed, &Settings::default(), None),
        Err(SkeletonError::TypeField)
    );
}

#[test]
fn bad_values_are_left_for_the_parser_to_report() {
    let given = fields(&[("issued", "31.03.2021"), ("titel", "x")]);
    let text = skeleton(ItemType::Report, &given, &Settings::default(), None).unwrap();
    let codes: Vec<&str> = load(Path::new("r.toml"), &text)
        .unwrap_err()
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(codes.contains(&"invalid-date"), "{codes:?}");
    assert!(codes.contains(&"unknown-field"), "{codes:?}");
}

#[test]
fn accessed_offers_today() {
    let today = crate::model::DatePart::ymd(2026, 12, 5);
    let text = skeleton(ItemType::Webpage, &[], &Settings::default(), Some(today)).unwrap();
    assert!(text.contains("\n# accessed = 2026-12-05\n"), "{text}");
    let uncommented = text.replace("# accessed = 2026-12-05", "accessed = 2026-12-05");
    assert!(load(Path::new("w.toml"), &uncommented).is_ok());
}
