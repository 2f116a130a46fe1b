//! The kaynak multilingual CSL extension (`k:` attributes, version 1; see
//! `docs/csl-extension.md`): which form of a multilingual text or name is
//! printed (original, transliteration, translation, with attachments), per-item
//! locales, the `k:language` condition, case rules N and U and script-ordered
//! sorting.
//!
//! This module gathers the extension's public parts; the code lives in the
//! layer each part belongs to, so that the crate's modules form no cycle:
//! the attribute types in `model::ext` (they are part of the style tree), the
//! attribute reader and a style's settings in `style::ext`, the form query in
//! `item::forms` (part of the item interface), and the evaluation in
//! `eval::ext`, which the engine calls through small, marked hooks
//! (`kaynak multilingual extension` comments). Everything is
//! inactive unless the style declares `k:version="1"`, so official styles
//! render exactly as without it.
//!
//! Compiled with the crate's `multilingual` feature (on by default).
//!
//! The `k:` attributes state what a style prefers; the user's choices
//! ([`UserForms`], set by the application) win over them: a chosen form replaces
//! the style's main form, and which transliteration an item gives (its own or a
//! derived one, under which scheme) is the item's answer to
//! [`FormQuery::Translit`], with the style's scheme only as a preference.
//!
//! * `style::ext::parse`: reading and validating the `k:` attributes into
//!   [`StyleExt`] and [`ElementExt`].
//! * `eval::ext`: resolving a value's main form and secondary forms; text
//!   variables with attachments, names, sort keys, conditions; rules N and U
//!   (Turkish up-casing); item locales (`k:item-locales`).

pub use crate::eval::ext::{build_item_chains, turkish_title_case};
pub use crate::item::forms::{default_names_form, default_text_form, map_name, FormQuery};
pub use crate::model::ext::{
    Category, ElementExt, Form, ItemLocales, KeyExt, Pattern, Settings, Source,
};
pub use crate::style::ext::{set_user_forms, StyleExt, UserForm, UserForms, NAMESPACE};
