//! The rule table: every rule `kaynak check` knows, declared once with the
//! `rules!` macro in its family's file — id, severity, summary, docs and,
//! for a rule `--fix` repairs, what the fix does — together with where the
//! family looks (each record, each file's text, or the whole library).
//!
//! Everything else reads this table: the check itself runs the families'
//! detection, `[check] allow` validates ids against it, and `--list-rules`,
//! the README's rules table and docs/check-rules.md are written from it
//! ([`list`], [`readme_section`], [`reference()`]).

use super::{Checked, Options, RecordCx};
use crate::diag::{Diagnostic, Severity};
use std::path::Path;

/// One check rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The stable id, used in output and in `[check] allow`.
    pub id: &'static str,
    /// The rule family: the file of `src/check/` that declares and detects it.
    pub family: &'static str,
    pub severity: Severity,
    /// What the rule finds, in one line.
    pub summary: &'static str,
    /// Why it matters and what to do, in a few sentences (the rule's doc comment).
    pub docs: &'static str,
    /// What `kaynak check --fix` does to the rule's findings; `None` when it
    /// leaves them to the user. Only a rule that declares a fix may attach
    /// one to a finding ([`RecordCx::report_fixed`]).
    pub fix: Option<&'static str>,
}

impl Rule {
    /// The docs as written in the doc comment, without its leading spaces.
    pub fn docs_text(&self) -> String {
        let lines: Vec<&str> = self
            .docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        lines.join("\n").trim().to_string()
    }
}

/// Detection over one record: its entry and file text, through a [`RecordCx`].
pub type RecordRule = fn(&mut RecordCx);
/// Detection over one file's raw text (e.g. Unicode NFC, which loading hides).
pub type FileRule = fn(&Path, &str) -> Option<Diagnostic>;
/// Detection across all records (duplicates, shared access dates), in key
/// order, each seen through its [`Summary`](super::Summary) — so a warm check
/// runs it without loading unchanged records. Findings go to the record's
/// slot (indexed as `records`), made with
/// [`unlocated`](super::context::unlocated); only selected records get
/// findings. A value it compares must be kept in the summary
/// (`src/check/summary.rs`).
pub type LibraryRule = fn(&[Checked], &Options, &mut [Vec<Diagnostic>]);

/// A rule family: its rules and where it looks. Declared by `rules!`.
#[derive(Debug)]
pub struct Family {
    pub name: &'static str,
    pub rules: &'static [&'static Rule],
    pub record: Option<RecordRule>,
    pub file: Option<FileRule>,
    pub library: Option<LibraryRule>,
}

