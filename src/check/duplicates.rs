//! Duplicates across records: the same DOI, the same URL, or the same
//! normalised title and year. One pass with hash maps from normalised value to
//! the first record (in key order) that has it, so the cost stays linear.

use super::context::unlocated;
use super::rules::{rules, Rule};
use super::summary::Keyed;
use super::{Checked, Options, Summary};
use crate::diag::{Diagnostic, Span};
use crate::model::Entry as Record;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt::Write as _;

rules! {
    family: "duplicates", library: check;

    /// Two records have the same DOI (compared without resolver prefix and
    /// case): most likely one work entered twice, which would be cited under
    /// two keys. The later record (in key order) gets the finding.
    DUPLICATE_DOI {
        id: "duplicate-doi",
        severity: Error,
        summary: "two records have the same DOI",
    }

    /// Two records have the same URL (ignoring `http`/`https`, `www.`, the
    /// host's case and a trailing slash). Keep one record, or tell them apart
    /// if they are different works on one page.
    DUPLICATE_URL {
        id: "duplicate-url",
        severity: Warning,
        summary: "two records have the same URL",
    }

    /// Two records have the same title (lower case, letters and digits only)
    /// and the same year: a duplicate, or two works that a reader could not
    /// tell apart in a bibliography either.
    DUPLICATE_TITLE {
        id: "duplicate-title",
        severity: Warning,
        summary: "two records have the same title (ignoring case and punctuation) and year",
    }
}

/// A DOI for comparison: DOIs are case-insensitive; resolver prefixes are noise.
pub fn doi_key(doi: &str) -> String {
    let bare = super::identifiers::strip_doi_prefix(doi).unwrap_or(doi);
    bare.trim().to_lowercase()
}

/// A URL for comparison: scheme and host case, `http`/`https`, `www.` and a
/// trailing slash do not make a different page.
pub fn url_key(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{host}/{}", path.trim_end_matches('/'))
}

/// A title for comparison: lower case, letters and digits only, single spaces.
#[cfg(test)]
fn title_key(title: &str) -> String {
    let mut out = String::with_capacity(title.len() + 6);
    push_title_key(&mut out, title);
    out
}

fn push_title_key(out: &mut String, title: &str) {
    // One pass over the characters: a word is a run of letters and digits,
    // lower-cased character by character; words are joined by one space.
    // ASCII, most of any title, takes the short path.
    let mut in_word = false;
    for c in title.chars() {
        let alphanumeric = match c {
            _ if c.is_ascii() => c.is_ascii_alphanumeric(),
            // The basic Cyrillic block (Ѐ … џ) is all letters.
            '\u{0400}'..='\u{045F}' => true,
            _ => c.is_alphanumeric(),
        };
        if !alphanumeric {
            in_word = false;
            continue;
        }
        if !in_word && !out.is_empty() {
            out.push(' ');
        }
        in_word = true;
        push_lower(out, c);
    }
}

