//! The bodies of kaynak's fuzz targets, one function per target, each taking
//! the fuzzer's bytes. They assert what can be asserted without an oracle:
//! no panic (a panic or an abort is the fuzzer's finding), spans that lie in
//! their input, and a round trip where one exists (a formatted record formats
//! to itself; an imported record written as TOML loads back).
//!
//! `fuzz_targets/*.rs` hand them to libFuzzer (`cargo +nightly fuzz run NAME`);
//! `tests/fuzz_smoke.rs` of the main crate includes this file and runs every
//! function over the seed corpus and deterministic mutations of it on stable
//! Rust, so `cargo test` keeps them compiling and passing.

use kaynak::csl::{self, Cite, Cluster, CslItem, Format as OutputFormat, JsonItem, Locale, Style};
use kaynak::interchange::{self, Format, ImportOptions};
use kaynak::store::{self, canonical};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

/// Inputs longer than this are cut: the parsers are linear, and long inputs
/// only slow the fuzzer down without reaching new code.
const MAX_INPUT: usize = 64 * 1024;

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(&data[..data.len().min(MAX_INPUT)]).ok()
}

/// The record loader and `kaynak fmt`: a record that loads formats without
/// an internal error, and its canonical form is a fixed point.
pub fn record_loader(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let path = Path::new("fuzz.toml");
    if canonical::load(path, text).is_err() {
        return;
    }
    let formatted = match canonical::format_record(path, text) {
        Ok(formatted) => formatted,
        Err(diagnostics) => {
            // A record that loads but cannot be formatted is a bug in fmt
            // (it guards itself and reports `fmt-internal`).
            let internal: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.code == "fmt-internal")
                .collect();
            assert!(
                internal.is_empty(),
                "fmt failed on a loadable record: {internal:?}\n{text}"
            );
            return;
        }
    };
    let again = canonical::format_record(path, &formatted);
    assert_eq!(
        again.as_deref().ok(),
        Some(formatted.as_str()),
        "formatting twice changed the record:\n{text}"
    );
}

/// The BibTeX/BibLaTeX importer.
pub fn import_bib(data: &[u8]) {
    import(data, Format::Biblatex, "fuzz.bib");
}

/// The RIS importer.
pub fn import_ris(data: &[u8]) {
    import(data, Format::Ris, "fuzz.ris");
}

/// The CSL-JSON importer.
pub fn import_csl_json(data: &[u8]) {
    import(data, Format::CslJson, "fuzz.json");
}

/// Every imported record has a usable key, and its TOML (what `kaynak import`
/// writes) loads back: an import never writes a record that cannot be read.
fn import(data: &[u8], format: Format, name: &str) {
    let Some(text) = text(data) else { return };
    let imported = interchange::import(Path::new(name), text, format, &ImportOptions::default());
    for d in &imported.diagnostics {
        if let Some(span) = d.location.as_ref().and_then(|l| l.span) {
            assert!(
                span.start() <= span.end() && span.end() <= text.len(),
                "span {span:?} outside the input"
            );
        }
    }
    for entry in &imported.entries {
        assert_eq!(
            store::key_problem(&entry.key),
            None,
            "imported key {:?}",
            entry.key
        );
        let toml = store::to_toml(entry);
        let path = format!("{}.toml", entry.key);
        if let Err(diagnostics) = canonical::load(Path::new(&path), &toml) {
            panic!("an imported record does not load back: {diagnostics:?}\n{toml}");
        }
    }
}

/// One CSL-JSON item that exercises every kind of variable.
const SAMPLE_ITEM: &str = r#"[{"id":"a","type":"article-journal","title":"Development of Ties",
"author":[{"family":"Niyazov","given":"N.S."},{"literal":"UN"}],"editor":[{"family":"Doe","given":"J."}],
"container-title":"Vestnik","volume":"4","issue":"1","page":"101-109","issued":{"date-parts":[[2011,3,31]]},
"accessed":{"date-parts":[[2021,3,31]]},"URL":"https://example.org","DOI":"10.1000/x","language":"ru",
"publisher":"Pub","publisher-place":"Baku","edition":"2","number-of-pages":"300","genre":"PhD thesis"}]"#;

