//! Disambiguation of cites: add-names, add-givenname (with the
//! givenname-disambiguation-rule), the `disambiguate` condition and
//! year-suffix. Items are grouped by their rendered cite, so the work is
//! linear in the number of items plus the size of ambiguous groups.

use super::CiteState;
use crate::csl::item::Name;
use crate::csl::processor::{Cluster, Run};
use crate::csl::style::model::*;
use std::collections::HashMap;

const MAX_NAMES: usize = 50;

pub(crate) fn disambiguate(run: &mut Run, _clusters: &[Cluster]) {
    let Some(section) = run.processor.style.citation.clone() else {
        return;
    };
    let options = section.citation.clone();
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
    for group in ambiguous_groups(run, &section, &all) {
        if options.disambiguate_add_names {
            add_names(run, &section, &group);
        }
        if options.disambiguate_add_givenname {
            let rule = options.givenname_rule.unwrap_or(GivennameRule::ByCite);
            add_givenname(run, &section, &group, rule);
        }
    }
    for group in ambiguous_groups(run, &section, &all) {
        for &i in &group {
            run.disambiguation[i].disambiguate = true;
        }
    }
    if options.disambiguate_add_year_suffix {
        for mut group in ambiguous_groups(run, &section, &all) {
            let rank: HashMap<usize, usize> = run
                .bib_order
                .iter()
                .enumerate()
                .map(|(r, i)| (*i, r))
                .collect();
            group.sort_by_key(|i| rank.get(i).copied().unwrap_or(usize::MAX));
            for (n, i) in group.iter().enumerate() {
                run.disambiguation[*i].year_suffix = Some(n);
            }
        }
    }
}

fn uses_disambiguate_condition(style: &crate::csl::style::Style) -> bool {
    fn walk(elements: &[Element]) -> bool {
        elements.iter().any(|e| match e {
            Element::Choose(c) => {
                c.branches
                    .iter()
                    .any(|b| b.condition.disambiguate.is_some() || walk(&b.children))
                    || walk(&c.otherwise)
            }
            Element::Group(g) => walk(&g.children),
            _ => false,
        })
    }
    style.macros.iter().any(|m| walk(&m.elements))
        || style
            .citation
            .as_ref()
            .map(|c| walk(&c.layout.elements))
            .unwrap_or(false)
}

fn key(run: &mut Run, section: &Section, index: usize) -> String {
    let state = run.state_for(
        index,
        &CiteState {
            position: Some(Position::First),
            ..CiteState::default()
        },
    );
    let state = CiteState {
        citation_number: None,
        year_suffix: None,
        ..state
    };
    let (parts, _) = run.render_item(index, section, &state);
    parts.iter().map(|p| p.plain_text()).collect()
}

fn ambiguous_groups(run: &mut Run, section: &Section, members: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for &i in members {
        let k = key(run, section, i);
        if !groups.contains_key(&k) {
            order.push(k.clone());
        }
        groups.entry(k).or_default().push(i);
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove(&k))
        .filter(|g| g.len() > 1)
        .collect()
}

/// Members whose key is unique within the group.
fn unique_members(run: &mut Run, section: &Section, group: &[usize]) -> Vec<usize> {
    let keys: Vec<(usize, String)> = group.iter().map(|&i| (i, key(run, section, i))).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, k) in &keys {
        *counts.entry(k.as_str()).or_default() += 1;
    }
    keys.iter()
        .filter(|(_, k)| counts.get(k.as_str()).copied().unwrap_or(0) == 1)
        .map(|(i, _)| *i)
        .collect()
}

fn name_count(run: &Run, index: usize) -> usize {
    [
        "author",
        "editor",
        "translator",
        "composer",
        "director",
        "container-author",
    ]
    .iter()
    .filter_map(|v| run.items[index].names(v).map(|n| n.len()))
    .max()
    .unwrap_or(0)
}

fn add_names(run: &mut Run, section: &Section, group: &[usize]) {
    let max = group
        .iter()
        .map(|&i| name_count(run, i))
        .max()
        .unwrap_or(0)
        .min(MAX_NAMES);
    let mut open: Vec<usize> = group.to_vec();
    for extra in 1..=max {
        for &i in &open {
            run.disambiguation[i].extra_names = Some(extra);
        }
        let unique = unique_members(run, section, group);
        open.retain(|i| !unique.contains(i));
        if open.is_empty() {
            return;
        }
    }
    for &i in &open {
        run.disambiguation[i].extra_names = None;
    }
}

fn add_givenname(run: &mut Run, section: &Section, group: &[usize], rule: GivennameRule) {
    let mut open: Vec<usize> = group.to_vec();
    let levels: &[u8] = match rule {
        GivennameRule::AllNamesWithInitials | GivennameRule::PrimaryNameWithInitials => &[1],
        _ => &[1, 2],
    };
    let saved: Vec<Vec<u8>> = open
        .iter()
        .map(|&i| run.disambiguation[i].givenname_levels.clone())
        .collect();
    for &level in levels {
        for &i in &open {
            let count = name_count(run, i).max(1);
            let slots = if matches!(
                rule,
                GivennameRule::PrimaryName | GivennameRule::PrimaryNameWithInitials
            ) {
                1
            } else {
                count
            };
            let current = &mut run.disambiguation[i].givenname_levels;
            current.resize(count, 0);
            for slot in current.iter_mut().take(slots) {
                *slot = (*slot).max(level);
            }
        }
        let unique = unique_members(run, section, group);
        open.retain(|i| !unique.contains(i));
        if open.is_empty() {
            return;
        }
    }
    for (i, levels) in group.iter().zip(saved) {
        if open.contains(i) {
            run.disambiguation[*i].givenname_levels = levels;
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
    let mut by_family: HashMap<String, Vec<Name>> = HashMap::new();
    for item in &run.items {
        if let Some(names) = item.names("author").or_else(|| item.names("editor")) {
            for name in names.iter() {
                let family = name.family.clone().unwrap_or_default();
                let list = by_family.entry(family).or_default();
                if !list.contains(name) {
                    list.push(name.clone());
                }
            }
        }
    }
    for index in 0..run.items.len() {
        let Some(names) = run.items[index]
            .names("author")
            .or_else(|| run.items[index].names("editor"))
        else {
            continue;
        };
        let mut levels = vec![0u8; names.len()];
        for (slot, name) in names.iter().enumerate() {
            if primary && slot > 0 {
                break;
            }
            let family = name.family.clone().unwrap_or_default();
            let others = by_family.get(&family).map(|l| l.len()).unwrap_or(0);
            if others < 2 {
                continue;
            }
            let initial = |n: &Name| n.given.as_deref().and_then(|g| g.chars().next());
            let clash = by_family
                .get(&family)
                .map(|l| l.iter().any(|o| o != name && initial(o) == initial(name)))
                .unwrap_or(false);
            levels[slot] = if clash && !initials_only { 2 } else { 1 };
        }
        run.disambiguation[index].givenname_levels = levels;
    }
}
