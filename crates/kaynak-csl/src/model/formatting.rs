//! Formatting shared by every rendering element and by the output tree:
//! fonts, vertical alignment, `display`, text case, affixes and quotes
//! ([`Rendering`]).

/// `font-style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontStyle {
    /// `normal`.
    #[default]
    Normal,
    /// `italic`.
    Italic,
    /// `oblique`.
    Oblique,
}

/// `font-variant`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontVariant {
    /// `normal`.
    #[default]
    Normal,
    /// `small-caps`.
    SmallCaps,
}

/// `font-weight`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontWeight {
    /// `normal`.
    #[default]
    Normal,
    /// `bold`.
    Bold,
    /// `light`.
    Light,
}

/// `vertical-align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VerticalAlign {
    /// `baseline`.
    #[default]
    Baseline,
    /// `sup`.
    Sup,
    /// `sub`.
    Sub,
}

/// The font attributes of a rendering element; `None` means "not set".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Formatting {
    /// `font-style`.
    pub font_style: Option<FontStyle>,
    /// `font-variant`.
    pub font_variant: Option<FontVariant>,
    /// `font-weight`.
    pub font_weight: Option<FontWeight>,
    /// `text-decoration`: `Some(true)` underline, `Some(false)` none.
    pub underline: Option<bool>,
    /// `vertical-align`.
    pub vertical_align: Option<VerticalAlign>,
}

impl Formatting {
    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        *self == Formatting::default()
    }
}

/// `display`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    /// `block`.
    Block,
    /// `left-margin`.
    LeftMargin,
    /// `right-inline`.
    RightInline,
    /// `indent`.
    Indent,
}

/// `text-case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextCase {
    /// `lowercase`.
    Lowercase,
    /// `uppercase`.
    Uppercase,
    /// `capitalize-first`.
    CapitalizeFirst,
    /// `capitalize-all`.
    CapitalizeAll,
    /// `sentence`.
    Sentence,
    /// `title`.
    Title,
}

/// Attributes shared by most rendering elements.
#[derive(Debug, Clone, Default)]
pub struct Rendering {
    /// Font attributes.
    pub formatting: Formatting,
    /// `prefix`.
    pub prefix: Option<String>,
    /// `suffix`.
    pub suffix: Option<String>,
    /// `display`.
    pub display: Option<Display>,
    /// `quotes="true"`.
    pub quotes: bool,
    /// `strip-periods`.
    pub strip_periods: bool,
    /// `text-case`.
    pub text_case: Option<TextCase>,
}
