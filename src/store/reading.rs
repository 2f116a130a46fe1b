//! Reading and parsing the record files of a library on every core (rayon).
//! Each file's outcome is made apart and merged in file order, so the result
//! (entries, diagnostics and their order) is the same whatever the number of
//! threads. With the load cache, a file unchanged since it was cached is
//! neither read nor parsed; a file's text is kept only when a diagnostic may
//! need it (it had findings, or it is not in NFC): the rest is read again on
//! demand by the rare finding that points into it.

use super::cache::{self, Cached, Stamp};
use super::{
    fold_key, key_from_stem, key_problem, parse_record, parse_record_toml, FileContext, FileSeen,
    FileState, LoadOptions, Loaded, Visit,
};
use crate::diag::{Diagnostic, Location, Span};
use crate::model::Entry;
use foldhash::HashMap;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Files handled per parallel block: each block's results are merged and
/// freed before the next, so they never all exist beside the entries.
const BLOCK: usize = 16 * 1024;

/// What reading one record file gave.
struct FileResult {
    entry: Option<Entry>,
    diagnostics: Vec<Diagnostic>,
    /// The file's text, when it was read.
    text: Option<String>,
    /// A diagnostic may need the text: it is kept in the library's sources.
    keep_text: bool,
    /// What identifies the file's contents, when it was read (or known).
    stamp: Option<Stamp>,
    /// The record may go into the load cache (it loaded without any
    /// finding, and its text is in NFC).
    cacheable: bool,
    /// The load cache's stamp was used unchanged.
    reused: bool,
    /// Where the record's bytes are in the load cache, when it was reused
    /// unchanged: they go into a rewritten cache as they are.
    cached_bytes: Option<std::ops::Range<usize>>,
    /// The caller's known record (its index) that the file still is.
    known: Option<usize>,
}

