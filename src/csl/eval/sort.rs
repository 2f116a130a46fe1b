//! Sort keys for `cs:sort` (variables and macros) and their comparison.

use super::{date, number, render_elements, CiteState, Context};
use crate::csl::item::CslItem;
use crate::csl::locale::LocaleChain;
use crate::csl::output::Inline;
use crate::csl::style::model::*;
use crate::csl::style::Style;
use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

/// One computed key: `None` (empty) always sorts last.
pub type KeyValue = Option<String>;

/// Compute the sort keys of an item for a section.
pub fn sort_keys(
    style: &Style,
    locale: &LocaleChain,
    item: &dyn CslItem,
    section: &Section,
    cite: &CiteState,
) -> Vec<KeyValue> {
    (0..section.sort.len())
        .map(|index| sort_key(style, locale, item, section, cite, index))
        .collect()
}

/// One sort key of an item (`index` into the section's keys).
pub fn sort_key(
    style: &Style,
    locale: &LocaleChain,
    item: &dyn CslItem,
    section: &Section,
    cite: &CiteState,
    index: usize,
) -> KeyValue {
    let key = section.sort.get(index)?;
    let mut ctx = Context::new(style, locale, item, section, cite);
    ctx.sorting = true;
    ctx.sort_names = Some((key.names_min, key.names_use_first, key.names_use_last));
    // kaynak multilingual extension: k:forms, k:script-order on the key.
    let ext = key.ext.as_deref();
    let value = crate::csl::ext::in_key(&ctx, ext, || key_value(&ctx, key));
    crate::csl::ext::finish_key(&ctx, ext, value)
}

/// Compare one key's values under its direction; empty values go last.
pub fn compare_values(key: &SortKey, x: &KeyValue, y: &KeyValue) -> Ordering {
    match (x, y) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => {
            let o = x.cmp(y);
            if key.direction == SortDirection::Descending {
                o.reverse()
            } else {
                o
            }
        }
    }
}

fn key_value(ctx: &Context, key: &SortKey) -> KeyValue {
    match &key.source {
        SortKeySource::Macro(index) => {
            let m = ctx.style.macros.get(*index)?;
            let text: String =
                crate::csl::ext::in_macro(ctx, *index, || render_elements(ctx, &m.elements))
                    .iter()
                    .map(Inline::plain_text)
                    .collect();
            non_empty(collation_text(&pad_numbers(&text)))
        }
        SortKeySource::Variable(name) => variable_key(ctx, name),
    }
}

fn variable_key(ctx: &Context, name: &str) -> KeyValue {
    if ctx.item.names(name).is_some() {
        let names = Names {
            variables: vec![name.to_string()],
            name: None,
            et_al: None,
            label: None,
            label_before_name: false,
            substitute: None,
            delimiter: None,
            rendering: Rendering::default(),
        };
        let mut ctx_names = super::names::render_names(ctx, &names).map(|n| n.plain_text());
        if let Some(text) = ctx_names.take() {
            return non_empty(collation_text(&text));
        }
        return None;
    }
    if let Some(d) = ctx.item.date(name) {
        return non_empty(date::sort_key(&d));
    }
    // kaynak multilingual extension: the main form of a text variable.
    let value = match crate::csl::ext::sort_text(ctx, name) {
        Some(value) => value?,
        None => super::text::variable_text(ctx, name, TermForm::Long)?,
    };
    if number::is_numeric(&value) || name == "citation-number" {
        return Some(pad_numbers(&value));
    }
    non_empty(collation_text(&strip_markup(&value)))
}

fn non_empty(s: String) -> KeyValue {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Zero-pad runs of digits so numbers compare numerically.
fn pad_numbers(text: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push_str(&format!("{digits:0>10}"));
                digits.clear();
            }
            out.push(c);
        }
    }
    if !digits.is_empty() {
        out.push_str(&format!("{digits:0>10}"));
    }
    out
}

/// A collation approximation: strip diacritics and punctuation, lowercase.
pub fn collation_text(text: &str) -> String {
    // punctuation is ignored, except an apostrophe inside a word, which
    // sorts before letters (d’Wander < de’ Frinkle)
    let is_apostrophe = |c: char| c == '\'' || c == '’';
    let text = text.trim_start_matches(|c: char| c.is_ascii_punctuation() || "“”‘’«»".contains(c));
    let keep = |c: &char| {
        (!c.is_ascii_punctuation() || is_apostrophe(*c))
            && !matches!(c, '“' | '”' | '‘' | '«' | '»')
    };
    let mapped = |c: char| if is_apostrophe(c) { '\u{1}' } else { c };
    if text.is_ascii() {
        return text
            .chars()
            .filter(keep)
            .map(|c| mapped(c.to_ascii_lowercase()))
            .collect::<String>()
            .trim()
            .to_string();
    }
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .filter(keep)
        .map(mapped)
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Compare two key lists under the section's directions.
pub fn compare_keys(section: &Section, a: &[KeyValue], b: &[KeyValue]) -> Ordering {
    for (index, key) in section.sort.iter().enumerate() {
        let none = None;
        let (x, y) = (a.get(index).unwrap_or(&none), b.get(index).unwrap_or(&none));
        let ordering = compare_values(key, x, y);
        if ordering != Ordering::Equal {
            return ordering;
        }
    }
    Ordering::Equal
}
