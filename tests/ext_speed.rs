//! Speed of the multilingual extension: 10,000 kaynak records (Russian with
//! hand-given transliterations and translations, Turkish, English) rendered
//! as a bibliography and as 10,000 notes in `chicago-notes` (ALA-LC derived
//! per item, cached) and GOST (item locales, script order). The figure is
//! printed; the bound is loose because tests run unoptimized (a release build
//! is several times faster).

use kaynak::adapter::{load_style, prepare, RecordItem};
use kaynak::csl::{self, Cite, Cluster, CslItem};
use kaynak::model::{Date, DatePart, Entry, ItemType, MultiText, Name};
use kaynak::store::Settings;
use std::time::Instant;

fn text(original: &str, translit: Option<&str>, en: Option<&str>) -> MultiText {
    let mut t = MultiText::plain(original);
    t.set_translit(translit.map(str::to_string));
    if let Some(en) = en {
        t.translations_mut().insert("en".into(), en.into());
    }
    t
}

fn entry(i: usize) -> Entry {
    let mut e = Entry::new(format!("k{i}"), ItemType::ArticleJournal);
    let (lang, title, family) = match i % 3 {
        0 => (
            "ru",
            text(
                &format!("Военная доктрина {i}"),
                Some("Voyennaya doktrina"),
                Some("Military doctrine"),
            ),
            text("Ниязов", Some("Niyazov"), None),
        ),
        1 => (
            "tr",
            text(
                &format!("Kafkas kartalı {i} tatbikatı"),
                None,
                Some("Caucasus eagle"),
            ),
            MultiText::plain("Yılmaz"),
        ),
        _ => (
            "en",
            text(&format!("Relations between states {i}"), None, None),
            MultiText::plain("Smith"),
        ),
    };
    e.language = Some(kaynak::model::Field::detached(lang.to_string()));
    e.set_text("title", title);
    e.set_text("container-title", text("Вестник истории", None, None));
    e.set_names(
        "author",
        vec![Name {
            family: Some(family),
            given: Some(MultiText::plain("A.")),
            ..Name::default()
        }],
    );
    e.set_date(
        "issued",
        Date::single(DatePart::ymd(2000 + (i % 20) as i32, 1, 1)),
    );
    e
}

#[test]
fn ten_thousand_records_render_quickly() {
    let entries: Vec<Entry> = (0..10_000).map(entry).collect();
    for style in ["chicago-notes", "gost-r-7.0.100-2018"] {
        let loaded = load_style(style, &[]).expect("bundled style");
        let settings = Settings::default();
        let (processor, policy) = prepare(
            loaded.style,
            &settings,
            settings.form_settings(),
            None,
            &csl::embedded_locales,
        );
        let start = Instant::now();
        let items: Vec<RecordItem> = entries
            .iter()
            .map(|e| RecordItem::new(e, &policy))
            .collect();
        let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
        let clusters: Vec<Cluster> = items
            .iter()
            .enumerate()
            .map(|(n, i)| Cluster {
                cites: vec![Cite {
                    id: i.id().to_string(),
                    ..Cite::default()
                }],
                note_number: Some(n as u32 + 1),
            })
            .collect();
        let out = processor.process(&refs, &clusters);
        let entries_out = out.bibliography.map(|b| b.entries.len()).unwrap_or(0);
        let elapsed = start.elapsed();
        println!("{style}: 10,000 records, {entries_out} entries + 10,000 notes in {elapsed:?} (debug build)");
        assert_eq!(entries_out, 10_000);
        assert!(elapsed.as_secs() < 60, "{style} took {elapsed:?}");
    }
}
