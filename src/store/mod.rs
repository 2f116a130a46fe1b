//! The library on disk: a directory of TOML records, one reference per file,
//! plus an optional `kaynak.toml`. Loading keeps every file's text so that
//! diagnostics can show snippets; one bad file never stops the others.
//! Writing goes through [`write`](mod@write), which is atomic and never clobbers silently.

pub mod batch;
pub mod cache;
pub mod canonical;
mod codes;
mod context;
pub mod derived;
mod key;
mod listing;
mod reading;
mod record;
pub mod seen;
pub(crate) mod serialize;
mod settings;
pub mod skeleton;
mod string_repr;
pub mod suggest_key;
pub mod tree;
mod values;
pub mod write;

pub use codes::LOAD_CODES;
pub use context::FileContext;
pub use key::{
    file_stem, fold as fold_key, key_from_stem, key_problem, record_path, reserved_problem,
};
pub use record::parse_record;
pub use serialize::to_toml;
pub use settings::{parse_settings, CheckSettings, Settings, SortScript, SETTINGS_FILE};
pub use string_repr::string_repr;

use crate::diag::{Diagnostic, Location, Span};
use crate::model::Entry;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Records larger than this are refused: a reference is a few kilobytes, and a
/// huge file is a mistake (a PDF or a database renamed), not a record.
pub const MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// A loaded library.
#[derive(Debug, Default)]
pub struct Library {
    pub dir: PathBuf,
    pub settings: Settings,
    /// Records that loaded without errors, in key order (none when the
    /// load's visitor keeps none: see [`Visit::keeps_entries`]).
    pub entries: Vec<Entry>,
    /// The text of the files that diagnostics may point into: `kaynak.toml`
    /// and the records that had findings when loaded or are not in NFC. Any
    /// other record's text is read again when needed ([`Library::source`]).
    pub sources: HashMap<PathBuf, String>,
    /// How many record files were found (loaded or not).
    pub files_found: usize,
}

impl Library {
    /// The entry with this key, exactly.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.key.as_str().cmp(key))
            .ok()
            .and_then(|i| self.entries.get(i))
    }

    /// The text of the file at `path`: kept since loading, or read again.
    /// `None` when it cannot be read (any more).
    pub fn source(&self, path: &Path) -> Option<std::borrow::Cow<'_, str>> {
        match self.sources.get(path) {
            Some(text) => Some(std::borrow::Cow::Borrowed(text)),
            None => read_source(path).ok().map(std::borrow::Cow::Owned),
        }
    }

    /// The texts of the files `diagnostics` point into, for snippets.
    pub fn sources_for(&self, diagnostics: &[Diagnostic]) -> HashMap<PathBuf, String> {
        let mut out = HashMap::new();
        // Findings mostly come sorted by file: the last one is not looked up.
        let mut last: Option<&PathBuf> = None;
        for d in diagnostics {
            let Some(file) = d.location.as_ref().map(|l| &l.file) else {
                continue;
            };
            if last == Some(file) {
                continue;
            }
            last = Some(file);
            if !out.contains_key(file) {
                if let Some(text) = self.source(file) {
                    out.insert(file.clone(), text.into_owned());
                }
            }
        }
        out
    }
}

/// A library and what was found wrong while loading it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub diagnostics: Vec<Diagnostic>,
    /// Every record file found, in file order, with what identifies its
    /// contents (filled when [`LoadOptions::stamps`] asks: derived caches
    /// key on it).
    pub files: Vec<FileSeen>,
    /// The indexes of [`LoadOptions::known`] records found unchanged on
    /// disk, ascending: they were neither read nor parsed.
    pub unchanged: Vec<usize>,
    /// With [`LoadOptions::stamps`]: what identifies the files the listing
    /// skipped with a warning (see [`seen::fingerprint`]).
    pub skipped: u128,
}

/// One record file as a load saw it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileSeen {
    /// The file name (`key.toml`).
    pub name: String,
    pub state: FileState,
}

/// What a load knows of a record file's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FileState {
    /// Read, or known unchanged, with this stamp.
    Read(cache::Stamp),
    /// Refused by its name (not a key, or a key that clashes): its contents
    /// were not read and do not matter.
    NotRead,
    /// It could not be read (what is wrong may change without its stamp
    /// changing, e.g. its permissions).
    Unreadable,
}

