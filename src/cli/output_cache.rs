//! Output caches (a derived file each: see [`crate::store::derived`]): what
//! the last run of a command wrote to stdout and stderr, and its exit code,
//! written again by a run whose inputs are all as they were then, without
//! loading a record. `kaynak bib` ([`super::bib_cache`]) and `kaynak check`
//! ([`super::check_replay`]) keep one each; this module holds what they
//! share: the part of the key every run's output depends on, the body's
//! layout, the replay, and the recorder that copies the output as it goes
//! out.
//!
//! The shared key covers kaynak's build (the derived file's version hash,
//! and the executable's path, size and time, so a rebuilt binary never
//! replays an older one's output), how the library and the working
//! directory are named (diagnostics print paths), `--quiet`, whether stderr
//! and stdout get color and whether stdout is a terminal (control
//! characters are then escaped), and the text of `kaynak.toml`; the command
//! adds what else its output depends on.
//!
//! The records are checked after the key: the body ends with every record
//! file's name and [stamp](crate::store::cache::Stamp) as the run's load saw
//! them, and the fingerprint of the files the listing skipped
//! ([`store::seen`]). A run in which a record could not be read writes no
//! cache. Body: the stdout bytes, then the rest in postcard, then the
//! rest's length (8 bytes).

use super::{Cli, Exit, Ui};
use crate::store::cache::Stamp;
use crate::store::derived::{self, DerivedWriter};
use crate::store::{seen, FileSeen, FileState, Loaded, SETTINGS_FILE};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use xxhash_rust::xxh3::Xxh3Default;

/// Which output cache: its file name in the library and its kind (see
/// [`crate::store::derived`]).
#[derive(Debug, Clone, Copy)]
pub struct Cache {
    pub name: &'static str,
    pub kind: u32,
}

/// Everything of a run but its stdout, as written.
#[derive(Serialize)]
struct RestRef<'a> {
    exit: u8,
    before: &'a [u8],
    after: &'a [u8],
    skipped: u128,
    files: &'a [FileSeen],
}

/// The same, as read.
#[derive(Deserialize)]
struct Rest {
    exit: u8,
    /// What went to stderr before stdout, and after it.
    before: Vec<u8>,
    after: Vec<u8>,
    skipped: u128,
    files: Vec<FileSeen>,
}

/// The key of a run: the shared parts, then `command` (what else the
/// command's output depends on, written out by the command) and `settings`
/// (the text of `kaynak.toml` the run read, `None` when there is none);
/// `None` when something it depends on cannot be pinned down (then no cache
/// is used).
pub fn key(cli: &Cli, ui: &Ui, command: &str, settings: Option<&str>) -> Option<u128> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(&exe).ok()?;
    let built = meta.modified().ok()?;
    let cwd = std::env::current_dir().ok()?;
    let text = format!(
        "exe {exe:?} {} {built:?}\ncwd {cwd:?}\nlibrary {:?}\n\
         quiet {} stderr-color {} stdout-color {} stdout-terminal {}\n",
        meta.len(),
        cli.library,
        ui.quiet,
        ui.stderr_color(),
        ui.stdout_color(),
        io::stdout().is_terminal(),
    );
    let mut hasher = Xxh3Default::new();
    hasher.update(text.as_bytes());
    hasher.update(command.as_bytes());
    match settings {
        Some(settings) => {
            hasher.update(b"\nsettings\n");
            hasher.update(settings.as_bytes());
        }
        None => hasher.update(b"\nno settings\n"),
    }
    Some(hasher.digest128())
}

/// The text of `kaynak.toml` that `loaded` read; `None` inside when there
/// is no such file, `None` outside when it is there but was not read.
pub fn settings_text(loaded: &Loaded) -> Option<Option<&str>> {
    let path = loaded.library.dir.join(SETTINGS_FILE);
    match loaded.library.sources.get(&path) {
        Some(text) => Some(Some(text.as_str())),
        None if !path.exists() => Some(None),
        None => None,
    }
}

