//! The nodes a list of elements renders, gathered without a vector until a
//! second one comes: most groups and macros render one part or none, and a
//! vector each was the largest single share of allocation.

use super::{join, wrap, wrap_present, Context};
use crate::model::Rendering;
use crate::output::Inline;

/// The rendered parts of a list of elements, in order; each prints
/// something (empty nodes are never pushed).
#[derive(Default)]
pub(crate) enum Parts {
    #[default]
    None,
    One(Inline),
    Many(Vec<Inline>),
}

impl Parts {
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Parts::None)
    }

    /// Appends `node`; `room` is how many parts may still come, this one
    /// included, so a list grows once rather than at every doubling.
    pub(crate) fn push(&mut self, node: Inline, room: usize) {
        debug_assert!(!node.is_empty(), "a part prints something");
        match self {
            Parts::None => *self = Parts::One(node),
            Parts::One(_) => {
                let Parts::One(first) = std::mem::take(self) else {
                    return;
                };
                let mut list = Vec::with_capacity(room + 1);
                list.push(first);
                list.push(node);
                *self = Parts::Many(list);
            }
            Parts::Many(list) => {
                if list.len() == list.capacity() {
                    list.reserve(room);
                }
                list.push(node);
            }
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Inline> {
        match self {
            Parts::None => Vec::new(),
            Parts::One(node) => vec![node],
            Parts::Many(list) => list,
        }
    }

    /// The parts joined by `delimiter` and wrapped in `rendering`, as
    /// [`wrap`] does for the list of them.
    pub(crate) fn wrap(
        self,
        ctx: &Context,
        delimiter: Option<&str>,
        rendering: &Rendering,
    ) -> Option<Inline> {
        match self {
            Parts::None => None,
            // a list of one is wrapped like a single node (a part prints)
            Parts::One(node) => wrap_present(ctx, node, rendering),
            Parts::Many(list) => wrap(ctx, join(list, delimiter), rendering),
        }
    }
}
