//! A run large enough to be split over threads renders exactly as on one
//! thread: notes, in-text citations with collapsing, disambiguation (names,
//! given names, year suffixes), sorting, subsequent-author-substitute, and
//! the warnings, in the same order.

use kaynak::csl::{self, Cite, Cluster, CslItem, Format, JsonItem, Processor, Rendered, Style};
use std::path::Path;

const FAMILIES: &[&str] = &["Yılmaz", "Öztürk", "Иванов", "Smith", "Şahin", "Doe"];
const GIVEN: &[&str] = &["Ayşe", "Mehmet", "Пётр", "John", "Anna", "Jane"];

/// 700 items (more than one thread's minimum) that clash often: few names,
/// few years and titles, so disambiguation has real groups to resolve.
fn items() -> Vec<JsonItem> {
    let json: Vec<String> = (0..700)
        .map(|n| {
            let authors: Vec<String> = (0..(n % 3 + 1))
                .map(|k| {
                    format!(
                        r#"{{"family":"{}","given":"{}"}}"#,
                        FAMILIES[(n + k) % FAMILIES.len()],
                        GIVEN[(n / 7 + k) % GIVEN.len()]
                    )
                })
                .collect();
            let kind = ["book", "article-journal", "chapter"][n % 3];
            format!(
                r#"{{"id":"i{n}","type":"{kind}","title":"Title {t}","container-title":"Journal","publisher":"Yayınevi","author":[{a}],"issued":{{"date-parts":[[{y}]]}}}}"#,
                t = n % 11,
                a = authors.join(","),
                y = 2000 + n % 5,
            )
        })
        .collect();
    JsonItem::parse_array(&format!("[{}]", json.join(","))).expect("items")
}

/// Clusters of one to three cites, some repeated (ibid, subsequent), some
/// naming an id that is not in the library (a warning).
fn clusters() -> Vec<Cluster> {
    (0..600)
        .map(|n| {
            let mut ids: Vec<String> = (0..(n % 3 + 1))
                .map(|k| format!("i{}", (n * 37 + k * 101) % 700))
                .collect();
            if n % 97 == 0 {
                ids.push("missing".to_string());
            }
            Cluster {
                cites: ids
                    .into_iter()
                    .map(|id| Cite {
                        id,
                        locator: (n % 4 == 0).then(|| (n % 30 + 1).to_string()),
                        ..Cite::default()
                    })
                    .collect(),
                note_number: Some(n as u32 / 2 + 1),
            }
        })
        .collect()
}

fn processor(style: &str, threads: usize) -> Processor {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("styles")
        .join(style);
    let text = std::fs::read_to_string(path).expect("bundled style");
    let mut processor = csl::processor_with_locale(
        Style::parse(&text).expect("style parses"),
        None,
        &csl::embedded_locales,
    );
    processor.set_threads(threads);
    processor
}

/// The output as text, rendered one node at a time.
fn text_of(out: &Rendered) -> Vec<String> {
    let mut lines: Vec<String> = out
        .citations
        .iter()
        .map(|c| csl::render(c, Format::Html))
        .collect();
    if let Some(bib) = &out.bibliography {
        lines.push(csl::render_bibliography(bib, Format::Html));
    }
    lines.extend(out.warnings.iter().map(|w| format!("{w:?}")));
    lines
}

/// The output as text, rendered on the processor's threads.
fn text_on_threads(processor: &Processor, out: &Rendered) -> Vec<String> {
    let mut lines = processor.render_citations(&out.citations, Format::Html);
    if let Some(bib) = &out.bibliography {
        lines.push(processor.render_bibliography(bib, Format::Html));
    }
    lines.extend(out.warnings.iter().map(|w| format!("{w:?}")));
    lines
}

fn assert_same_on_any_thread_count(style: &str, substitute: bool) {
    let items = items();
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let clusters = clusters();
    let mut one = processor(style, 1);
    if substitute {
        if let Some(bib) = one.style.bibliography.as_mut() {
            bib.bibliography.subsequent_author_substitute = Some("———".to_string());
        }
    }
    assert_eq!(one.threads(), 1);
    let expected = text_of(&one.process(&refs, &clusters));
    assert!(expected.len() > clusters.len(), "{style}: a bibliography");
    assert!(
        expected.iter().any(|l| l.contains("missing")),
        "{style}: the unknown id is warned about"
    );
    for threads in [2, 3] {
        one.set_threads(threads);
        let got = text_on_threads(&one, &one.process(&refs, &clusters));
        assert_eq!(got, expected, "{style} on {threads} threads");
    }
}

#[test]
fn chicago_notes_are_the_same_on_any_thread_count() {
    assert_same_on_any_thread_count("chicago-notes.csl", false);
}

#[test]
fn author_date_with_year_suffixes_is_the_same_on_any_thread_count() {
    assert_same_on_any_thread_count("apa.csl", false);
}

#[test]
fn numeric_collapsing_is_the_same_on_any_thread_count() {
    assert_same_on_any_thread_count("ieee.csl", false);
}

#[test]
fn subsequent_author_substitute_is_the_same_on_any_thread_count() {
    assert_same_on_any_thread_count("chicago-author-date.csl", true);
}

#[test]
fn year_suffixes_are_assigned() {
    let items = items();
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let out = processor("apa.csl", 2).process(&refs, &clusters());
    let bib = csl::render_bibliography(&out.bibliography.expect("bibliography"), Format::Text);
    // the generated library is full of same-author, same-year works
    assert!(bib.contains("2001a"), "{bib}");
}
