//! The real tools read kaynak's exports of the bundled library: biber
//! validates the BibLaTeX against its data model, pandoc reads BibLaTeX and
//! CSL-JSON keeping every title and name, and `bibtex` with `plain.bst`
//! processes the BibTeX. Each test skips, saying so, when its tool is not
//! installed (`.ci/install-tools` installs them).

use kaynak::interchange::{self, ExportOptions, Format};
use kaynak::model::Entry;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bundled() -> Vec<Entry> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sources");
    let loaded = kaynak::store::load(&dir).expect("bundled library");
    loaded.library.entries
}

fn export(format: Format) -> String {
    export_entries(&bundled(), format)
}

fn export_entries(entries: &[Entry], format: Format) -> String {
    let refs: Vec<&Entry> = entries.iter().collect();
    interchange::export(&refs, format, &ExportOptions::default()).text
}

/// The injection fixture: values that try to break out of their field.
fn hostile() -> Vec<Entry> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/injection");
    kaynak::store::load(&dir)
        .expect("injection fixture")
        .library
        .entries
}

/// True when `tool` runs; otherwise prints why the test is skipped.
fn available(tool: &str, version_flag: &str) -> bool {
    let found = Command::new(tool)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty());
    if !found {
        println!("SKIP: `{tool}` is not installed (run .ci/install-tools)");
    }
    found
}

fn run(dir: &Path, tool: &str, args: &[&str]) -> Output {
    Command::new(tool)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn biber_validates_the_biblatex_export() {
    if !available("biber", "--version") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("library.bib"), export(Format::Biblatex)).unwrap();
    let output = run(
        dir.path(),
        "biber",
        &[
            "--tool",
            "--validate-datamodel",
            "--output-file",
            "checked.bib",
            "library.bib",
        ],
    );
    let log = text(&output);
    assert!(output.status.success(), "{log}");
    assert!(!log.contains("ERROR"), "{log}");
    // Missing mandatory fields are the records' own gaps (no URL or date in
    // the source notes), which `kaynak check` reports; anything else would
    // be the export's fault.
    let export_faults: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("WARN") && !l.contains("Missing mandatory field"))
        .collect();
    assert!(export_faults.is_empty(), "{log}");
}

/// Every entry's original title (in any case: pandoc sentence-cases English
/// titles, and only words marked `nocase`, acronyms and mixed-case words are
/// braced) and every family or literal name of the bundled library occurs in
/// `json` (pandoc's CSL-JSON).
fn assert_titles_and_names_kept(json: &str) {
    let items: serde_json::Value = serde_json::from_str(json).expect("pandoc wrote JSON");
    let items = items.as_array().expect("an array");
    for entry in bundled() {
        let item = items
            .iter()
            .find(|i| i["id"] == entry.key.as_str())
            .unwrap_or_else(|| panic!("{} is missing", entry.key));
        let title = item["title"].as_str().unwrap_or_default();
        let want = &entry.text("title").unwrap().original;
        assert!(
            title.to_lowercase().contains(&want.to_lowercase()),
            "{}: {title:?} lacks {want:?}",
            entry.key
        );
        for (variable, names) in &entry.names {
            let written = item[*variable].to_string();
            for name in &names.value {
                let part = name.literal.as_ref().or(name.family.as_ref()).unwrap();
                assert!(written.contains(&part.original), "{}: {written}", entry.key);
            }
        }
    }
}

#[test]
fn pandoc_reads_the_biblatex_export() {
    if !available("pandoc", "--version") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("library.bib"), export(Format::Biblatex)).unwrap();
    let output = run(
        dir.path(),
        "pandoc",
        &["-f", "biblatex", "-t", "csljson", "library.bib"],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert_titles_and_names_kept(&String::from_utf8_lossy(&output.stdout));
}

#[test]
fn pandoc_reads_the_csl_json_export() {
    if !available("pandoc", "--version") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("library.json"), export(Format::CslJson)).unwrap();
    let output = run(
        dir.path(),
        "pandoc",
        &["-f", "csljson", "-t", "csljson", "library.json"],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert_titles_and_names_kept(&String::from_utf8_lossy(&output.stdout));
}

#[test]
fn bibtex_plain_processes_the_bibtex_export() {
    if !available("bibtex", "--version") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("library.bib"), export(Format::Bibtex)).unwrap();
    let aux = "\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{library}\n";
    std::fs::write(dir.path().join("paper.aux"), aux).unwrap();
    let output = run(dir.path(), "bibtex", &["paper"]);
    let log = text(&output);
    // bibtex exits 1 for warnings (a web page has no author or year) and 2
    // or more for errors.
    assert!(output.status.code().is_some_and(|c| c <= 1), "{log}");
    assert!(!log.contains("error message"), "{log}");
    let bbl = std::fs::read_to_string(dir.path().join("paper.bbl")).expect("paper.bbl");
    for entry in bundled() {
        assert!(
            bbl.contains(&format!("\\bibitem{{{}}}", entry.key)),
            "{}\n{bbl}",
            entry.key
        );
    }
    assert!(
        bbl.contains("Razvitiye Azerbaydzhano-Pakistanskikh"),
        "{bbl}"
    );
}

#[test]
fn the_tools_read_hostile_values_as_one_entry() {
    let dir = tempfile::tempdir().unwrap();
    if available("biber", "--version") {
        std::fs::write(
            dir.path().join("hostile.bib"),
            export_entries(&hostile(), Format::Biblatex),
        )
        .unwrap();
        let output = run(
            dir.path(),
            "biber",
            &["--tool", "--output-file", "out.bib", "hostile.bib"],
        );
        let log = text(&output);
        assert!(output.status.success() && !log.contains("ERROR"), "{log}");
        let out = std::fs::read_to_string(dir.path().join("out.bib")).unwrap();
        let entries = out.lines().filter(|l| l.starts_with('@')).count();
        assert_eq!(entries, 1, "{out}");
    }
    if available("pandoc", "--version") {
        let output = run(
            dir.path(),
            "pandoc",
            &["-f", "biblatex", "-t", "csljson", "hostile.bib"],
        );
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let items = json.as_array().expect("array");
        assert_eq!(items.len(), 1, "{json}");
        let title = items[0]["title"].as_str().unwrap_or_default();
        assert!(
            title.contains("input{x}") && title.contains("@comment"),
            "{title}"
        );
    }
    if available("bibtex", "--version") {
        std::fs::write(
            dir.path().join("h.bib"),
            export_entries(&hostile(), Format::Bibtex),
        )
        .unwrap();
        let aux = "\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{h}\n";
        std::fs::write(dir.path().join("h.aux"), aux).unwrap();
        let output = run(dir.path(), "bibtex", &["h"]);
        let log = text(&output);
        assert!(output.status.code().is_some_and(|c| c <= 1), "{log}");
        let bbl = std::fs::read_to_string(dir.path().join("h.bbl")).unwrap();
        assert_eq!(bbl.matches("\\bibitem").count(), 1, "{bbl}");
    }
}
