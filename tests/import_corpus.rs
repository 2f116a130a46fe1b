//! The interchange corpus (`../shared/interchange/corpus`: files that Better
//! BibTeX, biber, biblatex, JabRef, pandoc and Zotero users and tests wrote)
//! imported whole, measured against independent counts, pandoc's reading,
//! round trips and the real tools. Skipped, saying so, when the corpus is
//! absent; the tools' parts are skipped when a tool is missing.
//!
//! - Import share per family against biber's or bibtex's count of each
//!   `.bib` file, whichever is larger (`tests/corpus/bib-counts.tsv`, made by
//!   `dev/corpus-counts` with the real biber and bibtex; bibtex's count, run
//!   here, for files the table lacks), the number of `TY  -` lines of a RIS file, and the array length of
//!   a CSL-JSON file.
//! - Files that bibtex reports errors in: each error has kaynak's located
//!   diagnostic in the same entry, and every entry bibtex or biber reads is
//!   imported; in every `.bib` file, each entry is imported or reported.
//! - pandoc's CSL-JSON of every `.bib` file against kaynak's import exported
//!   as CSL-JSON: titles, names and dates.
//! - Round trips through every format, and biber, bibtex and pandoc on the
//!   exports of the whole corpus (one file per format, so a few runs in all).

mod corpus_support;

use corpus_support::*;
use kaynak::interchange::{self, Format};

#[test]
fn every_family_imports_what_the_independent_count_reads() {
    let Some(corpus) = corpus() else { return };
    let counts = bib_counts();
    let mut families: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut missing = Vec::new();
    for file in &corpus.files {
        let Some(expected) = independent_count(file, &counts) else {
            missing.push(file.relative.clone());
            continue;
        };
        let got = file.imported.entries.len();
        if got < expected {
            eprintln!("short: {} imports {got} of {expected}", file.relative);
        }
        let family = families.entry(file.family()).or_default();
        family.0 += got.min(expected);
        family.1 += expected;
    }
    eprintln!("family                 imported / independent count");
    let mut total = (0, 0);
    for (family, (got, expected)) in &families {
        eprintln!(
            "{family:22} {got:6} / {expected:6}  {:.2}%",
            100.0 * *got as f64 / (*expected).max(1) as f64
        );
        total.0 += got;
        total.1 += expected;
        assert!(
            *got as f64 >= 0.99 * *expected as f64,
            "{family}: {got} of {expected} imported"
        );
    }
    eprintln!("{:22} {:6} / {:6}", "all", total.0, total.1);
    // bibtex reads more than biber where biber gives up on a whole file.
    let (mut got, mut read) = (0, 0);
    for file in corpus.files.iter().filter(|f| f.is_bib()) {
        if let Some(count) = counts.get(&file.relative) {
            got += file.imported.entries.len().min(count.bibtex);
            read += count.bibtex;
        }
    }
    eprintln!("against bibtex's count of the .bib files: {got} / {read}");
    if !missing.is_empty() {
        eprintln!("no independent count (no biber or bibtex here): {missing:?}");
    }
    for file in &corpus.files {
        assert!(!file.panicked, "{}: the import panicked", file.relative);
        for d in &file.imported.diagnostics {
            assert!(
                !d.message.contains("internal error"),
                "{}: {}",
                file.relative,
                d.message
            );
        }
    }
}

#[test]
fn every_imported_entry_becomes_a_record_that_loads() {
    let Some(corpus) = corpus() else { return };
    let mut checked = 0;
    for file in &corpus.files {
        for entry in &file.imported.entries {
            if let Err(why) = record_reads_back(entry) {
                panic!("{} `{}`: {why}", file.relative, entry.key);
            }
            checked += 1;
        }
    }
    eprintln!("{checked} records read back");
}

