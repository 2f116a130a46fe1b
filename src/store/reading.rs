//! Reading and parsing the record files of a library on every core (rayon).
//! Each file's outcome is made apart and merged in file order, so the result
//! (entries, diagnostics and their order) is the same whatever the number of
//! threads. With the load cache, a file unchanged since it was cached is
//! neither read nor parsed; a file's text is kept only when a diagnostic may
//! need it (it had findings, or it is not in NFC): the rest is read again on
//! demand by the rare finding that points into it.

use super::cache::{self, Cached, Stamp};
use super::{fold_key, key_from_stem, key_problem, parse_record, parse_toml, FileContext, Loaded};
use crate::diag::{Diagnostic, Location, Span};
use crate::model::Entry;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Files handled per parallel block: each block's results are merged and
/// freed before the next, so they never all exist beside the entries.
const BLOCK: usize = 16 * 1024;

/// What reading one record file gave.
struct FileResult {
    entry: Option<Entry>,
    diagnostics: Vec<Diagnostic>,
    /// The file's text, when it was read and a diagnostic may need it.
    text: Option<String>,
    /// For a record the cache may hold: what identifies its file.
    stamp: Option<Stamp>,
    /// The cache's stamp was used unchanged.
    reused: bool,
}

/// Reads and parses `files` (sorted) into `loaded`, through the load cache
/// of the library when `use_cache` is set (and writing it when it changed).
pub fn read_records(loaded: &mut Loaded, files: &[PathBuf], use_cache: bool) {
    let keys = check_keys(files);
    let loaded_at = SystemTime::now();
    let dir = loaded.library.dir.clone();
    let cached = if use_cache {
        cache::read(&dir)
    } else {
        Vec::new()
    };
    let cached_count = cached.len();
    let mut cached = match_cache(files, cached).into_iter();
    loaded.library.files_found += files.len();
    loaded.library.entries.reserve_exact(files.len());
    let mut stamps: Vec<Option<Stamp>> =
        Vec::with_capacity(if use_cache { files.len() } else { 0 });
    let mut reused = 0;
    let mut fresh = false;
    for (files, keys) in files.chunks(BLOCK).zip(keys.chunks(BLOCK)) {
        let hits: Vec<Option<Cached>> = cached.by_ref().take(files.len()).collect();
        let results: Vec<Option<FileResult>> = files
            .par_iter()
            .zip(keys)
            .zip(hits)
            .map(|((path, key), hit)| {
                let key = key.as_ref().ok()?;
                Some(read_file(path, key, hit, loaded_at))
            })
            .collect();
        for ((path, key), result) in files.iter().zip(keys).zip(results) {
            if let Err(d) = key {
                loaded.diagnostics.push(d.clone());
                continue;
            }
            let Some(mut result) = result else {
                continue;
            };
            loaded.diagnostics.append(&mut result.diagnostics);
            reused += usize::from(result.reused);
            fresh |= result.stamp.is_some() && !result.reused;
            if let Some(entry) = result.entry {
                loaded.library.entries.push(entry);
                if use_cache {
                    stamps.push(result.stamp);
                }
            }
            if let Some(text) = result.text {
                loaded.library.sources.insert(path.clone(), text);
            }
        }
    }
    if use_cache && (fresh || reused != cached_count) {
        write_cache(&dir, &loaded.library.entries, &stamps);
    }
}

/// For each file, its record in the cache (both are sorted by name).
fn match_cache(files: &[PathBuf], cached: Vec<Cached>) -> Vec<Option<Cached>> {
    let mut cached = cached.into_iter().peekable();
    let mut out = Vec::with_capacity(files.len());
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        while cached.next_if(|c| c.name.as_str() < name).is_some() {}
        out.push(cached.next_if(|c| c.name == name));
    }
    out
}

/// Writes the cache of the entries that have a stamp; failures are ignored
/// (a read-only library simply runs without a cache).
fn write_cache(dir: &Path, entries: &[Entry], stamps: &[Option<Stamp>]) {
    let records: Vec<(&str, &Stamp, &Entry)> = entries
        .iter()
        .zip(stamps)
        .filter_map(|(entry, stamp)| {
            let name = entry.path.file_name()?.to_str()?;
            Some((name, stamp.as_ref()?, entry))
        })
        .collect();
    let _ = cache::write(dir, records);
}

/// Each file's citation key, or why it is refused: a bad name, or a key that
/// differs only in case from an earlier file's (earlier in `files` order).
fn check_keys(files: &[PathBuf]) -> Vec<Result<String, Diagnostic>> {
    // Folded key → index of its file: a hash map, as a library may hold
    // 100,000 records (an index, not a second copy of every path).
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(files.len());
    let mut keys = Vec::with_capacity(files.len());
    for (index, path) in files.iter().enumerate() {
        keys.push(check_key(path, index, files, &mut seen));
    }
    keys
}

