//! The multilingual extension at the style level (see [`crate::ext`]): its
//! XML namespace, the reading of the `k:` attributes (`parse`), the settings
//! a whole style carries ([`StyleExt`], in [`crate::Style::ext`]) and the
//! user's choice of forms, which wins over the style's.

pub mod parse;

use crate::locale::LocaleChain;
use crate::model::ext::{ItemLocales, Settings};
use kaynak_text::language::Script;
use std::collections::HashMap;

/// The XML namespace of the extension.
pub const NAMESPACE: &str = "https://kaynak.dev/csl-extension";

/// The user's choice of forms, which wins over the style's (set by the
/// application with [`set_user_forms`]; the default leaves the style in charge and
/// writes in the script of the processor's locale).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserForms {
    /// The main form of every value, or `None` (`auto`): the style's pattern where
    /// it states one, else the original for text in the output's script and a
    /// transliteration for the rest.
    pub form: Option<UserForm>,
    /// The script of the output; `None`: the script of the processor's locale.
    pub output: Option<Script>,
}

/// A main form a user chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserForm {
    /// The text as published.
    Original,
    /// A transliteration (Latin text as written).
    Translit,
    /// The translation into this tag (else a transliteration, else the original).
    Translation(String),
}

/// Sets the user's forms for a style (before or after it goes into a processor).
pub fn set_user_forms(style: &mut crate::Style, user: UserForms) {
    style.ext.user = user;
}

/// The extension's data for a whole style.
#[derive(Debug, Clone, Default)]
pub struct StyleExt {
    /// `k:version="1"` was given: the extension is active.
    pub active: bool,
    /// Settings on `cs:style`.
    pub style: Settings,
    /// Settings on `cs:citation`.
    pub citation: Settings,
    /// Settings on `cs:bibliography`.
    pub bibliography: Settings,
    /// Settings of each macro, by macro index.
    pub macros: Vec<Settings>,
    /// `k:item-locales` on style, citation, bibliography (`Some(empty)` = off).
    pub item_locales: [Option<ItemLocales>; 3],
    /// Locale chains for the item locales, by locale tag (built with the
    /// processor).
    pub chains: HashMap<String, LocaleChain>,
    /// The user's choices, which win over the style's.
    pub user: UserForms,
}
