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
            .map(|part| {
                scope.spawn(move || part.iter().map(|p| import_one(root, p)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an import thread"))
            .collect()
    })
}

fn import_one(root: &Path, path: &Path) -> CorpusFile {
    let bytes = std::fs::read(path).expect("a corpus file");
    let decoded = encoding::decode(&bytes, None);
    let text = decoded.text.clone();
    let format = Format::guess(path, &text).unwrap_or(Format::Biblatex);
    let result = std::panic::catch_unwind(|| {
        let mut imported = interchange::import(path, &text, format, &ImportOptions::default());
        imported.diagnostics.extend(decoded.warning(path));
        imported
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

/// One error bibtex reports in a corpus file (`tests/corpus/bibtex-errors.tsv`,
/// made by `dev/corpus-counts`).
#[derive(Debug, Clone)]
pub struct BibtexError {
    /// The line bibtex blames (0 when it names the entry instead).
    pub line: usize,
    /// The entry's key, when bibtex names it.
    pub key: String,
    pub message: String,
}

pub fn bibtex_errors() -> HashMap<String, Vec<BibtexError>> {
    let table = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/bibtex-errors.tsv");
    let text = std::fs::read_to_string(table).unwrap_or_default();
    let mut out: HashMap<String, Vec<BibtexError>> = HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.splitn(4, '\t').collect();
        if let [path, at, key, message] = fields.as_slice() {
            out.entry(path.to_string()).or_default().push(BibtexError {
                line: at.parse().unwrap_or(0),
                key: key.to_string(),
                message: message.to_string(),
            });
        }
    }
    out
}

/// A line of a `.bib` file that starts `@word` (after spaces), found by a
/// reader of its own (independent of kaynak's): where entries, `@string`s,
/// `@comment`s and `@preamble`s begin.
#[derive(Debug, Clone)]
pub struct Opening {
    /// 1-based.
    pub line: usize,
    /// The word after `@`, in lower case.
    pub kind: String,
    /// The key, when `{` or `(` and a key follow on the line.
    pub key: String,
    /// A `%` comes first on the line: a comment, as biber reads it.
    pub commented: bool,
}

impl Opening {
    /// An entry (not `@string`, `@comment` or `@preamble`).
    pub fn is_entry(&self) -> bool {
        !matches!(self.kind.as_str(), "string" | "comment" | "preamble")
    }
}

pub fn openings(text: &str) -> Vec<Opening> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(['\u{FEFF}', ' ', '\t']);
        let (commented, rest) = match trimmed.strip_prefix('%') {
            Some(after) => (true, after.trim_start_matches([' ', '\t', '%'])),
            None => (false, trimmed),
        };
        let Some(rest) = rest.strip_prefix('@') else {
            continue;
        };
        let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        if word.is_empty() {
            continue;
        }
        let after = rest[word.len()..].trim_start();
        let key = after
            .strip_prefix(['{', '('])
            .map(|k| {
                k.trim_start()
                    .split([',', ' ', '\t', '}', ')'])
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .unwrap_or_default();
        if !commented || after.starts_with(['{', '(']) {
            out.push(Opening {
                line: i + 1,
                kind: word.to_ascii_lowercase(),
                key,
                commented,
            });
        }
    }
    out
}

/// The index of the opening whose lines hold `line`, and the last line of
/// that stretch (the line before the next opening).
pub fn opening_at(openings: &[Opening], line: usize) -> Option<(usize, usize)> {
    let index = openings.iter().rposition(|o| o.line <= line)?;
    let end = openings
        .get(index + 1)
        .map_or(usize::MAX, |next| next.line - 1);
    Some((index, end))
}

/// Where the lines of a text start, to turn byte offsets into lines.
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines(starts)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|start| *start <= offset)
    }
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
        // biber gives up on some whole files that bibtex reads (and the other
        // way round): the larger count is what kaynak must reach.
        _ => counts
            .get(&file.relative)
            .map(|c| c.biber.max(c.bibtex))
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
    let back = kaynak::store::parse_record_toml(&mut cx)
        .and_then(|root| kaynak::store::parse_record(&mut cx, &entry.key, &root));
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

/// Agreement with pandoc: (agreed, compared) for titles, names and dates.
#[derive(Default)]
pub struct Fidelity {
    pub titles: (usize, usize),
    /// Titles that differ in a documented way where kaynak is right
    /// (docs/import.md): pandoc drops text it cannot read (macros of the
    /// file's preamble, en dashes), or joins a subtitle with `:` where
    /// biblatex prints `.`.
    pub titles_documented: usize,
    pub names: (usize, usize),
    pub dates: (usize, usize),
    pub examples: Vec<String>,
}

/// pandoc's CSL-JSON of each file against kaynak's import exported as
/// CSL-JSON, item by item (by id).
pub fn fidelity(files: &[&CorpusFile]) -> Fidelity {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    let parts: Vec<Fidelity> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut tally = Fidelity::default();
                    for file in part {
                        compare_with_pandoc(file, &mut tally);
                    }
                    tally
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a pandoc thread"))
            .collect()
    });
    let mut total = Fidelity::default();
    for part in parts {
        total.titles_documented += part.titles_documented;
        for (sum, add) in [
            (&mut total.titles, part.titles),
            (&mut total.names, part.names),
            (&mut total.dates, part.dates),
        ] {
            sum.0 += add.0;
            sum.1 += add.1;
        }
        total.examples.extend(part.examples);
    }
    total
}