/// How to load a library.
#[derive(Debug, Default, Clone, Copy)]
pub struct LoadOptions<'a> {
    /// Go through the load cache (and bring it up to date).
    pub cache: bool,
    /// Keep every record file's stamp in [`Loaded::files`].
    pub stamps: bool,
    /// Records a caller already knows (file name and stamp, sorted by
    /// name): those unchanged on disk are skipped (see [`Loaded::unchanged`]),
    /// and give no entry and no diagnostic: the caller answers for them (it
    /// should know only records that loaded cleanly).
    pub known: &'a [(String, cache::Stamp)],
    /// Read the load cache but never write it: for a caller that keeps a
    /// cache of its own of what it derives from the records (`check`), and
    /// so would pay for encoding and writing every entry for nothing of its
    /// own. The next command that needs the entries writes it.
    pub leave_cache: bool,
}

/// Why a library could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("library directory {0} does not exist")]
    Missing(PathBuf),
    #[error("{0} is not a directory")]
    NotADirectory(PathBuf),
    #[error("cannot read library directory {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Loads every `*.toml` record of `dir` (not recursing) and `kaynak.toml`,
/// without the load cache.
pub fn load(dir: &Path) -> Result<Loaded, LoadError> {
    load_with(dir, false)
}

/// Loads the library as [`load`] does; with `use_cache`, through its load
/// cache ([`cache`]), which it then brings up to date.
pub fn load_with(dir: &Path, use_cache: bool) -> Result<Loaded, LoadError> {
    let options = LoadOptions {
        cache: use_cache,
        ..LoadOptions::default()
    };
    load_with_options(dir, &options)
}

/// Work done on each entry as it is loaded, on the thread that loaded it,
/// while its file's text is at hand (so nothing reads the file again for it).
pub trait Visit: Sync {
    type Output: Send;
    /// False when the caller needs only what [`Visit::visit`] gives: each
    /// entry is then dropped on its thread once visited, and the load keeps
    /// none (a library's entries are most of its memory).
    fn keeps_entries(&self) -> bool {
        true
    }
    /// What `entry` gives; `text` is its file's text when this load read the
    /// file (`None` for an entry taken from the load cache).
    fn visit(&self, entry: &Entry, text: Option<&str>) -> Self::Output;
}

/// Visiting nothing.
impl Visit for () {
    type Output = ();
    fn visit(&self, _: &Entry, _: Option<&str>) {}
}

/// Loads the library as `options` say.
pub fn load_with_options(dir: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
    load_visiting(dir, options, &()).map(|(loaded, _)| loaded)
}

/// Loads the library as `options` say, giving each entry loaded to
/// `visitor` ([`Visit`]): what it gives back is in the order of the entries
/// (in key order), or in file order when the visitor keeps no entries.
pub fn load_visiting<V: Visit>(
    dir: &Path,
    options: &LoadOptions,
    visitor: &V,
) -> Result<(Loaded, Vec<V::Output>), LoadError> {
    let listing = list_records(dir)?;
    let mut loaded = Loaded::default();
    loaded.library.dir = dir.to_path_buf();
    if options.stamps {
        loaded.skipped = seen::fingerprint(&listing.skipped);
    }
    loaded.diagnostics = listing.skipped;
    let settings_path = dir.join(SETTINGS_FILE);
    if settings_path.exists() {
        load_settings(&mut loaded, &settings_path);
    }
    let mut outputs = reading::read_records(&mut loaded, &listing.files, options, visitor);
    let entries = &mut loaded.library.entries;
    // Files are in name order, which is key order unless a name escapes
    // what a file name cannot hold (`a%2Fb`).
    if visitor.keeps_entries() && !entries.is_sorted_by(|a, b| a.key < b.key) {
        let mut both: Vec<(Entry, V::Output)> = entries.drain(..).zip(outputs).collect();
        // Keys are unique (they are file names), so an unstable sort gives
        // the same order as a stable one, without its scratch buffer.
        both.sort_unstable_by(|a, b| a.0.key.cmp(&b.0.key));
        (*entries, outputs) = both.into_iter().unzip();
    }
    entries.shrink_to_fit();
    Ok((loaded, outputs))
}

