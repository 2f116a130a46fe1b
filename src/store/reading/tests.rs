//! Tests of reading a library: threads, the load cache, known records.

use super::*;
use std::fs;
use std::time::Duration;

/// Enough files for several threads; every 7th is broken, every 50th
/// clashes in case with its predecessor: the outcome must be in file
/// order, as a single thread gives it.
#[test]
fn threads_merge_in_file_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let count = 768;
    for i in 0..count {
        let text = if i % 7 == 0 {
            "type = \n".to_string()
        } else {
            format!("type = \"book\"\ntitle = \"T{i}\"\n")
        };
        let name = if i % 50 == 1 {
            format!("R{:04}.toml", i - 1)
        } else {
            format!("r{i:04}.toml")
        };
        fs::write(dir.path().join(name), text).expect("write");
    }
    let files = super::super::record_files(dir.path()).expect("files");
    let mut threaded = Loaded::default();
    read_records(&mut threaded, &files, &LoadOptions::default(), &());
    let keys = check_keys(&files);
    let now = SystemTime::now();
    let single: Vec<Diagnostic> = files
        .iter()
        .zip(&keys)
        .flat_map(|(path, key)| match key {
            Err(d) => vec![d.clone()],
            Ok(key) => {
                let hit = Hit {
                    known: None,
                    cached: None,
                };
                read_file(path, key, hit, now).diagnostics
            }
        })
        .collect();
    assert!(!single.is_empty());
    assert_eq!(threaded.diagnostics, single);
    assert_eq!(threaded.library.files_found, count);
    let refused = keys.iter().filter(|k| k.is_err()).count();
    assert_eq!(refused, count / 50 + 1);
    // Exactly the records with findings keep their text.
    let with_findings: std::collections::HashSet<&Path> = threaded
        .diagnostics
        .iter()
        .filter(|d| d.code != "duplicate-key")
        .filter_map(|d| d.location.as_ref().map(|l| l.file.as_path()))
        .collect();
    let kept: std::collections::HashSet<&Path> = threaded
        .library
        .sources
        .keys()
        .map(PathBuf::as_path)
        .collect();
    assert_eq!(kept, with_findings);
    assert!(kept.len() > 100);
}

/// A cached load spans many cache chunks (decoded a few at a time) and
/// gives what an uncached one gives.
#[test]
fn a_cache_of_many_chunks_is_read_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..300 {
        let text = if i % 9 == 0 {
            "type = \"book\"\ntitel = \"x\"\n".to_string()
        } else {
            format!("type = \"book\"\ntitle = \"T{i}\"\n")
        };
        let path = dir.path().join(format!("r{i:03}.toml"));
        fs::write(&path, text).expect("write");
        age_file(&path, Duration::from_secs(60));
    }
    let cold = load(dir.path(), false);
    load(dir.path(), true);
    let file = cache::open(dir.path()).expect("cache");
    assert!(file.chunks() > 2 * CacheStream::CHUNKS_AT_ONCE);
    let warm = load(dir.path(), true);
    assert_eq!(warm.library.entries, cold.library.entries);
    assert_eq!(warm.diagnostics, cold.diagnostics);
    // Every record came from the cache: the cache was not written again.
    let before = fs::metadata(dir.path().join(cache::CACHE_FILE)).expect("meta");
    load(dir.path(), true);
    let after = fs::metadata(dir.path().join(cache::CACHE_FILE)).expect("meta");
    assert_eq!(before.modified().ok(), after.modified().ok());
}

/// A warm load encodes nothing and leaves the cache as it is; once a
/// record changes, the cache it writes (the other records copied from
/// the old one) is byte for byte the cache a cold load writes.
#[test]
fn a_rewritten_cache_copies_the_reused_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..40 {
        let path = dir.path().join(format!("r{i:02}.toml"));
        let text = format!("type = \"book\"\ntitle = \"Kitab {i}\"\n");
        fs::write(&path, text).expect("write");
        age_file(&path, Duration::from_secs(60));
    }
    let path = dir.path().join(cache::CACHE_FILE);
    load(dir.path(), true);
    let first = fs::read(&path).expect("cache");
    let written = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    load(dir.path(), true);
    assert_eq!(
        fs::metadata(&path).and_then(|m| m.modified()).ok(),
        Some(written)
    );
    let changed = dir.path().join("r17.toml");
    fs::write(&changed, "type = \"book\"\ntitle = \"Yeni\"\n").expect("write");
    age_file(&changed, Duration::from_secs(60));
    let warm = load(dir.path(), true);
    assert_eq!(title(&warm, "r17"), "Yeni");
    let rewritten = fs::read(&path).expect("cache");
    assert_ne!(rewritten, first);
    fs::remove_file(&path).expect("remove");
    let cold = load(dir.path(), true);
    assert_eq!(fs::read(&path).expect("cache"), rewritten);
    assert_eq!(warm.library.entries, cold.library.entries);
    assert_eq!(title(&load(dir.path(), true), "r17"), "Yeni");
}

