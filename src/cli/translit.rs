//! `kaynak translit`: romanise Cyrillic text under a named scheme, with the table of
//! the text's language (`--lang`, else the language its letters point to, else
//! Russian). A letter the table does not cover is a warning naming the letter and
//! the scheme, and the exit code is 1.

use super::{Cli, DiagnosticFormat, Exit, Ui};
use crate::diag::Diagnostic;
use crate::store;
use crate::text::language;
use crate::text::translit::{romanize, scheme_for, Lang, Scheme};
use anyhow::{bail, Context};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct TranslitArgs {
    /// The scheme (see --list) [default: the library's `translit` setting where it
    /// has a table for the language, else ala-lc-plain (az-cyrl for Azerbaijani)]
    #[arg(long, short)]
    pub scheme: Option<String>,
    /// The language of the text (BCP 47: ru, uk, be, bg, sr, mk, kk, ky, tg, uz,
    /// az-Cyrl; `az` with Cyrillic text is az-Cyrl), which picks the table
    /// [default: the language the letters point to, else Russian]
    #[arg(long)]
    pub lang: Option<String>,
    /// Name every scheme with a one-line description and the languages it has
    /// tables for.
    #[arg(long)]
    pub list: bool,
    /// The text to romanise; read from standard input when none is given.
    pub text: Vec<String>,
}

pub fn run(cli: &Cli, args: &TranslitArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    if args.list {
        return list(ui);
    }
    let text = match args.text.is_empty() {
        true => {
            let mut input = String::new();
            std::io::stdin()
                .read_to_string(&mut input)
                .context("cannot read standard input as UTF-8 text")?;
            input
        }
        false => format!("{}\n", args.text.join(" ")),
    };
    let (lang, mut warnings) = choose_lang(args.lang.as_deref(), &text)?;
    let scheme = choose_scheme(cli, args, lang, ui)?;
    let Ok(romanized) = romanize(&text, scheme, lang) else {
        let schemes: Vec<&str> = Scheme::ALL
            .iter()
            .filter(|s| s.covers(lang))
            .map(|s| s.name())
            .collect();
        bail!(
            "`{scheme}` has no table for {lang}; schemes with one: {}",
            schemes.join(", ")
        );
    };
    warnings.extend(romanized.uncovered.iter().map(|letter| {
        Diagnostic::warning(
            "translit-uncovered",
            format!("`{letter}` is not in the {scheme} table for {lang}; it is left as it is"),
        )
        .with_help("name the text's language with --lang (e.g. --lang uk), or choose a scheme with a table for it")
    }));
    ui.out().write_all(romanized.text.as_bytes())?;
    ui.diagnostics(
        &warnings,
        DiagnosticFormat::Concise,
        &HashMap::<PathBuf, String>::new(),
    )?;
    Ok(if romanized.uncovered.is_empty() {
        Exit::Success
    } else {
        Exit::Findings
    })
}

fn list(ui: &Ui) -> anyhow::Result<Exit> {
    let mut out = ui.out();
    for scheme in Scheme::ALL {
        let tags: Vec<&str> = scheme.languages().iter().map(|l| l.tag()).collect();
        writeln!(out, "{:<18}{}", scheme.name(), scheme.description())?;
        writeln!(out, "{:<18}tables: {}", "", tags.join(" "))?;
    }
    Ok(Exit::Success)
}

/// The table for `text`: `--lang`'s, else the language the letters point to.
fn choose_lang(tag: Option<&str>, text: &str) -> anyhow::Result<(Lang, Vec<Diagnostic>)> {
    let Some(tag) = tag else {
        return Ok((Lang::for_text(None, text).lang, Vec::new()));
    };
    if let Err(message) = language::parse(tag) {
        bail!("--lang: {message}");
    }
    if let Some(lang) = Lang::from_tag(&language::effective_tag(tag, text)) {
        return Ok((lang, Vec::new()));
    }
    if language::is_written_in_cyrillic(tag) {
        let note = Diagnostic::warning(
            "translit-uncovered",
            format!("kaynak has no transliteration table for `{tag}`; the Russian table is used"),
        );
        return Ok((Lang::Russian, vec![note]));
    }
    let tags: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
    bail!(
        "no transliteration table for language `{tag}`: kaynak has tables for {}",
        tags.join(", ")
    )
}

fn choose_scheme(cli: &Cli, args: &TranslitArgs, lang: Lang, ui: &Ui) -> anyhow::Result<Scheme> {
    if let Some(name) = &args.scheme {
        return Ok(name.parse::<Scheme>()?);
    }
    let loaded = store::read_settings(&cli.library);
    ui.diagnostics(
        &loaded.diagnostics,
        DiagnosticFormat::Human,
        &loaded.library.sources,
    )?;
    Ok(scheme_for(lang, loaded.library.settings.translit))
}
