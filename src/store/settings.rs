//! `kaynak.toml`: settings for a whole library (a reserved file name, not a record).
//!
//! ```toml
//! style = "chicago-notes"      # default style for bib/cite/render
//! locale = "en-US"             # default locale
//! translit = "ala-lc"          # the scheme derived transliterations use
//! translit-policy = "record-first"  # or "uniform": derive every transliteration
//! form = "auto"                # or "original", "translit", "translation:TAG"
//! as-of = 2026-11-28           # the date that date checks measure against
//! styles = ["my-styles"]       # more directories to find styles in
//! sort-script = "translit"     # sort non-Latin text on its transliteration or original
//!
//! [check]
//! profile = "gost"             # the style profile `kaynak check` applies by default
//! max-access-age-days = 1095   # older access dates ask for the link to be re-checked
//! ```

use super::context::{expect_string, item_span, key_span, FileContext};
use crate::diag::Diagnostic;
use crate::forms::{Form, FormSettings, Translit, TranslitPolicy};
use crate::model::{variable::suggest, Date, Endpoint, Field};
use crate::text::translit::Scheme;
use std::path::PathBuf;
use toml_edit::{Item, Value};

/// The reserved file name of the settings file.
pub const SETTINGS_FILE: &str = "kaynak.toml";

/// Sorting of non-Latin text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortScript {
    /// Sort on the transliteration (so Cyrillic entries fall among Latin ones).
    #[default]
    Translit,
    /// Sort on the original script (Latin first, then Cyrillic).
    Original,
}

/// Library-wide settings. Every field is optional; commands fall back to their
/// own defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub style: Option<String>,
    pub locale: Option<String>,
    pub translit: Option<Scheme>,
    /// Whether records' own transliterations win (`translit-policy`).
    pub translit_policy: TranslitPolicy,
    /// Which form of multilingual texts to print (`form`).
    pub form: Form,
    pub as_of: Option<crate::model::DatePart>,
    /// Directories (relative to the library directory) with more styles.
    pub styles: Vec<PathBuf>,
    pub sort_script: SortScript,
    /// The `[check]` table.
    pub check: CheckSettings,
}

/// `[check]` in `kaynak.toml`: defaults for `kaynak check`. The profile name is
/// kept as written (with its place) for the check to validate, since the
/// profiles belong to the check, not to the store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckSettings {
    pub profile: Option<Field<String>>,
    pub max_access_age_days: Option<i64>,
}

const CHECK_KEYS: &[&str] = &["profile", "max-access-age-days"];

const KEYS: &[&str] = &[
    "style",
    "locale",
    "translit",
    "translit-policy",
    "form",
    "as-of",
    "styles",
    "sort-script",
    "check",
];

/// Reads settings from the text of a `kaynak.toml`; problems go to `cx`.
pub fn parse_settings(cx: &mut FileContext, root: &toml_edit::Table) -> Settings {
    let mut settings = Settings::default();
    for (name, item) in root.iter() {
        let span = item_span(item);
        let kspan = root
            .get_key_value(name)
            .map(|(k, _)| key_span(k))
            .unwrap_or(span);
        match name {
            "style" => settings.style = expect_string(cx, name, item),
            "locale" => settings.locale = locale(cx, item),
            "translit" => settings.translit = scheme(cx, item),
            "translit-policy" => {
                if let Some(policy) = parsed(cx, name, item, TranslitPolicy::from_name, "\"record-first\" or \"uniform\"") {
                    settings.translit_policy = policy;
                }
            }
            "form" => {
                if let Some(form) = parsed(cx, name, item, Form::from_name, "\"auto\", \"original\", \"translit\" or \"translation:TAG\" (e.g. \"translation:en\")") {
                    settings.form = form;
                }
            }
            "sort-script" => match expect_string(cx, name, item).as_deref() {
                Some("translit") => settings.sort_script = SortScript::Translit,
                Some("original") => settings.sort_script = SortScript::Original,
                Some(other) => cx.report(
                    span,
                    Diagnostic::error("invalid-setting", format!("unknown sort-script `{other}`"))
                        .with_help("use \"translit\" or \"original\""),
                ),
                None => {}
            },
            "as-of" => settings.as_of = as_of(cx, item),
            "styles" => settings.styles = paths(cx, item),
            "check" => settings.check = check_settings(cx, item),
            other => {
                let mut d = Diagnostic::error(
                    "unknown-setting",
                    format!("`{other}` is not a kaynak.toml setting"),
                );
                d = match suggest(other, KEYS.iter().copied()) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help(format!("known settings: {}", KEYS.join(", "))),
                };
                cx.report(kspan, d);
            }
        }
    }
    settings
}

