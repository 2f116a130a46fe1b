//! Golden tests for kaynak's own styles with the multilingual extension:
//! the bundled library (`sources/`) and the corrected library
//! (`tests/fixtures/corrected/`) rendered in every project style through the
//! library API — full notes / first citations, short notes (a second,
//! non-consecutive citation), ibid. with and without locator, and the
//! bibliography — in text and HTML, compared with `tests/golden/styles/`.
//! Set `KAYNAK_UPDATE_GOLDEN=1` to rewrite the golden files.
//!
//! Each library is rendered as the command line would: the bundled one with its
//! own kaynak.toml (the records' own transliterations first, BGN/PCGN without
//! signs for the rest), the corrected one as a user who wants one system per
//! style asks for it (`translit-policy = "uniform"`, each style's scheme), which
//! is what the expert renderings below assume.
//!
//! The corrected library is also compared with the expert renderings in
//! `../shared/styles/expected/` (Chicago notes and bibliography, APA, GOST)
//! for every [H]/[M] point; the test skips that part when `../shared` is
//! absent. Deviations from [L] points are listed in `tests/golden/styles/README.md`.

use kaynak::adapter::{load_style, prepare, RecordItem, BUNDLED_STYLES};
use kaynak::csl::{self, Cite, Cluster, CslItem, Format, Processor};
use kaynak::forms::TranslitPolicy;
use std::path::{Path, PathBuf};

/// The article's note order (tests/fixtures/corrected/pandoc-check/notes.md).
const ORDER: [&str; 7] = [
    "bayramov-pakistan",
    "frontier-post-relations",
    "azerbaijan-military-doctrine",
    "pakistan-mofa-agreements",
    "niyazov",
    "aliyev-delegation",
    "kafkas-kartali-2019",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The processor for `style` and the library's records as its items, under the
/// library's settings (the corrected library: uniform transliteration).
fn setup<'a>(
    loaded: &'a kaynak::store::Loaded,
    library: &Path,
    style: &str,
) -> (Processor, Vec<RecordItem<'a>>) {
    let settings = &loaded.library.settings;
    let mut forms = settings.form_settings();
    if library.ends_with("corrected") {
        forms.translit.policy = TranslitPolicy::Uniform;
    }
    let style = load_style(style, &[]).unwrap_or_else(|e| panic!("{style}: {e:?}"));
    assert!(style.warnings.is_empty(), "{:?}", style.warnings);
    let (processor, policy) = prepare(style.style, settings, forms, None, &csl::embedded_locales);
    let items = loaded
        .library
        .entries
        .iter()
        .map(|e| RecordItem::new(e, &policy))
        .collect();
    (processor, items)
}

fn cite(id: &str, page: Option<&str>) -> Cite {
    Cite {
        id: id.to_string(),
        locator: page.map(str::to_string),
        label: page.map(|_| "page".to_string()),
        ..Cite::default()
    }
}

/// 7 first citations, 7 subsequent ones, then Niiazov p. 106, p. 107, p. 107.
fn clusters() -> Vec<Cluster> {
    let page = |id: &str| (id == "niyazov").then_some("106");
    let mut cites: Vec<Cite> = ORDER.iter().map(|id| cite(id, page(id))).collect();
    cites.extend(ORDER.iter().map(|id| cite(id, page(id))));
    cites.push(cite("niyazov", Some("106")));
    cites.push(cite("niyazov", Some("107")));
    cites.push(cite("niyazov", Some("107")));
    cites
        .into_iter()
        .enumerate()
        .map(|(i, c)| Cluster {
            cites: vec![c],
            note_number: Some(i as u32 + 1),
        })
        .collect()
}

/// Rendered citations and bibliography entries of one library in one style.
struct Output {
    citations: Vec<String>,
    bibliography: Vec<String>,
}

fn render(library: &Path, style: &str, format: Format) -> Output {
    let loaded = kaynak::store::load(library).expect("library loads");
    let (processor, items) = setup(&loaded, library, style);
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let rendered = processor.process(&refs, &clusters());
    Output {
        citations: rendered
            .citations
            .iter()
            .map(|c| csl::render(c, format))
            .collect(),
        bibliography: rendered
            .bibliography
            .map(|b| {
                b.entries
                    .iter()
                    .map(|e| csl::render(&e.content, format))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn golden_text(output: &Output) -> String {
    let mut out =
        String::from("## citations (7 first, 7 subsequent, then p. 106, p. 107, p. 107)\n");
    for (i, c) in output.citations.iter().enumerate() {
        out.push_str(&format!("{}. {c}\n", i + 1));
    }
    if !output.bibliography.is_empty() {
        out.push_str("\n## bibliography\n");
        for entry in &output.bibliography {
            out.push_str(entry);
            out.push('\n');
        }
    }
    out
}

#[test]
fn every_style_matches_its_golden_files() {
    let update = std::env::var_os("KAYNAK_UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for library in ["sources", "tests/fixtures/corrected"] {
        let short = if library == "sources" {
            "sources"
        } else {
            "corrected"
        };
        for (style, _) in BUNDLED_STYLES {
            for (format, ext) in [(Format::Text, "txt"), (Format::Html, "html")] {
                let actual = golden_text(&render(&root().join(library), style, format));
                let path = root().join(format!("tests/golden/styles/{short}/{style}.{ext}"));
                if update {
                    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                    std::fs::write(&path, &actual).expect("write golden");
                    continue;
                }
                let expected = std::fs::read_to_string(&path).unwrap_or_default();
                if expected != actual {
                    failures.push(format!("{}:\n{actual}", path.display()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "golden files differ (KAYNAK_UPDATE_GOLDEN=1 rewrites):\n{}",
        failures.join("\n")
    );
}

/// The transliterated titles: with one system (the corrected library) ALA-LC
/// (ʹ) in Chicago; the records' own forms first by default (the bundled library);
/// Cyrillic in GOST either way.
#[test]
fn transliterated_titles_follow_each_style() {
    let corrected = root().join("tests/fixtures/corrected");
    let chicago = render(&corrected, "chicago-notes", Format::Text)
        .citations
        .join("\n");
    assert!(chicago.contains("“Ilʹkham Aliev prinial delegatsiiu"));
    assert!(chicago.contains("Niiazov, “Razvitie azerbaidzhano-pakistanskikh sviazei,” 106."));
    assert!(!chicago.contains("Voyennaya"));
    for style in ["ieee", "chicago-notes", "apa"] {
        let own = render(&root().join("sources"), style, Format::Text)
            .bibliography
            .join("\n");
        assert!(
            own.contains("Voyennaya Doktrina Azerbaydzhanskoy Respubliki"),
            "{style}: {own}"
        );
    }
    let gost = render(&corrected, "gost-r-7.0.100-2018", Format::Text)
        .bibliography
        .join("\n");
    assert!(
        gost.contains("Военная доктрина Азербайджанской Республики"),
        "{gost}"
    );
    assert!(gost.contains("Ильхам Алиев принял делегацию"));
}

#[path = "styles_golden/expected.rs"]
mod expected;
