//! The interchange corpus (`../shared/interchange/corpus`: files that Better
//! BibTeX, biber, biblatex, JabRef, pandoc and Zotero users and tests wrote)
//! imported whole, measured against independent counts, pandoc's reading,
//! round trips and the real tools. Skipped, saying so, when the corpus is
//! absent; the tools' parts are skipped when a tool is missing.
//!
//! - Import share per family against biber's count of each `.bib` file
//!   (`tests/corpus/bib-counts.tsv`, made by `dev/corpus-counts` with the
//!   real biber and bibtex; bibtex's count, run here, for files the table
//!   lacks), the number of `TY  -` lines of a RIS file, and the array length of
//!   a CSL-JSON file.
//! - Files that bibtex reports errors in: a located diagnostic, and every
//!   entry biber reads imported.
//! - pandoc's CSL-JSON of every `.bib` file against kaynak's import exported
//!   as CSL-JSON: titles, names and dates.
//! - Round trips through every format, and biber, bibtex and pandoc on the
//!   exports of the whole corpus (one file per format, so a few runs in all).

mod corpus_support;

use corpus_support::*;

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
    if !missing.is_empty() {
        eprintln!("no independent count (no biber or bibtex here): {missing:?}");
    }
    for file in &corpus.files {
        assert!(
            !file.panicked,
            "{}: the import panicked",
            file.relative
        );
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

#[test]
fn broken_files_report_the_broken_entry_and_import_the_rest() {
    let Some(corpus) = corpus() else { return };
    let counts = bib_counts();
    let mut broken = 0;
    for file in &corpus.files {
        let Some(count) = counts.get(&file.relative) else {
            continue;
        };
        if count.bibtex_errors == 0 {
            continue;
        }
        broken += 1;
        let located = file.imported.diagnostics.iter().any(|d| {
            d.severity != kaynak::diag::Severity::Info
                && d.location.as_ref().is_some_and(|l| l.line > 0)
        });
        assert!(located, "{}: bibtex reports errors, kaynak nothing located", file.relative);
        assert!(
            file.imported.entries.len() >= count.biber,
            "{}: {} imported, biber reads {}",
            file.relative,
            file.imported.entries.len(),
            count.biber
        );
    }
    eprintln!("{broken} files with bibtex errors: each reported at its place, the rest imported");
}
