//! Resolving forms (docs/csl-extension.md §1.2–1.5): the settings that apply
//! to a rendered variable (element → macro → section → style → default), and
//! a value's main form plus the secondary forms of its attachment.

use super::render::{Frame, Kind};
use super::{primary, Category, Form, FormQuery, Pattern, Settings, Source};
use crate::eval::Context;
use crate::item::Name;
use kaynak_text::translit::Scheme;
use std::borrow::Cow;
use std::sync::Arc;

/// The settings of the rendering element itself: the innermost frame, when
/// it is an element of the kind that renders `category` (a `cs:names` for
/// names, a `cs:text` for text) or a sort key. An enclosing `cs:names`'
/// settings do not reach the `cs:text` of its `cs:substitute`.
fn own_settings(ctx: &Context, category: Category) -> Option<Arc<Settings>> {
    let want = if category == Category::Name {
        Kind::Names
    } else {
        Kind::Text
    };
    match ctx.ext_frames.borrow().last() {
        Some(Frame::Element(settings, kind)) if *kind == want || *kind == Kind::Key => {
            Some(settings.clone())
        }
        _ => None,
    }
}

/// Look a setting up along the lexical chain (rendering element, macro,
/// section, style) for a variable of `category`; `None` = built-in default.
pub fn lookup<T>(
    ctx: &Context,
    category: Category,
    get: impl Fn(&Settings) -> Option<T>,
) -> Option<T> {
    let ext = &ctx.style.ext;
    if let Some(v) = own_settings(ctx, category).and_then(|s| get(&s)) {
        return Some(v);
    }
    let in_macro = ctx.ext_frames.borrow().iter().rev().find_map(|f| match f {
        Frame::Macro(index) => Some(*index),
        Frame::Element(..) => None,
    });
    if let Some(v) = in_macro.and_then(|i| ext.macros.get(i)).and_then(&get) {
        return Some(v);
    }
    get(section_settings(ctx)).or_else(|| get(&ext.style))
}

/// The settings of the section being rendered.
pub fn section_settings<'a>(ctx: &Context<'a>) -> &'a Settings {
    let ext = &ctx.style.ext;
    match &ctx.style.bibliography {
        Some(bib) if std::ptr::eq(bib, ctx.section) => &ext.bibliography,
        _ => &ext.citation,
    }
}

/// The pattern for a variable of `category`: `k:forms` on the rendering
/// element, else the category default of the macro, section, style.
pub fn pattern(ctx: &Context, category: Category) -> Pattern {
    if let Some(p) = own_settings(ctx, category).and_then(|s| s.forms.clone()) {
        return p;
    }
    lookup(ctx, category, |s| {
        s.category_forms[category as usize].clone()
    })
    .unwrap_or_else(|| Pattern::single(Form::Original))
}

/// The transliteration sources in force (default: `record`).
pub fn sources(ctx: &Context, category: Category) -> Vec<Source> {
    lookup(ctx, category, |s| s.translit.clone()).unwrap_or_else(|| vec![Source::Record])
}

/// The translation tag in force (default: `en`).
pub fn translation_tag(ctx: &Context, category: Category) -> String {
    lookup(ctx, category, |s| s.translation.clone()).unwrap_or_else(|| "en".to_string())
}

/// The item's primary language subtag; an item without `language` has the
/// style's default locale's (else `en`).
pub fn item_language(ctx: &Context) -> String {
    ctx.item
        .language()
        .filter(|l| !l.is_empty())
        .or(ctx.style.default_locale.as_deref())
        .map(primary)
        .unwrap_or_else(|| "en".to_string())
}

/// True when every letter of `text` is in the Latin script.
pub fn is_latin(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).all(|c| {
        c.is_ascii_alphabetic()
            || matches!(c as u32, 0xC0..=0x24F | 0x250..=0x2AF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF)
    })
}

/// A value resolved under a pattern.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub main: String,
    pub main_form: Form,
    pub secondaries: Vec<(Form, String)>,
    /// The pattern it was resolved under (for the attachment's punctuation).
    pub pattern: Pattern,
}

fn fallbacks(form: Form) -> &'static [Form] {
    match form {
        Form::Translation => &[Form::Translation, Form::Translit, Form::Original],
        Form::Translit => &[Form::Translit, Form::Original],
        Form::Original => &[Form::Original],
    }
}

/// What a text value needs to be resolved.
pub struct TextQuery<'q> {
    pub variable: &'q str,
    pub sources: &'q [Source],
    pub tag: &'q str,
    pub language: &'q str,
}

/// Resolve a text variable's forms; `None` when it is empty.
pub fn resolve_text(ctx: &Context, q: &TextQuery, pattern: &Pattern) -> Option<Resolved> {
    let original = ctx.item.text_form(q.variable, FormQuery::Original)?;
    if original.is_empty() {
        return None;
    }
    let value = |form: Form| form_text(ctx, q, &original, form).filter(|v| !v.is_empty());
    let (main_form, main) = fallbacks(pattern.main())
        .iter()
        .find_map(|f| value(*f).map(|v| (*f, v)))?;
    let mut secondaries: Vec<(Form, String)> = Vec::new();
    for form in pattern.forms.iter().skip(1) {
        if let Some(v) = value(*form) {
            if v != main && secondaries.iter().all(|(_, s)| *s != v) {
                secondaries.push((*form, v));
            }
        }
    }
    Some(Resolved {
        main,
        main_form,
        secondaries,
        pattern: pattern.clone(),
    })
}

