//! `cs:sort` collates by the processor's locale: Turkish, Russian and Azerbaijani
//! surnames come out in their alphabets' order, in the bibliography and inside a
//! citation, and Cyrillic keys among Latin ones follow the mixed-script option.

use kaynak::csl::{self, Cite, Cluster, CslItem, Format, JsonItem, Processor, Style};
use kaynak::text::collate::MixedScripts;
use kaynak::text::translit::Scheme;

/// An in-text style sorting by author (a names key), then by a title macro; the
/// citation sorts by author too.
const STYLE: &str = r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>collation test</title><id>collation-test</id><updated>2026-11-29T00:00:00+00:00</updated></info>
  <macro name="title"><text variable="title"/></macro>
  <citation>
    <sort><key variable="author"/></sort>
    <layout prefix="(" suffix=")" delimiter="; ">
      <names variable="author"><name form="short"/></names>
    </layout>
  </citation>
  <bibliography>
    <sort><key variable="author"/><key macro="title"/></sort>
    <layout><names variable="author"><name name-as-sort-order="all"/></names></layout>
  </bibliography>
</style>"#;

/// CSL-JSON items, one per surname, in the order given.
fn items(surnames: &[&str]) -> Vec<JsonItem> {
    let json: Vec<String> = surnames
        .iter()
        .enumerate()
        .map(|(i, family)| {
            format!(r#"{{"id":"i{i}","type":"book","title":"T","author":[{{"family":"{family}","given":"A"}}]}}"#)
        })
        .collect();
    JsonItem::parse_array(&format!("[{}]", json.join(","))).expect("items")
}

fn processor(lang: &str) -> Processor {
    let style = Style::parse(STYLE).expect("style");
    csl::processor_with_locale(style, Some(lang), &csl::embedded_locales)
}

/// The bibliography's surnames, in order.
fn bibliography(processor: &Processor, surnames: &[&str]) -> Vec<String> {
    let items = items(surnames);
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let out = processor.process(&refs, &[]);
    let bib = out.bibliography.expect("bibliography");
    bib.entries
        .iter()
        .map(|e| csl::render(&e.content, Format::Text))
        .map(|text| text.split(',').next().unwrap_or_default().to_string())
        .collect()
}

/// The same list shuffled deterministically.
fn shuffled<'a>(list: &[&'a str]) -> Vec<&'a str> {
    let mut out = list.to_vec();
    out.reverse();
    out.rotate_left(3);
    out
}

const TURKISH: [&str; 14] = [
    "Acar", "Cengiz", "Çelik", "Doğan", "Ilgaz", "Işık", "İnan", "Ozan", "Öztürk", "Sarı", "Şahin",
    "Uçar", "Ünal", "Yılmaz",
];

#[test]
fn turkish_bibliography_follows_the_turkish_alphabet() {
    assert_eq!(
        bibliography(&processor("tr-TR"), &shuffled(&TURKISH)),
        TURKISH
    );
}

#[test]
fn turkish_citation_sorts_its_cites() {
    let items = items(&["Şahin", "Sarı", "Çelik", "Cengiz", "İnan", "Işık"]);
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let cluster = Cluster {
        cites: (0..items.len())
            .map(|i| Cite {
                id: format!("i{i}"),
                ..Cite::default()
            })
            .collect(),
        note_number: None,
    };
    let out = processor("tr-TR").process(&refs, &[cluster]);
    assert_eq!(
        csl::render(&out.citations[0], Format::Text),
        "(Cengiz; Çelik; Işık; İnan; Sarı; Şahin)"
    );
}

#[test]
fn english_locale_uses_the_root_order() {
    // Root order: accents are secondary, so Çelik files with the Cs and Öztürk with the Os.
    let sorted = bibliography(&processor("en-US"), &["Öztürk", "Ozan", "Çelik", "Cengiz"]);
    assert_eq!(sorted, ["Çelik", "Cengiz", "Ozan", "Öztürk"]);
}

#[test]
fn russian_bibliography_follows_the_russian_alphabet() {
    let russian = [
        "Абрамов",
        "Егоров",
        "Ёлкин",
        "Ершов",
        "Жуков",
        "Иванов",
        "Шевченко",
        "Щербаков",
        "Эйзенштейн",
        "Яковлев",
    ];
    assert_eq!(
        bibliography(&processor("ru-RU"), &shuffled(&russian)),
        russian
    );
}

#[test]
fn azerbaijani_schwa_x_and_q() {
    let azerbaijani = [
        "Eldarov",
        "Əliyev",
        "Hüseynov",
        "Xəlilov",
        "Işıqlı",
        "İsmayılov",
        "Kərimov",
        "Quliyev",
        "Zeynalov",
    ];
    assert_eq!(
        bibliography(&processor("az"), &shuffled(&azerbaijani)),
        azerbaijani
    );
}

