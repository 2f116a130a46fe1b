//! Cross-script search over a library: a query finds a record through any form of
//! its titles, names, container title and key — the text as published, the
//! record's own transliteration, a transliteration under every scheme with a table
//! for the text's language, and every translation — compared in a caseless,
//! accentless, Turkish-aware folded form ([`fold`]). So `Niyazov`, `Niiazov` and
//! `Ниязов` all find Ниязов, `Voyennaya` finds Военная, and `Isik` finds Işık.
//!
//! [`Index::build`] folds every form once (on several threads for a large
//! library); [`Index::search`] then scans the folded text, so a query costs a pass
//! over memory, not a transliteration. Results are ranked: a whole-word match
//! before a word-start match before a match inside a word; a title or a name
//! before a container title or a key; a form as published or given before a
//! derived one. Nothing here prints.

mod fold;

pub use fold::{fold, fold_into};

use crate::model::{Entry, MultiText, Name};
use crate::text::language::{has_cyrillic, is_latin};
use crate::text::translit::{romanize, Lang, Scheme};

/// Which form of a text a match was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Original,
    /// The record's own transliteration.
    Translit,
    /// A transliteration under a scheme.
    Derived(Scheme),
    /// The translation into a tag.
    Translation(String),
}

impl Found {
    /// A label for listings: `original`, `translit`, `ala-lc`, `translation:en`.
    pub fn label(&self) -> String {
        match self {
            Found::Original => "original".to_string(),
            Found::Translit => "translit".to_string(),
            Found::Derived(scheme) => scheme.name().to_string(),
            Found::Translation(tag) => format!("translation:{tag}"),
        }
    }
}

/// One ranked result: the record, the field and form that matched best, and
/// that form's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub key: String,
    pub field: &'static str,
    pub found: Found,
    pub text: String,
    pub score: u32,
}

/// The fields searched, with their weight in the ranking.
const TEXT_FIELDS: &[(&str, u32)] = &[("title", 5), ("title-short", 4), ("container-title", 3)];
const NAME_WEIGHT: u32 = 4;
const KEY_WEIGHT: u32 = 2;

/// Where a form came from, to show it again for a hit.
#[derive(Debug, Clone, Copy)]
enum Origin {
    Key,
    /// A text field (index into [`TEXT_FIELDS`]).
    Text(u8),
    /// A name: the variable (index into the entry's name variables) and the name.
    Name(u16, u16),
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Original,
    Translit,
    Derived(Scheme),
    /// The translation at this position of the text's translations.
    Translation(u16),
}

/// One folded form: where it ends in the record's folded text, and what it is.
#[derive(Debug, Clone, Copy)]
struct Segment {
    end: u32,
    origin: Origin,
    kind: Kind,
}

/// The folded forms of one record, one after another, separated by newlines.
#[derive(Debug, Default)]
struct Record {
    folded: String,
    segments: Vec<Segment>,
}

/// A library folded for searching.
#[derive(Debug, Default)]
pub struct Index {
    records: Vec<Record>,
}

impl Index {
    /// Folds every form of every entry; `threads` threads share the work.
    pub fn build(entries: &[Entry], threads: usize) -> Index {
        let threads = threads.clamp(1, 16);
        let chunk = entries.len().div_ceil(threads).max(1);
        let records = std::thread::scope(|scope| {
            let handles: Vec<_> = entries
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(index_entry).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        Index { records }
    }

    /// The entries `query` finds, best first (ties in key order), at most `limit`.
    pub fn search(&self, entries: &[Entry], query: &str, limit: usize) -> Vec<Hit> {
        let folded = fold(query);
        let tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut best: Vec<(u32, usize, Segment, usize)> = Vec::new();
        for (index, record) in self.records.iter().enumerate() {
            if !tokens.iter().all(|t| record.folded.contains(t)) {
                continue;
            }
            if let Some((score, segment, start)) = best_segment(record, &tokens) {
                best.push((score, index, segment, start));
            }
        }
        best.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| entries[a.1].key.cmp(&entries[b.1].key))
        });
        best.into_iter()
            .take(limit)
            .filter_map(|(score, index, segment, _)| hit(&entries[index], segment, score))
            .collect()
    }

    /// How many records the index holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// The best-scoring segment of a record in which every token occurs.
