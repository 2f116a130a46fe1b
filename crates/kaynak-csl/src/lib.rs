//! kaynak's CSL 1.0.2 processor.
//!
//! # Pipeline
//!
//! ```text
//! style XML ──► Style::parse ──► Style (typed; errors and warnings with line:col)
//! locale XML ──► Locale::parse ──► LocaleChain (style's inline locale → xx-YY → xx → en-US)
//! items (impl CslItem) + clusters ──► Processor::process ──► Rendered { citations, bibliography, warnings }
//! output tree (Inline) ──► render(node, Format) / render_bibliography(bib, Format)
//!                          ──► text | html | markdown | latex | rtf
//! ```
//!
//! # Features
//!
//! * `multilingual` (default): the kaynak multilingual extension, `ext`:
//!   `k:` attributes choose which form of a multilingual value prints
//!   (original, transliteration, translation, with attached forms), per-item
//!   locales, a `k:language` condition, Turkish up-casing and script-ordered
//!   sorting. Inactive unless a style declares `k:version="1"`, so official
//!   styles render the same with it or without it (the official suite gives
//!   the same count either way). Without the feature (`default-features =
//!   false`) the extension is not compiled: no `ext` module, no
//!   `Element::Ext`, no `CslItem::text_form` / `names_form`.
//!
//! # Layers
//!
//! The modules form layers, each using only those below it
//! (`tests/module_cycles.rs` fails on a cycle):
//!
//! 1. [`diagnostic`], [`locator`], [`variable`] (the CSL variables as an
//!    enum); [`item`] (the [`CslItem`] trait) and
//!    [`json`] (CSL-JSON items); [`model`] (the typed style tree, shared by
//!    styles and locales).
//! 2. [`locale`] (locale files and chains), then [`style`] (reading a style).
//! 3. [`output`] (the output tree and its backends); [`cluster`] (what a
//!    document cites) and [`rendered`] (what a run gives back).
//! 4. the evaluator (private: one element of a layout for one item, and the
//!    style's trees decided for a kind of item, `eval::specialize`), then
//!    [`processor`] ([`Processor`]: style, locales, sort options, threads).
//! 5. private: a run's state, then its passes (disambiguation, citations,
//!    bibliography), then [`Processor::process`], which calls them in order.
//!
//! The `ext` module gathers the public parts of the multilingual
//! extension, which live in the layers above.
//!
//! # The tagged output tree
//!
//! Each cite and bibliography entry renders into an [`Inline`] tree. Besides
//! text and formatting, the tree says what its parts are: an
//! [`Inline::Tagged`] node carries a [`output::Tag`] — the item, a names list
//! and each name in it, a date, a year-suffix, a term, the output of a
//! variable rendered by `cs:substitute`. The passes after evaluation read
//! the tags instead of records kept beside the output: collapsing and
//! `suppress-author` find the author (the first names list),
//! subsequent-author-substitute compares two entries' names name by name,
//! disambiguation reads how many names a list has and how much of each given
//! name a cite shows, a note that opens with a term is capitalised, and the
//! evaluation itself suppresses a substituted variable because the output
//! before it holds that variable's tag. Backends render a tagged node as its
//! children. See [`output::tag`] for the tags and who reads them.
//!
//! # Rendering CSL-JSON with a style file
//!
//! The crate ships no styles. This example reads a short author-date style
//! written for it (`examples/author-date.csl` in this crate) and two CSL-JSON items
//! (`examples/items.json`); the official styles of the CSL project
//! (`apa.csl`, `chicago-author-date.csl` …) are read the same way, from
//! their files:
//!
//! ```text
//! cargo run -p kaynak-csl --example render_json -- --style path/to/apa.csl \
//!     --format text crates/kaynak-csl/examples/items.json crates/kaynak-csl/examples/clusters.json
//! ```
//!
//! ```
//! use kaynak_csl::{self as csl, Cite, Cluster, CslItem, Format, JsonItem, Style};
//!
//! let style = Style::parse(include_str!("../examples/author-date.csl")).expect("a valid style");
//! let processor = csl::processor_with_locale(style, None, &csl::embedded_locales);
//! let items = JsonItem::parse_array(include_str!("../examples/items.json")).expect("CSL-JSON");
//! let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
//! let cite = |id: &str| Cite { id: id.into(), ..Cite::default() };
//! let clusters = vec![
//!     Cluster {
//!         cites: vec![Cite { locator: Some("12".into()), label: Some("page".into()), ..cite("alizada2021") }],
//!         note_number: None,
//!     },
//!     Cluster { cites: vec![cite("ivanov1998"), cite("alizada2021")], note_number: None },
//! ];
//! let out = processor.process(&refs, &clusters);
//! let text: Vec<String> = out.citations.iter().map(|c| csl::render(c, Format::Text)).collect();
//! assert_eq!(text, ["(Alizada, 2021, p. 12)", "(Alizada, 2021; Иванов & Петров, 1998)"]);
//! let bibliography = out.bibliography.expect("the style has one");
//! assert_eq!(
//!     csl::render_bibliography(&bibliography, Format::Text),
//!     "Alizada, B. (2021). Azerbaijani Foreign Policy. Nijat.\n\
//!      Иванов, С. & Петров, О. (1998). Военная доктрина. Вестник, 4, 12–30."
//! );
//! ```
//!
//! # Using it (what `kaynak bib` / `kaynak cite` need)
//!
//! ```
//! use kaynak_csl as csl;
//! use kaynak_csl::{Cite, Cluster, CslItem, Format, JsonItem, Style};
//!
//! // 1. the style (for a dependent style, see below)
//! let style = Style::parse(r#"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">
//!   <citation><layout suffix="."><group delimiter=", ">
//!     <text variable="title" font-style="italic"/>
//!     <group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
//!   </group></layout></citation>
//!   <bibliography><layout><text variable="title"/></layout></bibliography></style>"#)
//!     .expect("a valid style");
//! // 2. the processor: locale from --locale, else the style's default-locale, else en-US;
//! //    `embedded_locales` knows en-US, en-GB, ru-RU and tr-TR
//! let processor = csl::processor_with_locale(style, Some("en-US"), &csl::embedded_locales);
//! // 3. items: anything implementing `CslItem` (CSL-JSON here)
//! let items = JsonItem::parse_array(r#"[{"id":"a","type":"book","title":"Kaynak"}]"#).unwrap();
//! let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
//! // 4. clusters in document order; note numbers default to 1, 2, 3 …
//! let cite = |locator: Option<&str>| Cite {
//!     id: "a".into(),
//!     locator: locator.map(str::to_string),
//!     label: csl::locator::locator_term("p.").map(str::to_string),
//!     ..Cite::default()
//! };
//! let clusters = vec![
//!     Cluster { cites: vec![cite(Some("5"))], note_number: None },
//!     Cluster { cites: vec![cite(Some("7"))], note_number: None },
//! ];
//! let out = processor.process(&refs, &clusters);
//! assert_eq!(csl::render(&out.citations[0], Format::Text), "Kaynak, p. 5.");
//! assert_eq!(csl::render(&out.citations[1], Format::Html), "<i>Kaynak</i>, p. 7.");
//! let bibliography = out.bibliography.expect("the style has one");
//! assert_eq!(csl::render_bibliography(&bibliography, Format::Text), "Kaynak");
//! assert!(out.warnings.is_empty());
//! ```
//!
//! * [`Style::parse`]`(&str) -> Result<Style, Vec<Diagnostic>>`: invalid XML,
//!   an unknown element, a missing or self-calling macro are errors (with
//!   line and column); unknown attributes and values are kept in
//!   `style.warnings`. DTDs are refused, so entity bombs cannot expand.
//! * Dependent styles: `style.is_dependent()` and `style.parent` (the
//!   parent's id/URL, e.g. `http://www.zotero.org/styles/chicago-notes-bibliography`);
//!   find the parent in the style directories (compare with `Style::id`, or the
//!   file name after the last `/`), parse it and call
//!   `dependent.with_parent(parent)`.
//! * Locales: [`processor_with_locale`]`(style, Option<&str>, &loader)`;
//!   the loader maps a tag (`"de-DE"`) to a [`Locale`]. Chain `--locales DIR`
//!   before [`embedded_locales`]:
//!   `|tag| read(dir/locales-{tag}.xml).and_then(Locale::parse).or_else(|| embedded_locales(tag))`.
//!   [`LocaleChain::build`] is the lower-level form.
//! * [`Processor::process`]`(&[&dyn CslItem], &[Cluster]) -> Rendered`:
//!   positions (first, subsequent, ibid, ibid-with-locator, near-note),
//!   disambiguation, sorting and collapsing happen here, once for the whole
//!   document. `Rendered::citations[i]` is cluster `i`;
//!   `Rendered::bibliography` lists every item passed (cited or not; pass only
//!   the cited ones for a "cited works" list). For a note style print the
//!   citations as numbered notes; for an in-text style as they are.
//! * Sorting (`cs:sort`) collates with one ICU4X collator per processor, in
//!   the language of the locale given to [`processor_with_locale`] (Turkish,
//!   Azerbaijani, Russian alphabets; root order for English).
//!   [`Processor::set_mixed_scripts`] chooses whether Cyrillic keys sort on a
//!   romanisation (the default, ALA-LC) or on the original letters;
//!   [`Processor::with_sort_options`] takes a [`SortOptions`] up front.
//! * [`Cite`]: `id`, `locator`, `label` (a CSL locator term — see
//!   [`locator::locator_term`] for pandoc's abbreviations), `prefix`,
//!   `suffix`, `suppress_author`, `author_only`.
//! * Output: [`render`]`(&Inline, Format) -> String` for one citation;
//!   [`render_bibliography`]`(&Bibliography, Format)` for the list (HTML in
//!   citeproc-js's `csl-bib-body` markup). [`Format::from_name`] reads
//!   `text|html|markdown|latex|rtf`. [`Processor::render_citations`] and
//!   [`Processor::render_bibliography`] give the same text, on the processor's threads.
//! * Threads: a run of 256 items or more renders its per-item passes
//!   (disambiguation keys, sort keys, notes, entries) on
//!   [`Processor::threads`] threads (default: the cores, at most 8;
//!   [`Processor::set_threads`] lowers it; more than that many would only
//!   wait), the workers kept for the process. Results and warnings come back in item order, so the output
//!   never depends on the thread count.
//! * An item renders with the style decided for its kind: its type and its
//!   answers to the style's conditions on the item. [`CslItem::has_variable`]
//!   and [`CslItem::held_variables`] let an item answer without its values
//!   being looked up; their defaults look them up.
//! * Warnings (missing terms, unknown cited ids) are data in
//!   `Rendered::warnings`; the library never prints.
//! * Own records: implement [`CslItem`] (id, type, language, variables by
//!   [`Variable`], names, dates); the engine reads nothing else.
//! * Variables: [`Variable`] is the CSL 1.0.2 variables as an enum, read
//!   once from a style or an item and matched as a value from then on (see
//!   [`variable`]). A style that names an undefined variable gets a warning,
//!   and the variable renders as an absent one.

