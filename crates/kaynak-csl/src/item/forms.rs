//! The forms of a multilingual value that the extension (see
//! [`crate::ext`]) asks an item for ([`FormQuery`]), and the answers of an
//! item without multilingual data: [`CslItem::text_form`](super::CslItem::text_form)
//! and [`CslItem::names_form`](super::CslItem::names_form) default to
//! [`default_text_form`] and [`default_names_form`].

use super::Name;
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
