//! Silencing: a record's `[check] allow = [{ rule, reason }]` drops that rule's
//! findings for the record. A silenced rule needs a reason (else a warning), and
//! must name a rule that exists (else a warning with the closest id). A
//! silenced finding is not reported, so `--fix` does not repair it either.

use super::rules::{self, rules};
use super::RecordCx;
use crate::model::variable::suggest;

rules! {
    family: "allow";

    /// Every silenced rule should say why, so that the next reader (or you, in
    /// a year) can tell a considered exception from a finding swept away.
    /// Write `{ rule = "…", reason = "…" }`.
    ALLOW_WITHOUT_REASON {
        id: "allow-without-reason",
        severity: Warning,
        summary: "a rule is silenced with `[check] allow` but no reason is given",
    }

    /// The `rule` of an `allow` entry is not the id of any check rule — often a
    /// typo, which would silence nothing. The finding suggests the closest id;
    /// `kaynak check --list-rules` lists them all. Load errors cannot be silenced.
    ALLOW_UNKNOWN_RULE {
        id: "allow-unknown-rule",
        severity: Warning,
        summary: "`[check] allow` names a rule that does not exist",
    }
}

/// Drops the findings the record silences, and reports problems of its `allow` list.
pub fn apply(cx: &mut RecordCx) {
    let entry = cx.entry;
    if entry.allow.is_empty() {
        return;
    }
    cx.found_mut()
        .retain(|d| !entry.allow.iter().any(|a| a.rule == d.code));
    for allow in &entry.allow {
        if rules::find(&allow.rule).is_none() {
            let help = match suggest(&allow.rule, rules::all().map(|r| r.id)) {
                Some(id) => format!("did you mean `{id}`? (kaynak check --list-rules lists them)"),
                None => "kaynak check --list-rules lists the rules".into(),
            };
            cx.report(
                &ALLOW_UNKNOWN_RULE,
                allow.span,
                format!("`{}` is not a check rule", allow.rule),
                help,
            );
        } else if allow.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            cx.report(
                &ALLOW_WITHOUT_REASON,
                allow.span,
                format!("`{}` is silenced without a reason", allow.rule),
                format!("say why: {{ rule = \"{}\", reason = \"…\" }}", allow.rule),
            );
        }
    }
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
