//! The multilingual extension's evaluation (see [`crate::ext`]): the hooks
//! the evaluator calls at marked places (`kaynak multilingual extension`
//! comments). They call back into the evaluator (an attached form renders
//! through the same elements), so they live inside it.
//!
//! * `forms`: resolving a value's main form and secondary forms.
//! * `render`: text variables with attachments, names, sort keys, conditions.
//! * `recase`: rules N and U (Turkish up-casing).
//! * `locale`: item locales (`k:item-locales`).

mod forms;
mod locale;
mod recase;
mod render;

pub use locale::{build_item_chains, item_locale};
pub use recase::turkish_title_case;
pub use render::{
    in_key, in_macro, language_test, name_attachment, names_for, render_element_ext, script_rank,
    sort_text, text_variable, Frame,
};

use crate::item::forms::FormQuery;
use crate::model::ext::{Category, ElementExt, Form, KeyExt, Pattern, Settings, Source};
use crate::style::ext::UserForm;
use kaynak_text::language::primary;
