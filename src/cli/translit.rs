//! `kaynak translit`: romanise Cyrillic text under a named scheme.

use super::{Cli, Exit, Ui};
use crate::store;
use crate::text::translit::{scheme_for_language, transliterate, Scheme, DEFAULT_RUSSIAN_SCHEME};
use anyhow::{bail, Context};
use std::io::{Read, Write};

#[derive(Debug, clap::Args)]
pub struct TranslitArgs {
    /// The scheme (see --list); default: the one for --lang, else the library's
    /// `translit` setting, else ALA-LC.
    #[arg(long, short)]
    pub scheme: Option<String>,
    /// The language of the text (BCP 47: ru, uk, bg, az-Cyrl …), to pick its scheme.
    #[arg(long)]
    pub lang: Option<String>,
    /// Name every scheme with a one-line description.
    #[arg(long)]
    pub list: bool,
    /// The text to romanise; read from standard input when none is given.
    pub text: Vec<String>,
}

pub fn run(cli: &Cli, args: &TranslitArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let mut out = ui.out();
    if args.list {
        for scheme in Scheme::ALL {
            writeln!(out, "{:<18}{}", scheme.name(), scheme.description())?;
        }
        return Ok(Exit::Success);
    }
    let scheme = choose_scheme(cli, args, ui)?;
    if args.text.is_empty() {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .context("cannot read standard input as UTF-8 text")?;
        out.write_all(transliterate(&input, scheme).as_bytes())?;
    } else {
        writeln!(out, "{}", transliterate(&args.text.join(" "), scheme))?;
    }
    Ok(Exit::Success)
}

fn choose_scheme(cli: &Cli, args: &TranslitArgs, ui: &Ui) -> anyhow::Result<Scheme> {
    if let Some(name) = &args.scheme {
        return Ok(name.parse::<Scheme>()?);
    }
    let loaded = store::read_settings(&cli.library);
    ui.diagnostics(
        &loaded.diagnostics,
        super::DiagnosticFormat::Human,
        &loaded.library.sources,
    )?;
    let configured = loaded.library.settings.translit;
    match &args.lang {
        Some(lang) => match scheme_for_language(lang, configured) {
            Some(scheme) => Ok(scheme),
            None => {
                bail!("no transliteration scheme for language `{lang}`: give one with --scheme")
            }
        },
        None => Ok(configured.unwrap_or(DEFAULT_RUSSIAN_SCHEME)),
    }
}