/// Reads and parses `files` (sorted) into `loaded`, through the load cache
/// of the library when `options.cache` is set (and writing it when it changed).
/// Each entry loaded is given to `visitor` on the thread that loaded it, with
/// its file's text when it was read; what it gives back is returned in file
/// order, as the entries are (and when the visitor keeps no entries, each is
/// dropped there; see [`Visit::keeps_entries`]).
pub fn read_records<V: Visit>(
    loaded: &mut Loaded,
    files: &[PathBuf],
    options: &LoadOptions,
    visitor: &V,
) -> Vec<V::Output> {
    let keys = check_keys(files);
    // Each file's name, found once (a path's last component is not free).
    let names: Vec<&str> = files.iter().map(|p| file_name(p)).collect();
    let loaded_at = SystemTime::now();
    let dir = loaded.library.dir.clone();
    let mut cached = CacheStream::new(options.cache.then(|| dir.clone()));
    let mut known = options.known.iter().enumerate().peekable();
    loaded.library.files_found += files.len();
    if visitor.keeps_entries() {
        loaded.library.entries.reserve_exact(files.len());
    }
    let mut outputs: Vec<V::Output> = Vec::with_capacity(files.len());
    if options.stamps {
        loaded.files.reserve_exact(files.len());
    }
    // The load cache's records as they were loaded (in file order, which is
    // name order): encoded when fresh, where they are in the old cache when
    // reused.
    let mut records: Vec<(&str, Record)> = Vec::with_capacity(if writes_cache(options) {
        files.len()
    } else {
        0
    });
    let mut reused = 0;
    let mut fresh = false;
    let blocks = files.chunks(BLOCK).zip(keys.chunks(BLOCK));
    for ((files, keys), names) in blocks.zip(names.chunks(BLOCK)) {
        let mut hits: Vec<Hit> = Vec::with_capacity(files.len());
        for &name in names {
            while known.next_if(|(_, (k, _))| k.as_str() < name).is_some() {}
            let mine = known.next_if(|(_, (k, _))| k == name);
            // A known record's file is most likely unchanged: its cached
            // entry is not even looked up (were the file changed, it is
            // read and parsed).
            let known = mine.map(|(i, (_, stamp))| (i, *stamp));
            hits.push(Hit {
                cached: if known.is_some() {
                    None
                } else {
                    cached.take(name)
                },
                known,
            });
        }
        let results: Vec<Option<Visited<V::Output>>> = files
            .par_iter()
            .zip(keys)
            .zip(names)
            .zip(hits)
            .map(|(((path, key), name), hit)| {
                let key = key.as_ref().ok()?;
                let result = read_file(path, key, hit, loaded_at);
                Some(visit(result, name, options, visitor))
            })
            .collect();
        let files = files.iter().zip(names);
        for (((path, name), key), result) in files.zip(keys).zip(results) {
            let state = match (&result, key) {
                (_, Err(_)) => FileState::NotRead,
                (
                    Some(Visited {
                        result: FileResult { stamp: Some(s), .. },
                        ..
                    }),
                    _,
                ) => FileState::Read(*s),
                _ => FileState::Unreadable,
            };
            if options.stamps {
                loaded.files.push(FileSeen {
                    name: name.to_string(),
                    state,
                });
            }
            if let Err(d) = key {
                loaded.diagnostics.push(d.clone());
                continue;
            }
            let Some(Visited {
                mut result,
                output,
                record,
            }) = result
            else {
                continue;
            };
            if let Some(index) = result.known {
                loaded.unchanged.push(index);
                continue;
            }
            loaded.diagnostics.append(&mut result.diagnostics);
            reused += usize::from(result.reused);
            fresh |= result.cacheable && !result.reused;
            if let Some(output) = output {
                outputs.push(output);
            }
            if let Some(entry) = result.entry {
                loaded.library.entries.push(entry);
            }
            if let Some(record) = record {
                records.push((name, record));
            }
            if let Some(text) = result.text {
                loaded.library.sources.insert(path.clone(), text);
            }
        }
    }
    // Records the cache held that this load did not reuse (deleted or
    // changed) make it stale too. A load that skipped known records leaves
    // the cache as it is: it would lose them. Failures are ignored (a
    // read-only library simply runs without a cache).
    if writes_cache(options) && loaded.unchanged.is_empty() && (fresh || reused != cached.total()) {
        let file = cached.file.as_ref();
        let bytes: Option<Vec<(&str, &[u8])>> = records
            .iter()
            .map(|(name, record)| match record {
                Record::Encoded(bytes) => Some((*name, bytes.as_slice())),
                Record::Cached(range) => Some((*name, file?.record_bytes(range.clone())?)),
            })
            .collect();
        // A reused record is always in the file it came from; were it not,
        // no cache is better than one without it.
        if let Some(bytes) = bytes {
            let _ = cache::write(&dir, &bytes);
        }
    }
    outputs
}

/// A record as it goes into the load cache.
enum Record {
    /// Encoded from the entry just loaded.
    Encoded(Vec<u8>),
    /// Reused unchanged: its bytes in the cache file it came from (a warm
    /// load encodes nothing, and a load that rewrites the cache copies them).
    Cached(std::ops::Range<usize>),
}

/// Whether this load brings the load cache up to date.
fn writes_cache(options: &LoadOptions) -> bool {
    options.cache && !options.leave_cache
}

/// One file's result once its entry was visited.
struct Visited<O> {
    result: FileResult,
    /// What the visitor gave for the entry.
    output: Option<O>,
    /// The entry as the load cache holds it, when it goes there.
    record: Option<Record>,
}

/// Visits the entry of `result` (on the thread that loaded it), encodes it
/// for the load cache, and frees what the load does not keep.
fn visit<V: Visit>(
    mut result: FileResult,
    name: &str,
    options: &LoadOptions,
    visitor: &V,
) -> Visited<V::Output> {
    let output = (result.entry.as_ref()).map(|entry| visitor.visit(entry, result.text.as_deref()));
    let record = match (&result.entry, result.stamp, result.cached_bytes.take()) {
        _ if !writes_cache(options) || !result.cacheable => None,
        (Some(_), Some(_), Some(bytes)) => Some(Record::Cached(bytes)),
        (Some(entry), Some(stamp), None) => {
            cache::encode_record(name, &stamp, entry).map(Record::Encoded)
        }
        _ => None,
    };
    if !result.keep_text {
        result.text = None;
    }
    if !visitor.keeps_entries() {
        result.entry = None;
    }
    Visited {
        result,
        output,
        record,
    }
}

