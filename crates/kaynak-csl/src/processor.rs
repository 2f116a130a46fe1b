//! The citation processor: a compiled style with its locale chain, sort
//! options and threads. [`Processor::process`] (in `pipeline`) registers cited
//! items, numbers them, sorts, decides positions and disambiguation, renders
//! citation clusters and the bibliography into output trees; the methods here
//! turn those trees into text.

use crate::eval::sort;
use crate::locale::LocaleChain;
use crate::model::*;
use crate::output::{render, Format, Inline};
use crate::rendered::Bibliography;
use crate::style::Style;
use kaynak_text::collate::{Collator, MixedScripts};
use kaynak_text::translit::Scheme;

/// How a processor orders the text of sort keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortOptions {
    /// The collation language (BCP 47): the processor's effective locale.
    pub language: String,
    /// Non-Latin (Cyrillic) keys sort on a romanisation or on the original letters.
    /// Ignored when the language is itself written in Cyrillic.
    pub mixed_scripts: MixedScripts,
}

impl SortOptions {
    /// The defaults for `language`: Cyrillic keys sort on their ALA-LC romanisation.
    pub fn new(language: &str) -> SortOptions {
        SortOptions {
            language: language.to_string(),
            mixed_scripts: MixedScripts::Transliterated(Scheme::AlaLcPlain),
        }
    }
}

/// A compiled style with its locale chain, ready to process items.
pub struct Processor {
    /// The style, parsed (and, for a dependent style, joined with its parent).
    pub style: Style,
    /// The locales looked up for terms and date formats.
    pub locale: LocaleChain,
    /// Built once from the sort options; every sort key goes through it.
    collator: Collator,
    sort_options: SortOptions,
    /// Threads a run may use for per-item passes (1 = the calling thread only).
    threads: usize,
}

impl Processor {
    /// A processor collating in the language of the locale chain's first locale
    /// (else the style's default locale, else `en-US`).
    pub fn new(style: Style, locale: LocaleChain) -> Processor {
        let language = locale
            .locales
            .iter()
            .find_map(|l| l.lang.clone())
            .or_else(|| style.default_locale.clone())
            .unwrap_or_else(|| "en-US".to_string());
        Processor::with_sort_options(style, locale, SortOptions::new(&language))
    }

    /// A processor with explicit sort options.
    pub fn with_sort_options(style: Style, locale: LocaleChain, options: SortOptions) -> Processor {
        let collator = sort::collator_for(&options.language, options.mixed_scripts);
        Processor {
            style,
            locale,
            collator,
            sort_options: options,
            threads: crate::parallel::default_threads(),
        }
    }

    /// How many threads a run may use (at least 1). The output does not
    /// depend on it; large runs finish sooner with more.
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads.max(1);
    }

    /// The threads a run may use.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Changes how non-Latin keys sort (rebuilds the collator once).
    pub fn set_mixed_scripts(&mut self, mixed_scripts: MixedScripts) {
        self.sort_options.mixed_scripts = mixed_scripts;
        self.collator = sort::collator_for(&self.sort_options.language, mixed_scripts);
    }

    /// The sort options in force.
    pub fn sort_options(&self) -> &SortOptions {
        &self.sort_options
    }

    /// The collator of sort keys.
    pub fn collator(&self) -> &Collator {
        &self.collator
    }

    /// Every citation as text in `format`, rendered on the processor's threads.
    pub fn render_citations(&self, citations: &[Inline], format: Format) -> Vec<String> {
        crate::parallel::map(self.threads, citations, |c, _| render(c, format)).0
    }

    /// The bibliography as one text in `format`, its entries rendered on the
    /// processor's threads (the same text as [`crate::render_bibliography`]).
    pub fn render_bibliography(&self, bibliography: &Bibliography, format: Format) -> String {
        let entries = crate::parallel::map(self.threads, &bibliography.entries, |e, _| {
            render(&e.content, format)
        })
        .0;
        crate::output::join_bibliography(&entries, format)
    }

    /// The citation section's options (or defaults).
    pub fn citation_options(&self) -> CitationOptions {
        self.style
            .citation
            .as_ref()
            .map(|s| s.citation.clone())
            .unwrap_or_default()
    }
}
