//! Day arithmetic for date checks: a date part's earliest and latest day, day
//! numbers for "how many days between", and today's local date from the
//! system clock. Dates here are proleptic Gregorian, which is what EDTF means
//! and what chrono counts in.

use crate::model::{days_in_month, DatePart};
use chrono::{Datelike, Local, NaiveDate};

/// A calendar day as (year, month, day), comparable chronologically.
pub type Day = (i32, u8, u8);

/// The first day a (possibly imprecise) date part can mean: `2021` → 2021-01-01.
pub fn earliest(part: &DatePart) -> Day {
    let month = part.month.or(part.season.map(|s| s * 3 - 2)).unwrap_or(1);
    (part.year, month, part.day.unwrap_or(1))
}

/// The last day a date part can mean: `2021` → 2021-12-31, `2021-02` → 2021-02-28.
pub fn latest(part: &DatePart) -> Day {
    let month = part.month.or(part.season.map(|s| s * 3)).unwrap_or(12);
    let day = part
        .day
        .unwrap_or_else(|| days_in_month(part.year, month).max(1));
    (part.year, month, day)
}

/// Days since 1970-01-01 (negative before). A day past the end of its month
/// (an impossible date, reported by its own rule) counts as the month's last.
pub fn day_number((year, month, day): Day) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let last = days_in_month(year, month.clamp(1, 12)).max(1);
    NaiveDate::from_ymd_opt(
        year,
        u32::from(month.clamp(1, 12)),
        u32::from(day.clamp(1, last)),
    )
    .map_or(0, |date| (date - epoch).num_days())
}

/// Today's date where the user is: the local calendar day of the system
/// clock, in the time zone of the system (or of `TZ`). A user in Baku who
/// records at 01:00 the day she visited a page is not told it is in the
/// future, as a UTC date would.
pub fn today() -> DatePart {
    local_day(Local::now().date_naive())
}

/// A calendar date as a date part.
pub fn local_day(date: NaiveDate) -> DatePart {
    // Months and days fit in a byte; the year is chrono's (±262,143).
    DatePart::ymd(date.year(), date.month() as u8, date.day() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(day_number((1970, 1, 1)), 0);
        assert_eq!(day_number((1969, 12, 31)), -1);
        assert_eq!(day_number((2000, 3, 1)) - day_number((2000, 2, 28)), 2);
        assert_eq!(day_number((1900, 3, 1)) - day_number((1900, 2, 28)), 1);
        assert_eq!(day_number((2021, 2, 30)), day_number((2021, 2, 28)));
        assert_eq!(day_number((-44, 3, 15)), -735_525);
    }

    #[test]
    fn today_is_a_local_calendar_day() {
        let day = local_day(NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
        assert_eq!(day, DatePart::ymd(2026, 12, 5));
        assert!(today().is_possible());
    }

    #[test]
    fn imprecise_dates_span_their_period() {
        let year = DatePart {
            year: 2024,
            ..DatePart::default()
        };
        assert_eq!(earliest(&year), (2024, 1, 1));
        assert_eq!(latest(&year), (2024, 12, 31));
        let feb = DatePart {
            year: 2024,
            month: Some(2),
            ..DatePart::default()
        };
        assert_eq!(latest(&feb), (2024, 2, 29));
    }
}
