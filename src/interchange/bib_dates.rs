//! Dates in `.bib` files: biblatex's ISO 8601-2 `date` fields and BibTeX's
//! `year`, `month` and `day`.
//!
//! - Years are astronomical, as in biblatex: `-0334` is 335 BCE. Years of
//!   one to four digits are read (`800`); a year that is not one
//!   (`20222`, `n.d.`) is refused, and the caller keeps it as written.
//! - Months: numbers, and the names and usual abbreviations in the languages
//!   biblatex localises (English, German, French, Spanish, Italian,
//!   Portuguese, Dutch, Swedish, Norwegian, Danish, Finnish, Polish, Czech,
//!   Turkish, Russian, Ukrainian …), with or without accents and a final dot.
//! - Seasons (`spring`, `Frühling`, `ilkbahar`, `весна` …) are EDTF seasons.
//! - `date`: `2021`, `2021-03-31`, ranges `1994/2010`, open ends `2019/`,
//!   qualifiers `~ ? %`, unspecified digits (`19XX` → `1900/1999`), and a
//!   time of day (dropped).

use crate::model::{Date, DatePart, Endpoint};
use unicode_normalization::UnicodeNormalization;

/// Month names, by month (1-based), lower case without accents; a name
/// matches when it is the whole name or an abbreviation of at least three
/// letters.
const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "januar",
        "janvier",
        "enero",
        "gennaio",
        "janeiro",
        "januari",
        "tammikuu",
        "styczen",
        "leden",
        "ocak",
        "январь",
        "января",
        "січень",
        "januaris",
    ],
    &[
        "february",
        "februar",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "helmikuu",
        "luty",
        "unor",
        "subat",
        "февраль",
        "февраля",
        "лютий",
    ],
    &[
        "march",
        "marz",
        "maerz",
        "mars",
        "marzo",
        "marco",
        "maart",
        "maaliskuu",
        "marzec",
        "brezen",
        "mart",
        "март",
        "марта",
        "березень",
    ],
    &[
        "april",
        "avril",
        "abril",
        "aprile",
        "huhtikuu",
        "kwiecien",
        "duben",
        "nisan",
        "апрель",
        "апреля",
        "квітень",
    ],
    &[
        "may",
        "mai",
        "mayo",
        "maggio",
        "maio",
        "mei",
        "maj",
        "toukokuu",
        "kveten",
        "mayis",
        "май",
        "мая",
        "травень",
    ],
    &[
        "june",
        "juni",
        "juin",
        "junio",
        "giugno",
        "junho",
        "kesakuu",
        "czerwiec",
        "cerven",
        "haziran",
        "июнь",
        "июня",
        "червень",
    ],
    &[
        "july",
        "juli",
        "juillet",
        "julio",
        "luglio",
        "julho",
        "heinakuu",
        "lipiec",
        "cervenec",
        "temmuz",
        "июль",
        "июля",
        "липень",
    ],
    &[
        "august",
        "aout",
        "agosto",
        "augustus",
        "augusti",
        "elokuu",
        "sierpien",
        "srpen",
        "agustos",
        "август",
        "августа",
        "серпень",
    ],
    &[
        "september",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
        "syyskuu",
        "wrzesien",
        "zari",
        "eylul",
        "сентябрь",
        "сентября",
        "вересень",
    ],
    &[
        "october",
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "lokakuu",
        "pazdziernik",
        "rijen",
        "ekim",
        "октябрь",
        "октября",
        "жовтень",
    ],
    &[
        "november",
        "novembre",
        "noviembre",
        "novembro",
        "marraskuu",
        "listopad",
        "kasim",
        "ноябрь",
        "ноября",
        "листопад",
    ],
    &[
        "december",
        "dezember",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "joulukuu",
        "grudzien",
        "prosinec",
        "aralik",
        "декабрь",
        "декабря",
        "грудень",
    ],
];