// The error is a whole diagnostic by design, as in `read_source`.
#[allow(clippy::result_large_err)]
fn check_key(
    path: &Path,
    index: usize,
    files: &[PathBuf],
    seen: &mut HashMap<String, usize>,
) -> Result<String, Diagnostic> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    // A key that cannot be a file name is written escaped (`a%2Fb` for `a/b`).
    let key = key_from_stem(stem)
        .unwrap_or(Cow::Borrowed(stem))
        .into_owned();
    if let Some(problem) = key_problem(&key) {
        return Err(Diagnostic::error("invalid-key", problem)
            .with_location(Location::file(path))
            .with_help("rename the file: its name (without .toml) is the citation key"));
    }
    let folded = fold_key(&key);
    if let Some(first) = seen.get(&folded).and_then(|&i| files.get(i)) {
        return Err(Diagnostic::error(
            "duplicate-key",
            format!(
                "the key `{key}` differs only in letter case from {}",
                first.display()
            ),
        )
        .with_location(Location::file(path))
        .with_help("rename one of the two files; keys must differ in more than case"));
    }
    seen.insert(folded, index);
    Ok(key)
}

/// Reads and parses one record file, or takes it from the cache when the
/// file is the one the cache saw.
fn read_file(path: &Path, key: &str, hit: Option<Cached>, loaded_at: SystemTime) -> FileResult {
    if let Some(hit) = hit {
        if let Some(result) = reuse(path, key, hit, loaded_at) {
            return result;
        }
    }
    let (text, meta) = match super::read_source_with_metadata(path) {
        Ok(read) => read,
        Err(d) => return FileResult::failed(d),
    };
    parse_file(path, key, text, &meta, loaded_at)
}

/// The cached entry, when the file is unchanged: by size and time for a
/// settled stamp, else by its contents' hash (then the text is read, but
/// not parsed). `None` when the file must be read and parsed.
fn reuse(path: &Path, key: &str, hit: Cached, loaded_at: SystemTime) -> Option<FileResult> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    let (stamp, reused) = if hit.stamp.same_on_disk(&meta) {
        (hit.stamp, true)
    } else {
        let bytes = std::fs::read(path).ok()?;
        if !hit.stamp.same_contents(&meta, &bytes) {
            return None;
        }
        let text = std::str::from_utf8(&bytes).ok()?;
        (Stamp::new(&meta, text, loaded_at), false)
    };
    let mut entry = hit.entry;
    entry.key = key.to_string();
    entry.path = path.to_path_buf();
    Some(FileResult {
        entry: Some(entry),
        diagnostics: Vec::new(),
        text: None,
        stamp: Some(stamp),
        reused,
    })
}

fn parse_file(
    path: &Path,
    key: &str,
    text: String,
    meta: &std::fs::Metadata,
    loaded_at: SystemTime,
) -> FileResult {
    let (entry, diagnostics) = parse_text(path, key, &text);
    // Only a clean record in NFC may skip its file next time: any finding
    // about its text must be made again from the text.
    let clean = entry.is_some() && diagnostics.is_empty() && super::is_nfc(&text);
    let stamp = clean.then(|| Stamp::new(meta, &text, loaded_at));
    FileResult {
        entry,
        diagnostics,
        text: (!clean).then_some(text),
        stamp,
        reused: false,
    }
}

/// Parses one record file's text: its entry (unless it has errors) and
/// every diagnostic, located in `path`.
pub fn parse_text(path: &Path, key: &str, text: &str) -> (Option<Entry>, Vec<Diagnostic>) {
    let mut cx = FileContext::new(path, text);
    let mut entry = None;
    if text.trim().is_empty() {
        cx.report(
            Span::new(0, 0),
            Diagnostic::error("empty-record", "the record is empty")
                .with_help("write at least type = \"…\" and title = \"…\", or delete the file"),
        );
    } else if let Some(doc) = parse_toml(&mut cx) {
        entry = parse_record(&mut cx, key, doc.as_table());
    }
    (entry, cx.diagnostics)
}

impl FileResult {
    fn failed(diagnostic: Diagnostic) -> FileResult {
        FileResult {
            entry: None,
            diagnostics: vec![diagnostic],
            text: None,
            stamp: None,
            reused: false,
        }
    }
}

#[cfg(test)]
mod tests {
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
        read_records(&mut threaded, &files, false);
        let keys = check_keys(&files);
        let now = SystemTime::now();
        let single: Vec<Diagnostic> = files
            .iter()
            .zip(&keys)
            .flat_map(|(path, key)| match key {
                Err(d) => vec![d.clone()],
                Ok(key) => read_file(path, key, None, now).diagnostics,
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
            let loaded = load(dir.path(), true);
            assert_eq!(loaded.library.entries, cold.library.entries);
            assert_eq!(loaded.diagnostics, cold.diagnostics);
            assert_eq!(cache::read(dir.path()).len(), 1, "rebuilt");
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
}