impl Settings {
    /// The form settings this library gives (flags may override them).
    pub fn form_settings(&self) -> FormSettings {
        FormSettings {
            form: self.form.clone(),
            translit: Translit {
                scheme: self.translit,
                policy: self.translit_policy,
            },
        }
    }
}

/// The default locale: a well-formed BCP 47 tag (`en-US`, `tr-TR`, `ru`).
fn locale(cx: &mut FileContext, item: &Item) -> Option<String> {
    let tag = expect_string(cx, "locale", item)?;
    match crate::text::language::parse(&tag) {
        Ok(_) => Some(tag),
        Err(problem) => {
            cx.report(
                item_span(item),
                Diagnostic::error("invalid-setting", format!("`locale`: {problem}"))
                    .with_help("write a BCP 47 language tag, e.g. locale = \"en-US\" or \"tr-TR\""),
            );
            None
        }
    }
}

/// A string setting read by `parse`; an unknown value is an error naming the
/// accepted ones.
fn parsed<T>(
    cx: &mut FileContext,
    name: &str,
    item: &Item,
    parse: impl Fn(&str) -> Option<T>,
    accepted: &str,
) -> Option<T> {
    let text = expect_string(cx, name, item)?;
    let value = parse(&text);
    if value.is_none() {
        cx.report(
            item_span(item),
            Diagnostic::error("invalid-setting", format!("unknown {name} `{text}`"))
                .with_help(format!("use {accepted}")),
        );
    }
    value
}

fn scheme(cx: &mut FileContext, item: &Item) -> Option<Scheme> {
    let name = expect_string(cx, "translit", item)?;
    let scheme = Scheme::from_name(&name);
    if scheme.is_none() {
        let names = Scheme::ALL.iter().map(|s| s.name());
        let help = match suggest(&name, names) {
            Some(s) => format!("did you mean `{s}`? (`kaynak translit --list` names them all)"),
            None => "`kaynak translit --list` names every scheme".to_string(),
        };
        cx.report(
            item_span(item),
            Diagnostic::error(
                "invalid-setting",
                format!("unknown transliteration scheme `{name}`"),
            )
            .with_help(help),
        );
    }
    scheme
}

fn as_of(cx: &mut FileContext, item: &Item) -> Option<crate::model::DatePart> {
    let parsed = match item {
        Item::Value(Value::Datetime(dt)) => dt
            .value()
            .date
            .map(|d| crate::model::DatePart::ymd(i32::from(d.year), d.month, d.day)),
        Item::Value(Value::String(s)) => match Date::parse(s.value()) {
            Ok(Date {
                start: Endpoint::Known(p),
                end: None,
            }) if p.day.is_some() => Some(p),
            _ => None,
        },
        _ => None,
    };
    if let Some(day) = parsed.filter(|p| !p.is_possible()) {
        cx.report(
            item_span(item),
            Diagnostic::error(
                "invalid-setting",
                format!("`as-of` is {day}, a day that does not exist"),
            )
            .with_help("write a real calendar day, e.g. as-of = 2021-02-28"),
        );
        return None;
    }
    if parsed.is_none() {
        cx.report(
            item_span(item),
            Diagnostic::error("invalid-setting", "`as-of` must be a complete date")
                .with_help("write it as a TOML date, e.g. as-of = 2026-11-28"),
        );
    }
    parsed
}

