//! kaynak's `chicago-notes` against the official
//! `chicago-notes-bibliography.csl`, both rendered by kaynak's engine, on 200
//! generated English items (`tests/fixtures/corrected/pandoc-check/english-200`):
//! every item cited once with locator 12, then again with 13 (never
//! consecutively), and the bibliography. At least 90 % of the strings must be
//! identical. The official style uses the suite-era locales in
//! `../shared/csl/locales/`; the test skips when `../shared` is absent.

use kaynak::csl::{self, Cite, Cluster, CslItem, Format, JsonItem, Locale, Processor, Style};
use std::collections::HashMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared_locale(tag: &str) -> Option<Locale> {
    let path = root().join(format!("../shared/csl/locales/locales-{tag}.xml"));
    Locale::parse(&std::fs::read_to_string(path).ok()?).ok()
}

/// Notes (400) and bibliography entries by id.
fn render(processor: &Processor, items: &[JsonItem]) -> (Vec<String>, HashMap<String, String>) {
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let clusters: Vec<Cluster> = ["12", "13"]
        .iter()
        .flat_map(|page| items.iter().map(move |i| (i, page)))
        .enumerate()
        .map(|(n, (item, page))| Cluster {
            cites: vec![Cite {
                id: item.id.clone(),
                locator: Some(page.to_string()),
                label: Some("page".to_string()),
                ..Cite::default()
            }],
            note_number: Some(n as u32 + 1),
        })
        .collect();
    let out = processor.process(&refs, &clusters);
    let notes = out
        .citations
        .iter()
        .map(|c| csl::render(c, Format::Text))
        .collect();
    let bib = out
        .bibliography
        .map(|b| {
            b.entries
                .iter()
                .map(|e| (e.id.clone(), csl::render(&e.content, Format::Text)))
                .collect()
        })
        .unwrap_or_default();
    (notes, bib)
}

#[test]
fn chicago_notes_matches_the_official_style_on_english_items() {
    let official = root().join("../shared/csl/styles/chicago-notes-bibliography.csl");
    let Ok(official_text) = std::fs::read_to_string(&official) else {
        println!("skipped: {} is absent", official.display());
        return;
    };
    let data = root().join("tests/fixtures/corrected/pandoc-check/english-200/items.json");
    let items = JsonItem::parse_array(&std::fs::read_to_string(data).expect("items.json"))
        .expect("items parse");
    let official = Style::parse(&official_text).expect("official style parses");
    let official = csl::processor_with_locale(official, None, &shared_locale);
    let ours = kaynak::adapter::load_style("chicago-notes", &[]).expect("bundled style");
    let ours = csl::processor_with_locale(ours.style, None, &csl::embedded_locales);
    let (our_notes, our_bib) = render(&ours, &items);
    let (their_notes, their_bib) = render(&official, &items);
    let mut equal = [0usize; 3];
    let mut shown = 0;
    for (i, (a, b)) in our_notes.iter().zip(&their_notes).enumerate() {
        if a == b {
            equal[i / 200] += 1;
        } else if shown < 10 {
            shown += 1;
            println!("note {}:\n  kaynak   {a}\n  official {b}", i + 1);
        }
    }
    for (id, entry) in &our_bib {
        if their_bib.get(id) == Some(entry) {
            equal[2] += 1;
        } else if shown < 20 {
            shown += 1;
            println!(
                "entry {id}:\n  kaynak   {entry}\n  official {:?}",
                their_bib.get(id)
            );
        }
    }
    let total = our_notes.len() + their_bib.len();
    let same: usize = equal.iter().sum();
    let percent = 100.0 * same as f64 / total.max(1) as f64;
    println!(
        "chicago-notes vs official: full notes {}/200, short notes {}/200, bibliography {}/{}: {same}/{total} = {percent:.1} %",
        equal[0],
        equal[1],
        equal[2],
        their_bib.len()
    );
    assert!(percent >= 90.0, "only {percent:.1} % identical");
}