#![deny(missing_docs)]

mod bibliography;
pub(crate) mod citation;
pub mod cluster;
pub mod diagnostic;
mod disambiguate;
mod eval;
#[cfg(feature = "multilingual")]
pub mod ext;
mod fasthash;
pub mod item;
pub mod json;
pub mod locale;
pub mod locator;
pub mod model;
mod names_parse;
pub mod output;
mod parallel;
mod pipeline;
pub mod processor;
pub mod rendered;
mod run;
pub mod style;
pub mod variable;
mod xml;

pub use cluster::{Cite, Cluster};
pub use diagnostic::{Diagnostic, Severity, Warning};
pub use item::{CslItem, Date, Name};
pub use json::JsonItem;
pub use locale::{Locale, LocaleChain};
pub use output::{render, Format, Inline};
pub use processor::{Processor, SortOptions};
pub use rendered::{render_bibliography, BibEntry, Bibliography, Rendered};
pub use style::Style;
pub use variable::{Variable, VariableKind};

/// Load one of the locales embedded in kaynak.
pub fn embedded_locales(tag: &str) -> Option<Locale> {
    locale::embedded_locale(tag).and_then(|text| Locale::parse(text).ok())
}

/// The locale a run renders in, by CSL 1.0.2's precedence: the one the user
/// asked for (`--locale`), else the style's `default-locale`, else the
/// application's own default (kaynak: the library's `locale`), else `en-US`.
pub fn effective_locale(asked: Option<&str>, style: &Style, fallback: Option<&str>) -> String {
    let given = |tag: Option<&str>| {
        tag.map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    given(asked)
        .or_else(|| given(style.default_locale.as_deref()))
        .or_else(|| given(fallback))
        .unwrap_or_else(|| "en-US".to_string())
}

/// Build a processor, choosing the locale `lang` (or the style's default
/// locale, or en-US; see [`effective_locale`]) and loading locale files through `load`.
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
    // kaynak multilingual extension: locale chains for k:item-locales, and the
    // output's script (unless the application set one).
    #[cfg(feature = "multilingual")]
    let style = {
        let mut style = style;
        ext::build_item_chains(&mut style, &lang, load);
        if style.ext.user.output.is_none() {
            style.ext.user.output = kaynak_text::language::likely_script(&lang);
        }
        style
    };
    Processor::with_sort_options(style, chain, processor::SortOptions::new(&lang))
}