#[test]
fn cyrillic_among_latin_by_transliteration_or_after_by_original() {
    let mixed = ["Zimin", "Алиев", "Brown", "Шахов", "Tanrıverdi"];
    // Default: on the romanisation (Aliev, Shakhov).
    let by_translit = bibliography(&processor("en-US"), &mixed);
    assert_eq!(
        by_translit,
        ["Алиев", "Brown", "Шахов", "Tanrıverdi", "Zimin"]
    );
    let mut original = processor("en-US");
    original.set_mixed_scripts(MixedScripts::Original);
    assert_eq!(
        bibliography(&original, &mixed),
        ["Brown", "Tanrıverdi", "Zimin", "Алиев", "Шахов"]
    );
    // A Russian collator orders Cyrillic natively (and first) whatever the option.
    let mut russian = processor("ru-RU");
    russian.set_mixed_scripts(MixedScripts::Transliterated(Scheme::Iso9));
    assert_eq!(
        bibliography(&russian, &mixed),
        ["Алиев", "Шахов", "Brown", "Tanrıverdi", "Zimin"]
    );
}

#[test]
fn ten_thousand_items_sort_quickly() {
    let surnames: Vec<String> = (0..10_000)
        .map(|i| format!("{}{}", TURKISH[i % TURKISH.len()], i % 97))
        .collect();
    let refs: Vec<&str> = surnames.iter().map(String::as_str).collect();
    let processor = processor("tr-TR");
    let start = std::time::Instant::now();
    let sorted = bibliography(&processor, &refs);
    assert_eq!(sorted.len(), 10_000);
    assert!(sorted[0].starts_with("Acar"), "{}", sorted[0]);
    assert!(sorted[9_999].starts_with("Yılmaz"), "{}", sorted[9_999]);
    // Generous for a debug build on a shared machine; the point is no O(n²) work.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// Bibliography of `json` under `style_xml` and `lang`, one rendered entry per line.
fn render_bib(style_xml: &str, lang: &str, json: &str) -> Vec<String> {
    let style = Style::parse(style_xml).expect("style");
    let processor = csl::processor_with_locale(style, Some(lang), &csl::embedded_locales);
    let items = JsonItem::parse_array(json).expect("items");
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let bib = processor
        .process(&refs, &[])
        .bibliography
        .expect("bibliography");
    bib.entries
        .iter()
        .map(|e| csl::render(&e.content, Format::Text))
        .collect()
}

#[test]
fn script_order_groups_then_collates_in_turkish() {
    let style = r#"<style xmlns="http://purl.org/net/xbiblio/csl" xmlns:k="https://kaynak.dev/csl-extension" version="1.0" class="in-text" k:version="1">
  <info><title>t</title><id>t</id><updated>2026-11-29T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography k:title-forms="original"><sort><key variable="title" k:script-order="Cyrl Latn"/></sort>
    <layout><text variable="title"/></layout></bibliography>
</style>"#;
    let json = r#"[{"id":"a","type":"book","title":"Şiir"},{"id":"b","type":"book","title":"Sanat"},
        {"id":"c","type":"book","title":"Ёлка"},{"id":"d","type":"book","title":"Çağ"},
        {"id":"e","type":"book","title":"Ель"},{"id":"f","type":"book","title":"Cam"}]"#;
    assert_eq!(
        render_bib(style, "tr-TR", json),
        ["Ель", "Ёлка", "Cam", "Çağ", "Sanat", "Şiir"]
    );
}

#[test]
fn empty_keys_last_numbers_and_dates_as_numbers_descending() {
    let style = r#"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
  <info><title>t</title><id>t</id><updated>2026-11-29T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><sort><key variable="issued" sort="descending"/><key variable="volume"/><key variable="title"/></sort>
    <layout><text variable="title"/></layout></bibliography>
</style>"#;
    let json = r#"[
        {"id":"a","type":"book","title":"Öykü","volume":"10","issued":{"date-parts":[[2020]]}},
        {"id":"b","type":"book","title":"Oda","volume":"9","issued":{"date-parts":[[2020]]}},
        {"id":"c","type":"book","title":"Ağaç","issued":{"date-parts":[[999]]}},
        {"id":"d","type":"book","title":"Zaman"},
        {"id":"e","type":"book","title":"Çiçek","volume":"9","issued":{"date-parts":[[2020]]}}]"#;
    assert_eq!(
        render_bib(style, "tr-TR", json),
        ["Çiçek", "Oda", "Öykü", "Ağaç", "Zaman"]
    );
}
