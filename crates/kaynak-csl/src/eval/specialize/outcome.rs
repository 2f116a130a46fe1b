//! What an element of a decided tree can do when it renders, known from
//! the item's kind alone: whether it may print, whether it counts a called
//! or a rendered variable for the groups around it, and whether rendering
//! it has another effect (a warning, a `disambiguate` test). An element
//! that can print nothing, count no rendered variable and has no other
//! effect is left out of its tree, or stands as one absent variable when
//! it always counts a called one: a group around it is suppressed exactly
//! as before.
//!
//! A group (or macro) whose variables are all absent is such an element,
//! even with terms in it: it calls variables and renders none, so the
//! specification suppresses it, whatever its terms print.

use crate::model::*;

/// Whether an element counts a called variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Calls {
    Never,
    Maybe,
    Always,
}

impl Calls {
    /// Of two elements rendered one after the other.
    fn then(self, other: Calls) -> Calls {
        match (self, other) {
            (Calls::Always, _) | (_, Calls::Always) => Calls::Always,
            (Calls::Maybe, _) | (_, Calls::Maybe) => Calls::Maybe,
            _ => Calls::Never,
        }
    }

    /// Of one element or the other (the branches of a choose).
    fn or(self, other: Calls) -> Calls {
        if self == other {
            self
        } else {
            Calls::Maybe
        }
    }
}

/// What rendering an element may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Outcome {
    /// It may print something.
    pub output: bool,
    /// It may count a rendered variable.
    pub rendered: bool,
    /// Whether it counts a called variable.
    pub calls: Calls,
    /// Rendering it has another effect, which must happen where it did.
    pub effect: bool,
}

impl Outcome {
    /// An element of a variable the item has: it may print and counts.
    pub const PRESENT: Outcome = Outcome {
        output: true,
        rendered: true,
        calls: Calls::Always,
        effect: false,
    };
    /// An element of a variable the item lacks.
    pub const ABSENT: Outcome = Outcome {
        output: false,
        rendered: false,
        calls: Calls::Always,
        effect: false,
    };
    /// A text of no variable: a value, a term, a label.
    pub const TEXT: Outcome = Outcome {
        output: true,
        rendered: false,
        calls: Calls::Never,
        effect: false,
    };
    /// An element nothing is known of.
    pub const UNKNOWN: Outcome = Outcome {
        output: true,
        rendered: true,
        calls: Calls::Maybe,
        effect: true,
    };
    /// Nothing rendered yet: the start of a sequence.
    pub const NONE: Outcome = Outcome {
        output: false,
        rendered: false,
        calls: Calls::Never,
        effect: false,
    };

    /// Whether the element may be left out (`calls` never) or stand as one
    /// absent variable (`calls` always).
    pub fn is_idle(&self) -> bool {
        !self.output && !self.rendered && !self.effect && self.calls != Calls::Maybe
    }

    /// This element, then `next`, as parts of one list.
    pub fn then(self, next: Outcome) -> Outcome {
        Outcome {
            output: self.output || next.output,
            rendered: self.rendered || next.rendered,
            calls: self.calls.then(next.calls),
            effect: self.effect || next.effect,
        }
    }

    /// This element or `other`, whichever a choose renders.
    pub fn or(self, other: Outcome) -> Outcome {
        Outcome {
            output: self.output || other.output,
            rendered: self.rendered || other.rendered,
            calls: self.calls.or(other.calls),
            effect: self.effect || other.effect,
        }
    }

    /// A group (or a macro) of parts with this outcome: it prints nothing
    /// when they print nothing, is suppressed when they surely call a
    /// variable and can render none, and counts a rendered variable when
    /// it prints.
    pub fn grouped(self) -> Outcome {
        let suppressed = self.calls == Calls::Always && !self.rendered;
        if !self.output || suppressed {
            return Outcome {
                output: false,
                rendered: false,
                ..self
            };
        }
        Outcome {
            output: true,
            rendered: true,
            ..self
        }
    }
}

/// Whether `variable`'s text is the item's own value (or its short form's)
/// and nothing else: not a cite's, nor one derived from other variables.
pub(super) fn is_item_text(variable: Variable) -> bool {
    // the cite's variables, and the two the engine derives when the item
    // has none of its own (`page-first` from `page`, `citation-label`)
    super::present_is_item(variable)
        && !matches!(variable, Variable::PageFirst | Variable::CitationLabel)
}
