//! The caches as a user meets them: a second run over an unchanged library
//! prints exactly what the first printed (and what `--no-cache` prints),
//! and any change to a record, to the options or to the cache file itself
//! gives the output of a run without caches.

mod cache_support;

use cache_support::*;
use std::fs;
use std::path::Path;
use std::time::Duration;

#[test]
fn a_warm_check_prints_what_a_cold_one_prints() {
    for age in [Duration::from_secs(60), Duration::ZERO] {
        let dir = copy_of("broken", age);
        let args = ["check", "--today", TODAY];
        let (out, _, code) = agrees(dir.path(), &args, CHECK_CACHE);
        assert_eq!(code, 1);
        assert!(out.contains("duplicate-doi") && out.contains("allow-without-reason"));
        assert!(out.contains("invalid-toml"), "{out}");
        // Concise and JSON read the same findings.
        for format in ["concise", "json"] {
            agrees_again(dir.path(), &["check", "--today", TODAY, "--format", format]);
        }
        // Only some records.
        agrees_again(
            dir.path(),
            &["check", "--today", TODAY, "dup-doi-b", "bad-toml"],
        );
    }
}

/// `check` keeps its own cache and leaves the load cache to the commands
/// that keep entries: it reads a load cache another command wrote (and
/// agrees with a run without caches), but does not write one itself.
#[test]
fn check_reads_the_load_cache_but_leaves_writing_it_to_others() {
    let dir = copy_of("broken", Duration::from_secs(60));
    let args = ["check", "--today", TODAY];
    agrees(dir.path(), &args, CHECK_CACHE);
    assert!(
        !dir.path().join(".kaynak-cache").exists(),
        "check wrote the load cache"
    );
    // Both of check's caches go: the next check must load.
    fs::remove_file(dir.path().join(CHECK_CACHE)).expect("remove");
    fs::remove_file(dir.path().join(CHECK_OUTPUT)).expect("remove");
    agrees(dir.path(), &["list"], ".kaynak-cache");
    let load_cache = fs::read(dir.path().join(".kaynak-cache")).expect("load cache");
    // A cold check over the load cache `list` wrote.
    let reference = run(dir.path(), &with_no_cache(&args));
    assert_eq!(run(dir.path(), &args), reference);
    let after = fs::read(dir.path().join(".kaynak-cache")).expect("load cache");
    assert!(after == load_cache, "check rewrote the load cache");
}

#[test]
fn a_changed_record_or_option_is_checked_again() {
    let dir = copy_of("broken", Duration::from_secs(60));
    let args = ["check", "--today", TODAY];
    agrees(dir.path(), &args, CHECK_CACHE);
    // A record gains the DOI of another: the duplicate is found, in the
    // unchanged record's company.
    let a = dir.path().join("dup-title-a.toml");
    let text = fs::read_to_string(&a).expect("read");
    let doi = fs::read_to_string(dir.path().join("dup-doi-a.toml"))
        .expect("read")
        .lines()
        .find(|l| l.starts_with("DOI"))
        .expect("a DOI line")
        .to_string();
    fs::write(&a, format!("{text}{doi}\n")).expect("write");
    let (out, _, _) = run(dir.path(), &args);
    assert!(out.contains("dup-title-a"), "{out}");
    agrees_again(dir.path(), &args);
    // A record removed, a record added.
    fs::remove_file(dir.path().join("dup-doi-a.toml")).expect("remove");
    fs::write(
        dir.path().join("new-one.toml"),
        "type = \"webpage\"\ntitle = \"Yeni\"\n",
    )
    .expect("write");
    agrees_again(dir.path(), &args);
    // Another day: every date rule is measured again.
    agrees_again(dir.path(), &["check", "--today", "2040-01-01"]);
    agrees_again(
        dir.path(),
        &["check", "--today", TODAY, "--profile", "gost"],
    );
}

#[test]
fn a_corrupt_or_foreign_check_cache_is_ignored() {
    let dir = copy_of("broken", Duration::from_secs(60));
    let args = ["check", "--today", TODAY];
    let reference = agrees(dir.path(), &args, CHECK_CACHE);
    let cache = dir.path().join(CHECK_CACHE);
    let good = fs::read(&cache).expect("cache");
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let bad: [&[u8]; 4] = [b"", b"not a cache", &good[..good.len() / 2], &flipped];
    for bytes in bad {
        fs::write(&cache, bytes).expect("write");
        // Not answered by the output cache: the check cache is read.
        fs::remove_file(dir.path().join(CHECK_OUTPUT)).expect("remove");
        assert_eq!(run(dir.path(), &args), reference);
        assert_eq!(
            fs::read(&cache).expect("rebuilt"),
            good,
            "rebuilt as it was"
        );
    }
}