/// Pushes `c` in lower case, with short paths for ASCII and basic Cyrillic
/// (the bulk of titles here) that give what `char::to_lowercase` gives.
fn push_lower(out: &mut String, c: char) {
    let shifted = |by: u32| char::from_u32(c as u32 + by).unwrap_or(c);
    match c {
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        'А'..='Я' => out.push(shifted(0x20)),
        'Ѐ'..='Џ' => out.push(shifted(0x50)),
        'а'..='џ' => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

/// The normalised DOI of a record, with its field's span (kept in its [`Summary`]).
pub fn by_doi(entry: &Record) -> Option<(String, Span)> {
    let f = entry.texts.get("DOI")?;
    Some((doi_key(&f.value.original), f.span))
}

/// The normalised URL of a record, with its field's span.
pub fn by_url(entry: &Record) -> Option<(String, Span)> {
    let f = entry.texts.get("URL")?;
    Some((url_key(&f.value.original), f.span))
}

/// The normalised title and the year of a record, with the title's span.
pub fn by_title(entry: &Record) -> Option<(String, Span)> {
    let f = entry.texts.get("title")?;
    let title = &f.value.original;
    let mut key = String::with_capacity(title.len() + 6);
    push_title_key(&mut key, title);
    if key.is_empty() {
        return None;
    }
    key.push('\u{0}');
    if let Some(year) = entry.year() {
        let _ = write!(key, "{year}");
    }
    Some((key, f.span))
}

/// Which value of a record's summary a check compares.
type Keyer = fn(&Summary) -> &Keyed;

/// Reports each record whose DOI, URL or title+year an earlier record has
/// (records in key order, compared by the keys their summaries keep).
pub fn check(records: &[Checked], options: &Options, found: &mut [Vec<Diagnostic>]) {
    let checks: [(&Rule, Keyer, &str); 3] = [
        (&DUPLICATE_DOI, |s| &s.doi, "DOI"),
        (&DUPLICATE_URL, |s| &s.url, "URL"),
        (&DUPLICATE_TITLE, |s| &s.title, "title and year"),
    ];
    for (rule, keyer, what) in checks {
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(records.len());
        for (index, record) in records.iter().enumerate() {
            let Some((key, span)) = keyer(record.summary) else {
                continue;
            };
            // One hash lookup: the first record with this key stays.
            let earlier = match first.entry(key.as_str()) {
                Entry::Occupied(seen) => *seen.get(),
                Entry::Vacant(slot) => {
                    slot.insert(index);
                    continue;
                }
            };
            if !options.selects(record.key) {
                continue;
            }
            let other = records[earlier].key;
            found[index].push(unlocated(
                rule,
                record.path,
                *span,
                format!("the same {what} as `{other}`"),
                format!("if both describe one work, keep one record and cite `{other}`; otherwise tell them apart"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes_with, TODAY};
    use super::super::Options;
    use super::*;

    fn rec(title: &str, extra: &str) -> String {
        format!("type = \"document\"\ntitle = \"{title}\"\nissued = \"2001\"\n{extra}")
    }

    #[test]
    fn keys_normalise() {
        assert_eq!(doi_key("https://doi.org/10.1000/ABC"), "10.1000/abc");
        assert_eq!(
            url_key("HTTPS://www.Example.org/a/"),
            url_key("http://example.org/a")
        );
        assert_eq!(title_key("  The  Title: A Study!"), "the title a study");
    }

    #[test]
    fn quick_lower_case_agrees_with_unicode() {
        for c in (0..0x0600).filter_map(char::from_u32) {
            let mut quick = String::new();
            push_lower(&mut quick, c);
            assert_eq!(quick, c.to_lowercase().collect::<String>(), "{c:?}");
        }
        assert_eq!(
            title_key("РАЗВИТИЕ Ёлки, İstanbul"),
            "развитие ёлки i̇stanbul"
        );
    }

    #[test]
    fn duplicates_fire_on_the_later_record() {
        let a = rec("One", "DOI = \"10.1000/X\"\nURL = \"https://e.org/a\"\n");
        let b = rec(
            "Two",
            "DOI = \"10.1000/x\"\nURL = \"http://www.e.org/a/\"\n",
        );
        let c = rec("one.", "");
        let found = codes_with(&[("a", &a), ("b", &b), ("c", &c)], &Options::new(TODAY));
        assert_eq!(
            found,
            vec!["b: duplicate-doi", "b: duplicate-url", "c: duplicate-title"]
        );
    }

    #[test]
    fn distinct_records_are_quiet() {
        let a = rec("One", "DOI = \"10.1000/1\"\nURL = \"https://e.org/a\"\n");
        let b = rec("Two", "DOI = \"10.1000/2\"\nURL = \"https://e.org/b\"\n");
        let c = rec("One", "").replace("2001", "2002");
        let found = codes_with(&[("a", &a), ("b", &b), ("c", &c)], &Options::new(TODAY));
        assert!(found.is_empty(), "{found:?}");
    }
}