/// Writes what the last run with `key` wrote into `cache` of the library
/// `dir`, when its records are unchanged too: the run's exit, or `None`
/// (nothing written) when the cache does not answer for this run.
pub fn replay(dir: &Path, cache: Cache, key: u128) -> io::Result<Option<Exit>> {
    let Some(body) = derived::read(dir, cache.name, cache.kind, key) else {
        return Ok(None);
    };
    let Some((stdout, rest)) = split(&body) else {
        return Ok(None);
    };
    if recent_changed(dir, &rest.files) || !seen::unchanged(dir, &rest.files, rest.skipped) {
        return Ok(None);
    }
    let exit = match rest.exit {
        0 => Exit::Success,
        1 => Exit::Findings,
        _ => return Ok(None),
    };
    io::stderr().lock().write_all(&rest.before)?;
    let mut out = io::stdout().lock();
    out.write_all(stdout)?;
    out.flush()?;
    io::stderr().lock().write_all(&rest.after)?;
    Ok(Some(exit))
}

/// How many of the files last modified (as a run saw them) are looked at
/// before the others.
const RECENT: usize = 16;

/// True when one of the [`RECENT`] files last modified when the run saw
/// them has changed since (by [`seen::unchanged`]'s own test of a file). A record being worked on is
/// the likeliest to have changed again: found first, it costs a few
/// `stat`s rather than a pass over the whole library before the command
/// runs anyway. False says nothing of the other files.
fn recent_changed(dir: &Path, files: &[FileSeen]) -> bool {
    let mut read: Vec<(&str, &Stamp)> = files
        .iter()
        .filter_map(|f| match &f.state {
            FileState::Read(stamp) => Some((f.name.as_str(), stamp)),
            _ => None,
        })
        .collect();
    let count = RECENT.min(read.len());
    if count == 0 {
        return false;
    }
    read.select_nth_unstable_by(count - 1, |a, b| b.1.mtime.cmp(&a.1.mtime));
    let now = std::time::SystemTime::now();
    read[..count]
        .iter()
        .any(|(name, stamp)| !seen::file_unchanged(dir, name, stamp, now))
}

/// The stdout bytes and the rest of a body.
fn split(body: &[u8]) -> Option<(&[u8], Rest)> {
    let at = body.len().checked_sub(8)?;
    let length = u64::from_le_bytes(body[at..].try_into().ok()?);
    let start = at.checked_sub(usize::try_from(length).ok()?)?;
    let rest: Rest = postcard::from_bytes(&body[start..at]).ok()?;
    Some((&body[..start], rest))
}

/// A cache being written while the run prints: stdout goes through
/// [`Recorder::tee`] into it.
pub struct Recorder {
    writer: Option<DerivedWriter>,
}

impl Recorder {
    /// Starts `cache` of a run over `loaded` (a load with stamps) with
    /// `key`; `None` when this run cannot be cached (a record could not be
    /// read, a file has no stamp, the library is read-only).
    pub fn start(dir: &Path, cache: Cache, key: u128, loaded: &Loaded) -> Option<Recorder> {
        let unreadable = loaded
            .files
            .iter()
            .any(|f| f.state == FileState::Unreadable);
        if unreadable || loaded.files.len() != loaded.library.files_found {
            return None;
        }
        let writer = DerivedWriter::create(dir, cache.name, cache.kind, key).ok()?;
        Some(Recorder {
            writer: Some(writer),
        })
    }

    /// `out`, with a copy of every byte going into the cache (a failure to
    /// write the copy drops the cache, never the output).
    pub fn tee<W: Write>(&mut self, out: W) -> Tee<'_, W> {
        Tee {
            out,
            copy: &mut self.writer,
        }
    }

    /// Ends the cache with the run's stderr, exit and records, and puts it
    /// in place; failures leave the old file.
    pub fn finish(mut self, before: &[u8], after: &[u8], exit: Exit, loaded: &Loaded) {
        let Some(mut writer) = self.writer.take() else {
            return;
        };
        let rest = RestRef {
            exit: exit.code(),
            before,
            after,
            skipped: loaded.skipped,
            files: &loaded.files,
        };
        let Ok(bytes) = postcard::to_stdvec(&rest) else {
            return;
        };
        let written = writer
            .write_all(&bytes)
            .and_then(|()| writer.write_all(&(bytes.len() as u64).to_le_bytes()));
        if written.is_ok() {
            let _ = writer.finish();
        }
    }
}

/// A writer that passes everything on to `out` and copies it into the cache.
pub struct Tee<'a, W: Write> {
    out: W,
    copy: &'a mut Option<DerivedWriter>,
}

impl<W: Write> Write for Tee<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.out.write(bytes)?;
        if let Some(copy) = self.copy {
            if copy.write_all(&bytes[..n]).is_err() {
                *self.copy = None;
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
