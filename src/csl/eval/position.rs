//! Cite positions: first, subsequent, ibid, ibid-with-locator, near-note,
//! and first-reference-note-number, decided in one pass over the clusters.

use super::CiteState;
use crate::csl::processor::Cluster;
use crate::csl::style::model::Position;
use std::collections::HashMap;

/// The position facts of every cite, indexed `[cluster][cite]`.
pub fn positions(clusters: &[Cluster], near_note_distance: u32) -> Vec<Vec<CiteState>> {
    let mut first_note: HashMap<&str, u32> = HashMap::new();
    let mut last_note: HashMap<&str, u32> = HashMap::new();
    let mut out = Vec::with_capacity(clusters.len());
    let mut previous_cluster: Option<&Cluster> = None;
    for (cluster_index, cluster) in clusters.iter().enumerate() {
        let note = cluster.note_number.unwrap_or(cluster_index as u32 + 1);
        let mut states = Vec::with_capacity(cluster.cites.len());
        for (index, cite) in cluster.cites.iter().enumerate() {
            let id = cite.id.as_str();
            let previous = if index > 0 {
                cluster.cites.get(index - 1)
            } else {
                previous_cluster
                    .filter(|c| c.cites.len() == 1 || c.cites.iter().all(|p| p.id == cite.id))
                    .and_then(|c| c.cites.last())
            };
            let position = match (first_note.get(id), previous) {
                (None, _) => Position::First,
                (Some(_), Some(prev)) if prev.id == cite.id => {
                    match (&prev.locator, &cite.locator) {
                        (None, None) => Position::Ibid,
                        (Some(a), Some(b)) if a == b && prev.label == cite.label => Position::Ibid,
                        (_, Some(_)) => Position::IbidWithLocator,
                        (Some(_), None) => Position::Subsequent,
                    }
                }
                _ => Position::Subsequent,
            };
            let near_note = last_note
                .get(id)
                .map(|last| note.saturating_sub(*last) <= near_note_distance)
                .unwrap_or(false);
            let first_reference_note_number = first_note.get(id).copied();
            states.push(CiteState {
                position: Some(cite.position.unwrap_or(position)),
                near_note: cite.near_note.unwrap_or(near_note),
                locator: cite.locator.clone(),
                label: cite.label.clone(),
                first_reference_note_number,
                suppress_author: cite.suppress_author,
                ..CiteState::default()
            });
        }
        for cite in &cluster.cites {
            first_note.entry(cite.id.as_str()).or_insert(note);
            last_note.insert(cite.id.as_str(), note);
        }
        previous_cluster = Some(cluster);
        out.push(states);
    }
    out
}
