//! Finds pandoc-style citations in a Markdown manuscript: bracketed clusters
//! (`[see @a, p. 5; @b]`, `[-@a]`), in-text citations (`@a`, `@a [p. 5]`),
//! and whether each stands inside a footnote already. Code spans, code blocks,
//! HTML comments, link targets and e-mail addresses are left alone.

use super::locator::LocatorLabels;
use super::syntax::{find_key_start, parse_cluster, read_key, split_locator, CiteItem};
use crate::diag::Span;

/// One citation found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The bytes to replace with the rendered citation.
    pub span: Span,
    pub items: Vec<CiteItem>,
    /// True inside `^[…]` inline notes and `[^id]:` footnote definitions: a note
    /// style renders it in place instead of making a new footnote.
    pub in_note: bool,
    /// The number of the footnote it is or stands in, counting the document's
    /// own notes and, for a note style, every citation outside a note.
    pub note: u32,
}

/// Every citation of `doc`, in document order, with locator labels in English
/// and in the language of `labels`.
pub fn find_citations(doc: &str, labels: &LocatorLabels) -> Vec<Citation> {
    let skip = SkipSet::new(skipped_ranges(doc));
    let notes = note_ranges(doc, &skip);
    let mut found = Vec::new();
    let bytes = doc.as_bytes();
    let mut i = 0;
    // The first skipped range that ends after `i` (`i` only moves forward):
    // no search per byte.
    let mut next_skip = 0;
    while i < bytes.len() {
        while skip.ranges.get(next_skip).is_some_and(|r| r.end() <= i) {
            next_skip += 1;
        }
        let skip_start = match skip.ranges.get(next_skip) {
            Some(range) if range.start() <= i => {
                i = range.end();
                continue;
            }
            Some(range) => range.start(),
            None => bytes.len(),
        };
        // Only `[` and `@` can start a citation: the bytes before the next
        // one (or the next skipped range) are passed over at once.
        match memchr::memchr2(b'[', b'@', &bytes[i..skip_start]) {
            Some(offset) => i += offset,
            None => {
                i = skip_start;
                continue;
            }
        }
        let step = match bytes[i] {
            b'[' => bracket(doc, i, &skip, labels, &mut found),
            b'@' => in_text(doc, i, labels, &mut found),
            _ => None,
        };
        i = step.unwrap_or(i + 1);
    }
    number_notes(doc, &skip, &notes, &mut found);
    found
}

/// Sets `in_note` and `note` of every citation: a citation outside notes
/// takes the next note number, as does each note of the document (an inline
/// note where it stands, a `[^id]` reference where it is first referred to);
/// a citation inside a note takes that note's number.
fn number_notes(doc: &str, skip: &SkipSet, notes: &NoteRanges, found: &mut [Citation]) {
    // (position, what): a citation (its index) or a note opening (its number slot)
    enum Mark {
        Citation(usize),
        Inline(usize),
        Reference(String),
    }
    let mut marks: Vec<(usize, Mark)> = Vec::new();
    for (index, citation) in found.iter().enumerate() {
        if notes.containing(citation.span).is_none() {
            marks.push((citation.span.start(), Mark::Citation(index)));
        }
    }
    for (index, range) in notes.inline.iter().enumerate() {
        marks.push((range.start(), Mark::Inline(index)));
    }
    for (at, id) in footnote_references(doc, skip) {
        marks.push((at, Mark::Reference(id)));
    }
    marks.sort_by_key(|(at, _)| *at);
    let mut number = 0u32;
    let mut inline_numbers = vec![0u32; notes.inline.len()];
    let mut reference_numbers: std::collections::HashMap<String, u32> = Default::default();
    for (_, mark) in marks {
        match mark {
            Mark::Citation(index) => {
                number += 1;
                found[index].note = number;
            }
            Mark::Inline(index) => {
                number += 1;
                inline_numbers[index] = number;
            }
            Mark::Reference(id) => {
                if let std::collections::hash_map::Entry::Vacant(slot) = reference_numbers.entry(id)
                {
                    number += 1;
                    slot.insert(number);
                }
            }
        }
    }
    for citation in found.iter_mut() {
        let Some(place) = notes.containing(citation.span) else {
            continue;
        };
        citation.in_note = true;
        citation.note = match place {
            NotePlace::Inline(index) => inline_numbers[index],
            NotePlace::Definition(id) => reference_numbers.get(id).copied().unwrap_or_else(|| {
                number += 1;
                number
            }),
        };
    }
}