/// The citation key of the record file `name` (`key.toml`), as loading
/// reads it: a stem that escapes what a file name cannot hold (`a%2Fb`,
/// `%2Ehidden`) is decoded; one that does not decode is taken as written.
pub fn key_of_file(name: &str) -> Cow<'_, str> {
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    key_from_stem(stem).unwrap_or(Cow::Borrowed(stem))
}

/// Parses a record from `text` held in memory, as loading parses the file at
/// `path` (whose stem is the key): the entry, unless the record has errors,
/// and every diagnostic. `kaynak check --fix` checks its edits' result so.
pub fn parse_record_text(path: &Path, text: &str) -> (Option<Entry>, Vec<Diagnostic>) {
    let key = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    reading::parse_text(path, key, text)
}

/// The record files of `dir` (`*.toml` but `kaynak.toml` and hidden files),
/// sorted by path.
pub fn record_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    list_records(dir).map(|listing| listing.files)
}

/// What listing a library directory found.
#[derive(Debug, Default)]
pub struct Listing {
    /// The record files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Warnings for files that look like records but are not read: not
    /// regular files (a FIFO would block the reader), `*.TOML`, and names
    /// that are not UTF-8 (they cannot be citation keys).
    pub skipped: Vec<Diagnostic>,
}

/// Lists the record files of `dir` without opening any of them.
pub fn list_records(dir: &Path) -> Result<Listing, LoadError> {
    let meta = fs::metadata(dir).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => LoadError::Missing(dir.to_path_buf()),
        _ => LoadError::Io {
            path: dir.to_path_buf(),
            source: e,
        },
    })?;
    if !meta.is_dir() {
        return Err(LoadError::NotADirectory(dir.to_path_buf()));
    }
    let io_err = |e| LoadError::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    let mut listing = Listing::default();
    for item in fs::read_dir(dir).map_err(io_err)? {
        let entry = item.map_err(io_err)?;
        let path = entry.path();
        match listing::classify(&entry, &path) {
            listing::Kind::Record => listing.files.push(path),
            listing::Kind::Ignored => {}
            listing::Kind::Skipped(d) => listing.skipped.push(*d),
        }
    }
    // Every path is `dir` joined with a file name, so comparing the bytes of
    // the whole paths orders them as `Path`'s component-wise comparison does,
    // at a fraction of its cost; names are unique, so unstable is stable here.
    listing.files.sort_unstable_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    crate::diag::sort(&mut listing.skipped);
    Ok(listing)
}

/// Reads a file's text: size-limited, UTF-8 only. Errors are diagnostics.
// The error is a whole diagnostic by design (it is reported as it is), and it
// is the rare path: boxing it would buy nothing.
#[allow(clippy::result_large_err)]
pub fn read_source(path: &Path) -> Result<String, Diagnostic> {
    read_source_with_metadata(path).map(|(text, _)| text)
}

/// True when `text` is in Unicode NFC (most files are plainly so: ASCII,
/// Latin, Cyrillic, which a byte scan tells without decoding).
pub fn is_nfc(text: &str) -> bool {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    crate::text::is_plainly_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// [`read_source`], with the metadata of the file it read.
#[allow(clippy::result_large_err)]
pub fn read_source_with_metadata(path: &Path) -> Result<(String, fs::Metadata), Diagnostic> {
    let unreadable = |e: io::Error| {
        Diagnostic::error("unreadable-file", format!("cannot read the file: {e}"))
            .with_location(Location::file(path))
            .with_help(
                "check that it exists and is a readable file (a symbolic link loop cannot be read)",
            )
    };
    // One open, then the size from the open file: no second path lookup.
    // The open never blocks (a FIFO named `x.toml` would wait for a writer),
    // and anything but a regular file is refused before it is read.
    let mut file = listing::open_nonblocking(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Diagnostic::error(
            "unreadable-file",
            format!(
                "not a regular file ({})",
                listing::file_kind(&meta.file_type())
            ),
        )
        .with_location(Location::file(path))
        .with_help("kaynak reads records and settings from regular files only"));
    }
    if meta.len() > MAX_RECORD_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            format!(
                "the file is {} bytes; a record may be at most {} bytes",
                meta.len(),
                MAX_RECORD_BYTES
            ),
        )
        .with_location(Location::file(path))
        .with_help("a record holds one reference; move attachments elsewhere"));
    }
    let bytes = read_whole(&mut file, &meta).map_err(unreadable)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::error(
            "not-utf8",
            format!("the file is not UTF-8 (invalid byte at offset {valid})"),
        )
        .with_location(Location::at(path, &prefix, Span::new(valid, valid)))
        .with_help("save the file as UTF-8")
    })?;
    Ok((text, meta))
}

