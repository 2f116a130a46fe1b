//! One processing run from start to end ([`Processor::process`]): the run's
//! state (numbering, bibliography order), disambiguation, the citations, the
//! bibliography; and writing a bibliography a block of entries at a time. It sits above the passes it calls, which read the
//! [`Processor`] through the run.

use crate::cluster::Cluster;
use crate::diagnostic::Warning;
use crate::item::CslItem;
use crate::output::{render, BibliographyWriter, Format};
use crate::processor::Processor;
use crate::rendered::Rendered;
use crate::rendered::{BibEntry, Bibliography};
use crate::run::Run;

impl Processor {
    /// Process clusters and (when the style has one) the bibliography of
    /// `items`. Items never cited still appear in the bibliography.
    pub fn process(&self, items: &[&dyn CslItem], clusters: &[Cluster]) -> Rendered {
        let mut run = Run::new(self, items, clusters);
        crate::disambiguate::disambiguate(&mut run, clusters);
        let citations = crate::citation::render_clusters(&mut run, clusters);
        let bibliography = self
            .style
            .bibliography
            .as_ref()
            .map(|section| crate::bibliography::render(&mut run, section));
        let warnings = run.warnings;
        Rendered {
            citations,
            bibliography,
            warnings,
        }
    }

    /// The bibliography of `items` (every one, in the style's order)
    /// written through `out` as it is rendered, a block of entries at a time
    /// (each block rendered and turned into text on the processor's
    /// threads, then dropped): the same text as [`Processor::process`] with
    /// no clusters followed by [`Processor::write_bibliography`], without
    /// the bibliography ever held whole. Returns how writing went and the
    /// run's warnings; a style without a bibliography writes nothing.
    pub fn write_bibliography_of<W: std::fmt::Write>(
        &self,
        items: &[&dyn CslItem],
        out: &mut BibliographyWriter<W>,
        format: Format,
    ) -> (std::fmt::Result, Vec<Warning>) {
        let mut run = Run::new(self, items, &[]);
        crate::disambiguate::disambiguate(&mut run, &[]);
        let written = match self.style.bibliography.as_ref() {
            Some(section) => crate::bibliography::render_blocks(&mut run, section, |block| {
                self.write_entries(&block, out, format)
            }),
            None => Ok(()),
        };
        (written, run.warnings)
    }

    /// Writes the bibliography through `out` as its entries are rendered, a
    /// block at a time on the processor's threads: the same text as
    /// [`Processor::render_bibliography`], never held whole.
    pub fn write_bibliography<W: std::fmt::Write>(
        &self,
        bibliography: &Bibliography,
        out: &mut BibliographyWriter<W>,
        format: Format,
    ) -> std::fmt::Result {
        bibliography
            .entries
            .chunks(crate::bibliography::BLOCK)
            .try_for_each(|block| self.write_entries(block, out, format))
    }

    /// Writes `entries` through `out`, turned into text on the processor's
    /// threads first.
    pub(crate) fn write_entries<W: std::fmt::Write>(
        &self,
        entries: &[BibEntry],
        out: &mut BibliographyWriter<W>,
        format: Format,
    ) -> std::fmt::Result {
        let texts =
            crate::parallel::map(self.threads(), entries, |e, _| render(&e.content, format)).0;
        texts.iter().try_for_each(|text| out.entry(text))
    }
}
