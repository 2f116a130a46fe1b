//! `kaynak check`: validate the library and report findings (on stdout, since
//! they are this command's result), then a summary line; `--fix` repairs what
//! is safe first, `--fix --dry-run` shows the repairs as a diff instead. A
//! check over unchanged inputs prints what the last one printed (see
//! [`check_replay`]); one that must run goes through the check cache.

use super::check_replay;
use super::output_cache::Recorder;
use super::terminal::Output;
use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::check::{self, calendar, diff, fix, rules, Checked, Options, Profile};
use crate::diag::{self, Diagnostic, Location, Severity, Tally};
use crate::model::variable::suggest;
use crate::model::{Date, DatePart, Endpoint};
use crate::store::cache::Stamp;
use crate::store::{self, derived, FileState, LoadOptions, Loaded};
use anyhow::{bail, Context};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Check only these records (citation keys); all records when none are given.
    #[arg(value_name = "KEY")]
    pub keys: Vec<String>,
    /// How findings are written.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    pub strict: bool,
    /// The day to measure dates against [default: `as-of` in kaynak.toml, else today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<DatePart>,
    /// The style profile: what the target style asks for [default: `[check] profile`, else default].
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(Profile::NAMES))]
    pub profile: Option<String>,
    /// List every rule with its id, severity and explanation, and exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Apply the safe fixes (ISO dates, bare DOIs, en dashes in page ranges, NFC, control
    /// characters removed) before checking.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: show the fixes as a unified diff and write nothing.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
}

fn parse_today(text: &str) -> Result<DatePart, String> {
    match Date::parse(text) {
        Ok(Date {
            start: Endpoint::Known(p),
            end: None,
        }) if p.day.is_some() && p.is_possible() => Ok(p),
        _ => Err(format!("`{text}` is not a day; write YYYY-MM-DD")),
    }
}

pub fn run(cli: &Cli, args: &CheckArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    if args.list_rules {
        list_rules(ui)?;
        return Ok(Exit::Success);
    }
    let settings = store::read_settings(&cli.library);
    let (options, setting_problems) = options(args, &settings)?;
    // A check over unchanged inputs prints what the last one printed.
    let key = check_replay::key(cli, args, ui, &options, &settings);
    if let Some(key) = key {
        if let Some(exit) = check_replay::replay(cli, key)? {
            return Ok(exit);
        }
    }
    let (mut loaded, mut report) = check_library(cli, &options)?;
    if args.fix {
        // The findings carry their fixes, from this run or the check cache.
        apply_fixes(args, &loaded, &report, &options, ui)?;
        if !args.dry_run {
            (loaded, report) = check_library(cli, &options)?;
        }
    }
    report.diagnostics.extend(setting_problems);
    diag::sort(&mut report.diagnostics);
    let tally = Tally::of(&report.diagnostics);
    let fails = tally.errors > 0 || (args.strict && tally.warnings > 0);
    let exit = if fails { Exit::Findings } else { Exit::Success };
    let mut recorder = key.and_then(|key| check_replay::start(cli, key, &settings, &loaded));
    let after = print_report(args, ui, &loaded, &report, recorder.as_mut())?;
    if let Some(recorder) = recorder {
        recorder.finish(&[], &after, exit, &loaded);
    }
    // The process ends after this command: freeing every entry and finding
    // one by one would cost a cold check of 100,000 records some 3% more.
    std::mem::forget((loaded, report));
    Ok(exit)
}

