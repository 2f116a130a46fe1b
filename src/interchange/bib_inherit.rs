//! `crossref` and `xdata` inheritance, as biblatex defines it and bibtex
//! does it: a child takes the fields it lacks from its `xdata` entries and
//! then from its parent (and the parent's parent …).
//!
//! - A child's own fields always win. Dates go as a group: a child with a
//!   `year` or `date` of its own takes none of the parent's `date`, `year`,
//!   `month` or `day`.
//! - biblatex's title rules: a parent book's `title` is an `@inbook`'s
//!   `booktitle`, a `@periodical`'s title an `@article`'s `journaltitle`, a
//!   multi-volume work's title the `maintitle`, the author of a book an
//!   `@inbook`'s `bookauthor`.
//! - Fields that describe only the parent (`ids`, `crossref`, `label`,
//!   `shorthand`, `sortkey` …) are never inherited.
//! - Chains are followed iteratively with a visited set and a depth bound: a
//!   cycle (`a` → `b` → `a`, or `a` → `a`) or a missing parent is a warning at
//!   the child's field, never a stack overflow.

use super::bib_syntax::{RawEntry, RawField};
use super::Source;
use crate::diag::Diagnostic;
use std::collections::HashMap;

/// How far a chain of parents is followed.
const MAX_DEPTH: usize = 32;

/// Fields that are never inherited.
const NOT_INHERITED: &[&str] = &[
    "ids",
    "crossref",
    "xref",
    "xdata",
    "entryset",
    "entrysubtype",
    "execute",
    "label",
    "options",
    "presort",
    "related",
    "relatedoptions",
    "relatedstring",
    "relatedtype",
    "shorthand",
    "shorthandintro",
    "sortkey",
];

/// Field groups inherited all or nothing.
const GROUPS: &[&[&str]] = &[
    &[
        "date", "year", "month", "day", "endyear", "endmonth", "endday",
    ],
    &["eventdate", "eventyear", "eventmonth", "eventday"],
    &["origdate", "origyear", "origmonth", "origday"],
    &["urldate", "urlyear", "urlmonth", "urlday"],
];

/// Fills each entry's inherited fields (appended after its own). Inherited
/// fields keep the parent's spans.
pub fn inherit(entries: &mut [RawEntry], source: &Source, diagnostics: &mut Vec<Diagnostic>) {
    let mut index: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        index.entry(entry.key.to_lowercase()).or_insert(i);
    }
    let own: Vec<Vec<RawField>> = entries.iter().map(|e| e.fields.clone()).collect();
    let kinds: Vec<String> = entries.iter().map(|e| e.kind.clone()).collect();
    for i in 0..entries.len() {
        let mut fields = own[i].clone();
        for parent in xdata_chain(i, &own, &index, entries, source, diagnostics) {
            add_missing(&mut fields, &own[parent], |name| Some(name.to_string()));
        }
        let chain = parent_chain(i, &own, &index, entries, source, diagnostics);
        for parent in chain {
            let (child_kind, parent_kind) = (kinds[i].as_str(), kinds[parent].as_str());
            let mut parent_fields = own[parent].clone();
            for x in xdata_chain(parent, &own, &index, entries, source, diagnostics) {
                add_missing(&mut parent_fields, &own[x], |name| Some(name.to_string()));
            }
            add_missing(&mut fields, &parent_fields, |name| {
                target(child_kind, parent_kind, name)
            });
        }
        entries[i].fields = fields;
    }
}

/// Adds the parent's fields (renamed by `rename`, `None` for not inherited)
/// that `fields` lacks, groups all or nothing.
fn add_missing(
    fields: &mut Vec<RawField>,
    parent: &[RawField],
    rename: impl Fn(&str) -> Option<String>,
) {
    let has = |fields: &[RawField], name: &str| fields.iter().any(|f| f.name == name);
    let before: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    for field in parent {
        let Some(name) = rename(&field.name) else {
            continue;
        };
        if NOT_INHERITED.contains(&field.name.as_str()) || has(fields, &name) {
            continue;
        }
        let group = GROUPS.iter().find(|g| g.contains(&name.as_str()));
        if group.is_some_and(|g| g.iter().any(|n| before.iter().any(|b| b == n))) {
            continue;
        }
        fields.push(RawField {
            name,
            ..field.clone()
        });
    }
}

