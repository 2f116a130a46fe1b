//! `cs:choose`: conditions and match modes.

use super::{render_elements, Context};
use crate::csl::output::Inline;
use crate::csl::style::model::*;

pub fn render_choose(ctx: &Context, choose: &Choose) -> Option<Inline> {
    for branch in &choose.branches {
        if condition_holds(ctx, &branch.condition) {
            return as_node(render_elements(ctx, &branch.children));
        }
    }
    as_node(render_elements(ctx, &choose.otherwise))
}

fn as_node(parts: Vec<Inline>) -> Option<Inline> {
    if parts.is_empty() {
        None
    } else {
        Some(Inline::seq(parts))
    }
}

fn condition_holds(ctx: &Context, condition: &Condition) -> bool {
    let mut tests: Vec<bool> = Vec::new();
    if let Some(want) = condition.disambiguate {
        tests.push(ctx.cite.disambiguate == want);
    }
    tests.extend(
        condition
            .is_numeric
            .iter()
            .map(|v| is_numeric_variable(ctx, v)),
    );
    tests.extend(
        condition
            .is_uncertain_date
            .iter()
            .map(|v| ctx.item.date(v).map(|d| d.circa).unwrap_or(false)),
    );
    tests.extend(condition.locator.iter().map(|l| locator_matches(ctx, l)));
    tests.extend(condition.position.iter().map(|p| position_matches(ctx, *p)));
    tests.extend(condition.types.iter().map(|t| ctx.item.item_type() == t));
    tests.extend(condition.variables.iter().map(|v| has_variable(ctx, v)));
    match condition.match_mode.unwrap_or(Match::All) {
        Match::All => tests.iter().all(|t| *t),
        Match::Any => tests.iter().any(|t| *t),
        Match::None => !tests.iter().any(|t| *t),
    }
}

fn locator_matches(ctx: &Context, wanted: &str) -> bool {
    if ctx.cite.locator.is_none() {
        return false;
    }
    let label = ctx.cite.label.as_deref().unwrap_or("page");
    label == wanted || (wanted == "sub-verbo" && label == "sub verbo")
}

fn position_matches(ctx: &Context, wanted: Position) -> bool {
    let Some(position) = ctx.cite.position else {
        return false;
    };
    match wanted {
        Position::First => position == Position::First,
        Position::Subsequent => position != Position::First,
        Position::Ibid => matches!(position, Position::Ibid | Position::IbidWithLocator),
        Position::IbidWithLocator => position == Position::IbidWithLocator,
        Position::NearNote => ctx.cite.near_note && position != Position::First,
    }
}

fn has_variable(ctx: &Context, name: &str) -> bool {
    if ctx.is_suppressed(name) {
        return false;
    }
    match name {
        "locator" => ctx.cite.locator.is_some(),
        "citation-number" => ctx.cite.citation_number.is_some(),
        "first-reference-note-number" => ctx.cite.first_reference_note_number.is_some(),
        "year-suffix" => ctx.cite.year_suffix.is_some(),
        _ => {
            ctx.item.variable(name).is_some()
                || ctx.item.names(name).is_some()
                || ctx
                    .item
                    .date(name)
                    .map(|d| !d.parts.is_empty() || d.literal.is_some())
                    .unwrap_or(false)
        }
    }
}

fn is_numeric_variable(ctx: &Context, name: &str) -> bool {
    let value = match name {
        "locator" => ctx.cite.locator.clone(),
        "citation-number" => ctx.cite.citation_number.map(|n| n.to_string()),
        _ => ctx.item.variable(name).map(str::to_string),
    };
    value
        .map(|v| super::number::is_numeric(&v))
        .unwrap_or(false)
}
