//! What the cache tests share: copies of fixture libraries with their files
//! dated in the past, and runs of the binary whose output names the library
//! `LIB`.

#![allow(dead_code)]

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub const TODAY: &str = "2026-11-28";

/// The output cache of `kaynak check`.
pub const CHECK_OUTPUT: &str = ".kaynak-cache-check-output";
/// The check cache (findings per record).
pub const CHECK_CACHE: &str = ".kaynak-cache-check";

pub fn kaynak() -> Command {
    let mut cmd = Command::cargo_bin("kaynak").expect("binary");
    cmd.env_remove("KAYNAK_LIBRARY").env("NO_COLOR", "1");
    cmd
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Sets a file's modification time `age` into the past: a file cached
/// right after it was written is compared by its contents, an older one by
/// size and time only, and both ways must hold.
pub fn age_file(path: &Path, age: Duration) {
    let file = fs::File::options().write(true).open(path).expect("open");
    file.set_modified(SystemTime::now() - age).expect("mtime");
}

/// A copy of the fixture library `name`, its files dated `age` ago. Caches
/// that other tests' runs left in the fixture (`.kaynak-cache*`, ignored by
/// git) are not copied.
pub fn copy_of(name: &str, age: Duration) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for item in fs::read_dir(root().join("tests/fixtures").join(name)).expect("fixture") {
        let path = item.expect("entry").path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if path.is_file() && !hidden {
            let copy = dir.path().join(path.file_name().expect("name"));
            fs::copy(&path, &copy).expect("copy");
            age_file(&copy, age);
        }
    }
    dir
}

/// stdout, stderr and exit code of `cmd`, with the library's path `dir`
/// written as `LIB`.
pub fn output_of(mut cmd: Command, dir: &Path) -> (String, String, i32) {
    let output = cmd.output().expect("run");
    let lib = dir.display().to_string();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&lib, "LIB");
    (
        text(&output.stdout),
        text(&output.stderr),
        output.status.code().unwrap_or(-1),
    )
}

/// stdout, stderr and exit code of `kaynak --library DIR ARGS…`, with the
/// library's path written as `LIB`.
pub fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let mut cmd = kaynak();
    cmd.arg("--library").arg(dir).args(args);
    output_of(cmd, dir)
}

pub fn with_no_cache<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut out = vec!["--no-cache"];
    out.extend_from_slice(args);
    out
}

/// For a check: a run without the output cache, through the check cache
/// alone, prints `reference` too.
fn check_cache_alone(dir: &Path, args: &[&str], reference: &(String, String, i32)) {
    if dir.join(CHECK_OUTPUT).exists() {
        fs::remove_file(dir.join(CHECK_OUTPUT)).expect("remove");
        assert_eq!(&run(dir, args), reference, "{args:?}, check cache alone");
    }
}

/// Runs `args` without caches, then twice with them: all three agree (and
/// a check agrees through its check cache alone too).
pub fn agrees(dir: &Path, args: &[&str], cache: &str) -> (String, String, i32) {
    let reference = run(dir, &with_no_cache(args));
    assert!(!dir.join(cache).exists(), "--no-cache writes no cache");
    let cold = run(dir, args);
    assert!(dir.join(cache).exists(), "the first run writes {cache}");
    let warm = run(dir, args);
    assert_eq!(cold, reference, "cold run of {args:?}");
    assert_eq!(warm, reference, "warm run of {args:?}");
    check_cache_alone(dir, args, &reference);
    reference
}

/// The cache exists: with and without it, the same output.
pub fn agrees_again(dir: &Path, args: &[&str]) {
    let reference = run(dir, &with_no_cache(args));
    assert_eq!(run(dir, args), reference, "{args:?}");
    assert_eq!(run(dir, args), reference, "{args:?}, again");
    check_cache_alone(dir, args, &reference);
}

/// A cache file at `cache` that is empty, not a cache, cut short, with a
/// byte flipped, or one of the `foreign` files (other caches) is ignored:
/// `args` prints `reference` and writes the file anew, byte for byte as the
/// good one it replaced.
pub fn ignores_bad_caches(
    dir: &Path,
    args: &[&str],
    cache: &Path,
    reference: &(String, String, i32),
    foreign: &[&[u8]],
) {
    let good = fs::read(cache).expect("cache");
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let mut bad: Vec<&[u8]> = vec![b"", b"not a cache", &good[..good.len() / 2], &flipped];
    bad.extend_from_slice(foreign);
    for bytes in bad {
        fs::write(cache, bytes).expect("write");
        assert_eq!(&run(dir, args), reference);
        assert_eq!(fs::read(cache).expect("rebuilt"), good, "rebuilt as it was");
    }
}
