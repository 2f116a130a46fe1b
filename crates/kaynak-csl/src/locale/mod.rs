//! CSL locales: terms, date formats, ordinals and options, read from
//! `locales-xx-YY.xml` files or a style's inline `<locale>` elements, and
//! the fallback chain that answers term look-ups.
//!
//! This module owns locale data only; it does not render.

mod embedded;

pub use embedded::{embedded_locale, EMBEDDED_TAGS};

use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::xml::{self, elements, Reader};
use roxmltree::Node;
use std::collections::HashMap;

/// One locale, complete (a locale file) or partial (a style's override).
#[derive(Debug, Clone, Default)]
pub struct Locale {
    /// The locale's language tag (`xml:lang`), e.g. `en-US`.
    pub lang: Option<String>,
    /// The terms (`cs:terms`).
    pub terms: TermMap,
    /// The `text` date format.
    pub date_text: Option<LocaleDate>,
    /// The `numeric` date format.
    pub date_numeric: Option<LocaleDate>,
    /// The `punctuation-in-quote` option.
    pub punctuation_in_quote: Option<bool>,
    /// The `limit-day-ordinals-to-day-1` option.
    pub limit_day_ordinals_to_day_1: Option<bool>,
}

impl Locale {
    /// Parse a standalone locale file.
    pub fn parse(text: &str) -> Result<Locale, Vec<Diagnostic>> {
        let doc = xml::parse_document(text)?;
        let mut reader = Reader::new(&doc);
        let root = doc.root_element();
        if root.tag_name().name() != "locale" {
            reader.error(root, "a locale file must have a <locale> root".to_string());
            return Err(reader.diagnostics);
        }
        let locale = read_locale(&mut reader, root);
        if reader.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(reader.diagnostics);
        }
        Ok(locale)
    }
}

/// Read a `<locale>` element (file root or inside a style).
pub fn read_locale(reader: &mut Reader, node: Node) -> Locale {
    let mut locale = Locale {
        lang: node
            .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
            .map(str::to_string),
        ..Locale::default()
    };
    for child in elements(node) {
        match child.tag_name().name() {
            "info" => {}
            "style-options" => {
                locale.punctuation_in_quote = reader.bool_attr(child, "punctuation-in-quote");
                locale.limit_day_ordinals_to_day_1 =
                    reader.bool_attr(child, "limit-day-ordinals-to-day-1");
            }
            "date" => read_date_format(reader, child, &mut locale),
            "terms" => {
                for term in elements(child) {
                    read_term(reader, term, &mut locale.terms);
                }
            }
            other => reader.warn(child, format!("unknown element <{other}> in <locale>")),
        }
    }
    locale
}

fn read_date_format(reader: &mut Reader, node: Node, locale: &mut Locale) {
    let parts = elements(node)
        .filter_map(|part| xml::date_part(reader, part))
        .collect();
    let date = LocaleDate {
        parts,
        delimiter: node.attribute("delimiter").map(str::to_string),
        rendering: reader.rendering(node),
    };
    match node.attribute("form") {
        Some("text") => locale.date_text = Some(date),
        Some("numeric") => locale.date_numeric = Some(date),
        _ => reader.warn(
            node,
            "locale <date> needs form=\"text\" or \"numeric\"".to_string(),
        ),
    }
}