/// A cache whose later chunk does not decode (whole and hashed, but not
/// records) is used up to that chunk; the load equals an uncached one,
/// and the cache written then holds every record again.
#[test]
fn a_chunk_that_does_not_decode_ends_the_cache() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..60 {
        let path = dir.path().join(format!("r{i:02}.toml"));
        fs::write(&path, format!("type = \"book\"\ntitle = \"T{i}\"\n")).expect("write");
        age_file(&path, Duration::from_secs(60));
    }
    let cold = load(dir.path(), false);
    load(dir.path(), true);
    let good = cache::open(dir.path()).expect("cache");
    let records = good.decode(0..good.chunks()).expect("decode");
    assert_eq!(records.len(), 60);
    let mut parts: Vec<(&str, &[u8])> = records
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                good.record_bytes(r.bytes.clone()).expect("bytes"),
            )
        })
        .collect();
    // Past the first few chunks (decoded together), a record that is
    // not one.
    let at = 8 * (CacheStream::CHUNKS_AT_ONCE + 1) + 2;
    parts[at].1 = b"\xff\xff";
    cache::write(dir.path(), &parts).expect("write");
    let opened = cache::open(dir.path()).expect("whole and hashed");
    assert!(opened.decode(0..opened.chunks()).is_none());
    assert_loads_as_cold_and_rebuilds(dir.path(), &cold, 60);
}

/// Known records unchanged on disk are skipped; a changed one is read.
#[test]
fn known_records_are_skipped_while_unchanged() {
    let dir = library(Duration::from_secs(60));
    let options = LoadOptions {
        stamps: true,
        ..LoadOptions::default()
    };
    let first = super::super::load_with_options(dir.path(), &options).expect("load");
    let known: Vec<(String, Stamp)> = first
        .files
        .iter()
        .filter_map(|f| match f.state {
            FileState::Read(stamp) => Some((f.name.clone(), stamp)),
            _ => None,
        })
        .collect();
    assert_eq!(known.len(), 3);
    let with_known = LoadOptions {
        known: &known,
        ..options
    };
    let second = super::super::load_with_options(dir.path(), &with_known).expect("load");
    assert_eq!(second.unchanged, [0, 1, 2]);
    assert!(second.library.entries.is_empty() && second.diagnostics.is_empty());
    assert_eq!(second.files, first.files);
    assert_eq!(second.library.files_found, 3);
    fs::write(
        dir.path().join("a.toml"),
        "type = \"book\"\ntitle = \"Yeni\"\n",
    )
    .expect("write");
    let third = super::super::load_with_options(dir.path(), &with_known).expect("load");
    assert_eq!(third.unchanged, [1, 2]);
    assert_eq!(title(&third, "a"), "Yeni");
}

/// A library of a good record, a broken one and one with a finding in
/// its text (not NFC), its files dated `age` ago.
fn library(age: Duration) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = [
        ("a", "type = \"book\"\ntitle = \"Kafkasya\"\n"),
        ("b", "type = \"book\"\ntitel = \"x\"\n"),
        ("c", "type = \"book\"\ntitle = \"Cafe\u{301}\"\n"),
    ];
    for (key, text) in records {
        let path = dir.path().join(format!("{key}.toml"));
        fs::write(&path, text).expect("write");
        age_file(&path, age);
    }
    dir
}

fn age_file(path: &Path, age: Duration) {
    let file = fs::File::options().write(true).open(path).expect("open");
    file.set_modified(SystemTime::now() - age).expect("mtime");
}

/// A cached load of `dir` gives what the uncached load `cold` gave, and
/// leaves a rebuilt cache of `records` records.
fn assert_loads_as_cold_and_rebuilds(dir: &Path, cold: &Loaded, records: usize) {
    let loaded = load(dir, true);
    assert_eq!(loaded.library.entries, cold.library.entries);
    assert_eq!(loaded.diagnostics, cold.diagnostics);
    assert_eq!(cache::read(dir).len(), records, "rebuilt");
}

fn load(dir: &Path, cache: bool) -> Loaded {
    let mut loaded = super::super::load_with(dir, cache).expect("load");
    for entry in &mut loaded.library.entries {
        // Spans and all: equal to an uncached load.
        assert!(entry.path.starts_with(dir));
    }
    loaded.library.entries.sort_by(|a, b| a.key.cmp(&b.key));
    loaded
}

