//! `cs:names`, `cs:name`, `cs:name-part`, `cs:et-al` and the name options
//! they inherit from the style and its sections.

use super::*;

/// `and` on `cs:name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameAnd {
    /// `text`.
    Text,
    /// `symbol`.
    Symbol,
}

/// `delimiter-precedes-et-al` and `delimiter-precedes-last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelimiterPrecedes {
    /// `contextual`.
    Contextual,
    /// `after-inverted-name`.
    AfterInvertedName,
    /// `always`.
    Always,
    /// `never`.
    Never,
}

/// `form` on `cs:name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameForm {
    /// `long`.
    Long,
    /// `short`.
    Short,
    /// `count`.
    Count,
}

/// `name-as-sort-order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameAsSortOrder {
    /// `first`.
    First,
    /// `all`.
    All,
}

/// `demote-non-dropping-particle`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoteParticle {
    /// `never`.
    Never,
    /// `sort-only`.
    SortOnly,
    /// `display-and-sort`.
    DisplayAndSort,
}

/// `givenname-disambiguation-rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivennameRule {
    /// `all-names`.
    AllNames,
    /// `all-names-with-initials`.
    AllNamesWithInitials,
    /// `primary-name`.
    PrimaryName,
    /// `primary-name-with-initials`.
    PrimaryNameWithInitials,
    /// `by-cite`.
    ByCite,
}

/// Inheritable name options; `None` means "inherit".
#[derive(Debug, Clone, Default)]
pub struct NameOptions {
    /// `and`: `Some(None)` is set to nothing (an inline override of an inherited value).
    pub and: Option<Option<NameAnd>>,
    /// `delimiter`.
    pub delimiter: Option<String>,
    /// `delimiter-precedes-et-al`.
    pub delimiter_precedes_et_al: Option<DelimiterPrecedes>,
    /// `delimiter-precedes-last`.
    pub delimiter_precedes_last: Option<DelimiterPrecedes>,
    /// `et-al-min`.
    pub et_al_min: Option<usize>,
    /// `et-al-use-first`.
    pub et_al_use_first: Option<usize>,
    /// `et-al-use-last`.
    pub et_al_use_last: Option<bool>,
    /// `et-al-subsequent-min`.
    pub et_al_subsequent_min: Option<usize>,
    /// `et-al-subsequent-use-first`.
    pub et_al_subsequent_use_first: Option<usize>,
    /// `form`.
    pub form: Option<NameForm>,
    /// `initialize`.
    pub initialize: Option<bool>,
    /// `initialize-with`.
    pub initialize_with: Option<String>,
    /// `initialize-with-hyphen`.
    pub initialize_with_hyphen: Option<bool>,
    /// `name-as-sort-order`: `Some(None)` is set to nothing.
    pub name_as_sort_order: Option<Option<NameAsSortOrder>>,
    /// `sort-separator`.
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
    /// Formatting and `text-case` of the part.
    pub rendering: Rendering,
}

/// `cs:name`.
#[derive(Debug, Clone, Default)]
pub struct NameElement {
    /// Its name options.
    pub options: NameOptions,
    /// Formatting and affixes.
    pub rendering: Rendering,
    /// `cs:name-part name="given"`.
    pub given: Option<NamePartStyle>,
    /// `cs:name-part name="family"`.
    pub family: Option<NamePartStyle>,
}

/// `cs:et-al`.
#[derive(Debug, Clone)]
pub struct EtAl {
    /// The term (`et-al` or `and others`).
    pub term: String,
    /// Formatting.
    pub rendering: Rendering,
}

/// `cs:names`.
#[derive(Debug, Clone)]
pub struct Names {
    /// The name variables (those CSL defines: the style reader warns of
    /// others and leaves them out).
    pub variables: Vec<crate::variable::Variable>,
    /// `cs:name`.
    pub name: Option<NameElement>,
    /// `cs:et-al`.
    pub et_al: Option<EtAl>,
    /// `cs:label`.
    pub label: Option<Label>,
    /// Whether the label comes before `cs:name`.
    pub label_before_name: bool,
    /// `cs:substitute`.
    pub substitute: Option<Vec<Element>>,
    /// `delimiter`.
    pub delimiter: Option<String>,
    /// Formatting and affixes.
    pub rendering: Rendering,
    /// The element's number in the style (in document order), which the
    /// output names it by ([`crate::output::NamesTag::element`]).
    pub id: u16,
}
