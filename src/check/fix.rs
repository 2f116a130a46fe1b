//! `kaynak check --fix`: applies the fixes that the check's findings carry —
//! edits of a file's text by span, built by the rule that found the problem
//! (see each rule's `fix` in the rule table), so comments and layout stay as
//! they are. Nothing here looks for problems itself.
//!
//! A file's fixes are applied together, except where two would touch the
//! same bytes: then the first (in file order) goes now and the other waits.
//! As a linter's `--fix` does, the edited text is checked again by the same
//! rules, and what that finds fixable is applied in turn — a DOI behind a
//! control character, or a page range in a record that did not load until
//! its date was fixed — until nothing more is fixable (at most
//! [`MAX_ROUNDS`] times). Planning never writes: the CLI shows the plan (or
//! a diff) and writes through `store::write::replace`.

use super::{file_findings, record_findings, Options, Report};
use crate::diag::{Diagnostic, Edit, Fix, LineIndex};
use crate::store::Library;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How many times a file is checked again after its fixes: fixes that
/// revealed more fixable problems are rare, and never many deep.
pub const MAX_ROUNDS: usize = 8;

/// One applied edit, described for the user at its place in the file as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
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
    pub fixes: Vec<Applied>,
}

/// Plans the fixes the findings of `report` carry, file by file in path order.
pub fn plan(report: &Report, library: &Library, options: &Options) -> Vec<FileFix> {
    let mut by_file: BTreeMap<&Path, Vec<Fix>> = BTreeMap::new();
    for d in &report.diagnostics {
        if let (Some(fix), Some(location)) = (&d.fix, &d.location) {
            by_file
                .entry(location.file.as_path())
                .or_default()
                .push(fix.clone());
        }
    }
    by_file
        .into_iter()
        .filter_map(|(path, fixes)| {
            let text = library.source(path)?;
            repair(path, &text, fixes, options)
        })
        .collect()
}

/// Plans the fixes of one record file's text from scratch: what checking
/// it finds fixable, applied as [`plan`] does. `None` when nothing is.
pub fn plan_text(path: &Path, text: &str, options: &Options) -> Option<FileFix> {
    repair(path, text, fixes_in(path, text, options), options)
}

/// The fixes that checking `text`, a record file held in memory, finds:
/// those of its load diagnostics, its record rules and its file rules.
fn fixes_in(path: &Path, text: &str, options: &Options) -> Vec<Fix> {
    let (entry, mut found) = crate::store::parse_record_text(path, text);
    if let Some(entry) = entry {
        found.extend(record_findings(&entry, text, options));
    }
    found.extend(file_findings(path, text));
    found
        .into_iter()
        .filter_map(|d: Diagnostic| d.fix)
        .collect()
}

/// Applies `fixes` to `original`, then what checking each result finds
/// fixable, round by round.
fn repair(path: &Path, original: &str, fixes: Vec<Fix>, options: &Options) -> Option<FileFix> {
    let mut text = original.to_string();
    let mut rounds: Vec<Vec<Edit>> = Vec::new();
    let mut fixes = fixes;
    while rounds.len() < MAX_ROUNDS {
        let edits = choose(&text, fixes);
        if edits.is_empty() {
            break;
        }
        text = apply(&text, &edits);
        rounds.push(edits);
        fixes = fixes_in(path, &text, options);
    }
    if rounds.is_empty() {
        return None;
    }
    Some(FileFix {
        path: path.to_path_buf(),
        before: original.to_string(),
        fixes: described(original, &rounds),
        after: text,
    })
}

/// The edits of the fixes that can go together, in file order: a fix whose
/// edit touches an edit already chosen (or does not fit the text) waits.
fn choose(text: &str, mut fixes: Vec<Fix>) -> Vec<Edit> {
    let first = |fix: &Fix| fix.edits.iter().map(|e| e.span.start()).min();
    fixes.sort_by_key(|fix| first(fix));
    let mut chosen: Vec<Edit> = Vec::new();
    for fix in fixes {
        let fits = fix.edits.iter().all(|e| {
            let range = e.span.start()..e.span.end();
            text.get(range).is_some() && !chosen.iter().any(|c| c.overlaps(e))
        });
        let clash = fix
            .edits
            .iter()
            .enumerate()
            .any(|(i, a)| fix.edits[i + 1..].iter().any(|b| a.overlaps(b)));
        if fits && !clash {
            chosen.extend(fix.edits);
        }
    }
    chosen.sort_by_key(|e| e.span.start());
    chosen
}