fn compare_with_pandoc(file: &CorpusFile, tally: &mut Fidelity) {
    let out = Command::new("pandoc")
        .args(["-f", "biblatex", "-t", "csljson"])
        .arg(&file.path)
        .output();
    let Some(out) = out.ok().filter(|o| o.status.success()) else {
        return;
    };
    let Ok(serde_json::Value::Array(theirs)) = serde_json::from_slice(&out.stdout) else {
        return;
    };
    let refs: Vec<&Entry> = file.imported.entries.iter().collect();
    let ours = interchange::export(&refs, Format::CslJson, &Default::default()).text;
    let Ok(serde_json::Value::Array(ours)) = serde_json::from_str(&ours) else {
        return;
    };
    let by_id: HashMap<&str, &serde_json::Value> = ours
        .iter()
        .filter_map(|i| Some((i["id"].as_str()?, i)))
        .collect();
    for item in &theirs {
        let Some(mine) = item["id"].as_str().and_then(|id| by_id.get(id)) else {
            continue;
        };
        let id = item["id"].as_str().unwrap_or("");
        if let Some(title) = item["title"].as_str() {
            let (theirs, ours) = (normal(title), normal(mine["title"].as_str().unwrap_or("")));
            let agree = theirs == ours;
            if !agree && documented_title_difference(&theirs, &ours) {
                tally.titles_documented += 1;
            }
            count(tally, Part::Title, agree, || {
                format!(
                    "title {}/{id}: pandoc {} kaynak {}",
                    file.relative, item["title"], mine["title"]
                )
            });
        }
        for variable in ["author", "editor", "translator"] {
            let Some(names) = item[variable].as_array() else {
                continue;
            };
            for (i, name) in names.iter().enumerate() {
                let agree = name_key(name) == name_key(&mine[variable][i]);
                count(tally, Part::Name, agree, || {
                    format!(
                        "name {}/{id}: pandoc {name} kaynak {}",
                        file.relative, mine[variable][i]
                    )
                });
            }
        }
        if item["issued"].is_object() {
            let agree = item["issued"]["date-parts"] == mine["issued"]["date-parts"];
            count(tally, Part::Date, agree, || {
                format!(
                    "date {}/{id}: pandoc {} kaynak {}",
                    file.relative, item["issued"], mine["issued"]
                )
            });
        }
    }
}

/// pandoc joins a subtitle with `: `, biblatex (and kaynak) with `. `;
/// pandoc drops what it cannot read (its words are all in kaynak's longer
/// title) and en dashes between words.
fn documented_title_difference(theirs: &str, ours: &str) -> bool {
    let subtitle = theirs.replace(": ", ". ") == ours.replace(": ", ". ");
    let dropped = theirs.len() < ours.len() && theirs.split(' ').all(|w| ours.contains(w));
    let alphanumeric = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let dashes = alphanumeric(theirs) == alphanumeric(ours);
    subtitle || dropped || dashes
}

enum Part {
    Title,
    Name,
    Date,
}

fn count(tally: &mut Fidelity, part: Part, agree: bool, example: impl FnOnce() -> String) {
    let slot = match part {
        Part::Title => &mut tally.titles,
        Part::Name => &mut tally.names,
        Part::Date => &mut tally.dates,
    };
    slot.1 += 1;
    if agree {
        slot.0 += 1;
    } else {
        tally.examples.push(example());
    }
}

