//! Dates: the subset of EDTF (ISO 8601-2) levels 0 and 1 that bibliographies need.
//!
//! Accepted: `2021`, `2021-03`, `2021-03-31`, seasons `2021-21`…`2021-24`,
//! negative years (`-0044` = 45 BC), qualifiers `?` (uncertain), `~` (approximate)
//! and `%` (both) after a date, and ranges `1994/2010` with open (`..`) or
//! unknown (empty) ends. Calendar impossibilities (`2021-02-30`) parse, so that
//! `kaynak check` can point at them; [`DatePart::is_possible`] tells.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One calendar date, as precise as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct DatePart {
    pub year: i32,
    /// 1–12.
    pub month: Option<u8>,
    /// 1–31 (not checked against the month: see [`DatePart::is_possible`]).
    pub day: Option<u8>,
    /// 1 spring, 2 summer, 3 autumn, 4 winter (EDTF 21–24).
    pub season: Option<u8>,
    /// `~`: approximately (circa).
    pub approximate: bool,
    /// `?`: uncertain.
    pub uncertain: bool,
}

/// One end of a date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Endpoint {
    Known(DatePart),
    /// An empty end: the date is unknown.
    Unknown,
    /// `..`: the range is open (goes on).
    Open,
}

/// A date or a range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Date {
    pub start: Endpoint,
    /// `Some` for ranges.
    pub end: Option<Endpoint>,
}

/// Why a date string was rejected, with a suggested ISO form where one is clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub suggestion: Option<String>,
}

impl DatePart {
    /// A complete date.
    pub fn ymd(year: i32, month: u8, day: u8) -> DatePart {
        DatePart {
            year,
            month: Some(month),
            day: Some(day),
            ..DatePart::default()
        }
    }

    /// False for days that don't exist (`2021-02-30`, `2023-02-29`).
    pub fn is_possible(&self) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => d >= 1 && d <= days_in_month(self.year, m),
            _ => true,
        }
    }

    /// A key that orders dates chronologically; missing parts sort first.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        let month = self.month.or(self.season.map(|s| s * 3 - 2)).unwrap_or(0);
        (self.year, month, self.day.unwrap_or(0))
    }
}

/// Days in a month of the proleptic Gregorian calendar (0 for a month that
/// is not 1–12, or a year outside chrono's range).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    use chrono::{Datelike, NaiveDate};
    NaiveDate::from_ymd_opt(year, u32::from(month), 1).map_or(0, |first| first.num_days_in_month())
}

impl Date {
    /// A single, exact date.
    pub fn single(part: DatePart) -> Date {
        Date {
            start: Endpoint::Known(part),
            end: None,
        }
    }

    /// The first known date part (the start, else the end of a range).
    pub fn first(&self) -> Option<&DatePart> {
        match (&self.start, &self.end) {
            (Endpoint::Known(p), _) => Some(p),
            (_, Some(Endpoint::Known(p))) => Some(p),
            _ => None,
        }
    }

    /// The last known date part (the end of a range, else the start).
    pub fn last(&self) -> Option<&DatePart> {
        match (&self.end, &self.start) {
            (Some(Endpoint::Known(p)), _) => Some(p),
            (_, Endpoint::Known(p)) => Some(p),
            _ => None,
        }
    }

    /// The year of the first known part.
    pub fn year(&self) -> Option<i32> {
        self.first().map(|p| p.year)
    }

    /// Every known part (one for a date, up to two for a range).
    pub fn parts(&self) -> impl Iterator<Item = &DatePart> {
        let end = self.end.as_ref();
        [Some(&self.start), end]
            .into_iter()
            .flatten()
            .filter_map(|e| match e {
                Endpoint::Known(p) => Some(p),
                _ => None,
            })
    }

    /// Parses the EDTF subset described in the module docs.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DateError::plain("the date is empty"));
        }
        match text.split_once('/') {
            Some((start, end)) if !end.contains('/') => {
                if start.is_empty() && end.is_empty() {
                    return Err(DateError::plain("a range needs at least one date"));
                }
                let start = parse_endpoint(start).map_err(|e| e.with_hint(text))?;
                let end = parse_endpoint(end).map_err(|e| e.with_hint(text))?;
                if !matches!(start, Endpoint::Known(_)) && !matches!(end, Endpoint::Known(_)) {
                    // `../..`, `/..`: no date at all, which prints nothing.
                    return Err(DateError::plain("a range needs at least one date"));
                }
                Ok(Date {
                    start,
                    end: Some(end),
                })
            }
            Some(_) => Err(DateError::plain("a range has one `/`").with_hint(text)),
            None => parse_part(text)
                .map(Date::single)
                .map_err(|e| e.with_hint(text)),
        }
    }
}

impl DateError {
    fn plain(message: &str) -> DateError {
        DateError {
            message: message.to_string(),
            suggestion: None,
        }
    }

    /// Adds an ISO suggestion when the input looks like a day-first date.
    fn with_hint(mut self, text: &str) -> DateError {
        if self.suggestion.is_none() {
            self.suggestion = suggest_iso(text);
        }
        self
    }
}

fn parse_endpoint(text: &str) -> Result<Endpoint, DateError> {
    match text {
        "" => Ok(Endpoint::Unknown),
        ".." => Ok(Endpoint::Open),
        _ => parse_part(text).map(Endpoint::Known),
    }
}

