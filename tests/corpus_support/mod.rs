//! The interchange corpus, imported once per test binary, and what the
//! corpus tests share: independent counts, tool runs, comparisons.
#![allow(dead_code)]

use kaynak::interchange::{self, encoding, Format, ImportOptions, Imported};
use kaynak::model::Entry;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub const CORPUS: &str = "../shared/interchange/corpus";

/// One corpus file and kaynak's import of it.
pub struct CorpusFile {
    /// The path under the corpus (`biber/etc_tugboat.bib`).
    pub relative: String,
    pub path: PathBuf,
    pub format: Format,
    pub text: String,
    pub imported: Imported,
    pub panicked: bool,
}

impl CorpusFile {
    /// The family: the corpus folder, and the format for mixed folders.
    pub fn family(&self) -> String {
        let folder = self.relative.split('/').next().unwrap_or("");
        format!("{folder} ({})", self.format)
    }

    pub fn is_bib(&self) -> bool {
        matches!(self.format, Format::Bibtex | Format::Biblatex)
    }
}

pub struct Corpus {
    pub files: Vec<CorpusFile>,
}

/// The corpus, imported; `None` (with a message) when it is absent.
pub fn corpus() -> Option<&'static Corpus> {
    static CORPUS_IMPORT: OnceLock<Option<Corpus>> = OnceLock::new();
    let corpus = CORPUS_IMPORT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
        if !root.is_dir() {
            return None;
        }
        let mut paths = Vec::new();
        collect(&root, &mut paths);
        paths.sort();
        Some(Corpus {
            files: import_all(&root, &paths),
        })
    });
    if corpus.is_none() {
        eprintln!("skipped: {CORPUS} is absent (it sits beside the checkout in CI)");
    }
    corpus.as_ref()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("bib" | "ris" | "json")
        ) {
            out.push(path);
        }
    }
}

fn import_all(root: &Path, paths: &[PathBuf]) -> Vec<CorpusFile> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|p| import_one(root, p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an import thread"))
            .collect()
    })
}

fn import_one(root: &Path, path: &Path) -> CorpusFile {
    let bytes = std::fs::read(path).expect("a corpus file");
    let text = encoding::decode(&bytes, None).text;
    let format = Format::guess(path, &text).unwrap_or(Format::Biblatex);
    let result = std::panic::catch_unwind(|| {
        interchange::import(path, &text, format, &ImportOptions::default())
    });
    let panicked = result.is_err();
    CorpusFile {
        relative: path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned(),
        path: path.to_path_buf(),
        format,
        text,
        imported: result.unwrap_or_default(),
        panicked,
    }
}

/// biber's and bibtex's counts of a `.bib` file (`dev/corpus-counts`).
#[derive(Debug, Clone, Copy)]
pub struct BibCount {
    pub biber: usize,
    pub bibtex: usize,
    pub bibtex_errors: usize,
}

pub fn bib_counts() -> HashMap<String, BibCount> {
    let table = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/bib-counts.tsv");
    let text = std::fs::read_to_string(table).unwrap_or_default();
    let mut out = HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        if let [path, _bytes, biber, bibtex, errors] = fields.as_slice() {
            out.insert(
                path.to_string(),
                BibCount {
                    biber: biber.parse().unwrap_or(0),
                    bibtex: bibtex.parse().unwrap_or(0),
                    bibtex_errors: errors.parse().unwrap_or(0),
                },
            );
        }
    }
    out
}

/// The independent count of a file's entries.
pub fn independent_count(file: &CorpusFile, counts: &HashMap<String, BibCount>) -> Option<usize> {
    match file.format {
        Format::Ris => Some(
            file.text
                .lines()
                .filter(|l| l.trim_start_matches('\u{FEFF}').starts_with("TY  -"))
                .count(),
        ),
        Format::CslJson => match serde_json::from_str::<serde_json::Value>(&file.text) {
            Ok(serde_json::Value::Array(items)) => Some(items.len()),
            Ok(_) => Some(1),
            Err(_) => None,
        },
        _ => counts
            .get(&file.relative)
            .map(|c| c.biber)
            .or_else(|| bibtex_count(&file.path)),
    }
}

/// bibtex's count of the entries of a `.bib` file, run in a temporary folder.
pub fn bibtex_count(path: &Path) -> Option<usize> {
    if !available("bibtex") {
        return None;
    }
    let dir = tempfile::tempdir().ok()?;
    std::fs::copy(path, dir.path().join("in.bib")).ok()?;
    std::fs::write(
        dir.path().join("count.bst"),
        "ENTRY {} {} {}\nFUNCTION {count} { cite$ write$ newline$ }\nREAD\nITERATE {count}\n",
    )
    .ok()?;
    std::fs::write(
        dir.path().join("in.aux"),
        "\\citation{*}\n\\bibstyle{count}\n\\bibdata{in}\n",
    )
    .ok()?;
    run(dir.path(), "bibtex", &["-terse", "in"]);
    let bbl = std::fs::read_to_string(dir.path().join("in.bbl")).ok()?;
    Some(bbl.lines().filter(|l| !l.is_empty()).count())
}

/// True when `tool` runs here.
pub fn available(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn run(dir: &Path, tool: &str, args: &[&str]) -> Output {
    Command::new(tool)
        .args(args)
        .current_dir(dir)
        .env("BSTINPUTS", format!("{}:", dir.display()))
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"))
}

/// Writes `entry` as the CLI writes a record and reads it back.
pub fn record_reads_back(entry: &Entry) -> Result<(), String> {
    let text = kaynak::store::to_toml(entry);
    if text.len() as u64 > kaynak::store::MAX_RECORD_BYTES {
        return Err("too large".into());
    }
    let path = Path::new("x.toml");
    let mut cx = kaynak::store::FileContext::new(path, &text);
    let back = kaynak::store::parse_toml(&mut cx)
        .and_then(|doc| kaynak::store::parse_record(&mut cx, &entry.key, doc.as_table()));
    match back {
        Some(_) if !cx.has_errors() => Ok(()),
        _ => Err(format!("{:?}\n{text}", cx.diagnostics)),
    }
}

/// Every imported entry of the corpus, keys made unique across files
/// (`f12:key`), for the exports of the whole corpus.
pub fn all_entries(corpus: &Corpus) -> Vec<Entry> {
    let mut out = Vec::new();
    for (i, file) in corpus.files.iter().enumerate() {
        for entry in &file.imported.entries {
            let mut entry = entry.clone();
            entry.key = format!("f{i}:{}", entry.key);
            out.push(entry);
        }
    }
    out
}
