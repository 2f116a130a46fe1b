//! Access dates (`accessed`): when a source was read online. They must be a
//! day, not in the future, not before publication, present where a style
//! needs them, absent where there is nothing to access, and recent enough that
//! the link is still worth trusting. Many records sharing one access date is
//! noted (often a batch import), never an error.

use super::calendar::{day_number, earliest, latest, Day};
use super::{has_link, Checked, Options, RecordCx, Rule, SHARED_ACCESS_MIN};
use crate::diag::{Diagnostic, Severity, Span};
use crate::model::requirements::requirements;
use crate::model::{Date, Entry};
use std::collections::HashMap;

macro_rules! rule {
    ($name:ident, $id:literal, $severity:ident, $summary:literal) => {
        pub static $name: Rule = Rule {
            id: $id,
            severity: Severity::$severity,
            family: "access",
            summary: $summary,
            fixable: false,
        };
    };
}

rule!(MISSING_ACCESSED, "missing-accessed", Warning, "an online source lacks the access date its profile needs (undated online sources; every online source under gost)");
rule!(
    ACCESSED_IN_FUTURE,
    "accessed-in-future",
    Error,
    "the access date is after today (or the as-of date)"
);
rule!(
    ACCESSED_BEFORE_ISSUED,
    "accessed-before-issued",
    Error,
    "the access date is before the source was published"
);
rule!(
    ACCESSED_WITHOUT_LINK,
    "accessed-without-link",
    Warning,
    "an access date on a record with no URL or DOI, whose type does not call for one"
);
rule!(
    STALE_ACCESS,
    "stale-access",
    Warning,
    "the access date is older than the maximum age: re-check the link"
);
rule!(
    ACCESSED_IMPRECISE,
    "accessed-imprecise",
    Warning,
    "the access date is not a single day"
);
rule!(
    ACCESSED_NOT_PRINTED,
    "accessed-not-printed",
    Info,
    "the profile's style will not print this access date (chicago: dated sources)"
);
rule!(
    SHARED_ACCESS_DATE,
    "shared-access-date",
    Info,
    "many records share one access date (a batch import? re-check them together)"
);

pub static RULES: &[&Rule] = &[
    &MISSING_ACCESSED,
    &ACCESSED_IN_FUTURE,
    &ACCESSED_BEFORE_ISSUED,
    &ACCESSED_WITHOUT_LINK,
    &STALE_ACCESS,
    &ACCESSED_IMPRECISE,
    &ACCESSED_NOT_PRINTED,
    &SHARED_ACCESS_DATE,
];

pub fn check(cx: &mut RecordCx) {
    let entry = cx.entry;
    let profile = cx.options.profile;
    if profile.wants_accessed(entry) {
        cx.report_missing(
            &MISSING_ACCESSED,
            format!(
                "an online source without an access date (profile {})",
                profile.name()
            ),
            "add accessed = YYYY-MM-DD: the day you last read it online".into(),
        );
    }
    let Some(field) = entry.dates.get("accessed") else {
        return;
    };
    let span = field.span;
    if profile.drops_accessed(entry) {
        cx.report(
            &ACCESSED_NOT_PRINTED,
            span,
            "chicago prints no access date for a dated source".into(),
            "keep it for your own records, or remove it".into(),
        );
    }
    if !calls_for_link(entry) && !has_link(entry) {
        cx.report(
            &ACCESSED_WITHOUT_LINK,
            span,
            "an access date, but no URL or DOI to access".into(),
            "add the URL you read it at, or remove `accessed`".into(),
        );
    }
    check_date(cx, &field.value, span);
}

/// The access date itself: a day, not in the future, not before publication,
/// not too old.
fn check_date(cx: &mut RecordCx, accessed: &Date, span: Span) {
    let (Some(first), Some(last)) = (accessed.first(), accessed.last()) else {
        return;
    };
    if accessed.end.is_some() || first.day.is_none() {
        cx.report(
            &ACCESSED_IMPRECISE,
            span,
            format!("the access date `{accessed}` is not a single day"),
            "write the day you read it, e.g. accessed = 2021-03-31".into(),
        );
    }
    let today = cx.options.today;
    let today_day = (today.year, today.month.unwrap_or(1), today.day.unwrap_or(1));
    if earliest(first) > today_day {
        cx.report(
            &ACCESSED_IN_FUTURE,
            span,
            format!("the access date {accessed} is after today ({today})"),
            "an access date is the past day you read the source; fix the year or month".into(),
        );
        return;
    }
    if let Some(issued) = cx.entry.date("issued").and_then(Date::first) {
        if latest(last) < earliest(issued) {
            cx.report(
                &ACCESSED_BEFORE_ISSUED,
                span,
                format!("accessed {accessed}, before it was issued ({issued})"),
                "one of the two dates is wrong: a source is read after it is published".into(),
            );
        }
    }
    stale(cx, accessed, span, today_day);
}

fn stale(cx: &mut RecordCx, accessed: &Date, span: Span, today_day: Day) {
    let Some(last) = accessed.last() else {
        return;
    };
    let today = cx.options.today;
    let age = day_number(today_day) - day_number(latest(last));
    if age > cx.options.max_access_age_days {
        let years = age / 365;
        let help = if has_link(cx.entry) {
            "open the link again; if it still works, update `accessed`, else cite an archived copy"
        } else {
            "find the source online again, add its URL and update `accessed`"
        };
        cx.report(
            &STALE_ACCESS,
            span,
            format!("accessed {accessed}, {age} days ({years}+ years) before {today}"),
            help.into(),
        );
    }
}

