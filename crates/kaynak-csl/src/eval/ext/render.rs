//! The engine's hooks into the extension: text variables with attachments
//! (§1.6), names in their main form, sort keys (§1.7), the `k:language`
//! condition (§2.3), and the lexical frames that settings are looked up in.

use super::forms::{self, Resolved, TextQuery};
use super::recase;
use super::{primary, Category, ElementExt, Form, FormQuery, KeyExt, Settings};
use crate::eval::{case, render_element, wrap, Context};
use crate::item::Name;
use crate::model::{Element, Rendering, TermForm, Text, TextCase};
use crate::output::Inline;
use crate::variable::Variable;
use std::sync::Arc;

/// One step of the lexical chain the evaluator is in.
#[derive(Debug, Clone)]
pub enum Frame {
    /// Inside a macro (by index): settings from outside the macro do not apply.
    Macro(usize),
    /// Inside an element with `k:` attributes.
    Element(Arc<Settings>, Kind),
}

/// What kind of element a frame belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `cs:text` (a variable or term).
    Text,
    /// `cs:names` (with its `cs:name`).
    Names,
    /// `cs:key`.
    Key,
    /// Any other element (`k:locale` on a group, date, number, label).
    Other,
}

fn kind_of(element: &Element) -> Kind {
    match element {
        Element::Text(_) => Kind::Text,
        Element::Names(_) => Kind::Names,
        _ => Kind::Other,
    }
}

/// Render an `Element::Ext`: the wrapped element with its settings in force.
pub fn render_element_ext(ctx: &Context, ext: &ElementExt) -> Option<Inline> {
    ctx.ext_frames
        .borrow_mut()
        .push(Frame::Element(ext.settings.clone(), kind_of(&ext.element)));
    let pinned = ext
        .settings
        .locale
        .as_ref()
        .and_then(|tag| ctx.style.ext.chains.get(tag));
    let out = match pinned {
        Some(chain) => ctx.with_locale(chain, |pinned| render_element(pinned, &ext.element)),
        None => render_element(ctx, &ext.element),
    };
    ctx.ext_frames.borrow_mut().pop();
    out
}

/// Run `f` inside macro `index` (settings are lexical).
pub fn in_macro<T>(ctx: &Context, index: usize, f: impl FnOnce() -> T) -> T {
    if !ctx.style.ext.active {
        return f();
    }
    ctx.ext_frames.borrow_mut().push(Frame::Macro(index));
    let out = f();
    ctx.ext_frames.borrow_mut().pop();
    out
}

/// Run `f` with a sort key's settings in force.
pub fn in_key<T>(ctx: &Context, key: Option<&KeyExt>, f: impl FnOnce() -> T) -> T {
    let Some(key) = key.filter(|_| ctx.style.ext.active) else {
        return f();
    };
    ctx.ext_frames
        .borrow_mut()
        .push(Frame::Element(key.settings.clone(), Kind::Key));
    let out = f();
    ctx.ext_frames.borrow_mut().pop();
    out
}

/// Variables the extension leaves to the engine (numbers, identifiers,
/// computed values).
fn is_plain_variable(name: Variable) -> bool {
    use Variable::*;
    matches!(
        name,
        Locator
            | Page
            | PageFirst
            | CitationNumber
            | FirstReferenceNoteNumber
            | YearSuffix
            | CitationLabel
            | Url
            | Doi
            | Isbn
            | Issn
            | Pmid
            | Pmcid
            | Language
            | Volume
            | Issue
            | Number
            | Edition
            | ChapterNumber
            | CollectionNumber
            | NumberOfPages
            | NumberOfVolumes
            | PartNumber
            | SupplementNumber
            | PrintingNumber
    )
}

/// The variable `form="short"` reads: the `-short` variable when the item has
/// it, else the long one.
fn short_variable(ctx: &Context, name: Variable, form: TermForm) -> Variable {
    if form != TermForm::Short {
        return name;
    }
    name.short_form()
        .filter(|short| ctx.item.text_form(*short, FormQuery::Original).is_some())
        .unwrap_or(name)
}