fn read_term(reader: &mut Reader, node: Node, terms: &mut TermMap) {
    if node.tag_name().name() != "term" {
        reader.warn(
            node,
            format!("unknown element <{}> in <terms>", node.tag_name().name()),
        );
        return;
    }
    let Some(name) = node.attribute("name") else {
        reader.warn(node, "<term> without a name".to_string());
        return;
    };
    let form = reader
        .enum_attr(node, "form", xml::parse_term_form)
        .unwrap_or_default();
    let mut term = Term {
        gender: node.attribute("gender").map(str::to_string),
        match_rule: node.attribute("match").map(str::to_string),
        ..Term::default()
    };
    let mut has_children = false;
    for child in elements(node) {
        has_children = true;
        let text = child.text().unwrap_or("").to_string();
        match child.tag_name().name() {
            "single" => term.single = text,
            "multiple" => term.multiple = Some(text),
            _ => {}
        }
    }
    if !has_children {
        term.single = node.text().unwrap_or("").to_string();
    }
    // a term holding only layout whitespace is empty
    if term.single.trim().is_empty() && term.single.contains('\n') {
        term.single.clear();
    }
    // a typed apostrophe prints as the typographic one, as in field values
    // ("à l'adresse" → "à l’adresse"); quotation mark terms stay as written
    if !name.ends_with("-quote") {
        curl_apostrophes(&mut term.single);
        if let Some(multiple) = &mut term.multiple {
            curl_apostrophes(multiple);
        }
    }
    let gender_form = node.attribute("gender-form").map(str::to_string);
    terms.insert(name, form, gender_form, term);
}

fn curl_apostrophes(text: &mut String) {
    if text.contains('\'') {
        *text = text.replace('\'', "\u{2019}");
    }
}

/// The ordered list of locales consulted for a look-up: the style's inline
/// locales for the language, then the locale files, ending with en-US.
#[derive(Debug, Clone, Default)]
pub struct LocaleChain {
    /// The locales, most specific first.
    pub locales: Vec<Locale>,
    /// Every term's answer per form, worked out on the first look-up: a
    /// look-up walked forms × locales, a hash probe each, and rendering
    /// asks for terms all the time.
    resolved: std::sync::OnceLock<ResolvedTerms>,
}

/// The chain's terms with fallbacks applied, by name and form.
#[derive(Debug, Clone, Default)]
struct ResolvedTerms {
    /// How many locales the chain had when resolved; a chain changed since
    /// is looked up the slow way.
    locales: usize,
    by_name: crate::fasthash::FastMap<String, [Option<Term>; FORMS.len()]>,
}

/// Every term form, in the order [`ResolvedTerms`] stores them.
const FORMS: [TermForm; 5] = [
    TermForm::Long,
    TermForm::Short,
    TermForm::Verb,
    TermForm::VerbShort,
    TermForm::Symbol,
];

fn form_slot(form: TermForm) -> usize {
    FORMS.iter().position(|f| *f == form).unwrap_or(0)
}

impl LocaleChain {
    /// The language of the chain's terms: that of the first of its locales
    /// that names one (an inline locale without `xml:lang` names none).
    pub fn language(&self) -> Option<&str> {
        self.locales.iter().find_map(|l| l.lang.as_deref())
    }

    /// Build the chain for `lang` from the style's inline locales and a
    /// loader for locale files (`xx-YY` → Locale).
    pub fn build(
        lang: &str,
        inline: &[Locale],
        load: &mut dyn FnMut(&str) -> Option<Locale>,
    ) -> LocaleChain {
        let primary = lang.split('-').next().unwrap_or(lang).to_string();
        let mut locales = Vec::new();
        let inline_for = |want: Option<&str>| -> Vec<Locale> {
            inline
                .iter()
                .filter(|l| l.lang.as_deref() == want)
                .cloned()
                .collect()
        };
        if lang.contains('-') {
            locales.extend(inline_for(Some(lang)));
        }
        locales.extend(inline_for(Some(primary.as_str())));
        locales.extend(inline_for(None));
        let full = if lang.contains('-') {
            lang.to_string()
        } else {
            primary_dialect(&primary)
        };
        let mut seen = HashMap::new();
        for tag in [full, primary_dialect(&primary), "en-US".to_string()] {
            if seen.insert(tag.clone(), ()).is_some() {
                continue;
            }
            if let Some(locale) = load(&tag) {
                locales.push(locale);
            }
        }
        LocaleChain {
            locales,
            ..LocaleChain::default()
        }
    }

    /// Find a term, following form fallbacks and the chain.
    pub fn term(&self, name: &str, form: TermForm) -> Option<&Term> {
        let resolved = self.resolved.get_or_init(|| self.resolve_terms());
        if resolved.locales == self.locales.len() {
            return resolved.by_name.get(name)?[form_slot(form)].as_ref();
        }
        self.find_term(name, form)
    }

