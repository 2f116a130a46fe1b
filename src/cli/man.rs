//! `kaynak man`: the manual page (roff), generated from the same clap
//! definitions as the parser and `--help`.

use super::{Cli, Exit, Ui};
use anyhow::Context;
use clap::CommandFactory;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write `kaynak.1` and one page per subcommand (`kaynak-fmt.1` …) into
    /// this directory instead of printing `kaynak.1`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(_cli: &Cli, args: &ManArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let command = Cli::command();
    match &args.dir {
        Some(dir) => {
            clap_mangen::generate_to(command, dir)
                .with_context(|| format!("cannot write manual pages into {}", dir.display()))?;
        }
        None => {
            let mut out = ui.out();
            clap_mangen::Man::new(command).render(&mut out)?;
        }
    }
    Ok(Exit::Success)
}
