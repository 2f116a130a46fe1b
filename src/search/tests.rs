//! Cross-script search on records like the bundled ones.

use super::*;
use crate::model::{Field, ItemType};

fn entry(key: &str, language: &str, title: MultiText, family: Option<MultiText>) -> Entry {
    let mut entry = Entry::new(key, ItemType::ArticleJournal);
    entry.language = Some(Field::detached(language.to_string()));
    entry.set_text("title", title);
    if let Some(family) = family {
        let name = Name {
            family: Some(family),
            ..Name::default()
        };
        entry.set_names("author", vec![name]);
    }
    entry
}

fn library() -> Vec<Entry> {
    let mut niyazov_title = MultiText::plain("Военная доктрина");
    niyazov_title
        .translations_mut()
        .insert("en".into(), "Military doctrine".into());
    let mut family = MultiText::plain("Ниязов");
    family.set_translit(Some("Niyazov".into()));
    vec![
        entry("niyazov", "ru", niyazov_title, Some(family)),
        entry(
            "isik",
            "tr",
            MultiText::plain("Işık ve gölge"),
            Some(MultiText::plain("Işık")),
        ),
        entry(
            "other",
            "en",
            MultiText::plain("Shadows of the Caucasus"),
            None,
        ),
    ]
}

fn keys(entries: &[Entry], query: &str) -> Vec<String> {
    let index = Index::build(entries, 2);
    index
        .search(entries, query, 10)
        .into_iter()
        .map(|h| h.key)
        .collect()
}

#[test]
fn every_form_finds_the_record() {
    let entries = library();
    for query in [
        "Niyazov",
        "Niiazov",
        "ниязов",
        "NIJAZOV",
        "Voyennaya",
        "Voennaia",
        "military",
        "doktrina",
    ] {
        assert_eq!(keys(&entries, query), ["niyazov"], "{query}");
    }
    for query in ["Isik", "ışık", "IŞIK", "golge"] {
        assert_eq!(keys(&entries, query), ["isik"], "{query}");
    }
    assert!(keys(&entries, "nothing here").is_empty());
    assert!(keys(&entries, "  ").is_empty());
}

/// Every scheme's form folds like the one of its group the index derives.
#[test]
fn fold_distinct_schemes_cover_every_scheme() {
    let samples = [
        "Военная доктрина Ильхама съезд Ёлкин Щука",
        "Київ Ґалаґан Знам’янка",
        "Азәрбајҹан",
    ];
    for text in samples {
        let (lang, derived) = schemes_for(text, None);
        let folded: Vec<String> = derived
            .iter()
            .map(|s| fold(&romanize(text, *s, lang).unwrap().text))
            .collect();
        for scheme in Scheme::ALL.into_iter().filter(|s| s.covers(lang)) {
            let form = fold(&romanize(text, scheme, lang).unwrap().text);
            assert!(folded.contains(&form), "{scheme} for {text}: {form}");
        }
    }
}

#[test]
fn hits_show_the_form_that_matched_ranked() {
    let entries = library();
    let index = Index::build(&entries, 1);
    let hits = index.search(&entries, "Voyennaya", 10);
    assert_eq!(hits[0].field, "title");
    assert_eq!(hits[0].found, Found::Derived(Scheme::BgnPcgn));
    assert_eq!(hits[0].text, "Voyennaya doktrina");
    let hits = index.search(&entries, "Niyazov", 10);
    assert_eq!(
        (hits[0].field, &hits[0].found),
        ("author", &Found::Translit)
    );
    // A whole word in a title ranks above part of a word.
    let mut more = library();
    more.push(entry("part", "en", MultiText::plain("Isikawa"), None));
    let index = Index::build(&more, 2);
    let hits: Vec<String> = index
        .search(&more, "isik", 10)
        .into_iter()
        .map(|h| h.key)
        .collect();
    assert_eq!(hits, ["isik", "part"]);
}
