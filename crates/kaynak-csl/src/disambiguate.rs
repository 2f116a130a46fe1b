//! Disambiguation of cites: add-names, add-givenname (with the
//! givenname-disambiguation-rule), the `disambiguate` condition and
//! year-suffix. Items are grouped by their rendered cite, so the work is
//! linear in the number of items plus the size of ambiguous groups.

use crate::cluster::Cluster;
use crate::diagnostic::Warning;
use crate::eval::CiteState;
use crate::item::Name;
use crate::model::*;
use crate::output::{GivenShown, Inline, Tag};
use crate::run::Run;
use std::collections::HashMap;
use std::ops::ControlFlow;

const MAX_NAMES: usize = 50;

pub(crate) fn disambiguate(run: &mut Run, _clusters: &[Cluster]) {
    // the citation section itself, not a copy: the keys render as the
    // cites do (a copy is not the style's own section, see `Run::render_item`)
    let processor = run.processor;
    let Some(section) = processor.style.citation.as_ref() else {
        return;
    };
    let options = &section.citation;
    let all: Vec<usize> = (0..run.items.len()).collect();
    if options.disambiguate_add_givenname {
        let rule = options.givenname_rule.unwrap_or(GivennameRule::ByCite);
        if rule != GivennameRule::ByCite {
            global_names(run, rule);
        }
    }
    let needs = options.disambiguate_add_names
        || options.disambiguate_add_givenname
        || options.disambiguate_add_year_suffix
        || uses_disambiguate_condition(&run.processor.style);
    if !needs {
        return;
    }
    let initial = ambiguous_groups(run, section, &all);
    // only items that were ambiguous at first are looked at again
    let members: Vec<usize> = initial.iter().flatten().copied().collect();
    for group in &initial {
        if options.disambiguate_add_names {
            let expand = options.disambiguate_add_givenname.then(|| {
                match options.givenname_rule.unwrap_or(GivennameRule::ByCite) {
                    GivennameRule::AllNamesWithInitials
                    | GivennameRule::PrimaryNameWithInitials => 1,
                    _ => 2,
                }
            });
            add_names(run, section, group, expand);
        }
        if options.disambiguate_add_givenname {
            let rule = options.givenname_rule.unwrap_or(GivennameRule::ByCite);
            add_givenname(run, section, group, rule);
        }
    }
    // disambiguate="true" tests hold one more at a time, for the members
    // still ambiguous (citeproc-js's order); when names were added or
    // expanded cite by cite first, citeproc-js stops after the first
    let by_names = options.disambiguate_add_names
        || options.disambiguate_add_givenname
            && options.givenname_rule.unwrap_or(GivennameRule::ByCite) == GivennameRule::ByCite;
    let levels = match by_names {
        true => disambiguate_tests(&run.processor.style).min(1),
        false => disambiguate_tests(&run.processor.style),
    };
    let mut still: Vec<usize> = ambiguous_groups(run, section, &members)
        .into_iter()
        .flatten()
        .collect();
    for level in 1..=levels {
        if still.is_empty() {
            break;
        }
        for &i in &still {
            run.disambiguation[i].disambiguate = level;
        }
        still = ambiguous_groups(run, section, &still)
            .into_iter()
            .flatten()
            .collect();
    }
    if options.disambiguate_add_year_suffix {
        let rank: HashMap<usize, usize> = run
            .bib_order
            .iter()
            .enumerate()
            .map(|(r, i)| (*i, r))
            .collect();
        for mut group in ambiguous_groups(run, section, &members) {
            group.sort_by_key(|i| rank.get(i).copied().unwrap_or(usize::MAX));
            for (n, i) in group.iter().enumerate() {
                run.disambiguation[*i].year_suffix = Some(n);
            }
        }
    }
}

fn uses_disambiguate_condition(style: &crate::style::Style) -> bool {
    disambiguate_tests(style) > 0
}

/// How many `disambiguate="true"` tests the style's citation and macros have.
fn disambiguate_tests(style: &crate::style::Style) -> usize {
    fn count(elements: &[Element]) -> usize {
        elements
            .iter()
            .map(|e| match e {
                Element::Choose(c) => {
                    c.branches
                        .iter()
                        .map(|b| {
                            usize::from(b.condition.disambiguate == Some(true)) + count(&b.children)
                        })
                        .sum::<usize>()
                        + count(&c.otherwise)
                }
                Element::Group(g) => count(&g.children),
                // kaynak multilingual extension
                #[cfg(feature = "multilingual")]
                Element::Ext(ext) => count(std::slice::from_ref(&ext.element)),
                _ => 0,
            })
            .sum()
    }
    style
        .macros
        .iter()
        .map(|m| count(&m.elements))
        .sum::<usize>()
        + style
            .citation
            .as_ref()
            .map_or(0, |c| count(&c.layout.elements))
}

