//! Resolving forms (docs/csl-extension.md §1.2–1.5): the settings that apply
//! to a rendered variable (element → macro → section → style → default), and
//! a value's main form plus the secondary forms of its attachment.

use super::render::{Frame, Kind};
use super::{primary, Category, Form, FormQuery, Pattern, Settings, Source, UserForm};
use crate::eval::Context;
use crate::item::Name;
use crate::variable::Variable;
use kaynak_text::language::{dominant_script, Script};
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

/// The pattern the style states for a variable of `category`: `k:forms` on the
/// rendering element, else the category default of the macro, section, style;
/// `None` when the style states none.
pub fn pattern(ctx: &Context, category: Category) -> Option<Pattern> {
    if let Some(p) = own_settings(ctx, category).and_then(|s| s.forms.clone()) {
        return Some(p);
    }
    lookup(ctx, category, |s| {
        s.category_forms[category as usize].clone()
    })
}

/// The scheme the style prefers for derived transliterations: the first scheme
/// of the `k:translit` list in force (`record` in the list is the user's policy now).
pub fn style_scheme(ctx: &Context, category: Category) -> Option<Scheme> {
    let sources = lookup(ctx, category, |s| s.translit.clone())?;
    sources.iter().find_map(|source| match source {
        Source::Scheme(scheme) => Some(*scheme),
        Source::Record => None,
    })
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
    kaynak_text::language::is_latin(text)
}

/// Whether `auto` without a stated pattern romanises `text`: it is not written in
/// the output's script.
fn needs_romanising(ctx: &Context, text: &str) -> bool {
    let output = ctx.style.ext.user.output.unwrap_or(Script::Latin);
    dominant_script(text).is_some_and(|script| script != output)
}

/// The main form of a value and, for a translation, its tag: the user's form;
/// else (`auto`) the style's stated pattern; else the original when it is in the
/// output's script, a transliteration when not.
fn main_form(ctx: &Context, stated: Option<&Pattern>, original: &str, tag: &str) -> (Form, String) {
    match &ctx.style.ext.user.form {
        Some(UserForm::Original) => (Form::Original, tag.to_string()),
        Some(UserForm::Translit) => (Form::Translit, tag.to_string()),
        Some(UserForm::Translation(user_tag)) => (Form::Translation, user_tag.clone()),
        None => match stated {
            Some(pattern) => (pattern.main(), tag.to_string()),
            None if needs_romanising(ctx, original) => (Form::Translit, tag.to_string()),
            None => (Form::Original, tag.to_string()),
        },
    }
}

/// A value resolved under a pattern.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub main: String,
    /// The language of the main string (a translation's tag, else the item's).
    pub main_language: String,
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
    pub variable: Variable,
    /// The style's preferred scheme for derived transliterations.
    pub scheme: Option<Scheme>,
    /// The style's translation tag (`k:translation`).
    pub tag: &'q str,
    pub language: &'q str,
}

/// Resolve a text variable's forms; `None` when it is empty.
pub fn resolve_text(ctx: &Context, q: &TextQuery, stated: Option<&Pattern>) -> Option<Resolved> {
    let original = ctx.item.text_form(q.variable, FormQuery::Original)?;
    if original.is_empty() {
        return None;
    }
    let (wanted, main_tag) = main_form(ctx, stated, &original, q.tag);
    let value =
        |form: Form, tag: &str| form_text(ctx, q, &original, form, tag).filter(|v| !v.is_empty());
    let (main_form, main) = fallbacks(wanted)
        .iter()
        .find_map(|f| value(*f, &main_tag).map(|v| (*f, v)))?;
    let pattern = stated
        .cloned()
        .unwrap_or_else(|| Pattern::single(main_form));
    let mut secondaries: Vec<(Form, String)> = Vec::new();
    for form in pattern.forms.iter().skip(1) {
        if let Some(v) = value(*form, q.tag) {
            if v != main && secondaries.iter().all(|(_, s)| *s != v) {
                secondaries.push((*form, v));
            }
        }
    }
    let main_language = match main_form {
        Form::Translation => primary(&main_tag),
        _ => q.language.to_string(),
    };
    Some(Resolved {
        main,
        main_language,
        secondaries,
        pattern,
    })
}

fn form_text(
    ctx: &Context,
    q: &TextQuery,
    original: &str,
    form: Form,
    tag: &str,
) -> Option<String> {
    match form {
        Form::Original => Some(original.to_string()),
        Form::Translit if is_latin(original) => Some(original.to_string()),
        Form::Translit => ctx
            .item
            .text_form(q.variable, FormQuery::Translit(q.scheme))
            .map(Cow::into_owned),
        Form::Translation => {
            if q.language == primary(tag) {
                return None;
            }
            ctx.item
                .text_form(q.variable, FormQuery::Translation(tag))
                .map(Cow::into_owned)
        }
    }
}

/// The main form of a name list (names are never translated: a `translation`
/// main form falls back to `translit`): the user's form, else the style's stated
/// one, else each part as written when in the output's script and transliterated
/// when not.
pub fn names_main(ctx: &Context, stated: Option<&Pattern>) -> Option<Form> {
    match &ctx.style.ext.user.form {
        Some(UserForm::Original) => Some(Form::Original),
        Some(UserForm::Translit | UserForm::Translation(_)) => Some(Form::Translit),
        None => stated.map(|p| match p.main() {
            Form::Translation => Form::Translit,
            main => main,
        }),
    }
}

/// Every part of a name list in `form` (`None`: by the output's script, part by
/// part).
pub fn resolve_names(
    ctx: &Context,
    variable: Variable,
    form: Option<Form>,
    scheme: Option<Scheme>,
) -> Option<Vec<Name>> {
    let original = ctx.item.names_form(variable, FormQuery::Original)?;
    if form == Some(Form::Original) {
        return Some(original.into_owned());
    }
    let translit = ctx.item.names_form(variable, FormQuery::Translit(scheme));
    let keep = |part: &str| is_latin(part) || (form.is_none() && !needs_romanising(ctx, part));
    let out = original
        .iter()
        .enumerate()
        .map(|(i, name)| translit_name(name, translit.as_ref().and_then(|l| l.get(i)), &keep))
        .collect();
    Some(out)
}

fn translit_name(name: &Name, translit: Option<&Name>, keep: &impl Fn(&str) -> bool) -> Name {
    let pick = |orig: &Option<String>, part: fn(&Name) -> &Option<String>| -> Option<String> {
        let orig = orig.as_ref()?;
        if keep(orig) {
            return Some(orig.clone());
        }
        let found = translit.and_then(|t| part(t).clone());
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
}
