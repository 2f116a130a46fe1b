//! Every official style in `../shared/csl/styles` parses without
//! diagnostics and renders a small multilingual library as citations and a
//! bibliography, in every output format, without panicking.

use kaynak::csl::{self, Cite, Cluster, CslItem, Format, JsonItem, Locale, Style};
use std::path::{Path, PathBuf};

fn styles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/csl/styles")
}

fn suite_locale(tag: &str) -> Option<Locale> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
        "../shared/csl/test-suite/locales/locales-{tag}.xml"
    ));
    let text = std::fs::read_to_string(path).ok()?;
    Locale::parse(&text).ok()
}

const LIBRARY: &str = r#"[
 {"id":"niyazov","type":"book","title":"Türkmen dili","author":[{"family":"Niyazov","given":"Saparmurat"}],
  "issued":{"date-parts":[[1994]]},"publisher":"Ylym","publisher-place":"Aşgabat","language":"tr"},
 {"id":"frontier","type":"article-journal","title":"On the frontier of knowledge","container-title":"Journal of Things",
  "author":[{"family":"Smith","given":"John"},{"family":"van der Berg","given":"Anna"},{"family":"Doe","given":"Jane"},{"family":"Roe","given":"Richard"}],
  "volume":"12","issue":"3","page":"101-119","DOI":"10.1000/xyz","issued":{"date-parts":[[2020,5,17]]}},
 {"id":"tolstoy","type":"book","title":"Война и мир","author":[{"family":"Толстой","given":"Лев Николаевич"}],
  "issued":{"date-parts":[[1869]]},"language":"ru","edition":"2"},
 {"id":"chapter","type":"chapter","title":"A chapter","container-title":"Collected essays",
  "editor":[{"family":"Öztürk","given":"Ayşe"}],"author":[{"family":"Yılmaz","given":"Mehmet"}],
  "page":"5-25","issued":{"date-parts":[[2001]]},"publisher":"Kitap"},
 {"id":"web","type":"webpage","title":"A page","URL":"https://example.org","accessed":{"date-parts":[[2024,1,2]]}}
]"#;

#[test]
fn official_styles_parse_and_render() {
    let dir = styles_dir();
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let mut items = JsonItem::parse_array(LIBRARY).expect("library");
    items.extend((0..200).map(sample_item));
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let clusters: Vec<Cluster> = items
        .iter()
        .take(5)
        .chain(items.iter())
        .map(|item| Cluster {
            cites: vec![Cite {
                id: item.id.clone(),
                locator: Some("5".to_string()),
                ..Cite::default()
            }],
            note_number: None,
        })
        .collect();
    let independent: Vec<(PathBuf, Style)> = csl_files(&dir)
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable style");
            let style = Style::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            assert!(
                style.warnings.is_empty(),
                "{}: {:?}",
                path.display(),
                style.warnings
            );
            (path, style)
        })
        .collect();
    for path in csl_files(&dir.join("dependent")) {
        let text = std::fs::read_to_string(&path).expect("readable style");
        let style = Style::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert!(style.is_dependent(), "{}", path.display());
        let parent_id = style.parent.clone().unwrap_or_default();
        let parent = independent
            .iter()
            .find(|(_, s)| s.id.as_deref() == Some(parent_id.as_str()))
            .map(|(_, s)| s.clone());
        if let Some(parent) = parent {
            let _ = style.with_parent(parent);
        }
    }
    for (path, style) in independent {
        let load = |tag: &str| csl::embedded_locales(tag).or_else(|| suite_locale(tag));
        let processor = csl::processor_with_locale(style, None, &load);
        let out = processor.process(&refs, &clusters);
        let messages: std::collections::BTreeSet<&str> =
            out.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(messages.is_empty(), "{}: {messages:?}", path.display());
        if std::env::var("KAYNAK_SHOW_STYLES").is_ok() {
            println!("== {}", path.display());
            out.citations
                .iter()
                .take(5)
                .for_each(|c| println!("cite: {}", csl::render(c, Format::Text)));
            if let Some(bib) = &out.bibliography {
                println!("{}", csl::render_bibliography(bib, Format::Text));
            }
        }
        assert_eq!(out.citations.len(), clusters.len(), "{}", path.display());
        for format in [
            Format::Text,
            Format::Html,
            Format::Markdown,
            Format::Latex,
            Format::Rtf,
        ] {
            for citation in &out.citations {
                assert!(
                    !csl::render(citation, format).is_empty(),
                    "{}",
                    path.display()
                );
            }
            if let Some(bib) = &out.bibliography {
                assert!(!csl::render_bibliography(bib, format).is_empty());
            }
        }
    }
}

fn csl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().map(|e| e == "csl").unwrap_or(false));
    files.sort();
    files
}

/// A generated multilingual item: Turkish, Russian and English names and
/// titles, several item types, dates and page ranges.
fn sample_item(n: usize) -> JsonItem {
    const FAMILIES: &[&str] = &[
        "Yılmaz",
        "Öztürk",
        "Иванов",
        "Smith",
        "van der Berg",
        "Şahin",
        "Кузнецова",
        "Doe",
    ];
    const GIVEN: &[&str] = &[
        "Ayşe",
        "Mehmet",
        "Пётр",
        "John",
        "Anna",
        "Çağrı",
        "Мария",
        "Jane",
    ];
    const TYPES: &[&str] = &[
        "book",
        "article-journal",
        "chapter",
        "thesis",
        "webpage",
        "report",
        "paper-conference",
    ];
    let json = format!(
        r#"{{"id":"gen{n}","type":"{}","title":"Başlık {n} о мире","container-title":"Dergi {}",
            "author":[{{"family":"{}","given":"{}"}},{{"family":"{}","given":"{}"}}],
            "editor":[{{"family":"{}","given":"{}"}}],"issued":{{"date-parts":[[{}, {}]]}},
            "page":"{}-{}","volume":"{}","publisher":"Yayınevi","publisher-place":"İstanbul","language":"{}"}}"#,
        TYPES[n % TYPES.len()],
        n % 7,
        FAMILIES[n % FAMILIES.len()],
        GIVEN[n % GIVEN.len()],
        FAMILIES[(n + 3) % FAMILIES.len()],
        GIVEN[(n + 5) % GIVEN.len()],
        FAMILIES[(n + 1) % FAMILIES.len()],
        GIVEN[(n + 2) % GIVEN.len()],
        1950 + n % 70,
        n % 12 + 1,
        n % 300 + 1,
        n % 300 + 15,
        n % 40 + 1,
        ["tr", "ru", "en"][n % 3],
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("generated JSON");
    JsonItem::from_value(&value).expect("an object")
}