/// Loads and checks the library. Through the check cache (unless
/// `--no-cache`): records unchanged since the last check under the same
/// options are not loaded again, their summaries are; the cache is then
/// brought up to date (see [`check::cache`]).
fn check_library(cli: &Cli, options: &Options) -> anyhow::Result<(Loaded, check::Report)> {
    let dir = &cli.library;
    let use_cache = !cli.no_cache;
    let key = check::cache::key(options);
    let mut cached = match use_cache {
        true => derived::read(dir, derived::CHECK_CACHE, check::cache::KIND, key)
            .and_then(|bytes| check::cache::decode(&bytes, dir))
            .unwrap_or_default(),
        false => Vec::new(),
    };
    let known: Vec<(String, Stamp)> = cached
        .iter_mut()
        .map(|c| (std::mem::take(&mut c.name), c.stamp))
        .collect();
    let load_options = LoadOptions {
        cache: use_cache,
        stamps: use_cache,
        known: &known,
        // The check cache answers a second check; the load cache is left to
        // the commands that keep entries (encoding and writing every entry
        // was a tenth of a cold check).
        leave_cache: true,
    };
    let summarizer = check::Summarizer { options };
    // Entries are not kept: each record's summary, key and path are.
    let (mut loaded, summarized) =
        store::load_visiting(dir, &load_options, &summarizer).context("cannot load the library")?;
    let paths: Vec<PathBuf> = loaded
        .unchanged
        .iter()
        .map(|&i| dir.join(&known[i].0))
        .collect();
    let keys: Vec<Cow<str>> = loaded
        .unchanged
        .iter()
        .map(|&i| store::key_of_file(&known[i].0))
        .collect();
    let sources = &loaded.library.sources;
    let mut records: Vec<Checked> = summarized
        .iter()
        .map(|s| Checked {
            key: &s.key,
            path: &s.path,
            text: (s.text.as_deref()).or_else(|| sources.get(&s.path).map(String::as_str)),
            summary: &s.summary,
        })
        .collect();
    records.extend(loaded.unchanged.iter().zip(paths.iter().zip(&keys)).map(
        |(&i, (path, key))| Checked {
            key,
            path,
            text: None,
            summary: &cached[i].summary,
        },
    ));
    let report = check::check_summarized(&loaded, &[], records, options);
    let fresh = summarized.iter().any(|s| !sources.contains_key(&s.path));
    if use_cache && (fresh || loaded.unchanged.len() != known.len()) {
        save_check_cache(dir, key, &loaded, &summarized, &known, &cached);
    }
    // The texts of the records with findings, for the report's snippets
    // (after the check cache is saved: it takes a kept text for a record
    // with load findings).
    let kept = summarized.iter().filter(|s| s.text.is_some()).count();
    loaded.library.sources.reserve(kept);
    for s in summarized {
        if let Some(text) = s.text {
            loaded.library.sources.entry(s.path).or_insert(text);
        }
    }
    Ok((loaded, report))
}

/// Writes the check cache: the records known unchanged and the summaries of
/// the records this run loaded cleanly. A failure leaves no cache (it is
/// never needed).
fn save_check_cache(
    dir: &std::path::Path,
    key: u128,
    loaded: &Loaded,
    summarized: &[check::Summarized],
    known: &[(String, Stamp)],
    cached: &[check::cache::CachedSummary],
) {
    // `loaded.files` and the records summarized are both in file-name
    // order: each is looked for a step ahead of the last one found (and
    // searched for should it not be there).
    let files = &loaded.files;
    let mut at = 0;
    let mut stamp_of = |name: &str| {
        while files.get(at).is_some_and(|f| f.name.as_str() < name) {
            at += 1;
        }
        let i = match files.get(at) {
            Some(f) if f.name == name => at,
            _ => files.binary_search_by(|f| f.name.as_str().cmp(name)).ok()?,
        };
        match files[i].state {
            FileState::Read(stamp) => Some(stamp),
            _ => None,
        }
    };
    let mut records: Vec<(&str, Stamp, &check::Summary)> = loaded
        .unchanged
        .iter()
        .map(|&i| (known[i].0.as_str(), known[i].1, &cached[i].summary))
        .collect();
    for s in summarized {
        // Only a clean record (its text not kept for findings) is summarized
        // once and for all.
        let name = s.path.file_name().and_then(|n| n.to_str());
        let stamp = name.and_then(&mut stamp_of);
        if let (Some(name), Some(stamp)) = (name, stamp) {
            if !loaded.library.sources.contains_key(&s.path) {
                records.push((name, stamp, &s.summary));
            }
        }
    }
    records.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let written =
        derived::DerivedWriter::create(dir, derived::CHECK_CACHE, check::cache::KIND, key)
            .and_then(|mut out| {
                check::cache::encode(&records, &mut out)?;
                out.finish()
            });
    if written.is_err() {
        derived::remove(dir, derived::CHECK_CACHE);
    }
}