/// Season names, by EDTF season (1 spring … 4 winter).
const SEASONS: [&[&str]; 4] = [
    &[
        "spring",
        "fruhling",
        "fruehling",
        "printemps",
        "primavera",
        "lente",
        "var",
        "kevat",
        "wiosna",
        "ilkbahar",
        "bahar",
        "весна",
    ],
    &[
        "summer", "sommer", "ete", "verano", "estate", "verao", "zomer", "kesa", "lato", "yaz",
        "лето",
    ],
    &[
        "autumn",
        "fall",
        "herbst",
        "automne",
        "otono",
        "autunno",
        "outono",
        "herfst",
        "host",
        "syksy",
        "jesien",
        "sonbahar",
        "guz",
        "осень",
    ],
    &[
        "winter", "hiver", "invierno", "inverno", "vinter", "talvi", "zima", "kis", "зима",
    ],
];

/// What a `month` field says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Month {
    Month(u8),
    Season(u8),
}

/// Reads a month: `3`, `03`, `mar`, `March`, `März`, `mars.`, `Mayıs`,
/// `spring`.
pub fn month(text: &str) -> Option<Month> {
    let folded = fold(text.trim().trim_end_matches('.'));
    if folded.is_empty() {
        return None;
    }
    if let Ok(n) = folded.parse::<u8>() {
        return match n {
            1..=12 => Some(Month::Month(n)),
            21..=24 => Some(Month::Season(n - 20)),
            _ => None,
        };
    }
    let matches = |name: &&str| {
        *name == folded || (folded.chars().count() >= 3 && name.starts_with(folded.as_str()))
    };
    if let Some(i) = MONTHS.iter().position(|names| names.iter().any(matches)) {
        return u8::try_from(i + 1).ok().map(Month::Month);
    }
    SEASONS
        .iter()
        .position(|names| names.iter().any(|n| *n == folded))
        .and_then(|i| u8::try_from(i + 1).ok())
        .map(Month::Season)
}

/// Lower case, accents removed (`März` → `marz`, `Ağustos` → `agustos`),
/// dotless ı as i.
fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ı' { 'i' } else { c })
        .collect()
}

/// A BibTeX `year` (with `month` and `day` when given): `2020`, `-0334`,
/// `800`, or a range `1994--2010`.
pub fn year_month_day(year: &str, month_text: Option<&str>, day: Option<&str>) -> Option<Date> {
    let year = year.trim();
    if let Some((start, end)) = year
        .split_once("--")
        .or_else(|| year.split_once('–'))
        .or_else(|| year.split_once('/'))
    {
        let (start, end) = (parse_year(start.trim())?, parse_year(end.trim())?);
        return Some(Date {
            start: Endpoint::Known(year_part(start)),
            end: Some(Endpoint::Known(year_part(end))),
        });
    }
    let mut part = year_part(parse_year(year)?);
    match month_text.and_then(month) {
        Some(Month::Month(m)) => {
            part.month = Some(m);
            part.day = day
                .and_then(|d| d.trim().parse::<u8>().ok())
                .filter(|d| (1..=31).contains(d));
        }
        Some(Month::Season(s)) => part.season = Some(s),
        None => {}
    }
    Some(Date::single(part))
}

fn year_part(year: i32) -> DatePart {
    DatePart {
        year,
        ..DatePart::default()
    }
}

/// One to four digits, optionally negative (astronomical).
fn parse_year(text: &str) -> Option<i32> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A biblatex `date` (or `urldate` …) field.
pub fn iso_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let (start, end) = match text.split_once('/') {
        Some((start, end)) => (start, Some(end)),
        None => (text, None),
    };
    let start_endpoint = endpoint(start, true)?;
    let end_endpoint = match end {
        None => None,
        Some(end) => Some(endpoint(end, false)?),
    };
    let date = match (start_endpoint, end_endpoint) {
        (Spec::Range(a, b), None) => Date {
            start: a,
            end: Some(b),
        },
        (Spec::One(a), None) => Date {
            start: a,
            end: None,
        },
        (Spec::One(a) | Spec::Range(a, _), Some(Spec::One(b) | Spec::Range(_, b))) => Date {
            start: a,
            end: Some(b),
        },
    };
    Some(date)
}

enum Spec {
    One(Endpoint),
    /// Unspecified digits (`19XX`) span a range.
    Range(Endpoint, Endpoint),
}

