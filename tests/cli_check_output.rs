//! The output cache of `kaynak check` (`.kaynak-cache-check-output`): a
//! check over unchanged inputs prints what the last one printed, to the
//! byte, with its exit code; a change to anything its output depends on
//! (each part of its key, a record, the cache file itself) gives a check
//! run afresh.
//!
//! A replay is told from a check by a record rewritten behind the caches'
//! backs, its size and time kept, and the other caches removed: a replay
//! prints the record as it was, a check reads it as it is now.

mod cache_support;

use cache_support::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

const AGED: Duration = Duration::from_secs(60);

/// One way of running kaynak: its arguments (after `--library DIR`, or
/// with the library named `library` when given), working directory and
/// executable.
#[derive(Clone, Default)]
struct Run<'a> {
    args: Vec<&'a str>,
    library: Option<PathBuf>,
    cwd: Option<PathBuf>,
    exe: Option<PathBuf>,
    /// Run on a terminal (through `script`), with or without `NO_COLOR`.
    terminal: Option<Colors>,
}

#[derive(Clone, Copy, PartialEq)]
enum Colors {
    Default,
    NoColor,
}

impl<'a> Run<'a> {
    fn new(args: &[&'a str]) -> Run<'a> {
        Run {
            args: args.to_vec(),
            ..Run::default()
        }
    }

    fn output(&self, dir: &Path, no_cache: bool) -> (String, String, i32) {
        let exe = match &self.exe {
            Some(exe) => exe.clone(),
            None => PathBuf::from(env!("CARGO_BIN_EXE_kaynak")),
        };
        let mut args = vec![exe.into_os_string(), "--library".into()];
        args.push(self.library.as_deref().unwrap_or(dir).into());
        if no_cache {
            args.push("--no-cache".into());
        }
        args.extend(self.args.iter().map(Into::into));
        let mut cmd = match self.terminal {
            None => {
                let mut cmd = assert_cmd::Command::new(&args[0]);
                cmd.args(&args[1..]);
                cmd
            }
            // `script` runs the command on a pseudo-terminal and copies
            // what it wrote there.
            Some(_) => {
                let quoted: Vec<String> = args
                    .iter()
                    .map(|a| format!("'{}'", a.to_string_lossy().replace('\'', "'\\''")))
                    .collect();
                let mut cmd = assert_cmd::Command::new("script");
                cmd.args(["-qec", &quoted.join(" "), "/dev/null"]);
                cmd
            }
        };
        cmd.env_remove("KAYNAK_LIBRARY").env("NO_COLOR", "1");
        if self.terminal == Some(Colors::Default) {
            cmd.env_remove("NO_COLOR");
        }
        if let Some(cwd) = &self.cwd {
            cmd.current_dir(cwd);
        }
        output_of(cmd, dir)
    }
}

/// The record rewritten behind the caches' backs.
const RECORD: &str = "invalid-doi.toml";

/// Rewrites `dir/RECORD` with `text`, keeping its size and time.
fn set_behind_backs(dir: &Path, text: &str) {
    let path = dir.join(RECORD);
    let time = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(fs::metadata(&path).expect("size").len(), text.len() as u64);
    fs::write(&path, text).expect("write");
    let file = fs::File::options().write(true).open(&path).expect("open");
    file.set_modified(time).expect("mtime");
}

fn remove_caches(dir: &Path) {
    for item in fs::read_dir(dir).expect("library") {
        let path = item.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with(".kaynak-cache") {
            fs::remove_file(&path).expect("remove");
        }
    }
}

/// Whether `then`, run right after `made` made the output cache (and
/// `change` changed something), replays `made`'s output. Either way it
/// prints what it should: a replay is the truth only when `then` is `made`
/// and nothing it depends on changed (the record rewritten behind the
/// backs is the one thing that differs, and only in the replay).
fn replays_after(dir: &Path, made: &Run, change: impl FnOnce(), then: &Run) -> bool {
    remove_caches(dir);
    made.output(dir, false);
    assert!(dir.join(CHECK_OUTPUT).exists(), "made by {:?}", made.args);
    change();
    fs::remove_file(dir.join(CHECK_CACHE)).expect("no check cache");
    let _ = fs::remove_file(dir.join(".kaynak-cache"));
    let text = fs::read_to_string(dir.join(RECORD)).expect("read");
    assert!(text.contains("DOI = \""));
    set_behind_backs(dir, &text.replace("DOI = \"", "URL = \""));
    let truth = then.output(dir, true);
    let got = then.output(dir, false);
    set_behind_backs(dir, &text);
    remove_caches(dir);
    got != truth
}

fn replays(dir: &Path, made: &Run, then: &Run) -> bool {
    replays_after(dir, made, || {}, then)
}

fn check(args: &[&'static str]) -> Run<'static> {
    let mut all = vec!["check", "--today", TODAY];
    all.extend_from_slice(args);
    Run::new(&all)
}

#[test]
fn a_warm_check_is_a_replay_of_the_cold_one() {
    for age in [AGED, Duration::ZERO] {
        let dir = copy_of("broken", age);
        for args in [
            &["check", "--today", TODAY][..],
            &["check", "--today", TODAY, "--format", "concise"],
            &["check", "--today", TODAY, "--format", "json"],
            &["--quiet", "check", "--today", TODAY, "--format", "json"],
            &["--color", "always", "check", "--today", TODAY],
            &[
                "check",
                "--today",
                TODAY,
                "--strict",
                "dup-doi-a",
                "bad-toml",
            ],
        ] {
            let (out, err, code) = agrees(dir.path(), args, CHECK_OUTPUT);
            assert_eq!(code, 1, "{args:?}");
            assert!(out.contains("bad-toml.toml"), "{args:?}: {out}");
            if args.contains(&"json") && !args.contains(&"--quiet") {
                assert!(err.starts_with("checked "), "the summary on stderr: {err}");
            }
            remove_caches(dir.path());
        }
        // A check without findings exits 0, replayed too.
        let clean = ["check", "--today", TODAY, "allowed-with-reason"];
        let (_, _, code) = agrees(dir.path(), &clean, CHECK_OUTPUT);
        assert_eq!(code, 0);
        if age == AGED {
            for made in [check(&[]), check(&["--format", "json"])] {
                assert!(replays(dir.path(), &made, &made), "{:?}", made.args);
            }
        }
    }
}

#[test]
fn each_option_of_the_key_gives_a_new_check() {
    let dir = copy_of("broken", AGED);
    let base = check(&[]);
    let others = [
        Run::new(&["check", "--today", "2026-11-29"]),
        check(&["--profile", "gost"]),
        check(&["--format", "concise"]),
        check(&["--format", "json"]),
        check(&["--strict"]),
        check(&["invalid-doi"]),
        Run::new(&["--quiet", "check", "--today", TODAY]),
        Run::new(&["--color", "always", "check", "--today", TODAY]),
    ];
    for other in &others {
        assert!(!replays(dir.path(), &base, other), "{:?}", other.args);
        assert!(!replays(dir.path(), other, &base), "{:?}", other.args);
    }
    // --fix never replays, nor is it recorded.
    let fix = check(&["--fix", "--dry-run"]);
    assert!(!replays(dir.path(), &base, &fix));
    fix.output(dir.path(), false);
    assert!(!dir.path().join(CHECK_OUTPUT).exists());
    // The keys selected, as a set of records.
    let one = check(&["invalid-doi"]);
    let two = check(&["invalid-doi", "dup-doi-a"]);
    assert!(replays(dir.path(), &one, &one));
    assert!(!replays(dir.path(), &one, &two));
}

#[test]
fn the_build_and_the_names_given_are_in_the_key() {
    let dir = copy_of("broken", AGED);
    let base = check(&[]);
    // The library named another way: the findings print other paths.
    let spelled = Run {
        library: Some(dir.path().join(".")),
        ..base.clone()
    };
    assert!(replays(dir.path(), &spelled, &spelled));
    assert!(!replays(dir.path(), &base, &spelled));
    // Another working directory.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let moved = Run {
        cwd: Some(elsewhere.path().to_path_buf()),
        ..base.clone()
    };
    assert!(!replays(dir.path(), &base, &moved));
    // Another executable (the same build under another name): a rebuilt
    // binary must not replay what an older one printed.
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_kaynak"));
    let copies = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let other = copies.path().join("kaynak");
    if fs::hard_link(&exe, &other).is_err() {
        fs::copy(&exe, &other).expect("copy the binary");
    }
    let rebuilt = Run {
        exe: Some(other.clone()),
        ..base.clone()
    };
    assert!(replays(dir.path(), &rebuilt, &rebuilt));
    assert!(!replays(dir.path(), &base, &rebuilt));
}

/// Whether stdout is a terminal, and whether it gets color there.
#[test]
fn the_terminal_and_its_colors_are_in_the_key() {
    let found = std::process::Command::new("script")
        .args(["-qec", "true", "/dev/null"])
        .output();
    if !found.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: no `script` to run kaynak on a terminal");
        return;
    }
    let dir = copy_of("broken", AGED);
    let piped = check(&[]);
    let on = |colors| Run {
        terminal: Some(colors),
        ..piped.clone()
    };
    let (plain, colored) = (on(Colors::NoColor), on(Colors::Default));
    let (out, _, code) = colored.output(dir.path(), true);
    assert!(out.contains("\u{1b}["), "colors on a terminal: {out}");
    assert_eq!(code, 1);
    assert!(!plain.output(dir.path(), true).0.contains("\u{1b}["));
    for run in [&piped, &plain, &colored] {
        assert!(replays(dir.path(), run, run));
    }
    assert!(!replays(dir.path(), &piped, &plain));
    assert!(!replays(dir.path(), &plain, &piped));
    assert!(!replays(dir.path(), &plain, &colored));
    assert!(!replays(dir.path(), &colored, &plain));
    // No color anywhere: only where stdout goes differs (on a terminal,
    // control characters in results are escaped).
    let never = Run::new(&["--color", "never", "check", "--today", TODAY]);
    let never_on_terminal = Run {
        terminal: Some(Colors::Default),
        ..never.clone()
    };
    assert!(replays(dir.path(), &never_on_terminal, &never_on_terminal));
    assert!(!replays(dir.path(), &never, &never_on_terminal));
    assert!(!replays(dir.path(), &never_on_terminal, &never));
}

#[test]
fn settings_and_the_style_class_are_in_the_key() {
    let dir = copy_of("broken", AGED);
    let base = check(&[]);
    let settings = dir.path().join("kaynak.toml");
    let text = fs::read_to_string(&settings).expect("read");
    // Any change to kaynak.toml (here the day dates are measured against,
    // the maximum access age, a comment), after a cache made with the old
    // text; the same text written again is no change.
    let plain = Run::new(&["check"]);
    let write = |text: &str| fs::write(&settings, text).expect("write");
    assert!(replays_after(dir.path(), &plain, || write(&text), &plain));
    for changed in [
        text.replace("as-of = 2026-11-28", "as-of = 2026-11-29"),
        text.replace("max-access-age-days = 1095", "max-access-age-days = 1096"),
        format!("# a comment\n{text}"),
    ] {
        assert_ne!(changed, text);
        assert!(!replays_after(
            dir.path(),
            &plain,
            || write(&changed),
            &plain
        ));
        write(&text);
    }
    assert!(replays(dir.path(), &base, &base));
    // The library's style turns from a note style into another: the
    // check's options change, kaynak.toml does not.
    fs::write(
        dir.path().join("long-title.toml"),
        "type = \"book\"\ntitle = \"One Two Three Four Five Six\"\nissued = 2001\n\
         publisher = \"P\"\npublisher-place = \"Q\"\nlanguage = \"en\"\n\
         author = [{ family = \"F\", given = \"G\" }]\n",
    )
    .expect("write");
    fs::create_dir(dir.path().join("styles")).expect("mkdir");
    let chicago = fs::read_to_string(root().join("styles/chicago-notes.csl")).expect("style");
    let style = dir.path().join("styles/mine.csl");
    fs::write(&style, &chicago).expect("write");
    fs::write(
        &settings,
        format!("style = \"mine\"\nstyles = [\"styles\"]\n{text}"),
    )
    .expect("write");
    let (notes, _, _) = agrees(dir.path(), &["check"], CHECK_OUTPUT);
    assert!(notes.contains("missing-title-short"), "{notes}");
    let in_text = chicago.replacen("class=\"note\"", "class=\"in-text\"", 1);
    assert_ne!(in_text, chicago);
    fs::write(&style, &in_text).expect("write");
    let (after, _, _) = run(dir.path(), &["check"]);
    assert!(!after.contains("missing-title-short"), "{after}");
    agrees_again(dir.path(), &["check"]);
}

#[test]
fn a_changed_record_gives_a_new_check() {
    let dir = copy_of("broken", AGED);
    let args = ["check", "--today", TODAY, "--format", "concise"];
    agrees(dir.path(), &args, CHECK_OUTPUT);
    // Rewritten (a new time), removed, added; a file the listing skips.
    let path = dir.path().join(RECORD);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replace("DOI = \"", "URL = \"")).expect("write");
    let (out, _, _) = run(dir.path(), &args);
    assert!(!out.contains("invalid-doi.toml:3"), "{out}");
    agrees_again(dir.path(), &args);
    fs::remove_file(dir.path().join("dup-doi-a.toml")).expect("remove");
    agrees_again(dir.path(), &args);
    fs::write(
        dir.path().join("new-one.toml"),
        "type = \"webpage\"\ntitle = \"Yeni\"\n",
    )
    .expect("write");
    let (out, _, _) = run(dir.path(), &args);
    assert!(out.contains("new-one.toml"), "{out}");
    agrees_again(dir.path(), &args);
    fs::write(dir.path().join("Not A Key!.toml"), "").expect("write");
    let (out, _, _) = run(dir.path(), &args);
    assert!(out.contains("Not A Key!.toml"), "{out}");
    agrees_again(dir.path(), &args);
}

#[test]
fn a_corrupt_or_foreign_output_cache_is_ignored() {
    let dir = copy_of("broken", AGED);
    let args = ["check", "--today", TODAY];
    let reference = agrees(dir.path(), &args, CHECK_OUTPUT);
    run(dir.path(), &["bib", "--style", "apa"]);
    let bib = fs::read(dir.path().join(".kaynak-cache-bib")).expect("bib cache");
    let check_cache = fs::read(dir.path().join(CHECK_CACHE)).expect("check cache");
    let cache = dir.path().join(CHECK_OUTPUT);
    ignores_bad_caches(dir.path(), &args, &cache, &reference, &[&bib, &check_cache]);
}

/// A record that cannot be read makes a check that is not cached (what is
/// wrong with it may change without its stamp changing).
#[cfg(unix)]
#[test]
fn a_check_with_an_unreadable_record_is_not_cached() {
    use std::os::unix::fs::PermissionsExt;
    let dir = copy_of("broken", AGED);
    let path = dir.path().join(RECORD);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&path).is_ok() {
        eprintln!("skipped: running as root, the file stays readable");
        return;
    }
    let (out, _, _) = run(dir.path(), &["check", "--today", TODAY]);
    assert!(out.contains(RECORD), "{out}");
    assert!(!dir.path().join(CHECK_OUTPUT).exists());
}