/// `[^id]` references outside code (not the `[^id]:` definitions).
fn footnote_references(doc: &str, skip: &SkipSet) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for at in memchr::memmem::find_iter(doc.as_bytes(), "[^") {
        if skip.end_at(at).is_some() {
            continue;
        }
        let rest = &doc[at + 2..];
        let Some(close) = rest.find(']') else {
            continue;
        };
        let id = &rest[..close];
        if id.is_empty() || id.contains([' ', '\n', '[']) {
            continue;
        }
        let definition =
            rest[close + 1..].starts_with(':') && (at == 0 || doc.as_bytes()[at - 1] == b'\n');
        if !definition {
            found.push((at, id.to_string()));
        }
    }
    found
}

/// Byte ranges no citation comes from, sorted, for look-ups by position.
pub(crate) struct SkipSet {
    ranges: Vec<Span>,
}

impl SkipSet {
    fn new(mut ranges: Vec<Span>) -> SkipSet {
        ranges.sort_by_key(|r| r.start());
        let mut merged: Vec<Span> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start() < last.end() => {
                    *last = Span::new(last.start(), last.end().max(range.end()));
                }
                _ => merged.push(range),
            }
        }
        SkipSet { ranges: merged }
    }

    /// The end of the skipped range holding `at`, if any.
    fn end_at(&self, at: usize) -> Option<usize> {
        let after = self.ranges.partition_point(|r| r.start() <= at);
        let range = self.ranges.get(after.checked_sub(1)?)?;
        (at < range.end()).then_some(range.end())
    }
}

/// Handles `[` at `i`; returns where to continue when it consumed something.
fn bracket(
    doc: &str,
    i: usize,
    skip: &SkipSet,
    labels: &LocatorLabels,
    found: &mut Vec<Citation>,
) -> Option<usize> {
    let bytes = doc.as_bytes();
    // `[^1]` is a footnote reference; `^[…]` an inline note, whose inside is
    // scanned like any text.
    if bytes.get(i + 1) == Some(&b'^') || i > 0 && bytes[i - 1] == b'^' {
        return None;
    }
    let close = matching_bracket(doc, i, skip)?;
    let after = bytes.get(close + 1).copied();
    let image = i > 0 && bytes[i - 1] == b'!';
    if image || matches!(after, Some(b'(') | Some(b'[') | Some(b':')) {
        // A link or reference: skip the link text and target.
        return Some(if after == Some(b'(') {
            closing_paren(doc, close + 1)
        } else {
            close + 1
        });
    }
    let inner = &doc[i + 1..close];
    let has_key = inner.split(';').all(|part| find_key_start(part).is_some());
    if !has_key {
        return None;
    }
    let items = parse_cluster(inner, i + 1, labels).ok()?;
    found.push(Citation {
        span: Span::new(i, close + 1),
        items,
        in_note: false,
        note: 0,
    });
    Some(close + 1)
}

/// An in-text citation `@key`, with an optional ` [locator, suffix]` after it.
fn in_text(
    doc: &str,
    i: usize,
    labels: &LocatorLabels,
    found: &mut Vec<Citation>,
) -> Option<usize> {
    let bytes = doc.as_bytes();
    if i > 0
        && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] >= 0x80 || bytes[i - 1] == b'/')
    {
        return None; // an e-mail address or a handle inside a word
    }
    let (key, len) = read_key(&doc[i + 1..])?;
    let mut end = i + 1 + len;
    let mut item = CiteItem {
        key,
        author_in_text: true,
        key_offset: i,
        ..CiteItem::default()
    };
    if doc[end..].starts_with(" [") {
        // the bracket closes on the same line, or this is no locator
        let line = doc[end + 2..].split('\n').next().unwrap_or("");
        if let Some(close) = line.find(']').map(|c| end + 2 + c) {
            let inner = &doc[end + 2..close];
            if !inner.contains('@') {
                let (locator, suffix) = split_locator(inner, labels);
                item.locator = locator;
                item.suffix = suffix;
                end = close + 1;
            }
        }
    }
    found.push(Citation {
        span: Span::new(i, end),
        items: vec![item],
        in_note: false,
        note: 0,
    });
    Some(end)
}

