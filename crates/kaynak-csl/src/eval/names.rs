//! `cs:names`, `cs:name`, `cs:et-al` and `cs:substitute`.

use super::initials::initialize_marked;
use super::name_parts::{needs_space, part_node};
use super::{join, number::render_label, render_element, wrap, wrap_one, Context};
use crate::item::Name;
use crate::output::Inline;
use crate::style::model::*;
use compact_str::{CompactString, ToCompactString};
use std::borrow::Cow;

/// Options for one names element after inheritance.
struct Resolved<'n> {
    options: NameOptions,
    name: Option<&'n NameElement>,
    et_al: Option<&'n EtAl>,
    label: Option<&'n Label>,
    label_before_name: bool,
    delimiter: Option<String>,
}

pub fn render_names(ctx: &Context, names: &Names) -> Option<Inline> {
    let first = ctx.tracker.borrow().names_seen == 0 && !ctx.sorting;
    let node = render_names_inner(ctx, names)?;
    if first {
        record_first_names(ctx, &node);
        if ctx.cite.suppress_author {
            return None;
        }
        let substituted = ctx.tracker.borrow().author_substituted;
        // the author's text is copied only when there is a substitute
        let author = match &ctx.cite.author_substitute {
            Some(_) => ctx.tracker.borrow().first_names.clone().unwrap_or_default(),
            None => String::new(),
        };
        if let (Some(text), false) = (ctx.author_substitute_for(&author), substituted) {
            // the "author" came from cs:substitute: replace all of it
            if text.is_empty() {
                return None;
            }
            return Some(Inline::Text(text.into()));
        }
    }
    Some(node)
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
    let inherited = if ctx.in_substitute.get() {
        ctx.substitute_names.borrow().clone()
    } else {
        None
    };
    let parent = inherited.as_deref();
    let resolved = resolve(ctx, names, parent);
    if resolved.options.form == Some(NameForm::Count) {
        let total: usize = lists
            .iter()
            .map(|(_, list)| shown_count(ctx, &resolved.options, list))
            .sum();
        ctx.note_variable(total > 0);
        if total == 0 {
            return substitute(ctx, names);
        }
        return Some(Inline::Text(total.to_compact_string()));
    }
    let rendered: Vec<Inline> = lists
        .iter()
        .filter_map(|(role, list)| render_list(ctx, &resolved, role, list))
        .collect();
    ctx.note_variable(!rendered.is_empty());
    if rendered.is_empty() {
        return substitute(ctx, names);
    }
    if ctx.in_substitute.get() {
        let mut tracker = ctx.tracker.borrow_mut();
        for variable in &names.variables {
            tracker.suppressed.push(variable.clone());
        }
    }
    let content = join(rendered, resolved.delimiter.as_deref());
    wrap(ctx, content, &names.rendering)
}

