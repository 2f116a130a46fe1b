//! The typed, validated CSL style model: what the evaluator walks.
//!
//! Everything here is plain data produced by the style reader
//! ([`crate::style`]) and, for terms and date formats, by the locale reader
//! ([`crate::locale`]): it sits below both. Nothing here reads XML or renders
//! output.

mod dates;
#[cfg(feature = "multilingual")]
pub mod ext;
mod formatting;
mod names;
mod terms;

pub use dates::*;
pub use formatting::*;
pub use names::*;
pub use terms::*;

pub use crate::variable::{Variable, VariableKind};

/// Whether the style produces in-text citations or notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StyleClass {
    /// `in-text`.
    #[default]
    InText,
    /// `note`.
    Note,
}

/// What a `cs:text` prints.
#[derive(Debug, Clone)]
pub enum TextSource {
    /// `variable`, in a form (`long` or `short`).
    Variable {
        /// The variable.
        name: Variable,
        /// Its form.
        form: TermForm,
    },
    /// `variable` naming a variable CSL does not define (the style reader
    /// warns): it renders nothing, as an absent variable does, for groups too.
    /// `cs:number` and `cs:date` with such a variable read as this.
    UnknownVariable(String),
    /// `macro`, by index in [`crate::Style::macros`].
    Macro(usize),
    /// `term`, with its form and plural.
    Term {
        /// The term's name.
        name: String,
        /// Its form.
        form: TermForm,
        /// `plural="true"`.
        plural: bool,
    },
    /// `value`: literal text.
    Value(String),
}

/// `cs:text`.
#[derive(Debug, Clone)]
pub struct Text {
    /// What it prints.
    pub source: TextSource,
    /// Formatting and affixes.
    pub rendering: Rendering,
}

/// `form` on `cs:number`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberForm {
    /// `numeric`.
    #[default]
    Numeric,
    /// `ordinal`.
    Ordinal,
    /// `long-ordinal`.
    LongOrdinal,
    /// `roman`.
    Roman,
}

/// `cs:number`.
#[derive(Debug, Clone)]
pub struct Number {
    /// The number variable.
    pub variable: Variable,
    /// `form`.
    pub form: NumberForm,
    /// Formatting and affixes.
    pub rendering: Rendering,
}

/// `cs:label`.
#[derive(Debug, Clone)]
pub struct Label {
    /// The variable whose term it prints (`locator` prints the cite's label);
    /// `None` inside `cs:names` (the names' variable gives the term), and
    /// when absent or not a CSL variable (it prints nothing).
    pub variable: Option<Variable>,
    /// `form`.
    pub form: TermForm,
    /// `plural`.
    pub plural: Plural,
    /// Formatting and affixes.
    pub rendering: Rendering,
}

/// `cs:group`: printed only when a variable inside it prints.
#[derive(Debug, Clone)]
pub struct Group {
    /// The elements inside.
    pub children: Vec<Element>,
    /// `delimiter`.
    pub delimiter: Option<String>,
    /// Formatting and affixes.
    pub rendering: Rendering,
}

/// `match` on a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// `all`.
    All,
    /// `any`.
    Any,
    /// `none`.
    None,
}

/// A cite's position (`position` condition).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// `first`.
    First,
    /// `subsequent`.
    Subsequent,
    /// `ibid`.
    Ibid,
    /// `ibid-with-locator`.
    IbidWithLocator,
    /// `near-note`.
    NearNote,
}

/// The tests of a `cs:if` or `cs:else-if`.
#[derive(Debug, Clone, Default)]
pub struct Condition {
    /// `match` (default `all`).
    pub match_mode: Option<Match>,
    /// `disambiguate`.
    pub disambiguate: Option<bool>,
    /// `is-numeric`.
    pub is_numeric: Vec<Variable>,
    /// `is-uncertain-date`.
    pub is_uncertain_date: Vec<Variable>,
    /// `locator`.
    pub locator: Vec<String>,
    /// `position`.
    pub position: Vec<Position>,
    /// `type`: item types.
    pub types: Vec<String>,
    /// Per type, its id in the style's list of tested types (see
    /// [`crate::Style::type_id`]): a condition compares ids, not strings.
    pub type_ids: Vec<u16>,
    /// `type_ids` as a set of bits, when every id is below 128 (always, but
    /// for styles that test more than 128 type names): one test instead of a
    /// walk down the list, which long `type` lists made a hot spot.
    pub type_mask: Option<u128>,
    /// `variable`: variables that must be present.
    pub variables: Vec<Variable>,
    /// A `variable`, `is-numeric` or `is-uncertain-date` test names a
    /// variable CSL does not define (the style reader warns): that test
    /// fails, as it would for an absent variable.
    pub unknown_variable: bool,
    /// kaynak multilingual extension: `k:language` (primary subtags).
    #[cfg(feature = "multilingual")]
    pub ext_language: Vec<String>,
}

/// A `cs:if` or `cs:else-if`.
#[derive(Debug, Clone)]
pub struct Branch {
    /// Its tests.
    pub condition: Condition,
    /// The elements rendered when they pass.
    pub children: Vec<Element>,
}

/// `cs:choose`.
#[derive(Debug, Clone)]
pub struct Choose {
    /// `cs:if` and the `cs:else-if`s, in order.
    pub branches: Vec<Branch>,
    /// `cs:else`.
    pub otherwise: Vec<Element>,
}