    /// Every term name of the chain with [`LocaleChain::find_term`]'s
    /// answer for each form.
    fn resolve_terms(&self) -> ResolvedTerms {
        let mut by_name = crate::fasthash::FastMap::default();
        for locale in &self.locales {
            for name in locale.terms.names() {
                if by_name.contains_key(name) {
                    continue;
                }
                let forms = FORMS.map(|form| self.find_term(name, form).cloned());
                by_name.insert(name.to_string(), forms);
            }
        }
        ResolvedTerms {
            locales: self.locales.len(),
            by_name,
        }
    }

    /// Find a term by walking the form fallbacks and the chain.
    fn find_term(&self, name: &str, form: TermForm) -> Option<&Term> {
        for form in form.fallbacks() {
            for locale in &self.locales {
                if let Some(term) = locale.terms.get(name, *form, None) {
                    return Some(term);
                }
            }
        }
        None
    }

    /// A term's text, singular or plural.
    pub fn term_text(&self, name: &str, form: TermForm, plural: bool) -> Option<&str> {
        let term = self.term(name, form)?;
        Some(match (&term.multiple, plural) {
            (Some(multiple), true) => multiple.as_str(),
            _ => term.single.as_str(),
        })
    }

    /// Terms defined in the first locale that defines any ordinal term,
    /// so a style override of ordinals replaces the whole set.
    pub fn ordinal_locale(&self) -> Option<&Locale> {
        self.locales.iter().find(|l| l.terms.has_ordinals())
    }

    /// The first date format of `form` along the chain.
    pub fn date_format(&self, form: DateForm) -> Option<&LocaleDate> {
        self.locales.iter().find_map(|l| match form {
            DateForm::Text => l.date_text.as_ref(),
            DateForm::Numeric => l.date_numeric.as_ref(),
        })
    }

    /// Whether punctuation goes inside closing quotes (the first locale that says).
    pub fn punctuation_in_quote(&self) -> bool {
        self.locales
            .iter()
            .find_map(|l| l.punctuation_in_quote)
            .unwrap_or(false)
    }

    /// Whether ordinal day numbers are limited to day 1 (the first locale that says).
    pub fn limit_day_ordinals(&self) -> bool {
        self.locales
            .iter()
            .find_map(|l| l.limit_day_ordinals_to_day_1)
            .unwrap_or(false)
    }
}

/// The primary dialect for a bare language code, as the CSL locales
/// repository defines it.
pub fn primary_dialect(lang: &str) -> String {
    let tag = match lang {
        "af" => "af-ZA",
        "ar" => "ar",
        "bg" => "bg-BG",
        "ca" => "ca-AD",
        "cs" => "cs-CZ",
        "cy" => "cy-GB",
        "da" => "da-DK",
        "de" => "de-DE",
        "el" => "el-GR",
        "en" => "en-US",
        "es" => "es-ES",
        "et" => "et-EE",
        "eu" => "eu",
        "fa" => "fa-IR",
        "fi" => "fi-FI",
        "fr" => "fr-FR",
        "he" => "he-IL",
        "hr" => "hr-HR",
        "hu" => "hu-HU",
        "id" => "id-ID",
        "is" => "is-IS",
        "it" => "it-IT",
        "ja" => "ja-JP",
        "km" => "km-KH",
        "ko" => "ko-KR",
        "la" => "la",
        "lt" => "lt-LT",
        "lv" => "lv-LV",
        "mn" => "mn-MN",
        "nb" => "nb-NO",
        "nl" => "nl-NL",
        "nn" => "nn-NO",
        "pl" => "pl-PL",
        "pt" => "pt-PT",
        "ro" => "ro-RO",
        "ru" => "ru-RU",
        "sk" => "sk-SK",
        "sl" => "sl-SI",
        "sr" => "sr-RS",
        "sv" => "sv-SE",
        "th" => "th-TH",
        "tr" => "tr-TR",
        "uk" => "uk-UA",
        "vi" => "vi-VN",
        "zh" => "zh-CN",
        other => return other.to_string(),
    };
    tag.to_string()
}
