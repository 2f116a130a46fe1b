//! Tallies and reports: the per-style table, the totals, the deviations
//! counted apart, and the remaining differences grouped by their differing
//! words (the starting point for categorising them).

use crate::compare::Kind;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub total: usize,
    pub identical: usize,
    pub deviations: usize,
}

impl Tally {
    pub fn add(&mut self, other: Tally) {
        self.total += other.total;
        self.identical += other.identical;
        self.deviations += other.deviations;
    }

    /// Identical share once the counted deviations are set aside.
    pub fn share(&self) -> f64 {
        let base = self.total - self.deviations;
        if base == 0 {
            100.0
        } else {
            100.0 * self.identical as f64 / base as f64
        }
    }

    fn cell(&self) -> String {
        if self.total == 0 {
            return "—".to_string();
        }
        let mut s = format!("{}/{}", self.identical, self.total);
        if self.deviations > 0 {
            let _ = write!(s, " (+{} dev.)", self.deviations);
        }
        s
    }
}

/// One style's line.
#[derive(Debug, Default)]
pub struct StyleResult {
    pub name: String,
    pub lang: String,
    pub error: Option<String>,
    pub entries: Tally,
    pub citations: Tally,
    pub same_order: bool,
}

/// One difference that no deviation explains.
#[derive(Debug, Clone)]
pub struct Difference {
    pub style: String,
    pub kind: Kind,
    pub key: String,
    pub ids: Vec<String>,
    pub kaynak: String,
    pub citeproc: String,
}

/// The Markdown table of styles with a totals line.
pub fn table(results: &[StyleResult]) -> String {
    let mut out = String::from(
        "| style | locale | entries identical / total | citations identical / total | order |\n|---|---|---|---|---|\n",
    );
    let (mut entries, mut citations) = (Tally::default(), Tally::default());
    for r in results {
        if let Some(error) = &r.error {
            let _ = writeln!(out, "| {} | {} | error: {error} | | |", r.name, r.lang);
            continue;
        }
        entries.add(r.entries);
        citations.add(r.citations);
        let order = if r.entries.total == 0 {
            "—"
        } else if r.same_order {
            "same"
        } else {
            "differs"
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {order} |",
            r.name,
            r.lang,
            r.entries.cell(),
            r.citations.cell()
        );
    }
    let _ = writeln!(
        out,
        "| **all {} styles** | | **{}** | **{}** | |",
        results.len(),
        entries.cell(),
        citations.cell()
    );
    out
}

/// The totals in words.
pub fn totals(results: &[StyleResult]) -> String {
    let (mut entries, mut citations) = (Tally::default(), Tally::default());
    for r in results.iter().filter(|r| r.error.is_none()) {
        entries.add(r.entries);
        citations.add(r.citations);
    }
    let raw = |t: &Tally| 100.0 * t.identical as f64 / t.total.max(1) as f64;
    let line = |name: &str, t: &Tally| {
        format!(
            "{name}: {} of {} identical ({:.2}%); {} counted deviations; {:.2}% identical with them set aside ({} of {})\n",
            t.identical,
            t.total,
            raw(t),
            t.deviations,
            t.share(),
            t.identical,
            t.total - t.deviations
        )
    };
    let errors = results.iter().filter(|r| r.error.is_some()).count();
    let order = results
        .iter()
        .filter(|r| r.error.is_none() && r.entries.total > 0 && !r.same_order)
        .count();
    format!(
        "{}{}styles: {} ({} failed to render); bibliography order differs in {}\n",
        line("bibliography entries", &entries),
        line("citations", &citations),
        results.len(),
        errors,
        order
    )
}

/// Deviations counted per id: (entries, citations), with each one's summary.
pub fn deviation_counts(
    list: &[crate::deviations::Deviation],
    counts: &BTreeMap<String, [usize; 2]>,
) -> String {
    let mut out = String::from(
        "| deviation | spec section | entries | citations | what citeproc-js does |\n|---|---|---|---|---|\n",
    );
    for d in list {
        let [e, c] = counts.get(&d.id).copied().unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {e} | {c} | {} |",
            d.id, d.section, d.summary
        );
    }
    out
}

/// One group of differences: (count, kind, kaynak words, citeproc-js words,
/// number of styles, first example).
pub type Group = (usize, Kind, String, String, usize, Difference);

/// Differences grouped by kind and differing words, most frequent first.
pub fn groups(differences: &[Difference]) -> Vec<Group> {
    type Slot = (usize, Vec<String>, Difference);
    let mut map: BTreeMap<(Kind, String, String), Slot> = BTreeMap::new();
    for d in differences {
        let (a, b) = crate::compare::difference(&d.kaynak, &d.citeproc);
        let slot = map
            .entry((d.kind, a, b))
            .or_insert_with(|| (0, Vec::new(), d.clone()));
        slot.0 += 1;
        if !slot.1.contains(&d.style) {
            slot.1.push(d.style.clone());
        }
    }
    let mut out: Vec<_> = map
        .into_iter()
        .map(|((kind, a, b), (n, styles, example))| (n, kind, a, b, styles.len(), example))
        .collect();
    out.sort_by(|x, y| {
        y.0.cmp(&x.0)
            .then_with(|| (x.1, &x.2, &x.3).cmp(&(y.1, &y.2, &y.3)))
    });
    out
}

/// Every remaining difference, by style, as Markdown.
pub fn differences_markdown(differences: &[Difference]) -> String {
    let mut out = String::from("# Remaining differences (kaynak vs citeproc-js)\n");
    let mut style = "";
    for d in differences {
        if d.style != style {
            style = &d.style;
            let _ = writeln!(out, "\n## {style}\n");
        }
        let (a, b) = crate::compare::difference(&d.kaynak, &d.citeproc);
        let _ = writeln!(
            out,
            "- {} {} ({}): `{a}` ≠ `{b}`\n  - kaynak:   {}\n  - citeproc: {}",
            d.kind.name(),
            d.key,
            d.ids.join(" "),
            d.kaynak,
            d.citeproc
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deviations_are_set_aside_from_the_share() {
        let t = Tally {
            total: 100,
            identical: 95,
            deviations: 4,
        };
        assert!((t.share() - 95.0 / 96.0 * 100.0).abs() < 1e-9);
        assert_eq!(t.cell(), "95/100 (+4 dev.)");
    }
}
