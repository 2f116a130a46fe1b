//! Day arithmetic for date checks: a date part's earliest and latest day, day
//! numbers for "how many days between", and today's date from the system clock.
//! Dates here are proleptic Gregorian, which is what EDTF means.

use crate::model::{days_in_month, DatePart};

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

/// Days since 1970-01-01 (negative before), by the well-known civil-calendar
/// formula (era of 400 years = 146097 days).
pub fn day_number((year, month, day): Day) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`day_number`].
pub fn from_day_number(days: i64) -> Day {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (
        i32::try_from(year).unwrap_or(i32::MAX),
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
}

/// Today's date (UTC) from the system clock.
pub fn today() -> DatePart {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let (year, month, day) = from_day_number(days);
    DatePart::ymd(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_count() {
        assert_eq!(day_number((1970, 1, 1)), 0);
        assert_eq!(day_number((2000, 3, 1)) - day_number((2000, 2, 28)), 2);
        for days in [-800_000, -1, 0, 59, 60, 20_000, 2_000_000] {
            assert_eq!(day_number(from_day_number(days)), days);
        }
        assert_eq!(from_day_number(day_number((2026, 11, 28))), (2026, 11, 28));
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
