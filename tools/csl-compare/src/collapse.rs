//! The rewriting behind the `after-collapse-delimiter-after-locator`
//! deviation: with `collapse="citation-number"` and an
//! `after-collapse-delimiter`, citeproc-js puts that delimiter after some cites
//! that carry a locator although no group collapsed (`(4, 5, vol. iv; 6)`),
//! where kaynak keeps the layout's delimiter (`(4, 5, vol. iv, 6)`). Which
//! of those cites get it follows citeproc-js's collapsing state, so
//! [`variants`] lists every way of turning some of the ", " that stand after
//! a locator's label and before the next cite into "; "; the deviation
//! explains a difference only when one of them is citeproc-js's text.

use regex::Regex;
use std::sync::LazyLock;

/// At most this many places are rewritten in one citation.
const MAX_PLACES: usize = 10;

/// A locator's label: a word of letters ending in a period, or `§`, then a
/// space or a no-break space ("vol. ", "pp.\u{a0}", "svv. ").
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\b\p{L}+\.|§)[ \x{a0}]").expect("a valid pattern"));

/// A cite delimiter candidate: ", " before a cite number, perhaps after a
/// short lower-case prefix ("cf. 63").
static PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r", (?:\p{Ll}+\.? )?\d").expect("a valid pattern"));

/// Every rewriting of `text` with some of its places after the first
/// locator label turned from ", " into "; " (none when there is no place).
pub fn variants(text: &str) -> Vec<String> {
    let Some(label) = LABEL.find(text) else {
        return Vec::new();
    };
    let places: Vec<usize> = PLACE
        .find_iter(&text[label.end()..])
        .map(|m| label.end() + m.start())
        .take(MAX_PLACES)
        .collect();
    let mut out = Vec::new();
    for mask in 1u32..(1 << places.len()) {
        let mut rewritten = text.to_string();
        for (bit, &at) in places.iter().enumerate() {
            if mask & (1 << bit) != 0 {
                rewritten.replace_range(at..at + 1, ";");
            }
        }
        out.push(rewritten);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_delimiters_after_a_locator_become_semicolons() {
        let all = variants("(4, 5, vol. iv, 6, para. iv)");
        assert!(all.contains(&"(4, 5, vol. iv; 6, para. iv)".to_string()));
        // before the first locator nothing changes
        assert!(!all.iter().any(|v| v.starts_with("(4;")));
        assert!(variants("(88, 89, p. 101, 90, col. 8, 91)")
            .contains(&"(88, 89, p. 101; 90, col. 8, 91)".to_string()));
        assert!(variants("(62, nos. 3, 7, cf. 63, 64)")
            .contains(&"(62, nos. 3, 7; cf. 63, 64)".to_string()));
        // no locator, no rewriting
        assert!(variants("(1, 2, 5)").is_empty());
        assert!(variants("(22, col.\u{a0}12, 23)").contains(&"(22, col.\u{a0}12; 23)".to_string()));
    }
}
