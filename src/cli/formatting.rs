//! What `bib`, `cite` and `render` share: the style, locale, output format and
//! text-form options, and building a CSL processor over the library.

use super::form_flags::FormFlags;
use super::{DiagnosticFormat, Ui};
use crate::adapter::{check_locale, load_style, prepare, LocaleFiles, RecordItem};
use crate::csl::{self, Format, Processor, Warning};
use crate::diag::Diagnostic;
use crate::document::{KeyIndex, Library};
use crate::forms::{FormSettings, Notes};
use crate::store::Loaded;
use anyhow::{anyhow, bail};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct FormatArgs {
    /// The style: a .csl file, or a name found in the style directories or
    /// built into kaynak (default: `style` in kaynak.toml).
    #[arg(long, short, add = clap_complete::ArgValueCandidates::new(super::completions::style_candidates))]
    pub style: Option<String>,
    /// The locale (BCP 47, e.g. en-US, ru-RU, tr-TR) [default: the style's
    /// default-locale, else `locale` in kaynak.toml, else en-US]
    #[arg(long)]
    pub locale: Option<String>,
    /// The output format: text, html, markdown, latex or rtf (default: text;
    /// markdown for `render`).
    #[arg(long, short, value_parser = parse_format)]
    pub format: Option<Format>,
    /// More directories to find styles in.
    #[arg(long = "styles", value_name = "DIR")]
    pub style_dirs: Vec<PathBuf>,
    /// Directories with locale files (locales-xx-YY.xml).
    #[arg(long = "locales", value_name = "DIR")]
    pub locale_dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub forms: FormFlags,
    /// Threads for rendering a large library (default: the machine's cores,
    /// up to 8). The output is the same on any number.
    #[arg(long, env = "KAYNAK_THREADS", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name)
        .ok_or_else(|| format!("unknown format `{name}` (text, html, markdown, latex, rtf)"))
}

/// A processor ready to render the library's records (borrowed from the
/// loaded library, not copied).
pub struct Engine<'a> {
    pub processor: Processor,
    pub items: Vec<RecordItem<'a>>,
    /// Citation key → position in `items`.
    pub index: KeyIndex<'a>,
    /// The form settings of the run (the library's, with the flags applied).
    pub forms: FormSettings,
    /// What identifies the style's files ([`crate::adapter::LoadedStyle::source`]).
    pub style_source: u128,
}

impl Engine<'_> {
    /// The items as the engine reads them.
    pub fn refs(&self) -> Vec<&dyn csl::CslItem> {
        self.items.iter().map(|i| i as &dyn csl::CslItem).collect()
    }

    /// The processor and the library, as a document formats them.
    pub fn library<'s>(&'s self, refs: &'s [&'s dyn csl::CslItem]) -> Library<'s> {
        Library {
            processor: &self.processor,
            items: refs,
            index: &self.index,
        }
    }
}

/// Loads the style and locale named by `args` and adapts every loaded record.
pub fn engine<'a>(args: &FormatArgs, loaded: &'a Loaded, ui: &Ui) -> anyhow::Result<Engine<'a>> {
    let settings = &loaded.library.settings;
    let spec = args
        .style
        .clone()
        .or_else(|| settings.style.clone())
        .ok_or_else(|| anyhow!("no style: give --style NAME|FILE or set `style` in kaynak.toml"))?;
    let dirs = style_dirs(&args.style_dirs, loaded);
    let style = match load_style(&spec, &dirs) {
        Ok(style) => style,
        Err(errors) => {
            ui.diagnostics(
                &errors,
                DiagnosticFormat::Human,
                &HashMap::<PathBuf, String>::new(),
            )?;
            bail!("cannot use the style `{spec}`");
        }
    };
    ui.diagnostics(
        &style.warnings,
        DiagnosticFormat::Concise,
        &HashMap::<PathBuf, String>::new(),
    )?;
    let style_source = style.source;
    let forms = args.forms.settings(settings);
    let asked = args.locale.clone().or_else(|| settings.locale.clone());
    if let Some(tag) = &asked {
        if let Err(error) = check_locale(tag, &args.locale_dirs) {
            let none = HashMap::<PathBuf, String>::new();
            ui.diagnostics(&[error], DiagnosticFormat::Human, &none)?;
            bail!("cannot use the locale `{tag}`");
        }
    }
    let locale_files = LocaleFiles::new(args.locale_dirs.clone());
    let loader = |tag: &str| locale_files.load(tag);
    let (mut processor, policy) = prepare(
        style.style,
        settings,
        forms.clone(),
        args.locale.as_deref(),
        &loader,
    );
    let locale_problems = locale_files.into_problems();
    if !locale_problems.is_empty() {
        ui.diagnostics(
            &locale_problems,
            DiagnosticFormat::Concise,
            &HashMap::<PathBuf, String>::new(),
        )?;
        bail!("cannot use the locale files given with --locales");
    }
    if let Some(threads) = args.threads {
        processor.set_threads(usize::from(threads));
    }
    let items: Vec<RecordItem> = loaded
        .library
        .entries
        .iter()
        .map(|e| RecordItem::new(e, &policy))
        .collect();
    let index = loaded
        .library
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_str(), i))
        .collect();
    Ok(Engine {
        processor,
        items,
        index,
        forms,
        style_source,
    })
}

/// Prints, once, what the form policy had to say about the texts of the records
/// `printed` (keys), e.g. letters a table left as they are.
pub fn report_form_notes<'k>(
    ui: &Ui,
    engine: &Engine,
    printed: impl IntoIterator<Item = &'k str>,
) -> anyhow::Result<()> {
    let extension = engine.processor.style.ext.active;
    let mut notes = Notes::default();
    // A key comes once per citation and once in the bibliography: each
    // record's notes are added once.
    let mut added = vec![false; engine.items.len()];
    for key in printed {
        let Some(&index) = engine.index.get(key) else {
            continue;
        };
        if let (Some(item), Some(done @ false)) = (engine.items.get(index), added.get_mut(index)) {
            *done = true;
            item.add_notes(extension, &mut notes);
        }
    }
    let diagnostics = notes.diagnostics(engine.forms.translit.scheme.is_some());
    ui.diagnostics(
        &diagnostics,
        DiagnosticFormat::Concise,
        &HashMap::<PathBuf, String>::new(),
    )?;
    Ok(())
}

/// Where styles are looked for by name: `--styles` directories, then the
/// library's (`styles` in kaynak.toml), then `./styles`.
pub fn style_dirs(given: &[PathBuf], loaded: &Loaded) -> Vec<PathBuf> {
    let mut dirs = given.to_vec();
    let settings = &loaded.library.settings;
    dirs.extend(settings.styles.iter().map(|d| loaded.library.dir.join(d)));
    dirs.push(PathBuf::from("styles"));
    dirs
}

/// Prints the engine's warnings (missing variables, unknown terms) as diagnostics.
pub fn report_warnings(ui: &Ui, warnings: &[Warning]) -> anyhow::Result<()> {
    let diagnostics: Vec<Diagnostic> = warnings
        .iter()
        .map(|w| {
            let message = match &w.item {
                Some(item) => format!("{item}: {}", w.message),
                None => w.message.clone(),
            };
            if w.note {
                Diagnostic::info("style-note", message)
            } else {
                Diagnostic::warning("style-warning", message)
            }
        })
        .collect();
    ui.diagnostics(
        &diagnostics,
        DiagnosticFormat::Concise,
        &HashMap::<PathBuf, String>::new(),
    )?;
    Ok(())
}