/// A record rewritten behind the cache's back, with its size and time kept,
/// still reads as cached: the warm check did not read it (which is the
/// point of the cache), while `--no-cache` reads the truth. (Concise
/// findings: a snippet would show the file as it is now. The output cache
/// is removed: it would answer without even the check cache.)
#[test]
fn a_warm_check_does_not_read_unchanged_records() {
    let dir = copy_of("broken", Duration::from_secs(60));
    let args = ["check", "--today", TODAY, "--format", "concise"];
    let (before, _, _) = agrees(dir.path(), &args, CHECK_CACHE);
    let path = dir.path().join("invalid-doi.toml");
    let text = fs::read_to_string(&path).expect("read");
    let time = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert!(text.contains("DOI = \"") && before.contains("invalid-doi.toml"));
    fs::write(&path, text.replace("DOI = \"", "URL = \"")).expect("write");
    let file = fs::File::options().write(true).open(&path).expect("open");
    file.set_modified(time).expect("mtime");
    fs::remove_file(dir.path().join(CHECK_OUTPUT)).expect("remove");
    assert_eq!(run(dir.path(), &args).0, before);
    assert_ne!(run(dir.path(), &with_no_cache(&args)).0, before);
}

/// `--fix` on a warm cache applies the fixes the cached findings carry:
/// the same repairs (and the same report after them) as without caches,
/// and a check after them agrees with one without caches.
#[test]
fn fix_on_a_warm_cache_repairs_what_a_cold_fix_repairs() {
    let warm = copy_of("broken", Duration::from_secs(60));
    let cold = copy_of("broken", Duration::from_secs(60));
    let check = ["check", "--today", TODAY];
    agrees(warm.path(), &check, CHECK_CACHE);
    let dry = ["check", "--today", TODAY, "--fix", "--dry-run"];
    let (shown, _, _) = run(warm.path(), &dry);
    assert!(
        shown.contains("would fix") && shown.contains("doi-as-url"),
        "{shown}"
    );
    assert_eq!(shown, run(cold.path(), &with_no_cache(&dry)).0);
    let fix = ["check", "--today", TODAY, "--fix"];
    let fixed = run(warm.path(), &fix);
    assert_eq!(fixed, run(cold.path(), &with_no_cache(&fix)));
    assert!(fixed.0.contains("fixed "), "{}", fixed.0);
    for item in fs::read_dir(cold.path()).expect("library") {
        let path = item.expect("entry").path();
        let name = path.file_name().expect("name");
        if path.extension().is_some_and(|e| e == "toml") {
            let ours = fs::read_to_string(warm.path().join(name)).expect("read");
            assert_eq!(ours, fs::read_to_string(&path).expect("read"), "{name:?}");
        }
    }
    agrees_again(warm.path(), &check);
}

// ---------------------------------------------------------------------------
// The output cache of `kaynak bib` (`.kaynak-cache-bib`).

const BIB_CACHE: &str = ".kaynak-cache-bib";

/// Proves that `args` over `dir` is answered from the bib cache: a record
/// rewritten behind the caches' backs (size and time kept) and the load
/// cache gone, a warm run still prints what it printed before (only a
/// replay can), while `--no-cache` prints the truth. The record is then put
/// back as it was.
fn is_replayed(dir: &Path, args: &[&str]) -> bool {
    let before = run(dir, args);
    let path = dir.join("missing-accessed.toml");
    let text = fs::read_to_string(&path).expect("read");
    let time = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let set = |text: &str| {
        fs::write(&path, text).expect("write");
        let file = fs::File::options().write(true).open(&path).expect("open");
        file.set_modified(time).expect("mtime");
    };
    set(&text.replace("Missing Accessed", "Missing Accesses"));
    let _ = fs::remove_file(dir.join(".kaynak-cache"));
    let replayed = run(dir, args) == before;
    assert_ne!(run(dir, &with_no_cache(args)).0, before.0, "{args:?}");
    set(&text);
    replayed
}

#[test]
fn a_warm_bib_prints_what_a_cold_one_prints() {
    for age in [Duration::from_secs(60), Duration::ZERO] {
        let dir = copy_of("broken", age);
        let args = ["bib", "--style", "apa"];
        let (out, err, code) = agrees(dir.path(), &args, BIB_CACHE);
        // Load errors (exit 1, snippets on stderr) and the bibliography.
        assert_eq!(code, 1);
        assert!(err.contains("invalid-toml") && err.contains("bad-toml.toml"));
        assert!(out.contains("Missing Accessed"), "{out}");
        if age > Duration::ZERO {
            assert!(is_replayed(dir.path(), &args));
        }
        // Warnings after the output (LaTeX), some records, quiet.
        for args in [
            &["bib", "--style", "apa", "--format", "latex"][..],
            &["bib", "--style", "apa", "missing-accessed", "invalid-doi"],
            &["--quiet", "bib", "--style", "apa"],
        ] {
            agrees_again(dir.path(), args);
        }
    }
}

