//! Regression tests for the hardening of issue 16, through the binary: the
//! user's local date, reserved keys, non-regular files in the library,
//! control characters on a terminal, in pipes and in LaTeX, broken locale
//! and style files. (The hostile-input corpus is `tests/hostile.rs`.)

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

fn kaynak(library: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kaynak").unwrap();
    cmd.arg("--library")
        .arg(library)
        .arg("--color")
        .arg("never");
    cmd.env_remove("KAYNAK_LIBRARY");
    cmd
}

fn library(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

const EVIL: &str = "type = \"book\"\ntitle = \"Evil \\u001b]52;c;aGk=\\u0007 and \\u009b31m \\u001b]0;owned\\u0007\"\nauthor = [{ family = \"A\\u001b[2J\", given = \"B\" }]\nissued = 2020\n";

/// `check` measures "today" by the local calendar: an access date that is
/// today in UTC+14 is in the future for someone in UTC−12, not for someone
/// in UTC+14. (POSIX time-zone strings need no tz database.)
#[test]
fn today_is_the_users_local_date() {
    let in_kiribati = (chrono::Utc::now() + chrono::Duration::hours(14)).date_naive();
    let record = format!(
        "type = \"webpage\"\ntitle = \"T\"\nURL = \"https://example.org\"\naccessed = {in_kiribati}\n"
    );
    let dir = library(&[("page.toml", &record)]);
    let check = |tz: &str| {
        let output = kaynak(dir.path())
            .args(["check", "--format", "concise"])
            .env("TZ", tz)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    // The date was taken a moment ago: retry once if a day boundary passed.
    for attempt in 0..2 {
        let east = check("UTC-14");
        let west = check("UTC+12");
        let today_east = (chrono::Utc::now() + chrono::Duration::hours(14)).date_naive();
        if today_east != in_kiribati && attempt == 0 {
            continue;
        }
        assert!(!east.contains("accessed-in-future"), "{east}");
        assert!(west.contains("accessed-in-future"), "{west}");
        break;
    }
}

/// `new` offers today's local date for `accessed`.
#[test]
fn new_fills_in_the_local_date() {
    let dir = library(&[]);
    let today = (chrono::Utc::now() + chrono::Duration::hours(14)).date_naive();
    let output = kaynak(dir.path())
        .args([
            "new",
            "--type",
            "webpage",
            "--dry-run",
            "--field",
            "title=T",
        ])
        .env("TZ", "UTC-14")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains(&format!("# accessed = {today}")), "{text}");
}

#[test]
fn new_refuses_reserved_and_dot_names() {
    let dir = library(&[]);
    for key in ["kaynak", "KAYNAK", "Kaynak", ".", ".."] {
        kaynak(dir.path())
            .args(["new", "--type", "book", key, "--field", "title=T"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("reserved"));
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

/// A FIFO (or socket) named like a record is skipped with a warning by every
/// command; none of them waits on it.
#[cfg(unix)]
#[test]
fn a_fifo_in_the_library_hangs_no_command() {
    let dir = library(&[(
        "good.toml",
        "type = \"book\"\ntitle = \"T\"\nissued = 2020\nauthor = [{ family = \"A\" }]\n",
    )]);
    let fifo = std::ffi::CString::new(dir.path().join("x.toml").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("s.toml")).unwrap();
    let commands: &[&[&str]] = &[
        &["list"],
        &["check"],
        &["show", "good"],
        &["bib", "--style", "apa"],
        &["export", "--to", "csl-json"],
        &["fmt", "--check"],
        &["fmt", "x"],
    ];
    for args in commands {
        let started = Instant::now();
        let output = kaynak(dir.path())
            .args(*args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert!(started.elapsed() < Duration::from_secs(20), "{args:?} hung");
        assert!(
            matches!(output.status.code(), Some(0..=2)),
            "{args:?}: {output:?}"
        );
        if args[0] != "fmt" {
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned()
                + &String::from_utf8_lossy(&output.stdout);
            assert!(
                stderr.contains("FIFO") && stderr.contains("x.toml:1:1"),
                "{args:?}: {stderr}"
            );
            assert!(stderr.contains("socket"), "{args:?}: {stderr}");
        }
    }
}

/// On a terminal (a pseudo-terminal from `script`), no raw control character
/// from a record reaches it, whatever the command; in a pipe the results are
/// data and pass unchanged, while diagnostics are escaped always.
#[test]
fn control_characters_are_escaped_on_a_terminal() {
    let script = Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("skipped: no /usr/bin/script to provide a terminal");
        return;
    }
    let dir = library(&[("evil.toml", EVIL), ("m.md", "Text [@evil, p. 5].\n")]);
    let bin = env!("CARGO_BIN_EXE_kaynak");
    let lib = dir.path().display();
    for command in [
        "list",
        "show evil",
        "bib --style apa",
        "cite --style chicago-notes @evil",
        "check",
        "check --format concise",
    ] {
        let line = format!("'{bin}' --library '{lib}' --color never {command}");
        let output = std::process::Command::new(script)
            .args(["-qec", &line, "/dev/null"])
            .env_remove("KAYNAK_LIBRARY")
            .output()
            .unwrap();
        let shown = String::from_utf8_lossy(&output.stdout);
        if !command.starts_with("check") {
            assert!(shown.contains("\\u{1b}"), "{command}: {shown}");
        }
        let raw: Vec<char> = shown
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .collect();
        assert!(raw.is_empty(), "{command}: raw {raw:?} in {shown:?}");
    }
    let render = format!("'{bin}' --library '{lib}' render '{lib}/m.md' --style apa");
    let output = std::process::Command::new(script)
        .args(["-qec", &render, "/dev/null"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{9b}'),
        "render: {shown:?}"
    );
    // A pipe gets the record's text as it is; diagnostics stay escaped.
    let piped = kaynak(dir.path()).args(["list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&piped.stdout).contains("\u{1b}]52;c;aGk=\u{7}"));
    let findings = kaynak(dir.path())
        .args(["check", "--format", "concise"])
        .output()
        .unwrap();
    let findings = String::from_utf8_lossy(&findings.stdout);
    assert!(
        findings.contains("evil.toml:2:9: error[control-character]"),
        "{findings}"
    );
    assert!(!findings.contains('\u{1b}'), "{findings}");
}

/// LaTeX output never carries a control character; `check --fix` removes
/// them from the record, keeping the rest.
#[test]
fn latex_drops_and_fix_removes_control_characters() {
    let dir = library(&[("evil.toml", EVIL)]);
    let latex = kaynak(dir.path())
        .args(["bib", "--style", "apa", "--format", "latex"])
        .output()
        .unwrap();
    let latex = String::from_utf8(latex.stdout).unwrap();
    assert!(latex.contains("Evil ]52;c;aGk= and 31m"), "{latex}");
    assert!(
        !latex.chars().any(|c| c.is_control() && c != '\n'),
        "{latex:?}"
    );
    kaynak(dir.path()).args(["check", "--fix"]).assert().stdout(
        predicate::str::contains("fixed").and(predicate::str::contains(
            "title: removed 5 control characters",
        )),
    );
    let fixed = fs::read_to_string(dir.path().join("evil.toml")).unwrap();
    assert_eq!(
        fixed,
        "type = \"book\"\ntitle = \"Evil ]52;c;aGk= and 31m ]0;owned\"\nauthor = [{ family = \"A[2J\", given = \"B\" }]\nissued = 2020\n"
    );
    kaynak(dir.path())
        .args(["check", "--format", "concise"])
        .assert()
        .stdout(predicate::str::contains("control-character").not());
}

/// A broken or DTD-bearing locale file under --locales is an error naming
/// the file, not a silent fall-back; a UTF-16 style is named as such.
#[test]
fn broken_locale_and_style_files_are_reported() {
    let record = "type = \"book\"\ntitle = \"T\"\nissued = 2020\nauthor = [{ family = \"A\" }]\n";
    let dir = library(&[("a.toml", record)]);
    let locales = dir.path().join("locales");
    fs::create_dir(&locales).unwrap();
    fs::write(
        locales.join("locales-en-US.xml"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY x \"y\">]>\n<locale/>",
    )
    .unwrap();
    kaynak(dir.path())
        .args(["bib", "--style", "apa", "--locales"])
        .arg(&locales)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("locales-en-US.xml:")
                .and(predicate::str::contains("invalid-locale")),
        );
    let style = dir.path().join("u16.csl");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("<style/>".encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(&style, bytes).unwrap();
    kaynak(dir.path())
        .args(["bib", "--style"])
        .arg(&style)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("UTF-16").and(predicate::str::contains("no style").not()));
}

/// The settings and record values that used to pass without a word.
#[test]
fn impossible_values_are_located_findings() {
    let dir = library(&[
        ("kaynak.toml", "locale = \"!!\"\nas-of = \"2021-02-30\"\n"),
        ("empty.toml", "type = \"book\"\ntitle = \"\"\n"),
        (
            "zero.toml",
            "type = \"book\"\ntitle = \"T\"\nissued = \"0000\"\n",
        ),
        (
            "both.toml",
            "type = \"book\"\ntitle = \"T\"\nauthor = [{ literal = \"UN\", family = \"X\" }]\n",
        ),
    ]);
    let output = kaynak(dir.path())
        .args(["check", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let found = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "kaynak.toml:1:10: error[invalid-setting]",
        "kaynak.toml:2:9: error[invalid-setting]",
        "empty.toml:2:9: error[empty-field]",
        "zero.toml:3:10: error[year-zero]",
        "both.toml:3:11: error[conflicting-name-parts]",
    ] {
        assert!(found.contains(expected), "{expected} not in\n{found}");
    }
    kaynak(dir.path())
        .args(["bib", "--style", "apa", "--form", "translation:!!"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("translation:!!"));
}