fn resolve(ctx: &Context, variable: Variable) -> Option<Resolved> {
    let category = Category::of(variable, false);
    let mut pattern = forms::pattern(ctx, category);
    if ctx.sorting {
        if let Some(pattern) = &mut pattern {
            pattern.forms.truncate(1);
        }
    }
    let tag = forms::translation_tag(ctx, category);
    let language = forms::item_language(ctx);
    let query = TextQuery {
        variable,
        scheme: forms::style_scheme(ctx, category),
        tag: &tag,
        language: &language,
    };
    forms::resolve_text(ctx, &query, pattern.as_ref())
}

/// Hook for `cs:text variable=…`: `None` when the extension does not handle
/// the variable; else the rendered output (main form, attachment).
pub fn text_variable(
    ctx: &Context,
    text: &Text,
    name: Variable,
    form: TermForm,
) -> Option<Option<Inline>> {
    if !ctx.style.ext.active || is_plain_variable(name) {
        return None;
    }
    if ctx.is_suppressed(name) {
        ctx.note_variable(false);
        return Some(None);
    }
    let variable = short_variable(ctx, name, form);
    let resolved = resolve(ctx, variable);
    ctx.note_variable(resolved.is_some());
    let Some(resolved) = resolved else {
        return Some(None);
    };
    let node = render_resolved(ctx, &text.rendering, &resolved);
    Some(node.map(|node| ctx.substituted(name, node)))
}

fn render_resolved(ctx: &Context, rendering: &Rendering, resolved: &Resolved) -> Option<Inline> {
    let main_rendering = Rendering {
        prefix: None,
        suffix: None,
        display: None,
        text_case: None,
        ..rendering.clone()
    };
    let main = cased(
        ctx,
        &resolved.main,
        &resolved.main_language,
        rendering.text_case,
    );
    let mut parts = vec![wrap(ctx, main, &main_rendering)?];
    if !resolved.secondaries.is_empty() && !ctx.sorting {
        parts.push(attachment(ctx, resolved));
    }
    let outer = Rendering {
        prefix: rendering.prefix.clone(),
        suffix: rendering.suffix.clone(),
        display: rendering.display,
        ..Rendering::default()
    };
    wrap(ctx, parts, &outer)
}

fn attachment(ctx: &Context, resolved: &Resolved) -> Inline {
    let pattern = &resolved.pattern;
    let case = forms::lookup(ctx, Category::Text, |s| s.attach_text_case);
    let mut out = vec![Inline::Text(pattern.open.as_str().into())];
    for (index, (form, value)) in resolved.secondaries.iter().enumerate() {
        if index > 0 {
            out.push(Inline::Text(pattern.delimiter.as_str().into()));
        }
        let language = if *form == Form::Translation {
            primary(&forms::translation_tag(ctx, Category::Text))
        } else {
            forms::item_language(ctx)
        };
        out.extend(cased(ctx, value, &language, case));
    }
    out.push(Inline::Text(pattern.close.as_str().into()));
    Inline::seq(out)
}

/// A value in `language` with `text-case` applied under rules N and U (§3).
fn cased(ctx: &Context, value: &str, language: &str, text_case: Option<TextCase>) -> Vec<Inline> {
    let Some(text_case) = text_case else {
        return case::parse_rich_text(ctx, value);
    };
    if language == "en" {
        let mut content = case::parse_rich_text(ctx, value);
        case::apply_case(&mut content, text_case, true);
        return content;
    }
    let recase_langs = forms::lookup(ctx, Category::Text, |s| s.recase.clone()).unwrap_or_default();
    if recase_langs.iter().any(|l| l == language) {
        if let Some(recased) = recase::recase(value, text_case, language) {
            return case::parse_rich_text(ctx, &recased);
        }
    }
    case::parse_rich_text(ctx, value)
}