/// The CSL style and locale parsers: any text is refused with located errors
/// or parsed; a style that parses renders a sample item in every format.
pub fn csl_style_locale(data: &[u8]) {
    let Some(text) = text(data) else { return };
    for error in Locale::parse(text).err().unwrap_or_default() {
        assert!(error.line >= 1, "a locale error without a line: {error:?}");
    }
    match Style::parse(text) {
        Ok(style) => {
            let items = JsonItem::parse_array(SAMPLE_ITEM).unwrap_or_default();
            render_all(style, &items, Some("en-US"));
        }
        Err(errors) => {
            for error in errors {
                assert!(error.line >= 1, "a style error without a line: {error:?}");
            }
        }
    }
}

/// The built-in locales, parsed once: parsing them on every run would take
/// most of the fuzzer's time (and they are not what is being fuzzed).
fn cached_locale(tag: &str) -> Option<Locale> {
    static LOCALES: OnceLock<Mutex<HashMap<String, Option<Locale>>>> = OnceLock::new();
    let cache = LOCALES.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(tag.to_string())
        .or_insert_with(|| csl::embedded_locales(tag))
        .clone()
}

/// The bundled styles, parsed once.
fn bundled_styles() -> &'static [Style] {
    static STYLES: OnceLock<Vec<Style>> = OnceLock::new();
    STYLES.get_or_init(|| {
        kaynak::adapter::BUNDLED_STYLES
            .iter()
            .map(|(name, text)| {
                Style::parse(text).unwrap_or_else(|e| panic!("the bundled style {name}: {e:?}"))
            })
            .collect()
    })
}

/// Renders every item as citations (first, ibid, with a locator) and as a
/// bibliography in every output format.
fn render_all(style: Style, items: &[JsonItem], locale: Option<&str>) {
    let processor = csl::processor_with_locale(style, locale, &cached_locale);
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let cite = |id: &str, locator: Option<&str>| Cite {
        id: id.to_string(),
        locator: locator.map(str::to_string),
        label: locator.map(|_| "page".to_string()),
        ..Cite::default()
    };
    let clusters: Vec<Cluster> = items
        .iter()
        .flat_map(|i| {
            [
                Cluster {
                    cites: vec![cite(&i.id, None)],
                    note_number: None,
                },
                Cluster {
                    cites: vec![cite(&i.id, Some("5"))],
                    note_number: None,
                },
            ]
        })
        .chain(std::iter::once(Cluster {
            cites: items.iter().map(|i| cite(&i.id, Some("1–3"))).collect(),
            note_number: None,
        }))
        .collect();
    let out = processor.process(&refs, &clusters);
    for format in ["text", "html", "markdown", "latex", "rtf"] {
        let Some(format) = OutputFormat::from_name(format) else {
            continue;
        };
        for citation in &out.citations {
            check_output(&csl::render(citation, format), format);
        }
        if let Some(bibliography) = &out.bibliography {
            check_output(&csl::render_bibliography(bibliography, format), format);
        }
    }
}

/// LaTeX and RTF output never carry a raw control character (a terminal
/// escape or a byte TeX cannot read).
fn check_output(text: &str, format: OutputFormat) {
    if matches!(format, OutputFormat::Latex) {
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "a control character in LaTeX output: {text:?}"
        );
    }
}

/// The Markdown citation scanner and the command-line cluster parser: every
/// citation's span lies in the document, on character boundaries, in order.
pub fn markdown_citations(data: &[u8]) {
    let Some(doc) = text(data) else { return };
    let labels = kaynak::document::LocatorLabels::english();
    let mut last_end = 0;
    for citation in kaynak::document::find_citations(doc, &labels) {
        let span = citation.span;
        assert!(
            span.start() <= span.end() && span.end() <= doc.len(),
            "span {span:?} outside"
        );
        assert!(doc.is_char_boundary(span.start()) && doc.is_char_boundary(span.end()));
        assert!(
            span.start() >= last_end,
            "citations overlap or go backwards"
        );
        last_end = span.end();
        assert!(
            !citation.items.is_empty(),
            "a citation without items at {span:?}"
        );
    }
    let _ = kaynak::document::parse_cli_cluster(doc, &labels);
}

