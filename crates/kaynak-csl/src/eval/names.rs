//! `cs:names`, `cs:name`, `cs:et-al` and `cs:substitute`.

use super::name::{is_inverted, render_name};
use super::SubstitutedNames;
use super::{hoist, join, number::render_label, render_element, wrap, wrap_one, Context, Facts};
use crate::item::Name;
use crate::model::*;
use crate::output::{GivenShown, Inline, NameTag, NamesTag, Tag};
use compact_str::{CompactString, ToCompactString};
use std::borrow::Cow;

/// Options for one names element after inheritance.
pub(super) struct Resolved<'n> {
    pub(super) options: NameOptions,
    pub(super) name: Option<&'n NameElement>,
    et_al: Option<&'n EtAl>,
    label: Option<&'n Label>,
    label_before_name: bool,
    delimiter: Option<String>,
}

pub fn render_names(ctx: &Context, names: &Names) -> Option<Inline> {
    let node = render_names_inner(ctx, names)?;
    if ctx.sorting {
        return Some(node);
    }
    let cite = ctx.cite;
    let suppressed = cite.author.as_ref().filter(|_| cite.suppress_author);
    if suppressed.is_some_and(|author| author.element == names.id) {
        return None;
    }
    if let Some(substitute) = cite
        .author_substitute
        .as_ref()
        .filter(|s| s.element == names.id)
    {
        let from_substitute = node.first_names().is_some_and(|(tag, _)| tag.substituted);
        if from_substitute {
            // the "author" came from cs:substitute: replace all of it
            if substitute.text.is_empty() {
                return None;
            }
            // (what the substitute used stays used)
            let facts = Facts::substituted_in(std::slice::from_ref(&node));
            let text = Inline::Text(substitute.text.as_str().into());
            return Some(hoist(text, Some(&facts)));
        }
    }
    Some(node)
}

/// The element a names list is named by in the output: the one being
/// substituted for, inside `cs:substitute`.
fn owner(ctx: &Context, names: &Names) -> u16 {
    ctx.substituting.map_or(names.id, |outer| outer.id)
}

fn render_names_inner(ctx: &Context, names: &Names) -> Option<Inline> {
    // only names inside cs:substitute inherit; cloning the stored element
    // for every other names element was a large share of rendering
    let lists = collect_lists(ctx, &names.variables);
    if lists.is_empty() {
        // no names to show, whatever the options: resolving them (clones
        // of every option) was wasted for each absent names variable
        ctx.note_variable(false);
        return substitute(ctx, names);
    }
    let resolved = resolve(ctx, names, ctx.substituting);
    if resolved.options.form == Some(NameForm::Count) {
        let total: usize = lists
            .iter()
            .map(|(_, list)| shown_count(ctx, &resolved.options, open_ended(list).0))
            .sum();
        ctx.note_variable(total > 0);
        if total == 0 {
            return substitute(ctx, names);
        }
        return Some(Inline::Text(total.to_compact_string()));
    }
    let owner = owner(ctx, names);
    let rendered: Vec<Inline> = lists
        .iter()
        .filter_map(|(role, list)| render_list(ctx, &resolved, owner, *role, list))
        .collect();
    ctx.note_variable(!rendered.is_empty());
    if rendered.is_empty() {
        return substitute(ctx, names);
    }
    let content = join(rendered, resolved.delimiter.as_deref());
    let node = wrap(ctx, content, &names.rendering)?;
    // inside cs:substitute, every variable of the element counts as used
    Some(
        names
            .variables
            .iter()
            .fold(node, |node, variable| ctx.substituted(*variable, node)),
    )
}

fn resolve<'n>(ctx: &Context, names: &'n Names, parent: Option<&'n Names>) -> Resolved<'n> {
    let name = names.name.as_ref().or(parent.and_then(|p| p.name.as_ref()));
    let default = NameOptions::default();
    let own = name.map_or(&default, |n| &n.options);
    let mut options = own.inherit_from(&ctx.section.name_options, &ctx.style.options.name_options);
    if let Some(p) = parent.filter(|_| names.name.is_none()) {
        if let Some(d) = p.name.as_ref().and_then(|n| n.options.delimiter.clone()) {
            options.delimiter = Some(d);
        }
    }
    let delimiter = names
        .delimiter
        .clone()
        .or_else(|| parent.and_then(|p| p.delimiter.clone()))
        .or_else(|| ctx.section.names_delimiter.clone())
        .or_else(|| ctx.style.options.names_delimiter.clone());
    Resolved {
        options,
        name,
        et_al: names
            .et_al
            .as_ref()
            .or(parent.and_then(|p| p.et_al.as_ref())),
        label: names
            .label
            .as_ref()
            .or(parent.and_then(|p| p.label.as_ref())),
        label_before_name: if names.label.is_some() {
            names.label_before_name
        } else {
            parent.map(|p| p.label_before_name).unwrap_or(false)
        },
        delimiter,
    }
}