/// The cite in the form a reader must tell apart from the others. A style
/// that tests positions is compared in its subsequent form: a first note is
/// the full reference, while the short form is where two works clash (and
/// the short form holds a part of the same data, so a clash of full forms is
/// a clash of short forms too). Other styles have one form.
fn key(run: &Run, section: &Section, index: usize, warnings: &mut Vec<Warning>) -> String {
    key_as(run, section, index, index, warnings)
}

/// Item `index`'s cite rendered with the names that item `like` shows
/// (how many, how much of each given name): two cites are told apart only
/// if they differ when shown alike.
fn key_as(
    run: &Run,
    section: &Section,
    index: usize,
    like: usize,
    warnings: &mut Vec<Warning>,
) -> String {
    let names = &run.disambiguation[like];
    let state = CiteState {
        citation_number: None,
        year_suffix: None,
        comparing: true,
        extra_names: names.extra_names,
        givenname_levels: names.givenname_levels.clone(),
        ..key_state(run, index)
    };
    let parts = run.render_item(index, section, &state, warnings).parts;
    // one buffer per key, not a string per part
    let mut key = String::new();
    parts.iter().for_each(|p| p.push_unquoted(&mut key));
    key
}

/// The state of item `index`'s cite in the form disambiguation compares.
pub(crate) fn key_state(run: &Run, index: usize) -> CiteState {
    let position = if run.uses_positions {
        Position::Subsequent
    } else {
        Position::First
    };
    run.state_for(
        index,
        &CiteState {
            position: Some(position),
            ..CiteState::default()
        },
    )
}

/// What item `index`'s cite shows of its author where disambiguation
/// expanded it, read from one render of the cite: "detail that distinguishes
/// cites (such as names, initials, and full given names) must be shown in
/// the corresponding bibliography entries".
#[derive(Debug, Default)]
pub(crate) struct ShownInCite {
    /// The names whose given names were expanded, with how much is shown:
    /// the entry shows at least as much of those names, in whichever list
    /// they stand (an editor who is someone else but sits first in another
    /// list is not expanded).
    pub given: Vec<(Name, GivenShown)>,
    /// How many names the cite shows, where add-names added some: the
    /// entry shows at least as many.
    pub names: Option<usize>,
}

/// [`ShownInCite`] for item `index`; the cite is rendered only when
/// disambiguation expanded its names.
pub(crate) fn shown_in_cite(run: &Run, index: usize) -> ShownInCite {
    let state = &run.disambiguation[index];
    let levels = &state.givenname_levels;
    let expanded = levels.iter().any(|level| *level > 0);
    let added = state.extra_names.is_some();
    let Some(section) = run.processor.style.citation.as_ref() else {
        return ShownInCite::default();
    };
    if !expanded && !added {
        return ShownInCite::default();
    }
    let cite = CiteState {
        name_tags: true,
        ..key_state(run, index)
    };
    let rendered = run.render_item(index, section, &cite, &mut Vec::new());
    let Some((tag, names)) = rendered.parts.iter().find_map(Inline::first_names) else {
        return ShownInCite::default();
    };
    let mut given = vec![GivenShown::None; levels.len()];
    let mut count = 0;
    for node in names {
        let _ = node.visit_tags(&mut |tag, _| {
            if let Tag::Name(name) = tag {
                count += 1;
                let i = usize::from(name.index);
                if levels.get(i).is_some_and(|level| *level > 0) {
                    given[i] = given[i].max(name.given);
                }
            }
            ControlFlow::Continue(())
        });
    }
    let list = match expanded {
        true => names_of(run, index, tag.element, usize::from(tag.count)).unwrap_or_default(),
        false => Vec::new(),
    };
    ShownInCite {
        given: given
            .into_iter()
            .zip(list)
            .filter(|(given, _)| *given != GivenShown::None)
            .map(|(given, name)| (name, given))
            .collect(),
        names: (added && count > 0).then_some(count),
    }
}

/// The names list of item `index` that the `cs:names` element `element`
/// rendered with `count` names: the first of the element's variables (and
/// of its `cs:substitute`'s) for which the item has that many names.
fn names_of(run: &Run, index: usize, element: u16, count: usize) -> Option<Vec<Name>> {
    let names = run.processor.style.names_element(element)?;
    let item = &run.items[index];
    names
        .variables
        .iter()
        .chain(names.substitute.iter().flatten().flat_map(|e| match e {
            crate::model::Element::Names(inner) => inner.variables.as_slice(),
            _ => &[],
        }))
        .filter_map(|variable| item.names(*variable))
        .find(|list| list.len() == count)
        .map(|list| list.into_owned())
}

