//! The output cache of `kaynak bib` (`.kaynak-cache-bib`; see
//! [`super::output_cache`], which it shares with `kaynak check`): what the
//! last run wrote to stdout and stderr, and its exit code. A run whose
//! inputs are all as they were then writes the same bytes again, without
//! loading a record or running the engine.
//!
//! Besides the parts every output cache's key has (the build, how the
//! library and working directory are named, `--quiet`, color and terminal,
//! the text of `kaynak.toml`), bib's key covers the options that shape
//! output (style, locale, format, directories, form flags, the keys
//! selected; not `--threads`, which changes nothing), the files of the style
//! (and its parent), and the locale files of the `--locales` directories.
//! Each part is hashed from the very text the run used, or before it was
//! used: a file changed during a run leaves a key that no later run matches.

use super::bib::BibArgs;
use super::output_cache::{self, Cache, Recorder};
use super::{Cli, Exit, Ui};
use crate::adapter::{load_style, locale_files_hash};
use crate::store::{self, derived, Loaded};

/// The derived file.
const CACHE: Cache = Cache {
    name: derived::BIB_CACHE,
    kind: 2,
};

/// Bumped when the body or the key changes shape.
const FORMAT: u32 = 2;

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
    let mut format = args.format.clone();
    format.threads = None;
    let command = format!(
        "bib {FORMAT}\nformat {format:?}\nkeys {:?}\nstyle {:x}\nlocales {:x}",
        args.keys, inputs.style, inputs.locales,
    );
    output_cache::key(cli, ui, &command, inputs.settings)
}

/// Writes what the last run with the same key wrote, when its records are
/// unchanged too: the run's exit, or `None` (nothing written) when the
/// cache does not answer for this run.
pub fn replay(cli: &Cli, args: &BibArgs, ui: &Ui) -> anyhow::Result<Option<Exit>> {
    let dir = &cli.library;
    let loaded = store::read_settings(dir);
    let Some(settings) = output_cache::settings_text(&loaded) else {
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
    Ok(output_cache::replay(dir, CACHE, key)?)
}

/// Starts the cache of a run over `loaded` with the style and locales
/// hashed as given (`settings` is taken from `loaded`); `None` when this run
/// cannot be cached (see [`Recorder::start`]).
pub fn start(
    cli: &Cli,
    args: &BibArgs,
    ui: &Ui,
    loaded: &Loaded,
    style: u128,
    locales: u128,
) -> Option<Recorder> {
    let inputs = Inputs {
        settings: output_cache::settings_text(loaded)?,
        style,
        locales,
    };
    let key = key(cli, args, ui, &inputs)?;
    Recorder::start(&cli.library, CACHE, key, loaded)
}