/// Text compared without markup, case, quote styles and spacing.
pub fn normal(text: &str) -> String {
    let plain = kaynak::model::markup::plain(text).to_lowercase();
    let mapped: String = plain
        .chars()
        .map(|c| match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' | '„' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name as the sorted words of all its parts (particles may sit in
/// different parts in two readings of the same name).
fn name_key(name: &serde_json::Value) -> Vec<String> {
    let mut words: Vec<String> = [
        "non-dropping-particle",
        "dropping-particle",
        "family",
        "given",
        "suffix",
        "literal",
    ]
    .iter()
    .filter_map(|k| name[*k].as_str())
    .flat_map(|part| {
        normal(part)
            .split(' ')
            .map(str::to_string)
            .collect::<Vec<_>>()
    })
    .filter(|w| !w.is_empty())
    .collect();
    words.sort();
    words
}

/// Import → export in `format` → import → CSL-JSON, against the first
/// CSL-JSON, entry by entry: (changed, total, examples). Fields an import
/// keeps in `[extra]` travel only in their own format, so they are compared
/// only in the CSL-JSON trip.
pub fn round_trip(corpus: &Corpus, format: Format) -> (usize, usize, Vec<String>) {
    let mut changed = 0;
    let mut total = 0;
    let mut examples = Vec::new();
    let extension = match format {
        Format::Ris => "ris",
        Format::CslJson => "json",
        _ => "bib",
    };
    for file in &corpus.files {
        let refs: Vec<&Entry> = file.imported.entries.iter().collect();
        if refs.is_empty() {
            continue;
        }
        let first = csl_items(&refs, format);
        let written = interchange::export(&refs, format, &Default::default()).text;
        let path = PathBuf::from(format!("trip.{extension}"));
        let again = interchange::import(&path, &written, format, &ImportOptions::default());
        let again_refs: Vec<&Entry> = again.entries.iter().collect();
        let second = csl_items(&again_refs, format);
        total += first.len();
        for (i, item) in first.iter().enumerate() {
            if second.get(i) != Some(item) {
                changed += 1;
                examples.push(difference(item, second.get(i)));
            }
        }
    }
    (changed, total, examples)
}

/// The fields that differ, with both values (shortened).
fn difference(before: &serde_json::Value, after: Option<&serde_json::Value>) -> String {
    let Some(after) = after else {
        return "the entry is gone".into();
    };
    let empty = serde_json::Map::new();
    let (a, b) = (
        before.as_object().unwrap_or(&empty),
        after.as_object().unwrap_or(&empty),
    );
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let short = |v: Option<&serde_json::Value>| {
        let text = v.map_or("-".to_string(), |v| v.to_string());
        text.chars().take(90).collect::<String>()
    };
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| format!("{k}: {} → {}", short(a.get(k)), short(b.get(k))))
        .collect::<Vec<_>>()
        .join("; ")
}

fn csl_items(entries: &[&Entry], format: Format) -> Vec<serde_json::Value> {
    let text = interchange::export(entries, Format::CslJson, &Default::default()).text;
    let Ok(serde_json::Value::Array(mut items)) = serde_json::from_str(&text) else {
        return Vec::new();
    };
    for item in &mut items {
        if let Some(map) = item.as_object_mut() {
            map.remove("id");
            if format != Format::CslJson {
                if let Some(custom) = map
                    .get_mut("custom")
                    .and_then(|c| c["kaynak"].as_object_mut())
                {
                    custom.remove("extra");
                }
                let empty = map
                    .get("custom")
                    .and_then(|c| c["kaynak"].as_object())
                    .is_some_and(|k| k.is_empty());
                if empty {
                    map.remove("custom");
                }
            }
        }
        squash_spaces(item);
    }
    items
}

/// White space runs as one space, and the case protection that a `.bib`
/// export adds to acronyms and mixed-case words (`{NASA}`, `{iPhone}`)
/// taken off again: it changes nothing a style prints.
fn squash_spaces(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            *s = unprotect_acronyms(&s.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(squash_spaces),
        serde_json::Value::Object(o) => o.values_mut().for_each(squash_spaces),
        _ => {}
    }
}

fn unprotect_acronyms(text: &str) -> String {
    const OPEN: &str = "<span class=\"nocase\">";
    const CLOSE: &str = "</span>";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let inner = &rest[at + OPEN.len()..];
        match inner.find(CLOSE) {
            Some(end)
                if !inner[..end].contains([' ', '<'])
                    && inner[..end].chars().skip(1).any(char::is_uppercase) =>
            {
                out.push_str(&inner[..end]);
                rest = &inner[end + CLOSE.len()..];
            }
            _ => {
                out.push_str(OPEN);
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}