fn check_settings(cx: &mut FileContext, item: &Item) -> CheckSettings {
    let mut out = CheckSettings::default();
    let Some(table) = item.as_table_like() else {
        cx.report(
            item_span(item),
            Diagnostic::error("wrong-type", "`check` must be a table")
                .with_help("write [check] profile = \"gost\""),
        );
        return out;
    };
    for (name, value) in table.iter() {
        match name {
            "profile" => {
                out.profile = expect_string(cx, name, value).map(|p| {
                    let kspan = table.get_key_value(name).map(|(k, _)| key_span(k));
                    Field::new(p, item_span(value), kspan.unwrap_or_default())
                })
            }
            "max-access-age-days" => match value.as_integer() {
                Some(days) if days > 0 => out.max_access_age_days = Some(days),
                _ => cx.report(
                    item_span(value),
                    Diagnostic::error(
                        "invalid-setting",
                        "`max-access-age-days` must be a positive whole number of days",
                    )
                    .with_help("e.g. max-access-age-days = 1095 (three years)"),
                ),
            },
            other => unknown_check_key(cx, table, other),
        }
    }
    out
}

fn unknown_check_key(cx: &mut FileContext, table: &dyn toml_edit::TableLike, name: &str) {
    let kspan = table.get_key_value(name).map(|(k, _)| key_span(k));
    let help = match suggest(name, CHECK_KEYS.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("known settings: {}", CHECK_KEYS.join(", ")),
    };
    cx.report(
        kspan.unwrap_or_default(),
        Diagnostic::error(
            "unknown-setting",
            format!("`check.{name}` is not a kaynak.toml setting"),
        )
        .with_help(help),
    );
}

fn paths(cx: &mut FileContext, item: &Item) -> Vec<PathBuf> {
    let Some(array) = item.as_array() else {
        cx.report(
            item_span(item),
            Diagnostic::error("wrong-type", "`styles` must be an array of directory names"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for value in array.iter() {
        match value.as_str() {
            Some(s) => out.push(PathBuf::from(s)),
            None => cx.report(
                super::context::value_span(value),
                Diagnostic::error("wrong-type", "each entry of `styles` must be a string"),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn settings(text: &str) -> (Settings, Vec<String>) {
        let mut cx = FileContext::new(Path::new("kaynak.toml"), text);
        let doc = toml_edit::Document::parse(text.to_string()).expect("toml");
        let settings = parse_settings(&mut cx, doc.as_table());
        let codes = cx.diagnostics.iter().map(|d| d.code.to_string()).collect();
        (settings, codes)
    }

    #[test]
    fn reads_the_check_table() {
        let (s, codes) = settings("[check]\nprofile = \"gost\"\nmax-access-age-days = 365\n");
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(s.check.profile.map(|p| p.value).as_deref(), Some("gost"));
        assert_eq!(s.check.max_access_age_days, Some(365));
    }

    #[test]
    fn refuses_impossible_days_and_malformed_locales() {
        let (s, codes) = settings("as-of = \"2021-02-30\"\nlocale = \"!!\"\n");
        assert_eq!(codes, vec!["invalid-setting", "invalid-setting"]);
        assert_eq!((s.as_of, s.locale), (None, None));
        let (s, codes) = settings("as-of = \"2024-02-29\"\nlocale = \"tr-TR\"\n");
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(s.locale.as_deref(), Some("tr-TR"));
    }

    #[test]
    fn reads_the_form_settings() {
        let (s, codes) = settings(
            "form = \"translation:tr\"\ntranslit-policy = \"uniform\"\ntranslit = \"bgn-pcgn\"\n",
        );
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(s.form, Form::Translation("tr".into()));
        assert_eq!(s.translit_policy, TranslitPolicy::Uniform);
        assert_eq!(s.form_settings().translit.scheme, Some(Scheme::BgnPcgn));
        let (_, codes) = settings("form = \"latin\"\ntranslit-policy = \"always\"\n");
        assert_eq!(codes, vec!["invalid-setting", "invalid-setting"]);
    }

    #[test]
    fn reports_bad_check_settings() {
        let (_, codes) = settings("[check]\nprofle = \"gost\"\nmax-access-age-days = \"long\"\n");
        assert_eq!(codes, vec!["unknown-setting", "invalid-setting"]);
        let (_, codes) = settings("check = 5\n");
        assert_eq!(codes, vec!["wrong-type"]);
    }
}
