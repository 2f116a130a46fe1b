//! kaynak's CSL 1.0.2 processor.
//!
//! # Pipeline
//!
//! ```text
//! style XML ──► Style::parse ──► Style (typed; errors with line:col)
//! locale XML ──► Locale::parse ──► LocaleChain::build (inline → xx-YY → xx → en-US)
//! items (impl CslItem) + clusters ──► Processor::process ──► Rendered { citations, bibliography, warnings }
//! output tree (Inline) ──► output::render(node, Format) ──► text | html | markdown | latex | rtf
//! ```
//!
//! # Using it
//!
//! ```
//! use kaynak::csl::{self, Format, JsonItem, Processor, Style, Cluster, Cite, CslItem};
//!
//! let style = Style::parse(r#"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
//!   <citation><layout><text variable="title"/></layout></citation></style>"#).unwrap();
//! let items = JsonItem::parse_array(r#"[{"id":"a","type":"book","title":"Kaynak"}]"#).unwrap();
//! let processor = csl::processor_with_locale(style, None, &csl::embedded_locales);
//! let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
//! let cluster = Cluster { cites: vec![Cite { id: "a".into(), ..Cite::default() }], note_number: None };
//! let out = processor.process(&refs, &[cluster]);
//! assert_eq!(csl::render(&out.citations[0], Format::Text), "Kaynak");
//! ```
//!
//! * [`Style::parse`] reads a style; a dependent style has `parent` set
//!   (the parent's id/URL): load the parent and call [`Style::with_parent`].
//! * [`processor_with_locale`] builds the locale chain for the style's
//!   default locale (or an override tag) from a loader: pass
//!   [`embedded_locales`] or your own closure reading `--locales DIR`.
//! * [`Processor::process`] takes items and citation clusters (document
//!   order, with locators, labels, prefixes, suffixes, note numbers) and
//!   returns output trees plus warnings as data.
//! * [`render`] turns one tree into a string; [`render_bibliography`]
//!   renders a whole bibliography in a format.

mod bibliography;
mod citation;
pub mod diagnostic;
pub mod eval;
pub mod item;
pub mod json;
pub mod locale;
mod names_parse;
pub mod output;
pub mod processor;
pub mod style;

pub use diagnostic::{Diagnostic, Severity, Warning};
pub use item::{CslItem, Date, Name};
pub use json::JsonItem;
pub use locale::{Locale, LocaleChain};
pub use output::{render, Format, Inline};
pub use processor::{BibEntry, Bibliography, Cite, Cluster, Processor, Rendered};
pub use style::Style;

/// Load one of the locales embedded in kaynak.
pub fn embedded_locales(tag: &str) -> Option<Locale> {
    locale::embedded_locale(tag).and_then(|text| Locale::parse(text).ok())
}

/// Build a processor, choosing the locale `lang` (or the style's default
/// locale, or en-US) and loading locale files through `load`.
pub fn processor_with_locale(
    style: Style,
    lang: Option<&str>,
    load: &dyn Fn(&str) -> Option<Locale>,
) -> Processor {
    let lang = lang
        .map(str::to_string)
        .or_else(|| style.default_locale.clone())
        .unwrap_or_else(|| "en-US".to_string());
    let chain = LocaleChain::build(&lang, &style.locales, &mut |tag| load(tag));
    Processor::new(style, chain)
}

/// Render a bibliography as one string in a format.
pub fn render_bibliography(bibliography: &Bibliography, format: Format) -> String {
    output::render_bibliography(bibliography, format)
}
