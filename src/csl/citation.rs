//! Rendering citation clusters: per-cite affixes, sorting cites inside a
//! cluster, collapsing (citation numbers, years, year suffixes) and the
//! layout's delimiter and affixes.

use crate::csl::eval::{position, sort, text::year_suffix_letters, CiteState};
use crate::csl::output::Inline;
use crate::csl::processor::{Cite, Cluster, Run};
use crate::csl::style::model::*;

/// One rendered cite of a cluster, with what collapsing needs.
struct RenderedCite {
    index: usize,
    cite: Cite,
    state: CiteState,
    node: Inline,
    author: Option<String>,
    keys: Vec<sort::KeyValue>,
}

pub fn render_clusters(run: &mut Run, clusters: &[Cluster]) -> Vec<Inline> {
    let Some(section) = run.processor.style.citation.clone() else {
        return Vec::new();
    };
    let distance = section.citation.near_note_distance.unwrap_or(5);
    let states = position::positions(clusters, distance);
    clusters
        .iter()
        .zip(states)
        .map(|(cluster, states)| render_cluster(run, &section, cluster, states))
        .collect()
}

fn render_cluster(
    run: &mut Run,
    section: &Section,
    cluster: &Cluster,
    states: Vec<CiteState>,
) -> Inline {
    let mut cites = Vec::new();
    for (cite, position) in cluster.cites.iter().zip(states) {
        let Some(index) = run.index_of(&cite.id) else {
            run.warnings.push(crate::csl::diagnostic::Warning {
                item: Some(cite.id.clone()),
                message: format!("cited item `{}` is not in the library", cite.id),
            });
            continue;
        };
        let state = run.state_for(index, &position);
        let (parts, author) = run.render_item(index, section, &state);
        let keys = if section.sort.is_empty() {
            Vec::new()
        } else {
            sort::sort_keys(
                &run.processor.style,
                &run.processor.locale,
                run.items[index],
                section,
                &state,
            )
        };
        let node = if cite.author_only {
            Inline::Text(author.clone().unwrap_or_default())
        } else {
            Inline::seq(parts)
        };
        cites.push(RenderedCite {
            index,
            cite: cite.clone(),
            state,
            node,
            author,
            keys,
        });
    }
    if !section.sort.is_empty() {
        cites.sort_by(|a, b| sort::compare_keys(section, &a.keys, &b.keys));
    }
    let delimiter = section.layout.delimiter.clone();
    let parts = match section.citation.collapse {
        Some(Collapse::CitationNumber) => collapse_numbers(run, cites, delimiter.as_deref()),
        Some(mode) => collapse_years(run, section, cites, mode),
        None => join_cites(
            cites.into_iter().map(with_affixes).collect(),
            delimiter.as_deref(),
        ),
    };
    if parts.is_empty() {
        return Inline::Text(String::new());
    }
    wrap_layout(&section.layout.rendering, parts)
}

fn wrap_layout(rendering: &Rendering, parts: Vec<Inline>) -> Inline {
    let mut out = Vec::new();
    if let Some(prefix) = &rendering.prefix {
        out.push(Inline::Text(prefix.clone()));
    }
    if rendering.formatting.is_empty() {
        out.extend(parts);
    } else {
        out.push(Inline::Formatted(rendering.formatting, parts));
    }
    if let Some(suffix) = &rendering.suffix {
        out.push(Inline::Text(suffix.clone()));
    }
    Inline::seq(out)
}

fn with_affixes(cite: RenderedCite) -> Inline {
    let mut out = Vec::new();
    if let Some(prefix) = cite.cite.prefix.as_deref().filter(|p| !p.is_empty()) {
        out.push(Inline::Text(prefix.to_string()));
    }
    out.push(cite.node);
    if let Some(suffix) = cite.cite.suffix.as_deref().filter(|s| !s.is_empty()) {
        out.push(Inline::Text(suffix.to_string()));
    }
    Inline::seq(out)
}

fn join_cites(nodes: Vec<Inline>, delimiter: Option<&str>) -> Vec<Inline> {
    crate::csl::eval::join(
        nodes.into_iter().filter(|n| !n.is_empty()).collect(),
        delimiter,
    )
}

fn plain(cite: &RenderedCite) -> bool {
    cite.cite.prefix.is_none() && cite.cite.suffix.is_none() && cite.cite.locator.is_none()
}

fn collapse_numbers(run: &Run, cites: Vec<RenderedCite>, delimiter: Option<&str>) -> Vec<Inline> {
    let mut nodes = Vec::new();
    let mut i = 0;
    let cites: Vec<RenderedCite> = cites;
    while i < cites.len() {
        let mut j = i;
        while j + 1 < cites.len()
            && plain(&cites[j])
            && plain(&cites[j + 1])
            && run.numbers[cites[j + 1].index] == run.numbers[cites[j].index] + 1
        {
            j += 1;
        }
        if j >= i + 2 {
            nodes.push(Inline::seq(vec![
                cites[i].node.clone(),
                Inline::Text("–".to_string()),
                cites[j].node.clone(),
            ]));
            i = j + 1;
        } else {
            nodes.extend(cites[i..=j].iter().map(cite_with_affixes_ref));
            i = j + 1;
        }
    }
    join_cites(nodes, delimiter)
}