/// Hook for name lists: the names in their main form, `None` when the
/// extension is inactive (the caller reads the item as usual).
pub fn names_for(ctx: &Context, variable: Variable) -> Option<Option<Vec<Name>>> {
    if !ctx.style.ext.active {
        return None;
    }
    let pattern = forms::pattern(ctx, Category::Name);
    let main = forms::names_main(ctx, pattern.as_ref());
    let scheme = forms::style_scheme(ctx, Category::Name);
    Some(forms::resolve_names(ctx, variable, main, scheme))
}

/// Hook for each rendered name: append `OPEN secondary DELIM … CLOSE` built
/// from the same name in the pattern's secondary forms (names are never
/// translated), formatted by `render` like the main form.
pub fn name_attachment(
    ctx: &Context,
    variable: Variable,
    index: usize,
    main: Inline,
    render: impl Fn(&Name) -> Inline,
) -> Inline {
    if !ctx.style.ext.active || ctx.sorting {
        return main;
    }
    let Some(pattern) = forms::pattern(ctx, Category::Name) else {
        return main;
    };
    if pattern.forms.len() < 2 {
        return main;
    }
    let scheme = forms::style_scheme(ctx, Category::Name);
    let mut kept: Vec<String> = vec![main.plain_text()];
    let mut parts: Vec<Inline> = Vec::new();
    for form in pattern.forms.iter().skip(1) {
        let list = match form {
            Form::Translation => None,
            _ => forms::resolve_names(ctx, variable, Some(*form), scheme),
        };
        let Some(name) = list.as_ref().and_then(|l| l.get(index)) else {
            continue;
        };
        let node = render(name);
        let text = node.plain_text();
        if text.is_empty() || kept.contains(&text) {
            continue;
        }
        kept.push(text);
        if !parts.is_empty() {
            parts.push(Inline::Text(pattern.delimiter.as_str().into()));
        }
        parts.push(node);
    }
    if parts.is_empty() {
        return main;
    }
    let mut out = vec![main, Inline::Text(pattern.open.as_str().into())];
    out.extend(parts);
    out.push(Inline::Text(pattern.close.as_str().into()));
    Inline::seq(out)
}

/// Hook for `cs:key variable=…` on a text variable: its main form.
pub fn sort_text(ctx: &Context, name: Variable) -> Option<Option<String>> {
    if !ctx.style.ext.active || is_plain_variable(name) {
        return None;
    }
    Some(resolve(ctx, name).map(|r| r.main))
}

/// Hook for a computed sort key: the `k:script-order` group prefix of a key whose
/// text is `text` (rank, then script code), so keys compare first by group. `None`
/// when the key has no script order. Collation itself (Turkish `ı` after `h` and the
/// rest, §1.7) is the processor's collator's job.
pub fn script_rank(ctx: &Context, key: Option<&KeyExt>, text: &str) -> Option<String> {
    if !ctx.style.ext.active {
        return None;
    }
    let order = key.map(|k| k.script_order.as_slice()).unwrap_or(&[]);
    if order.is_empty() {
        return None;
    }
    let script = text
        .chars()
        .find(|c| c.is_alphabetic())
        .map(script_of)
        .unwrap_or("Zyyy");
    let rank = order
        .iter()
        .position(|s| s == script)
        .unwrap_or(order.len());
    Some(format!("{rank:02}{script}"))
}

/// The ISO 15924 code of a letter.
fn script_of(c: char) -> &'static str {
    kaynak_text::language::script_of(c).map_or("Zzzz", |s| s.code())
}

/// Hook for `cs:if k:language=…`: `None` when the condition has no such test.
pub fn language_test(ctx: &Context, languages: &[String]) -> Option<bool> {
    if languages.is_empty() || !ctx.style.ext.active {
        return None;
    }
    let lang = ctx
        .item
        .language()
        .filter(|l| !l.is_empty())
        .map(primary)
        .unwrap_or_else(|| "und".to_string());
    Some(languages.contains(&lang))
}