/// True when the item type lists URL or DOI among its fields: then a missing
/// link is reported by the completeness rules, not here.
fn calls_for_link(entry: &Entry) -> bool {
    let r = requirements(entry.item_type.value);
    r.required
        .iter()
        .flat_map(|g| g.iter())
        .chain(r.recommended)
        .any(|f| *f == "URL" || *f == "DOI")
}

/// Notes access dates shared by many selected records, once per date, at the
/// first record (in key order) that has it.
pub fn shared_dates(records: &[Checked], options: &Options, found: &mut [Vec<Diagnostic>]) {
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        if let Some((date, _)) = &record.summary.accessed {
            groups.entry(date.as_str()).or_default().push(index);
        }
    }
    let mut shared: Vec<(&str, Vec<usize>)> = groups
        .into_iter()
        .filter(|(_, members)| members.len() >= SHARED_ACCESS_MIN)
        .collect();
    shared.sort();
    for (date, members) in shared {
        let Some(&first) = members.iter().find(|i| options.selects(records[**i].key)) else {
            continue;
        };
        let record = &records[first];
        let Some((_, span)) = &record.summary.accessed else {
            continue;
        };
        let others: Vec<&str> = members
            .iter()
            .skip(1)
            .take(3)
            .map(|i| records[*i].key)
            .collect();
        let more = if members.len() > 4 { ", …" } else { "" };
        let message = format!(
            "{} records were accessed on {date} ({}, {}{more})",
            members.len(),
            record.key,
            others.join(", ")
        );
        let d = super::finding(
            &SHARED_ACCESS_DATE,
            record.path,
            record.text,
            *span,
            message,
            "if they were checked together, re-check them together".into(),
        );
        found[first].push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, codes_with, fires, TODAY};
    use super::super::{Options, Profile};

    fn web(extra: &str) -> String {
        format!("type = \"webpage\"\ntitle = \"T\"\nURL = \"https://example.org/\"\ncontainer-title = \"S\"\nauthor = [{{ literal = \"O\" }}]\n{extra}")
    }

    #[test]
    fn good_access_dates_are_quiet() {
        let text = web("issued = \"2020\"\naccessed = 2026-01-01\n");
        assert!(codes(&text).is_empty(), "{:?}", codes(&text));
    }

    #[test]
    fn missing_accessed_depends_on_profile() {
        let undated = web("");
        assert!(fires(&undated, "missing-accessed"));
        let dated = web("issued = \"2020\"\n");
        assert!(!fires(&dated, "missing-accessed"));
        let mut gost = Options::new(TODAY);
        gost.profile = Profile::Gost;
        let found = codes_with(&[("d", &dated)], &gost);
        assert!(found.contains(&"d: missing-accessed".to_string()));
    }

    #[test]
    fn chicago_notes_unprinted_access_dates() {
        let dated = web("issued = \"2020\"\naccessed = 2026-01-01\n");
        let mut chicago = Options::new(TODAY);
        chicago.profile = Profile::Chicago;
        let found = codes_with(&[("d", &dated)], &chicago);
        assert_eq!(found, vec!["d: accessed-not-printed".to_string()]);
    }

    #[test]
    fn future_early_stale_and_imprecise() {
        assert!(fires(
            &web("issued = \"2020\"\naccessed = 2027-01-01\n"),
            "accessed-in-future"
        ));
        assert!(fires(
            &web("issued = \"2020\"\naccessed = 2019-12-31\n"),
            "accessed-before-issued"
        ));
        assert!(!fires(
            &web("issued = \"2020\"\naccessed = 2020-01-01\n"),
            "accessed-before-issued"
        ));
        assert!(fires(
            &web("issued = \"2020\"\naccessed = 2021-03-31\n"),
            "stale-access"
        ));
        assert!(!fires(
            &web("issued = \"2020\"\naccessed = 2025-03-31\n"),
            "stale-access"
        ));
        assert!(fires(
            &web("issued = \"2020\"\naccessed = \"2021-03\"\n"),
            "accessed-imprecise"
        ));
    }

    #[test]
    fn access_date_needs_something_to_access() {
        let book = "type = \"book\"\ntitle = \"T\"\nauthor = [{ literal = \"O\" }]\nissued = \"2001\"\naccessed = 2026-01-01\n";
        assert!(fires(book, "accessed-without-link"));
        let linked = book.replace("accessed", "URL = \"https://example.org/\"\naccessed");
        assert!(!fires(&linked, "accessed-without-link"));
    }

    #[test]
    fn shared_access_dates_are_one_note() {
        let text = web("issued = \"2020\"\naccessed = 2026-01-01\n");
        let keys = ["a", "b", "c", "d", "e"];
        let records: Vec<(&str, &str)> = keys.iter().map(|k| (*k, text.as_str())).collect();
        let found = codes_with(&records, &Options::new(TODAY));
        let notes: Vec<&String> = found
            .iter()
            .filter(|c| c.ends_with("shared-access-date"))
            .collect();
        assert_eq!(notes, vec!["a: shared-access-date"]);
        let found = codes_with(&records[..4], &Options::new(TODAY));
        assert!(!found.iter().any(|c| c.ends_with("shared-access-date")));
    }
}
