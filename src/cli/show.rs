//! `kaynak show KEY`: one record, every form of every text, with the form the
//! form policy prints marked `*` (the same one `bib`, `export` and the sort keys
//! use under the same settings).

use super::form_flags::FormFlags;
use super::report::load_exit;
use super::{Cli, Exit, Ui};
use crate::forms::{FormPolicy, Source, TranslitPolicy};
use crate::model::variable::suggest;
use crate::model::{Entry, MultiText, Name};
use anyhow::bail;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The citation key (the record's file name without `.toml`).
    pub key: String,
    #[command(flatten)]
    pub forms: FormFlags,
}

pub fn run(cli: &Cli, args: &ShowArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let loaded = ui.load(&cli.library)?;
    let Some(entry) = loaded.library.get(&args.key) else {
        let keys = loaded.library.entries.iter().map(|e| e.key.as_str());
        let hint = match suggest(&args.key, keys) {
            Some(k) => format!(" (did you mean `{k}`?)"),
            None => String::new(),
        };
        bail!(
            "no record `{}` in {}{hint}",
            args.key,
            cli.library.display()
        );
    };
    let settings = &loaded.library.settings;
    let locale = settings.locale.as_deref().unwrap_or("en-US");
    let policy = FormPolicy::for_locale(args.forms.settings(settings), locale);
    let mut out = ui.out();
    out.write_all(render(entry, &policy).as_bytes())?;
    Ok(load_exit(&loaded))
}

/// The text `kaynak show` prints for one entry.
pub fn render(entry: &Entry, policy: &FormPolicy) -> String {
    let mut s = format!(
        "{}  ({}{})  {}\n",
        entry.key,
        entry.item_type.value,
        entry
            .language()
            .map(|l| format!(", {l}"))
            .unwrap_or_default(),
        entry.path.display()
    );
    let language = entry.language();
    let mut fields: Vec<(&str, String)> = Vec::new();
    for (name, field) in &entry.names {
        fields.push((name, names_block(&field.value, language, policy)));
    }
    for (name, field) in &entry.texts {
        fields.push((name, text_block(&field.value, language, policy)));
    }
    for (name, field) in &entry.dates {
        fields.push((name, format!("{}\n", field.value)));
    }
    fields.sort_by_key(|(name, _)| field_rank(name));
    for (name, block) in fields {
        s.push_str(&format!("{name}:"));
        if block.starts_with(['*', ' ']) {
            s.push('\n');
            s.push_str(&block);
        } else {
            s.push(' ');
            s.push_str(&block);
        }
    }
    for allow in &entry.allow {
        let reason = allow.reason.as_deref().unwrap_or("(no reason given)");
        s.push_str(&format!("check allows `{}`: {reason}\n", allow.rule));
    }
    s
}

/// Titles and names first, then the rest alphabetically.
fn field_rank(name: &str) -> (usize, String) {
    const FIRST: &[&str] = &[
        "title",
        "title-short",
        "author",
        "editor",
        "translator",
        "container-title",
    ];
    let rank = FIRST.iter().position(|f| *f == name).unwrap_or(FIRST.len());
    (rank, name.to_string())
}

/// The margin of a line: `* ` for the form the policy prints.
fn margin(printed: bool) -> &'static str {
    if printed {
        "* "
    } else {
        "  "
    }
}

fn text_block(text: &MultiText, language: Option<&str>, policy: &FormPolicy) -> String {
    let translit = policy.settings.translit.of(text, language, None);
    if text.is_plain() && translit.is_none() {
        return format!("{}\n", text.original);
    }
    let printed = policy.choose(text, language).source;
    let mut s = format!(
        "{}original     {}\n",
        margin(printed == Source::Original),
        text.original
    );
    if let Some(t) = translit {
        let how = match &t.source {
            Source::Derived { scheme, lang } => {
                format!("  (derived: {scheme}, {} table)", lang.tag())
            }
            _ => String::new(),
        };
        let is_printed = matches!(printed, Source::Own | Source::Derived { .. });
        s.push_str(&format!(
            "{}translit     {}{how}\n",
            margin(is_printed),
            t.text
        ));
    }
    let printed_translation = match &printed {
        Source::Translation(tag) => text.translation(tag),
        _ => None,
    };
    for (tag, t) in text.translations() {
        let is_printed = printed_translation == Some(t.as_str());
        s.push_str(&format!("{}translation  {tag}: {t}\n", margin(is_printed)));
    }
    s
}

fn names_block(names: &[Name], language: Option<&str>, policy: &FormPolicy) -> String {
    let mut s = String::new();
    for name in names {
        let original = name.display_original();
        let printed = policy.name(name, language).display_original();
        let romanised = name.map_parts(|part| {
            let latin = policy.settings.translit.of(part, language, None);
            MultiText::plain(latin.map_or_else(|| part.original.clone(), |t| t.into_string()))
        });
        let romanised = romanised.display_original();
        let organisation = if name.is_literal() {
            "  [organisation]"
        } else {
            ""
        };
        if romanised == original {
            s.push_str(&format!("  {original}{organisation}\n"));
            continue;
        }
        let own =
            name.has_translit() && policy.settings.translit.policy == TranslitPolicy::RecordFirst;
        let how = if own { "translit" } else { "derived" };
        s.push_str(&format!(
            "{}{original}{organisation}\n",
            margin(printed == original)
        ));
        s.push_str(&format!(
            "{}{romanised}  ({how})\n",
            margin(printed == romanised)
        ));
    }
    s
}
