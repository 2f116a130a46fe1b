//! The output cache of `kaynak check` (`.kaynak-cache-check-output`; see
//! [`super::output_cache`], which it shares with `kaynak bib`): what the
//! last check printed, and its exit code. A check whose inputs are all as
//! they were then prints the same bytes again, without reading a record or
//! the check cache, running a rule or building a finding: a warm check over
//! an unchanged library lists and `stat`s its files, and writes.
//!
//! Besides the parts every output cache's key has (the build, how the
//! library and working directory are named, `--quiet`, color and terminal,
//! the text of `kaynak.toml`), check's key covers the options as the run
//! settled them (the day dates are measured against, so a check on another
//! day is a new check; the profile; the maximum access age; whether the
//! library's style is a note style, told from the style file each time; the
//! rule table: all of [`crate::check::cache::key`]), and every argument of
//! the command (`CheckArgs`, whose `Debug` text covers an option added
//! later: the keys selected, `--format`, `--strict` …). `--fix` neither
//! replays nor records: it writes records.
//!
//! The findings' snippets show the records' text as it was read. A record
//! whose file is unchanged (by its stamp) has the same text, and so the
//! same snippets.

use super::check::CheckArgs;
use super::output_cache::{self, Cache, Recorder};
use super::{Cli, Exit, Ui};
use crate::check::{self, Options};
use crate::store::{derived, Loaded};

/// The derived file.
const CACHE: Cache = Cache {
    name: derived::CHECK_OUTPUT_CACHE,
    kind: 3,
};

/// Bumped when the key changes shape.
const FORMAT: u32 = 1;

/// A check's key, once its options are known; see [`key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(u128);

/// The key of a check with `args` and `options` (made with the settings
/// `settings`, as read from `kaynak.toml`); `None` when this run is not
/// cached (`--no-cache`, `--fix`, or a key that cannot be made).
pub fn key(
    cli: &Cli,
    args: &CheckArgs,
    ui: &Ui,
    options: &Options,
    settings: &Loaded,
) -> Option<Key> {
    if !ui.cache || args.fix {
        return None;
    }
    // Every argument (its `Debug` text: an option added later is covered),
    // and the options as settled from them, kaynak.toml and the clock.
    let command = format!(
        "check {FORMAT}\nargs {args:?}\noptions {:x}",
        check::cache::key(options),
    );
    let settings = output_cache::settings_text(settings)?;
    output_cache::key(cli, ui, &command, settings).map(Key)
}

/// Writes what the last check with `key` wrote, when the records are
/// unchanged too: its exit, or `None` (nothing written) when the cache does
/// not answer for this run.
pub fn replay(cli: &Cli, key: Key) -> std::io::Result<Option<Exit>> {
    output_cache::replay(&cli.library, CACHE, key.0)
}

/// Starts recording a check with `key` over `loaded`, whose settings must
/// be those the key was made with (`settings`): a `kaynak.toml` changed
/// between the two reads is not cached.
pub fn start(cli: &Cli, key: Key, settings: &Loaded, loaded: &Loaded) -> Option<Recorder> {
    let read = output_cache::settings_text(settings)?;
    if output_cache::settings_text(loaded)? != read {
        return None;
    }
    Recorder::start(&cli.library, CACHE, key.0, loaded)
}
