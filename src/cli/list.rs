//! `kaynak list`: one aligned line per record, its short title in the form the
//! form policy prints.

use super::form_flags::FormFlags;
use super::report::load_exit;
use super::{Cli, Exit, Ui};
use crate::forms::FormPolicy;
use crate::model::Entry;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub forms: FormFlags,
}

const TITLE_WIDTH: usize = 60;

pub fn run(cli: &Cli, args: &ListArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let loaded = ui.load(&cli.library)?;
    let settings = &loaded.library.settings;
    let locale = settings.locale.as_deref().unwrap_or("en-US");
    let policy = FormPolicy::for_locale(args.forms.settings(settings), locale);
    let entries = &loaded.library.entries;
    let header = ["KEY", "TYPE", "LANG", "YEAR", "TITLE"].map(String::from);
    // Two passes: the column widths, then each row as it is made (a table
    // of 1,000,000 rows is never held).
    let mut widths = header_widths(&header);
    for entry in entries {
        for (w, cell) in widths.iter_mut().zip(cell_widths(entry)) {
            *w = (*w).max(cell);
        }
    }
    let mut out = std::io::BufWriter::new(ui.out());
    let mut line = String::new();
    for r in std::iter::once(header).chain(entries.iter().map(|e| row(e, &policy))) {
        line.clear();
        for (cell, width) in r.iter().zip(widths) {
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', width + 2 - cell.chars().count()));
        }
        line.push_str(&r[4]);
        writeln!(out, "{}", line.trim_end())?;
    }
    out.flush()?;
    Ok(load_exit(&loaded))
}

fn header_widths(header: &[String; 5]) -> [usize; 4] {
    [0, 1, 2, 3].map(|i| header[i].chars().count())
}

/// The widths of the first four cells of `row(entry)`, without making them.
fn cell_widths(entry: &Entry) -> [usize; 4] {
    let year = entry.year().map_or(1, |y| y.to_string().len());
    [
        entry.key.chars().count(),
        entry.item_type.value.name().chars().count(),
        entry.language().map_or(1, |l| l.chars().count()),
        year,
    ]
}

fn row(entry: &Entry, policy: &FormPolicy) -> [String; 5] {
    let year = entry
        .year()
        .map(|y| y.to_string())
        .unwrap_or_else(|| "-".into());
    let title = entry
        .text("title-short")
        .or_else(|| entry.text("title"))
        .map(|t| shorten(&policy.choose(t, entry.language()).text))
        .unwrap_or_else(|| "-".into());
    [
        entry.key.clone(),
        entry.item_type.value.name().to_string(),
        entry.language().unwrap_or("-").to_string(),
        year,
        title,
    ]
}

/// Cuts a title to the table's width at a character boundary.
fn shorten(title: &str) -> String {
    if title.chars().count() <= TITLE_WIDTH {
        return title.to_string();
    }
    let mut cut: String = title.chars().take(TITLE_WIDTH - 1).collect();
    cut.push('…');
    cut
}
