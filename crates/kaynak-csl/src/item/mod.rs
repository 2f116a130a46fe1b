//! The item interface the engine reads: one trait, so CSL-JSON items and
//! kaynak's own records go through the same code.

use crate::variable::Variable;
use std::borrow::Cow;

// kaynak multilingual extension (docs/csl-extension.md): the form query type.
#[cfg(feature = "multilingual")]
pub mod forms;
#[cfg(feature = "multilingual")]
pub use forms::FormQuery;

/// A personal or institutional name, in CSL's parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Name {
    /// Family name (`Doe`).
    pub family: Option<String>,
    /// Given name(s) (`John`).
    pub given: Option<String>,
    /// Particle dropped when the name is inverted (`van` in Ludwig van Beethoven).
    pub dropping_particle: Option<String>,
    /// Particle kept with the family name (`de` in `de Gaulle`).
    pub non_dropping_particle: Option<String>,
    /// Suffix (`Jr.`, `III`).
    pub suffix: Option<String>,
    /// Whether a comma goes before the suffix (CSL-JSON `comma-suffix`).
    pub comma_suffix: bool,
    /// Given name after family name in every form (CSL-JSON `static-ordering`; East Asian names).
    pub static_ordering: bool,
    /// An institution or any name given as one string.
    pub literal: Option<String>,
}

/// A date or date range; months 1–12, seasons 13–16 (or `season`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Date {
    /// One `[year, month, day]` (0 = absent) or two for a range.
    pub parts: Vec<[i32; 3]>,
    /// A season (CSL-JSON `season`) when no month stands for it.
    pub season: Option<String>,
    /// Whether the date is approximate (`circa`).
    pub circa: bool,
    /// The date as free text, printed as it is.
    pub literal: Option<String>,
}

impl Date {
    /// Whether the date says anything: a part or a literal (a date with
    /// neither renders as an absent variable).
    pub fn is_given(&self) -> bool {
        !self.parts.is_empty() || self.literal.is_some()
    }

    /// The start (or only) date, as `[year, month, day]`.
    pub fn start(&self) -> Option<&[i32; 3]> {
        self.parts.first()
    }

    /// The end of a range, as `[year, month, day]`.
    pub fn end(&self) -> Option<&[i32; 3]> {
        self.parts.get(1)
    }

    /// The start's year.
    pub fn year(&self) -> Option<i32> {
        self.start().map(|p| p[0])
    }
}

/// What the CSL engine needs from a bibliographic item.
///
/// Variables are asked for by [`Variable`]. Their [`kind`](Variable::kind)
/// says where an item keeps them: standard and number variables as text
/// ([`CslItem::variable`]), name variables as names ([`CslItem::names`]),
/// date variables as dates ([`CslItem::date`]). The engine may also ask
/// an accessor about a variable of another kind (a style is free to write
/// `<text variable="issued"/>`): the answer is then usually `None`.
///
/// `Sync`, because a large run renders items on several threads at once.
pub trait CslItem: Sync {
    /// Unique key of the item.
    fn id(&self) -> &str;
    /// CSL item type (`book`, `article-journal`, …).
    fn item_type(&self) -> &str;
    /// Language tag of the item (used for title case and locales).
    fn language(&self) -> Option<&str> {
        self.variable(Variable::Language)
    }
    /// A standard or number variable as text.
    fn variable(&self, variable: Variable) -> Option<&str>;
    /// A name variable (author, editor, …).
    fn names(&self, variable: Variable) -> Option<Cow<'_, [Name]>>;
    /// A date variable (issued, accessed, …).
    fn date(&self, variable: Variable) -> Option<Cow<'_, Date>>;
    /// The variables the item may have, as bits by [`Variable::index`]: a
    /// set holding every variable for which [`CslItem::variable`],
    /// [`CslItem::names`] or [`CslItem::date`] gives something (it may hold
    /// more). `None`, the default: any. A run asks each item about every
    /// variable its style tests or prints; this lets it pass over the many
    /// an item lacks.
    fn held_variables(&self) -> Option<u128> {
        None
    }
    /// Whether the item has a value, names or a date for `variable` (what a
    /// `variable=` condition asks). An item that knows which variables it
    /// holds answers without looking the value up; the answer must be the
    /// default's.
    fn has_variable(&self, variable: Variable) -> bool {
        self.variable(variable).is_some()
            || self.names(variable).is_some()
            || self.date(variable).is_some_and(|d| d.is_given())
    }

    // --- kaynak multilingual extension (docs/csl-extension.md) ---------------
    /// One form of a text variable: the original, the record's own
    /// transliteration, a transliteration under a scheme, or a translation.
    /// The default serves plain items: the original is [`CslItem::variable`],
    /// schemes transliterate it, there is no record translit or translation.
    #[cfg(feature = "multilingual")]
    fn text_form(&self, variable: Variable, query: FormQuery<'_>) -> Option<Cow<'_, str>> {
        forms::default_text_form(self.variable(variable), query)
    }
    /// A name variable with every part in one form; a part without that form
    /// is `None`. The list has the same length and order as the original.
    #[cfg(feature = "multilingual")]
    fn names_form(&self, variable: Variable, query: FormQuery<'_>) -> Option<Cow<'_, [Name]>> {
        forms::default_names_form(self.names(variable), query)
    }
}