/// What is already known of one file: the caller's record and the load
/// cache's.
struct Hit {
    known: Option<(usize, Stamp)>,
    cached: Option<Cached>,
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// The load cache's records, decoded a few chunks at a time as the load
/// asks for them by name (in name order). A chunk none of whose records is
/// asked for is never decoded: the cache's index tells which chunk holds a
/// name. The file itself is read only when first needed (a load whose
/// caller knows every record never reads it).
struct CacheStream {
    /// The library whose cache is still to be opened.
    unopened: Option<PathBuf>,
    /// Kept to the end of the load, even once a chunk failed to decode:
    /// the records reused before are copied from it.
    file: Option<cache::CacheFile>,
    /// A chunk did not decode: the rest of the cache is ignored.
    broken: bool,
    next_chunk: usize,
    buffer: VecDeque<Cached>,
}

impl CacheStream {
    /// Chunks decoded at once (in parallel).
    const CHUNKS_AT_ONCE: usize = 4;

    fn new(dir: Option<PathBuf>) -> CacheStream {
        CacheStream {
            unopened: dir,
            file: None,
            broken: false,
            next_chunk: 0,
            buffer: VecDeque::new(),
        }
    }

    /// The cache file, opened the first time it is asked for.
    fn file(&mut self) -> Option<&cache::CacheFile> {
        if let Some(dir) = self.unopened.take() {
            self.file = cache::open(&dir);
        }
        self.file.as_ref()
    }

    /// The cached record of the file `name`, if any (names come in order).
    fn take(&mut self, name: &str) -> Option<Cached> {
        if self.broken {
            return None;
        }
        while self.buffer.front().is_some_and(|c| c.name.as_str() < name) {
            self.buffer.pop_front();
        }
        if self.buffer.is_empty() {
            // The buffer held every record of the chunks decoded so far that
            // sorts after the names asked for: `name` is in a later chunk.
            let next = self.next_chunk;
            let chunk = self.file()?.chunk_of(next, name)?;
            self.refill(chunk);
            while self.buffer.front().is_some_and(|c| c.name.as_str() < name) {
                self.buffer.pop_front();
            }
        }
        if self.buffer.front().is_some_and(|c| c.name == name) {
            self.buffer.pop_front()
        } else {
            None
        }
    }

    /// Decodes the chunks from `first` on (those before it are not needed);
    /// when they do not decode, the rest of the cache is ignored.
    fn refill(&mut self, first: usize) {
        let Some(file) = &self.file else {
            return;
        };
        let end = (first + Self::CHUNKS_AT_ONCE).min(file.chunks());
        match file.decode(first..end) {
            Some(records) => {
                self.next_chunk = end;
                self.buffer.extend(records);
            }
            None => {
                self.broken = true;
                self.buffer.clear();
            }
        }
    }

    /// How many records the cache held (by its index).
    fn total(&mut self) -> usize {
        self.file().map_or(0, cache::CacheFile::records)
    }
}

/// Each file's citation key, or why it is refused: a bad name, or a key that
/// differs only in case from an earlier file's (earlier in `files` order).
fn check_keys(files: &[PathBuf]) -> Vec<Result<String, Diagnostic>> {
    // Folded key → index of its file: a hash map, as a library may hold
    // 100,000 records (an index, not a second copy of every path).
    let mut seen: HashMap<Cow<str>, usize> =
        HashMap::with_capacity_and_hasher(files.len(), Default::default());
    let mut keys = Vec::with_capacity(files.len());
    for (index, path) in files.iter().enumerate() {
        keys.push(check_key(path, index, files, &mut seen));
    }
    keys
}

// The error is a whole diagnostic by design, as in `read_source`.
#[allow(clippy::result_large_err)]
fn check_key<'f>(
    path: &'f Path,
    index: usize,
    files: &[PathBuf],
    seen: &mut HashMap<Cow<'f, str>, usize>,
) -> Result<String, Diagnostic> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    // A key that cannot be a file name is written escaped (`a%2Fb` for `a/b`).
    let key = key_from_stem(stem).unwrap_or(Cow::Borrowed(stem));
    if let Some(problem) = key_problem(&key) {
        return Err(Diagnostic::error("invalid-key", problem)
            .with_location(Location::file(path))
            .with_help("rename the file: its name (without .toml) is the citation key"));
    }
    // Most keys are folded already (lower-case ASCII): kept borrowed.
    let folded = match &key {
        Cow::Borrowed(k) if !k.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) => {
            Cow::Borrowed(*k)
        }
        _ => Cow::Owned(fold_key(&key)),
    };
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
    Ok(key.into_owned())
}

