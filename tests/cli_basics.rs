//! The binary on the bundled library and on temporary broken ones: stdout,
//! stderr and exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn kaynak() -> Command {
    let mut cmd = Command::cargo_bin("kaynak").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KAYNAK_LIBRARY")
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn list_shows_the_seven_bundled_references() {
    let out = kaynak()
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    insta::assert_snapshot!("list_bundled", text);
    assert_eq!(text.lines().count(), 8, "a header and seven records");
}

#[test]
fn show_gives_every_form_of_the_russian_article() {
    kaynak()
        .args(["show", "niyazov"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Развитие Азербайджано-Пакистанских Связей"))
        .stdout(predicate::str::contains(
            "* translit     Razvitiye Azerbaydzhano-Pakistanskikh Svyazey v Voyennoy Oblasti v 1994–2010 Godakh",
        ))
        .stdout(predicate::str::contains("(article-journal, ru)"))
        .stdout(predicate::str::contains("Вестник Волгоградского государственного университета"))
        .stdout(predicate::str::contains("tr: Volgograd Devlet Üniversitesi Bülteni"))
        .stdout(predicate::str::contains("  Ниязов, Н.С.\n* Niyazov, N.S.  (translit)"))
        // The journal has no transliteration of its own: derived in the library's scheme.
        .stdout(predicate::str::contains(
            "* translit     Vestnik Volgogradskogo gosudarstvennogo universiteta. Seriya 4  (derived: bgn-pcgn-nosigns, ru table)",
        ));
}

#[test]
fn show_unknown_key_suggests_and_fails() {
    kaynak()
        .args(["show", "niyasov"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no record `niyasov`"))
        .stderr(predicate::str::contains("did you mean `niyazov`?"));
}

#[test]
fn library_from_flag_and_environment() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("only.toml"),
        "type = \"book\"\ntitle = \"Only One\"\nissued = 1999\n",
    )
    .unwrap();
    kaynak()
        .args(["list", "--library"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("only  book  -     1999  Only One"));
    kaynak()
        .arg("list")
        .env("KAYNAK_LIBRARY", dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Only One"));
}

#[test]
fn broken_record_is_shown_with_snippet_and_others_still_listed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("good.toml"),
        "type = \"book\"\ntitle = \"Good\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("bad.toml"),
        "type = \"book\"\ntitel = \"Bad\"\n",
    )
    .unwrap();
    let assert = kaynak()
        .arg("list")
        .arg("--library")
        .arg(dir.path())
        .assert()
        .code(1);
    let out = assert.get_output();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("Good") && !stdout.contains("Bad"),
        "{stdout}"
    );
    assert!(
        stderr.contains("error[unknown-field]: `titel` is not a CSL variable"),
        "{stderr}"
    );
    assert!(stderr.contains("bad.toml:2:1"), "{stderr}");
    assert!(stderr.contains("titel = \"Bad\""), "{stderr}");
    assert!(stderr.contains("^^^^^"), "{stderr}");
    assert!(stderr.contains("help: did you mean `title`?"), "{stderr}");
}

#[test]
fn quiet_hides_nothing_but_warnings() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.toml"), "type = \"bok\"\n").unwrap();
    kaynak()
        .args(["--quiet", "list", "--library"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown-type"));
}

#[test]
fn missing_library_is_a_failure() {
    kaynak()
        .args(["list", "--library", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "library directory no/such/dir does not exist",
        ));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    kaynak().arg("frobnicate").assert().code(2);
    kaynak()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("List the records of the library"));
}

#[cfg(unix)]
#[test]
fn closed_pipe_exits_quietly() {
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("kaynak");
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        fs::write(
            dir.path().join(format!("r{i}.toml")),
            "type = \"book\"\ntitle = \"A fairly long title\"\n",
        )
        .unwrap();
    }
    let mut child = Std::new(bin)
        .args(["list", "--library"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, like `| head -0`
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn threads_change_nothing_but_must_be_at_least_one() {
    let run = |args: &[&str]| {
        let out = kaynak().args(args).assert().success().get_output().clone();
        String::from_utf8(out.stdout).unwrap()
    };
    let default = run(&["cite", "--bib", "@niyazov", "@aliyev-delegation; @niyazov"]);
    assert!(default.contains("N.S. Niyazov"), "{default}");
    let one = run(&[
        "cite",
        "--bib",
        "--threads",
        "1",
        "@niyazov",
        "@aliyev-delegation; @niyazov",
    ]);
    assert_eq!(one, default);
    kaynak()
        .env("KAYNAK_THREADS", "0")
        .args(["bib"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("0 is not in 1.."));
}