/// The child's field for a parent's field, under biblatex's rules.
fn target(child: &str, parent: &str, field: &str) -> Option<String> {
    let book_like = matches!(parent, "book" | "collection" | "proceedings" | "reference");
    let multi_volume = parent.starts_with("mv");
    let part_of_book = matches!(
        child,
        "inbook"
            | "bookinbook"
            | "suppbook"
            | "incollection"
            | "suppcollection"
            | "inproceedings"
            | "inreference"
    );
    let title_prefix = if multi_volume {
        Some("main")
    } else if book_like && part_of_book {
        Some("book")
    } else if parent == "periodical" && matches!(child, "article" | "suppperiodical") {
        Some("journal")
    } else {
        None
    };
    if let Some(prefix) = title_prefix {
        let renamed = match field {
            "title" if prefix == "journal" => Some("journaltitle".to_string()),
            "title" | "subtitle" | "titleaddon" => Some(format!("{prefix}{field}")),
            "shorttitle" | "sorttitle" | "indextitle" | "indexsorttitle" => None,
            _ => Some(field.to_string()),
        };
        return renamed;
    }
    if field == "author" && parent == "book" && matches!(child, "inbook" | "bookinbook") {
        return Some("bookauthor".into());
    }
    Some(field.to_string())
}

/// The chain of `crossref` parents of entry `i`, nearest first.
fn parent_chain(
    i: usize,
    own: &[Vec<RawField>],
    index: &HashMap<String, usize>,
    entries: &[RawEntry],
    source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut chain = Vec::new();
    let mut visited = vec![i];
    let mut current = i;
    while let Some(field) = own[current].iter().find(|f| f.name == "crossref") {
        let wanted = field.value.trim();
        let Some(&parent) = index.get(&wanted.to_lowercase()) else {
            if current == i {
                diagnostics.push(
                    Diagnostic::warning(
                        "missing-crossref",
                        format!(
                            "`{}` names a parent `{wanted}` that is not in the file",
                            entries[i].key
                        ),
                    )
                    .with_location(source.at(field.value_span))
                    .with_help("nothing is inherited; the crossref is kept in [extra.bibtex]"),
                );
            }
            break;
        };
        if visited.contains(&parent) || chain.len() >= MAX_DEPTH {
            if current == i || visited.contains(&parent) {
                let path: Vec<&str> = visited
                    .iter()
                    .chain([&parent])
                    .map(|&k| entries[k].key.as_str())
                    .collect();
                diagnostics.push(
                    Diagnostic::warning(
                        "crossref-cycle",
                        format!(
                            "crossref cycle: {}; inheritance stops there",
                            path.join(" → ")
                        ),
                    )
                    .with_location(
                        source.at(own[i]
                            .iter()
                            .find(|f| f.name == "crossref")
                            .map_or(field.value_span, |f| f.value_span)),
                    )
                    .with_help("a crossref names the parent entry, which must not lead back"),
                );
            }
            break;
        }
        visited.push(parent);
        chain.push(parent);
        current = parent;
    }
    chain
}

/// The `xdata` entries of entry `i` (and theirs), breadth first.
fn xdata_chain(
    i: usize,
    own: &[Vec<RawField>],
    index: &HashMap<String, usize>,
    entries: &[RawEntry],
    source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut queue = vec![i];
    let mut visited = vec![i];
    while let Some(current) = queue.pop() {
        let Some(field) = own[current].iter().find(|f| f.name == "xdata") else {
            continue;
        };
        for key in field
            .value
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            match index.get(&key.to_lowercase()) {
                Some(&x) if visited.contains(&x) && (current == i || x == i) => {
                    diagnostics.push(
                        Diagnostic::warning(
                            "xdata-cycle",
                            format!(
                                "xdata cycle: `{}` leads back to `{key}`",
                                entries[current].key
                            ),
                        )
                        .with_location(source.at(field.value_span))
                        .with_help("an xdata entry must not refer back to its user"),
                    );
                }
                Some(&x) if visited.contains(&x) => {}
                Some(&x) if out.len() < MAX_DEPTH => {
                    visited.push(x);
                    out.push(x);
                    queue.push(x);
                }
                Some(_) => {}
                None if current == i => diagnostics.push(
                    Diagnostic::warning(
                        "missing-xdata",
                        format!(
                            "`{}` uses xdata `{key}`, which is not in the file",
                            entries[i].key
                        ),
                    )
                    .with_location(source.at(field.value_span)),
                ),
                None => {}
            }
        }
    }
    out
}
