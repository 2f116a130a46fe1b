//! `kaynak translit` from the command line.

use assert_cmd::Command;
use predicates::prelude::*;

fn kaynak() -> Command {
    let mut cmd = Command::cargo_bin("kaynak").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KAYNAK_LIBRARY");
    cmd
}

#[test]
fn the_article_profile_reproduces_the_authors_pairs() {
    kaynak()
        .args(["translit", "--scheme", "bgn-pcgn-nosigns", "Н.С. Ниязов"])
        .assert()
        .success()
        .stdout("N.S. Niyazov\n");
}

#[test]
fn reads_standard_input_and_keeps_other_text() {
    kaynak()
        .args(["translit", "--scheme", "iso-9"])
        .write_stdin("Щука and Bakü, 1994–2010\n")
        .assert()
        .success()
        .stdout("Ŝuka and Bakü, 1994–2010\n");
}

#[test]
fn language_picks_the_scheme() {
    kaynak()
        .args(["translit", "--lang", "uk", "Київ"])
        .assert()
        .success()
        .stdout("Kyiv\n");
    kaynak()
        .args(["translit", "--lang", "en", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no transliteration table for language `en`",
        ));
}

#[test]
fn library_setting_is_the_default() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kaynak.toml"), "translit = \"icao\"\n").unwrap();
    kaynak()
        .args(["translit", "--library"])
        .arg(dir.path())
        .arg("Юрий")
        .assert()
        .success()
        .stdout("Iurii\n");
    std::fs::write(dir.path().join("kaynak.toml"), "translit = \"ikao\"\n").unwrap();
    kaynak()
        .args(["translit", "--library"])
        .arg(dir.path())
        .arg("Юрий")
        .assert()
        .stderr(predicate::str::contains(
            "unknown transliteration scheme `ikao`",
        ));
}

#[test]
fn list_names_every_scheme() {
    kaynak()
        .args(["translit", "--list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("bgn-pcgn-nosigns"))
        .stdout(predicate::str::contains("gost-7.79-b"));
}

#[test]
fn unknown_scheme_fails_with_the_list() {
    kaynak()
        .args(["translit", "--scheme", "foo", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown transliteration scheme `foo`",
        ));
}
