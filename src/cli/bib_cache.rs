//! The output cache of `kaynak bib` (`.kaynak-cache-bib`, a derived file:
//! see [`crate::store::derived`]): what the last run wrote to stdout and
//! stderr, and its exit code. A run whose inputs are all as they were then
//! writes the same bytes again, without loading a record or running the
//! engine.
//!
//! The key (checked before anything else is read) covers everything the
//! output depends on besides the records: kaynak's build (the derived
//! file's version hash, and the executable's path, size and time, so a
//! rebuilt binary never replays an older one's output), the options that
//! shape output (style, locale, format, directories, form flags, the keys
//! selected; not `--threads`, which changes nothing), how the library and
//! the working directory are named (diagnostics print paths), whether stderr
//! gets color and stdout is a terminal, the text of `kaynak.toml`, the files
//! of the style (and its parent), and the locale files of the `--locales`
//! directories. Each part is hashed from the very text the run used, or
//! before it was used: a file changed during a run leaves a key that no
//! later run matches.
//!
//! The records are checked after the key: the body ends with every record
//! file's name and [stamp](crate::store::cache::Stamp) as the run's load saw
//! them, and the fingerprint of the files the listing skipped
//! ([`store::seen`]). A run in which a record could not be read writes no
//! cache. Body: the stdout bytes, then the rest in postcard, then the
//! rest's length (8 bytes).

use super::bib::BibArgs;
use super::{Cli, Exit, Ui};
use crate::adapter::{load_style, locale_files_hash};
use crate::store::derived::{self, DerivedWriter};
use crate::store::{self, seen, FileSeen, FileState, Loaded, SETTINGS_FILE};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, IsTerminal, Write};
use xxhash_rust::xxh3::Xxh3Default;

/// The derived file's kind (see [`crate::store::derived`]).
const KIND: u32 = 2;

/// Bumped when the body or the key changes shape.
const FORMAT: u32 = 1;

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

/// The inputs of a run besides the records, as hashed into its key.
pub struct Inputs<'a> {
    /// The text of `kaynak.toml` as the run read it (`None`: no such file).
    pub settings: Option<&'a str>,
    /// [`crate::adapter::LoadedStyle::source`].
    pub style: u128,
    /// [`locale_files_hash`] of the `--locales` directories.
    pub locales: u128,
}

/// The key of a run of `args` with `inputs`; `None` when something it
/// depends on cannot be pinned down (then no cache is used).
fn key(cli: &Cli, args: &BibArgs, ui: &Ui, inputs: &Inputs) -> Option<u128> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(&exe).ok()?;
    let built = meta.modified().ok()?;
    let cwd = std::env::current_dir().ok()?;
    let mut format = args.format.clone();
    format.threads = None;
    let text = format!(
        "bib {FORMAT}\nexe {exe:?} {} {built:?}\ncwd {cwd:?}\nlibrary {:?}\n\
         format {format:?}\nkeys {:?}\nquiet {} stderr-color {} stdout-terminal {}\n\
         style {:x}\nlocales {:x}\n",
        meta.len(),
        cli.library,
        args.keys,
        ui.quiet,
        ui.stderr_color(),
        io::stdout().is_terminal(),
        inputs.style,
        inputs.locales,
    );
    let mut hasher = Xxh3Default::new();
    hasher.update(text.as_bytes());
    match inputs.settings {
        Some(settings) => {
            hasher.update(b"settings\n");
            hasher.update(settings.as_bytes());
        }
        None => hasher.update(b"no settings\n"),
    }
    Some(hasher.digest128())
}

/// The text of `kaynak.toml` that `loaded` read; `None` inside when there
/// is no such file, `None` outside when it is there but was not read.
fn settings_text(loaded: &Loaded) -> Option<Option<&str>> {
    let path = loaded.library.dir.join(SETTINGS_FILE);
    match loaded.library.sources.get(&path) {
        Some(text) => Some(Some(text.as_str())),
        None if !path.exists() => Some(None),
        None => None,
    }
}

/// Writes what the last run with the same key wrote, when its records are
/// unchanged too: the run's exit, or `None` (nothing written) when the
/// cache does not answer for this run.
pub fn replay(cli: &Cli, args: &BibArgs, ui: &Ui) -> anyhow::Result<Option<Exit>> {
    let dir = &cli.library;
    let loaded = store::read_settings(dir);
    let Some(settings) = settings_text(&loaded) else {
        return Ok(None);
    };
    let spec = args
        .format
        .style
        .clone()
        .or_else(|| loaded.library.settings.style.clone());
    let Some(spec) = spec else {
        return Ok(None);
    };
    let dirs = super::formatting::style_dirs(&args.format.style_dirs, &loaded);
    let Ok(style) = load_style(&spec, &dirs) else {
        return Ok(None);
    };
    let inputs = Inputs {
        settings,
        style: style.source,
        locales: locale_files_hash(&args.format.locale_dirs),
    };
    let Some(key) = key(cli, args, ui, &inputs) else {
        return Ok(None);
    };
    let Some(body) = derived::read(dir, derived::BIB_CACHE, KIND, key) else {
        return Ok(None);
    };
    let Some((stdout, rest)) = split(&body) else {
        return Ok(None);
    };
    if !seen::unchanged(dir, &rest.files, rest.skipped) {
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
    /// Starts the cache of a run over `loaded` with `inputs` (`settings` is
    /// taken from `loaded`); `None` when this run cannot be cached (a
    /// record could not be read, the key cannot be made, the library is
    /// read-only).
    pub fn start(
        cli: &Cli,
        args: &BibArgs,
        ui: &Ui,
        loaded: &Loaded,
        style: u128,
        locales: u128,
    ) -> Option<Recorder> {
        let unreadable = loaded
            .files
            .iter()
            .any(|f| f.state == FileState::Unreadable);
        if unreadable || loaded.files.len() != loaded.library.files_found {
            return None;
        }
        let inputs = Inputs {
            settings: settings_text(loaded)?,
            style,
            locales,
        };
        let key = key(cli, args, ui, &inputs)?;
        let writer = DerivedWriter::create(&cli.library, derived::BIB_CACHE, KIND, key).ok()?;
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
