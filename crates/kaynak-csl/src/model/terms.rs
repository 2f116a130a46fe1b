//! Locale terms: their forms ([`TermForm`]), plurals, and a locale's
//! term table ([`TermMap`]).

/// Term forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TermForm {
    /// `long`.
    #[default]
    Long,
    /// `short`.
    Short,
    /// `verb`.
    Verb,
    /// `verb-short`.
    VerbShort,
    /// `symbol`.
    Symbol,
}

impl TermForm {
    /// The fallback order the spec defines for a missing term form.
    pub fn fallbacks(self) -> &'static [TermForm] {
        match self {
            TermForm::Long => &[TermForm::Long],
            TermForm::Short => &[TermForm::Short, TermForm::Long],
            TermForm::Verb => &[TermForm::Verb, TermForm::Long],
            TermForm::VerbShort => &[TermForm::VerbShort, TermForm::Verb, TermForm::Long],
            TermForm::Symbol => &[TermForm::Symbol, TermForm::Short, TermForm::Long],
        }
    }
}

/// `plural` on `cs:label`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Plural {
    /// `contextual`.
    #[default]
    Contextual,
    /// `always`.
    Always,
    /// `never`.
    Never,
}

/// A term from a locale.
#[derive(Debug, Clone, Default)]
pub struct Term {
    /// `cs:single`, or the term's only text.
    pub single: String,
    /// `cs:multiple`.
    pub multiple: Option<String>,
    /// `gender` of the term (for ordinals).
    pub gender: Option<String>,
    /// `match` of an ordinal term.
    pub match_rule: Option<String>,
}

/// A locale's terms, looked up by name without allocating.
#[derive(Debug, Clone, Default)]
pub struct TermMap {
    by_name: crate::fasthash::FastMap<String, Vec<(TermForm, Option<String>, Term)>>,
    has_ordinals: bool,
}

impl TermMap {
    /// Add or replace a term (name, form, gender-form).
    pub fn insert(&mut self, name: &str, form: TermForm, gender_form: Option<String>, term: Term) {
        if name.starts_with("ordinal") {
            self.has_ordinals = true;
        }
        let forms = self.by_name.entry(name.to_string()).or_default();
        forms.retain(|(f, g, _)| !(*f == form && *g == gender_form));
        forms.push((form, gender_form, term));
    }

    /// The term `name` in exactly `form` and `gender_form` (no fallback).
    pub fn get(&self, name: &str, form: TermForm, gender_form: Option<&str>) -> Option<&Term> {
        self.by_name
            .get(name)?
            .iter()
            .find(|(f, g, _)| *f == form && g.as_deref() == gender_form)
            .map(|(_, _, term)| term)
    }

    /// The names of the defined terms.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    /// Whether any `ordinal…` term is defined.
    pub fn has_ordinals(&self) -> bool {
        self.has_ordinals
    }

    /// Whether no term is defined.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}
