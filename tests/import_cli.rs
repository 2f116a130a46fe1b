//! `kaynak import` as a user runs it: entry by entry with a summary, a dry
//! run that checks what the real run writes, standard input, a refused
//! device, an all-or-nothing batch, and a kill -9 in the middle of 50,000
//! records.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

fn kaynak(library: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kaynak").unwrap();
    cmd.env_remove("KAYNAK_LIBRARY")
        .arg("--library")
        .arg(library);
    cmd
}

fn records(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml") && !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A name with `=` and a five-digit year: the dry run says what the real
/// run does, and both import every entry.
#[test]
fn dry_run_and_real_run_agree_entry_for_entry() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib");
    let file = dir.path().join("odd.bib");
    fs::write(
        &file,
        "@misc{a1, author={Smith, x=y}, title={A}}\n@misc{a2, author={Doe, J.}, title={B}, year={20222}}\n@misc{a3, title={C}, year={2020}}\n@misc{a4, title = {broken}, year = {2020}\n",
    )
    .unwrap();
    let dry = kaynak(&library)
        .arg("import")
        .arg(&file)
        .arg("--dry-run")
        .assert()
        .code(1);
    let dry_err = String::from_utf8_lossy(&dry.get_output().stderr).to_string();
    assert!(
        dry_err.contains("would import 3, skipped 1 (see above), 0 overwritten"),
        "{dry_err}"
    );
    assert!(!library.exists());
    let real = kaynak(&library).arg("import").arg(&file).assert().code(1);
    let real_err = String::from_utf8_lossy(&real.get_output().stderr).to_string();
    assert!(
        real_err.contains("imported 3, skipped 1 (see above), 0 overwritten"),
        "{real_err}"
    );
    assert!(
        real_err.contains("odd.bib:4:1"),
        "the broken entry is located: {real_err}"
    );
    assert_eq!(records(&library), ["a1.toml", "a2.toml", "a3.toml"]);
    kaynak(&library).arg("list").assert().success().stderr("");
}

#[test]
fn standard_input_is_read_with_dash() {
    let dir = tempfile::tempdir().unwrap();
    kaynak(dir.path())
        .args(["import", "-", "--from", "ris"])
        .write_stdin("TY  - BOOK\nID  - fromstdin\nTI  - Piped\nER  - \n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "imported 1, skipped 0, 0 overwritten",
        ));
    assert_eq!(records(dir.path()), ["fromstdin.toml"]);
}

#[cfg(unix)]
#[test]
fn a_device_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    kaynak(dir.path())
        .args(["import", "/dev/zero", "--from", "bibtex"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a device"));
}

#[test]
fn keys_that_are_no_file_names_come_back_and_reserved_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keys.bib");
    fs::write(
        &file,
        "@misc{DBLP:conf/x/Y15, title={A}}\n@misc{knuth:ct, title={B}}\n@misc{kaynak, title={C}}\n",
    )
    .unwrap();
    let library = dir.path().join("lib");
    kaynak(&library)
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("reserved-key"));
    assert_eq!(
        records(&library),
        ["DBLP:conf%2Fx%2FY15.toml", "knuth:ct.toml"]
    );
    kaynak(&library)
        .args(["show", "DBLP:conf/x/Y15"])
        .assert()
        .success();
}

/// A record that cannot be written (its temporary file's name is too long
/// for the file system) stops the batch: nothing of the run is kept, and no
/// temporary file is left.
#[cfg(unix)]
#[test]
fn a_failed_write_keeps_nothing_of_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib");
    fs::create_dir(&library).unwrap();
    let long = "k".repeat(245);
    let file = dir.path().join("three.json");
    fs::write(
        &file,
        format!(r#"[{{"id":"a","type":"book","title":"A"}},{{"id":"b","type":"book","title":"B"}},{{"id":"{long}","type":"book","title":"C"}}]"#),
    )
    .unwrap();
    kaynak(&library)
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing of this import was kept"));
    let left: Vec<_> = fs::read_dir(&library).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

fn items(count: usize) -> String {
    let mut out = String::from("[\n");
    for i in 0..count {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&format!(
            r#"{{"id":"r{i:05}","type":"article-journal","title":"Record {i} on something","author":[{{"family":"Doe","given":"J."}}],"issued":{{"date-parts":[[2020]]}}}}"#
        ));
    }
    out.push_str("\n]\n");
    out
}

/// kill -9 while 50,000 records are put in place: every record file left is
/// whole (old or new), and the library loads.
#[test]
fn killed_import_of_50000_leaves_only_whole_records() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib");
    fs::create_dir(&library).unwrap();
    let old = "type = \"book\"\ntitle = \"Old\"\n";
    for i in 0..20 {
        fs::write(library.join(format!("r{i:05}.toml")), old).unwrap();
    }
    let file = dir.path().join("many.json");
    fs::write(&file, items(50_000)).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kaynak"))
        .env_remove("KAYNAK_LIBRARY")
        .arg("--library")
        .arg(&library)
        .arg("import")
        .arg(&file)
        .arg("--force")
        .arg("--quiet")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as new records start to appear.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        if records(&library).len() > 25 || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    child.wait().unwrap();
    let names = records(&library);
    eprintln!("{} records in place when killed", names.len());
    for name in &names {
        let text = fs::read_to_string(library.join(name)).unwrap();
        let new = text.starts_with("# Imported by kaynak") && text.ends_with("issued = \"2020\"\n");
        assert!(
            text == old || new,
            "{name} is neither old nor whole: {text:?}"
        );
    }
    kaynak(&library).arg("list").assert().success();
}
