//! `cs:names`, `cs:name`, `cs:et-al` and `cs:substitute`.

use super::{case, join, number::render_label, render_element, wrap, Context};
use crate::csl::item::Name;
use crate::csl::output::Inline;
use crate::csl::style::model::*;

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
        if let Some(text) = &ctx.cite.author_substitute {
            if text.is_empty() {
                return None;
            }
            return Some(Inline::Text(text.clone()));
        }
    }
    Some(node)
}

fn render_names_inner(ctx: &Context, names: &Names) -> Option<Inline> {
    let inherited = ctx.substitute_names.borrow().clone();
    let parent = if ctx.in_substitute.get() {
        inherited.as_ref()
    } else {
        None
    };
    let resolved = resolve(ctx, names, parent);
    let lists = collect_lists(ctx, &names.variables);
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
            tracker.suppressed.insert(variable.clone());
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
    let mut options = name.map(|n| n.options.clone()).unwrap_or_default();
    options = options
        .inherit(&ctx.section.name_options)
        .inherit(&ctx.style.options.name_options);
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

fn collect_lists(ctx: &Context, variables: &[String]) -> Vec<(String, Vec<Name>)> {
    let mut lists: Vec<(String, Vec<Name>)> = variables
        .iter()
        .filter(|v| !ctx.is_suppressed(v))
        .filter_map(|v| ctx.item.names(v).map(|n| (v.clone(), n.into_owned())))
        .collect();
    let editor = lists.iter().position(|(v, _)| v == "editor");
    let translator = lists.iter().position(|(v, _)| v == "translator");
    if let (Some(e), Some(t)) = (editor, translator) {
        if lists[e].1 == lists[t].1 {
            lists[e].0 = "editortranslator".to_string();
            lists.remove(t);
        }
    }
    lists
}

fn substitute(ctx: &Context, names: &Names) -> Option<Inline> {
    let elements = names.substitute.as_ref()?;
    let was = ctx.in_substitute.replace(true);
    let previous = ctx.substitute_names.replace(Some(names.clone()));
    let mut result = None;
    for element in elements {
        if let Some(node) = render_element(ctx, element) {
            if !node.is_empty() {
                result = Some(node);
                break;
            }
        }
    }
    ctx.in_substitute.set(was);
    ctx.substitute_names.replace(previous);
    let node = result?;
    wrap(ctx, vec![node], &names.rendering)
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
    let (min, first) = match ctx.sort_names() {
        Some((sort_min, sort_first)) => (sort_min.or(min), sort_first.or(first)),
        None => (min, first),
    };
    (
        min,
        first.unwrap_or(1),
        options.et_al_use_last.unwrap_or(false),
    )
}

fn render_list(ctx: &Context, resolved: &Resolved, role: &str, list: &[Name]) -> Option<Inline> {
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
    let truncated = shown < list.len();
    if options.form == Some(NameForm::Count) {
        if ctx.sorting {
            return Some(Inline::Text(format!("{shown:04}")));
        }
        return Some(Inline::Text(shown.to_string()));
    }
    if shown == 0 {
        return None;
    }
    let mut parts: Vec<Inline> = list[..shown]
        .iter()
        .enumerate()
        .map(|(i, name)| render_name(ctx, resolved, name, i))
        .collect();
    let inverted_last = is_inverted(ctx, options, shown - 1);
    let mut content = if truncated && use_last && list.len() >= shown + 2 {
        let mut content = join_names(parts, options, false, inverted_last);
        content.push(Inline::Text(format!("{}… ", delimiter(options))));
        if let Some(last) = list.last() {
            content.push(render_name(ctx, resolved, last, list.len() - 1));
        }
        content
    } else if truncated {
        let mut content = join_names(std::mem::take(&mut parts), options, false, inverted_last);
        if let Some(et_al) = et_al_node(ctx, resolved) {
            let use_delim = match options
                .delimiter_precedes_et_al
                .unwrap_or(DelimiterPrecedes::Contextual)
            {
                DelimiterPrecedes::Contextual => shown >= 2,
                DelimiterPrecedes::AfterInvertedName => inverted_last,
                DelimiterPrecedes::Always => true,
                DelimiterPrecedes::Never => false,
            };
            content.push(Inline::Text(if use_delim {
                delimiter(options)
            } else {
                " ".to_string()
            }));
            content.push(et_al);
        }
        content
    } else {
        join_names(
            parts,
            options,
            true,
            shown >= 2 && is_inverted(ctx, options, shown - 2),
        )
    };
    if let Some(name_el) = resolved.name {
        content = wrap(ctx, content, &name_el.rendering).into_iter().collect();
    }
    add_label(ctx, resolved, role, shown, content)
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
    wrap(ctx, vec![Inline::Text(text)], &rendering)
}

fn delimiter(options: &NameOptions) -> String {
    options
        .delimiter
        .clone()
        .unwrap_or_else(|| ", ".to_string())
}

fn join_names(
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
                        NameAnd::Text => "and",
                        NameAnd::Symbol => "&",
                    };
                    let sep = if use_delim {
                        delim.clone()
                    } else {
                        " ".to_string()
                    };
                    out.push(Inline::Text(format!("{sep}{}", and_term(word))));
                    out.push(Inline::Text(" ".to_string()));
                }
                _ => out.push(Inline::Text(delim.clone())),
            }
        }
        out.push(part);
    }
    out
}

