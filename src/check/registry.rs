//! The rule registry: every rule `kaynak check` knows, with its stable id,
//! default severity, family and one-line explanation. Rule families declare
//! their rules as statics; this file only lists them, so `--list-rules`, the
//! README table and `[check] allow` validation all read one list.

use super::{access, allow, completeness, dates, duplicates, identifiers, language, names, text};
use crate::diag::Severity;

/// One check rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The stable id, used in output and in `[check] allow`.
    pub id: &'static str,
    pub severity: Severity,
    /// The rule family (one source file of `src/check/`).
    pub family: &'static str,
    /// What the rule finds, in one line.
    pub summary: &'static str,
    /// True when `kaynak check --fix` repairs it.
    pub fixable: bool,
}

/// Every rule, grouped by family.
pub fn all() -> Vec<&'static Rule> {
    let families: [&[&'static Rule]; 9] = [
        completeness::RULES,
        access::RULES,
        dates::RULES,
        identifiers::RULES,
        duplicates::RULES,
        language::RULES,
        text::RULES,
        names::RULES,
        allow::RULES,
    ];
    families.iter().flat_map(|f| f.iter().copied()).collect()
}

/// Looks a rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    all().into_iter().find(|r| r.id == id)
}

/// Codes the loader reports (bad TOML, unknown fields …). They appear in the
/// check report but are not rules: a record cannot be checked until they are fixed,
/// so they cannot be silenced either.
pub const LOAD_CODES: &[&str] = &[
    "invalid-toml",
    "invalid-date",
    "invalid-key",
    "duplicate-key",
    "empty-record",
    "missing-type",
    "unknown-type",
    "unknown-field",
    "wrong-type",
    "missing-original",
    "empty-name",
    "conflicting-name-parts",
    "processor-variable",
    "not-utf8",
    "file-too-large",
    "unreadable-file",
    "skipped-file",
    "unknown-setting",
    "invalid-setting",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.id), "duplicate {}", rule.id);
            assert!(
                rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.id
            );
            assert!(!rule.summary.is_empty());
            assert!(!LOAD_CODES.contains(&rule.id), "{} is a load code", rule.id);
        }
        assert!(find("missing-url").is_some());
        let readme = include_str!("../../README.md");
        for rule in all() {
            assert!(
                readme.contains(&format!("| `{}` |", rule.id)),
                "README lacks {}",
                rule.id
            );
        }
        assert!(find("no-such-rule").is_none());
    }
}
