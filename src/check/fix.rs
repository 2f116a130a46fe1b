//! `kaynak check --fix`: plans the safe repairs — a day-first date string to
//! ISO (`"31.03.2021"` → `2021-03-31`), a DOI written as a URL to the bare DOI,
//! hyphens to en dashes in page ranges, and NFC — as edits of a file's text by
//! span, so comments and layout stay as they are. Planning never writes: the
//! CLI shows the plan (or a diff) and writes through `store::write::replace`.

use super::identifiers::{doi_problem, en_dash_pages, strip_doi_prefix};
use super::Options;
use crate::diag::{LineIndex, Span};
use crate::model::{variable, Date, VariableKind};
use crate::store::Library;
use std::path::{Path, PathBuf};
use toml_edit::{Item, Value};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// One repair, described for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub line: usize,
    pub column: usize,
    pub description: String,
}

/// The repairs of one file: its text before and after, and what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFix {
    pub path: PathBuf,
    pub before: String,
    pub after: String,
    pub fixes: Vec<Fix>,
}

struct Edit {
    span: Span,
    replacement: String,
    description: String,
}

/// Plans the fixes for every selected record file of the library, in path order.
pub fn plan(library: &Library, options: &Options) -> Vec<FileFix> {
    let paths = crate::store::record_files(&library.dir).unwrap_or_default();
    paths
        .iter()
        .filter(|p| options.selects_file(p))
        .filter_map(|path| plan_file(path, &library.source(path)?))
        .collect()
}

/// Plans the fixes of one file's text; `None` when nothing needs fixing or
/// the file is not valid TOML (its error is reported, and it is left alone).
pub fn plan_file(path: &Path, text: &str) -> Option<FileFix> {
    let doc = toml_edit::Document::parse(text.to_string()).ok()?;
    let edits: Vec<Edit> = doc
        .as_table()
        .iter()
        .filter_map(|(name, item)| value_edit(name, item))
        .collect();
    let (mut after, mut fixes) = apply_edits(text, edits);
    if let Some(fix) = normalise(path, &mut after) {
        fixes.push(fix);
    }
    (!fixes.is_empty()).then(|| FileFix {
        path: path.to_path_buf(),
        before: text.to_string(),
        after,
        fixes,
    })
}

/// Applies non-overlapping edits, last first so earlier spans stay valid;
/// returns the new text and the fixes in file order.
fn apply_edits(text: &str, mut edits: Vec<Edit>) -> (String, Vec<Fix>) {
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let lines = LineIndex::new(text);
    let mut after = text.to_string();
    let mut fixes = Vec::new();
    for edit in &edits {
        let range = edit.span.start..edit.span.end;
        if after.get(range.clone()).is_none() {
            continue;
        }
        after.replace_range(range, &edit.replacement);
        let (line, column) = lines.line_col(text, edit.span.start);
        fixes.push(Fix {
            line,
            column,
            description: edit.description.clone(),
        });
    }
    fixes.reverse();
    (after, fixes)
}

/// Normalises `text` to NFC in place; the fix points at the first letter that changed.
fn normalise(path: &Path, text: &mut String) -> Option<Fix> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let normal: String = text.nfc().collect();
    if normal == *text {
        return None;
    }
    let (line, column) = super::text::nfc_in_source(path, text)
        .and_then(|d| d.location)
        .map_or((1, 1), |l| (l.line, l.column));
    *text = normal;
    Some(Fix {
        line,
        column,
        description: "normalised the text to Unicode NFC".into(),
    })
}

fn value_edit(name: &str, item: &Item) -> Option<Edit> {
    let Item::Value(value @ Value::String(s)) = item else {
        return None;
    };
    let span = Span::from_range(value.span())?;
    let raw = s.value().as_str();
    let (replacement, shown) = match name {
        "DOI" => {
            let bare = strip_doi_prefix(raw)?;
            doi_problem(bare)
                .is_none()
                .then(|| (quote(bare), quote(bare)))?
        }
        "page" => {
            let dashed = en_dash_pages(raw);
            (dashed != raw).then(|| (quote(&dashed), quote(&dashed)))?
        }
        _ if variable::lookup(name).is_some_and(|v| v.kind == VariableKind::Date) => {
            let iso = Date::parse(raw).err()?.suggestion?;
            if !unambiguous(raw) {
                return None;
            }
            let written = if iso.len() == 10 {
                iso.clone()
            } else {
                quote(&iso)
            };
            (written.clone(), written)
        }
        _ => return None,
    };
    Some(Edit {
        span,
        replacement,
        description: format!("{name}: {} → {shown}", quote(raw)),
    })
}

/// True when a numeric date's reading is clear: year first, dotted (the
/// day-first convention of Turkish, Russian and German), only month and year,
/// or a first number above 12 (which cannot be a month).
fn unambiguous(text: &str) -> bool {
    let fields: Vec<&str> = text.split(['.', '/', '-', ' ']).collect();
    match fields.as_slice() {
        [first, _, _] if first.len() == 4 => true,
        [first, _, _] => text.contains('.') || first.parse::<u32>().is_ok_and(|d| d > 12),
        [_, _] => true,
        _ => false,
    }
}

/// A TOML basic string holding `text` (the record writer's own quoting, so a
/// fixed value is written exactly as an imported one would be).
pub fn quote(text: &str) -> String {
    crate::store::serialize::basic_string(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> Option<String> {
        plan_file(Path::new("r.toml"), text).map(|f| f.after)
    }

    #[test]
    fn fixes_dates_dois_pages_and_nfc_in_place() {
        let text = "# keep me\ntype = \"webpage\"  # and me\naccessed = \"31.03.2021\"\nissued = \"03.2021\"\nDOI = \"https://doi.org/10.1000/x\"\npage = \"1-5, 9-12\"\ntitle = \"Bu\u{0308}lten\"\n";
        let plan = plan_file(Path::new("r.toml"), text).unwrap();
        assert_eq!(
            plan.after,
            "# keep me\ntype = \"webpage\"  # and me\naccessed = 2021-03-31\nissued = \"2021-03\"\nDOI = \"10.1000/x\"\npage = \"1–5, 9–12\"\ntitle = \"Bülten\"\n"
        );
        assert_eq!(plan.fixes.len(), 5);
        assert_eq!((plan.fixes[0].line, plan.fixes[0].column), (3, 12));
        assert_eq!(
            plan.fixes[0].description,
            "accessed: \"31.03.2021\" → 2021-03-31"
        );
    }

    #[test]
    fn leaves_ambiguous_or_clean_records_alone() {
        assert_eq!(fixed("type = \"book\"\nissued = \"03/04/2021\"\n"), None);
        assert_eq!(
            fixed("type = \"book\"\nissued = 2021-03-04\npage = \"1–5\"\nDOI = \"10.1/x\"\n"),
            None
        );
        assert_eq!(fixed("not toml = = \n"), None);
        assert_eq!(
            fixed("type = \"book\"\nissued = \"13/04/2021\"\n").as_deref(),
            Some("type = \"book\"\nissued = 2021-04-13\n")
        );
    }

    #[test]
    fn quotes_toml_strings() {
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
