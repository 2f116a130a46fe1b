//! Title and sentence case of a single text, remembered: a title is cased
//! for its note, its bibliography entry and its sort key, and each time
//! the words were split, looked up among the stop words and re-cased
//! anew. The casing of one text depends on the text, the case and the
//! item's language rules alone, so each thread keeps what it cased.

use super::case;
use crate::fasthash::FastMap;
use crate::model::TextCase;
use crate::output::Inline;
use compact_str::CompactString;
use std::cell::RefCell;

/// What one thread keeps at most; past it the memo starts over (a run
/// cases each title a few times, close together).
const MAX_KEPT: usize = 1 << 16;

type Key = (CompactString, TextCase, bool, bool);

thread_local! {
    static CASED: RefCell<FastMap<Key, CompactString>> = RefCell::new(FastMap::default());
}

/// [`case::apply_case_in`], remembering the result when `nodes` is one
/// plain text under title or sentence case (the costly cases; the others
/// change letters in place).
pub(crate) fn apply_case_in(nodes: &mut [Inline], case: TextCase, english: bool, turkic: bool) {
    let [Inline::Text(text)] = nodes else {
        return case::apply_case_in(nodes, case, english, turkic);
    };
    if !matches!(case, TextCase::Title | TextCase::Sentence) || !english {
        // nothing to remember: cheap, or (title and sentence case of
        // text that is not English) left as it is
        return case::apply_case_in(nodes, case, english, turkic);
    }
    let key: Key = (text.clone(), case, english, turkic);
    let known = CASED.with(|memo| memo.borrow().get(&key).cloned());
    if let Some(cased) = known {
        *text = cased;
        return;
    }
    case::apply_case_in(nodes, case, english, turkic);
    if let [Inline::Text(cased)] = nodes {
        let cased = cased.clone();
        CASED.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.len() >= MAX_KEPT {
                memo.clear();
            }
            memo.insert(key, cased);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cased(text: &str, case: TextCase, turkic: bool) -> String {
        let mut nodes = [Inline::Text(text.into())];
        apply_case_in(&mut nodes, case, true, turkic);
        let [Inline::Text(text)] = nodes else {
            panic!("one text stays one text");
        };
        text.to_string()
    }

    fn direct(text: &str, case: TextCase, turkic: bool) -> String {
        let mut nodes = [Inline::Text(text.into())];
        case::apply_case_in(&mut nodes, case, true, turkic);
        let [Inline::Text(text)] = nodes else {
            panic!("one text stays one text");
        };
        text.to_string()
    }

    #[test]
    fn a_remembered_casing_is_the_casing() {
        let texts = [
            "the war of the worlds",
            "on ideas: a study",
            "istanbul in the rain",
        ];
        for _ in 0..2 {
            for text in texts {
                for case in [TextCase::Title, TextCase::Sentence] {
                    for turkic in [false, true] {
                        assert_eq!(cased(text, case, turkic), direct(text, case, turkic));
                    }
                }
            }
        }
        // the same text under two cases and two letter rules is cased apart
        assert_eq!(cased("in istanbul", TextCase::Title, true), "İn İstanbul");
        assert_eq!(cased("in istanbul", TextCase::Title, false), "In Istanbul");
        assert_eq!(
            cased("In Istanbul", TextCase::Sentence, false),
            "In istanbul"
        );
    }
}
