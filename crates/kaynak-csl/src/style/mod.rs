//! CSL styles: XML text → validated, typed [`Style`].
//!
//! Reading happens in `parse` (elements) with the `xml` helpers; the
//! types of the style tree live in [`crate::model`] (also reachable as
//! `style::model`), below this module, so that locales can share them.
//! Errors carry line:column. Nothing here renders.

pub mod analysis;
#[cfg(feature = "multilingual")]
pub mod ext;
mod parse;

use crate::diagnostic::Diagnostic;
use crate::locale::Locale;
pub use crate::model;
pub use crate::model::*;

/// A parsed CSL style (independent or dependent).
#[derive(Debug, Clone, Default)]
pub struct Style {
    /// `class`: in-text or note.
    pub class: StyleClass,
    /// `default-locale`.
    pub default_locale: Option<String>,
    /// Global options (`cs:style` attributes).
    pub options: StyleOptions,
    /// The macros; elements call them by index.
    pub macros: Vec<Macro>,
    /// Inline `cs:locale` overrides.
    pub locales: Vec<Locale>,
    /// `cs:citation`.
    pub citation: Option<Section>,
    /// `cs:bibliography`.
    pub bibliography: Option<Section>,
    /// For a dependent style: the `independent-parent` link.
    pub parent: Option<String>,
    /// `cs:info/cs:title`.
    pub title: Option<String>,
    /// `cs:info/cs:id`.
    pub id: Option<String>,
    /// Whether any element renders `year-suffix` itself; if not, the
    /// suffix follows the first rendered year.
    pub explicit_year_suffix: bool,
    /// Whether any condition tests `position`.
    pub uses_positions: bool,
    /// Whether citations render `citation-number` (a numeric style).
    pub numeric: bool,
    /// Non-fatal diagnostics (unknown attributes or values).
    pub warnings: Vec<Diagnostic>,
    /// kaynak multilingual extension (`k:` attributes).
    #[cfg(feature = "multilingual")]
    pub ext: ext::StyleExt,
    /// The item types `type=` conditions test, by id.
    pub item_types: crate::fasthash::FastMap<String, u16>,
}

impl Style {
    /// Parse a style. Fatal problems (invalid XML, unknown element, macro
    /// loop, missing macro) are returned as errors; the rest as
    /// `warnings` on the style.
    pub fn parse(text: &str) -> Result<Style, Vec<Diagnostic>> {
        parse::parse_style(text)
    }

    /// The id of an item type some `type=` condition tests.
    pub fn type_id(&self, item_type: &str) -> Option<u16> {
        self.item_types.get(item_type).copied()
    }

    /// The `cs:names` element numbered `id` ([`crate::output::NamesTag::element`]).
    pub fn names_element(&self, id: u16) -> Option<&crate::model::Names> {
        use crate::model::Element;
        // a stack, not recursion: the element tree comes from the user
        let mut stack: Vec<&Element> = self.macros.iter().flat_map(|m| &m.elements).collect();
        for section in [&self.citation, &self.bibliography].into_iter().flatten() {
            stack.extend(&section.layout.elements);
        }
        while let Some(element) = stack.pop() {
            match element {
                Element::Names(names) if names.id == id => return Some(names),
                Element::Names(names) => stack.extend(names.substitute.iter().flatten()),
                Element::Group(group) => stack.extend(&group.children),
                Element::Choose(choose) => {
                    stack.extend(choose.branches.iter().flat_map(|b| &b.children));
                    stack.extend(&choose.otherwise);
                }
                // kaynak multilingual extension
                #[cfg(feature = "multilingual")]
                Element::Ext(ext) => stack.push(&ext.element),
                _ => {}
            }
        }
        None
    }

    /// Whether this style only points to a parent.
    pub fn is_dependent(&self) -> bool {
        self.citation.is_none() && self.parent.is_some()
    }

    /// Combine a dependent style with its parent: the parent's rendering
    /// and the dependent's default locale.
    pub fn with_parent(&self, parent: Style) -> Style {
        let mut merged = parent;
        if self.default_locale.is_some() {
            merged.default_locale = self.default_locale.clone();
        }
        merged.locales.extend(self.locales.iter().cloned());
        merged
    }
}
