//! `kaynak bib` sorts by the locale's alphabet (`--locale tr-TR`) and places
//! Cyrillic entries by the library's `sort-script` setting.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

/// A bibliography sorted by author, one family name per line.
const STYLE: &str = r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>sort test</title><id>sort-test</id><updated>2026-11-29T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key variable="author"/></sort>
    <layout><names variable="author"><name form="short"/></names></layout>
  </bibliography>
</style>"#;

fn kaynak() -> Command {
    let mut cmd = Command::cargo_bin("kaynak").unwrap();
    cmd.env_remove("KAYNAK_LIBRARY").env("NO_COLOR", "1");
    cmd
}

/// A library of one book per surname (Cyrillic ones tagged Russian), plus the style.
fn library(dir: &Path, surnames: &[&str], settings: &str) {
    for (i, family) in surnames.iter().enumerate() {
        let language = if family.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
            "language = \"ru\"\n"
        } else {
            ""
        };
        let record = format!(
            "type = \"book\"\n{language}title = \"Kitap {i}\"\nauthor = [{{ family = \"{family}\", given = \"A.\" }}]\n"
        );
        fs::write(dir.join(format!("r{i}.toml")), record).unwrap();
    }
    fs::write(dir.join("sort-test.csl"), STYLE).unwrap();
    fs::write(dir.join("kaynak.toml"), settings).unwrap();
}

fn bib(dir: &Path, extra: &[&str]) -> Vec<String> {
    let out = kaynak()
        .args(["bib", "--style"])
        .arg(dir.join("sort-test.csl"))
        .args(extra)
        .arg("--library")
        .arg(dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn turkish_locale_sorts_by_the_turkish_alphabet() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "Ünal", "Şahin", "İnan", "Öztürk", "Çelik", "Uçar", "Işık", "Sarı", "Ozan", "Cengiz",
        "Ilgaz",
    ];
    library(dir.path(), &names, "");
    assert_eq!(
        bib(dir.path(), &["--locale", "tr-TR"]),
        [
            "Cengiz", "Çelik", "Ilgaz", "Işık", "İnan", "Ozan", "Öztürk", "Sarı", "Şahin", "Uçar",
            "Ünal"
        ]
    );
}

#[test]
fn sort_script_setting_places_cyrillic_names() {
    let names = ["Zimin", "Алиев", "Brown"];
    let translit = tempfile::tempdir().unwrap();
    library(translit.path(), &names, "sort-script = \"translit\"\n");
    let form = ["--locale", "en-US", "--form", "original"];
    assert_eq!(bib(translit.path(), &form), ["Алиев", "Brown", "Zimin"]);
    let original = tempfile::tempdir().unwrap();
    library(original.path(), &names, "sort-script = \"original\"\n");
    assert_eq!(bib(original.path(), &form), ["Brown", "Zimin", "Алиев"]);
}