/// The members that render alike, in groups of two or more (groups in the
/// order their first member comes, members in the order given).
fn ambiguous_groups(run: &mut Run, section: &Section, members: &[usize]) -> Vec<Vec<usize>> {
    // every member's key at once, on the processor's threads
    let keys = run.par_map(members, |run, &i, warnings| key(run, section, i, warnings));
    let mut slot_of: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (&i, k) in members.iter().zip(&keys) {
        let slot = *slot_of.entry(k.as_str()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(i);
    }
    groups.retain(|g| g.len() > 1);
    groups
}

/// The length of the longest names list item `index`'s cite renders (shown
/// or not), read from the names tags of its rendered cite: how many names
/// adding names could show.
fn name_count(run: &Run, section: &Section, index: usize) -> usize {
    let parts = run
        .render_item(index, section, &key_state(run, index), &mut Vec::new())
        .parts;
    let mut count = 0;
    for part in &parts {
        let _ = part.visit_tags(&mut |tag, _| {
            if let Tag::Names(names) = tag {
                count = count.max(usize::from(names.count));
            }
            ControlFlow::Continue(())
        });
    }
    count
}

/// How many other members share each member's key.
fn clash_counts(run: &mut Run, section: &Section, group: &[usize]) -> HashMap<usize, usize> {
    let keys = run.par_map(group, |run, &i, warnings| key(run, section, i, warnings));
    let alike = group.iter().all(|&i| {
        let (a, b) = (&run.disambiguation[i], &run.disambiguation[group[0]]);
        a.extra_names == b.extra_names && a.givenname_levels == b.givenname_levels
    });
    if !alike && group.len() <= MAX_COMPARED_ALIKE {
        return clash_counts_alike(run, section, group, &keys);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for k in &keys {
        *counts.entry(k.as_str()).or_default() += 1;
    }
    group
        .iter()
        .zip(&keys)
        .map(|(&i, k)| (i, counts.get(k.as_str()).copied().unwrap_or(1) - 1))
        .collect()
}

/// The largest group whose members are compared each as the other shows its
/// names (one render per pair); larger groups compare their own renders.
const MAX_COMPARED_ALIKE: usize = 32;

/// [`clash_counts`] when members show their names differently: each member
/// clashes with those whose cite, shown with its names, reads the same
/// (as citeproc-js compares a set under one set of name parameters).
fn clash_counts_alike(
    run: &mut Run,
    section: &Section,
    group: &[usize],
    keys: &[String],
) -> HashMap<usize, usize> {
    let pairs: Vec<(usize, usize)> = group
        .iter()
        .enumerate()
        .flat_map(|(a, _)| {
            (0..group.len())
                .filter(move |b| *b != a)
                .map(move |b| (a, b))
        })
        .collect();
    let clashes = run.par_map(&pairs, |run, &(a, b), warnings| {
        let (i, j) = (group[a], group[b]);
        let other = key_as(run, section, j, i, warnings);
        other == keys[a]
    });
    let mut counts: HashMap<usize, usize> = group.iter().map(|&i| (i, 0)).collect();
    for (&(a, _), clash) in pairs.iter().zip(clashes) {
        if clash {
            *counts.entry(group[a]).or_default() += 1;
        }
    }
    counts
}

/// Add names until each member clashes with as few others as possible;
/// each member keeps the smallest count that reaches its minimum.
/// With add-givenname on, names are compared as if fully expanded
/// (`expand`), so names are added when given names could then tell the
/// cites apart.
fn add_names(run: &mut Run, section: &Section, group: &[usize], expand: Option<u8>) {
    let saved: Vec<Vec<u8>> = group
        .iter()
        .map(|&i| run.disambiguation[i].givenname_levels.clone())
        .collect();
    if let Some(level) = expand {
        for &i in group {
            run.disambiguation[i].givenname_levels = vec![level; MAX_NAMES];
        }
    }
    add_names_compared(run, section, group);
    for (&i, levels) in group.iter().zip(saved) {
        run.disambiguation[i].givenname_levels = levels;
    }
}

fn add_names_compared(run: &mut Run, section: &Section, group: &[usize]) {
    let max = group
        .iter()
        .map(|&i| name_count(run, section, i))
        .max()
        .unwrap_or(0)
        .min(MAX_NAMES);
    let mut best: HashMap<usize, (usize, Option<usize>)> = clash_counts(run, section, group)
        .into_iter()
        .map(|(i, c)| (i, (c, None)))
        .collect();
    for extra in 1..=max {
        for &i in group {
            run.disambiguation[i].extra_names = Some(extra);
        }
        for (i, clashes) in clash_counts(run, section, group) {
            if let Some(entry) = best.get_mut(&i) {
                if clashes < entry.0 {
                    *entry = (clashes, Some(extra));
                }
            }
        }
        if best.values().all(|(c, _)| *c == 0) {
            break;
        }
    }
    for &i in group {
        run.disambiguation[i].extra_names = best.get(&i).and_then(|(_, e)| *e);
    }
}

/// Expand given names one name position at a time across the members
/// that still clash, keeping an expansion only when it lowers the clashes.
fn add_givenname(run: &mut Run, section: &Section, group: &[usize], rule: GivennameRule) {
    let max_level: u8 = match rule {
        GivennameRule::AllNamesWithInitials | GivennameRule::PrimaryNameWithInitials => 1,
        _ => 2,
    };
    let primary = matches!(
        rule,
        GivennameRule::PrimaryName | GivennameRule::PrimaryNameWithInitials
    );
    let clashes = clash_counts(run, section, group);
    let open: Vec<usize> = group
        .iter()
        .copied()
        .filter(|i| clashes.get(i).copied().unwrap_or(0) > 0)
        .collect();
    let mut total: usize = clashes.values().sum();
    let slots = if primary {
        1
    } else {
        open.iter()
            .map(|&i| name_count(run, section, i))
            .max()
            .unwrap_or(1)
            .max(1)
    };
    for slot in 0..slots {
        for level in 1..=max_level {
            if total == 0 {
                return;
            }
            let saved: Vec<Vec<u8>> = open
                .iter()
                .map(|&i| run.disambiguation[i].givenname_levels.clone())
                .collect();
            for &i in &open {
                let levels = &mut run.disambiguation[i].givenname_levels;
                if levels.len() <= slot {
                    levels.resize(slot + 1, 0);
                }
                levels[slot] = levels[slot].max(level);
            }
            let now: usize = clash_counts(run, section, group).values().sum();
            if now < total {
                total = now;
            } else {
                for (&i, levels) in open.iter().zip(saved) {
                    run.disambiguation[i].givenname_levels = levels;
                }
            }
        }
    }
}

/// all-names and primary-name rules: expand names that share a family
/// name with another person, whether or not the cites are ambiguous.
fn global_names(run: &mut Run, rule: GivennameRule) {
    let primary = matches!(
        rule,
        GivennameRule::PrimaryName | GivennameRule::PrimaryNameWithInitials
    );
    let initials_only = matches!(
        rule,
        GivennameRule::AllNamesWithInitials | GivennameRule::PrimaryNameWithInitials
    );
    let mut by_family: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let lists: Vec<Vec<Name>> = run
        .items
        .iter()
        .map(|item| {
            item.names(Variable::Author)
                .or_else(|| item.names(Variable::Editor))
                .map(|n| n.into_owned())
                .unwrap_or_default()
        })
        .collect();
    for names in &lists {
        for (slot, name) in names.iter().enumerate() {
            if primary && slot > 0 {
                break;
            }
            let person = (initials(name), full_given(name));
            let list = by_family.entry(family_key(name)).or_default();
            if !list.contains(&person) {
                list.push(person);
            }
        }
    }
    for (index, names) in lists.iter().enumerate() {
        let mut levels = vec![0u8; names.len()];
        for (slot, name) in names.iter().enumerate() {
            if primary && slot > 0 {
                break;
            }
            let Some(people) = by_family.get(&family_key(name)) else {
                continue;
            };
            let me = (initials(name), full_given(name));
            let others: Vec<&(String, String)> = people.iter().filter(|p| **p != me).collect();
            if others.is_empty() {
                continue;
            }
            let same_initials = others.iter().any(|o| o.0 == me.0);
            levels[slot] = match (same_initials, initials_only) {
                (false, _) => 1,
                (true, false) => 2,
                (true, true) => 0,
            };
        }
        run.disambiguation[index].givenname_levels = levels;
    }
}

fn family_key(name: &Name) -> String {
    format!(
        "{} {}",
        name.non_dropping_particle.as_deref().unwrap_or(""),
        name.family
            .as_deref()
            .or(name.literal.as_deref())
            .unwrap_or("")
    )
}

fn full_given(name: &Name) -> String {
    name.given.as_deref().unwrap_or("").replace(['.', ' '], "")
}

fn initials(name: &Name) -> String {
    name.given
        .as_deref()
        .unwrap_or("")
        .split(|c: char| c.is_whitespace() || c == '.' || c == '-')
        .filter_map(|w| w.chars().next())
        .collect()
}
