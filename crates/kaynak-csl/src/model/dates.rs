//! `cs:date` and its `cs:date-part`s, in a style and in a locale's date
//! formats.

use super::*;

/// A localized date format (`form` on `cs:date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// `text`.
    Text,
    /// `numeric`.
    Numeric,
}

/// Which date parts a localized date shows (`date-parts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DatePartsSelection {
    /// `year-month-day`.
    #[default]
    YearMonthDay,
    /// `year-month`.
    YearMonth,
    /// `year`.
    Year,
}

/// A date part (`name` on `cs:date-part`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePartName {
    /// `year`.
    Year,
    /// `month`.
    Month,
    /// `day`.
    Day,
}

/// How a date part prints (`form` on `cs:date-part`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePartForm {
    /// `numeric`.
    Numeric,
    /// `numeric-leading-zeros`.
    NumericLeadingZeros,
    /// `ordinal`.
    Ordinal,
    /// `long`.
    Long,
    /// `short`.
    Short,
}

/// `cs:date-part`.
#[derive(Debug, Clone)]
pub struct DatePart {
    /// `name`.
    pub name: DatePartName,
    /// `form`.
    pub form: Option<DatePartForm>,
    /// `range-delimiter`.
    pub range_delimiter: Option<String>,
    /// Formatting and affixes.
    pub rendering: Rendering,
}

/// `cs:date`.
#[derive(Debug, Clone)]
pub struct DateElement {
    /// The date variable.
    pub variable: crate::variable::Variable,
    /// `form`.
    pub form: Option<DateForm>,
    /// The parts shown of a localized date.
    pub parts_selection: DatePartsSelection,
    /// The `cs:date-part` children (for a localized date, overrides).
    pub parts: Vec<DatePart>,
    /// `delimiter`.
    pub delimiter: Option<String>,
    /// Formatting and affixes.
    pub rendering: Rendering,
}

/// A date format as defined by a locale (`<date form="text">`).
#[derive(Debug, Clone)]
pub struct LocaleDate {
    /// The parts, in order.
    pub parts: Vec<DatePart>,
    /// `delimiter`.
    pub delimiter: Option<String>,
    /// Formatting and affixes.
    pub rendering: Rendering,
}
