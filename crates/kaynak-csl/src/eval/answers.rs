//! Whether an item has each variable, remembered: styles test the same
//! variables again and again, and each answer takes up to three look-ups
//! on the item. Two bits per variable, by [`Variable::index`]: 0 not asked
//! yet, 1 no, 2 yes. [`Answers`] lasts one render; [`SharedAnswers`] one
//! item for a whole run (citation, bibliography, sort keys,
//! disambiguation), read by several threads.

use crate::variable::Variable;
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

/// 64-bit words of two bits per variable.
const WORDS: usize = Variable::COUNT.div_ceil(32);

/// The word and the shift of `variable`'s two bits.
fn place(variable: Variable) -> (usize, u32) {
    let index = variable.index();
    // index % 32 < 32: the shift is below 64
    (index / 32, (index % 32) as u32 * 2)
}

/// The remembered answer in `word` at `shift`, else `look_up`'s, and the
/// bits that remember it (0 when it was remembered already).
fn answer(word: u64, shift: u32, look_up: impl FnOnce() -> bool) -> (bool, u64) {
    match (word >> shift) & 3 {
        1 => (false, 0),
        2 => (true, 0),
        _ => {
            let has = look_up();
            (has, (1 + u64::from(has)) << shift)
        }
    }
}

/// The answers of one render.
#[derive(Debug, Default)]
pub(crate) struct Answers([Cell<u64>; WORDS]);

impl Answers {
    /// Whether the item has `variable`: remembered, else `look_up`.
    pub(crate) fn get(&self, variable: Variable, look_up: impl FnOnce() -> bool) -> bool {
        let (word, shift) = place(variable);
        let cell = &self.0[word];
        let (has, bits) = answer(cell.get(), shift, look_up);
        cell.set(cell.get() | bits);
        has
    }
}

/// The answers for one item across a run. Threads that ask at once store
/// the same answer.
#[derive(Debug, Default)]
pub(crate) struct SharedAnswers([AtomicU64; WORDS]);

impl SharedAnswers {
    /// Whether the item has `variable`: remembered, else `look_up`.
    pub(crate) fn get(&self, variable: Variable, look_up: impl FnOnce() -> bool) -> bool {
        let (word, shift) = place(variable);
        let atomic = &self.0[word];
        let (has, bits) = answer(atomic.load(Ordering::Relaxed), shift, look_up);
        if bits != 0 {
            atomic.fetch_or(bits, Ordering::Relaxed);
        }
        has
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_looked_up_once_per_variable() {
        let answers = Answers::default();
        let shared = SharedAnswers::default();
        for variable in Variable::ALL {
            let has = variable.index() % 3 == 0;
            assert_eq!(answers.get(variable, || has), has);
            assert_eq!(shared.get(variable, || has), has);
        }
        for variable in Variable::ALL {
            let has = variable.index() % 3 == 0;
            assert_eq!(answers.get(variable, || unreachable!()), has);
            assert_eq!(shared.get(variable, || unreachable!()), has);
        }
    }
}
