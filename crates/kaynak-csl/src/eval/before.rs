//! What the output rendered before an element holds, read from the tags of
//! that output: the variables a `cs:substitute` used (suppressed from then
//! on) and whether the implicit year-suffix came. A [`super::Context`]
//! carries it to the elements that follow; a group's or macro's output
//! carries the substituted variables it holds tagged at its top
//! ([`hoist`]), so each level reads only the top of what its children
//! rendered. Sets are kept inline: an item substitutes a few variables at
//! most, and this runs at every level of every render.

use crate::output::{Inline, Tag};
use crate::variable::Variable;

/// Up to four values inline, more in a list.
#[derive(Debug, Clone)]
struct Few<T: Copy> {
    inline: [Option<T>; 4],
    more: Vec<T>,
}

impl<T: Copy> Default for Few<T> {
    fn default() -> Self {
        Few {
            inline: [None; 4],
            more: Vec::new(),
        }
    }
}

impl<T: Copy> Few<T> {
    fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.inline
            .iter()
            .map_while(|v| *v)
            .chain(self.more.iter().copied())
    }

    fn push(&mut self, value: T) {
        match self.inline.iter_mut().find(|slot| slot.is_none()) {
            Some(slot) => *slot = Some(value),
            None => self.more.push(value),
        }
    }
}

/// What the output before an element holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Before {
    /// Variables rendered inside `cs:substitute`: suppressed from here on.
    substituted: Few<Variable>,
    /// Whether a year-suffix was rendered (the implicit one comes once).
    pub(super) year_suffix: bool,
}

impl Before {
    /// Whether `variable` was substituted: it is suppressed.
    pub(super) fn is_substituted(&self, variable: Variable) -> bool {
        self.substituted.iter().any(|v| v == variable)
    }

    /// What holds after output that added `facts`.
    pub(super) fn after(&self, facts: &Facts) -> Before {
        let mut before = self.clone();
        for variable in facts.substituted() {
            if !before.is_substituted(variable) {
                before.substituted.push(variable);
            }
        }
        before.year_suffix |= facts.year_suffix;
        before
    }
}

/// What output adds to what came before it: substituted variables, and
/// whether it rendered a year-suffix. Read from the output's tags. Two
/// words, so that passing it on costs no more than a pointer pair: it
/// crosses every level of every render.
#[derive(Debug)]
pub(crate) struct Facts {
    ids: [Variable; 3],
    len: u8,
    pub(super) year_suffix: bool,
    /// Past three: rare. A boxed vector is a thin pointer, which keeps the
    /// whole at two words (a boxed slice would not).
    #[allow(clippy::box_collection)]
    more: Option<Box<Vec<Variable>>>,
}

impl Default for Facts {
    fn default() -> Self {
        Facts {
            // placeholders: only the first `len` count
            ids: [Variable::Title; 3],
            len: 0,
            year_suffix: false,
            more: None,
        }
    }
}

impl Facts {
    pub(super) fn is_empty(&self) -> bool {
        self.len == 0 && !self.year_suffix
    }

    /// The substituted variables.
    fn substituted(&self) -> impl Iterator<Item = Variable> + '_ {
        let inline = self.ids.get(..usize::from(self.len)).unwrap_or_default();
        inline
            .iter()
            .chain(self.more.iter().flat_map(|more| more.iter()))
            .copied()
    }

    pub(super) fn add_substituted(&mut self, id: Variable) {
        if self.substituted().any(|v| v == id) {
            return;
        }
        match self.ids.get_mut(usize::from(self.len)) {
            Some(slot) => {
                *slot = id;
                self.len += 1;
            }
            None => self.more.get_or_insert_default().push(id),
        }
    }

    pub(super) fn extend(&mut self, other: Facts) {
        other.substituted().for_each(|id| self.add_substituted(id));
        self.year_suffix |= other.year_suffix;
    }

    /// The substituted variables tagged anywhere in `nodes` (which come from
    /// inside `cs:substitute`, where every variable's output is tagged).
    pub(crate) fn substituted_in(nodes: &[Inline]) -> Facts {
        let mut facts = Facts::default();
        for node in nodes {
            let _ = node.visit_tags(&mut |tag, _| {
                if let Tag::Substituted(id) = tag {
                    facts.add_substituted(id);
                }
                std::ops::ControlFlow::Continue(())
            });
        }
        facts
    }
}