fn cite_with_affixes_ref(cite: &RenderedCite) -> Inline {
    let mut out = Vec::new();
    if let Some(prefix) = cite.cite.prefix.as_deref() {
        out.push(Inline::Text(prefix.to_string()));
    }
    out.push(cite.node.clone());
    if let Some(suffix) = cite.cite.suffix.as_deref() {
        out.push(Inline::Text(suffix.to_string()));
    }
    Inline::seq(out)
}

fn collapse_years(
    run: &mut Run,
    section: &Section,
    cites: Vec<RenderedCite>,
    mode: Collapse,
) -> Vec<Inline> {
    let options = &section.citation;
    let layout_delimiter = section.layout.delimiter.clone().unwrap_or_default();
    let group_delimiter = options
        .cite_group_delimiter
        .clone()
        .unwrap_or_else(|| ", ".to_string());
    let after = options
        .after_collapse_delimiter
        .clone()
        .unwrap_or_else(|| layout_delimiter.clone());
    // group by author, keeping first-appearance order
    let mut groups: Vec<Vec<RenderedCite>> = Vec::new();
    for cite in cites {
        let slot = groups.iter().position(|g| {
            g[0].author.is_some() && g[0].author == cite.author && cite.cite.prefix.is_none()
        });
        match slot {
            Some(s) => groups[s].push(cite),
            None => groups.push(vec![cite]),
        }
    }
    let mut out: Vec<Inline> = Vec::new();
    let count = groups.len();
    for (g, group) in groups.into_iter().enumerate() {
        let collapsed = group.len() > 1;
        let nodes = collapse_group(run, section, group, mode, &group_delimiter);
        out.extend(nodes);
        if g + 1 < count {
            let delimiter = if collapsed {
                after.clone()
            } else {
                layout_delimiter.clone()
            };
            out.push(Inline::Text(delimiter));
        }
    }
    out
}

fn collapse_group(
    run: &mut Run,
    section: &Section,
    group: Vec<RenderedCite>,
    mode: Collapse,
    group_delimiter: &str,
) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut previous_year: Option<String> = None;
    let mut suffix_run: Vec<(usize, Inline)> = Vec::new();
    let mut first = true;
    for cite in group {
        if first {
            previous_year = Some(year_text(run, section, &cite));
            out.push(cite_with_affixes_ref(&cite));
            first = false;
            continue;
        }
        let year = year_text(run, section, &cite);
        let same_year =
            previous_year.as_deref() == Some(year.as_str()) && cite.state.year_suffix.is_some();
        let node = if mode != Collapse::Year && same_year && plain(&cite) {
            let suffix = cite.state.year_suffix.unwrap_or(0);
            suffix_run.push((suffix, Inline::Text(year_suffix_letters(suffix))));
            Inline::Text(year_suffix_letters(suffix))
        } else {
            let state = CiteState {
                suppress_author: true,
                ..cite.state.clone()
            };
            let (parts, _) = run.render_item(cite.index, section, &state);
            let node = Inline::seq(parts);
            cite_with_affixes_ref(&RenderedCite { node, ..cite })
        };
        previous_year = Some(year);
        out.push(Inline::Text(group_delimiter.to_string()));
        out.push(node);
    }
    if mode == Collapse::YearSuffixRanged {
        return range_suffixes(out, group_delimiter);
    }
    out
}

/// Turn runs of three or more consecutive suffix letters into "a–c".
fn range_suffixes(nodes: Vec<Inline>, delimiter: &str) -> Vec<Inline> {
    let items: Vec<Inline> = nodes
        .into_iter()
        .filter(|n| !matches!(n, Inline::Text(t) if t == delimiter))
        .collect();
    let letter = |n: &Inline| match n {
        Inline::Text(t) if t.len() <= 2 && t.chars().all(|c| c.is_ascii_lowercase()) => {
            Some(t.clone())
        }
        _ => None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let mut j = i;
        while j + 1 < items.len() {
            let (Some(a), Some(b)) = (letter(&items[j]), letter(&items[j + 1])) else {
                break;
            };
            if next_letter(&a) != b {
                break;
            }
            j += 1;
        }
        if !out.is_empty() {
            out.push(Inline::Text(delimiter.to_string()));
        }
        if j >= i + 2 {
            out.push(Inline::seq(vec![
                items[i].clone(),
                Inline::Text("–".to_string()),
                items[j].clone(),
            ]));
        } else {
            for (k, item) in items.iter().enumerate().take(j + 1).skip(i) {
                if k > i {
                    out.push(Inline::Text(delimiter.to_string()));
                }
                out.push(item.clone());
            }
        }
        i = j + 1;
    }
    out
}

fn next_letter(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if let Some(last) = chars.last_mut() {
        *last = ((*last as u8) + 1) as char;
    }
    chars.into_iter().collect()
}

fn year_text(run: &mut Run, section: &Section, cite: &RenderedCite) -> String {
    let state = CiteState {
        suppress_author: true,
        year_suffix: None,
        ..cite.state.clone()
    };
    let (parts, _) = run.render_item(cite.index, section, &state);
    parts.iter().map(Inline::plain_text).collect()
}
