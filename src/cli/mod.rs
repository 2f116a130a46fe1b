//! The command line: argument parsing (clap) and one file per subcommand. This
//! is the only part of kaynak that prints. It is a module of the `kaynak`
//! binary, not of the library: the commands use the library's public API.
//! The `kaynak-pandoc` binary compiles it too, for the formatting options and
//! the reporting it shares with `bib`, `cite` and `render`.

mod bib;
mod bib_cache;
mod check;
mod check_replay;
mod cite;
mod completions;
mod export;
mod fmt;
mod form_flags;
pub mod formatting;
mod import;
mod list;
mod man;
mod new;
mod output_cache;
mod progress;
mod render;
mod report;
mod search;
mod show;
mod styles;
pub mod terminal;
mod translit;

pub use report::{DiagnosticFormat, Ui};

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// How a run ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success.
    Success,
    /// 1: the command ran and found problems (check-like commands, load errors).
    Findings,
    /// 2: usage or I/O failure: kaynak could not do its job.
    Failure,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Findings => 1,
            Exit::Failure => 2,
        }
    }
}

/// kaynak keeps references as TOML records, one per file, and formats, checks
/// and exports them — with care for texts in several scripts and languages.
#[derive(Debug, Parser)]
#[command(name = "kaynak", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The library directory: one `.toml` record per reference.
    #[arg(
        long,
        global = true,
        env = "KAYNAK_LIBRARY",
        default_value = "sources",
        value_name = "DIR"
    )]
    pub library: PathBuf,

    /// When to color output.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Print only errors and requested output; no warnings, notes or summaries.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Load every record from its file and compute everything afresh,
    /// without reading or writing the library's caches (`.kaynak-cache*`).
    #[arg(long, global = true)]
    pub no_cache: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the records of the library: key, type, language, year and title.
    List(list::ListArgs),
    /// Show one record with every form of its texts (original, transliteration, translations).
    Show(show::ShowArgs),
    /// Format the bibliography of the library (or of the keys given) in a CSL style.
    Bib(bib::BibArgs),
    /// Format citations in document order (notes for note styles), in a CSL style.
    Cite(cite::CiteArgs),
    /// Format the citations of a Markdown manuscript: footnotes (note styles) or
    /// in-text citations, and the bibliography.
    Render(render::RenderArgs),
    /// Find records through any form of their titles, names and keys, in any script.
    Search(search::SearchArgs),
    /// List the styles kaynak can use: its own, and those in the library's
    /// and --styles directories, with title, class and default locale.
    Styles(styles::StylesArgs),
    /// Romanise Cyrillic text under a standard scheme (ALA-LC, BGN/PCGN, ISO 9 …).
    Translit(translit::TranslitArgs),
    /// Check the records: completeness, access dates, dates, identifiers, duplicates, language and script, names.
    Check(check::CheckArgs),
    /// Write a new record skeleton with the fields its type requires and recommends.
    New(new::NewArgs),
    /// Rewrite records into canonical form (field order, dates, quoting, NFC), keeping comments.
    Fmt(fmt::FmtArgs),
    /// Print a shell completion script (bash, zsh, fish …).
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), or write one page per subcommand into a directory.
    Man(man::ManArgs),
    /// Export records to BibTeX, BibLaTeX, CSL-JSON, RIS or Hayagriva YAML.
    Export(export::ExportArgs),
    /// Import a BibTeX, BibLaTeX, CSL-JSON or RIS file as one record per entry.
    Import(import::ImportArgs),
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    let mut ui = Ui::new(cli.color, cli.quiet);
    ui.cache = !cli.no_cache;
    if cli.command.writes_records() && cli.library.is_dir() {
        let cleaned = crate::store::write::remove_stale_temp_files(&cli.library);
        ui.diagnostics(
            &cleaned,
            DiagnosticFormat::Human,
            &std::collections::HashMap::new(),
        )?;
    }
    match &cli.command {
        Command::List(args) => list::run(&cli, args, &mut ui),
        Command::Show(args) => show::run(&cli, args, &mut ui),
        Command::Bib(args) => bib::run(&cli, args, &mut ui),
        Command::Cite(args) => cite::run(&cli, args, &mut ui),
        Command::Render(args) => render::run(&cli, args, &mut ui),
        Command::Search(args) => search::run(&cli, args, &mut ui),
        Command::Styles(args) => styles::run(&cli, args, &mut ui),
        Command::Translit(args) => translit::run(&cli, args, &mut ui),
        Command::Check(args) => check::run(&cli, args, &mut ui),
        Command::New(args) => new::run(&cli, args, &mut ui),
        Command::Fmt(args) => fmt::run(&cli, args, &mut ui),
        Command::Completions(args) => completions::run(&cli, args, &mut ui),
        Command::Man(args) => man::run(&cli, args, &mut ui),
        Command::Export(args) => export::run(&cli, args, &mut ui),
        Command::Import(args) => import::run(&cli, args, &mut ui),
    }
}

impl Command {
    /// True for the commands that write records into the library (and so
    /// first clear away what a killed writer left there).
    fn writes_records(&self) -> bool {
        match self {
            Command::New(args) => !args.dry_run,
            Command::Fmt(args) => !args.check,
            Command::Import(args) => !args.dry_run,
            Command::Check(args) => args.fix && !args.dry_run,
            _ => false,
        }
    }
}
