//! Finds pandoc-style citations in a Markdown manuscript: bracketed clusters
//! (`[see @a, p. 5; @b]`, `[-@a]`), in-text citations (`@a`, `@a [p. 5]`),
//! and whether each stands inside a footnote already. Code spans, code blocks,
//! HTML comments, link targets and e-mail addresses are left alone.

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
}

/// Every citation of `doc`, in document order.
pub fn find_citations(doc: &str) -> Vec<Citation> {
    let skip = skipped_ranges(doc);
    let notes = note_ranges(doc, &skip);
    let mut found = Vec::new();
    let bytes = doc.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(end) = skip
            .iter()
            .find(|r| r.start <= i && i < r.end)
            .map(|r| r.end)
        {
            i = end;
            continue;
        }
        let step = match bytes[i] {
            b'[' => bracket(doc, i, &skip, &mut found),
            b'@' => in_text(doc, i, &mut found),
            _ => None,
        };
        i = step.unwrap_or(i + 1);
    }
    for citation in &mut found {
        citation.in_note = notes
            .iter()
            .any(|r| r.start <= citation.span.start && citation.span.end <= r.end);
    }
    found
}

/// Handles `[` at `i`; returns where to continue when it consumed something.
fn bracket(doc: &str, i: usize, skip: &[Span], found: &mut Vec<Citation>) -> Option<usize> {
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
    let items = parse_cluster(inner, i + 1).ok()?;
    found.push(Citation {
        span: Span::new(i, close + 1),
        items,
        in_note: false,
    });
    Some(close + 1)
}

/// An in-text citation `@key`, with an optional ` [locator, suffix]` after it.
fn in_text(doc: &str, i: usize, found: &mut Vec<Citation>) -> Option<usize> {
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
        if let Some(close) = doc[end + 2..].find(']').map(|c| end + 2 + c) {
            let inner = &doc[end + 2..close];
            if !inner.contains('@') && !inner.contains('\n') {
                let (locator, suffix) = split_locator(inner);
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
    });
    Some(end)
}

/// The `]` matching the `[` at `open`, within one paragraph, outside code.
fn matching_bracket(doc: &str, open: usize, skip: &[Span]) -> Option<usize> {
    let bytes = doc.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        if let Some(r) = skip.iter().find(|r| r.start <= i && i < r.end) {
            i = r.end;
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
    let mut ranges = code_blocks(doc);
    let mut i = 0;
    let bytes = doc.as_bytes();
    while i < bytes.len() {
        if let Some(r) = ranges.iter().find(|r| r.start <= i && i < r.end) {
            i = r.end;
            continue;
        }
        let end = match bytes[i] {
            b'`' => code_span_end(doc, i),
            b'<' if doc[i..].starts_with("<!--") => doc[i..].find("-->").map(|p| i + p + 3),
            b'<' => autolink_end(doc, i),
            b'\\' => Some(i + 2),
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
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// A backtick run of length n closed by a run of exactly n.
fn code_span_end(doc: &str, start: usize) -> Option<usize> {
    let run = doc[start..].bytes().take_while(|b| *b == b'`').count();
    let mut i = start + run;
    while let Some(p) = doc[i..].find('`') {
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
    let close = doc[start..].find('>')?;
    let inner = &doc[start + 1..start + close];
    (inner.contains("://") || inner.contains('@') && !inner.contains(' '))
        .then_some(start + close + 1)
}

/// Fenced (``` or ~~~) and indented code blocks, by lines.
fn code_blocks(doc: &str) -> Vec<Span> {
    let mut ranges = Vec::new();
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

/// Inline notes `^[…]` and footnote definitions `[^id]: …` (with their indented
/// continuation lines).
fn note_ranges(doc: &str, skip: &[Span]) -> Vec<Span> {
    let mut ranges = Vec::new();
    let mut search = 0;
    while let Some(p) = doc[search..].find("^[") {
        let open = search + p + 1;
        if let Some(close) = matching_bracket(doc, open, skip) {
            ranges.push(Span::new(open, close + 1));
        }
        search = open + 1;
    }
    let mut offset = 0;
    let mut current: Option<usize> = None;
    for line in doc.split_inclusive('\n') {
        let is_def = line.starts_with("[^") && line.contains("]:");
        let continues = line.starts_with("    ") || line.starts_with('\t');
        if let Some(start) = current {
            if !continues || is_def {
                ranges.push(Span::new(start, offset));
                current = None;
            }
        }
        if is_def {
            current = Some(offset);
        }
        offset += line.len();
    }
    if let Some(start) = current {
        ranges.push(Span::new(start, doc.len()));
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(doc: &str) -> Vec<String> {
        find_citations(doc)
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
        let found = find_citations(doc);
        assert_eq!(keys(doc), ["niyazov", "a+b", "c"]);
        assert!(found[0].items[0].author_in_text);
        assert_eq!(
            found[0].items[0].locator,
            Some(("page".into(), "106".into()))
        );
        assert_eq!(
            &doc[found[1].span.start..found[1].span.end],
            "[see @a, p. 5; @b]"
        );
        assert!(found[2].items[0].suppress_author);
    }

    #[test]
    fn leaves_code_links_and_mail_alone() {
        let doc = "Mail me@x.org, see `[@a]` and\n\n```\n[@b]\n```\n\n    [@c] indented\n\n[link @d](http://x.org/@e) <!-- [@f] --> <http://y.org/@g> ![img @h](i.png) [@real]\n";
        assert_eq!(keys(doc), ["real"]);
    }

    #[test]
    fn notes_are_marked() {
        let doc =
            "Text.^[As [@a] says.] More [@b].\n\n[^1]: See [@c].\n    And [@d].\n\nEnd [@e].\n";
        let found = find_citations(doc);
        let in_note: Vec<bool> = found.iter().map(|c| c.in_note).collect();
        assert_eq!(keys(doc), ["a", "b", "c", "d", "e"]);
        assert_eq!(in_note, [true, false, true, true, false]);
    }

    #[test]
    fn non_citation_brackets_are_text() {
        assert!(keys("[not a citation] and [^1] and [x](y)").is_empty());
        assert_eq!(keys("[a; @b]"), ["b"]);
    }
}
