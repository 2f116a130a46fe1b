//! `kaynak styles`: every style kaynak can use — its own, and those in the
//! library's and `--styles` directories — with title, class (note,
//! author-date, numeric …) and default locale, as a table or JSON lines.

use super::formatting::style_dirs;
use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::adapter::{list_styles, StyleSummary};
use crate::store;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct StylesArgs {
    /// More directories to find styles in.
    #[arg(long = "styles", value_name = "DIR")]
    pub style_dirs: Vec<PathBuf>,
    /// `table` (default) or `json` (one object per line).
    #[arg(long, short, default_value = "table", value_parser = ["table", "json"])]
    pub format: String,
}

pub fn run(cli: &Cli, args: &StylesArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let settings = store::read_settings(&cli.library);
    ui.diagnostics(
        &settings.diagnostics,
        DiagnosticFormat::Human,
        &settings.library.sources,
    )?;
    let (styles, problems) = list_styles(&style_dirs(&args.style_dirs, &settings));
    ui.diagnostics(
        &problems,
        DiagnosticFormat::Concise,
        &settings.library.sources,
    )?;
    let mut out = ui.out();
    if args.format == "json" {
        for style in &styles {
            writeln!(out, "{}", serde_json::to_string(style)?)?;
        }
    } else {
        write_table(&mut out, &styles)?;
    }
    Ok(Exit::Success)
}

fn write_table(out: &mut dyn Write, styles: &[StyleSummary]) -> std::io::Result<()> {
    let width = |f: &dyn Fn(&StyleSummary) -> usize, header: &str| {
        styles.iter().map(f).max().unwrap_or(0).max(header.len())
    };
    let name = width(&|s| s.name.chars().count(), "NAME");
    let class = width(&|s| s.class.len(), "CLASS");
    let locale = width(
        &|s| s.default_locale.as_deref().map_or(1, str::len),
        "LOCALE",
    );
    writeln!(
        out,
        "{:name$}  {:class$}  {:locale$}  TITLE (SOURCE)",
        "NAME", "CLASS", "LOCALE"
    )?;
    for style in styles {
        writeln!(
            out,
            "{:name$}  {:class$}  {:locale$}  {} ({})",
            style.name,
            style.class,
            style.default_locale.as_deref().unwrap_or("-"),
            style.title,
            style.source
        )?;
    }
    Ok(())
}