/// Every error bibtex reports in a corpus file (`tests/corpus/bibtex-errors.tsv`)
/// has kaynak's located warning or error in the same entry, and the file
/// imports at least every entry that bibtex or biber reads. Two readings
/// where bibtex alone is wrong are accounted for, not skipped: an entry on
/// `%` lines is a comment (biber's reading, and kaynak's), so bibtex's errors
/// in it, and its "repeated entry" for the real entry of that key, ask
/// that the commented one is not imported and the real one is; and a file
/// kaynak reads as UTF-16 (with a located warning) is one bibtex reads as
/// bytes ("You're missing an entry type").
#[test]
fn broken_files_report_the_broken_entry_and_import_the_rest() {
    let Some(corpus) = corpus() else { return };
    let counts = bib_counts();
    let errors = bibtex_errors();
    assert!(
        !errors.is_empty(),
        "tests/corpus/bibtex-errors.tsv is missing"
    );
    let mut failures = Vec::new();
    let (mut files, mut checked) = (0, 0);
    for file in corpus.files.iter().filter(|f| f.is_bib()) {
        let Some(reported) = errors.get(&file.relative) else {
            continue;
        };
        files += 1;
        let openings = openings(&file.text);
        let imported_keys: std::collections::HashSet<String> = file
            .imported
            .entries
            .iter()
            .map(|e| e.key.to_lowercase())
            .collect();
        let lines = Lines::new(&file.text);
        let imported_lines: Vec<usize> = file
            .imported
            .spans
            .iter()
            .map(|s| lines.line_of(s.start()))
            .collect();
        let located: Vec<(usize, &kaynak::diag::Diagnostic)> = file
            .imported
            .diagnostics
            .iter()
            .filter(|d| d.severity != kaynak::diag::Severity::Info)
            .filter_map(|d| Some((d.location.as_ref().filter(|l| l.line > 0)?.line, d)))
            .collect();
        for error in reported {
            checked += 1;
            let what = format!(
                "{}: bibtex's \"{}\" (line {}, `{}`)",
                file.relative, error.message, error.line, error.key
            );
            if error.message.starts_with("You're missing an entry type")
                && located.iter().any(|(_, d)| d.code == "encoding")
            {
                continue;
            }
            let blamed = if error.line > 0 {
                opening_at(&openings, error.line)
            } else {
                openings
                    .iter()
                    .position(|o| !o.commented && o.key.eq_ignore_ascii_case(&error.key))
                    .and_then(|i| opening_at(&openings, openings[i].line))
            };
            let Some((index, last)) = blamed else {
                failures.push(format!("{what}: no entry there"));
                continue;
            };
            let entry = &openings[index];
            if entry.commented {
                if imported_lines.contains(&entry.line) {
                    failures.push(format!("{what}: a commented-out entry was imported"));
                }
                continue;
            }
            let repeats_a_comment = error.message == "Repeated entry"
                && openings[..index]
                    .iter()
                    .any(|o| o.commented && o.key.eq_ignore_ascii_case(&error.key));
            if repeats_a_comment {
                if !imported_keys.contains(&error.key.to_lowercase()) {
                    failures.push(format!("{what}: the real entry was not imported"));
                }
                continue;
            }
            let found = located
                .iter()
                .any(|(line, _)| (entry.line..=last).contains(line));
            if !found {
                failures.push(format!(
                    "{what}: nothing located in the entry at line {}",
                    entry.line
                ));
            }
        }
        if let Some(count) = counts.get(&file.relative) {
            let got = file.imported.entries.len();
            let read = count.bibtex.max(count.biber);
            if got < read {
                failures.push(format!(
                    "{}: {got} imported, bibtex reads {}, biber {}",
                    file.relative, count.bibtex, count.biber
                ));
            }
        }
    }
    assert!(files > 0, "no corpus file with bibtex errors");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!(
        "{files} files with {checked} bibtex errors: each one located by kaynak in its entry, \
         and every entry bibtex or biber reads imported"
    );
}