/// Reads and parses one record file, or takes it from what is known of it
/// (the caller's record, else the load cache) when the file is the one
/// that was seen then.
fn read_file(path: &Path, key: &str, hit: Hit, loaded_at: SystemTime) -> FileResult {
    if let Some((index, stamp)) = hit.known {
        if let Some(result) = still_known(path, index, stamp, loaded_at) {
            return result;
        }
    }
    if let Some(cached) = hit.cached {
        if let Some(result) = reuse(path, key, cached, loaded_at) {
            return result;
        }
    }
    let (text, meta) = match super::read_source_with_metadata(path) {
        Ok(read) => read,
        Err(d) => return FileResult::failed(d),
    };
    parse_file(path, key, text, &meta, loaded_at)
}

/// The stamp of the file at `path` when it is unchanged since `stamp`: by
/// size and time for a settled stamp, else by its contents' hash (then the
/// file is read, but not parsed); with the stamp it has now.
pub(super) fn unchanged(
    path: &Path,
    stamp: &Stamp,
    loaded_at: SystemTime,
) -> Option<(Stamp, bool)> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    if stamp.same_on_disk(&meta) {
        return Some((*stamp, true));
    }
    let bytes = std::fs::read(path).ok()?;
    if !stamp.same_contents(&meta, &bytes) {
        return None;
    }
    let text = std::str::from_utf8(&bytes).ok()?;
    Some((Stamp::new(&meta, text, loaded_at), false))
}

/// A known record whose file is unchanged.
fn still_known(
    path: &Path,
    index: usize,
    stamp: Stamp,
    loaded_at: SystemTime,
) -> Option<FileResult> {
    let (stamp, _) = unchanged(path, &stamp, loaded_at)?;
    Some(FileResult {
        stamp: Some(stamp),
        known: Some(index),
        ..FileResult::empty()
    })
}

/// The cached entry, when the file is unchanged. `None` when the file must
/// be read and parsed.
fn reuse(path: &Path, key: &str, hit: Cached, loaded_at: SystemTime) -> Option<FileResult> {
    let (stamp, reused) = unchanged(path, &hit.stamp, loaded_at)?;
    let mut entry = hit.entry;
    entry.key = key.to_string();
    entry.path = path.to_path_buf();
    Some(FileResult {
        entry: Some(entry),
        stamp: Some(stamp),
        cacheable: true,
        reused,
        // Same name, same stamp, same entry: the same bytes.
        cached_bytes: reused.then_some(hit.bytes),
        ..FileResult::empty()
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
    let stamp = Stamp::new(meta, &text, loaded_at);
    FileResult {
        entry,
        diagnostics,
        text: Some(text),
        keep_text: !clean,
        stamp: Some(stamp),
        cacheable: clean,
        ..FileResult::empty()
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
    } else if let Some(root) = parse_record_toml(&mut cx) {
        entry = parse_record(&mut cx, key, &root);
    }
    (entry, cx.diagnostics)
}

impl FileResult {
    fn empty() -> FileResult {
        FileResult {
            entry: None,
            diagnostics: Vec::new(),
            text: None,
            keep_text: false,
            stamp: None,
            cacheable: false,
            reused: false,
            cached_bytes: None,
            known: None,
        }
    }

    fn failed(diagnostic: Diagnostic) -> FileResult {
        FileResult {
            diagnostics: vec![diagnostic],
            ..FileResult::empty()
        }
    }
}

#[cfg(test)]
mod tests;