/// Declares a family's rules and the family itself:
///
/// ```ignore
/// rules! {
///     family: "identifiers", record: check;
///
///     /// Docs: why it matters, what to do.
///     DOI_AS_URL {
///         id: "doi-as-url",
///         severity: Warning,
///         summary: "a DOI is written as a resolver URL or with a doi: prefix",
///         fix: "writes the DOI alone",
///     }
/// }
/// ```
///
/// Each rule becomes a `pub static` [`Rule`]; `RULES` lists them in order and
/// `FAMILY` is the [`Family`] that `check/mod.rs` lists. The hooks `record:`,
/// `file:` and `library:` name the family's detection functions (optional,
/// in that order).
macro_rules! rules {
    (
        family: $family:literal
        $(, record: $record:path)?
        $(, file: $file:path)?
        $(, library: $library:path)?;
        $(
            $(#[doc = $doc:literal])*
            $name:ident {
                id: $id:literal,
                severity: $severity:ident,
                summary: $summary:literal
                $(, fix: $fix:literal)?
                $(,)?
            }
        )+
    ) => {
        $(
            $(#[doc = $doc])*
            pub static $name: $crate::check::rules::Rule = $crate::check::rules::Rule {
                id: $id,
                family: $family,
                severity: $crate::diag::Severity::$severity,
                summary: $summary,
                docs: concat!($($doc, "\n",)*),
                fix: rules!(@fix $($fix)?),
            };
        )+

        /// This family's rules, in the order they are declared.
        pub static RULES: &[&$crate::check::rules::Rule] = &[$(&$name),+];

        /// This family: its rules and its detection.
        pub static FAMILY: $crate::check::rules::Family = $crate::check::rules::Family {
            name: $family,
            rules: RULES,
            record: rules!(@hook $($record)?),
            file: rules!(@hook $($file)?),
            library: rules!(@hook $($library)?),
        };
    };
    (@fix) => { None };
    (@fix $fix:literal) => { Some($fix) };
    (@hook) => { None };
    (@hook $hook:path) => { Some($hook) };
}
pub(crate) use rules;

/// Every rule, family by family, in the order of [`super::FAMILIES`].
pub fn all() -> impl Iterator<Item = &'static Rule> {
    super::FAMILIES
        .iter()
        .flat_map(|family| family.rules.iter().copied())
}

/// Looks a rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

/// `--list-rules`: one aligned line per rule, then the load codes.
pub fn list() -> String {
    let width = all().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = format!(
        "{:width$}  {:8}  {:13} {:4} SUMMARY\n",
        "RULE", "SEVERITY", "FAMILY", "FIX"
    );
    for r in all() {
        let fix = if r.fix.is_some() { "yes" } else { "" };
        out.push_str(&format!(
            "{:width$}  {:8}  {:13} {:4} {}\n",
            r.id,
            r.severity.as_str(),
            r.family,
            fix,
            r.summary
        ));
    }
    out.push_str(&format!(
        "\nLoad errors (records that cannot be read; not silenceable): {}\n",
        crate::store::LOAD_CODES.join(", ")
    ));
    out
}

/// The README's rules section (between its markers): the table and the load codes.
pub fn readme_section() -> String {
    let mut out = String::from(
        "| Rule | Severity | Family | `--fix` | What it finds |\n|---|---|---|---|---|\n",
    );
    for r in all() {
        out.push_str(&format!(
            "| [`{}`](docs/check-rules.md#{}) | {} | {} | {} | {} |\n",
            r.id,
            r.id,
            r.severity.as_str(),
            r.family,
            r.fix.unwrap_or(""),
            cell(r.summary)
        ));
    }
    let codes: Vec<String> = crate::store::LOAD_CODES
        .iter()
        .map(|c| format!("`{c}`"))
        .collect();
    out.push_str(&format!(
        "\nLoad errors — {} — are errors and cannot be silenced: a record that cannot be read \
         cannot be checked.\n",
        codes.join(", ")
    ));
    out
}

/// docs/check-rules.md: every rule with its docs, family by family.
pub fn reference() -> String {
    let mut out = String::from(
        "# `kaynak check` rules\n\n\
         <!-- Written from the rule table (src/check/*.rs) by \
         `UPDATE_GOLDEN=1 cargo test --lib check::rules`; do not edit. -->\n\n\
         Each rule is declared once, in the file of its family under `src/check/`. \
         `kaynak check --list-rules` prints the same table in short; a record silences a rule \
         with `[check] allow = [{ rule = \"…\", reason = \"…\" }]`.\n",
    );
    for family in super::FAMILIES {
        out.push_str(&format!(
            "\n## {} (`src/check/{}.rs`)\n",
            family.name, family.name
        ));
        for r in family.rules {
            out.push_str(&format!("\n### `{}`\n\n", r.id));
            out.push_str(&format!("**{}** — {}.", r.severity.as_str(), r.summary));
            if let Some(fix) = r.fix {
                out.push_str(&format!(" `--fix` {fix}."));
            }
            out.push_str("\n\n");
            out.push_str(&r.docs_text());
            out.push('\n');
        }
    }
    let codes: Vec<String> = crate::store::LOAD_CODES
        .iter()
        .map(|c| format!("`{c}`"))
        .collect();
    out.push_str(&format!(
        "\n## Load errors (`src/store/codes.rs`)\n\n\
         A record that cannot be read cannot be checked: these are errors, and cannot be \
         silenced. {}. A date string that does not parse but reads clearly as one day \
         (`\"31.03.2021\"`) is an `invalid-date` that `--fix` rewrites in ISO form.\n",
        codes.join(", ")
    ));
    out
}

/// Text for a Markdown table cell (a `|` would end the cell).
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::path::PathBuf;

    #[test]
    fn ids_are_unique_kebab_case_documented_and_not_load_codes() {
        let mut seen = HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.id), "duplicate {}", rule.id);
            assert!(
                rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.id
            );
            assert!(!rule.summary.is_empty(), "{} has no summary", rule.id);
            assert!(
                rule.docs_text().len() > rule.summary.len(),
                "{} has no docs (a doc comment above it)",
                rule.id
            );
            assert!(
                !crate::store::LOAD_CODES.contains(&rule.id),
                "{} is a load code",
                rule.id
            );
        }
        assert!(find("missing-url").is_some());
        assert!(find("no-such-rule").is_none());
    }

    #[test]
    fn each_family_is_the_file_that_declares_it() {
        for family in super::super::FAMILIES {
            assert!(!family.rules.is_empty(), "{}", family.name);
            for rule in family.rules {
                assert_eq!(rule.family, family.name, "{}", rule.id);
            }
            let file = root().join("src/check").join(format!("{}.rs", family.name));
            assert!(
                file.is_file(),
                "{} has no file {}",
                family.name,
                file.display()
            );
        }
    }

    /// Every rule fires somewhere a test looks: in the broken fixture's
    /// golden report, or in a test of its family's file.
    #[test]
    fn every_rule_is_exercised_by_a_fixture_or_its_family_tests() {
        let golden = std::fs::read_to_string(root().join("tests/golden/broken.concise"))
            .expect("tests/golden/broken.concise");
        for family in super::super::FAMILIES {
            let file = root().join("src/check").join(format!("{}.rs", family.name));
            let source = std::fs::read_to_string(&file).expect("family file");
            let tests = source.split("#[cfg(test)]").nth(1).unwrap_or_default();
            for rule in family.rules {
                assert!(
                    golden.contains(&format!("[{}]", rule.id)) || tests.contains(rule.id),
                    "`{}` fires in no fixture (tests/fixtures/broken/) and no test of {}",
                    rule.id,
                    file.display()
                );
            }
        }
    }

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// README's section between the markers, and docs/check-rules.md, are
    /// written from the table; `UPDATE_GOLDEN=1` rewrites them.
    #[test]
    fn readme_and_reference_agree_with_the_table() {
        const BEGIN: &str = "<!-- rules:begin (written from src/check by `UPDATE_GOLDEN=1 cargo test --lib check::rules`) -->\n";
        const END: &str = "<!-- rules:end -->";
        let update = std::env::var_os("UPDATE_GOLDEN").is_some();
        let readme_path = root().join("README.md");
        let readme = std::fs::read_to_string(&readme_path).expect("README.md");
        let start = readme
            .find(BEGIN)
            .expect("README lacks the rules:begin marker")
            + BEGIN.len();
        let end = readme[start..]
            .find(END)
            .expect("README lacks the rules:end marker")
            + start;
        let generated = readme_section();
        let reference_path = root().join("docs/check-rules.md");
        let written = std::fs::read_to_string(&reference_path).unwrap_or_default();
        if update {
            let new = format!("{}{generated}{}", &readme[..start], &readme[end..]);
            std::fs::write(&readme_path, new).expect("write README.md");
            std::fs::write(&reference_path, reference()).expect("write docs/check-rules.md");
            return;
        }
        assert_eq!(
            readme[start..end],
            generated,
            "README's rules table differs from the rule table: run UPDATE_GOLDEN=1 cargo test --lib check::rules"
        );
        assert_eq!(
            written,
            reference(),
            "docs/check-rules.md differs from the rule table: run UPDATE_GOLDEN=1 cargo test --lib check::rules"
        );
    }
}