/// The check options from the arguments and `kaynak.toml`; a bad profile in
/// `kaynak.toml` is a finding (and the default profile is used).
fn options(args: &CheckArgs, loaded: &Loaded) -> anyhow::Result<(Options, Vec<Diagnostic>)> {
    let library = &loaded.library;
    let settings = &library.settings;
    let today = args
        .today
        .or(settings.as_of)
        .unwrap_or_else(calendar::today);
    let mut options = Options::new(today);
    let mut problems = Vec::new();
    if let Some(days) = settings.check.max_access_age_days {
        options.max_access_age_days = days;
    }
    match (&args.profile, &settings.check.profile) {
        (Some(name), _) => options.profile = Profile::from_name(name).unwrap_or_default(),
        (None, Some(field)) => match Profile::from_name(&field.value) {
            Some(p) => options.profile = p,
            None => problems.push(bad_profile(loaded, field)),
        },
        (None, None) => {}
    }
    if !args.keys.is_empty() {
        options.keys = Some(selected_keys(&args.keys, loaded)?);
    }
    options.note_style = options.profile == Profile::Chicago || note_style(loaded);
    Ok((options, problems))
}

/// Whether the library's `style` is a note style (a style that does not load
/// counts as not: the formatting commands report it).
fn note_style(loaded: &Loaded) -> bool {
    let library = &loaded.library;
    let Some(name) = &library.settings.style else {
        return false;
    };
    let mut dirs: Vec<std::path::PathBuf> = library
        .settings
        .styles
        .iter()
        .map(|d| library.dir.join(d))
        .collect();
    dirs.push(std::path::PathBuf::from("styles"));
    crate::adapter::load_style(name, &dirs)
        .is_ok_and(|s| s.style.class == crate::csl::style::model::StyleClass::Note)
}

fn bad_profile(loaded: &Loaded, field: &crate::model::Field<String>) -> Diagnostic {
    let path = loaded.library.dir.join(store::SETTINGS_FILE);
    let text = loaded.library.sources.get(&path).map_or("", String::as_str);
    Diagnostic::error(
        "invalid-setting",
        format!("`{}` is not a check profile", field.value),
    )
    .with_location(Location::at(&path, text, field.span))
    .with_help(format!("use one of: {}", Profile::NAMES.join(", ")))
}

/// The requested keys, each of which must name a record file of the library.
fn selected_keys(keys: &[String], loaded: &Loaded) -> anyhow::Result<HashSet<String>> {
    let known: HashSet<String> = store::record_files(&loaded.library.dir)?
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(String::from))
        .collect();
    for key in keys {
        if !known.contains(key) {
            let hint = match suggest(key, known.iter().map(String::as_str)) {
                Some(k) => format!(" (did you mean `{k}`?)"),
                None => String::new(),
            };
            bail!(
                "no record `{key}` in {}{hint}",
                loaded.library.dir.display()
            );
        }
    }
    Ok(keys.iter().cloned().collect())
}