fn title(loaded: &Loaded, key: &str) -> String {
    let entry = loaded.library.get(key).expect("entry");
    entry.text("title").expect("title").original.clone()
}

#[test]
fn a_warm_load_equals_a_cold_one_and_skips_unchanged_files() {
    let dir = library(Duration::from_secs(60));
    let cold = load(dir.path(), false);
    assert!(!dir.path().join(cache::CACHE_FILE).exists());
    let first = load(dir.path(), true);
    assert!(dir.path().join(cache::CACHE_FILE).exists());
    let warm = load(dir.path(), true);
    for loaded in [&first, &warm] {
        assert_eq!(loaded.library.entries, cold.library.entries);
        assert_eq!(loaded.diagnostics, cold.diagnostics);
        assert_eq!(loaded.library.sources, cold.library.sources);
    }
    // Only the clean record is cached: rewrite it behind the cache's
    // back, same size and time, and the warm load still has the old
    // title, which shows the file was not read.
    let a = dir.path().join("a.toml");
    fs::write(&a, "type = \"book\"\ntitle = \"Kafkasyb\"\n").expect("write");
    age_file(&a, Duration::from_secs(60));
    let meta = fs::metadata(&a).expect("meta");
    let cached = cache::read(dir.path());
    assert_eq!(cached.len(), 1);
    let same_time = SystemTime::UNIX_EPOCH + Duration::from_nanos(cached[0].stamp.mtime as u64);
    fs::File::options()
        .write(true)
        .open(&a)
        .expect("open")
        .set_modified(same_time)
        .expect("mtime");
    assert_eq!(meta.len(), cached[0].stamp.size);
    assert_eq!(title(&load(dir.path(), true), "a"), "Kafkasya");
    // Without the cache the truth is read.
    assert_eq!(title(&load(dir.path(), false), "a"), "Kafkasyb");
}

#[test]
fn a_changed_file_is_read_again() {
    let dir = library(Duration::from_secs(60));
    load(dir.path(), true);
    let a = dir.path().join("a.toml");
    fs::write(&a, "type = \"book\"\ntitle = \"Kafkasya yeni\"\n").expect("write");
    assert_eq!(title(&load(dir.path(), true), "a"), "Kafkasya yeni");
    // A deleted record leaves the cache at the next load.
    fs::remove_file(&a).expect("remove");
    assert!(load(dir.path(), true).library.get("a").is_none());
    assert!(cache::read(dir.path()).is_empty());
}

/// A file cached the moment it was written could change again within the
/// clock's grain, keeping its size and time: its contents decide.
#[test]
fn a_file_cached_as_it_changed_is_compared_by_contents() {
    let dir = library(Duration::ZERO);
    load(dir.path(), true);
    let cached = cache::read(dir.path());
    assert!(!cached[0].stamp.settled);
    let a = dir.path().join("a.toml");
    let time = fs::metadata(&a).and_then(|m| m.modified()).expect("mtime");
    fs::write(&a, "type = \"book\"\ntitle = \"Kafkasyb\"\n").expect("write");
    fs::File::options()
        .write(true)
        .open(&a)
        .expect("open")
        .set_modified(time)
        .expect("mtime");
    assert_eq!(title(&load(dir.path(), true), "a"), "Kafkasyb");
}

#[test]
fn corrupt_and_foreign_caches_are_ignored_and_rebuilt() {
    let dir = library(Duration::from_secs(60));
    let cold = load(dir.path(), false);
    let path = dir.path().join(cache::CACHE_FILE);
    load(dir.path(), true);
    let good = fs::read(&path).expect("cache");
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    let bad: [&[u8]; 4] = [b"", b"garbage", &good[..good.len() / 2], &flipped];
    for bytes in bad {
        fs::write(&path, bytes).expect("write");
        assert_loads_as_cold_and_rebuilds(dir.path(), &cold, 1);
    }
}

/// A cache that cannot be written (here its place is a directory) is
/// no error: the load is the same, without a cache.
#[test]
fn an_unwritable_cache_changes_nothing() {
    let dir = library(Duration::from_secs(60));
    let cold = load(dir.path(), false);
    fs::create_dir(dir.path().join(cache::CACHE_FILE)).expect("dir");
    fs::write(dir.path().join(cache::CACHE_FILE).join("x"), "").expect("file");
    let loaded = load(dir.path(), true);
    assert_eq!(loaded.library.entries, cold.library.entries);
    assert_eq!(loaded.diagnostics, cold.diagnostics);
    let leftovers = fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(leftovers, 4, "no temporary file is left behind");
}
