//! The form policy: which form of a multilingual text kaynak prints — the text as
//! published, the record's own transliteration, one derived under a named scheme, or
//! a translation. One rule, used by every command (`show`, `list`, `search`, the CSL
//! adapter behind `bib`, `cite`, `render` and the sort keys, and every exporter), so
//! the same text comes out the same way everywhere under the same settings.
//!
//! The rule, in the user's own settings (`form`, `translit`, `translit-policy` in
//! kaynak.toml, each overridden by the flag of the same name):
//!
//! * `form = "auto"` (the default): text already in the output's script is printed as
//!   written (a Cyrillic-locale bibliography prints Cyrillic, and Latin text stays
//!   Latin everywhere); other text is transliterated. `"original"`, `"translit"` and
//!   `"translation:TAG"` choose one form for every text (a missing translation falls
//!   back to `auto`; names are never translated).
//! * A transliteration is the record's own `translit` (the author's decision) under
//!   `translit-policy = "record-first"` (the default); `"uniform"` derives every one
//!   under one scheme. A derived one uses the `translit` scheme, else the style's
//!   preference, else ALA-LC without diacritics (Azerbaijani Cyrillic: today's Latin
//!   alphabet), with the table of the text's language ([`Lang::for_text`]).
//!
//! This module decides and reports ([`Notes`]); it never prints.

mod notes;

pub use notes::{Note, Notes, RecordNotes};

use crate::model::{MultiText, Name};
use crate::text::language::{self, is_latin, Script};
use crate::text::translit::{default_scheme, romanize, Lang, Scheme};
use std::borrow::Cow;
use std::fmt;

/// Which form of a multilingual text to print (`form` in kaynak.toml, `--form`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Form {
    /// As written when in the output's script, else transliterated.
    #[default]
    Auto,
    /// Always the text as published, in its own script.
    Original,
    /// Always a transliteration (Latin text as written).
    Translit,
    /// The translation into this BCP 47 tag, else as [`Form::Auto`].
    Translation(String),
}

impl Form {
    /// Parses `auto`, `original`, `translit` or `translation:TAG`.
    pub fn from_name(name: &str) -> Option<Form> {
        match name.trim() {
            "auto" => Some(Form::Auto),
            "original" => Some(Form::Original),
            "translit" => Some(Form::Translit),
            other => other
                .strip_prefix("translation:")
                .map(str::trim)
                .filter(|tag| language::parse(tag).is_ok())
                .map(|tag| Form::Translation(tag.to_string())),
        }
    }
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Form::Auto => f.write_str("auto"),
            Form::Original => f.write_str("original"),
            Form::Translit => f.write_str("translit"),
            Form::Translation(tag) => write!(f, "translation:{tag}"),
        }
    }
}

impl std::str::FromStr for Form {
    type Err = String;

    fn from_str(text: &str) -> Result<Form, String> {
        Form::from_name(text).ok_or_else(|| {
            format!("`{text}` is not a form: use auto, original, translit or translation:TAG (a BCP 47 tag)")
        })
    }
}

/// Whether a record's own transliteration wins (`translit-policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TranslitPolicy {
    /// The record's own `translit` where it has one; derived otherwise.
    #[default]
    RecordFirst,
    /// Every transliteration derived under one scheme, for consistency.
    Uniform,
}

impl TranslitPolicy {
    pub fn from_name(name: &str) -> Option<TranslitPolicy> {
        match name.trim() {
            "record-first" => Some(TranslitPolicy::RecordFirst),
            "uniform" => Some(TranslitPolicy::Uniform),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TranslitPolicy::RecordFirst => "record-first",
            TranslitPolicy::Uniform => "uniform",
        }
    }
}

impl std::str::FromStr for TranslitPolicy {
    type Err = String;

    fn from_str(text: &str) -> Result<TranslitPolicy, String> {
        TranslitPolicy::from_name(text).ok_or_else(|| {
            format!("`{text}` is not a translit policy: use record-first or uniform")
        })
    }
}

/// How transliterations are made: the scheme the user named, if any, and whether
/// records' own forms win.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Translit {
    pub scheme: Option<Scheme>,
    pub policy: TranslitPolicy,
}

/// Where a printed text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The text as published.
    Original,
    /// The record's own transliteration.
    Own,
    /// Derived under a scheme with a language's table.
    Derived { scheme: Scheme, lang: Lang },
    /// A stored translation into this tag.
    Translation(String),
}

/// A chosen text, where it came from, and what is worth telling the user about it.
#[derive(Debug, Clone)]
pub struct Chosen<'a> {
    pub text: Cow<'a, str>,
    pub source: Source,
    pub notes: Vec<Note>,
}

