//! `kaynak check` as a user runs it: the binary on temporary libraries and on
//! the fixtures, with a fixed `--today`, asserting stdout, stderr and the exit
//! code. Long reports are golden files under `tests/golden/`; run with
//! `UPDATE_GOLDEN=1` to rewrite them after an intended change (and review the diff).

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-28";

fn kaynak() -> Command {
    let mut cmd = Command::cargo_bin("kaynak").expect("binary");
    cmd.env_remove("KAYNAK_LIBRARY").env("NO_COLOR", "1");
    cmd
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary library holding `records` (file stem, TOML text).
fn library(records: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (key, text) in records {
        fs::write(dir.path().join(format!("{key}.toml")), text).expect("write");
    }
    dir
}

fn check_in(dir: &Path) -> Command {
    let mut cmd = kaynak();
    cmd.arg("--library")
        .arg(dir)
        .args(["check", "--today", TODAY]);
    cmd
}

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

const CLEAN: &str = "type = \"book\"\ntitle = \"Kitap\"\nauthor = [{ family = \"Yazar\", given = \"A.\" }]\nissued = \"2001\"\npublisher = \"Yayınevi\"\npublisher-place = \"Ankara\"\nISBN = \"0-306-40615-2\"\n";

#[test]
fn broken_fixture_gives_exactly_the_expected_findings() {
    let output = kaynak()
        .current_dir(root())
        .args([
            "--library",
            "tests/fixtures/broken",
            "check",
            "--format",
            "concise",
            "--today",
            TODAY,
        ])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    golden("broken.concise", &String::from_utf8_lossy(&output.stdout));
}

#[test]
fn bundled_library_reports_its_real_gaps() {
    let output = kaynak()
        .current_dir(root())
        .args([
            "--library",
            "sources",
            "check",
            "--format",
            "concise",
            "--today",
            TODAY,
        ])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout
        .contains("aliyev-delegation.toml:3:1: error[missing-required]: no `container-title`"));
    assert!(stdout.contains("niyazov.toml:6:1: error[missing-required]: no `issued`"));
    assert!(stdout.contains("bayramov-pakistan.toml:3:1: error[missing-url]"));
    assert!(stdout.contains("warning[stale-access]: accessed 2021-03-31"));
    golden("sources.concise", &stdout);
}

#[test]
fn clean_library_passes_with_a_summary() {
    let dir = library(&[("kitap", CLEAN)]);
    check_in(dir.path())
        .assert()
        .success()
        .stdout("checked 1 record: 0 errors, 0 warnings, 0 infos\n")
        .stderr("");
}

#[test]
fn warnings_pass_unless_strict() {
    let text = CLEAN.replace("publisher-place = \"Ankara\"\n", "");
    let dir = library(&[("kitap", &text)]);
    check_in(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("warning[missing-recommended]"))
        .stdout(predicate::str::contains("0 errors, 1 warning, 0 infos"));
    check_in(dir.path()).arg("--strict").assert().code(1);
}

#[test]
fn human_output_shows_the_value_and_a_help_line() {
    let text = CLEAN.replace("issued = \"2001\"", "issued = \"2021-02-30\"");
    let dir = library(&[("kitap", &text)]);
    check_in(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[impossible-date]: `issued`: 2021-02-30 does not exist",
        ))
        .stdout(predicate::str::contains("kitap.toml:4:10"))
        .stdout(predicate::str::contains("4 │ issued = \"2021-02-30\""))
        .stdout(predicate::str::contains(
            "= help: check the day against the month",
        ));
}

#[test]
fn json_lines_on_stdout_and_the_summary_on_stderr() {
    let text = CLEAN.replace("0-306-40615-2", "0-306-40615-3");
    let dir = library(&[("kitap", &text)]);
    let output = check_in(dir.path())
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let value: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
    assert_eq!(value["code"], "invalid-isbn");
    assert_eq!(value["severity"], "error");
    assert_eq!(value["line"], 7);
    assert_eq!(value["column"], 8);
    assert!(value["help"].is_string());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "checked 1 record: 1 error, 0 warnings, 0 infos\n"
    );
}

