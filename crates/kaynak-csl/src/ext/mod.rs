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
//! The `k:` attributes state what a style prefers; the user's choices
//! ([`UserForms`], set by the application) win over them: a chosen form replaces
//! the style's main form, and which transliteration an item gives (its own or a
//! derived one, under which scheme) is the item's answer to
//! [`FormQuery::Translit`], with the style's scheme only as a preference.
//!
//! * `parse`: reading and validating the `k:` attributes into [`StyleExt`] and
//!   [`ElementExt`].
//! * `forms`: resolving a value's main form and secondary forms.
//! * `render`: text variables with attachments, names, sort keys, conditions.
//! * `recase`: rules N and U (Turkish up-casing).
//! * `locale`: item locales (`k:item-locales`).

mod forms;
mod locale;
mod recase;
mod render;

pub use crate::model::ext::{
    Category, ElementExt, Form, ItemLocales, KeyExt, Pattern, Settings, Source,
};
pub use crate::style::ext::{set_user_forms, StyleExt, UserForm, UserForms, NAMESPACE};
pub use locale::{build_item_chains, item_locale};
pub use recase::turkish_title_case;
pub use render::{
    in_key, in_macro, language_test, name_attachment, names_for, render_element_ext, script_rank,
    sort_text, text_variable, Frame, Kind,
};

use crate::item::Name;
use kaynak_text::translit::{romanize, scheme_for, Lang, Scheme};
use std::borrow::Cow;

/// Which form of a multilingual value the engine asks an item for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormQuery<'q> {
    /// The value as stored (published script).
    Original,
    /// The item's transliteration: its own, or one derived under the user's
    /// scheme; the scheme given is the style's preference for derived ones.
    Translit(Option<Scheme>),
    /// The translation into a BCP 47 tag (exact tag, else same primary subtag).
    Translation(&'q str),
}

/// The default [`crate::CslItem::text_form`] for items without
/// multilingual data: the original is the variable; a transliteration is derived
/// from it under the style's scheme (else ALA-LC without diacritics), with the table
/// its letters point to.
pub fn default_text_form<'a>(
    original: Option<&'a str>,
    query: FormQuery<'_>,
) -> Option<Cow<'a, str>> {
    match query {
        FormQuery::Original => original.map(Cow::Borrowed),
        FormQuery::Translit(scheme) => original.map(|o| Cow::Owned(derive(o, scheme))),
        FormQuery::Translation(_) => None,
    }
}

fn derive(text: &str, scheme: Option<Scheme>) -> String {
    let lang = Lang::for_text(None, text).lang;
    romanize(text, scheme_for(lang, scheme), lang)
        .map(|r| r.text)
        .unwrap_or_else(|_| text.to_string())
}

/// The default [`crate::CslItem::names_form`] for items without
/// multilingual data.
pub fn default_names_form<'a>(
    original: Option<Cow<'a, [Name]>>,
    query: FormQuery<'_>,
) -> Option<Cow<'a, [Name]>> {
    match query {
        FormQuery::Original => original,
        FormQuery::Translit(scheme) => original.map(|names| {
            let mapped: Vec<Name> = names
                .iter()
                .map(|n| map_name(n, |p| derive(p, scheme)))
                .collect();
            Cow::Owned(mapped)
        }),
        FormQuery::Translation(_) => None,
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

/// The primary subtag of a language tag, lower-cased (the language module's).
pub fn primary(tag: &str) -> String {
    kaynak_text::language::primary(tag)
}
