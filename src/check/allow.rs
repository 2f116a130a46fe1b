//! Silencing: a record's `[check] allow = [{ rule, reason }]` drops that rule's
//! findings for the record. A silenced rule needs a reason (else a warning), and
//! must name a rule that exists (else a warning with the closest id).

use super::{finding, registry, Rule};
use crate::diag::Diagnostic;
use crate::diag::Severity;
use crate::model::variable::suggest;
use crate::model::Entry;

pub static ALLOW_WITHOUT_REASON: Rule = Rule {
    id: "allow-without-reason",
    severity: Severity::Warning,
    family: "allow",
    summary: "a rule is silenced with `[check] allow` but no reason is given",
    fixable: false,
};

pub static ALLOW_UNKNOWN_RULE: Rule = Rule {
    id: "allow-unknown-rule",
    severity: Severity::Warning,
    family: "allow",
    summary: "`[check] allow` names a rule that does not exist",
    fixable: false,
};

pub static RULES: &[&Rule] = &[&ALLOW_WITHOUT_REASON, &ALLOW_UNKNOWN_RULE];

/// Drops the findings the record silences.
pub fn filter(entry: &Entry, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if entry.allow.is_empty() {
        return found;
    }
    found
        .into_iter()
        .filter(|d| !entry.allow.iter().any(|a| a.rule == d.code))
        .collect()
}

/// Findings about the record's `allow` list (`text` is its file's text, or
/// empty when it was not kept).
pub fn findings(entry: &Entry, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for allow in &entry.allow {
        if registry::find(&allow.rule).is_none() {
            let ids = registry::all().into_iter().map(|r| r.id);
            let help = match suggest(&allow.rule, ids) {
                Some(id) => format!("did you mean `{id}`? (kaynak check --list-rules lists them)"),
                None => "kaynak check --list-rules lists the rules".into(),
            };
            out.push(finding(
                &ALLOW_UNKNOWN_RULE,
                &entry.path,
                text,
                allow.span,
                format!("`{}` is not a check rule", allow.rule),
                help,
            ));
        } else if allow.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            out.push(finding(
                &ALLOW_WITHOUT_REASON,
                &entry.path,
                text,
                allow.span,
                format!("`{}` is silenced without a reason", allow.rule),
                format!("say why: {{ rule = \"{}\", reason = \"…\" }}", allow.rule),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::codes;

    const WEB: &str = "type = \"webpage\"\ntitle = \"T\"\ncontainer-title = \"S\"\nauthor = [{ literal = \"O\" }]\nissued = \"2020\"\naccessed = 2026-01-01\n";

    #[test]
    fn allow_with_reason_silences() {
        assert_eq!(codes(WEB), vec!["missing-url"]);
        let text = format!(
            "{WEB}[check]\nallow = [{{ rule = \"missing-url\", reason = \"print only\" }}]\n"
        );
        assert!(codes(&text).is_empty(), "{:?}", codes(&text));
    }

    #[test]
    fn allow_without_reason_or_rule_warns() {
        let text = format!("{WEB}[check]\nallow = [{{ rule = \"missing-url\" }}]\n");
        assert_eq!(codes(&text), vec!["allow-without-reason"]);
        let text =
            format!("{WEB}[check]\nallow = [{{ rule = \"missing-uri\", reason = \"x\" }}]\n");
        assert_eq!(codes(&text), vec!["missing-url", "allow-unknown-rule"]);
    }
}