/// A rendering element.
#[derive(Debug, Clone)]
pub enum Element {
    /// `cs:text`.
    Text(Text),
    /// `cs:number`.
    Number(Number),
    /// `cs:label`.
    Label(Label),
    /// `cs:date`.
    Date(Box<DateElement>),
    /// `cs:names`.
    Names(Box<Names>),
    /// `cs:group`.
    Group(Group),
    /// `cs:choose`.
    Choose(Choose),
    /// kaynak multilingual extension: an element with `k:` attributes.
    #[cfg(feature = "multilingual")]
    Ext(Box<ext::ElementExt>),
}

/// `sort` on `cs:key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    /// `ascending`.
    Ascending,
    /// `descending`.
    Descending,
}

/// What a `cs:key` sorts on.
#[derive(Debug, Clone)]
pub enum SortKeySource {
    /// `variable`.
    Variable(Variable),
    /// `macro`, by index.
    Macro(usize),
}

/// `cs:key`.
#[derive(Debug, Clone)]
pub struct SortKey {
    /// Variable or macro.
    pub source: SortKeySource,
    /// `sort`.
    pub direction: SortDirection,
    /// `names-min`.
    pub names_min: Option<usize>,
    /// `names-use-first`.
    pub names_use_first: Option<usize>,
    /// `names-use-last`.
    pub names_use_last: Option<bool>,
    /// kaynak multilingual extension: `k:forms`, `k:script-order` on the key.
    #[cfg(feature = "multilingual")]
    pub ext: Option<Box<ext::KeyExt>>,
}

/// `cs:layout`.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The elements.
    pub elements: Vec<Element>,
    /// `delimiter` between the cites of a citation.
    pub delimiter: Option<String>,
    /// Formatting and affixes.
    pub rendering: Rendering,
}

/// `collapse` on `cs:citation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collapse {
    /// `citation-number`.
    CitationNumber,
    /// `year`.
    Year,
    /// `year-suffix`.
    YearSuffix,
    /// `year-suffix-ranged`.
    YearSuffixRanged,
}

/// Options of `cs:citation`.
#[derive(Debug, Clone, Default)]
pub struct CitationOptions {
    /// `disambiguate-add-names`.
    pub disambiguate_add_names: bool,
    /// `disambiguate-add-givenname`.
    pub disambiguate_add_givenname: bool,
    /// `givenname-disambiguation-rule`.
    pub givenname_rule: Option<GivennameRule>,
    /// `disambiguate-add-year-suffix`.
    pub disambiguate_add_year_suffix: bool,
    /// `collapse`.
    pub collapse: Option<Collapse>,
    /// `cite-group-delimiter`.
    pub cite_group_delimiter: Option<String>,
    /// `year-suffix-delimiter`.
    pub year_suffix_delimiter: Option<String>,
    /// `after-collapse-delimiter`.
    pub after_collapse_delimiter: Option<String>,
    /// `near-note-distance`.
    pub near_note_distance: Option<u32>,
}

/// `second-field-align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFieldAlign {
    /// `flush`.
    Flush,
    /// `margin`.
    Margin,
}

/// Options of `cs:bibliography`.
#[derive(Debug, Clone, Default)]
pub struct BibliographyOptions {
    /// `hanging-indent`.
    pub hanging_indent: bool,
    /// `second-field-align`.
    pub second_field_align: Option<SecondFieldAlign>,
    /// `line-spacing`.
    pub line_spacing: Option<u32>,
    /// `entry-spacing`.
    pub entry_spacing: Option<u32>,
    /// `subsequent-author-substitute`.
    pub subsequent_author_substitute: Option<String>,
    /// `subsequent-author-substitute-rule`.
    pub subsequent_author_substitute_rule: SubstituteRule,
}

/// `subsequent-author-substitute-rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SubstituteRule {
    /// `complete-all`.
    #[default]
    CompleteAll,
    /// `complete-each`.
    CompleteEach,
    /// `partial-each`.
    PartialEach,
    /// `partial-first`.
    PartialFirst,
}

/// `cs:citation` or `cs:bibliography`.
#[derive(Debug, Clone)]
pub struct Section {
    /// `cs:layout`.
    pub layout: Layout,
    /// `cs:sort` keys.
    pub sort: Vec<SortKey>,
    /// Inheritable name options set on the section.
    pub name_options: NameOptions,
    /// `names-delimiter` set on the section.
    pub names_delimiter: Option<String>,
    /// Citation options (defaults for a bibliography).
    pub citation: CitationOptions,
    /// Bibliography options (defaults for a citation).
    pub bibliography: BibliographyOptions,
}

/// `page-range-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageRangeFormat {
    /// `chicago` or `chicago-15`.
    Chicago,
    /// `chicago-16`.
    Chicago16,
    /// `expanded`.
    Expanded,
    /// `minimal`.
    Minimal,
    /// `minimal-two`.
    MinimalTwo,
    /// `verbatim`.
    #[default]
    Verbatim,
}

/// `cs:macro`.
#[derive(Debug, Clone)]
pub struct Macro {
    /// Its name.
    pub name: String,
    /// Its elements.
    pub elements: Vec<Element>,
}

/// Global style options.
#[derive(Debug, Clone, Default)]
pub struct StyleOptions {
    /// `initialize-with-hyphen`.
    pub initialize_with_hyphen: bool,
    /// `page-range-format`.
    pub page_range_format: Option<PageRangeFormat>,
    /// `demote-non-dropping-particle`.
    pub demote_non_dropping_particle: Option<DemoteParticle>,
    /// Inheritable name options set on `cs:style`.
    pub name_options: NameOptions,
    /// `names-delimiter` set on `cs:style`.
    pub names_delimiter: Option<String>,
}
