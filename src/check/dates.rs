//! Dates in general: days that do not exist (2021-02-30), ranges that run
//! backwards, and publication dates in the future. Access dates have their own
//! family ([`super::access`]); unparseable dates are load errors.

use super::calendar::{earliest, latest};
use super::rules::rules;
use super::RecordCx;
use crate::model::Date;

rules! {
    family: "dates", record: check;

    /// The date parses but names no day of the calendar: 30 February, 29
    /// February outside a leap year, 31 April. Styles would print it as
    /// written; check the day against the month.
    IMPOSSIBLE_DATE {
        id: "impossible-date",
        severity: Error,
        summary: "a date names a day that does not exist (2021-02-30, 2023-02-29)",
    }

    /// A range (`"2010/1994"`) whose end comes before its start: the two
    /// dates are probably swapped. Write the earlier date first.
    BACKWARDS_RANGE {
        id: "backwards-range",
        severity: Error,
        summary: "a date range ends before it starts",
    }

    /// `issued` is after today (or the `as-of` date of `kaynak.toml`). A
    /// forthcoming work says so with `status = "forthcoming"`, which silences
    /// this rule.
    ISSUED_IN_FUTURE {
        id: "issued-in-future",
        severity: Warning,
        summary: "the publication date is after today (forthcoming? say so in `status`)",
    }

    /// The year 0000 is often a placeholder for "unknown", but EDTF reads it as
    /// 1 BC and no style prints it. If the year is unknown, delete the field:
    /// styles then print "n.d.".
    YEAR_ZERO {
        id: "year-zero",
        severity: Error,
        summary: "a date has the year 0000, which styles cannot print (a placeholder for an unknown year?)",
    }
}

pub fn check(cx: &mut RecordCx) {
    let entry = cx.entry;
    for (name, field) in &entry.dates {
        let date = &field.value;
        if date.parts().any(|p| p.year == 0) {
            cx.report(
                &YEAR_ZERO,
                field.span,
                format!("`{name}` has the year 0000, and no style prints a date for it"),
                "if the year is unknown, delete the field (styles say “n.d.”); EDTF reads 0000 as 1 BC".into(),
            );
            continue;
        }
        if let Some(part) = date.parts().find(|p| !p.is_possible()) {
            cx.report(
                &IMPOSSIBLE_DATE,
                field.span,
                format!("`{name}`: {part} does not exist"),
                "check the day against the month (30 days hath September …)".into(),
            );
            continue;
        }
        if let (Some(start), Some(end)) = (date.first(), date.last()) {
            if date.end.is_some() && latest(end) < earliest(start) {
                cx.report(
                    &BACKWARDS_RANGE,
                    field.span,
                    format!("`{name}`: the range {date} ends before it starts"),
                    format!("write the earlier date first: {name} = \"{end}/{start}\""),
                );
            }
        }
    }
    issued_in_future(cx);
}

fn issued_in_future(cx: &mut RecordCx) {
    let Some(field) = cx.entry.dates.get("issued") else {
        return;
    };
    if cx.entry.texts.contains_key("status") {
        return;
    }
    let today = cx.options.today;
    let today_day = (today.year, today.month.unwrap_or(1), today.day.unwrap_or(1));
    if let Some(first) = Date::first(&field.value) {
        if earliest(first) > today_day {
            cx.report(
                &ISSUED_IN_FUTURE,
                field.span,
                format!("issued {}, after today ({today})", field.value),
                "fix the date, or mark it as forthcoming with status = \"forthcoming\"".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::fires;

    fn doc(extra: &str) -> String {
        format!("type = \"document\"\ntitle = \"T\"\n{extra}")
    }

    #[test]
    fn valid_dates_are_quiet() {
        for d in [
            "issued = 2024-02-29",
            "issued = \"1994/2010\"",
            "issued = \"2026\"",
            "issued = \"2019/..\"",
        ] {
            let text = doc(&format!("{d}\n"));
            for rule in ["impossible-date", "backwards-range", "issued-in-future"] {
                assert!(!fires(&text, rule), "{d} {rule}");
            }
        }
        assert!(!fires(
            &doc("issued = \"2030\"\nstatus = \"forthcoming\"\n"),
            "issued-in-future"
        ));
    }

    #[test]
    fn bad_dates_fire() {
        assert!(fires(&doc("issued = \"2021-02-30\"\n"), "impossible-date"));
        assert!(fires(
            &doc("original-date = \"2023-02-29\"\n"),
            "impossible-date"
        ));
        assert!(fires(&doc("issued = \"2010/1994\"\n"), "backwards-range"));
        assert!(fires(&doc("issued = \"2027\"\n"), "issued-in-future"));
        assert!(fires(&doc("issued = \"0000\"\n"), "year-zero"));
        assert!(fires(&doc("issued = 0\n"), "year-zero"));
        assert!(fires(&doc("issued = \"0000/2010\"\n"), "year-zero"));
        assert!(!fires(&doc("issued = \"-0044\"\n"), "year-zero"));
    }
}