fn parse_part(text: &str) -> Result<DatePart, DateError> {
    let (body, approximate, uncertain) = strip_qualifier(text);
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut fields = body.split('-');
    let year_text = fields.next().unwrap_or("");
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::plain(
            "expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD",
        ));
    }
    let year: i32 = year_text.parse().unwrap_or(0);
    let mut part = DatePart {
        year: if negative { -year } else { year },
        approximate,
        uncertain,
        ..DatePart::default()
    };
    if let Some(month) = fields.next() {
        let value = two_digits(month, "month")?;
        match value {
            1..=12 => part.month = Some(value),
            21..=24 => part.season = Some(value - 20),
            _ => {
                return Err(DateError::plain(
                    "the month must be 01–12 (or a season, 21–24)",
                ))
            }
        }
    }
    if let Some(day) = fields.next() {
        if part.season.is_some() {
            return Err(DateError::plain("a season has no day"));
        }
        let value = two_digits(day, "day")?;
        if !(1..=31).contains(&value) {
            return Err(DateError::plain("the day must be 01–31"));
        }
        part.day = Some(value);
    }
    if fields.next().is_some() {
        return Err(DateError::plain("too many parts: expected YYYY-MM-DD"));
    }
    Ok(part)
}

fn strip_qualifier(text: &str) -> (&str, bool, bool) {
    if let Some(rest) = text.strip_suffix('%') {
        (rest, true, true)
    } else if let Some(rest) = text.strip_suffix('~') {
        (rest, true, false)
    } else if let Some(rest) = text.strip_suffix('?') {
        (rest, false, true)
    } else {
        (text, false, false)
    }
}

fn two_digits(text: &str, what: &str) -> Result<u8, DateError> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.parse().unwrap_or(0))
    } else {
        Err(DateError::plain(&format!(
            "the {what} must have two digits"
        )))
    }
}

/// `31.03.2021`, `31/03/2021` or `31-03-2021` (day first, as in Turkey and Russia)
/// → `2021-03-31`; `2021.03.31` → `2021-03-31`.
fn suggest_iso(text: &str) -> Option<String> {
    let fields: Vec<&str> = text.split(['.', '/', '-', ' ']).collect();
    let numbers: Option<Vec<u32>> = fields.iter().map(|f| f.parse().ok()).collect();
    let numbers = numbers?;
    let widths: Vec<usize> = fields.iter().map(|f| f.len()).collect();
    match (numbers.as_slice(), widths.as_slice()) {
        ([d, m, y], [1 | 2, 1 | 2, 4]) if (1..=12).contains(m) && (1..=31).contains(d) => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        ([y, m, d], [4, 1 | 2, 1 | 2]) if (1..=12).contains(m) && (1..=31).contains(d) => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        ([m, y], [1 | 2, 4]) if (1..=12).contains(m) => Some(format!("{y:04}-{m:02}")),
        _ => None,
    }
}

impl fmt::Display for DatePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}", -self.year)?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        if let Some(season) = self.season {
            write!(f, "-{}", season + 20)?;
        } else if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        match (self.approximate, self.uncertain) {
            (true, true) => f.write_str("%"),
            (true, false) => f.write_str("~"),
            (false, true) => f.write_str("?"),
            (false, false) => Ok(()),
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Known(p) => p.fmt(f),
            Endpoint::Unknown => Ok(()),
            Endpoint::Open => f.write_str(".."),
        }
    }
}

impl fmt::Display for Date {
    /// The canonical EDTF form, which [`Date::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.start.fmt(f)?;
        if let Some(end) = &self.end {
            write!(f, "/{end}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let date = Date::parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message));
        assert_eq!(date.to_string(), text);
    }

    #[test]
    fn parses_the_subset() {
        for text in [
            "2021",
            "2021-03",
            "2021-03-31",
            "1994/2010",
            "2021~",
            "2021?",
            "2021-03%",
            "2021-21",
            "-0044",
            "2019/..",
            "/2010",
            "2021-03-01/2021-03-05",
        ] {
            round_trip(text);
        }
        let date = Date::parse("1994/2010").unwrap();
        assert_eq!(date.year(), Some(1994));
        assert_eq!(date.last().map(|p| p.year), Some(2010));
    }

    #[test]
    fn rejects_with_iso_hint() {
        let err = Date::parse("31.03.2021").unwrap_err();
        assert_eq!(err.suggestion.as_deref(), Some("2021-03-31"));
        let err = Date::parse("31/03/2021").unwrap_err();
        assert_eq!(err.suggestion.as_deref(), Some("2021-03-31"));
        for bad in [
            "",
            "21",
            "2021-13",
            "2021-3-1",
            "2021-03-32",
            "March 2021",
            "1/2/3",
            "/",
            "../..",
            "/..",
            "../",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn impossible_days_parse_but_are_flagged() {
        let date = Date::parse("2021-02-30").unwrap();
        assert!(!date.first().unwrap().is_possible());
        assert!(Date::parse("2024-02-29")
            .unwrap()
            .first()
            .unwrap()
            .is_possible());
        assert!(!Date::parse("2023-02-29")
            .unwrap()
            .first()
            .unwrap()
            .is_possible());
    }
}