/// `text` with non-overlapping `edits` (sorted by start) applied.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start()]);
        out.push_str(&edit.replacement);
        at = edit.span.end();
    }
    out.push_str(&text[at..]);
    out
}

/// Each applied edit with its line and column in `original`, in file order.
fn described(original: &str, rounds: &[Vec<Edit>]) -> Vec<Applied> {
    let lines = LineIndex::new(original);
    let mut placed: Vec<(usize, usize, &Edit)> = Vec::new();
    for (round, edits) in rounds.iter().enumerate() {
        for edit in edits {
            let offset = rounds[..round]
                .iter()
                .rev()
                .fold(edit.span.start(), |offset, earlier| before(offset, earlier));
            placed.push((offset, round, edit));
        }
    }
    placed.sort_by_key(|(offset, round, _)| (*offset, *round));
    placed
        .into_iter()
        .map(|(offset, _, edit)| {
            let (line, column) = lines.line_col(original, offset);
            Applied {
                line,
                column,
                description: edit.description.clone(),
            }
        })
        .collect()
}

/// The offset in a text, before `edits` (sorted) were applied to it, of
/// `offset` in the result; an offset inside a replacement maps to its start.
fn before(offset: usize, edits: &[Edit]) -> usize {
    let mut shift: isize = 0;
    for edit in edits {
        let start = edit.span.start().saturating_add_signed(shift);
        if offset < start {
            break;
        }
        let end = start + edit.replacement.len();
        if offset < end {
            return edit.span.start();
        }
        shift += edit.replacement.len() as isize - (edit.span.end() - edit.span.start()) as isize;
    }
    offset.saturating_add_signed(-shift)
}

#[cfg(test)]
mod tests {
    use super::super::testing::TODAY;
    use super::*;
    use crate::diag::Span;

    fn plan_of(text: &str) -> Option<FileFix> {
        plan_text(Path::new("r.toml"), text, &Options::new(TODAY))
    }

    fn fixed(text: &str) -> Option<String> {
        plan_of(text).map(|f| f.after)
    }

    #[test]
    fn fixes_dates_dois_pages_and_nfc_in_place() {
        let text = "# keep me\ntype = \"webpage\"  # and me\naccessed = \"31.03.2021\"\nissued = \"03.2021\"\nDOI = \"https://doi.org/10.1000/x\"\npage = \"1-5, 9-12\"\ntitle = \"Bu\u{0308}lten\"\n";
        let plan = plan_of(text).unwrap();
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
        let plan = plan_of(text).unwrap();
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
    fn a_silenced_finding_is_not_fixed() {
        let text = "type = \"document\"\ntitle = \"T\"\nissued = \"2001\"\npage = \"1-5\"\n";
        assert!(fixed(text).is_some());
        let allowed = format!(
            "{text}[check]\nallow = [{{ rule = \"page-range-hyphen\", reason = \"as printed\" }}]\n"
        );
        assert_eq!(fixed(&allowed), None);
    }

    #[test]
    fn places_are_those_of_the_file_before_any_edit() {
        // The first round inserts the language line and cleans the DOI; the
        // second finds the DOI's prefix, one line lower by then, and it is
        // still described at its line in the file as it was.
        let text = "type = \"book\"\ntitle = \"Dışişleri Bakanlığı\"\nissued = \"2001\"\nDOI = \"https://doi.org/10.1/\\u0007x\"\n";
        let plan = plan_of(text).unwrap();
        let places: Vec<(usize, usize, &str)> = plan
            .fixes
            .iter()
            .map(|f| (f.line, f.column, f.description.as_str()))
            .collect();
        assert_eq!(
            places,
            vec![
                (2, 1, "language: (missing) → \"tr\""),
                (4, 7, "DOI: removed 1 control character"),
                (4, 7, "DOI: \"https://doi.org/10.1/x\" → \"10.1/x\""),
            ]
        );
        assert!(plan.after.ends_with("language = \"tr\"\ntitle = \"Dışişleri Bakanlığı\"\nissued = \"2001\"\nDOI = \"10.1/x\"\n"));
    }

    #[test]
    fn maps_offsets_back_over_earlier_edits() {
        let edits = vec![
            Edit::new(Span::new(2, 4), "xyz", ""),
            Edit::new(Span::new(6, 6), "ab", ""),
        ];
        // "01[23]45|67" → "01xyz45ab67"
        assert_eq!(before(0, &edits), 0);
        assert_eq!(before(3, &edits), 2);
        assert_eq!(before(5, &edits), 4);
        assert_eq!(before(7, &edits), 6);
        assert_eq!(before(9, &edits), 6);
        assert_eq!(before(10, &edits), 7);
    }
}
