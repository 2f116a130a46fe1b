//! Cite positions: first, subsequent, ibid, ibid-with-locator, near-note,
//! and first-reference-note-number, decided in one pass over the clusters.

use super::CiteState;
use crate::cluster::{Cite, Cluster};
use crate::fasthash::FastMap;
use crate::model::Position;

/// The position facts of every cite, indexed `[cluster][cite]`.
pub fn positions(clusters: &[Cluster], near_note_distance: u32) -> Vec<Vec<CiteState>> {
    let mut first_note: FastMap<&str, u32> = FastMap::default();
    let mut last_note: FastMap<&str, u32> = FastMap::default();
    let mut out = Vec::with_capacity(clusters.len());
    // the cites that came just before, per stream: notes, and in-text
    // citations (note number 0), which citeproc-js tracks apart
    let mut previous_note: Vec<&Cite> = Vec::new();
    let mut current_note: (u32, Vec<&Cite>) = (u32::MAX, Vec::new());
    let mut previous_in_text: Vec<&Cite> = Vec::new();
    for (cluster_index, cluster) in clusters.iter().enumerate() {
        let in_text = cluster.note_number == Some(0);
        let note = cluster.note_number.unwrap_or(cluster_index as u32 + 1);
        let before: Vec<&Cite> = if in_text {
            previous_in_text.clone()
        } else if note == current_note.0 {
            // another citation in the same note: the one just before
            current_note.1.clone()
        } else {
            let finished = std::mem::replace(&mut current_note, (note, Vec::new()));
            if finished.0 != u32::MAX {
                previous_note = finished.1;
            }
            previous_note.clone()
        };
        let mut states = Vec::with_capacity(cluster.cites.len());
        for (index, cite) in cluster.cites.iter().enumerate() {
            let id = cite.id.as_str();
            let previous = if index > 0 {
                cluster.cites.get(index - 1)
            } else if before.iter().all(|p| p.id == cite.id) {
                before.last().copied()
            } else {
                None
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
            let state = CiteState {
                position: Some(cite.position.unwrap_or(position)),
                near_note: cite.near_note.unwrap_or(near_note),
                locator: cite.locator.clone(),
                label: cite.label.clone(),
                first_reference_note_number,
                suppress_author: cite.suppress_author,
                ..CiteState::default()
            };
            states.push(state);
            first_note.entry(id).or_insert(note);
            last_note.insert(id, note);
        }
        if in_text {
            previous_in_text = cluster.cites.iter().collect();
        } else {
            current_note.1.extend(cluster.cites.iter());
        }
        out.push(states);
    }
    out
}
