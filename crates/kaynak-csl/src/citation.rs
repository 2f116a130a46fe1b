//! Rendering citation clusters: per-cite affixes, sorting cites inside a
//! cluster, collapsing (citation numbers, years, year suffixes) and the
//! layout's delimiter and affixes.

use crate::cluster::{Cite, Cluster};
use crate::diagnostic::Warning;
use crate::eval::{position, sort, text::year_suffix_letters, CiteState};
use crate::model::*;
use crate::output::{Inline, Tag};
use crate::run::Run;

/// What citeproc-js prints for an item that renders nothing.
pub const NO_PRINTED_FORM: &str = "[CSL STYLE ERROR: reference with no printed form.]";

/// One rendered cite of a cluster, with what collapsing needs.
struct RenderedCite<'c> {
    index: usize,
    cite: &'c Cite,
    /// The state it rendered with; its `author` is the one found in the output.
    state: CiteState,
    node: Inline,
    /// The author's text (its first names output), compared by collapsing.
    author: Option<String>,
    keys: Vec<Option<sort::SortValue>>,
    prefix: Option<Inline>,
    suffix: Option<Inline>,
}

pub fn render_clusters(run: &mut Run, clusters: &[Cluster]) -> Vec<Inline> {
    let Some(section) = run.processor.style.citation.clone() else {
        return Vec::new();
    };
    let distance = section.citation.near_note_distance.unwrap_or(5);
    let states = position::positions(clusters, distance);
    // positions are settled: each cluster now renders on its own
    let jobs: Vec<(&Cluster, Vec<CiteState>)> = clusters.iter().zip(states).collect();
    run.par_map(&jobs, |run, (cluster, states), warnings| {
        render_cluster(run, &section, cluster, states, warnings)
    })
}

fn render_cluster(
    run: &Run,
    section: &Section,
    cluster: &Cluster,
    states: &[CiteState],
    warnings: &mut Vec<Warning>,
) -> Inline {
    let mut cites = Vec::new();
    for (cite, position) in cluster.cites.iter().zip(states) {
        let Some(index) = run.index_of(&cite.id) else {
            warnings.push(Warning {
                item: Some(cite.id.clone()),
                message: format!("cited item `{}` is not in the library", cite.id),
                note: false,
            });
            continue;
        };
        let mut state = run.state_for(index, position);
        let mut rendered = run.render_item(index, section, &state, warnings);
        let opens_with_term = rendered.opens_with_term();
        // the author is read where something needs it
        let options = &section.citation;
        let needs_author = cite.author_only
            || state.suppress_author
            || options.collapse.is_some()
            || options.cite_group_delimiter.is_some();
        let (author, found) = match needs_author {
            true => rendered.author().unzip(),
            false => (None, None),
        };
        state.author = found;
        if state.suppress_author && state.author.is_some() {
            // now that the author is known, render again without it
            rendered = run.render_item(index, section, &state, warnings);
        }
        let parts = rendered.parts;
        let keys = if section.sort.is_empty() {
            Vec::new()
        } else {
            sort::sort_values(&sort::KeyInput {
                collator: run.processor.collator(),
                style: &run.processor.style,
                locale: &run.processor.locale,
                item: run.items[index],
                section,
                cite: &state,
                tree: run.tree_of(index),
            })
        };
        let node = if cite.author_only {
            Inline::Text(author.clone().unwrap_or_default().into())
        } else if parts.iter().all(Inline::is_empty) {
            Inline::Text(NO_PRINTED_FORM.into())
        } else {
            Inline::tagged(Tag::Item(item_tag(index)), parts)
        };
        let sentence_start = match cite.prefix.as_deref() {
            None | Some("") => cites.is_empty(),
            Some(prefix) => {
                prefix
                    .trim_end_matches([' ', '”', '’', '"', '»'])
                    .ends_with(['.', '!', '?'])
                    && prefix.ends_with(' ')
                    && prefix.trim().contains(' ')
            }
        };
        let note_style = run.processor.style.class == StyleClass::Note;
        let node = if opens_with_term && sentence_start && note_style {
            let mut nodes = vec![node];
            crate::eval::case::apply_case(&mut nodes, TextCase::CapitalizeFirst, true);
            Inline::seq(nodes)
        } else {
            node
        };
        let prefix = cite
            .prefix
            .as_deref()
            .filter(|p| !p.is_empty())
            .map(|p| Inline::seq(run.rich_text(index, p)));
        let suffix = cite
            .suffix
            .as_deref()
            .filter(|p| !p.is_empty())
            .map(|p| Inline::seq(run.rich_text(index, p)));
        cites.push(RenderedCite {
            index,
            cite,
            state,
            node,
            author,
            keys,
            prefix,
            suffix,
        });
    }
    if !section.sort.is_empty() {
        let collator = run.processor.collator();
        cites.sort_by(|a, b| sort::compare_values(collator, section, &a.keys, &b.keys));
    }
    let delimiter = section.layout.delimiter.clone();
    let parts = match section.citation.collapse {
        Some(Collapse::CitationNumber) => collapse_numbers(run, cites, delimiter.as_deref()),
        Some(mode) => collapse_years(run, section, cites, mode, warnings),
        None if section.citation.cite_group_delimiter.is_some() => {
            group_cites(cites, section, delimiter.as_deref())
        }
        None => join_plain(cites, delimiter.as_deref()),
    };
    if parts.is_empty() {
        return Inline::Text(Default::default());
    }
    wrap_layout(&section.layout.rendering, parts)
}