fn best_segment(record: &Record, tokens: &[&str]) -> Option<(u32, Segment, usize)> {
    let mut start = 0usize;
    let mut best: Option<(u32, Segment, usize)> = None;
    for segment in &record.segments {
        let end = segment.end as usize;
        let text = &record.folded[start..end];
        let quality: Option<u32> = tokens.iter().map(|t| match_quality(text, t)).sum();
        if let Some(quality) = quality {
            let score = quality * field_weight(segment) * 10 + kind_weight(segment.kind);
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, *segment, start));
            }
        }
        start = end + 1;
    }
    best
}

fn field_weight(segment: &Segment) -> u32 {
    match segment.origin {
        Origin::Key => KEY_WEIGHT,
        Origin::Text(i) => TEXT_FIELDS.get(usize::from(i)).map_or(1, |(_, w)| *w),
        Origin::Name(..) => NAME_WEIGHT,
    }
}

fn kind_weight(kind: Kind) -> u32 {
    match kind {
        Kind::Original | Kind::Translit => 3,
        Kind::Translation(_) => 2,
        Kind::Derived(_) => 1,
    }
}

/// 3 for a whole word, 2 for the start of a word, 1 inside a word; `None` when
/// the token does not occur.
fn match_quality(text: &str, token: &str) -> Option<u32> {
    let mut best = None;
    for (at, _) in text.match_indices(token) {
        let starts = at == 0 || text.as_bytes()[at - 1] == b' ';
        let after = at + token.len();
        let ends = after == text.len() || text.as_bytes()[after] == b' ';
        let quality = match (starts, ends) {
            (true, true) => 3,
            (true, false) => 2,
            _ => 1,
        };
        best = best.max(Some(quality));
        if quality == 3 {
            break;
        }
    }
    best
}

/// Every form of one entry, folded, with repeated forms of a text left out.
fn index_entry(entry: &Entry) -> Record {
    let mut record = Record::default();
    let language = entry.language();
    add(&mut record, &entry.key, Origin::Key, Kind::Original);
    for (i, (field, _)) in TEXT_FIELDS.iter().enumerate() {
        if let Some(text) = entry.text(field) {
            add_text(&mut record, text, language, Origin::Text(i as u8));
        }
    }
    for (v, (_, field)) in entry.names.iter().enumerate() {
        for (n, name) in field.value.iter().enumerate() {
            add_name(
                &mut record,
                name,
                language,
                Origin::Name(v as u16, n as u16),
            );
        }
    }
    record
}

fn add(record: &mut Record, text: &str, origin: Origin, kind: Kind) {
    let start = record.folded.len();
    if start > 0 {
        record.folded.push('\n');
    }
    let from = record.folded.len();
    fold_into(text, &mut record.folded);
    let new = &record.folded[from..];
    // A form equal to an earlier one of the same origin adds nothing.
    if new.is_empty() || record_has(record, from, origin) {
        record.folded.truncate(start);
        return;
    }
    record.segments.push(Segment {
        end: record.folded.len() as u32,
        origin,
        kind,
    });
}

/// Whether the text folded at `from` repeats a segment of the same origin.
fn record_has(record: &Record, from: usize, origin: Origin) -> bool {
    let new = &record.folded[from..];
    let mut start = 0usize;
    for segment in &record.segments {
        let end = segment.end as usize;
        if same_origin(segment.origin, origin) && &record.folded[start..end] == new {
            return true;
        }
        start = end + 1;
    }
    false
}

fn same_origin(a: Origin, b: Origin) -> bool {
    match (a, b) {
        (Origin::Key, Origin::Key) => true,
        (Origin::Text(x), Origin::Text(y)) => x == y,
        (Origin::Name(v, n), Origin::Name(w, m)) => v == w && n == m,
        _ => false,
    }
}

/// One scheme of each group whose outputs fold alike: ALA-LC with and without
/// diacritics differ only in marks the fold removes, and so do the BGN/PCGN variants
/// (signs, middle dots) and the national systems BGN/PCGN adopted (uk-2010,
/// bg-2009, az-cyrl); deriving one of each finds what every scheme would.
const FOLD_DISTINCT: [Scheme; 6] = [
    Scheme::AlaLc,
    Scheme::BgnPcgn,
    Scheme::Iso9,
    Scheme::Gost779B,
    Scheme::Scientific,
    Scheme::Icao,
];