#[test]
fn a_changed_record_option_or_setting_gives_a_new_bib() {
    let dir = copy_of("broken", Duration::from_secs(60));
    let args = ["bib", "--style", "apa"];
    agrees(dir.path(), &args, BIB_CACHE);
    assert!(is_replayed(dir.path(), &args));
    // A record changed (same size, a new time), removed, added.
    let path = dir.path().join("missing-accessed.toml");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replace("Missing Accessed", "Missing Accesses")).expect("write");
    let (out, _, _) = run(dir.path(), &args);
    assert!(out.contains("Missing Accesses"), "{out}");
    agrees_again(dir.path(), &args);
    fs::remove_file(dir.path().join("dup-doi-a.toml")).expect("remove");
    agrees_again(dir.path(), &args);
    fs::write(
        dir.path().join("new-one.toml"),
        "type = \"webpage\"\ntitle = \"Yeni\"\n",
    )
    .expect("write");
    agrees_again(dir.path(), &args);
    // Options: the format, the records, the style, the forms; each run
    // right after the cache was made for `args`.
    for other in [
        &["bib", "--style", "apa", "--format", "html"][..],
        &["bib", "--style", "apa", "new-one"],
        &["bib", "--style", "mla"],
        &["bib", "--style", "apa", "--form", "original"],
        &["bib", "--style", "apa", "--translit", "iso9"],
    ] {
        agrees_again(dir.path(), &args);
        agrees_again(dir.path(), other);
    }
    // kaynak.toml: another typo, another warning.
    agrees_again(dir.path(), &args);
    let settings = dir.path().join("kaynak.toml");
    let text = fs::read_to_string(&settings).expect("read");
    assert!(text.contains("profle"));
    fs::write(&settings, text.replace("profle", "profil")).expect("write");
    let (_, err, _) = run(dir.path(), &args);
    assert!(err.contains("profil"), "{err}");
    agrees_again(dir.path(), &args);
}

#[test]
fn a_changed_style_or_locale_file_gives_a_new_bib() {
    let dir = copy_of("broken", Duration::from_secs(60));
    let styles = tempfile::tempdir().expect("temp dir");
    let style = styles.path().join("mine.csl");
    let apa = fs::read_to_string(root().join("styles/apa.csl")).expect("apa");
    fs::write(&style, &apa).expect("write");
    let style_arg = style.display().to_string();
    let args = ["bib", "--style", &style_arg];
    let (before, _, _) = agrees(dir.path(), &args, BIB_CACHE);
    // The same size, so that only the contents tell.
    let changed = apa.replace("prefix=\"(\" suffix=\").\"", "prefix=\"[\" suffix=\").\"");
    assert_ne!(changed, apa);
    fs::write(&style, &changed).expect("write");
    let (after, _, _) = run(dir.path(), &args);
    assert_ne!(after, before);
    agrees_again(dir.path(), &args);
    // A locale file in a --locales directory.
    let shared = root().join("../shared/csl/locales/locales-en-US.xml");
    let Ok(locale) = fs::read_to_string(&shared) else {
        eprintln!("skipped the locale part: ../shared/csl/locales is absent");
        return;
    };
    let locales = tempfile::tempdir().expect("temp dir");
    let file = locales.path().join("locales-en-US.xml");
    fs::write(&file, &locale).expect("write");
    let dir_arg = locales.path().display().to_string();
    let args = [
        "bib",
        "--style",
        "apa",
        "--locale",
        "en-US",
        "--locales",
        &dir_arg,
    ];
    let (before, _, _) = run(dir.path(), &args);
    agrees_again(dir.path(), &args);
    let changed = locale.replace(">n.d.<", ">o.J.<");
    assert_ne!(changed, locale);
    fs::write(&file, &changed).expect("write");
    let (after, _, _) = run(dir.path(), &args);
    assert!(
        after.contains("o.J.") && !before.contains("o.J."),
        "{after}"
    );
    agrees_again(dir.path(), &args);
}

#[test]
fn a_corrupt_or_foreign_bib_cache_is_ignored() {
    let dir = copy_of("broken", Duration::from_secs(60));
    let args = ["bib", "--style", "apa"];
    let reference = agrees(dir.path(), &args, BIB_CACHE);
    let cache = dir.path().join(BIB_CACHE);
    let load_cache = fs::read(dir.path().join(".kaynak-cache")).expect("load cache");
    ignores_bad_caches(dir.path(), &args, &cache, &reference, &[&load_cache]);
}

/// A record that cannot be read makes a run that is not cached (what is
/// wrong with it may change without its stamp changing).
#[cfg(unix)]
#[test]
fn a_run_with_an_unreadable_record_is_not_cached() {
    use std::os::unix::fs::PermissionsExt;
    let dir = copy_of("broken", Duration::from_secs(60));
    let path = dir.path().join("missing-accessed.toml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&path).is_ok() {
        eprintln!("skipped: running as root, the file stays readable");
        return;
    }
    let args = ["bib", "--style", "apa"];
    let (_, err, _) = run(dir.path(), &args);
    assert!(err.contains("missing-accessed.toml"), "{err}");
    assert!(!dir.path().join(BIB_CACHE).exists());
}