fn wrap_layout(rendering: &Rendering, parts: Vec<Inline>) -> Inline {
    let mut out = Vec::new();
    if let Some(prefix) = &rendering.prefix {
        out.push(Inline::Text(prefix.as_str().into()));
    }
    out.extend(parts);
    if let Some(suffix) = &rendering.suffix {
        out.push(Inline::Text(suffix.as_str().into()));
    }
    if rendering.formatting.is_empty() {
        Inline::seq(out)
    } else {
        Inline::Formatted(rendering.formatting, out)
    }
}

/// The cite's node between its prefix and suffix, moved out of it (a copy
/// of every cite's tree was a large share of clustering).
fn with_affixes(cite: RenderedCite<'_>) -> Inline {
    if cite.prefix.is_none() && cite.suffix.is_none() {
        return cite.node;
    }
    let mut out = Vec::with_capacity(3);
    out.extend(cite.prefix);
    out.push(cite.node);
    out.extend(cite.suffix);
    Inline::seq(out)
}

/// Join cites; a cite whose prefix opens with punctuation takes the place
/// of the delimiter.
fn join_plain(cites: Vec<RenderedCite<'_>>, delimiter: Option<&str>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut previous_punctuated = false;
    for (index, cite) in cites.into_iter().enumerate() {
        let punctuated = cite
            .cite
            .prefix
            .as_deref()
            .map(|p| p.starts_with([',', '.', ';', ':']))
            .unwrap_or(false);
        if index > 0 && !punctuated {
            if let Some(d) = delimiter {
                // a suffix ending in punctuation takes the delimiter's place
                let d = if previous_punctuated {
                    d.trim_start_matches([',', ';', '.', ':'])
                } else {
                    d
                };
                out.push(Inline::Text(d.into()));
            }
        }
        previous_punctuated = cite
            .cite
            .suffix
            .as_deref()
            .map(|s| s.trim_end().ends_with([',', ';', '.', ':', '!', '?']))
            .unwrap_or(false);
        out.push(with_affixes(cite));
    }
    out
}

/// Cite grouping without collapsing: cites by the same author are kept
/// together and joined with cite-group-delimiter.
fn group_cites(
    cites: Vec<RenderedCite<'_>>,
    section: &Section,
    delimiter: Option<&str>,
) -> Vec<Inline> {
    let group_delimiter = section
        .citation
        .cite_group_delimiter
        .clone()
        .unwrap_or_default();
    let mut groups: Vec<Vec<RenderedCite<'_>>> = Vec::new();
    for cite in cites {
        match groups
            .iter_mut()
            .find(|g| cite.author.is_some() && g[0].author == cite.author)
        {
            Some(group) => group.push(cite),
            None => groups.push(vec![cite]),
        }
    }
    let joined: Vec<Inline> = groups
        .into_iter()
        .map(|group| {
            let nodes = group.into_iter().map(with_affixes).collect();
            Inline::seq(crate::eval::join(nodes, Some(&group_delimiter)))
        })
        .collect();
    join_cites(joined, delimiter)
}

fn join_cites(nodes: Vec<Inline>, delimiter: Option<&str>) -> Vec<Inline> {
    crate::eval::join(
        nodes.into_iter().filter(|n| !n.is_empty()).collect(),
        delimiter,
    )
}

/// Whether a cite has no affix and no locator.
fn plain(cite: &RenderedCite<'_>) -> bool {
    cite.cite.prefix.is_none() && cite.cite.suffix.is_none() && cite.cite.locator.is_none()
}

/// Whether a cite can be part of a citation-number range: no suffix, and
/// no locator in its output (a locator the style does not print does not
/// keep it out, since collapsing loses nothing). Only the range's first
/// cite may have a prefix ("see 3–5"). The specification names no
/// exception for citation numbers; these are citeproc-js's, which lose no
/// printed text.
fn in_number_range(cite: &RenderedCite<'_>, first: bool) -> bool {
    (first || cite.cite.prefix.is_none())
        && cite.cite.suffix.is_none()
        && (cite.cite.locator.is_none() || cite.node.find_tag(|t| t == Tag::Locator).is_none())
}

