//! Every official style in `../shared/csl/styles` (dependent ones through their
//! parents) formats the bundled library — read from its TOML records, through
//! the same item adapter kaynak uses — as a bibliography and as notes, with no
//! warning and no failure.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/csl")
}

fn styles() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in [shared().join("styles"), shared().join("styles/dependent")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        found.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "csl")),
        );
    }
    found.sort();
    found
}

fn run(style: &Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::cargo_bin("kaynak")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KAYNAK_LIBRARY")
        .args(args)
        .arg("--style")
        .arg(style)
        .arg("--styles")
        .arg(shared().join("styles"))
        .arg("--locales")
        .arg(shared().join("locales"))
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_official_style_formats_the_bundled_library_cleanly() {
    let styles = styles();
    if styles.is_empty() {
        println!("skipped: ../shared/csl/styles is absent");
        return;
    }
    let cites = [
        "cite",
        "@niyazov, p. 106",
        "@bayramov-pakistan",
        "@niyazov, p. 107",
        "@aliyev-delegation",
    ];
    for style in &styles {
        let name = style.display();
        let (ok, bib, stderr) = run(style, &["bib", "--format", "html"]);
        assert!(ok && stderr.is_empty(), "{name} bib: {stderr}");
        assert_eq!(
            bib.matches("class=\"csl-entry\"").count(),
            7,
            "{name}: {bib}"
        );
        let (ok, notes, stderr) = run(style, &cites);
        assert!(ok && stderr.is_empty(), "{name} cite: {stderr}");
        assert_eq!(notes.lines().count(), 4, "{name}: {notes}");
    }
    println!(
        "{} official styles format the bundled library",
        styles.len()
    );
}
