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
//! language (BCP 47 prefix of the item's `language`).

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
    /// Where the deviation shows in kaynak's output.
    pub kaynak: Regex,
    /// What citeproc-js prints there (`$1` … refer to the pattern's groups).
    pub citeproc: String,
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
            let pattern = text(table, "kaynak", &what)?;
            let kaynak =
                Regex::new(&pattern).map_err(|e| format!("{what}: `kaynak` pattern: {e}"))?;
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
                citeproc: text(table, "citeproc", &what)?,
                kaynak,
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

    fn rewrite(&self, text: &str) -> String {
        self.kaynak
            .replace_all(text, self.citeproc.as_str())
            .into_owned()
    }
}

/// The deviations (indexes into `list`) that explain the whole difference
/// between `kaynak` and `citeproc`, or `None` when they do not.
/// `languages` are the `language` fields of the items involved.
pub fn explain(
    list: &[Deviation],
    kind: Kind,
    languages: &[&str],
    kaynak: &str,
    citeproc: &str,
) -> Option<Vec<usize>> {
    let candidates: Vec<usize> = (0..list.len())
        .filter(|&i| list[i].applies(kind, languages) && list[i].kaynak.is_match(kaynak))
        .collect();
    for &i in &candidates {
        if list[i].rewrite(kaynak) == citeproc {
            return Some(vec![i]);
        }
    }
    let mut text = kaynak.to_string();
    let mut used = Vec::new();
    for &i in &candidates {
        let next = list[i].rewrite(&text);
        if next != text {
            used.push(i);
            text = next;
        }
    }
    (text == citeproc && !used.is_empty()).then_some(used)
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

    #[test]
    fn a_deviation_explains_only_the_whole_difference() {
        let list = parse(FILE, "test.toml").expect("parses");
        let tr = ["tr"];
        let k = "Smith. In Title";
        assert_eq!(
            explain(&list, Kind::Entry, &tr, k, "Smith. İn Title"),
            Some(vec![0])
        );
        // Another difference in the same entry: not explained.
        assert_eq!(explain(&list, Kind::Entry, &tr, k, "Smith, İn Title"), None);
        // Not a Turkish item: not this deviation.
        assert_eq!(
            explain(&list, Kind::Entry, &["en-US"], k, "Smith. İn Title"),
            None
        );
        assert_eq!(
            explain(&list, Kind::Entry, &["tr-TR"], k, "Smith. İn Title"),
            Some(vec![0])
        );
        // Limited to citations.
        let (kc, cc) = ("see below.", "see below");
        assert_eq!(explain(&list, Kind::Entry, &[], kc, cc), None);
        assert_eq!(explain(&list, Kind::Citation, &[], kc, cc), Some(vec![1]));
        // Both at once.
        assert_eq!(
            explain(&list, Kind::Citation, &tr, "In below.", "İn below"),
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