/// No entry of any `.bib` file is lost silently: every `@type{` at the start
/// of a line (by a reader of the test's own) is imported, or kaynak says at
/// that entry why not.
#[test]
fn every_bib_entry_is_imported_or_reported_at_its_place() {
    let Some(corpus) = corpus() else { return };
    let mut failures = Vec::new();
    let mut entries = 0;
    for file in corpus.files.iter().filter(|f| f.is_bib()) {
        let openings = openings(&file.text);
        let lines = Lines::new(&file.text);
        let imported: std::collections::HashSet<usize> = file
            .imported
            .spans
            .iter()
            .map(|s| lines.line_of(s.start()))
            .collect();
        let located: Vec<usize> = file
            .imported
            .diagnostics
            .iter()
            .filter(|d| d.severity != kaynak::diag::Severity::Info)
            .filter_map(|d| Some(d.location.as_ref()?.line))
            .collect();
        for (i, opening) in openings.iter().enumerate() {
            if opening.commented || !opening.is_entry() {
                continue;
            }
            entries += 1;
            let last = openings.get(i + 1).map_or(usize::MAX, |o| o.line - 1);
            let reported = located.iter().any(|l| (opening.line..=last).contains(l));
            if !imported.contains(&opening.line) && !reported {
                failures.push(format!(
                    "{}:{}: @{}{{{} is neither imported nor reported",
                    file.relative, opening.line, opening.kind, opening.key
                ));
            }
        }
    }
    eprintln!("{entries} .bib entries: each imported or reported at its place");
    assert!(
        failures.is_empty(),
        "{} lost silently:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn csl_json_of_bib_files_agrees_with_pandoc() {
    let Some(corpus) = corpus() else { return };
    if !available("pandoc") {
        eprintln!("skipped: pandoc is not installed");
        return;
    }
    let files: Vec<&CorpusFile> = corpus.files.iter().filter(|f| f.is_bib()).collect();
    let tally = fidelity(&files);
    if let Ok(path) = std::env::var("KAYNAK_FIDELITY_OUT") {
        let _ = std::fs::write(path, tally.examples.join("\n"));
    }
    let mut failed = Vec::new();
    eprintln!(
        "pandoc fidelity, titles as read: {} of {}; with the {} documented differences where kaynak is right:",
        tally.titles.0, tally.titles.1, tally.titles_documented
    );
    for (what, agreed, compared, target) in [
        (
            "titles",
            tally.titles.0 + tally.titles_documented,
            tally.titles.1,
            0.98,
        ),
        ("names", tally.names.0, tally.names.1, 0.98),
        ("dates", tally.dates.0, tally.dates.1, 0.99),
    ] {
        let share = agreed as f64 / compared.max(1) as f64;
        eprintln!(
            "pandoc fidelity, {what}: {agreed} of {compared} ({:.2}%)",
            100.0 * share
        );
        if share < target {
            failed.push(what);
        }
    }
    for example in tally.examples.iter().take(20) {
        eprintln!("  {example}");
    }
    assert!(failed.is_empty(), "below target: {failed:?}");
}

#[test]
fn round_trips_change_few_entries() {
    let Some(corpus) = corpus() else { return };
    for (format, allowed) in [
        (Format::CslJson, 0.0),
        (Format::Biblatex, 0.01),
        (Format::Bibtex, 0.03),
        (Format::Ris, 0.05),
    ] {
        let (changed, total, examples) = round_trip(corpus, format);
        let share = changed as f64 / total.max(1) as f64;
        eprintln!(
            "round trip through {format}: {changed} of {total} entries changed ({:.2}%)",
            100.0 * share
        );
        let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
        for example in &examples {
            for field in example.split("; ") {
                *kinds
                    .entry(field.split(':').next().unwrap_or("").to_string())
                    .or_default() += 1;
            }
        }
        eprintln!("  changed fields: {kinds:?}");
        let filter = std::env::var("TRIP_FIELD").unwrap_or_default();
        for example in examples
            .iter()
            .filter(|e| e.contains(filter.as_str()))
            .take(8)
        {
            eprintln!("  {example}");
        }
        assert!(share <= allowed, "{format}: {changed} of {total} changed");
    }
}

#[test]
fn the_real_tools_read_the_exports_of_the_whole_corpus() {
    let Some(corpus) = corpus() else { return };
    let entries = all_entries(corpus);
    let refs: Vec<&kaynak::model::Entry> = entries.iter().collect();
    let dir = tempfile::tempdir().unwrap();
    let export = |format: Format| {
        interchange::export(&refs, format, &interchange::ExportOptions::default()).text
    };
    std::fs::write(dir.path().join("corpus.bib"), export(Format::Biblatex)).unwrap();
    // biber takes minutes over the whole corpus: by default it validates
    // every eighth entry (KAYNAK_CORPUS_FULL=1 for all of them).
    let step = if std::env::var_os("KAYNAK_CORPUS_FULL").is_some() {
        1
    } else {
        8
    };
    let sample: Vec<&kaynak::model::Entry> = entries.iter().step_by(step).collect();
    let options = interchange::ExportOptions::default();
    let sample_bib = interchange::export(&sample, Format::Biblatex, &options).text;
    std::fs::write(dir.path().join("sample.bib"), sample_bib).unwrap();
    std::fs::write(dir.path().join("plain.bib"), export(Format::Bibtex)).unwrap();
    std::fs::write(dir.path().join("corpus.json"), export(Format::CslJson)).unwrap();
    if available("biber") {
        let out = run(
            dir.path(),
            "biber",
            &[
                "--tool",
                "--validate-datamodel",
                "--nolog",
                "--output-file=checked.bib",
                "sample.bib",
            ],
        );
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let errors: Vec<&str> = log.lines().filter(|l| l.starts_with("ERROR")).collect();
        assert!(out.status.success(), "biber failed: {log}");
        assert!(errors.is_empty(), "biber: {errors:#?}");
        eprintln!("biber validated {} entries: 0 errors", sample.len());
    } else {
        eprintln!("skipped biber: not installed");
    }
    if available("bibtex") {
        bibtex_plain(dir.path(), entries.len());
    } else {
        eprintln!("skipped bibtex: not installed");
    }
    if available("pandoc") {
        for (file, from) in [
            ("corpus.bib", "biblatex"),
            ("plain.bib", "bibtex"),
            ("corpus.json", "csljson"),
        ] {
            let out = run(dir.path(), "pandoc", &["-f", from, "-t", "csljson", file]);
            assert!(
                out.status.success(),
                "pandoc {file}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let items: serde_json::Value =
                serde_json::from_slice(&out.stdout).expect("pandoc's JSON");
            let read = items.as_array().map_or(0, Vec::len);
            assert_eq!(
                read,
                entries.len(),
                "pandoc read {read} of {} from {file}",
                entries.len()
            );
        }
        eprintln!("pandoc read every entry of the BibLaTeX, BibTeX and CSL-JSON exports");
    } else {
        eprintln!("skipped pandoc: not installed");
    }
}

/// bibtex with plain.bst on the BibTeX export: no error, and no field that
/// plain prints holds kaynak's own or another tool's bookkeeping.
fn bibtex_plain(dir: &std::path::Path, count: usize) {
    std::fs::write(
        dir.join("plain.aux"),
        "\\citation{*}\n\\bibstyle{plain}\n\\bibdata{plain}\n",
    )
    .unwrap();
    let out = run(dir, "bibtex", &["-terse", "plain"]);
    let log = std::fs::read_to_string(dir.join("plain.blg")).unwrap_or_default();
    assert!(!log.contains("error message"), "bibtex: {log}");
    let bbl = std::fs::read_to_string(dir.join("plain.bbl")).unwrap_or_default();
    let items = bbl.matches("\\bibitem").count();
    assert_eq!(
        items,
        count,
        "bibtex wrote {items} of {count} items; {}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Fields kaynak keeps in [extra] (Zotero's `file`, the TUGboat
    // `bibdate`) must not reach a printed note, nor TeX its escapes.
    let lower = bbl.to_lowercase();
    for junk in [
        "file: full text",
        "bibdate",
        "mendeley-groups",
        "\\textbackslash{}emph",
        ".pdf:application/pdf",
    ] {
        assert!(!lower.contains(junk), "the bibliography prints {junk}");
    }
    eprintln!("bibtex (plain) typeset {items} entries: 0 errors");
}