/// The `]` matching the `[` at `open`, within one paragraph, outside code.
fn matching_bracket(doc: &str, open: usize, skip: &SkipSet) -> Option<usize> {
    let bytes = doc.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        if let Some(end) = skip.end_at(i) {
            i = end;
            continue;
        }
        match bytes[i] {
            b'[' => depth += 1,
            b']' => {
                // A `]` before any `[` (the `[` at `open` was skipped as
                // code): nothing matches.
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'\n' if bytes.get(i + 1) == Some(&b'\n') => return None,
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    None
}

fn closing_paren(doc: &str, open: usize) -> usize {
    doc[open..]
        .find(')')
        .map(|p| open + p + 1)
        .unwrap_or(open + 1)
}

/// Byte ranges no citation may come from: fenced and indented code blocks,
/// code spans, HTML comments and autolinks.
fn skipped_ranges(doc: &str) -> Vec<Span> {
    let blocks = code_blocks(doc);
    let mut ranges = Vec::new();
    let mut next_block = blocks.iter().peekable();
    let mut i = 0;
    let bytes = doc.as_bytes();
    while i < bytes.len() {
        if let Some(block) = next_block.next_if(|b| b.start() <= i) {
            i = i.max(block.end());
            continue;
        }
        // Only these bytes start a skipped range: the bytes before the next
        // one (or the next code block) are passed over at once.
        let block_start = next_block.peek().map_or(bytes.len(), |b| b.start());
        match memchr::memchr3(b'`', b'<', b'\\', &bytes[i..block_start]) {
            Some(offset) => i += offset,
            None => {
                i = block_start;
                continue;
            }
        }
        let end = match bytes[i] {
            b'`' => code_span_end(doc, i),
            b'<' if doc[i..].starts_with("<!--") => doc[i..].find("-->").map(|p| i + p + 3),
            b'<' => autolink_end(doc, i),
            b'\\' => Some(i + 1 + doc[i + 1..].chars().next().map_or(0, char::len_utf8)),
            _ => None,
        };
        match end {
            Some(end) => {
                ranges.push(Span::new(i, end.min(doc.len())));
                i = end;
            }
            None => i += 1,
        }
    }
    ranges.extend(blocks);
    ranges
}

/// A backtick run of length n closed by a run of exactly n in the same
/// paragraph; an unclosed run is only backticks.
fn code_span_end(doc: &str, start: usize) -> Option<usize> {
    let run = doc[start..].bytes().take_while(|b| *b == b'`').count();
    let paragraph_end = doc[start..].find("\n\n").map_or(doc.len(), |p| start + p);
    let mut i = start + run;
    while let Some(p) = doc[i..paragraph_end].find('`') {
        let at = i + p;
        let len = doc[at..].bytes().take_while(|b| *b == b'`').count();
        if len == run {
            return Some(at + len);
        }
        i = at + len;
    }
    Some(start + run)
}

fn autolink_end(doc: &str, start: usize) -> Option<usize> {
    let line = doc[start..].split('\n').next().unwrap_or("");
    let close = line.find('>')?;
    let inner = &doc[start + 1..start + close];
    (inner.contains("://") || inner.contains('@') && !inner.contains(' '))
        .then_some(start + close + 1)
}

/// Fenced (``` or ~~~) and indented code blocks, by lines.
fn code_blocks(doc: &str) -> Vec<Span> {
    let mut ranges = Vec::new();
    // A block needs a fence or a line indented by four spaces or a tab: a
    // manuscript with none (most) is not read line by line.
    let has = |needle: &str| memchr::memmem::find(doc.as_bytes(), needle.as_bytes()).is_some();
    let indented = doc.starts_with("    ") || doc.starts_with('\t');
    if !(indented || has("```") || has("~~~") || has("\n    ") || has("\n\t")) {
        return ranges;
    }
    let mut fence: Option<(char, usize, usize)> = None; // (char, length, start)
    let mut offset = 0;
    let mut previous_blank = true;
    let mut in_indented = false;
    for line in doc.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let run_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = run_char
            .map(|c| trimmed.chars().take_while(|x| *x == c).count())
            .unwrap_or(0);
        match fence {
            Some((c, len, start)) => {
                if run_char == Some(c) && run >= len && trimmed[run..].trim().is_empty() {
                    ranges.push(Span::new(start, offset + line.len()));
                    fence = None;
                }
            }
            None if indent <= 3 && run >= 3 => fence = Some((run_char.unwrap_or('`'), run, offset)),
            None => {
                let code_line = (indent >= 4 || line.starts_with('\t')) && !line.trim().is_empty();
                if code_line && (previous_blank || in_indented) {
                    ranges.push(Span::new(offset, offset + line.len()));
                    in_indented = true;
                } else if !line.trim().is_empty() {
                    in_indented = false;
                }
            }
        }
        previous_blank = line.trim().is_empty();
        offset += line.len();
    }
    if let Some((_, _, start)) = fence {
        ranges.push(Span::new(start, doc.len()));
    }
    ranges
}

/// Where the document's own notes are: inline notes `^[…]` and footnote
/// definitions `[^id]: …` (with their indented continuation lines), each
/// sorted by start.
struct NoteRanges {
    inline: Vec<Span>,
    definitions: Vec<(Span, String)>,
}

/// The note a citation stands in.
enum NotePlace<'a> {
    Inline(usize),
    Definition(&'a str),
}

impl NoteRanges {
    fn containing(&self, span: Span) -> Option<NotePlace<'_>> {
        let inside = |r: &Span| r.start() <= span.start() && span.end() <= r.end();
        // the innermost inline note starts last; look back a few for nesting
        let after = self.inline.partition_point(|r| r.start() <= span.start());
        let inline = (after.saturating_sub(8)..after)
            .rev()
            .find(|&i| inside(&self.inline[i]));
        if let Some(index) = inline {
            return Some(NotePlace::Inline(index));
        }
        let after = self
            .definitions
            .partition_point(|(r, _)| r.start() <= span.start());
        let (range, id) = self.definitions.get(after.checked_sub(1)?)?;
        inside(range).then_some(NotePlace::Definition(id))
    }
}

