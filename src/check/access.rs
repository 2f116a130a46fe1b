//! Access dates (`accessed`): when a source was read online. They must be a
//! day, not in the future, not before publication, present where a style
//! needs them, absent where there is nothing to access, and recent enough that
//! the link is still worth trusting. Many records sharing one access date is
//! noted (often a batch import), never an error.

use super::calendar::{day_number, earliest, latest, Day};
use super::context::unlocated;
use super::rules::rules;
use super::{has_link, Checked, Options, RecordCx, SHARED_ACCESS_MIN};
use crate::diag::{Diagnostic, Span};
use crate::model::requirements::requirements;
use crate::model::{Date, Entry};
use std::collections::HashMap;

rules! {
    family: "access", record: check, library: shared_dates;

    /// An online source can change or vanish, so styles print the day it was
    /// read where it has no date of its own (and GOST R 7.0.5 always: "дата
    /// обращения"). Add `accessed = YYYY-MM-DD`, the day you last read it.
    MISSING_ACCESSED {
        id: "missing-accessed",
        severity: Warning,
        summary: "an online source lacks the access date its profile needs (undated online sources; every online source under gost)",
    }

    /// An access date is a day in the past; one after today (or the `as-of`
    /// date) is a typo in the year or month.
    ACCESSED_IN_FUTURE {
        id: "accessed-in-future",
        severity: Error,
        summary: "the access date is after today (or the as-of date)",
    }

    /// A source is read after it is published, so one of the two dates is
    /// wrong. Both are compared at their precision: `accessed` in 2020 is not
    /// before `issued = "2020"`.
    ACCESSED_BEFORE_ISSUED {
        id: "accessed-before-issued",
        severity: Error,
        summary: "the access date is before the source was published",
    }

    /// The record has an access date but nothing to access: no `URL`, no
    /// `DOI`, and a type that does not call for one. Add the address you read
    /// it at, or remove `accessed`.
    ACCESSED_WITHOUT_LINK {
        id: "accessed-without-link",
        severity: Warning,
        summary: "an access date on a record with no URL or DOI, whose type does not call for one",
    }

    /// The access date is older than `max-access-age-days` (`[check]` in
    /// `kaynak.toml`; three years by default): links rot, so open it again and
    /// update `accessed`, or cite an archived copy.
    STALE_ACCESS {
        id: "stale-access",
        severity: Warning,
        summary: "the access date is older than the maximum age: re-check the link",
    }

    /// An access date names the day you read the source: a month, a year or a
    /// range is not one.
    ACCESSED_IMPRECISE {
        id: "accessed-imprecise",
        severity: Warning,
        summary: "the access date is not a single day",
    }

    /// Under the `chicago` profile: Chicago prints an access date only for
    /// sources without a publication date, so this one will not appear. Keep
    /// it for your records, or remove it.
    ACCESSED_NOT_PRINTED {
        id: "accessed-not-printed",
        severity: Info,
        summary: "the profile's style will not print this access date (chicago: dated sources)",
    }

    /// Five or more records share one access date — often a batch import that
    /// stamped them all. Reported once, at the first record (in key order);
    /// if they were checked together, re-check them together.
    SHARED_ACCESS_DATE {
        id: "shared-access-date",
        severity: Info,
        summary: "many records share one access date (a batch import? re-check them together)",
    }
}

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
        let d = unlocated(
            &SHARED_ACCESS_DATE,
            record.path,
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
