//! The kaynak multilingual CSL extension (`k:` attributes, version 1; see
//! `docs/csl-extension.md`): which form of a multilingual text or name is
//! printed (original, transliteration, translation, with attachments), per-item
//! locales, the `k:language` condition, case rules N and U and script-ordered
//! sorting.
//!
//! The extension lives in this module; the engine calls it through small,
//! marked hooks (`kaynak multilingual extension` comments). Everything is
//! inactive unless the style declares `k:version="1"`, so official styles
//! render exactly as without it.
//!
//! * `parse`: reading and validating the `k:` attributes into [`StyleExt`] and
//!   [`ElementExt`].
//! * `forms`: resolving a value's main form and secondary forms.
//! * `render`: text variables with attachments, names, sort keys, conditions.
//! * `recase`: rules N and U (Turkish up-casing).
//! * `locale`: item locales (`k:item-locales`).
//! * `notes`: the note when a record's own transliteration is not printed.

mod forms;
mod locale;
mod notes;
pub mod parse;
mod recase;
mod render;

pub use locale::{build_item_chains, item_locale};
pub use notes::unused_record_translits;
pub use recase::turkish_title_case;
pub use render::{
    in_key, in_macro, language_test, name_attachment, names_for, render_element_ext, script_rank,
    sort_text, text_variable, Frame, Kind,
};

use crate::item::Name;
use crate::locale::LocaleChain;
use crate::style::model::{Element, TextCase};
use kaynak_text::translit::{transliterate, Scheme};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// The XML namespace of the extension.
pub const NAMESPACE: &str = "https://kaynak.dev/csl-extension";

/// Which form of a multilingual value the engine asks an item for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormQuery<'q> {
    /// The value as stored (published script).
    Original,
    /// The record's own, hand-given transliteration.
    Record,
    /// A transliteration of the original under a scheme.
    Scheme(Scheme),
    /// The translation into a BCP 47 tag (exact tag, else same primary subtag).
    Translation(&'q str),
}

/// The default [`crate::CslItem::text_form`] for items without
/// multilingual data.
pub fn default_text_form<'a>(
    original: Option<&'a str>,
    query: FormQuery<'_>,
) -> Option<Cow<'a, str>> {
    match query {
        FormQuery::Original => original.map(Cow::Borrowed),
        FormQuery::Scheme(scheme) => original.map(|o| Cow::Owned(transliterate(o, scheme))),
        FormQuery::Record | FormQuery::Translation(_) => None,
    }
}

/// The default [`crate::CslItem::names_form`] for items without
/// multilingual data.
pub fn default_names_form<'a>(
    original: Option<Cow<'a, [Name]>>,
    query: FormQuery<'_>,
) -> Option<Cow<'a, [Name]>> {
    match query {
        FormQuery::Original => original,
        FormQuery::Scheme(scheme) => original.map(|names| {
            let mapped: Vec<Name> = names
                .iter()
                .map(|n| map_name(n, |p| transliterate(p, scheme)))
                .collect();
            Cow::Owned(mapped)
        }),
        FormQuery::Record | FormQuery::Translation(_) => None,
    }
}

/// Apply `f` to every text part of a name.
pub fn map_name(name: &Name, f: impl Fn(&str) -> String) -> Name {
    let part = |p: &Option<String>| p.as_deref().map(&f);
    Name {
        family: part(&name.family),
        given: part(&name.given),
        dropping_particle: part(&name.dropping_particle),
        non_dropping_particle: part(&name.non_dropping_particle),
        suffix: part(&name.suffix),
        literal: part(&name.literal),
        ..name.clone()
    }
}

/// One of the three forms of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Original,
    Translit,
    Translation,
}

/// A `k:forms` pattern: main form, secondary forms and the attachment's
/// punctuation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub forms: Vec<Form>,
    pub open: String,
    pub delimiter: String,
    pub close: String,
}

impl Pattern {
    /// A pattern of one form, without attachment.
    pub fn single(form: Form) -> Pattern {
        Pattern {
            forms: vec![form],
            open: String::new(),
            delimiter: String::new(),
            close: String::new(),
        }
    }

    pub fn main(&self) -> Form {
        self.forms.first().copied().unwrap_or(Form::Original)
    }
}

/// A source of a transliteration (`k:translit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Record,
    Scheme(Scheme),
}

/// The category of a variable, for the per-category default patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Title = 0,
    ContainerTitle = 1,
    Name = 2,
    Text = 3,
}

impl Category {
    /// The category of a variable name.
    pub fn of(variable: &str, is_name: bool) -> Category {
        if is_name {
            return Category::Name;
        }
        match variable {
            "title" | "title-short" | "original-title" | "reviewed-title" | "volume-title"
            | "part-title" => Category::Title,
            "container-title" | "container-title-short" | "collection-title" | "event-title" => {
                Category::ContainerTitle
            }
            _ => Category::Text,
        }
    }
}

/// Settings one level (style, section, macro or element) gives; `None` means
/// "ask the next level".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `k:forms` on a rendering element (overrides every category).
    pub forms: Option<Pattern>,
    /// `k:title-forms`, `k:container-title-forms`, `k:name-forms`, `k:text-forms`.
    pub category_forms: [Option<Pattern>; 4],
    pub translit: Option<Vec<Source>>,
    pub translation: Option<String>,
    pub attach_text_case: Option<TextCase>,
    pub recase: Option<Vec<String>>,
    /// `k:locale` (parsed; see the extension doc for what is rendered).
    pub locale: Option<String>,
}

impl Settings {
    pub fn is_empty(&self) -> bool {
        *self == Settings::default()
    }
}

/// `k:item-locales`: language (primary subtag or `*`) → locale tag.
pub type ItemLocales = Vec<(String, String)>;

/// The extension's data for a whole style.
#[derive(Debug, Clone, Default)]
pub struct StyleExt {
    /// `k:version="1"` was given: the extension is active.
    pub active: bool,
    pub style: Settings,
    pub citation: Settings,
    pub bibliography: Settings,
    /// Settings of each macro, by macro index.
    pub macros: Vec<Settings>,
    /// `k:item-locales` on style, citation, bibliography (`Some(empty)` = off).
    pub item_locales: [Option<ItemLocales>; 3],
    /// Locale chains for the item locales, by locale tag (built with the
    /// processor).
    pub chains: HashMap<String, LocaleChain>,
}

/// Extension attributes of one rendering element, wrapping it
/// (`Element::Ext`).
#[derive(Debug, Clone)]
pub struct ElementExt {
    pub settings: Arc<Settings>,
    pub element: Element,
}

/// Extension attributes of a `cs:key`.
#[derive(Debug, Clone, Default)]
pub struct KeyExt {
    pub settings: Arc<Settings>,
    /// `k:script-order`: ISO 15924 codes.
    pub script_order: Vec<String>,
}

/// The primary subtag of a language tag, lower-cased.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}
