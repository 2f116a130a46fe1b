//! Reading and parsing the record files of a library, on up to
//! [`MAX_THREADS`] threads. Each file's outcome is made apart and merged in
//! file order, so the result (entries, diagnostics and their order) is the
//! same whatever the number of threads.

use super::{
    fold_key, key_from_stem, key_problem, parse_record, parse_toml, read_source, FileContext,
    Loaded,
};
use crate::diag::{Diagnostic, Location, Span};
use crate::model::Entry;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Reading is bound by parsing, which scales with cores; more threads than
/// this buy little for the memory their results hold at once.
pub const MAX_THREADS: usize = 4;

/// Below this many files one thread is as fast as several.
const MIN_FILES_PER_THREAD: usize = 256;

/// What reading one record file gave.
struct FileResult {
    entry: Option<Entry>,
    diagnostics: Vec<Diagnostic>,
    /// The file's text, when it could be read.
    text: Option<String>,
}

/// Reads and parses `files` (sorted) into `loaded`.
pub fn read_records(loaded: &mut Loaded, files: &[PathBuf]) {
    let keys = check_keys(files);
    // Chunk by chunk: each chunk's results are freed once merged.
    let results = read_all(files, &keys).into_iter().flatten();
    loaded.library.files_found += files.len();
    loaded.library.entries.reserve_exact(files.len());
    loaded.library.sources.reserve(files.len());
    for ((path, key), result) in files.iter().zip(keys).zip(results) {
        if let Err(d) = key {
            loaded.diagnostics.push(d);
            continue;
        }
        let Some(mut result) = result else {
            continue;
        };
        loaded.diagnostics.append(&mut result.diagnostics);
        loaded.library.entries.extend(result.entry);
        if let Some(text) = result.text {
            loaded.library.sources.insert(path.clone(), text);
        }
    }
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

/// Reads every file whose key is good, in contiguous chunks on scoped
/// threads; the chunks' results are in `files` order (`None` for refused
/// keys), not joined into one vector: that would hold them twice at once.
fn read_all(
    files: &[PathBuf],
    keys: &[Result<String, Diagnostic>],
) -> Vec<Vec<Option<FileResult>>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores
        .min(MAX_THREADS)
        .min(files.len() / MIN_FILES_PER_THREAD)
        .max(1);
    if threads == 1 {
        return vec![read_chunk(files, keys)];
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .zip(keys.chunks(chunk))
            .map(|(files, keys)| scope.spawn(move || read_chunk(files, keys)))
            .collect();
        let mut out = Vec::with_capacity(handles.len());
        for handle in handles {
            // A panic in a reader is a bug; it goes on as it would have
            // without threads.
            match handle.join() {
                Ok(results) => out.push(results),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

fn read_chunk(files: &[PathBuf], keys: &[Result<String, Diagnostic>]) -> Vec<Option<FileResult>> {
    files
        .iter()
        .zip(keys)
        .map(|(path, key)| key.as_ref().ok().map(|key| read_file(path, key)))
        .collect()
}

/// Reads and parses one record file.
fn read_file(path: &Path, key: &str) -> FileResult {
    let text = match read_source(path) {
        Ok(text) => text,
        Err(d) => {
            return FileResult {
                entry: None,
                diagnostics: vec![d],
                text: None,
            }
        }
    };
    let mut cx = FileContext::new(path, &text);
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
    let diagnostics = std::mem::take(&mut cx.diagnostics);
    FileResult {
        entry,
        diagnostics,
        text: Some(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Enough files for several threads; every 7th is broken, every 50th
    /// clashes in case with its predecessor: the outcome must be in file
    /// order, as a single thread gives it.
    #[test]
    fn threads_merge_in_file_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let count = 3 * MIN_FILES_PER_THREAD;
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
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        let files = super::super::record_files(dir.path()).expect("files");
        let mut threaded = Loaded::default();
        read_records(&mut threaded, &files);
        let keys = check_keys(&files);
        let single: Vec<Diagnostic> = files
            .iter()
            .zip(&keys)
            .flat_map(|(path, key)| match key {
                Err(d) => vec![d.clone()],
                Ok(key) => read_file(path, key).diagnostics,
            })
            .collect();
        assert!(!single.is_empty());
        assert_eq!(threaded.diagnostics, single);
        assert_eq!(threaded.library.files_found, count);
        let refused = keys.iter().filter(|k| k.is_err()).count();
        assert_eq!(refused, count / 50 + 1);
        assert_eq!(threaded.library.sources.len() + refused, count);
    }
}