fn collapse_numbers(
    run: &Run,
    cites: Vec<RenderedCite<'_>>,
    delimiter: Option<&str>,
) -> Vec<Inline> {
    let mut nodes = Vec::new();
    let mut i = 0;
    let cites: Vec<RenderedCite<'_>> = cites;
    while i < cites.len() {
        let mut j = i;
        while j + 1 < cites.len()
            && in_number_range(&cites[j], j == i)
            && in_number_range(&cites[j + 1], false)
            && run.numbers[cites[j + 1].index] == run.numbers[cites[j].index] + 1
        {
            j += 1;
        }
        if j >= i + 2 {
            let mut range = Vec::with_capacity(4);
            range.extend(cites[i].prefix.clone());
            range.push(cites[i].node.clone());
            range.push(Inline::Text("–".into()));
            range.push(cites[j].node.clone());
            nodes.push(Inline::seq(range));
            i = j + 1;
        } else {
            nodes.extend(cites[i..=j].iter().map(cite_with_affixes_ref));
            i = j + 1;
        }
    }
    join_cites(nodes, delimiter)
}

fn cite_with_affixes_ref(cite: &RenderedCite<'_>) -> Inline {
    let mut out = Vec::new();
    out.extend(cite.prefix.clone());
    out.push(cite.node.clone());
    out.extend(cite.suffix.clone());
    Inline::seq(out)
}

struct Delimiters {
    /// Whether the after-collapse-delimiter follows a cite with a locator.
    after_locator: bool,
    layout: String,
    group: String,
    year_suffix: String,
    after: String,
}

fn collapse_years(
    run: &Run,
    section: &Section,
    cites: Vec<RenderedCite<'_>>,
    mode: Collapse,
    warnings: &mut Vec<Warning>,
) -> Vec<Inline> {
    let options = &section.citation;
    let layout = section.layout.delimiter.clone().unwrap_or_default();
    // without a cite-group-delimiter, an in-text style joins a group's cites
    // with ", ", a note style with the layout delimiter (as citeproc-js does)
    let default_group = match run.processor.style.class {
        StyleClass::Note => layout.clone(),
        StyleClass::InText => ", ".to_string(),
    };
    // after a cite with a locator, the after-collapse-delimiter when the
    // style sets one (citeproc-js); else the group goes on with its own
    // delimiter, as in the specification's "(Doe 2000a–c, 2000d, p. 5, 2000e,f)"
    let after_locator = options.after_collapse_delimiter.is_some();
    let delimiters = Delimiters {
        after_locator,
        group: options
            .cite_group_delimiter
            .clone()
            .unwrap_or(default_group),
        year_suffix: options
            .year_suffix_delimiter
            .clone()
            .or_else(|| options.cite_group_delimiter.clone())
            .unwrap_or_else(|| layout.clone()),
        after: options
            .after_collapse_delimiter
            .clone()
            .unwrap_or_else(|| layout.clone()),
        layout,
    };
    // group by author, keeping first-appearance order
    let mut groups: Vec<Vec<RenderedCite<'_>>> = Vec::new();
    for cite in cites {
        // sorted clusters gather an author's cites; unsorted ones collapse
        // only adjacent cites
        // cites that render no names at all share the same (empty) names,
        // as in citeproc-js: a label style's cites form one group; a cite's
        // prefix does not keep it out (spec, Cite Grouping: "cites … with
        // identical rendered names are grouped together")
        let same = |g: &Vec<RenderedCite<'_>>| g[0].author == cite.author;
        let slot = if section.sort.is_empty() {
            groups
                .len()
                .checked_sub(1)
                .filter(|&last| same(&groups[last]))
        } else {
            groups.iter().position(same)
        };
        match slot {
            Some(s) => groups[s].push(cite),
            None => groups.push(vec![cite]),
        }
    }
    let mut out: Vec<Inline> = Vec::new();
    let mut previous_collapsed = false;
    for (g, group) in groups.into_iter().enumerate() {
        if g > 0 {
            let delimiter = if previous_collapsed {
                &delimiters.after
            } else {
                &delimiters.layout
            };
            out.push(Inline::Text(delimiter.as_str().into()));
        }
        previous_collapsed = group.len() > 1;
        out.extend(collapse_group(
            run,
            section,
            group,
            mode,
            &delimiters,
            warnings,
        ));
    }
    out
}

/// One piece of a collapsed author group.
struct Piece {
    delimiter: String,
    node: Inline,
    suffix: Option<usize>,
    suffix_only: bool,
}

