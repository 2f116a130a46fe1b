//! What `bib`, `cite` and `render` share: the style, locale, output format and
//! text-form options, and building a CSL processor over the library.

use super::{DiagnosticFormat, Ui};
use crate::csl::{self, Format, Processor, Warning};
use crate::diag::Diagnostic;
use crate::document::Library;
use crate::format::{check_locale, load_style, locale_loader, FormPolicy, RecordItem, TextForm};
use crate::store::{Loaded, SortScript};
use crate::text::collate::MixedScripts;
use crate::text::translit::Scheme;
use anyhow::{anyhow, bail};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct FormatArgs {
    /// The style: a .csl file, or a name found in the style directories or
    /// built into kaynak (default: `style` in kaynak.toml).
    #[arg(long, short, add = clap_complete::ArgValueCandidates::new(super::completions::style_candidates))]
    pub style: Option<String>,
    /// The locale (BCP 47, e.g. en-US, ru-RU, tr-TR); default: the style's, else
    /// `locale` in kaynak.toml, else en-US.
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
    /// Which form of non-English texts to print: auto (Latin as written, other
    /// scripts transliterated), original, translit, or translation:TAG.
    #[arg(long, default_value = "auto", value_parser = parse_form)]
    pub form: TextForm,
    /// Transliterate under this scheme even where a record gives its own.
    #[arg(long)]
    pub translit: Option<String>,
    /// Threads for rendering a large library (default: the machine's cores,
    /// up to 8). The output is the same on any number.
    #[arg(long, env = "KAYNAK_THREADS", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name)
        .ok_or_else(|| format!("unknown format `{name}` (text, html, markdown, latex, rtf)"))
}

fn parse_form(name: &str) -> Result<TextForm, String> {
    TextForm::from_name(name)
        .ok_or_else(|| format!("unknown form `{name}` (auto, original, translit, translation:TAG)"))
}

/// A processor ready to render the library's records.
pub struct Engine {
    pub processor: Processor,
    pub items: Vec<RecordItem>,
    pub index: HashMap<String, usize>,
}

impl Engine {
    /// The items as the engine reads them.
    pub fn refs(&self) -> Vec<&dyn csl::CslItem> {
        self.items.iter().map(|i| i as &dyn csl::CslItem).collect()
    }

    /// The processor and the library, as a document formats them.
    pub fn library<'a>(&'a self, refs: &'a [&'a dyn csl::CslItem]) -> Library<'a> {
        Library {
            processor: &self.processor,
            items: refs,
            index: &self.index,
        }
    }
}

/// Loads the style and locale named by `args` and adapts every loaded record.
pub fn engine(args: &FormatArgs, loaded: &Loaded, ui: &Ui) -> anyhow::Result<Engine> {
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
    let forced_scheme = args
        .translit
        .as_deref()
        .map(str::parse::<Scheme>)
        .transpose()?;
    let policy = FormPolicy {
        form: args.form.clone(),
        forced_scheme,
        configured: settings.translit,
    };
    let locale = args.locale.clone().or_else(|| settings.locale.clone());
    if let Some(tag) = &locale {
        if let Err(error) = check_locale(tag, &args.locale_dirs) {
            let none = HashMap::<PathBuf, String>::new();
            ui.diagnostics(&[error], DiagnosticFormat::Human, &none)?;
            bail!("cannot use the locale `{tag}`");
        }
    }
    let loader = locale_loader(args.locale_dirs.clone());
    let mut processor = csl::processor_with_locale(style.style, locale.as_deref(), &loader);
    processor.set_mixed_scripts(mixed_scripts(settings));
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
        .map(|(i, e)| (e.key.clone(), i))
        .collect();
    Ok(Engine {
        processor,
        items,
        index,
    })
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

/// How Cyrillic sort keys are ordered, from `sort-script` in kaynak.toml: on their
/// romanisation (the library's `translit` scheme, else ALA-LC) or on the original.
fn mixed_scripts(settings: &crate::store::Settings) -> MixedScripts {
    match settings.sort_script {
        SortScript::Original => MixedScripts::Original,
        SortScript::Translit => {
            MixedScripts::Transliterated(settings.translit.unwrap_or(Scheme::AlaLcPlain))
        }
    }
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
