//! `cs:choose`: conditions and match modes.

use super::{hoist, render_elements_into, Context, Facts, Parts};
use crate::model::*;
use crate::output::Inline;

/// The chosen branch's outputs as one node (`None` when it renders nothing).
pub fn render_choose(ctx: &Context, choose: &Choose) -> Option<Inline> {
    let mut out = Parts::None;
    let facts = render_choose_into(ctx, choose, &mut out);
    (!out.is_empty()).then(|| hoist(Inline::seq(out.into_vec()), facts.as_ref()))
}

/// The chosen branch's outputs, appended to `out` (empty nodes are left out).
/// Returns what the outputs add to what came before.
pub(crate) fn render_choose_into(ctx: &Context, choose: &Choose, out: &mut Parts) -> Option<Facts> {
    let branch = choose
        .branches
        .iter()
        .find(|branch| condition_holds(ctx, &branch.condition));
    let children = branch.map_or(&choose.otherwise, |b| &b.children);
    render_elements_into(ctx, children, out)
}

/// Evaluate a condition lazily: `all` stops at the first false test,
/// `any` and `none` at the first true one. Tests run in a fixed order with
/// plain short-circuiting (a chain of eight iterators was a hot spot).
fn condition_holds(ctx: &Context, condition: &Condition) -> bool {
    let mode = condition.match_mode.unwrap_or(Match::All);
    // the test outcome that decides the condition
    let decisive = !matches!(mode, Match::All);
    let decides = |t: bool| t == decisive;
    let found = condition.disambiguate.iter().any(|want| {
        let holds = match want {
            true => ctx.disambiguate_test(),
            false => ctx.cite.disambiguate == 0,
        };
        decides(holds)
    }) || condition
        .is_numeric
        .iter()
        .any(|v| decides(is_numeric_variable(ctx, *v)))
        || condition
            .is_uncertain_date
            .iter()
            .any(|v| decides(ctx.item.date(*v).map(|d| d.circa).unwrap_or(false)))
        || condition
            .locator
            .iter()
            .any(|l| decides(locator_matches(ctx, l)))
        || condition
            .position
            .iter()
            .any(|p| decides(position_matches(ctx, *p)))
        || type_found(condition, ctx.item_type_id, decisive)
        || condition
            .variables
            .iter()
            .any(|v| decides(has_variable(ctx, *v)))
        // a test of a variable CSL does not define fails
        || condition.unknown_variable && decides(false);
    // kaynak multilingual extension: k:language (the last test, as before).
    #[cfg(feature = "multilingual")]
    let found = found
        || !condition.ext_language.is_empty()
            && super::ext::language_test(ctx, &condition.ext_language).is_some_and(decides);
    match mode {
        Match::All | Match::None => !found,
        Match::Any => found,
    }
}

/// Whether one of the condition's `type` tests comes out `decisive` for an
/// item whose type has id `item_type_id` (as `type_ids.iter().any(|t|
/// (item type == t) == decisive)`): with the types as bits, whether the
/// item's type is among them, or another type is.
pub(crate) fn type_found(condition: &Condition, item_type_id: Option<u16>, decisive: bool) -> bool {
    match condition.type_mask {
        Some(mask) => {
            let item = item_type_id
                .filter(|id| *id < 128)
                .map_or(0, |id| 1u128 << id);
            if decisive {
                mask & item != 0
            } else {
                mask & !item != 0
            }
        }
        None => condition
            .type_ids
            .iter()
            .any(|t| (item_type_id == Some(*t)) == decisive),
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

/// Whether the item (or cite) has `name`. A variable `cs:substitute`
/// already used still has its value here: the spec suppresses it in the
/// output that follows, not in conditions.
fn has_variable(ctx: &Context, variable: Variable) -> bool {
    match variable {
        Variable::Locator => ctx.cite.locator.is_some(),
        Variable::CitationNumber => ctx.cite.citation_number.is_some(),
        Variable::FirstReferenceNoteNumber => ctx.cite.first_reference_note_number.is_some(),
        Variable::YearSuffix => ctx.cite.year_suffix.is_some(),
        _ => ctx.item_has_variable(variable),
    }
}

fn is_numeric_variable(ctx: &Context, variable: Variable) -> bool {
    let value = match variable {
        Variable::Locator => ctx.cite.locator.clone(),
        Variable::CitationNumber => ctx.cite.citation_number.map(|n| n.to_string()),
        _ => return super::item_is_numeric(ctx.item, variable),
    };
    value
        .map(|v| super::number::is_numeric_condition(&v))
        .unwrap_or(false)
}
