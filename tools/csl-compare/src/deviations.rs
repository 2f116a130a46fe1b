//! Deliberate deviations: differences where kaynak follows the CSL 1.0.2
//! specification and citeproc-js does not, read from `deviations.toml`.
//!
//! Each deviation has a matcher that reproduces citeproc-js's departure on
//! kaynak's output: a regular expression over kaynak's (normalised) text and
//! the replacement that gives citeproc-js's text there. A differing pair
//! counts as a deviation only when rewriting kaynak's text with the matching
//! deviations makes it *identical* to citeproc-js's, so a deviation never
//! hides any other difference in the same entry or citation.
//! A deviation may be limited to entries or citations, and to items of a
//! language (BCP 47 prefix of the item's `language`). Instead of a pattern,
//! `rewrite = "alike-names-in-one-list"` names a rewriting that needs the
//! items' names (`crate::alike`), and `rewrite = "after-collapse-delimiter-after-locator"`
//! one that tries the delimiters after locators (`crate::collapse`).

use crate::compare::Kind;
use regex::Regex;
use toml_edit::{DocumentMut, Item, Value};

#[derive(Debug)]
pub struct Deviation {
    pub id: String,
    pub summary: String,
    /// The specification's words (quoted in the file; required, not printed).
    #[allow(dead_code)]
    pub spec: String,
    pub section: String,
    pub kinds: Vec<Kind>,
    pub item_language: Option<String>,
    pub rewrite: Rewrite,
}

/// How a deviation turns kaynak's text into citeproc-js's.
#[derive(Debug)]
pub enum Rewrite {
    /// `kaynak`: where the deviation shows in kaynak's output; `citeproc`:
    /// what citeproc-js prints there (`$1` … refer to the pattern's groups).
    Pattern { kaynak: Regex, citeproc: String },
    /// Given names of names alike within one list written out.
    AlikeNames,
    /// Some cite delimiters after a locator turned into "; ".
    AfterLocatorDelimiter,
    /// A label's term printed after another variable's value.
    LabelOfEmptyVariable(crate::label::Label),
}

/// What the comparison knows about the items behind an entry or citation.
#[derive(Default, Clone, Copy)]
pub struct Items<'a> {
    /// Their `language` fields.
    pub languages: &'a [&'a str],
    /// Their name lists, each as (family, given) pairs.
    pub name_lists: &'a [Vec<crate::alike::Person>],
    /// The items themselves, as CSL-JSON.
    pub items: &'a [&'a serde_json::Value],
}

fn text(table: &toml_edit::Table, key: &str, what: &str) -> Result<String, String> {
    table
        .get(key)
        .and_then(Item::as_str)
        .map(str::to_string)
        .ok_or_else(|| format!("{what}: `{key}` (a string) is required"))
}

/// Read the deviations file's text (`path` names it in errors).
pub fn parse(source: &str, path: &str) -> Result<Vec<Deviation>, String> {
    let doc: DocumentMut = source.parse().map_err(|e| format!("{path}: {e}"))?;
    let Some(list) = doc.get("deviation") else {
        return Ok(Vec::new());
    };
    let tables = list
        .as_array_of_tables()
        .ok_or_else(|| format!("{path}: `deviation` must be an array of tables ([[deviation]])"))?;
    tables
        .iter()
        .enumerate()
        .map(|(n, table)| {
            let what = format!("{path}: deviation {}", n + 1);
            let id = text(table, "id", &what)?;
            let what = format!("{path}: deviation `{id}`");
            let rewrite = match table.get("rewrite").and_then(Item::as_str) {
                Some("alike-names-in-one-list") => Rewrite::AlikeNames,
                Some("after-collapse-delimiter-after-locator") => Rewrite::AfterLocatorDelimiter,
                Some("label-of-empty-variable") => {
                    Rewrite::LabelOfEmptyVariable(crate::label::Label {
                        empty: text(table, "variable", &what)?,
                        beside: text(table, "beside", &what)?,
                        terms: table
                            .get("terms")
                            .and_then(Item::as_array)
                            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)))
                            .into_iter()
                            .flatten()
                            .collect(),
                    })
                }
                Some(other) => {
                    return Err(format!(
                        "{what}: `rewrite` takes \"alike-names-in-one-list\", \
                         \"after-collapse-delimiter-after-locator\" or \
                         \"label-of-empty-variable\", not {other:?}"
                    ))
                }
                None => {
                    let pattern = text(table, "kaynak", &what)?;
                    Rewrite::Pattern {
                        kaynak: Regex::new(&pattern)
                            .map_err(|e| format!("{what}: `kaynak` pattern: {e}"))?,
                        citeproc: text(table, "citeproc", &what)?,
                    }
                }
            };
            let kinds = match table.get("applies-to").and_then(Item::as_array) {
                None => vec![Kind::Entry, Kind::Citation],
                Some(array) => array
                    .iter()
                    .map(|v| match v.as_str() {
                        Some("entry") => Ok(Kind::Entry),
                        Some("citation") => Ok(Kind::Citation),
                        _ => Err(format!(
                            "{what}: `applies-to` takes \"entry\" and \"citation\", not {v}"
                        )),
                    })
                    .collect::<Result<_, _>>()?,
            };
            let spec = text(table, "spec", &what)?;
            if spec.trim().is_empty() {
                return Err(format!("{what}: `spec` must quote the specification"));
            }
            Ok(Deviation {
                summary: text(table, "summary", &what)?,
                spec,
                section: text(table, "section", &what)?,
                kinds,
                item_language: table
                    .get("item-language")
                    .and_then(Item::as_value)
                    .and_then(Value::as_str)
                    .map(str::to_string),
                rewrite,
                id,
            })
        })
        .collect()
}