#[test]
fn list_rules_names_every_rule() {
    let output = kaynak()
        .args(["check", "--list-rules"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for rule in kaynak::check::rules::all() {
        assert!(stdout.contains(rule.id), "{} missing", rule.id);
    }
    assert!(stdout.contains("missing-url  ") && stdout.contains("error"));
}

#[test]
fn keys_select_records_and_unknown_keys_fail() {
    let bad = CLEAN.replace("issued = \"2001\"", "issued = \"2030\"");
    let dir = library(&[("kitap", CLEAN), ("gelecek", &bad)]);
    check_in(dir.path())
        .arg("kitap")
        .assert()
        .success()
        .stdout("checked 1 record: 0 errors, 0 warnings, 0 infos\n");
    check_in(dir.path())
        .arg("gelecek")
        .assert()
        .success()
        .stdout(predicate::str::contains("issued-in-future"));
    check_in(dir.path()).arg("kitab").assert().code(2).stderr(
        predicate::str::contains("no record `kitab`")
            .and(predicate::str::contains("did you mean `kitap`?")),
    );
}

#[test]
fn bad_arguments_exit_2() {
    let dir = library(&[("kitap", CLEAN)]);
    check_in(dir.path())
        .args(["--today", "2026-02-30"])
        .assert()
        .code(2);
    kaynak()
        .args(["check", "--today", "28.11.2026"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    check_in(dir.path())
        .args(["--profile", "harvard"])
        .assert()
        .code(2);
    check_in(dir.path()).arg("--dry-run").assert().code(2);
    kaynak()
        .args(["--library", "/no/such/kaynak/dir", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn profiles_come_from_the_flag_or_kaynak_toml() {
    let text = CLEAN.replace("publisher-place = \"Ankara\"\n", "");
    let dir = library(&[("kitap", &text)]);
    check_in(dir.path())
        .args(["--profile", "gost"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("the gost profile requires it"));
    fs::write(
        dir.path().join("kaynak.toml"),
        "[check]\nprofile = \"gost\"\n",
    )
    .expect("write");
    check_in(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("the gost profile requires it"));
    fs::write(
        dir.path().join("kaynak.toml"),
        "[check]\nprofile = \"gots\"\n",
    )
    .expect("write");
    check_in(dir.path())
        .args(["--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "kaynak.toml:2:11: error[invalid-setting]: `gots` is not a check profile",
        ));
}

#[test]
fn as_of_and_access_age_come_from_kaynak_toml() {
    let web = "type = \"webpage\"\ntitle = \"T\"\ncontainer-title = \"S\"\nauthor = [{ literal = \"O\" }]\nissued = \"2020\"\nURL = \"https://example.org/\"\naccessed = 2024-01-01\n";
    let dir = library(&[("web", web)]);
    fs::write(
        dir.path().join("kaynak.toml"),
        "as-of = 2026-11-28\n[check]\nmax-access-age-days = 365\n",
    )
    .expect("write");
    kaynak()
        .arg("--library")
        .arg(dir.path())
        .args(["check", "--format", "concise"])
        .assert()
        .success()
        .stdout(predicate::str::contains("warning[stale-access]"));
    fs::write(dir.path().join("kaynak.toml"), "as-of = 2023-11-28\n").expect("write");
    kaynak()
        .arg("--library")
        .arg(dir.path())
        .args(["check", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[accessed-in-future]"));
}

const FIXABLE: &str = "# Note 1: keep this comment.\ntype = \"article-journal\"\ntitle = \"Makale\"   # and this one\nauthor = [{ family = \"Yazar\", given = \"A.\" }]\ncontainer-title = \"Dergi\"\nissued = \"2010\"\nvolume = 4\nissue = 1\npage = \"101-120\"\nDOI = \"https://doi.org/10.1000/182\"\nURL = \"https://example.org/makale\"\naccessed = \"31.03.2026\"\n";

#[test]
fn fix_repairs_in_place_and_keeps_comments() {
    let dir = library(&[("makale", FIXABLE)]);
    check_in(dir.path())
        .args(["--fix", "--format", "concise"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "makale.toml:9:8: page: \"101-120\" → \"101–120\"",
        ))
        .stdout(predicate::str::contains(
            "makale.toml:10:7: DOI: \"https://doi.org/10.1000/182\" → \"10.1000/182\"",
        ))
        .stdout(predicate::str::contains(
            "makale.toml:12:12: accessed: \"31.03.2026\" → 2026-03-31",
        ))
        .stdout(predicate::str::contains("fixed 3 problems in 1 file"))
        .stdout(predicate::str::contains(
            "checked 1 record: 0 errors, 0 warnings, 0 infos",
        ));
    let after = fs::read_to_string(dir.path().join("makale.toml")).expect("read");
    let expected = FIXABLE
        .replace("\"101-120\"", "\"101–120\"")
        .replace("https://doi.org/10.1000/182", "10.1000/182")
        .replace("\"31.03.2026\"", "2026-03-31");
    assert_eq!(after, expected);
    check_in(dir.path())
        .arg("--fix")
        .assert()
        .success()
        .stdout(predicate::str::contains("fixed 0 problems in 0 files"));
}

#[test]
fn fix_dry_run_shows_a_diff_and_writes_nothing() {
    let dir = library(&[("makale", FIXABLE)]);
    check_in(dir.path())
        .args(["--fix", "--dry-run", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("@@ -6,7 +6,7 @@\n issued = \"2010\"\n volume = 4\n issue = 1\n-page = \"101-120\"\n+page = \"101–120\"\n-DOI"))
        .stdout(predicate::str::contains("-accessed = \"31.03.2026\"\n+accessed = 2026-03-31\n"))
        .stdout(predicate::str::contains("would fix 3 problems in 1 file"))
        .stdout(predicate::str::contains("error[invalid-date]"));
    assert_eq!(
        fs::read_to_string(dir.path().join("makale.toml")).expect("read"),
        FIXABLE
    );
}

#[test]
fn fix_normalises_to_nfc_and_leaves_broken_toml_alone() {
    let decomposed = CLEAN.replace("Yayınevi", "Yayınevi Bu\u{0308}lten");
    let dir = library(&[
        ("kitap", &decomposed),
        ("bozuk", "type = \"book\ntitle = 1\n"),
    ]);
    check_in(dir.path())
        .args(["--fix", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "kitap.toml:5:24: normalised the text to Unicode NFC",
        ))
        .stdout(predicate::str::contains("error[invalid-toml]"))
        .stdout(predicate::str::contains("not-nfc").not());
    let after = fs::read_to_string(dir.path().join("kitap.toml")).expect("read");
    assert!(after.contains("Bülten"));
    assert_eq!(
        fs::read_to_string(dir.path().join("bozuk.toml")).expect("read"),
        "type = \"book\ntitle = 1\n"
    );
}

#[test]
fn quiet_shows_only_errors_and_no_summary() {
    let text = CLEAN
        .replace("publisher-place = \"Ankara\"\n", "")
        .replace("0-306-40615-2", "0-306-40615-3");
    let dir = library(&[("kitap", &text)]);
    let mut cmd = kaynak();
    cmd.arg("--library")
        .arg(dir.path())
        .args(["--quiet", "check", "--format", "concise", "--today", TODAY]);
    cmd.assert().code(1).stdout(
        predicate::str::contains("invalid-isbn")
            .and(predicate::str::contains("missing-recommended").not())
            .and(predicate::str::contains("checked").not()),
    );
}

#[test]
fn fix_dry_run_on_the_broken_fixture_touches_only_the_fixable_records() {
    let work = tempfile::tempdir().expect("temp dir");
    let lib = work.path().join("broken");
    fs::create_dir(&lib).expect("mkdir");
    for item in fs::read_dir(root().join("tests/fixtures/broken")).expect("fixture") {
        let path = item.expect("entry").path();
        fs::copy(&path, lib.join(path.file_name().expect("name"))).expect("copy");
    }
    let output = kaynak()
        .current_dir(work.path())
        .args([
            "--library",
            "broken",
            "check",
            "--fix",
            "--dry-run",
            "--format",
            "concise",
            "--today",
            TODAY,
        ])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The records fixed are exactly those named after a rule the table says
    // `--fix` repairs, and the day-first date the loader's `invalid-date`
    // rewrites; what each fix does is in the golden diff.
    let fixed: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("would fix broken/"))
        .filter_map(|l| l.split_once(".toml:").map(|(stem, _)| stem))
        .collect();
    let mut expected: Vec<&str> = kaynak::check::rules::all()
        .filter(|r| r.fix.is_some())
        .map(|r| r.id)
        .filter(|id| {
            root()
                .join(format!("tests/fixtures/broken/{id}.toml"))
                .exists()
        })
        .chain(["dotted-date"])
        .collect();
    expected.sort_unstable();
    assert_eq!(fixed, expected);
    assert!(stdout.contains(&format!(
        "would fix {} problems in {} files\n",
        expected.len(),
        expected.len()
    )));
    golden(
        "broken-fix.diff",
        &stdout[..stdout
            .find("broken/accessed-before-issued")
            .unwrap_or(stdout.len())],
    );
}

#[test]
fn bad_check_settings_are_reported() {
    let dir = library(&[("kitap", CLEAN)]);
    fs::write(
        dir.path().join("kaynak.toml"),
        "[check]\nmax-access-age-days = -1\n",
    )
    .expect("write");
    check_in(dir.path())
        .args(["--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "kaynak.toml:2:23: error[invalid-setting]",
        ));
}

#[test]
fn fix_with_json_keeps_stdout_json() {
    let dir = library(&[("makale", FIXABLE)]);
    let output = check_in(dir.path())
        .args(["--fix", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("fixed 3 problems in 1 file"), "{stderr}");
    assert!(
        stderr.ends_with("checked 1 record: 0 errors, 0 warnings, 0 infos\n"),
        "{stderr}"
    );
}

/// The fixes that findings carry come from the rules that declare one in the
/// rule table, and every such rule's fixture gets its fix: the table's `fix`
/// column cannot drift from the code.
#[test]
fn fixes_come_exactly_from_the_rules_that_declare_them() {
    use kaynak::check::{self, rules, Options};
    use std::collections::BTreeSet;
    let today = kaynak::model::DatePart::ymd(2026, 11, 28);
    let mut fixed = BTreeSet::new();
    for library in ["tests/fixtures/broken", "tests/hostile/records"] {
        let loaded = kaynak::store::load(&root().join(library)).expect("fixture");
        for d in check::check(&loaded, &Options::new(today)).diagnostics {
            if d.fix.is_some() {
                fixed.insert(d.code);
            }
        }
    }
    let declared: BTreeSet<&str> = rules::all()
        .filter(|r| r.fix.is_some())
        .map(|r| r.id)
        .collect();
    let from_rules: BTreeSet<&str> = fixed
        .iter()
        .copied()
        .filter(|code| !kaynak::store::LOAD_CODES.contains(code))
        .collect();
    assert_eq!(from_rules, declared);
    assert!(fixed.contains("invalid-date"), "the loader's date fix");
}