/// Applies (or with `--dry-run` shows) the fixes the report's findings carry.
fn apply_fixes(
    args: &CheckArgs,
    loaded: &Loaded,
    report: &check::Report,
    options: &Options,
    ui: &Ui,
) -> anyhow::Result<()> {
    let plans = fix::plan(report, &loaded.library, options);
    // With --format json, stdout holds JSON lines only; the fixes go to stderr.
    let mut out: Box<dyn Write> = if args.format == DiagnosticFormat::Json {
        Box::new(io::stderr().lock())
    } else {
        Box::new(ui.out())
    };
    let verb = if args.dry_run { "would fix" } else { "fixed" };
    for plan in &plans {
        if let Some(target) = store::write::link_outside(&plan.path, &loaded.library.dir) {
            let d = store::write::outside_link_warning(&plan.path, &target);
            ui.diagnostics(
                &[d],
                DiagnosticFormat::Human,
                &HashMap::<PathBuf, String>::new(),
            )?;
            continue;
        }
        if args.dry_run {
            out.write_all(
                diff::unified(&plan.path.display().to_string(), &plan.before, &plan.after)
                    .as_bytes(),
            )?;
        } else {
            store::write::replace(&plan.path, plan.after.as_bytes())
                .map_err(|e| super::report::write_failure(&plan.path, e))?;
        }
        for f in &plan.fixes {
            writeln!(
                out,
                "{verb} {}:{}:{}: {}",
                plan.path.display(),
                f.line,
                f.column,
                f.description
            )?;
        }
    }
    let count: usize = plans.iter().map(|p| p.fixes.len()).sum();
    if !ui.quiet {
        writeln!(
            out,
            "{verb} {count} {} in {} {}",
            plural(count, "problem"),
            plans.len(),
            plural(plans.len(), "file")
        )?;
    }
    Ok(())
}

/// Prints the report: the findings and the summary line on stdout (with
/// `--format json` the summary goes to stderr, and is returned), a copy of
/// stdout going into `recorder`.
fn print_report(
    args: &CheckArgs,
    ui: &Ui,
    loaded: &Loaded,
    report: &check::Report,
    recorder: Option<&mut Recorder>,
) -> anyhow::Result<Vec<u8>> {
    let shown: Vec<Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| !ui.quiet || d.severity == Severity::Error)
        .cloned()
        .collect();
    // Findings are for people: their control characters are shown escaped
    // (JSON escapes its own, and stays data).
    let texts = loaded.library.sources_for(&shown);
    let escaped = super::terminal::escape_diagnostics(&shown, &texts);
    let (shown, sources): (&[Diagnostic], &dyn diag::human::SourceText) = match args.format {
        DiagnosticFormat::Json => (&shown, &texts),
        _ => (&escaped.diagnostics, &escaped),
    };
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let stdout: Box<dyn Write> = match recorder {
        Some(recorder) => Box::new(recorder.tee(stdout.lock())),
        None => Box::new(stdout.lock()),
    };
    let mut after = Vec::new();
    match args.format {
        DiagnosticFormat::Human => {
            // Buffered (see `Ui::diagnostics`); control characters are
            // escaped in the findings already, and colors must pass.
            let mut out = super::report::buffered(stdout, ui.stdout_color());
            diag::render_human(&mut out, shown, sources)?;
            if !ui.quiet {
                writeln!(Output::new(&mut out, terminal), "{}", summary(report))?;
            }
            out.flush()?;
        }
        DiagnosticFormat::Concise | DiagnosticFormat::Json => {
            let mut out = io::BufWriter::new(Output::new(stdout, terminal));
            if args.format == DiagnosticFormat::Json {
                diag::render_json(&mut out, shown)?;
                // JSON output stays one object per line: the summary goes
                // to stderr.
                if !ui.quiet {
                    writeln!(after, "{}", summary(report))?;
                }
            } else {
                diag::render_concise(&mut out, shown)?;
                if !ui.quiet {
                    writeln!(out, "{}", summary(report))?;
                }
            }
            out.flush()?;
        }
    }
    io::stderr().lock().write_all(&after)?;
    Ok(after)
}

/// `checked 7 records: 4 errors, 13 warnings, 1 info`.
pub fn summary(report: &check::Report) -> String {
    let t = Tally::of(&report.diagnostics);
    format!(
        "checked {} {}: {} {}, {} {}, {} {}",
        report.records_checked,
        plural(report.records_checked, "record"),
        t.errors,
        plural(t.errors, "error"),
        t.warnings,
        plural(t.warnings, "warning"),
        t.infos,
        plural(t.infos, "info"),
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

fn list_rules(ui: &Ui) -> io::Result<()> {
    ui.out().write_all(rules::list().as_bytes())
}
