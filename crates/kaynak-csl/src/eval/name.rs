//! One name of a names list: its form (long, short, inverted, oriental),
//! initials and given-name expansion, particles and suffix, each part in its
//! `cs:name-part` formatting.

use super::initials::initialize_marked;
use super::name_parts::{family_node, needs_space, part_node, particle_space};
use super::names::Resolved;
use super::{wrap, Context};
use crate::item::Name;
use crate::model::*;
use crate::output::{GivenShown, Inline};
use std::borrow::Cow;

pub(super) fn is_inverted(ctx: &Context, options: &NameOptions, index: usize) -> bool {
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

/// One name, and how much of its given name it shows.
pub(super) fn render_name(
    ctx: &Context,
    resolved: &Resolved,
    name: &Name,
    index: usize,
) -> (Inline, GivenShown) {
    let options = &resolved.options;
    if let Some(literal) = &name.literal {
        let node = part_node(ctx, family_style(resolved), &[literal], None);
        return (node, GivenShown::None);
    }
    let base_form = options.form.unwrap_or(NameForm::Long);
    // expansion for disambiguation: the cite's own, or, in the bibliography,
    // as much as the item's cites show
    let shown_elsewhere = match ctx
        .cite
        .given_shown
        .iter()
        .find(|(shown, _)| shown.family == name.family && shown.given == name.given)
        .map(|(_, given)| given)
    {
        Some(GivenShown::Full) => 2,
        Some(GivenShown::Initials) => u8::from(base_form == NameForm::Short),
        _ => 0,
    };
    let level = ctx
        .cite
        .givenname_levels
        .get(index)
        .copied()
        .unwrap_or(0)
        .max(shown_elsewhere);
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
    let initialized = match (level, with) {
        _ if !has_family => false,
        (0, Some(_)) => options.initialize.unwrap_or(true),
        (1, Some(_)) => base_form == NameForm::Short,
        _ => false,
    };
    let given_shown = if name.given.as_deref().is_none_or(str::is_empty) || form == NameForm::Short
    {
        GivenShown::None
    } else if initialized {
        GivenShown::Initials
    } else {
        GivenShown::Full
    };
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
    (Inline::seq(node), given_shown)
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
        return family_node(ctx, style, pieces, tail);
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
        // the particle stands right before the family name unless a
        // non-dropping particle comes between them
        let family_next = pieces.iter().filter(|p| !p.is_empty()).count() == 1;
        let space = if family_next {
            particle_space(ctx)
        } else {
            " "
        };
        content.push(Inline::Text(space.into()));
    }
    content.push(family_node(ctx, bare.as_ref(), pieces, tail));
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
    vec![family_node(
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
        out.push(family_node(
            ctx,
            family_style(resolved),
            &family_pieces,
            None,
        ));
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
