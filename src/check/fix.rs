//! `kaynak check --fix`: plans the safe repairs — a day-first date string to
//! ISO (`"31.03.2021"` → `2021-03-31`), a DOI written as a URL to the bare DOI,
//! hyphens to en dashes in page ranges, a missing `language` where the title's
//! letters allow only one, NFC, and control characters removed — as edits of a file's text by
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
    // Control characters first, in a pass of their own: the other fixes then
    // see clean values, and no two edits ever touch one value.
    let doc = toml_edit::Document::parse(text.to_string()).ok()?;
    let mut edits = Vec::new();
    control_edits(doc.as_table(), "", &mut edits);
    let (cleaned, mut fixes) = apply_edits(text, edits);
    let doc = toml_edit::Document::parse(cleaned.clone()).ok()?;
    let mut edits: Vec<Edit> = doc
        .as_table()
        .iter()
        .filter_map(|(name, item)| value_edit(name, item))
        .collect();
    edits.extend(language_edit(doc.as_table(), &cleaned));
    let (mut after, more) = apply_edits(&cleaned, edits);
    fixes.extend(more);
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

/// Edits that remove control characters from every string of `table`, at
/// any depth (text tables, translations, names); `path` names the table.
fn control_edits(table: &dyn toml_edit::TableLike, path: &str, edits: &mut Vec<Edit>) {
    for (key, item) in table.iter() {
        let name = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        match item {
            Item::Value(value) => control_value_edits(value, &name, edits),
            Item::Table(table) => control_edits(table, &name, edits),
            Item::ArrayOfTables(tables) => {
                for table in tables.iter() {
                    control_edits(table, &name, edits);
                }
            }
            Item::None => {}
        }
    }
}

fn control_value_edits(value: &Value, name: &str, edits: &mut Vec<Edit>) {
    match value {
        Value::String(s) => {
            let raw = s.value().as_str();
            let clean = crate::model::strip_control_characters(raw);
            if let (std::borrow::Cow::Owned(clean), Some(span)) =
                (clean, Span::from_range(value.span()))
            {
                let removed = raw.chars().count() - clean.chars().count();
                edits.push(Edit {
                    span,
                    replacement: quote(&clean),
                    description: format!(
                        "{name}: removed {removed} control character{}",
                        if removed == 1 { "" } else { "s" }
                    ),
                });
            }
        }
        Value::Array(array) => {
            for value in array.iter() {
                control_value_edits(value, name, edits);
            }
        }
        Value::InlineTable(table) => control_edits(table, name, edits),
        _ => {}
    }
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

/// `language = "TAG"` inserted after the `type` line of a record that has none,
/// when its title's letters allow one language only (the `missing-language` rule).
fn language_edit(table: &toml_edit::Table, text: &str) -> Option<Edit> {
    if table.contains_key("language") {
        return None;
    }
    let title = match table.get("title")? {
        Item::Value(Value::String(s)) => s.value().clone(),
        item => item.get("original")?.as_str()?.to_string(),
    };
    let guess = super::language::guess_for(&title)?;
    let tag = guess.unambiguous()?;
    let after = table
        .get("type")
        .and_then(|t| t.span())
        .map(|span| {
            text[span.end..]
                .find('\n')
                .map_or(text.len(), |n| span.end + n + 1)
        })
        .unwrap_or(0);
    let line = format!("language = {}\n", quote(tag));
    let replacement = if after == text.len() && !text.ends_with('\n') {
        format!("\n{line}")
    } else {
        line
    };
    Some(Edit {
        span: Span::new(after, after),
        replacement,
        description: format!("language: (missing) → {}", quote(tag)),
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
    fn removes_control_characters_at_any_depth() {
        let text = "type = \"book\" # keep\ntitle = { original = \"A\\u001b]0;pwned\\u0007B\", translation = { en = \"C\\u009bD\" } }\nauthor = [{ family = \"E\\u001bF\" }]\nnote = \"x\\ny\"\nDOI = \"https://doi.org/10.1000/\\u0007x\"\n";
        let plan = plan_file(Path::new("r.toml"), text).unwrap();
        assert_eq!(
            plan.after,
            "type = \"book\" # keep\ntitle = { original = \"A]0;pwnedB\", translation = { en = \"CD\" } }\nauthor = [{ family = \"EF\" }]\nnote = \"x\\ny\"\nDOI = \"10.1000/x\"\n"
        );
        let described: Vec<&str> = plan.fixes.iter().map(|f| f.description.as_str()).collect();
        assert!(
            described.contains(&"title.original: removed 2 control characters"),
            "{described:?}"
        );
        assert!(
            described.contains(&"author.family: removed 1 control character"),
            "{described:?}"
        );
        assert_eq!(plan.fixes.len(), 5, "{described:?}");
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
    fn adds_a_language_only_when_the_letters_are_clear() {
        assert_eq!(
            fixed("type = \"book\"  # a note\ntitle = \"Dışişleri Bakanlığı\"\n").as_deref(),
            Some("type = \"book\"  # a note\nlanguage = \"tr\"\ntitle = \"Dışişleri Bakanlığı\"\n")
        );
        assert_eq!(
            fixed("type = \"book\"\ntitle = { original = \"Київ\" }\n").as_deref(),
            Some("type = \"book\"\nlanguage = \"uk\"\ntitle = { original = \"Київ\" }\n")
        );
        assert_eq!(
            fixed("type = \"book\"\ntitle = \"Вестник\"\n"),
            None,
            "ru, bg or uk"
        );
        assert_eq!(fixed("type = \"book\"\ntitle = \"English\"\n"), None);
    }

    #[test]
    fn quotes_toml_strings() {
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
