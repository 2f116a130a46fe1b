//! Records written by `kaynak import` are already in the canonical form that
//! `kaynak fmt --check` demands, so importing never leaves a CI check failing.

use assert_cmd::Command;
use std::path::Path;

#[test]
fn imported_records_pass_fmt_check() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let library = tempfile::tempdir().unwrap();
    for name in [
        "zotero.bib",
        "better-bibtex.bib",
        "items.json",
        "catalogue.ris",
    ] {
        Command::cargo_bin("kaynak")
            .unwrap()
            .arg("--library")
            .arg(library.path())
            .arg("import")
            .arg(fixtures.join(name))
            .assert()
            .success();
    }
    let written = std::fs::read_dir(library.path()).unwrap().count();
    assert!(written >= 8, "{written} records imported");
    Command::cargo_bin("kaynak")
        .unwrap()
        .arg("--library")
        .arg(library.path())
        .args(["fmt", "--check"])
        .assert()
        .success();
}