/// The schemes with a table for `text` (in `language`), and that table.
fn schemes_for(text: &str, language: Option<&str>) -> (Lang, Vec<Scheme>) {
    let lang = Lang::for_text(language, text).lang;
    let schemes = FOLD_DISTINCT
        .into_iter()
        .filter(|s| s.covers(lang))
        .collect();
    (lang, schemes)
}

fn add_text(record: &mut Record, text: &MultiText, language: Option<&str>, origin: Origin) {
    add(record, &text.original, origin, Kind::Original);
    if let Some(own) = &text.translit() {
        add(record, own, origin, Kind::Translit);
    }
    if has_cyrillic(&text.original) {
        let (lang, schemes) = schemes_for(&text.original, language);
        for scheme in schemes {
            if let Ok(romanized) = romanize(&text.original, scheme, lang) {
                add(record, &romanized.text, origin, Kind::Derived(scheme));
            }
        }
    }
    for (i, (_, translation)) in text.translations().iter().enumerate() {
        add(record, translation, origin, Kind::Translation(i as u16));
    }
}

fn add_name(record: &mut Record, name: &Name, language: Option<&str>, origin: Origin) {
    add(record, &name.display_original(), origin, Kind::Original);
    if name.has_translit() {
        add(record, &name.display_latin(), origin, Kind::Translit);
    }
    let original = name.display_original();
    if has_cyrillic(&original) {
        let (lang, schemes) = schemes_for(&original, language);
        for scheme in schemes {
            add(
                record,
                &derived_name(name, scheme, lang),
                origin,
                Kind::Derived(scheme),
            );
        }
    }
}

fn derived_name(name: &Name, scheme: Scheme, lang: Lang) -> String {
    name.map_parts(|part| {
        let text = if is_latin(&part.original) {
            part.original.clone()
        } else {
            romanize(&part.original, scheme, lang)
                .map_or_else(|_| part.original.clone(), |r| r.text)
        };
        MultiText::plain(text)
    })
    .display_original()
}

/// The hit for a segment of `entry`: its field and form, shown unfolded.
fn hit(entry: &Entry, segment: Segment, score: u32) -> Option<Hit> {
    let language = entry.language();
    let (field, text, found): (&'static str, String, Found) = match segment.origin {
        Origin::Key => ("key", entry.key.clone(), Found::Original),
        Origin::Text(i) => {
            let field = TEXT_FIELDS.get(usize::from(i))?.0;
            let text = entry.text(field)?;
            let (shown, found) = text_form(text, language, segment.kind)?;
            (field, shown, found)
        }
        Origin::Name(v, n) => {
            let (field, names) = entry.names.iter().nth(usize::from(v))?;
            let name = names.value.get(usize::from(n))?;
            let (shown, found) = name_form(name, language, segment.kind);
            (*field, shown, found)
        }
    };
    Some(Hit {
        key: entry.key.clone(),
        field,
        found,
        text,
        score,
    })
}

fn text_form(text: &MultiText, language: Option<&str>, kind: Kind) -> Option<(String, Found)> {
    Some(match kind {
        Kind::Original => (text.original.clone(), Found::Original),
        Kind::Translit => (text.translit()?.to_string(), Found::Translit),
        Kind::Derived(scheme) => {
            let lang = Lang::for_text(language, &text.original).lang;
            let romanized = romanize(&text.original, scheme, lang).ok()?;
            (romanized.text, Found::Derived(scheme))
        }
        Kind::Translation(i) => {
            let (tag, t) = text.translations().iter().nth(usize::from(i))?;
            (t.clone(), Found::Translation(tag.clone()))
        }
    })
}

fn name_form(name: &Name, language: Option<&str>, kind: Kind) -> (String, Found) {
    match kind {
        Kind::Translit => (name.display_latin(), Found::Translit),
        Kind::Derived(scheme) => {
            let original = name.display_original();
            let lang = Lang::for_text(language, &original).lang;
            (derived_name(name, scheme, lang), Found::Derived(scheme))
        }
        Kind::Original | Kind::Translation(_) => (name.display_original(), Found::Original),
    }
}

#[cfg(test)]
mod tests;