fn note_ranges(doc: &str, skip: &SkipSet) -> NoteRanges {
    let mut inline = Vec::new();
    let mut search = 0;
    while let Some(p) = memchr::memmem::find(&doc.as_bytes()[search..], b"^[") {
        let open = search + p + 1;
        if skip.end_at(open).is_none() {
            if let Some(close) = matching_bracket(doc, open, skip) {
                inline.push(Span::new(open, close + 1));
            }
        }
        search = open + 1;
    }
    let mut definitions = Vec::new();
    let mut offset = 0;
    let mut current: Option<(usize, String)> = None;
    // A definition is a line that starts with `[^`: without one (most
    // manuscripts) the lines are not read one by one.
    let has_definition =
        doc.starts_with("[^") || memchr::memmem::find(doc.as_bytes(), b"\n[^").is_some();
    let lines = if has_definition { doc } else { "" };
    for line in lines.split_inclusive('\n') {
        let id = line
            .strip_prefix("[^")
            .and_then(|rest| rest.split_once("]:"))
            .map(|(id, _)| id.to_string());
        let continues = line.starts_with("    ") || line.starts_with('\t');
        if current.is_some() && (!continues || id.is_some()) {
            if let Some((start, id)) = current.take() {
                definitions.push((Span::new(start, offset), id));
            }
        }
        if let Some(id) = id {
            current = Some((offset, id));
        }
        offset += line.len();
    }
    if let Some((start, id)) = current {
        definitions.push((Span::new(start, doc.len()), id));
    }
    inline.sort_by_key(|r| r.start());
    NoteRanges {
        inline,
        definitions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(doc: &str) -> Vec<String> {
        find_citations(doc, &LocatorLabels::english())
            .iter()
            .map(|c| {
                c.items
                    .iter()
                    .map(|i| i.key.as_str())
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect()
    }

    #[test]
    fn finds_clusters_and_in_text_citations() {
        let doc = "As @niyazov [p. 106] shows [see @a, p. 5; @b]. Also [-@c].\n";
        let found = find_citations(doc, &LocatorLabels::english());
        assert_eq!(keys(doc), ["niyazov", "a+b", "c"]);
        assert!(found[0].items[0].author_in_text);
        assert_eq!(
            found[0].items[0].locator,
            Some(("page".into(), "106".into()))
        );
        assert_eq!(
            &doc[found[1].span.start()..found[1].span.end()],
            "[see @a, p. 5; @b]"
        );
        assert!(found[2].items[0].suppress_author);
    }

    #[test]
    fn leaves_code_links_and_mail_alone() {
        let doc = "Mail me@x.org, see `[@a]` and\n\n```\n[@b]\n```\n\n    [@c] indented\n\n[link @d](http://x.org/@e) <!-- [@f] --> <http://y.org/@g> ![img @h](i.png) [@real]\n";
        assert_eq!(keys(doc), ["real"]);
        // code spans right before and after a fenced block, and in it
        let doc = "`x` [@one]\n\n```\n`[@two]`\n```\n`[@three]` [@four] `[@five]`";
        assert_eq!(keys(doc), ["one", "four"]);
        // indented code at the very start, after a tab, and after a blank line
        assert_eq!(
            keys("    [@a]\n\n\t[@b]\n\nText [@c].\n\n    [@d]\n"),
            ["c"]
        );
        assert_eq!(keys("~~~\n[@a]\n~~~\n[@b]"), ["b"]);
    }

    #[test]
    fn notes_are_marked() {
        let doc =
            "Text.^[As [@a] says.] More [@b].\n\n[^1]: See [@c].\n    And [@d].\n\nEnd [@e].\n";
        let found = find_citations(doc, &LocatorLabels::english());
        let in_note: Vec<bool> = found.iter().map(|c| c.in_note).collect();
        assert_eq!(keys(doc), ["a", "b", "c", "d", "e"]);
        assert_eq!(in_note, [true, false, true, true, false]);
        // a definition on the first line
        let found = find_citations("[^n]: In [@a].\n\nOut [@b].\n", &LocatorLabels::english());
        let in_note: Vec<bool> = found.iter().map(|c| c.in_note).collect();
        assert_eq!(in_note, [true, false]);
    }

    #[test]
    fn non_citation_brackets_are_text() {
        assert!(keys("[not a citation] and [^1] and [x](y)").is_empty());
        assert_eq!(keys("[a; @b]"), ["b"]);
    }
}