impl Deviation {
    fn applies(&self, kind: Kind, languages: &[&str]) -> bool {
        self.kinds.contains(&kind)
            && self.item_language.as_deref().is_none_or(|want| {
                languages.iter().any(|l| {
                    l.eq_ignore_ascii_case(want)
                        || l.len() > want.len()
                            && l[..want.len()].eq_ignore_ascii_case(want)
                            && l.as_bytes()[want.len()] == b'-'
                })
            })
    }

    /// The ways this deviation rewrites `text` (none when it does not show).
    fn rewrites(&self, text: &str, items: Items<'_>) -> Vec<String> {
        match &self.rewrite {
            Rewrite::Pattern { kaynak, citeproc } => match kaynak.is_match(text) {
                true => vec![kaynak.replace_all(text, citeproc.as_str()).into_owned()],
                false => Vec::new(),
            },
            Rewrite::AlikeNames => crate::alike::variants(text, items.name_lists),
            Rewrite::AfterLocatorDelimiter => crate::collapse::variants(text),
            Rewrite::LabelOfEmptyVariable(label) => label.variants(text, items.items),
        }
    }
}

/// The deviations (indexes into `list`) that explain the whole difference
/// between `kaynak` and `citeproc`, or `None` when they do not.
pub fn explain(
    list: &[Deviation],
    kind: Kind,
    items: Items<'_>,
    kaynak: &str,
    citeproc: &str,
) -> Option<Vec<usize>> {
    let candidates: Vec<(usize, Vec<String>)> = (0..list.len())
        .filter(|&i| list[i].applies(kind, items.languages))
        .map(|i| (i, list[i].rewrites(kaynak, items)))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    for (i, rewrites) in &candidates {
        if rewrites.iter().any(|r| r == citeproc) {
            return Some(vec![*i]);
        }
    }
    // all together, one after the other; a deviation with several ways
    // keeps the one that ends in citeproc-js's text, else its first
    let mut texts = vec![kaynak.to_string()];
    let mut used = Vec::new();
    for (i, _) in &candidates {
        let next: Vec<String> = texts
            .iter()
            .flat_map(|t| list[*i].rewrites(t, items))
            .collect();
        if !next.is_empty() && next != texts {
            used.push(*i);
            texts = next;
        }
    }
    (texts.iter().any(|t| t == citeproc) && !used.is_empty()).then_some(used)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[deviation]]
id = "dotted"
summary = "Turkish casing of an English term"
section = "Text-case"
spec = "quoted words"
item-language = "tr"
kaynak = '\bIn\b'
citeproc = "İn"

[[deviation]]
id = "period"
summary = "suffix period"
section = "Affixes"
spec = "quoted words"
applies-to = ["citation"]
kaynak = '(below)\.$'
citeproc = "$1"
"#;

    fn langs<'a>(languages: &'a [&'a str]) -> Items<'a> {
        Items {
            languages,
            name_lists: &[],
            items: &[],
        }
    }

    #[test]
    fn a_deviation_explains_only_the_whole_difference() {
        let list = parse(FILE, "test.toml").expect("parses");
        let tr = ["tr"];
        let k = "Smith. In Title";
        assert_eq!(
            explain(&list, Kind::Entry, langs(&tr), k, "Smith. İn Title"),
            Some(vec![0])
        );
        // Another difference in the same entry: not explained.
        assert_eq!(
            explain(&list, Kind::Entry, langs(&tr), k, "Smith, İn Title"),
            None
        );
        // Not a Turkish item: not this deviation.
        assert_eq!(
            explain(&list, Kind::Entry, langs(&["en-US"]), k, "Smith. İn Title"),
            None
        );
        assert_eq!(
            explain(&list, Kind::Entry, langs(&["tr-TR"]), k, "Smith. İn Title"),
            Some(vec![0])
        );
        // Limited to citations.
        let (kc, cc) = ("see below.", "see below");
        assert_eq!(explain(&list, Kind::Entry, langs(&[]), kc, cc), None);
        assert_eq!(
            explain(&list, Kind::Citation, langs(&[]), kc, cc),
            Some(vec![1])
        );
        // Both at once.
        assert_eq!(
            explain(&list, Kind::Citation, langs(&tr), "In below.", "İn below"),
            Some(vec![0, 1])
        );
    }

    #[test]
    fn a_bad_file_is_named_in_the_error() {
        let err = parse("[[deviation]]\nid = \"x\"\nkaynak = \"(\"\n", "dev.toml")
            .expect_err("bad regex");
        assert!(err.starts_with("dev.toml: deviation `x`"), "{err}");
        let err = parse("deviation = 3", "dev.toml").expect_err("not tables");
        assert!(err.contains("dev.toml"), "{err}");
    }
}