fn form_text(ctx: &Context, q: &TextQuery, original: &str, form: Form) -> Option<String> {
    match form {
        Form::Original => Some(original.to_string()),
        Form::Translit => {
            if is_latin(original) {
                return Some(original.to_string());
            }
            q.sources.iter().find_map(|source| match source {
                Source::Record => ctx
                    .item
                    .text_form(q.variable, FormQuery::Record)
                    .map(Cow::into_owned),
                Source::Scheme(scheme) => ctx
                    .item
                    .text_form(q.variable, FormQuery::Scheme(*scheme))
                    .map(|t| with_primes(*scheme, original, t)),
            })
        }
        Form::Translation => {
            if q.language == primary(q.tag) {
                return None;
            }
            ctx.item
                .text_form(q.variable, FormQuery::Translation(q.tag))
                .map(Cow::into_owned)
        }
    }
}

/// `ala-lc-plain` in CSL output writes the soft and hard signs as ʹ (U+02B9)
/// and ʺ (U+02BA), as ALA-LC prints them, instead of the engine's ASCII `'`
/// and `"` (docs/csl-extension.md §1.2).
pub fn with_primes(scheme: Scheme, original: &str, derived: Cow<'_, str>) -> String {
    if scheme != Scheme::AlaLcPlain || !derived.contains(['\'', '"']) {
        return derived.into_owned();
    }
    if !original.contains(['\'', '"']) {
        return derived.replace('\'', "\u{2b9}").replace('"', "\u{2ba}");
    }
    // The original has ASCII quotes of its own: protect them, then map.
    let protected = original.replace('\'', "\u{e000}").replace('"', "\u{e001}");
    kaynak_text::translit::transliterate(&protected, scheme)
        .replace('\'', "\u{2b9}")
        .replace('"', "\u{2ba}")
        .replace('\u{e000}', "'")
        .replace('\u{e001}', "\"")
}

/// The main form of every part of a name list (names are not translated: a
/// `translation` main form falls back to `translit`). Attachments for names
/// are not printed (not implemented; see the extension doc).
pub fn resolve_names(
    ctx: &Context,
    variable: &str,
    pattern: &Pattern,
    sources: &[Source],
) -> Option<Vec<Name>> {
    let original = ctx.item.names_form(variable, FormQuery::Original)?;
    if pattern.main() == Form::Original {
        return Some(original.into_owned());
    }
    let lists: Vec<Option<Cow<[Name]>>> = sources
        .iter()
        .map(|s| match s {
            Source::Record => ctx.item.names_form(variable, FormQuery::Record),
            Source::Scheme(scheme) => ctx.item.names_form(variable, FormQuery::Scheme(*scheme)),
        })
        .collect();
    let out = original
        .iter()
        .enumerate()
        .map(|(i, name)| translit_name(name, i, sources, &lists))
        .collect();
    Some(out)
}

fn translit_name(
    name: &Name,
    index: usize,
    sources: &[Source],
    lists: &[Option<Cow<[Name]>>],
) -> Name {
    let pick = |orig: &Option<String>, part: fn(&Name) -> &Option<String>| -> Option<String> {
        let orig = orig.as_ref()?;
        if is_latin(orig) {
            return Some(orig.clone());
        }
        let found = sources.iter().zip(lists).find_map(|(source, list)| {
            let value = part(list.as_ref()?.get(index)?).clone()?;
            Some(match source {
                Source::Scheme(s) => with_primes(*s, orig, Cow::Owned(value)),
                Source::Record => value,
            })
        });
        Some(found.unwrap_or_else(|| orig.clone()))
    };
    Name {
        family: pick(&name.family, |n| &n.family),
        given: pick(&name.given, |n| &n.given),
        dropping_particle: pick(&name.dropping_particle, |n| &n.dropping_particle),
        non_dropping_particle: pick(&name.non_dropping_particle, |n| &n.non_dropping_particle),
        suffix: pick(&name.suffix, |n| &n.suffix),
        literal: pick(&name.literal, |n| &n.literal),
        ..name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_detection() {
        assert!(is_latin("Kafkas Kartalı-2019 Bakü’de"));
        assert!(is_latin("1994–2010"));
        assert!(!is_latin("Военная доктрина"));
    }

    #[test]
    fn primes_for_ala_lc_plain() {
        let derived = kaynak_text::translit::transliterate("Ильхам", Scheme::AlaLcPlain);
        assert_eq!(
            with_primes(Scheme::AlaLcPlain, "Ильхам", Cow::Owned(derived)),
            "Ilʹkham"
        );
        let derived = kaynak_text::translit::transliterate("\"Ильхам\"", Scheme::AlaLcPlain);
        assert_eq!(
            with_primes(Scheme::AlaLcPlain, "\"Ильхам\"", Cow::Owned(derived)),
            "\"Ilʹkham\""
        );
    }
}
