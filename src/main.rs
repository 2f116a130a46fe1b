//! The `kaynak` binary: parse the command line, run it, map the outcome to an
//! exit code (0 ok, 1 findings, 2 failure). A closed pipe ends quietly with 0.

mod allocator;
mod cli;

// The library's modules, at the paths the CLI names them by (`crate::store` …).
use kaynak::{adapter, check, csl, diag, document, forms, interchange, model, search, store, text};

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

/// mimalloc, not the system allocator: the CSL engine and the loaders make
/// millions of small short-lived allocations, and glibc's malloc and free
/// cost about an eighth of a render's instructions (docs/performance.md).
/// Its memory may come in transparent huge pages where the system offers
/// them: a 10,000-note render takes a thousand page faults instead of
/// eighteen thousand (about a tenth of its time) for 5 MB more at its peak.
#[global_allocator]
static ALLOCATOR: allocator::MiMalloc = allocator::MiMalloc;

fn main() -> ExitCode {
    // `COMPLETE=bash kaynak …` (the hook of `kaynak completions --dynamic`)
    // answers a completion and exits; otherwise this returns at once
    clap_complete::CompleteEnv::with_factory(<cli::Cli as clap::CommandFactory>::command)
        .complete();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli::run(cli) {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let message = format!("{e:#}");
            let message = cli::terminal::escape(&message);
            let _ = writeln!(io::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