fn record_first_names(ctx: &Context, node: &Inline) {
    let mut tracker = ctx.tracker.borrow_mut();
    tracker.names_seen += 1;
    if tracker.first_names.is_none() {
        tracker.first_names = Some(node.plain_text());
    }
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

/// The name lists of `variables`, borrowed from the item where it allows
/// (copying every name of every list per render was a hot spot).
fn collect_lists<'v, 'i>(
    ctx: &Context<'i>,
    variables: &'v [String],
) -> Vec<(&'v str, Cow<'i, [Name]>)> {
    let mut lists: Vec<(&str, Cow<'i, [Name]>)> = variables
        .iter()
        .filter(|v| !ctx.is_suppressed(v))
        .filter_map(|v| {
            // kaynak multilingual extension: names in their main form.
            if let Some(names) = crate::ext::names_for(ctx, v) {
                return names.map(|n| (v.as_str(), Cow::Owned(n)));
            }
            ctx.item.names(v).map(|n| (v.as_str(), n))
        })
        .collect();
    let editor = lists.iter().position(|(v, _)| *v == "editor");
    let translator = lists.iter().position(|(v, _)| *v == "translator");
    if let (Some(e), Some(t)) = (editor, translator) {
        // the term is looked up only when both lists are there
        let combined_term = ctx
            .locale
            .term_text("editortranslator", TermForm::Long, false)
            .map(|t| !t.is_empty())
            .unwrap_or(false);
        if combined_term && lists[e].1 == lists[t].1 {
            lists[e].0 = "editortranslator";
            lists.remove(t);
        }
    }
    lists
}

fn substitute(ctx: &Context, names: &Names) -> Option<Inline> {
    let elements = names.substitute.as_ref()?;
    let was = ctx.in_substitute.replace(true);
    // what substituted names inherit: everything but the substitute itself
    let inherited = Names {
        variables: Vec::new(),
        name: names.name.clone(),
        et_al: names.et_al.clone(),
        label: names.label.clone(),
        label_before_name: names.label_before_name,
        substitute: None,
        delimiter: names.delimiter.clone(),
        rendering: Rendering::default(),
    };
    let previous = ctx
        .substitute_names
        .replace(Some(std::rc::Rc::new(inherited)));
    let mut result = None;
    for element in elements {
        if let Some(node) = render_element(ctx, element) {
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
    ctx.in_substitute.set(was);
    ctx.substitute_names.replace(previous);
    let node = result?;
    // substituted output (even a term) is content for enclosing groups
    ctx.note_variable(true);
    wrap_one(ctx, node, &names.rendering)
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

fn shown_count(ctx: &Context, options: &NameOptions, list: &[Name]) -> usize {
    let (list, _) = open_ended(list);
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
    shown
}

fn render_list(ctx: &Context, resolved: &Resolved, role: &str, list: &[Name]) -> Option<Inline> {
    let (list, others) = open_ended(list);
    if list.is_empty() {
        return None;
    }
    let options = &resolved.options;
    let (min, use_first, use_last) = et_al_limits(ctx, options);
    let mut shown = list.len();
    if let Some(min) = min {
        if list.len() >= min && use_first < list.len() {
            shown = use_first;
        }
    }
    if let Some(extra) = ctx.cite.extra_names {
        shown = (shown + extra).min(list.len()).max(shown);
    }
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
    let mut parts: Vec<Inline> = list[..shown]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let main = render_name(ctx, resolved, name, i);
            // kaynak multilingual extension: secondary forms of the name.
            crate::ext::name_attachment(ctx, role, i, main, |n| render_name(ctx, resolved, n, i))
        })
        .collect();
    let inverted_last = is_inverted(ctx, options, shown - 1) && list[shown - 1].literal.is_none();
    let mut content = if truncated && use_last && !others && list.len() >= shown + 2 {
        let mut content = join_names(and_term(ctx), parts, options, false, inverted_last);
        content.push(Inline::Text(compact_str::format_compact!(
            "{}… ",
            delimiter(options)
        )));
        if let Some(last) = list.last() {
            content.push(render_name(ctx, resolved, last, list.len() - 1));
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
    if let Some(name_el) = resolved.name {
        content = wrap(ctx, content, &name_el.rendering).into_iter().collect();
    }
    if ctx.tracker.borrow().names_seen == 0 && !ctx.sorting {
        let mut tracker = ctx.tracker.borrow_mut();
        if tracker.first_names.is_none() {
            tracker.first_names = Some(content.iter().map(Inline::plain_text).collect());
        }
        // subsequent-author-substitute replaces the names, not their label
        let author = match &ctx.cite.author_substitute {
            Some(_) => tracker.first_names.clone().unwrap_or_default(),
            None => String::new(),
        };
        if let Some(text) = ctx.author_substitute_for(&author) {
            content = vec![Inline::Text(text.into())];
            tracker.author_substituted = true;
        }
    }
    add_label(ctx, resolved, role, list.len() + usize::from(others), content)
}

fn add_label(
    ctx: &Context,
    resolved: &Resolved,
    role: &str,
    count: usize,
    content: Vec<Inline>,
) -> Option<Inline> {
    let Some(label) = resolved.label.filter(|_| !ctx.sorting) else {
        return Some(Inline::seq(content));
    };
    let mut label = label.clone();
    label.variable = role.to_string();
    let label_node = render_label(ctx, &label, Some(count));
    let mut parts = Vec::new();
    if resolved.label_before_name {
        parts.extend(label_node);
        parts.extend(content);
    } else {
        parts.extend(content);
        parts.extend(label_node);
    }
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

fn is_inverted(ctx: &Context, options: &NameOptions, index: usize) -> bool {
    if ctx.sorting && ctx.sort_names_as_sort_order() {
        return true;
    }
    match options.name_as_sort_order.flatten() {
        Some(NameAsSortOrder::All) => true,
        Some(NameAsSortOrder::First) => index == 0,
        None => false,
    }
}

/// Whether a name is written in a script that uses given/family order with
/// spaces (Latin, Greek, Cyrillic …).
pub fn is_romanesque(text: &str) -> bool {
    text.chars().all(|c| {
        (c as u32) < 0x0530
            || ('\u{1e00}'..='\u{1fff}').contains(&c)
            || ('\u{2000}'..='\u{206f}').contains(&c)
            || !c.is_alphabetic()
    })
}

fn render_name(ctx: &Context, resolved: &Resolved, name: &Name, index: usize) -> Inline {
    let options = &resolved.options;
    if let Some(literal) = &name.literal {
        return part_node(ctx, family_style(resolved), &[literal], None);
    }
    let level = ctx.cite.givenname_levels.get(index).copied().unwrap_or(0);
    let base_form = options.form.unwrap_or(NameForm::Long);
    let with = options.initialize_with.as_deref();
    let hyphen = ctx.style.options.initialize_with_hyphen;
    let has_family = name
        .family
        .as_deref()
        .map(|f| !f.is_empty())
        .unwrap_or(false);
    let given = name.given.as_deref().map(|g| match (level, with) {
        _ if !has_family => Cow::Borrowed(g),
        (0, Some(with)) => Cow::Owned(initialize_marked(
            g,
            with,
            options.initialize.unwrap_or(true),
            hyphen,
        )),
        (1, Some(with)) if base_form == NameForm::Short => {
            Cow::Owned(initialize_marked(g, with, true, hyphen))
        }
        _ => Cow::Borrowed(g),
    });
    let form = if level > 0 { NameForm::Long } else { base_form };
    let family = name.family.as_deref().unwrap_or("");
    let romanesque = is_romanesque(family) && is_romanesque(name.given.as_deref().unwrap_or(""));
    let parts = NameParts {
        name,
        given: given.as_deref(),
        family,
    };
    let inverted = is_inverted(ctx, options, index) || ctx.sorting;
    let node = if !romanesque {
        oriental(ctx, resolved, &parts, form)
    } else if form == NameForm::Short {
        short_form(ctx, resolved, &parts)
    } else if inverted && !name.static_ordering {
        inverted_form(ctx, resolved, &parts)
    } else {
        display_form(ctx, resolved, &parts)
    };
    Inline::seq(node)
}

struct NameParts<'a> {
    name: &'a Name,
    given: Option<&'a str>,
    family: &'a str,
}

fn family_style<'r>(resolved: &'r Resolved) -> Option<&'r NamePartStyle> {
    resolved.name.and_then(|n| n.family.as_ref())
}

fn given_style<'r>(resolved: &'r Resolved) -> Option<&'r NamePartStyle> {
    resolved.name.and_then(|n| n.given.as_ref())
}

/// The family part in display order: a dropping particle sits inside the
/// family affixes but takes none of the family formatting.
fn family_with_dropping(
    ctx: &Context,
    resolved: &Resolved,
    dp: &str,
    pieces: &[&str],
    tail: Option<String>,
) -> Inline {
    let style = family_style(resolved);
    if dp.is_empty() {
        return part_node(ctx, style, pieces, tail);
    }
    let bare = style.map(|s| NamePartStyle {
        rendering: Rendering {
            prefix: None,
            suffix: None,
            ..s.rendering.clone()
        },
    });
    let dp = dp.replace('\'', "’");
    let mut content = vec![Inline::Text(dp.as_str().into())];
    if needs_space(&dp) {
        content.push(Inline::Text(" ".into()));
    }
    content.push(part_node(ctx, bare.as_ref(), pieces, tail));
    let affixes = Rendering {
        prefix: style.and_then(|s| s.rendering.prefix.clone()),
        suffix: style.and_then(|s| s.rendering.suffix.clone()),
        ..Rendering::default()
    };
    wrap(ctx, content, &affixes).unwrap_or(Inline::Text(Default::default()))
}

/// The given part of an inverted name with a demoted particle: the
/// particle keeps the family formatting, inside the given affixes.
fn given_with_particle(ctx: &Context, resolved: &Resolved, pieces: &[&str], ndp: &str) -> Inline {
    let style = given_style(resolved);
    let bare = |s: Option<&NamePartStyle>| {
        s.map(|s| NamePartStyle {
            rendering: Rendering {
                prefix: None,
                suffix: None,
                ..s.rendering.clone()
            },
        })
    };
    let mut content = Vec::new();
    if pieces.iter().any(|p| !p.is_empty()) {
        content.push(part_node(ctx, bare(style).as_ref(), pieces, None));
        content.push(Inline::Text(" ".into()));
    }
    content.push(part_node(
        ctx,
        bare(family_style(resolved)).as_ref(),
        &[ndp],
        None,
    ));
    let affixes = Rendering {
        prefix: style.and_then(|s| s.rendering.prefix.clone()),
        suffix: style.and_then(|s| s.rendering.suffix.clone()),
        ..Rendering::default()
    };
    wrap(ctx, content, &affixes).unwrap_or(Inline::Text(Default::default()))
}

fn demote(ctx: &Context) -> bool {
    let mode = ctx
        .style
        .options
        .demote_non_dropping_particle
        .unwrap_or(DemoteParticle::DisplayAndSort);
    mode == DemoteParticle::DisplayAndSort || ctx.sorting && mode == DemoteParticle::SortOnly
}

fn short_form(ctx: &Context, resolved: &Resolved, parts: &NameParts) -> Vec<Inline> {
    let ndp = parts.name.non_dropping_particle.as_deref().unwrap_or("");
    if parts.family.is_empty() {
        return vec![part_node(
            ctx,
            given_style(resolved),
            &[parts.name.given.as_deref().unwrap_or("")],
            None,
        )];
    }
    vec![part_node(
        ctx,
        family_style(resolved),
        &[ndp, parts.family],
        None,
    )]
}

fn suffix_text(name: &Name, separator: &str) -> Option<String> {
    name.suffix
        .as_deref()
        .map(|s| format!("{separator}{}", s.replace('\'', "’")))
}

fn display_form(ctx: &Context, resolved: &Resolved, parts: &NameParts) -> Vec<Inline> {
    let name = parts.name;
    let dp = name.dropping_particle.as_deref().unwrap_or("");
    let ndp = name.non_dropping_particle.as_deref().unwrap_or("");
    let mut out = Vec::new();
    let given = parts.given.unwrap_or("");
    if !given.is_empty() {
        out.push(part_node(ctx, given_style(resolved), &[given], None));
    }
    let separator = if name.comma_suffix { ", " } else { " " };
    if !parts.family.is_empty() {
        if !out.is_empty() {
            out.push(Inline::Text(" ".into()));
        }
        out.push(family_with_dropping(
            ctx,
            resolved,
            dp,
            &[ndp, parts.family],
            suffix_text(name, separator),
        ));
    }
    out
}

fn inverted_form(ctx: &Context, resolved: &Resolved, parts: &NameParts) -> Vec<Inline> {
    let name = parts.name;
    let sep = resolved.options.sort_separator.as_deref().unwrap_or(", ");
    let dp = name.dropping_particle.as_deref().unwrap_or("");
    let ndp = name.non_dropping_particle.as_deref().unwrap_or("");
    let given = parts.given.unwrap_or("");
    // empty pieces are skipped, so the particle's place is left empty
    // rather than the lists made to measure
    let (family_pieces, given_pieces) = if demote(ctx) {
        (["", parts.family], [given, dp, ndp])
    } else {
        ([ndp, parts.family], [given, dp, ""])
    };
    let mut out = Vec::with_capacity(3);
    if family_pieces.iter().any(|p| !p.is_empty()) {
        out.push(part_node(ctx, family_style(resolved), &family_pieces, None));
    }
    if given_pieces.iter().any(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(Inline::Text(sep.into()));
        }
        let demoted = demote(ctx) && !ndp.is_empty();
        if demoted {
            out.push(given_with_particle(ctx, resolved, &[given, dp], ndp));
        } else {
            out.push(part_node(ctx, given_style(resolved), &given_pieces, None));
        }
    }
    if let Some(suffix) = suffix_text(name, sep) {
        out.push(Inline::Text(suffix.into()));
    }
    out
}

fn oriental(ctx: &Context, resolved: &Resolved, parts: &NameParts, form: NameForm) -> Vec<Inline> {
    let mut out = vec![part_node(
        ctx,
        family_style(resolved),
        &[parts.family],
        None,
    )];
    if form != NameForm::Short {
        if let Some(given) = parts.name.given.as_deref() {
            out.push(part_node(ctx, given_style(resolved), &[given], None));
        }
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