impl<'a> Chosen<'a> {
    fn original(text: &'a str) -> Chosen<'a> {
        Chosen {
            text: Cow::Borrowed(text),
            source: Source::Original,
            notes: Vec::new(),
        }
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.text.into_owned()
    }
}

impl Translit {
    /// The scheme for text in `lang`: the user's when it has a table for the
    /// language (else the default, with a note), else the style's preference, else
    /// the default.
    pub fn scheme_for(&self, lang: Lang, style: Option<Scheme>) -> (Scheme, Option<Note>) {
        match (self.scheme, style) {
            (Some(scheme), _) if scheme.covers(lang) => (scheme, None),
            (Some(scheme), _) => {
                let used = default_scheme(lang);
                (used, Some(Note::NoTable { scheme, lang, used }))
            }
            (None, Some(scheme)) if scheme.covers(lang) => (scheme, None),
            _ => (default_scheme(lang), None),
        }
    }

    /// The transliteration of `text` (in `language`, a record's tag); `None` when the
    /// text is Latin already, or in a script kaynak has no scheme for and the record
    /// gives no transliteration. `style` is the style's preferred scheme.
    pub fn of<'a>(
        &self,
        text: &'a MultiText,
        language: Option<&str>,
        style: Option<Scheme>,
    ) -> Option<Chosen<'a>> {
        let original = text.original.as_str();
        if is_latin(original) {
            return None;
        }
        let cyrillic = language::has_cyrillic(original);
        let own_wins = self.policy == TranslitPolicy::RecordFirst || !cyrillic;
        if let (Some(own), true) = (&text.translit(), own_wins) {
            return Some(Chosen {
                text: Cow::Borrowed(own),
                source: Source::Own,
                notes: Vec::new(),
            });
        }
        cyrillic.then(|| self.derive(original, language, style))
    }

    /// `original` romanised under the scheme for its language.
    pub fn derive<'a>(
        &self,
        original: &str,
        language: Option<&str>,
        style: Option<Scheme>,
    ) -> Chosen<'a> {
        let choice = Lang::for_text(language, original);
        let (scheme, note) = self.scheme_for(choice.lang, style);
        let mut notes: Vec<Note> = note.into_iter().collect();
        if choice.fallback {
            notes.push(Note::NoLanguageTable {
                language: language::primary(language.unwrap_or("")),
            });
        }
        let romanized = romanize(original, scheme, choice.lang).unwrap_or_default();
        notes.extend(romanized.uncovered.iter().map(|&letter| Note::Uncovered {
            letter,
            scheme,
            lang: choice.lang,
        }));
        Chosen {
            text: Cow::Owned(romanized.text),
            source: Source::Derived {
                scheme,
                lang: choice.lang,
            },
            notes,
        }
    }
}

/// The settings a user gives (kaynak.toml, then the command line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormSettings {
    pub form: Form,
    pub translit: Translit,
}

/// The policy of one run: the user's settings and the script of the output.
#[derive(Debug, Clone, Default)]
pub struct FormPolicy {
    pub settings: FormSettings,
    /// The output's script; `None` when any script may be written (Unicode exports).
    pub output: Option<Script>,
}

impl FormPolicy {
    /// The policy for output in the locale `tag` (`en-US` writes Latin, `ru-RU`
    /// Cyrillic; an unknown locale counts as Latin).
    pub fn for_locale(settings: FormSettings, tag: &str) -> FormPolicy {
        FormPolicy {
            settings,
            output: Some(language::likely_script(tag).unwrap_or(Script::Latin)),
        }
    }

    /// The form of `text`, a text of a record in `language`, this policy prints.
    pub fn choose<'a>(&self, text: &'a MultiText, language: Option<&str>) -> Chosen<'a> {
        if let Form::Translation(tag) = &self.settings.form {
            let own_language =
                language.is_some_and(|l| language::primary(l) == language::primary(tag));
            if let (Some(t), false) = (text.translation(tag), own_language) {
                return Chosen {
                    text: Cow::Borrowed(t),
                    source: Source::Translation(tag.clone()),
                    notes: Vec::new(),
                };
            }
        }
        self.untranslated(text, language)
    }

    /// The form of a name part: as [`FormPolicy::choose`], but names are never translated.
    pub fn choose_name_part<'a>(&self, part: &'a MultiText, language: Option<&str>) -> Chosen<'a> {
        self.untranslated(part, language)
    }

    fn untranslated<'a>(&self, text: &'a MultiText, language: Option<&str>) -> Chosen<'a> {
        let romanise = match self.settings.form {
            Form::Original => false,
            Form::Translit => true,
            Form::Auto | Form::Translation(_) => self.needs_romanising(&text.original),
        };
        let translit = romanise
            .then(|| self.settings.translit.of(text, language, None))
            .flatten();
        translit.unwrap_or_else(|| Chosen::original(&text.original))
    }

    /// Whether `auto` romanises `text`: it is not in the output's script.
    pub fn needs_romanising(&self, text: &str) -> bool {
        match self.output {
            None => false,
            Some(script) => language::dominant_script(text).is_some_and(|s| s != script),
        }
    }

    /// A name with every part in the form this policy prints.
    pub fn name(&self, name: &Name, language: Option<&str>) -> Name {
        name.map_parts(|part| MultiText::plain(self.choose_name_part(part, language).into_string()))
    }
}

#[cfg(test)]
mod tests;
