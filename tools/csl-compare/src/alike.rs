//! The rewriting behind the `alike-names-in-one-list` deviation: citeproc-js
//! shows the full given names of names that initialise alike *within one
//! name list* ("Evans, Matthew, Evans, Mark"), in bibliography entries, where
//! kaynak prints them as the style asks ("Evans, M., Evans, M."), because no
//! cite is ambiguous. Given the item's name lists, [`variants`] lists every
//! way of writing some of those names' initials out in full; the deviation
//! explains a difference only when one of them is citeproc-js's text.

use regex::Regex;

/// A person's name as the comparison sees it: family name and given name.
pub type Person = (String, String);

/// At most this many places are rewritten in one text.
const MAX_PLACES: usize = 6;

/// The initials of a given name, one per word ("Jean-Paul" → J, P).
fn initials(given: &str) -> Vec<char> {
    given
        .split(|c: char| c.is_whitespace() || c == '-' || c == '.')
        .filter_map(|w| w.chars().next())
        .collect()
}

/// The names of `lists` that share their family name and initials with
/// another, different name of the same list.
fn alike(lists: &[Vec<Person>]) -> Vec<&Person> {
    let mut out = Vec::new();
    for list in lists {
        for (i, a) in list.iter().enumerate() {
            let twin = list.iter().enumerate().any(|(j, b)| {
                i != j && a.0 == b.0 && a.1 != b.1 && initials(&a.1) == initials(&b.1)
            });
            if twin && !a.1.is_empty() && !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// Where `person`'s initials stand next to the family name in `text`
/// ("Evans, M.", "Evans M", "M. Evans"), as byte ranges of the initials.
fn places(text: &str, person: &Person) -> Vec<(usize, usize)> {
    let letters = initials(&person.1);
    if letters.is_empty() {
        return Vec::new();
    }
    let init = letters
        .iter()
        .map(|c| format!("{}\\.?", regex::escape(&c.to_string())))
        .collect::<Vec<_>>()
        .join("[ -]?");
    let family = regex::escape(&person.0);
    let patterns = [
        format!(r"\b{family},? ({init})(?:[\s,.;:<)]|$)"),
        format!(r"(?:^|[\s>(])({init}) {family}\b"),
    ];
    let mut out = Vec::new();
    for pattern in patterns {
        let Ok(re) = Regex::new(&pattern) else {
            continue;
        };
        for caps in re.captures_iter(text) {
            if let Some(m) = caps.get(1) {
                out.push((m.start(), m.end()));
            }
        }
    }
    out
}

/// Every rewriting of `text` that writes out the given names of some (at
/// least one) of the alike names of `lists`. Names alike share their
/// initials, so each place may stand for any of them.
pub fn variants(text: &str, lists: &[Vec<Person>]) -> Vec<String> {
    let mut spots: Vec<(usize, usize, Vec<&str>)> = Vec::new();
    for person in alike(lists) {
        for (start, end) in places(text, person) {
            match spots.iter_mut().find(|s| s.0 < end && start < s.1) {
                Some(spot) => spot.2.push(person.1.as_str()),
                None => spots.push((start, end, vec![person.1.as_str()])),
            }
        }
    }
    spots.truncate(MAX_PLACES);
    spots.sort_by_key(|s| std::cmp::Reverse(s.0));
    // each place: left as it is (0) or written out as candidate k (k + 1)
    let mut out = Vec::new();
    let mut choice = vec![0usize; spots.len()];
    loop {
        // next combination, odometer-wise
        let mut i = 0;
        while i < spots.len() {
            choice[i] += 1;
            if choice[i] <= spots[i].2.len() {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
        if i == spots.len() {
            return out;
        }
        let mut text = text.to_string();
        for ((start, end, givens), &c) in spots.iter().zip(&choice) {
            if c > 0 {
                text.replace_range(*start..*end, givens[c - 1]);
            }
        }
        out.push(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(family: &str, given: &str) -> Person {
        (family.to_string(), given.to_string())
    }

    #[test]
    fn only_names_alike_within_one_list_are_written_out() {
        let lists = vec![vec![
            person("Smith", "Jane"),
            person("Evans", "Matthew"),
            person("Evans", "Mark"),
        ]];
        let k = "Smith, J., Evans, M. and Evans, M. (2006)";
        let all = variants(k, &lists);
        assert!(all.contains(&"Smith, J., Evans, Matthew and Evans, Mark (2006)".to_string()));
        assert!(all.contains(&"Smith, J., Evans, M. and Evans, Mark (2006)".to_string()));
        // Smith is alone in the list: never written out.
        assert!(!all.iter().any(|v| v.contains("Jane")));
        // Before the family name, and with no periods.
        let lists = vec![vec![person("Smith", "John"), person("Smith", "Jane")]];
        assert!(variants("ed. J. Smith, and J. Smith", &lists)
            .contains(&"ed. J. Smith, and Jane Smith".to_string()));
        assert!(
            variants("Smith J, Smith J.", &lists).contains(&"Smith John, Smith Jane".to_string())
        );
        // Two items' names in different lists are not alike.
        let lists = vec![vec![person("Smith", "John")], vec![person("Smith", "Jane")]];
        assert!(variants("Smith, J.", &lists).is_empty());
    }
}
