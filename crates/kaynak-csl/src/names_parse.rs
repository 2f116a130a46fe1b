//! Splitting particles out of names given as plain family/given strings
//! ("van der Berg", "Ludwig van"), as citeproc-js does for CSL-JSON.

use super::item::Name;

fn is_particle_word(word: &str) -> bool {
    let first = word.chars().next();
    match first {
        Some(c) => c.is_lowercase() || word.starts_with('\'') || word.starts_with('’'),
        None => false,
    }
}

/// Move leading lowercase words of `family` to the non-dropping particle
/// and trailing lowercase words of `given` to the dropping particle.
pub fn split_particles(name: &mut Name) {
    split_suffix(name);
    if let Some(family) = name.family.clone() {
        if family.starts_with('"') && family.ends_with('"') && family.len() > 1 {
            name.family = Some(family.trim_matches('"').to_string());
        } else if name.non_dropping_particle.is_none() {
            split_family(name, &family);
        }
    }
    if name.dropping_particle.is_none() {
        if let Some(given) = name.given.clone() {
            split_given(name, &given);
        }
    }
}

fn split_family(name: &mut Name, family: &str) {
    let words: Vec<&str> = family.split(' ').collect();
    let count = words
        .iter()
        .take(words.len().saturating_sub(1))
        .take_while(|w| is_particle_word(w))
        .count();
    if count > 0 {
        let mut particle = words[..count].join(" ");
        // "de' Frinkle": the space after an apostrophe particle is kept
        if particle.ends_with(['\'', '’']) {
            particle.push(' ');
        }
        name.non_dropping_particle = Some(particle);
        name.family = Some(words[count..].join(" "));
        return;
    }
    // "al-One": a short lowercase prefix joined by a hyphen
    if let Some((head, tail)) = family.split_once('-') {
        if !head.is_empty()
            && head.len() <= 3
            && head.chars().all(char::is_lowercase)
            && !tail.is_empty()
        {
            name.non_dropping_particle = Some(format!("{head}-"));
            name.family = Some(tail.to_string());
            return;
        }
    }
    // "d'Alembert" style apostrophe particles
    for apostrophe in ['\'', '’'] {
        if let Some(pos) = family.find(apostrophe) {
            let (head, _) = family.split_at(pos);
            if !head.is_empty() && head.len() <= 3 && head.chars().all(char::is_lowercase) {
                let split = pos + apostrophe.len_utf8();
                name.non_dropping_particle = Some(family[..split].to_string());
                name.family = Some(family[split..].to_string());
                return;
            }
        }
    }
}

fn split_given(name: &mut Name, given: &str) {
    let words: Vec<&str> = given.split(' ').collect();
    let count = words
        .iter()
        .rev()
        .take(words.len().saturating_sub(1))
        .take_while(|w| is_particle_word(w))
        .count();
    if count > 0 {
        let keep = words.len() - count;
        name.dropping_particle = Some(words[keep..].join(" "));
        name.given = Some(words[..keep].join(" "));
    }
}

/// "John, III" → given "John", suffix "III"; "John,! Jr." keeps the comma.
fn split_suffix(name: &mut Name) {
    if name.suffix.is_some() {
        return;
    }
    let Some(given) = name.given.clone() else {
        return;
    };
    let Some((head, tail)) = given.split_once(',') else {
        return;
    };
    let mut tail = tail.trim();
    if let Some(rest) = tail.strip_prefix('!') {
        name.comma_suffix = true;
        tail = rest.trim();
    }
    if tail.is_empty() {
        return;
    }
    name.given = Some(head.trim().to_string());
    name.suffix = Some(tail.to_string());
}
