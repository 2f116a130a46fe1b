//! `kaynak completions SHELL`: a shell completion script, generated from the
//! same clap definitions as the parser, so it never falls out of date. It
//! offers the style names kaynak can use for `--style` and the library's
//! record keys where a command takes keys, as they are when the script is
//! made; `--dynamic` prints instead a hook that asks kaynak itself at each
//! completion (clap_complete's dynamic completion), so new records and
//! styles show up at once.

use super::{Cli, Exit, Ui};
use crate::adapter::list_styles;
use crate::store;
use clap::builder::PossibleValuesParser;
use clap::CommandFactory;
use clap_complete::env::EnvCompleter;
use clap_complete::CompletionCandidate;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in. Install, e.g.:
    /// bash: `kaynak completions bash > ~/.local/share/bash-completion/completions/kaynak`;
    /// zsh: `kaynak completions zsh > ~/.zfunc/_kaynak`;
    /// fish: `kaynak completions fish > ~/.config/fish/completions/kaynak.fish`.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
    /// Print a hook that asks kaynak at each completion (styles and record
    /// keys as they are then) instead of a fixed script.
    #[arg(long)]
    pub dynamic: bool,
}

/// Subcommands whose `--style` takes a style name.
const STYLE_COMMANDS: &[&str] = &["bib", "cite", "render"];
/// Subcommands and the argument that takes record keys.
const KEY_ARGS: &[(&str, &str)] = &[
    ("bib", "keys"),
    ("show", "key"),
    ("export", "keys"),
    ("check", "keys"),
    ("fmt", "keys"),
];

pub fn run(cli: &Cli, args: &CompletionsArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let mut out = ui.out();
    if args.dynamic {
        let completer: &dyn EnvCompleter = match args.shell {
            clap_complete::Shell::Bash => &clap_complete::env::Bash,
            clap_complete::Shell::Zsh => &clap_complete::env::Zsh,
            clap_complete::Shell::Fish => &clap_complete::env::Fish,
            clap_complete::Shell::Elvish => &clap_complete::env::Elvish,
            _ => &clap_complete::env::Powershell,
        };
        completer.write_registration("COMPLETE", "kaynak", "kaynak", "kaynak", &mut out)?;
        return Ok(Exit::Success);
    }
    let styles = style_names(&cli.library);
    let keys = record_keys(&cli.library);
    let mut command = Cli::command();
    for name in STYLE_COMMANDS {
        let values = styles.clone();
        command = command.mut_subcommand(*name, |sub| {
            sub.mut_arg("style", |arg| {
                arg.value_parser(PossibleValuesParser::new(values))
            })
        });
    }
    for (name, arg) in KEY_ARGS {
        if keys.is_empty() {
            break;
        }
        let values = keys.clone();
        command = command.mut_subcommand(*name, |sub| {
            sub.mut_arg(*arg, |a| a.value_parser(PossibleValuesParser::new(values)))
        });
    }
    clap_complete::generate(args.shell, &mut command, "kaynak", &mut out);
    Ok(Exit::Success)
}

/// The names `--style` takes: built-in styles and those in `./styles` and
/// the library's style directories.
pub fn style_names(library: &Path) -> Vec<String> {
    let settings = store::read_settings(library);
    let mut dirs: Vec<PathBuf> = settings
        .library
        .settings
        .styles
        .iter()
        .map(|d| library.join(d))
        .collect();
    dirs.push(PathBuf::from("styles"));
    list_styles(&dirs).0.into_iter().map(|s| s.name).collect()
}

/// The keys of the library's records (file names; nothing is parsed).
pub fn record_keys(library: &Path) -> Vec<String> {
    let files = store::record_files(library).unwrap_or_default();
    files
        .iter()
        .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect()
}

/// The library a completion runs against: KAYNAK_LIBRARY, else `sources`.
fn completion_library() -> PathBuf {
    std::env::var_os("KAYNAK_LIBRARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("sources"))
}

/// Style names, for dynamic completion of `--style`.
pub fn style_candidates() -> Vec<CompletionCandidate> {
    style_names(&completion_library())
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// Record keys, for dynamic completion of key arguments.
pub fn key_candidates() -> Vec<CompletionCandidate> {
    record_keys(&completion_library())
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}
