//! `kaynak completions SHELL`: a shell completion script, generated from the
//! same clap definitions as the parser, so it never falls out of date.

use super::{Cli, Exit, Ui};
use clap::CommandFactory;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in. Install, e.g.:
    /// bash: `kaynak completions bash > ~/.local/share/bash-completion/completions/kaynak`;
    /// zsh: `kaynak completions zsh > ~/.zfunc/_kaynak`;
    /// fish: `kaynak completions fish > ~/.config/fish/completions/kaynak.fish`.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub fn run(_cli: &Cli, args: &CompletionsArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let mut command = Cli::command();
    let mut out = ui.out();
    clap_complete::generate(args.shell, &mut command, "kaynak", &mut out);
    Ok(Exit::Success)
}
