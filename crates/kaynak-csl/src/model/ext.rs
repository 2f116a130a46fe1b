//! The typed form of the multilingual extension's `k:` attributes (see
//! [`crate::ext`]): the settings a style, section, macro or element gives,
//! and the wrappers that carry them in the style tree ([`ElementExt`] in
//! [`Element::Ext`], [`KeyExt`] on a sort key). Plain data, read by
//! `style::ext::parse`; evaluated by `eval::ext`.

use super::{Element, TextCase, Variable};
use kaynak_text::translit::Scheme;
use std::sync::Arc;

/// One of the three forms of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The value as published.
    Original,
    /// A transliteration.
    Translit,
    /// A translation.
    Translation,
}

/// A `k:forms` pattern: main form, secondary forms and the attachment's
/// punctuation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The main form, then the secondary forms in order.
    pub forms: Vec<Form>,
    /// Text before the secondary forms.
    pub open: String,
    /// Text between secondary forms.
    pub delimiter: String,
    /// Text after the secondary forms.
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

    /// The main form (the first; `original` when none is given).
    pub fn main(&self) -> Form {
        self.forms.first().copied().unwrap_or(Form::Original)
    }
}

/// A source of a transliteration (`k:translit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `record`: the item's own transliteration.
    Record,
    /// A transliteration derived under this scheme.
    Scheme(Scheme),
}

/// The category of a variable, for the per-category default patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Titles (`title`, `title-short` …): `k:title-forms`.
    Title = 0,
    /// Container titles: `k:container-title-forms`.
    ContainerTitle = 1,
    /// Names: `k:name-forms`.
    Name = 2,
    /// Other text variables: `k:text-forms`.
    Text = 3,
}

impl Category {
    /// The category of a variable.
    pub fn of(variable: Variable, is_name: bool) -> Category {
        if is_name {
            return Category::Name;
        }
        match variable {
            Variable::Title
            | Variable::TitleShort
            | Variable::OriginalTitle
            | Variable::ReviewedTitle
            | Variable::VolumeTitle
            | Variable::PartTitle => Category::Title,
            Variable::ContainerTitle
            | Variable::ContainerTitleShort
            | Variable::CollectionTitle
            | Variable::EventTitle => Category::ContainerTitle,
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
    /// `k:translit`: the sources of a transliteration, in order of preference.
    pub translit: Option<Vec<Source>>,
    /// `k:translation`: the language of the translation.
    pub translation: Option<String>,
    /// `k:attach-text-case`: the text case of attached forms.
    pub attach_text_case: Option<TextCase>,
    /// `k:recase`: the languages (primary subtags) whose text is up-cased by rule U.
    pub recase: Option<Vec<String>>,
    /// `k:locale` (parsed; see the extension doc for what is rendered).
    pub locale: Option<String>,
}

impl Settings {
    /// Whether no setting is given.
    pub fn is_empty(&self) -> bool {
        *self == Settings::default()
    }
}

/// `k:item-locales`: language (primary subtag or `*`) → locale tag.
pub type ItemLocales = Vec<(String, String)>;

/// Extension attributes of one rendering element, wrapping it
/// (`Element::Ext`).
#[derive(Debug, Clone)]
pub struct ElementExt {
    /// The element's settings.
    pub settings: Arc<Settings>,
    /// The element itself.
    pub element: Element,
}

/// Extension attributes of a `cs:key`.
#[derive(Debug, Clone, Default)]
pub struct KeyExt {
    /// The key's settings.
    pub settings: Arc<Settings>,
    /// `k:script-order`: ISO 15924 codes.
    pub script_order: Vec<String>,
}