thread_local! {
    static AND_TERM: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn and_term(word: &str) -> String {
    if word == "&" {
        return "&".to_string();
    }
    AND_TERM.with(|t| {
        let t = t.borrow();
        if t.is_empty() {
            "and".to_string()
        } else {
            t.clone()
        }
    })
}

/// Make the locale's "and" term available to name joining.
pub fn set_and_term(ctx: &Context) {
    let term = ctx
        .locale
        .term_text("and", TermForm::Long, false)
        .unwrap_or("and")
        .to_string();
    AND_TERM.with(|t| *t.borrow_mut() = term);
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
        return styled_part(ctx, resolved.name.and_then(|n| n.family.as_ref()), literal);
    }
    let family = name.family.as_deref().unwrap_or("");
    let level = ctx.cite.givenname_levels.get(index).copied().unwrap_or(0);
    let mut form = options.form.unwrap_or(NameForm::Long);
    let mut initialize = options.initialize_with.is_some() && options.initialize.unwrap_or(true);
    if level >= 1 && form == NameForm::Short {
        form = NameForm::Long;
    } else if level >= 1 && initialize {
        initialize = false;
    }
    if level >= 2 {
        initialize = false;
    }
    let given = name.given.as_deref().map(|g| {
        match (
            &options.initialize_with,
            initialize || options.initialize_with.is_some() && level == 0,
        ) {
            (Some(with), true) => initialize_given(
                g,
                with,
                initialize,
                ctx.style.options.initialize_with_hyphen,
            ),
            _ => g.to_string(),
        }
    });
    let given = if level >= 1
        && form == NameForm::Long
        && options.form == Some(NameForm::Short)
        && options.initialize_with.is_some()
        && level == 1
    {
        name.given.as_deref().map(|g| {
            initialize_given(
                g,
                options.initialize_with.as_deref().unwrap_or(""),
                true,
                ctx.style.options.initialize_with_hyphen,
            )
        })
    } else {
        given
    };
    let romanesque = is_romanesque(&format!("{family}{}", name.given.as_deref().unwrap_or("")));
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

fn join_words(words: &[&str]) -> String {
    let mut out = String::new();
    for word in words.iter().filter(|w| !w.is_empty()) {
        if !out.is_empty() && !out.ends_with('\'') && !out.ends_with('’') && !out.ends_with('-') {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn styled_part(ctx: &Context, style: Option<&NamePartStyle>, text: &str) -> Inline {
    match style {
        Some(style) => {
            let mut content = vec![Inline::Text(text.to_string())];
            if let Some(case) = style.rendering.text_case {
                case::apply_case(&mut content, case, ctx.is_english());
            }
            let mut rendering = style.rendering.clone();
            rendering.text_case = None;
            wrap(ctx, content, &rendering).unwrap_or(Inline::Text(String::new()))
        }
        None => Inline::Text(text.to_string()),
    }
}

fn family_node(ctx: &Context, resolved: &Resolved, text: &str) -> Inline {
    styled_part(ctx, resolved.name.and_then(|n| n.family.as_ref()), text)
}

fn given_node(ctx: &Context, resolved: &Resolved, text: &str) -> Inline {
    styled_part(ctx, resolved.name.and_then(|n| n.given.as_ref()), text)
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
        return vec![given_node(ctx, resolved, parts.given.unwrap_or(""))];
    }
    vec![family_node(
        ctx,
        resolved,
        &join_words(&[ndp, parts.family]),
    )]
}

fn display_form(ctx: &Context, resolved: &Resolved, parts: &NameParts) -> Vec<Inline> {
    let name = parts.name;
    let dp = name.dropping_particle.as_deref().unwrap_or("");
    let ndp = name.non_dropping_particle.as_deref().unwrap_or("");
    let mut out = Vec::new();
    let given = join_words(&[parts.given.unwrap_or(""), dp]);
    if !given.is_empty() {
        out.push(given_node(ctx, resolved, &given));
    }
    let family = join_words(&[ndp, parts.family]);
    if !family.is_empty() {
        if !out.is_empty() {
            out.push(Inline::Text(" ".to_string()));
        }
        out.push(family_node(ctx, resolved, &family));
    }
    if let Some(suffix) = name.suffix.as_deref() {
        let sep = if name.comma_suffix { ", " } else { " " };
        out.push(Inline::Text(format!("{sep}{suffix}")));
    }
    out
}

fn inverted_form(ctx: &Context, resolved: &Resolved, parts: &NameParts) -> Vec<Inline> {
    let name = parts.name;
    let sep = resolved
        .options
        .sort_separator
        .clone()
        .unwrap_or_else(|| ", ".to_string());
    let dp = name.dropping_particle.as_deref().unwrap_or("");
    let ndp = name.non_dropping_particle.as_deref().unwrap_or("");
    let (family, given) = if demote(ctx) {
        (
            parts.family.to_string(),
            join_words(&[parts.given.unwrap_or(""), dp, ndp]),
        )
    } else {
        (
            join_words(&[ndp, parts.family]),
            join_words(&[parts.given.unwrap_or(""), dp]),
        )
    };
    let mut out = Vec::new();
    if !family.is_empty() {
        out.push(family_node(ctx, resolved, &family));
    }
    if !given.is_empty() {
        if !out.is_empty() {
            out.push(Inline::Text(sep.clone()));
        }
        out.push(given_node(ctx, resolved, &given));
    }
    if let Some(suffix) = name.suffix.as_deref() {
        out.push(Inline::Text(format!("{sep}{suffix}")));
    }
    out
}

fn oriental(ctx: &Context, resolved: &Resolved, parts: &NameParts, form: NameForm) -> Vec<Inline> {
    let mut out = vec![family_node(ctx, resolved, parts.family)];
    if form != NameForm::Short {
        if let Some(given) = parts.name.given.as_deref() {
            out.push(given_node(ctx, resolved, given));
        }
    }
    out
}

/// Turn given names into initials: "John Paul" → "J. P.", "Jean-Paul" → "J.-P.".
pub fn initialize_given(given: &str, with: &str, initialize: bool, hyphen: bool) -> String {
    let mut out = String::new();
    for (word_index, word) in given.split_whitespace().enumerate() {
        let pieces: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
        for (piece_index, piece) in pieces.iter().enumerate() {
            let is_initial = piece.trim_end_matches('.').chars().count() == 1
                || piece.chars().all(|c| c.is_uppercase() || c == '.')
                    && piece.chars().count() <= 3
                    && piece.contains('.');
            if piece_index > 0 {
                if hyphen {
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    out.push('-');
                }
            } else if word_index > 0 && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            if initialize || is_initial {
                let letters: String = if is_initial && piece.contains('.') {
                    piece
                        .split('.')
                        .filter(|s| !s.is_empty())
                        .map(|s| s.chars().next().map(|c| c.to_string()).unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join(with.trim_end())
                } else {
                    piece
                        .chars()
                        .next()
                        .map(|c| c.to_uppercase().collect())
                        .unwrap_or_default()
                };
                out.push_str(&letters);
                out.push_str(with);
            } else {
                out.push_str(piece);
                out.push(' ');
            }
        }
    }
    out.trim_end().to_string()
}
