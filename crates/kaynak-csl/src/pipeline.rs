//! One processing run from start to end ([`Processor::process`]): the run's
//! state (numbering, bibliography order), disambiguation, the citations, the
//! bibliography. It sits above the passes it calls, which read the
//! [`Processor`] through the run.

use crate::cluster::Cluster;
use crate::item::CslItem;
use crate::processor::Processor;
use crate::rendered::Rendered;
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
}