/// Whose names a list holds: its variable, and the term its label prints
/// (`editortranslator` for editors who are the translators too).
#[derive(Debug, Clone, Copy)]
struct Role {
    variable: Variable,
    term: &'static str,
}

/// The name lists of `variables`, borrowed from the item where it allows
/// (copying every name of every list per render was a hot spot).
fn collect_lists<'i>(ctx: &Context<'i>, variables: &[Variable]) -> Vec<(Role, Cow<'i, [Name]>)> {
    let role = |variable: Variable| Role {
        variable,
        term: variable.as_str(),
    };
    let mut lists: Vec<(Role, Cow<'i, [Name]>)> = variables
        .iter()
        .copied()
        .filter(|v| !ctx.is_suppressed(*v))
        .filter_map(|v| {
            // kaynak multilingual extension: names in their main form.
            #[cfg(feature = "multilingual")]
            if let Some(names) = super::ext::names_for(ctx, v) {
                return names.map(|n| (role(v), Cow::Owned(n)));
            }
            ctx.item.names(v).map(|n| (role(v), n))
        })
        .collect();
    let editor = lists
        .iter()
        .position(|(r, _)| r.variable == Variable::Editor);
    let translator = lists
        .iter()
        .position(|(r, _)| r.variable == Variable::Translator);
    if let (Some(e), Some(t)) = (editor, translator) {
        // the term is looked up only when both lists are there
        let combined_term = ctx
            .locale
            .term_text("editortranslator", TermForm::Long, false)
            .map(|t| !t.is_empty())
            .unwrap_or(false);
        if combined_term && lists[e].1 == lists[t].1 {
            lists[e].0.term = "editortranslator";
            lists.remove(t);
        }
    }
    lists
}

fn substitute(ctx: &Context, names: &Names) -> Option<Inline> {
    let elements = names.substitute.as_ref()?;
    // names inside inherit this element's options; variables are tagged
    let inner = Context {
        substituting: Some(names),
        ..ctx.clone()
    };
    let mut result = None;
    for element in elements {
        if let Some(node) = render_element(&inner, element) {
            if !node.is_empty() {
                result = Some(node);
                break;
            }
        }
        // a defined but empty term still ends the substitution
        if let Element::Text(Text {
            source: TextSource::Term { name, form, .. },
            ..
        }) = element
        {
            if ctx.locale.term(name, *form).is_some() {
                break;
            }
        }
    }
    let node = result?;
    // substituted output (even a term) is content for enclosing groups
    ctx.note_variable(true);
    let facts = Facts::substituted_in(std::slice::from_ref(&node));
    let node = wrap_one(ctx, node, &names.rendering)?;
    if ctx.sorting || node.first_names().is_some() {
        return Some(hoist(node, Some(&facts)));
    }
    // no names came of it: the whole output stands for the names
    let tag = NamesTag {
        element: owner(ctx, names),
        count: 0,
        substituted: true,
    };
    Some(hoist(Inline::tag(Tag::Names(tag), node), Some(&facts)))
}

fn et_al_limits(ctx: &Context, options: &NameOptions) -> (Option<usize>, usize, bool) {
    let subsequent = matches!(ctx.cite.position, Some(p) if p != Position::First);
    let (min, first) = if subsequent
        && (options.et_al_subsequent_min.is_some() || options.et_al_subsequent_use_first.is_some())
    {
        (
            options.et_al_subsequent_min.or(options.et_al_min),
            options
                .et_al_subsequent_use_first
                .or(options.et_al_use_first),
        )
    } else {
        (options.et_al_min, options.et_al_use_first)
    };
    let mut use_last = options.et_al_use_last.unwrap_or(false);
    let (min, first) = match ctx.sort_names() {
        Some((sort_min, sort_first, sort_last)) => {
            use_last = sort_last.unwrap_or(use_last);
            (sort_min.or(min), sort_first.or(first))
        }
        None => (min, first),
    };
    // without et-al-use-first there is no truncation
    let min = if first.is_some() { min } else { None };
    (min, first.unwrap_or(1), use_last)
}

/// A list whose last name is `{"literal": "others"}` (BibTeX's `and others`,
/// as pandoc and kaynak write it in CSL-JSON) goes on beyond the names it
/// gives: returns the names before it, and true when the et-al. term must
/// follow them whatever the style's et-al. limits.
fn open_ended(list: &[Name]) -> (&[Name], bool) {
    match list.split_last() {
        Some((last, rest))
            if last.literal.as_deref() == Some("others")
                && last.family.is_none()
                && last.given.is_none() =>
        {
            (rest, true)
        }
        _ => (list, false),
    }
}

/// How many names of `list` (without an open end, see [`open_ended`]) are
/// shown: et-al limits, names disambiguation added, and (in an entry) as
/// many as its cite shows.
fn shown_count(ctx: &Context, options: &NameOptions, list: &[Name]) -> usize {
    let (min, use_first, _) = et_al_limits(ctx, options);
    let mut shown = list.len();
    if let Some(min) = min {
        if list.len() >= min && use_first < list.len() {
            shown = use_first;
        }
    }
    if let Some(extra) = ctx.cite.extra_names {
        shown = (shown + extra).min(list.len()).max(shown);
    }
    if let Some(least) = ctx.cite.names_shown {
        shown = shown.max(least.min(list.len()));
    }
    shown
}

fn render_list(
    ctx: &Context,
    resolved: &Resolved,
    owner: u16,
    role: Role,
    list: &[Name],
) -> Option<Inline> {
    let (list, others) = open_ended(list);
    if list.is_empty() {
        return None;
    }
    let options = &resolved.options;
    let (_, _, use_last) = et_al_limits(ctx, options);
    let shown = shown_count(ctx, options, list);
    let truncated = shown < list.len() || others;
    if options.form == Some(NameForm::Count) {
        if ctx.sorting {
            return Some(Inline::Text(compact_str::format_compact!("{shown:04}")));
        }
        return Some(Inline::Text(shown.to_compact_string()));
    }
    if shown == 0 {
        return None;
    }
    // subsequent-author-substitute, when this list is the entry's author
    let substitute = ctx
        .cite
        .author_substitute
        .as_ref()
        .filter(|s| s.element == owner && !ctx.sorting);
    let replaced = |index: usize| match substitute.map(|s| s.names) {
        Some(SubstitutedNames::Each) => true,
        Some(SubstitutedNames::First(n)) => index < n,
        _ => false,
    };
    // cs:name "describes the formatting of individual names" (spec, Name):
    // its formatting and affixes go around each name, not the list
    let each_name = |node: Inline| match resolved.name {
        Some(name_el) => wrap_one(ctx, node, &name_el.rendering).unwrap_or_default(),
        None => node,
    };
    let name_node = |name: &Name, index: usize| {
        if replaced(index) {
            let text = substitute.map_or("", |s| s.text.as_str());
            let node = each_name(Inline::Text(text.into()));
            return tag_name(ctx, index, GivenShown::None, node);
        }
        let (main, given) = render_name(ctx, resolved, name, index);
        let node = main;
        // kaynak multilingual extension: secondary forms of the name.
        #[cfg(feature = "multilingual")]
        let node = super::ext::name_attachment(ctx, role.variable, index, node, |n| {
            render_name(ctx, resolved, n, index).0
        });
        tag_name(ctx, index, given, each_name(node))
    };
    let mut parts: Vec<Inline> = list[..shown]
        .iter()
        .enumerate()
        .map(|(i, name)| name_node(name, i))
        .collect();
    let inverted_last = is_inverted(ctx, options, shown - 1) && list[shown - 1].literal.is_none();
    let mut content = if truncated && use_last && !others && list.len() >= shown + 2 {
        let mut content = join_names(and_term(ctx), parts, options, false, inverted_last);
        content.push(Inline::Text(compact_str::format_compact!(
            "{}… ",
            delimiter(options)
        )));
        if let Some(last) = list.last() {
            content.push(name_node(last, list.len() - 1));
        }
        content
    } else if truncated {
        let mut content = join_names(
            and_term(ctx),
            std::mem::take(&mut parts),
            options,
            false,
            inverted_last,
        );
        if let Some(et_al) = et_al_node(ctx, resolved).filter(|_| !ctx.sorting) {
            let use_delim = match options
                .delimiter_precedes_et_al
                .unwrap_or(DelimiterPrecedes::Contextual)
            {
                DelimiterPrecedes::Contextual => shown >= 2,
                DelimiterPrecedes::AfterInvertedName => inverted_last,
                DelimiterPrecedes::Always => true,
                DelimiterPrecedes::Never => false,
            };
            // no space before an et-al term in a script written without spaces
            let spaced = !et_al
                .plain_text()
                .chars()
                .next()
                .map(is_cjk)
                .unwrap_or(false);
            content.push(Inline::Text(if use_delim {
                delimiter(options).into()
            } else if spaced {
                " ".into()
            } else {
                CompactString::default()
            }));
            content.push(et_al);
            // with an et-al, cs:name's formatting also covers the whole
            // list, its delimiters and the et-al term (as citeproc-js
            // formats it; names formatted again inside change nothing)
            if let Some(formatting) = resolved
                .name
                .map(|n| n.rendering.formatting)
                .filter(|f| !f.is_empty())
            {
                content = vec![Inline::Formatted(formatting, content)];
            }
        }
        content
    } else {
        join_names(
            and_term(ctx),
            parts,
            options,
            !ctx.sorting,
            shown >= 2 && is_inverted(ctx, options, shown - 2) && list[shown - 2].literal.is_none(),
        )
    };
    if let Some(substitute) = substitute.filter(|s| s.names == SubstitutedNames::All) {
        // the names, delimiters and et-al, but not the label
        content = vec![Inline::Text(substitute.text.as_str().into())];
    }
    let node = if ctx.sorting {
        Inline::seq(content)
    } else {
        let tag = NamesTag {
            element: owner,
            count: u16::try_from(list.len()).unwrap_or(u16::MAX),
            substituted: false,
        };
        Inline::tagged(Tag::Names(tag), content)
    };
    add_label(
        ctx,
        resolved,
        role.term,
        list.len() + usize::from(others),
        node,
    )
}

/// One name of a list, tagged with its position and how much of its given
/// name it shows, where the cite asks for name tags.
fn tag_name(ctx: &Context, index: usize, given: GivenShown, node: Inline) -> Inline {
    if ctx.sorting || !ctx.cite.name_tags {
        return node;
    }
    let tag = NameTag {
        index: u16::try_from(index).unwrap_or(u16::MAX),
        given,
    };
    // a name of several parts brings its own list
    let children = match node {
        Inline::Formatted(formatting, children) if formatting.is_empty() => children,
        other => vec![other],
    };
    Inline::Tagged(Tag::Name(tag), children)
}

fn add_label(
    ctx: &Context,
    resolved: &Resolved,
    role: &str,
    count: usize,
    names: Inline,
) -> Option<Inline> {
    let Some(label) = resolved.label.filter(|_| !ctx.sorting) else {
        return Some(names);
    };
    let Some(label_node) = render_label(ctx, label, Some((role, count))) else {
        return Some(names);
    };
    let parts = if resolved.label_before_name {
        vec![label_node, names]
    } else {
        vec![names, label_node]
    };
    Some(Inline::seq(parts))
}

fn et_al_node(ctx: &Context, resolved: &Resolved) -> Option<Inline> {
    let (term, rendering) = match resolved.et_al {
        Some(et_al) => (et_al.term.as_str(), et_al.rendering.clone()),
        None => ("et-al", Rendering::default()),
    };
    let text = ctx.term(term, TermForm::Long, false)?;
    if text.is_empty() {
        return None;
    }
    wrap_one(ctx, Inline::Text(text.into()), &rendering)
}

fn delimiter(options: &NameOptions) -> &str {
    options.delimiter.as_deref().unwrap_or(", ")
}

fn join_names(
    and_text: &str,
    parts: Vec<Inline>,
    options: &NameOptions,
    with_and: bool,
    inverted_before_last: bool,
) -> Vec<Inline> {
    let count = parts.len();
    let delim = delimiter(options);
    let and = if with_and {
        options.and.flatten()
    } else {
        None
    };
    let mut out = Vec::with_capacity(count * 2);
    for (index, part) in parts.into_iter().enumerate() {
        if index > 0 {
            let is_last = index + 1 == count;
            match and {
                Some(and) if is_last => {
                    let use_delim = match options
                        .delimiter_precedes_last
                        .unwrap_or(DelimiterPrecedes::Contextual)
                    {
                        DelimiterPrecedes::Contextual => count >= 3,
                        DelimiterPrecedes::AfterInvertedName => inverted_before_last,
                        DelimiterPrecedes::Always => true,
                        DelimiterPrecedes::Never => false,
                    };
                    let word = match and {
                        NameAnd::Text => and_text,
                        NameAnd::Symbol => "&",
                    };
                    // a term that brings its own trailing space (Hebrew "ו ")
                    // is joined without spaces of ours
                    let own_space = word.ends_with(char::is_whitespace);
                    let sep = if use_delim {
                        delim
                    } else if own_space {
                        ""
                    } else {
                        " "
                    };
                    out.push(Inline::Text(compact_str::format_compact!("{sep}{word}")));
                    if !own_space {
                        out.push(Inline::Text(" ".into()));
                    }
                }
                _ => out.push(Inline::Text(delim.into())),
            }
        }
        out.push(part);
    }
    out
}

fn and_term<'a>(ctx: &Context<'a>) -> &'a str {
    ctx.locale
        .term_text("and", TermForm::Long, false)
        .unwrap_or("and")
}

/// Chinese, Japanese and Korean characters (written without word spaces).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}