fn collapse_group(
    run: &Run,
    section: &Section,
    group: Vec<RenderedCite<'_>>,
    mode: Collapse,
    delimiters: &Delimiters,
    warnings: &mut Vec<Warning>,
) -> Vec<Inline> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut previous_year: Option<String> = None;
    let mut previous_locator = false;
    for cite in group {
        let year = year_text(run, section, &cite, warnings);
        if pieces.is_empty() {
            pieces.push(Piece {
                delimiter: String::new(),
                node: cite_with_affixes_ref(&cite),
                suffix: cite.state.year_suffix,
                suffix_only: false,
            });
        } else {
            let same_year = previous_year.as_deref() == Some(year.as_str())
                && cite.state.year_suffix.is_some()
                && mode != Collapse::Year
                && !previous_locator;
            let after_suffix_run = pieces.last().map(|p| p.suffix_only).unwrap_or(false);
            let delimiter =
                if previous_locator && delimiters.after_locator || after_suffix_run && !same_year {
                    delimiters.after.clone()
                } else if same_year {
                    delimiters.year_suffix.clone()
                } else {
                    delimiters.group.clone()
                };
            let piece = if same_year && plain(&cite) {
                let suffix = cite.state.year_suffix.unwrap_or(0);
                // the suffix as the cite renders it (its tagged node)
                let node = match cite.node.find_tag(|t| matches!(t, Tag::YearSuffix(_))) {
                    Some((_, children)) => Inline::seq(children.to_vec()),
                    None => Inline::Text(year_suffix_letters(suffix).into()),
                };
                Piece {
                    delimiter,
                    node,
                    suffix: Some(suffix),
                    suffix_only: true,
                }
            } else {
                let state = CiteState {
                    suppress_author: true,
                    ..cite.state.clone()
                };
                // (the author found in the cite's first render is left out)
                let parts = run.render_item(cite.index, section, &state, warnings).parts;
                if parts.iter().all(Inline::is_empty)
                    && cite.prefix.is_none()
                    && cite.suffix.is_none()
                {
                    // nothing but the author, who is already shown
                    continue;
                }
                let suffix = cite.state.year_suffix;
                let with_node = RenderedCite {
                    node: Inline::seq(parts),
                    ..cite
                };
                let node = cite_with_affixes_ref(&with_node);
                previous_locator = with_node.cite.locator.is_some();
                previous_year = Some(year);
                pieces.push(Piece {
                    delimiter,
                    node,
                    suffix,
                    suffix_only: false,
                });
                continue;
            };
            pieces.push(piece);
        }
        previous_year = Some(year);
        previous_locator = cite.cite.locator.is_some();
    }
    if mode == Collapse::YearSuffixRanged {
        pieces = range_pieces(pieces);
    }
    let mut out = Vec::new();
    for piece in pieces {
        if !piece.delimiter.is_empty() {
            out.push(Inline::Text(piece.delimiter.into()));
        }
        out.push(piece.node);
    }
    out
}

/// Runs of three or more consecutive suffixes become "a–c".
fn range_pieces(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut run_start: Option<usize> = None;
    let mut iter = pieces.into_iter().peekable();
    let mut buffer: Vec<Piece> = Vec::new();
    while let Some(piece) = iter.next() {
        let continues = piece.suffix_only
            && buffer
                .last()
                .and_then(|p| p.suffix)
                .zip(piece.suffix)
                .map(|(a, b)| b == a + 1)
                .unwrap_or(false);
        if !continues {
            flush_run(&mut buffer, &mut out);
        }
        buffer.push(piece);
        let _ = run_start.take();
        if iter.peek().is_none() {
            flush_run(&mut buffer, &mut out);
        }
    }
    out
}

fn flush_run(buffer: &mut Vec<Piece>, out: &mut Vec<Piece>) {
    if buffer.len() >= 3 {
        let mut pieces = std::mem::take(buffer);
        let last = pieces.pop();
        let mut first = pieces.remove(0);
        if let Some(last) = last {
            first.node = Inline::seq(vec![first.node, Inline::Text("–".into()), last.node]);
            first.suffix = last.suffix;
        }
        out.push(first);
    } else {
        out.append(buffer);
    }
}

fn year_text(
    run: &Run,
    section: &Section,
    cite: &RenderedCite<'_>,
    warnings: &mut Vec<Warning>,
) -> String {
    let state = CiteState {
        suppress_author: true,
        year_suffix: None,
        ..cite.state.clone()
    };
    let parts = run.render_item(cite.index, section, &state, warnings).parts;
    parts.iter().map(Inline::plain_text).collect()
}

/// An item's index as [`Tag::Item`] holds it.
pub(crate) fn item_tag(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}
