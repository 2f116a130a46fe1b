//! The parts of one name (family, given, particles): each piece in the
//! part's case and formatting, the pieces spaced, the part's affixes around.

use super::{case, Context};
use crate::model::NamePartStyle;
use crate::output::Inline;
use compact_str::CompactString;

/// Whether a space follows `before` (not after an apostrophe or hyphen).
pub(super) fn needs_space(before: &str) -> bool {
    !before.is_empty() && !before.ends_with(['\'', '’', '-'])
}

/// The space between a particle and the family name it stands before
/// ("van⍽Beethoven", "de⍽Gaulle"): a no-break space in French and Russian
/// styles, where typography keeps the two on one line and citeproc-js joins
/// them so; a plain space elsewhere and in sort keys. The specification
/// does not say which space joins name parts.
pub(super) fn particle_space(ctx: &Context) -> &'static str {
    let lang = ctx.locale.language().unwrap_or("");
    let joined = ["fr", "ru"].iter().any(|l| {
        lang.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(l))
            && matches!(lang.as_bytes().get(2), None | Some(b'-' | b'_'))
    });
    if joined && !ctx.sorting {
        "\u{a0}"
    } else {
        " "
    }
}

/// Name pieces formatted one by one, joined by spaces, with the part's
/// affixes around all of them and an optional unformatted tail.
pub(super) fn part_node(
    ctx: &Context,
    style: Option<&NamePartStyle>,
    pieces: &[&str],
    tail: Option<String>,
) -> Inline {
    part_node_joined(ctx, style, pieces, tail, " ")
}

/// A family part whose pieces are particles and the family name last: the
/// particle before the family name is joined to it by [`particle_space`].
pub(super) fn family_node(
    ctx: &Context,
    style: Option<&NamePartStyle>,
    pieces: &[&str],
    tail: Option<String>,
) -> Inline {
    part_node_joined(ctx, style, pieces, tail, particle_space(ctx))
}

/// [`part_node`], with `last_space` before the last piece.
fn part_node_joined(
    ctx: &Context,
    style: Option<&NamePartStyle>,
    pieces: &[&str],
    tail: Option<String>,
    last_space: &'static str,
) -> Inline {
    let mut present = pieces.iter().filter(|p| !p.is_empty());
    if tail.is_none() && present.clone().count() == 1 {
        // one piece (most parts): no list of nodes to gather it in
        let node = present
            .next()
            .map_or_else(Default::default, |piece| piece_node(ctx, style, piece));
        return finish_part(style, node);
    }
    let mut out = Vec::new();
    // whether the piece before asks for a space
    let mut space_next = false;
    let count = present.clone().count();
    for (index, piece) in present.enumerate() {
        if space_next {
            let space = if index + 1 == count { last_space } else { " " };
            out.push(Inline::Text(space.into()));
        }
        space_next = needs_space(piece);
        out.push(piece_node(ctx, style, piece));
    }
    if let Some(tail) = tail {
        out.push(Inline::Text(tail.into()));
    }
    if style.is_some() && out.len() == 1 {
        let node = out.pop().unwrap_or_default();
        return finish_part(style, node);
    }
    let Some(style) = style else {
        return Inline::seq(out);
    };
    // the part's affixes only, as `wrap` would add them (without copying
    // them into a rendering of their own)
    if out.iter().all(Inline::is_empty) {
        return Inline::default();
    }
    super::affixed(Inline::seq(out), &style.rendering)
}

/// A part made of the single node `node`, as [`part_node`] would make it
/// from a list of one.
fn finish_part(style: Option<&NamePartStyle>, node: Inline) -> Inline {
    match style {
        None if node.flattens() => Inline::seq(vec![node]),
        None => node,
        Some(_) if node.is_empty() => Inline::default(),
        Some(style) => super::affixed(node, &style.rendering),
    }
}

/// One piece of a name part, in the part's case and formatting.
fn piece_node(ctx: &Context, style: Option<&NamePartStyle>, piece: &str) -> Inline {
    let piece: CompactString = if piece.as_bytes().contains(&b'\'') {
        piece.replace('\'', "’").into()
    } else {
        piece.into()
    };
    match style {
        Some(style) if !piece.contains('<') => {
            let mut node = Inline::Text(piece);
            if let Some(case) = style.rendering.text_case {
                let turkic = case::is_turkic(ctx.item.language());
                let nodes = std::slice::from_mut(&mut node);
                case::apply_case_in(nodes, case, ctx.is_english(), turkic);
            }
            if style.rendering.formatting.is_empty() {
                node
            } else {
                Inline::Formatted(style.rendering.formatting, vec![node])
            }
        }
        Some(style) => {
            let mut content = case::parse_rich_text(ctx, &piece);
            if let Some(case) = style.rendering.text_case {
                let turkic = case::is_turkic(ctx.item.language());
                case::apply_case_in(&mut content, case, ctx.is_english(), turkic);
            }
            if style.rendering.formatting.is_empty() {
                Inline::seq(content)
            } else {
                Inline::Formatted(style.rendering.formatting, content)
            }
        }
        None if piece.contains('<') => Inline::seq(case::parse_rich_text(ctx, &piece)),
        None => Inline::Text(piece),
    }
}
