//! Benchmark: render N generated multilingual items with the official
//! Chicago notes style, as a bibliography and as N notes, and report time
//! and peak memory. Not a test: run it with
//! `cargo run --release --example csl_bench -- [N] [--show]`.

use kaynak::csl::{self, Cite, Cluster, CslItem, Date, Format, JsonItem, Locale, Name, Style};
use std::path::Path;
use std::time::Instant;

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
const WORDS: &[&str] = &[
    "tarih",
    "история",
    "history",
    "dil",
    "язык",
    "language",
    "kültür",
    "мир",
];

fn item(n: usize) -> JsonItem {
    let mut item = JsonItem {
        id: format!("item{n}"),
        item_type: ["book", "article-journal", "chapter"][n % 3].to_string(),
        ..JsonItem::default()
    };
    let title = (0..4)
        .map(|k| WORDS[(n * 7 + k * 3) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ");
    item.variables
        .insert("title".into(), format!("{title} {n}"));
    item.variables.insert("publisher".into(), "Yayınevi".into());
    item.variables
        .insert("container-title".into(), "Journal of Studies".into());
    item.variables
        .insert("page".into(), format!("{}-{}", n % 300 + 1, n % 300 + 20));
    let authors = (0..(n % 4 + 1))
        .map(|k| Name {
            family: Some(FAMILIES[(n + k) % FAMILIES.len()].to_string()),
            given: Some(GIVEN[(n * 3 + k) % GIVEN.len()].to_string()),
            ..Name::default()
        })
        .collect();
    item.names.insert("author".into(), authors);
    item.dates.insert(
        "issued".into(),
        Date {
            parts: vec![[1950 + (n % 70) as i32, (n % 12 + 1) as i32, 0]],
            ..Date::default()
        },
    );
    item
}

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let show = args.iter().any(|a| a == "--show");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let style_path = root.join("../shared/csl/styles/chicago-notes-bibliography.csl");
    let Ok(text) = std::fs::read_to_string(&style_path) else {
        eprintln!("no style at {}", style_path.display());
        return;
    };
    let start = Instant::now();
    let Ok(style) = Style::parse(&text) else {
        eprintln!("style does not parse");
        return;
    };
    let load = |tag: &str| -> Option<Locale> {
        csl::embedded_locales(tag).or_else(|| {
            let path = root.join(format!(
                "../shared/csl/test-suite/locales/locales-{tag}.xml"
            ));
            Locale::parse(&std::fs::read_to_string(path).ok()?).ok()
        })
    };
    let processor = csl::processor_with_locale(style, None, &load);
    let items: Vec<JsonItem> = (0..count).map(item).collect();
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let clusters: Vec<Cluster> = (0..count)
        .map(|n| Cluster {
            cites: vec![Cite {
                id: format!("item{}", (n * 7919) % count),
                locator: Some(format!("{}", n % 50 + 1)),
                ..Cite::default()
            }],
            note_number: Some(n as u32 + 1),
        })
        .collect();
    let processing = Instant::now();
    let out = processor.process(&refs, &clusters);
    let processed = processing.elapsed();
    let notes: Vec<String> = out
        .citations
        .iter()
        .map(|c| csl::render(c, Format::Text))
        .collect();
    let bibliography = out
        .bibliography
        .as_ref()
        .map(|b| csl::render_bibliography(b, Format::Text))
        .unwrap_or_default();
    let elapsed = start.elapsed();
    if show {
        println!("processing: {:.3} s", processed.as_secs_f64());
        notes.iter().take(5).for_each(|n| println!("note: {n}"));
        bibliography
            .lines()
            .take(5)
            .for_each(|l| println!("bib: {l}"));
        let mut seen = std::collections::BTreeSet::new();
        for w in &out.warnings {
            if seen.insert(w.message.clone()) {
                println!("warning: {}", w.message);
            }
        }
    }
    println!(
        "csl_bench: {count} items, {} notes, {} bibliography lines in {:.3} s, peak memory {} MB, {} warnings",
        notes.len(),
        bibliography.lines().count(),
        elapsed.as_secs_f64(),
        peak_memory_kb().unwrap_or(0) / 1024,
        out.warnings.len()
    );
}