fn endpoint(text: &str, is_start: bool) -> Option<Spec> {
    let text = text.split('T').next().unwrap_or(text).trim();
    match text {
        "" if is_start => return Some(Spec::One(Endpoint::Unknown)),
        "" | ".." => return Some(Spec::One(Endpoint::Open)),
        _ => {}
    }
    if text.contains(['X', 'x', 'u']) {
        return unspecified(text);
    }
    let padded = pad_year(text);
    Date::parse(&padded)
        .ok()
        .and_then(|d| match (d.start, d.end) {
            (start, None) => Some(Spec::One(start)),
            _ => None,
        })
}

/// `800-03` → `0800-03`: biblatex accepts years of fewer than four digits.
fn pad_year(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..4).contains(&digits) {
        format!("{sign}{:0>4}{}", &rest[..digits], &rest[digits..])
    } else {
        text.to_string()
    }
}

/// `19XX` → 1900–1999; `2020-XX` → 2020.
fn unspecified(text: &str) -> Option<Spec> {
    let year = text.get(..4)?;
    let rest = &text[4..];
    let low: String = year
        .chars()
        .map(|c| if c.is_ascii_digit() { c } else { '0' })
        .collect();
    let high: String = year
        .chars()
        .map(|c| if c.is_ascii_digit() { c } else { '9' })
        .collect();
    let (low, high) = (low.parse::<i32>().ok()?, high.parse::<i32>().ok()?);
    if !rest
        .chars()
        .all(|c| matches!(c, '-' | 'X' | 'x' | 'u') || c.is_ascii_digit())
    {
        return None;
    }
    if low == high {
        let month = rest
            .strip_prefix('-')
            .and_then(|m| m.get(..2))
            .and_then(|m| m.parse::<u8>().ok())
            .filter(|m| (1..=12).contains(m));
        let mut part = year_part(low);
        part.month = month;
        return Some(Spec::One(Endpoint::Known(part)));
    }
    Some(Spec::Range(
        Endpoint::Known(year_part(low)),
        Endpoint::Known(year_part(high)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_many_languages() {
        for (text, m) in [
            ("3", 3),
            ("mar", 3),
            ("March", 3),
            ("März", 3),
            ("mars.", 3),
            ("Mayıs", 5),
            ("Ağustos", 8),
            ("декабря", 12),
            ("Sept.", 9),
        ] {
            assert_eq!(month(text), Some(Month::Month(m)), "{text}");
        }
        assert_eq!(month("Spring"), Some(Month::Season(1)));
        assert_eq!(month("sonbahar"), Some(Month::Season(3)));
        assert_eq!(month("13"), None);
        assert_eq!(month("ju"), None);
    }

    #[test]
    fn years_and_iso_dates() {
        let show = |d: Option<Date>| d.map(|d| d.to_string());
        assert_eq!(
            show(year_month_day("1999", Some("oct"), Some("5"))).as_deref(),
            Some("1999-10-05")
        );
        assert_eq!(
            show(year_month_day("-0334", None, None)).as_deref(),
            Some("-0334")
        );
        assert_eq!(
            show(year_month_day("800", None, None)).as_deref(),
            Some("0800")
        );
        assert_eq!(
            show(year_month_day("1994--2010", None, None)).as_deref(),
            Some("1994/2010")
        );
        assert_eq!(
            show(year_month_day("2020", Some("Winter"), None)).as_deref(),
            Some("2020-24")
        );
        assert_eq!(year_month_day("20222", None, None), None);
        assert_eq!(year_month_day("n.d.", None, None), None);
        for (text, want) in [
            ("2021-03-31T10:00:00", "2021-03-31"),
            ("2019/", "2019/.."),
            ("/2010", "/2010"),
            ("19XX", "1900/1999"),
            ("2021-21", "2021-21"),
            ("2020~", "2020~"),
            ("-0334", "-0334"),
        ] {
            assert_eq!(show(iso_date(text)).as_deref(), Some(want), "{text}");
        }
        assert_eq!(iso_date("20222"), None);
    }
}
