//! The flags of every command that prints multilingual text (`show`, `list`,
//! `search`, `bib`, `cite`, `render`, `export`): `--form`, `--translit` and
//! `--translit-policy`, each overriding the kaynak.toml setting of the same name.

use crate::forms::{Form, FormSettings, TranslitPolicy};
use crate::store::Settings;
use crate::text::translit::Scheme;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct FormFlags {
    /// Which form of multilingual texts to print: auto (as written when in the
    /// output's script, else transliterated), original, translit, or
    /// translation:TAG [default: `form` in kaynak.toml, else auto]
    #[arg(long, value_name = "FORM", value_parser = parse_form)]
    pub form: Option<Form>,
    /// The scheme derived transliterations use (`kaynak translit --list`)
    /// [default: `translit` in kaynak.toml, else the style's, else ala-lc-plain]
    #[arg(long, value_name = "SCHEME", value_parser = parse_scheme)]
    pub translit: Option<Scheme>,
    /// record-first: a record's own `translit` is printed where it has one;
    /// uniform: every transliteration is derived under one scheme
    /// [default: `translit-policy` in kaynak.toml, else record-first]
    #[arg(long, value_name = "POLICY", value_parser = parse_policy)]
    pub translit_policy: Option<TranslitPolicy>,
}

impl FormFlags {
    /// The library's form settings with these flags applied.
    pub fn settings(&self, library: &Settings) -> FormSettings {
        let mut settings = library.form_settings();
        if let Some(form) = &self.form {
            settings.form = form.clone();
        }
        if let Some(scheme) = self.translit {
            settings.translit.scheme = Some(scheme);
        }
        if let Some(policy) = self.translit_policy {
            settings.translit.policy = policy;
        }
        settings
    }
}

fn parse_form(name: &str) -> Result<Form, String> {
    name.parse()
}

fn parse_scheme(name: &str) -> Result<Scheme, String> {
    name.parse::<Scheme>().map_err(|e| e.to_string())
}

fn parse_policy(name: &str) -> Result<TranslitPolicy, String> {
    name.parse()
}
