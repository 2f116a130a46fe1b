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

pub use crate::item::forms::{default_names_form, default_text_form, map_name, FormQuery};
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

/// The primary subtag of a language tag, lower-cased (the language module's).
pub fn primary(tag: &str) -> String {
    kaynak_text::language::primary(tag)
}