/// A structured item for the processor: the fuzzer's bytes choose a style, a
/// locale, an item type and the values of its variables.
#[derive(Debug, arbitrary::Arbitrary)]
struct FuzzItem {
    style: u8,
    locale: u8,
    item_type: u8,
    texts: Vec<(u8, String)>,
    names: Vec<(u8, Vec<FuzzName>)>,
    dates: Vec<(u8, Vec<i32>, bool, Option<String>)>,
    second_same_author: bool,
}

#[derive(Debug, arbitrary::Arbitrary)]
struct FuzzName {
    family: Option<String>,
    given: Option<String>,
    particle: Option<String>,
    literal: Option<String>,
}

const TYPES: &[&str] = &[
    "article-journal",
    "book",
    "chapter",
    "webpage",
    "thesis",
    "report",
    "legal_case",
    "paper-conference",
    "entry-encyclopedia",
    "dataset",
    "article-newspaper",
    "manuscript",
];
const TEXT_VARS: &[&str] = &[
    "title",
    "container-title",
    "collection-title",
    "volume",
    "issue",
    "page",
    "edition",
    "publisher",
    "publisher-place",
    "URL",
    "DOI",
    "ISBN",
    "genre",
    "note",
    "language",
    "number",
    "title-short",
    "number-of-pages",
    "chapter-number",
    "medium",
    "status",
];
const NAME_VARS: &[&str] = &[
    "author",
    "editor",
    "translator",
    "container-author",
    "director",
];
const DATE_VARS: &[&str] = &["issued", "accessed", "original-date", "event-date"];
const LOCALES: &[&str] = &["en-US", "en-GB", "ru-RU", "tr-TR", "de-DE", "az"];

/// The CSL processor with a fuzzed item, in every bundled style.
pub fn processor_item(data: &[u8]) {
    let mut input = arbitrary::Unstructured::new(data);
    let Ok(item) = input.arbitrary::<FuzzItem>() else {
        return;
    };
    let json = item_json(&item);
    let Ok(mut items) = JsonItem::parse_array(&json.to_string()) else {
        panic!("the item JSON does not parse: {json}");
    };
    if item.second_same_author {
        if let Some(first) = items.first().cloned() {
            let mut second = first;
            second.id = "b".into();
            items.push(second);
        }
    }
    let styles = bundled_styles();
    let style = styles[usize::from(item.style) % styles.len()].clone();
    let locale = LOCALES[usize::from(item.locale) % LOCALES.len()];
    render_all(style, &items, Some(locale));
}

fn item_json(item: &FuzzItem) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let mut object = Map::new();
    object.insert("id".into(), json!("a"));
    object.insert(
        "type".into(),
        json!(TYPES[usize::from(item.item_type) % TYPES.len()]),
    );
    for (var, value) in &item.texts {
        object.insert(
            TEXT_VARS[usize::from(*var) % TEXT_VARS.len()].into(),
            json!(value),
        );
    }
    for (var, names) in &item.names {
        let list: Vec<Value> = names
            .iter()
            .map(|n| {
                let mut name = Map::new();
                for (key, part) in [
                    ("family", &n.family),
                    ("given", &n.given),
                    ("non-dropping-particle", &n.particle),
                    ("literal", &n.literal),
                ] {
                    if let Some(part) = part {
                        name.insert(key.into(), json!(part));
                    }
                }
                Value::Object(name)
            })
            .collect();
        object.insert(
            NAME_VARS[usize::from(*var) % NAME_VARS.len()].into(),
            Value::Array(list),
        );
    }
    for (var, parts, circa, literal) in &item.dates {
        let mut date = Map::new();
        let parts: Vec<Vec<i32>> = parts.chunks(3).take(2).map(<[i32]>::to_vec).collect();
        date.insert("date-parts".into(), json!(parts));
        if *circa {
            date.insert("circa".into(), json!(true));
        }
        if let Some(literal) = literal {
            date.insert("literal".into(), json!(literal));
        }
        object.insert(
            DATE_VARS[usize::from(*var) % DATE_VARS.len()].into(),
            Value::Object(date),
        );
    }
    Value::Array(vec![Value::Object(object)])
}
