//! CLI tests for the editing workflow: `kaynak new`, `kaynak fmt`,
//! `kaynak completions`, `kaynak man`, and writes that survive being killed.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
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

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const MESSY: &str = "\
# Note 2: an English newspaper item.
accessed = \"2021-03-31\"   # seen on paper
title='Azerbaijan and Pakistan'

# The newspaper.
container-title =   \"The Frontier Post\"
type = \"article-newspaper\"
language = \"en\"
";

const MESSY_FORMATTED: &str = "\
# Note 2: an English newspaper item.
type = \"article-newspaper\"
language = \"en\"
title = \"Azerbaijan and Pakistan\"

# The newspaper.
container-title = \"The Frontier Post\"
accessed = 2021-03-31 # seen on paper
";

// ---- kaynak new -------------------------------------------------------------

#[test]
fn new_writes_a_skeleton_under_a_suggested_key() {
    let dir = library(&[]);
    kaynak(dir.path())
        .args(["new", "--type", "article-journal", "--field", "language=ru"])
        .args(["--field", "author=Ниязов, Н.С.", "--field", "issued=2010"])
        .args(["--field", "title=Развитие связей"])
        .assert()
        .success()
        .stdout(format!(
            "{}\n",
            dir.path().join("niyazov2010razvitiye.toml").display()
        ))
        .stderr(predicate::str::contains("created"));
    let text = read(dir.path(), "niyazov2010razvitiye.toml");
    assert!(text.contains("type = \"article-journal\"\n"), "{text}");
    assert!(text.contains("# container-title = \"\"\n"), "{text}");
    assert!(
        text.contains("{ family = \"Ниязов\", given = \"Н.С.\" }"),
        "{text}"
    );
    // The new record loads, and is already in canonical form.
    kaynak(dir.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("niyazov2010razvitiye"));
    kaynak(dir.path())
        .args(["fmt", "--check"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn new_never_overwrites() {
    let old = "type = \"webpage\"\ntitle = \"Old\"\n";
    let dir = library(&[("bayramov.toml", old)]);
    kaynak(dir.path())
        .args(["new", "-t", "webpage", "bayramov", "-f", "title=New"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never overwrites"));
    assert_eq!(read(dir.path(), "bayramov.toml"), old);
    // Keys that differ only in case clash too.
    kaynak(dir.path())
        .args(["new", "-t", "webpage", "Bayramov"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never overwrites"));
    // A suggested key that is taken gets a letter.
    let dir = library(&[("anonhistory.toml", old)]);
    kaynak(dir.path())
        .args(["new", "-t", "webpage", "-f", "title=The History"])
        .assert()
        .success()
        .stdout(predicate::str::ends_with("anonhistorya.toml\n"));
    assert_eq!(read(dir.path(), "anonhistory.toml"), old);
    kaynak(dir.path())
        .args([
            "new",
            "-t",
            "webpage",
            "-f",
            "title=The History",
            "--dry-run",
        ])
        .assert()
        .success()
        .stderr("would be written as anonhistoryb.toml\n");
}

#[test]
fn new_validates_fields_like_a_loaded_record() {
    let dir = library(&[]);
    kaynak(dir.path())
        .args(["new", "-t", "report", "r1"])
        .args(["-f", "issued=31.03.2021", "-f", "titel=x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error[invalid-date]"))
        .stderr(predicate::str::contains("issued = 2021-03-31"))
        .stderr(predicate::str::contains("did you mean `title`?"))
        .stderr(predicate::str::contains("r1.toml:"))
        .stderr(predicate::str::contains("nothing was written"));
    assert!(names_in(dir.path()).is_empty());
    kaynak(dir.path())
        .args(["new", "-t", "book", "b", "-f", "title=a", "-f", "title=b"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("given twice"));
    kaynak(dir.path())
        .args(["new", "-t", "book", "b", "-f", "no-equals-sign"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("NAME=VALUE"));
    kaynak(dir.path())
        .args(["new", "-t", "book", "b", "-f", "title="])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no value"));
    kaynak(dir.path())
        .args(["new", "-t", "journal-article", "b"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("article-journal"));
    kaynak(dir.path())
        .args(["new", "-t", "book"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot suggest a key"));
    kaynak(dir.path())
        .args(["new", "-t", "book", "two words"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a space"));
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn new_dry_run_prints_and_uses_library_settings() {
    let dir = library(&[("kaynak.toml", "locale = \"tr-TR\"\ntranslit = \"ala-lc\"\n")]);
    kaynak(dir.path())
        .args(["new", "-t", "book", "k", "-f", "language=ru", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "# title = { original = \"\", translit = \"\", translation = { tr = \"\" } }",
        ))
        .stdout(predicate::str::contains("derive it under ala-lc"))
        .stdout(predicate::str::contains("language = \"ru\"\n"));
    assert_eq!(names_in(dir.path()), vec!["kaynak.toml"]);
    kaynak(&dir.path().join("missing"))
        .args(["new", "-t", "book", "k"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
}

// ---- kaynak fmt -------------------------------------------------------------

#[test]
fn fmt_rewrites_keeps_comments_and_is_idempotent() {
    let dir = library(&[("frontier.toml", MESSY)]);
    kaynak(dir.path())
        .arg("fmt")
        .assert()
        .success()
        .stdout(format!("{}\n", dir.path().join("frontier.toml").display()))
        .stderr("formatted 1 of 1 record\n");
    let once = read(dir.path(), "frontier.toml");
    assert_eq!(once, MESSY_FORMATTED);
    for comment in [
        "# Note 2: an English newspaper item.",
        "# The newspaper.",
        "# seen on paper",
    ] {
        assert!(once.contains(comment), "lost {comment}");
    }
    kaynak(dir.path())
        .arg("fmt")
        .assert()
        .success()
        .stdout("")
        .stderr("formatted 0 of 1 record\n");
    assert_eq!(read(dir.path(), "frontier.toml"), once);
    assert_eq!(
        names_in(dir.path()),
        vec!["frontier.toml"],
        "no temporary files left"
    );
}

#[test]
fn fmt_check_changes_nothing_and_lists_files() {
    let dir = library(&[("a.toml", MESSY), ("b.toml", MESSY_FORMATTED)]);
    kaynak(dir.path())
        .args(["fmt", "--check"])
        .assert()
        .code(1)
        .stdout(format!("{}\n", dir.path().join("a.toml").display()))
        .stderr(predicate::str::contains(
            "1 of 2 records would be reformatted",
        ));
    assert_eq!(read(dir.path(), "a.toml"), MESSY);
    kaynak(dir.path()).arg("fmt").assert().success();
    kaynak(dir.path())
        .args(["fmt", "--check", "--quiet"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
}

#[test]
fn fmt_reports_broken_records_and_leaves_them_untouched() {
    let broken = "type = \"webpage\"\ntitle = \"unterminated\n";
    let bad_type = "type = \"web-page\"\ntitle = \"x\"\n";
    let dir = library(&[
        ("broken.toml", broken),
        ("bad.toml", bad_type),
        ("ok.toml", MESSY),
    ]);
    kaynak(dir.path())
        .arg("fmt")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[invalid-toml]"))
        .stderr(predicate::str::contains("broken.toml:2:"))
        .stderr(predicate::str::contains("error[unknown-type]"))
        .stderr(predicate::str::contains("bad.toml:1:8"))
        .stderr(predicate::str::contains(
            "2 left untouched because of errors",
        ));
    assert_eq!(read(dir.path(), "broken.toml"), broken);
    assert_eq!(read(dir.path(), "bad.toml"), bad_type);
    assert_eq!(read(dir.path(), "ok.toml"), MESSY_FORMATTED);
}

#[test]
fn fmt_selects_records_by_key_or_path() {
    let dir = library(&[("a.toml", MESSY), ("b.toml", MESSY)]);
    kaynak(dir.path()).args(["fmt", "a"]).assert().success();
    assert_eq!(read(dir.path(), "a.toml"), MESSY_FORMATTED);
    assert_eq!(read(dir.path(), "b.toml"), MESSY);
    let path = dir.path().join("b.toml");
    kaynak(dir.path())
        .args(["fmt", "--check"])
        .arg(&path)
        .assert()
        .code(1);
    let settings = dir.path().join("kaynak.toml");
    fs::write(&settings, "locale = \"en-US\"\n").unwrap();
    kaynak(dir.path())
        .args(["fmt", "--check", "a"])
        .arg(&settings)
        .assert()
        .success()
        .stderr("1 record already formatted\n");
    kaynak(dir.path())
        .args(["fmt", "c"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no record `c`"));
}

#[test]
fn bundled_library_is_in_canonical_form() {
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
    kaynak(&sources)
        .args(["fmt", "--check"])
        .assert()
        .success()
        .stdout("");
}

fn many(count: usize, text: &str) -> tempfile::TempDir {
    let files: Vec<(String, &str)> = (0..count)
        .map(|i| (format!("r{i:03}.toml"), text))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    library(&refs)
}

#[test]
fn fmt_shows_no_progress_bar_when_piped() {
    let dir = many(300, MESSY);
    kaynak(dir.path())
        .arg("fmt")
        .assert()
        .success()
        .stderr("formatted 300 of 300 records\n");
}

// ---- interrupted writes -----------------------------------------------------

fn temp_files(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

fn wait_for(mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

fn spawn_fmt(dir: &Path, pause_ms: u64) -> std::process::Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kaynak"));
    cmd.arg("--library").arg(dir).arg("fmt");
    cmd.env_remove("KAYNAK_LIBRARY");
    cmd.env("KAYNAK_TEST_PAUSE_BEFORE_RENAME", pause_ms.to_string());
    cmd.stdout(std::process::Stdio::null());
    cmd.stderr(std::process::Stdio::null());
    cmd.spawn().unwrap()
}

#[test]
fn killed_between_temp_file_and_rename_leaves_the_old_record() {
    let dir = library(&[("frontier.toml", MESSY)]);
    let mut child = spawn_fmt(dir.path(), 60_000);
    let paused = wait_for(|| {
        temp_files(dir.path())
            .first()
            .is_some_and(|t| read(dir.path(), t) == MESSY_FORMATTED)
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(paused, "the writer never wrote its temporary file");
    assert_eq!(
        read(dir.path(), "frontier.toml"),
        MESSY,
        "the old record is intact"
    );
    // The leftover temporary file is never taken for a record.
    assert_eq!(temp_files(dir.path()).len(), 1);
    kaynak(dir.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("frontier").and(predicate::str::contains(".tmp").not()))
        .stderr("");
    kaynak(dir.path())
        .args(["fmt", "--check"])
        .assert()
        .code(1)
        .stdout(format!("{}\n", dir.path().join("frontier.toml").display()))
        .stderr(predicate::str::contains("warning[leftover-temp-file]"));
    assert_eq!(temp_files(dir.path()).len(), 1, "checking changes nothing");
    // The next writing command removes it, and says so.
    kaynak(dir.path())
        .args(["new", "--type", "book", "other", "--field", "title=T"])
        .assert()
        .success()
        .stderr(predicate::str::contains("removed-temp-file"));
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn killed_mid_library_leaves_every_record_old_or_new() {
    let dir = many(400, MESSY);
    let mut child = spawn_fmt(dir.path(), 5);
    let started = wait_for(|| read(dir.path(), "r000.toml") == MESSY_FORMATTED);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(started);
    let records: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(records.len(), 400);
    for path in records {
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text == MESSY || text == MESSY_FORMATTED,
            "{} is half written",
            path.display()
        );
    }
    kaynak(dir.path()).arg("list").assert().success().stderr("");
    // No temporary file survives the next run of a writing command.
    kaynak(dir.path()).arg("fmt").assert().success();
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

/// Twenty kills at random moments of `kaynak fmt`, each followed by a
/// writing run: every record is old or new, and no temporary file survives.
#[test]
fn repeated_kills_leave_no_temporary_file_after_the_next_run() {
    let dir = many(60, MESSY);
    let mut left_behind = 0;
    for round in 0..20u64 {
        let mut child = spawn_fmt(dir.path(), 1 + round % 4);
        std::thread::sleep(Duration::from_millis(5 + 7 * round));
        let _ = child.kill();
        child.wait().unwrap();
        kaynak(dir.path())
            .args(["fmt", "--check"])
            .assert()
            .code(predicate::in_iter([0, 1]));
        for name in names_in(dir.path()).iter().filter(|n| n.starts_with('r')) {
            let text = read(dir.path(), name);
            assert!(
                text == MESSY || text == MESSY_FORMATTED,
                "{name} is half written"
            );
        }
        left_behind += temp_files(dir.path()).len();
        kaynak(dir.path())
            .args([
                "new",
                "--type",
                "book",
                &format!("n{round}"),
                "--field",
                "title=T",
            ])
            .assert()
            .success();
        assert_eq!(
            temp_files(dir.path()),
            Vec::<String>::new(),
            "round {round}"
        );
        for i in 0..60 {
            fs::write(dir.path().join(format!("r{i:03}.toml")), MESSY).unwrap();
        }
    }
    // The writer pauses between its temporary file and the rename, so most
    // kills land there: the test saw temporary files to clear.
    assert!(left_behind > 0, "no kill left a temporary file");
}

/// A record that is a symbolic link to a file outside the library is
/// reported and left alone by `fmt` (and `check --fix`), unless
/// `--follow-symlinks` is given.
#[cfg(unix)]
#[test]
fn fmt_does_not_write_through_links_out_of_the_library() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("elsewhere.toml");
    fs::write(&target, MESSY).unwrap();
    let dir = library(&[("inside.toml", MESSY)]);
    std::os::unix::fs::symlink(&target, dir.path().join("link.toml")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("inside.toml"),
        dir.path().join("alias.toml"),
    )
    .unwrap();
    kaynak(dir.path())
        .arg("fmt")
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[symlink-outside-library]"));
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        MESSY,
        "the outside file is untouched"
    );
    assert_eq!(
        read(dir.path(), "inside.toml"),
        MESSY_FORMATTED,
        "links inside are fine"
    );
    let fixable = outside.path().join("fixable.toml");
    let doi = "type = \"book\"\ntitle = \"T\"\nDOI = \"https://doi.org/10.1000/x\"\n";
    fs::write(&fixable, doi).unwrap();
    std::os::unix::fs::symlink(&fixable, dir.path().join("fixable.toml")).unwrap();
    kaynak(dir.path())
        .args(["check", "--fix"])
        .assert()
        .stderr(predicate::str::contains("warning[symlink-outside-library]"));
    assert_eq!(
        fs::read_to_string(&fixable).unwrap(),
        doi,
        "--fix left it alone"
    );
    fs::remove_file(dir.path().join("fixable.toml")).unwrap();
    assert_eq!(fs::read_to_string(&target).unwrap(), MESSY);
    kaynak(dir.path())
        .args(["fmt", "--follow-symlinks"])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&target).unwrap(), MESSY_FORMATTED);
    assert!(dir.path().join("link.toml").is_symlink());
}

// ---- completions and man ----------------------------------------------------

#[test]
fn completions_for_each_shell() {
    let dir = library(&[]);
    for (shell, marker) in [
        ("bash", "_kaynak()"),
        ("zsh", "#compdef kaynak"),
        ("fish", "complete -c kaynak"),
    ] {
        kaynak(dir.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker))
            .stdout(predicate::str::contains("fmt"))
            .stdout(predicate::str::contains("article-journal"));
    }
    kaynak(dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value"));
}

#[test]
fn man_page_from_the_clap_definitions() {
    let dir = library(&[]);
    kaynak(dir.path())
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH kaynak 1"))
        .stdout(predicate::str::contains("fmt"))
        .stdout(predicate::str::contains("completions"));
    let out = tempfile::tempdir().unwrap();
    kaynak(dir.path())
        .arg("man")
        .arg("--dir")
        .arg(out.path())
        .assert()
        .success();
    let pages = names_in(out.path());
    for page in ["kaynak.1", "kaynak-new.1", "kaynak-fmt.1", "kaynak-man.1"] {
        assert!(pages.contains(&page.to_string()), "{pages:?}");
    }
    assert!(read(out.path(), "kaynak-fmt.1").contains("\\-\\-check"));
}

/// On a terminal the bar shows (under `script`, which gives the command a pty).
#[test]
fn fmt_shows_a_progress_bar_on_a_terminal() {
    let script = Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("skipped: no /usr/bin/script to provide a terminal");
        return;
    }
    let dir = many(200, MESSY);
    let command = format!(
        "'{}' --library '{}' fmt",
        env!("CARGO_BIN_EXE_kaynak"),
        dir.path().display()
    );
    let output = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .env("KAYNAK_TEST_PAUSE_BEFORE_RENAME", "3")
        .env_remove("KAYNAK_LIBRARY")
        .output()
        .unwrap();
    assert!(output.status.success());
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("formatting ["), "{shown}");
    assert!(shown.contains("formatted 200 of 200 records"), "{shown}");
}

/// Each bundled record, scrambled (its `type` line moved last, its accessed
/// date quoted), comes back from `kaynak fmt` exactly as it was.
#[test]
fn fmt_restores_scrambled_bundled_records() {
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
    let dir = tempfile::tempdir().unwrap();
    let mut originals = Vec::new();
    for entry in fs::read_dir(&sources).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "kaynak.toml" || name.starts_with('.') {
            continue; // the library's settings or load cache, not a record
        }
        let text = fs::read_to_string(&path).unwrap();
        let type_line = text.lines().find(|l| l.starts_with("type = ")).unwrap();
        let scrambled = format!(
            "{}{type_line}\n",
            text.replacen(&format!("{type_line}\n"), "", 1)
        )
        .replace("accessed = 2021-03-31", "accessed = \"2021-03-31\"");
        assert_ne!(scrambled, text);
        fs::write(dir.path().join(&name), scrambled).unwrap();
        originals.push((name, text));
    }
    kaynak(dir.path()).arg("fmt").assert().success();
    for (name, text) in originals {
        assert_eq!(read(dir.path(), &name), text, "{name}");
    }
}