/// The contents of `file`, whose metadata is `meta`. One read usually
/// does: when it gives as many bytes as the file had, the file is whole,
/// and asking again only to be told of its end would cost a system call
/// per record. Anything else (a file that grew or shrank since, a short
/// read) is read on to its end.
fn read_whole(file: &mut fs::File, meta: &fs::Metadata) -> io::Result<Vec<u8>> {
    let size = usize::try_from(meta.len()).unwrap_or(0);
    // One byte more than the size: a file that grew fills it.
    let mut bytes = vec![0; size + 1];
    let read = match io::Read::read(file, &mut bytes) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::Interrupted => 0,
        Err(e) => return Err(e),
    };
    bytes.truncate(read);
    if read != size {
        io::Read::read_to_end(file, &mut bytes)?;
    }
    Ok(bytes)
}

/// Reads only `kaynak.toml` of `dir` (for commands that need no records).
/// A missing file gives default settings.
pub fn read_settings(dir: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    loaded.library.dir = dir.to_path_buf();
    let path = dir.join(SETTINGS_FILE);
    if path.exists() {
        load_settings(&mut loaded, &path);
    }
    loaded
}

fn load_settings(loaded: &mut Loaded, path: &Path) {
    let text = match read_source(path) {
        Ok(text) => text,
        Err(d) => return loaded.diagnostics.push(d),
    };
    let mut cx = FileContext::new(path, &text);
    if let Some(doc) = parse_toml(&mut cx) {
        loaded.library.settings = parse_settings(&mut cx, doc.as_table());
    }
    loaded.diagnostics.append(&mut cx.diagnostics);
    loaded.library.sources.insert(path.to_path_buf(), text);
}

/// Parses TOML, reporting a syntax error at its place.
/// The document borrows the file's text instead of copying it.
pub fn parse_toml<'a>(cx: &mut FileContext<'a>) -> Option<toml_edit::Document<&'a str>> {
    toml_edit::Document::parse(cx.text)
        .map_err(|e| report_toml_error(cx, &e))
        .ok()
}

/// Parses a record's TOML into its [tree](tree::Table), reporting a syntax
/// error at its place as [`parse_toml`] does.
pub fn parse_record_toml<'a>(cx: &mut FileContext<'a>) -> Option<tree::Table<'a>> {
    tree::parse(cx.text)
        .map_err(|e| report_toml_error(cx, &e))
        .ok()
}

fn report_toml_error(cx: &mut FileContext, e: &toml_edit::TomlError) {
    let span = Span::from_range(e.span()).unwrap_or_default();
    let message = e.message().trim().to_string();
    cx.report(
        span,
        Diagnostic::error("invalid-toml", format!("invalid TOML: {message}"))
            .with_help("fix the syntax; strings need double quotes, tables [brackets]"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A file read whole though it grew or shrank after its size was taken.
    #[test]
    fn a_file_is_read_to_its_end_whatever_its_size_was() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("r.toml");
        fs::write(&path, "type = \"book\"\n").expect("write");
        let before = fs::metadata(&path).expect("meta");
        fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(b"title = \"T\"\n"))
            .expect("append");
        let mut file = fs::File::open(&path).expect("open");
        let grown = read_whole(&mut file, &before).expect("read");
        assert_eq!(grown, b"type = \"book\"\ntitle = \"T\"\n");
        let after = fs::metadata(&path).expect("meta");
        fs::write(&path, "x").expect("shrink");
        let mut file = fs::File::open(&path).expect("open");
        assert_eq!(read_whole(&mut file, &after).expect("read"), b"x");
        let mut file = fs::File::open(&path).expect("open");
        let now = fs::metadata(&path).expect("meta");
        assert_eq!(read_whole(&mut file, &now).expect("read"), b"x");
    }
}
