//! The typed, validated CSL style model: what the evaluator walks.
//!
//! Everything here is plain data produced by the style reader
//! ([`crate::style`]) and, for terms and date formats, by the locale reader
//! ([`crate::locale`]): it sits below both. Nothing here reads XML or renders
//! output.

pub mod ext;

/// Whether the style produces in-text citations or notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StyleClass {
    #[default]
    InText,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontStyle {
    #[default]
    Normal,
    Italic,
    Oblique,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontVariant {
    #[default]
    Normal,
    SmallCaps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontWeight {
    #[default]
    Normal,
    Bold,
    Light,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VerticalAlign {
    #[default]
    Baseline,
    Sup,
    Sub,
}

/// The font attributes of a rendering element; `None` means "not set".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Formatting {
    pub font_style: Option<FontStyle>,
    pub font_variant: Option<FontVariant>,
    pub font_weight: Option<FontWeight>,
    pub underline: Option<bool>,
    pub vertical_align: Option<VerticalAlign>,
}

impl Formatting {
    pub fn is_empty(&self) -> bool {
        *self == Formatting::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    Block,
    LeftMargin,
    RightInline,
    Indent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextCase {
    Lowercase,
    Uppercase,
    CapitalizeFirst,
    CapitalizeAll,
    Sentence,
    Title,
}

/// Attributes shared by most rendering elements.
#[derive(Debug, Clone, Default)]
pub struct Rendering {
    pub formatting: Formatting,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub display: Option<Display>,
    pub quotes: bool,
    pub strip_periods: bool,
    pub text_case: Option<TextCase>,
}

/// Term forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TermForm {
    #[default]
    Long,
    Short,
    Verb,
    VerbShort,
    Symbol,
}

impl TermForm {
    /// The fallback order the spec defines for a missing term form.
    pub fn fallbacks(self) -> &'static [TermForm] {
        match self {
            TermForm::Long => &[TermForm::Long],
            TermForm::Short => &[TermForm::Short, TermForm::Long],
            TermForm::Verb => &[TermForm::Verb, TermForm::Long],
            TermForm::VerbShort => &[TermForm::VerbShort, TermForm::Verb, TermForm::Long],
            TermForm::Symbol => &[TermForm::Symbol, TermForm::Short, TermForm::Long],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Plural {
    #[default]
    Contextual,
    Always,
    Never,
}

#[derive(Debug, Clone)]
pub enum TextSource {
    Variable {
        name: String,
        form: TermForm,
    },
    Macro(usize),
    Term {
        name: String,
        form: TermForm,
        plural: bool,
    },
    Value(String),
}

#[derive(Debug, Clone)]
pub struct Text {
    pub source: TextSource,
    pub rendering: Rendering,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberForm {
    #[default]
    Numeric,
    Ordinal,
    LongOrdinal,
    Roman,
}

#[derive(Debug, Clone)]
pub struct Number {
    pub variable: String,
    pub form: NumberForm,
    pub rendering: Rendering,
}

#[derive(Debug, Clone)]
pub struct Label {
    pub variable: String,
    pub form: TermForm,
    pub plural: Plural,
    pub rendering: Rendering,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    Text,
    Numeric,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DatePartsSelection {
    #[default]
    YearMonthDay,
    YearMonth,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePartName {
    Year,
    Month,
    Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePartForm {
    Numeric,
    NumericLeadingZeros,
    Ordinal,
    Long,
    Short,
}

#[derive(Debug, Clone)]
pub struct DatePart {
    pub name: DatePartName,
    pub form: Option<DatePartForm>,
    pub range_delimiter: Option<String>,
    pub rendering: Rendering,
}

#[derive(Debug, Clone)]
pub struct DateElement {
    pub variable: String,
    pub form: Option<DateForm>,
    pub parts_selection: DatePartsSelection,
    pub parts: Vec<DatePart>,
    pub delimiter: Option<String>,
    pub rendering: Rendering,
}

/// A date format as defined by a locale (`<date form="text">`).
#[derive(Debug, Clone)]
pub struct LocaleDate {
    pub parts: Vec<DatePart>,
    pub delimiter: Option<String>,
    pub rendering: Rendering,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameAnd {
    Text,
    Symbol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelimiterPrecedes {
    Contextual,
    AfterInvertedName,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameForm {
    Long,
    Short,
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameAsSortOrder {
    First,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoteParticle {
    Never,
    SortOnly,
    DisplayAndSort,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivennameRule {
    AllNames,
    AllNamesWithInitials,
    PrimaryName,
    PrimaryNameWithInitials,
    ByCite,
}

/// Inheritable name options; `None` means "inherit".
#[derive(Debug, Clone, Default)]
pub struct NameOptions {
    pub and: Option<Option<NameAnd>>,
    pub delimiter: Option<String>,
    pub delimiter_precedes_et_al: Option<DelimiterPrecedes>,
    pub delimiter_precedes_last: Option<DelimiterPrecedes>,
    pub et_al_min: Option<usize>,
    pub et_al_use_first: Option<usize>,
    pub et_al_use_last: Option<bool>,
    pub et_al_subsequent_min: Option<usize>,
    pub et_al_subsequent_use_first: Option<usize>,
    pub form: Option<NameForm>,
    pub initialize: Option<bool>,
    pub initialize_with: Option<String>,
    pub initialize_with_hyphen: Option<bool>,
    pub name_as_sort_order: Option<Option<NameAsSortOrder>>,
    pub sort_separator: Option<String>,
}

macro_rules! inherit_fields {
    ($self:ident, $parent:ident, $grand:ident; $($field:ident),*) => {
        NameOptions { $($field: $self.$field.as_ref()
            .or($parent.$field.as_ref())
            .or($grand.$field.as_ref())
            .cloned()),* }
    };
}

impl NameOptions {
    /// Every unset option from `parent`, else from `grand`, cloning each
    /// option once (this runs for every names element rendered).
    pub fn inherit_from(&self, parent: &NameOptions, grand: &NameOptions) -> NameOptions {
        inherit_fields!(
            self,
            parent,
            grand;
            and,
            delimiter,
            delimiter_precedes_et_al,
            delimiter_precedes_last,
            et_al_min,
            et_al_use_first,
            et_al_use_last,
            et_al_subsequent_min,
            et_al_subsequent_use_first,
            form,
            initialize,
            initialize_with,
            initialize_with_hyphen,
            name_as_sort_order,
            sort_separator
        )
    }
}

/// Formatting for the given/family parts of a name (`cs:name-part`).
#[derive(Debug, Clone, Default)]
pub struct NamePartStyle {
    pub rendering: Rendering,
}

#[derive(Debug, Clone, Default)]
pub struct NameElement {
    pub options: NameOptions,
    pub rendering: Rendering,
    pub given: Option<NamePartStyle>,
    pub family: Option<NamePartStyle>,
}

#[derive(Debug, Clone)]
pub struct EtAl {
    pub term: String,
    pub rendering: Rendering,
}

#[derive(Debug, Clone)]
pub struct Names {
    pub variables: Vec<String>,
    pub name: Option<NameElement>,
    pub et_al: Option<EtAl>,
    pub label: Option<Label>,
    pub label_before_name: bool,
    pub substitute: Option<Vec<Element>>,
    pub delimiter: Option<String>,
    pub rendering: Rendering,
    /// The element's number in the style (in document order), which the
    /// output names it by ([`crate::output::NamesTag::element`]).
    pub id: u16,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub children: Vec<Element>,
    pub delimiter: Option<String>,
    pub rendering: Rendering,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    All,
    Any,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    First,
    Subsequent,
    Ibid,
    IbidWithLocator,
    NearNote,
}

#[derive(Debug, Clone, Default)]
pub struct Condition {
    pub match_mode: Option<Match>,
    pub disambiguate: Option<bool>,
    pub is_numeric: Vec<String>,
    pub is_uncertain_date: Vec<String>,
    pub locator: Vec<String>,
    pub position: Vec<Position>,
    pub types: Vec<String>,
    /// Per type, its id in the style's list of tested types (see
    /// [`crate::Style::type_id`]): a condition compares ids, not strings.
    pub type_ids: Vec<u16>,
    pub variables: Vec<String>,
    /// Per variable, its slot in the style's variable tests (see
    /// `Style::variable_slots`), so a render remembers each answer.
    pub variable_slots: Vec<Option<u16>>,
    /// kaynak multilingual extension: `k:language` (primary subtags).
    pub ext_language: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Branch {
    pub condition: Condition,
    pub children: Vec<Element>,
}

#[derive(Debug, Clone)]
pub struct Choose {
    pub branches: Vec<Branch>,
    pub otherwise: Vec<Element>,
}

#[derive(Debug, Clone)]
pub enum Element {
    Text(Text),
    Number(Number),
    Label(Label),
    Date(Box<DateElement>),
    Names(Box<Names>),
    Group(Group),
    Choose(Choose),
    /// kaynak multilingual extension: an element with `k:` attributes.
    Ext(Box<ext::ElementExt>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    Ascending,
    Descending,
}

#[derive(Debug, Clone)]
pub enum SortKeySource {
    Variable(String),
    Macro(usize),
}

#[derive(Debug, Clone)]
pub struct SortKey {
    pub source: SortKeySource,
    pub direction: SortDirection,
    pub names_min: Option<usize>,
    pub names_use_first: Option<usize>,
    pub names_use_last: Option<bool>,
    /// kaynak multilingual extension: `k:forms`, `k:script-order` on the key.
    pub ext: Option<Box<ext::KeyExt>>,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub elements: Vec<Element>,
    pub delimiter: Option<String>,
    pub rendering: Rendering,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collapse {
    CitationNumber,
    Year,
    YearSuffix,
    YearSuffixRanged,
}

#[derive(Debug, Clone, Default)]
pub struct CitationOptions {
    pub disambiguate_add_names: bool,
    pub disambiguate_add_givenname: bool,
    pub givenname_rule: Option<GivennameRule>,
    pub disambiguate_add_year_suffix: bool,
    pub collapse: Option<Collapse>,
    pub cite_group_delimiter: Option<String>,
    pub year_suffix_delimiter: Option<String>,
    pub after_collapse_delimiter: Option<String>,
    pub near_note_distance: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFieldAlign {
    Flush,
    Margin,
}

#[derive(Debug, Clone, Default)]
pub struct BibliographyOptions {
    pub hanging_indent: bool,
    pub second_field_align: Option<SecondFieldAlign>,
    pub line_spacing: Option<u32>,
    pub entry_spacing: Option<u32>,
    pub subsequent_author_substitute: Option<String>,
    pub subsequent_author_substitute_rule: SubstituteRule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SubstituteRule {
    #[default]
    CompleteAll,
    CompleteEach,
    PartialEach,
    PartialFirst,
}

/// `cs:citation` or `cs:bibliography`.
#[derive(Debug, Clone)]
pub struct Section {
    pub layout: Layout,
    pub sort: Vec<SortKey>,
    pub name_options: NameOptions,
    pub names_delimiter: Option<String>,
    pub citation: CitationOptions,
    pub bibliography: BibliographyOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageRangeFormat {
    Chicago,
    Chicago16,
    Expanded,
    Minimal,
    MinimalTwo,
    #[default]
    Verbatim,
}

#[derive(Debug, Clone)]
pub struct Macro {
    pub name: String,
    pub elements: Vec<Element>,
}

/// Global style options.
#[derive(Debug, Clone, Default)]
pub struct StyleOptions {
    pub initialize_with_hyphen: bool,
    pub page_range_format: Option<PageRangeFormat>,
    pub demote_non_dropping_particle: Option<DemoteParticle>,
    pub name_options: NameOptions,
    pub names_delimiter: Option<String>,
}

/// A term from a locale.
#[derive(Debug, Clone, Default)]
pub struct Term {
    pub single: String,
    pub multiple: Option<String>,
    pub gender: Option<String>,
    pub match_rule: Option<String>,
}

/// A locale's terms, looked up by name without allocating.
#[derive(Debug, Clone, Default)]
pub struct TermMap {
    by_name: crate::fasthash::FastMap<String, Vec<(TermForm, Option<String>, Term)>>,
    has_ordinals: bool,
}

impl TermMap {
    /// Add or replace a term (name, form, gender-form).
    pub fn insert(&mut self, name: &str, form: TermForm, gender_form: Option<String>, term: Term) {
        if name.starts_with("ordinal") {
            self.has_ordinals = true;
        }
        let forms = self.by_name.entry(name.to_string()).or_default();
        forms.retain(|(f, g, _)| !(*f == form && *g == gender_form));
        forms.push((form, gender_form, term));
    }

    pub fn get(&self, name: &str, form: TermForm, gender_form: Option<&str>) -> Option<&Term> {
        self.by_name
            .get(name)?
            .iter()
            .find(|(f, g, _)| *f == form && g.as_deref() == gender_form)
            .map(|(_, _, term)| term)
    }

    /// The names of the defined terms.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    /// Whether any `ordinal…` term is defined.
    pub fn has_ordinals(&self) -> bool {
        self.has_ordinals
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}