/// `node`, the output of an element, with the substituted variables inside
/// it (`facts`) tagged at its top: so the elements around read them from
/// its top rather than search the whole output at every level. A tag just
/// below the top (where the element's own wrapping put a child's tag) moves
/// up, so the tags do not pile up level by level.
pub(crate) fn hoist(node: Inline, facts: Option<&Facts>) -> Inline {
    let Some(facts) = facts else {
        return node;
    };
    let mut node = node;
    for id in facts.substituted() {
        if tagged_at_top(&node, id) {
            continue;
        }
        node = match take_tagged(&mut node, id, HOIST_DEPTH) {
            // a plain sequence lends its own list
            Some(mut spare) if !node.flattens() => {
                spare.push(node);
                Inline::Tagged(Tag::Substituted(id), spare)
            }
            _ => Inline::tag(Tag::Substituted(id), node),
        };
    }
    node
}

/// How far below an element's output a child's tag is looked for.
const HOIST_DEPTH: usize = 3;

/// Whether `node` opens with a substituted tag for variable `id`.
fn tagged_at_top(node: &Inline, id: Variable) -> bool {
    let mut top = node;
    while let Inline::Tagged(Tag::Substituted(tagged), children) = top {
        if *tagged == id {
            return true;
        }
        match children.as_slice() {
            [only] => top = only,
            _ => break,
        }
    }
    false
}

/// Takes a substituted tag for `id` out of `node`'s descendants (`depth`
/// levels at most), leaving its child in its place; returns its emptied
/// list of children, for the tag to be used again.
fn take_tagged(node: &mut Inline, id: Variable, depth: usize) -> Option<Vec<Inline>> {
    if depth == 0 {
        return None;
    }
    let children = match node {
        Inline::Text(_) => return None,
        Inline::Formatted(_, children)
        | Inline::Markup(_, children)
        | Inline::Display(_, children)
        | Inline::NoCase(children)
        | Inline::Tagged(_, children)
        | Inline::Quoted { children, .. } => children,
    };
    for child in children.iter_mut() {
        if let Inline::Tagged(Tag::Substituted(tagged), inner) = child {
            if *tagged == id {
                let mut spare = std::mem::take(inner);
                if spare.len() == 1 {
                    // the tag's own list is used again
                    *child = spare.pop()?;
                    return Some(spare);
                }
                *child = Inline::Formatted(Default::default(), spare);
                return Some(Vec::with_capacity(1));
            }
        }
        if let Some(spare) = take_tagged(child, id, depth - 1) {
            return Some(spare);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_stay_two_words() {
        assert_eq!(std::mem::size_of::<Option<Facts>>(), 16);
    }

    #[test]
    fn facts_keep_every_variable_once() {
        let mut facts = Facts::default();
        let [a, b, c, d] = [
            Variable::Editor,
            Variable::Title,
            Variable::Issued,
            Variable::Author,
        ];
        [a, b, a, c, d, b]
            .into_iter()
            .for_each(|id| facts.add_substituted(id));
        assert_eq!(facts.substituted().collect::<Vec<_>>(), [a, b, c, d]);
    }

    #[test]
    fn a_few_values_stay_inline_and_more_overflow() {
        let mut few = Few::default();
        (0..6u16).for_each(|v| few.push(v));
        assert_eq!(few.iter().collect::<Vec<_>>(), [0, 1, 2, 3, 4, 5]);
        assert_eq!(few.more.len(), 2);
    }
}
