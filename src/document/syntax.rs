//! Pandoc's citation syntax: `[see @a, p. 5; @b]`, `[-@a]`, `@a [p. 5]`.
//! Parses one bracketed citation (a cluster) into cite items with prefix,
//! key, locator (CSL label + value) and suffix.

use super::locator::LocatorLabels;

/// One reference cited inside a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CiteItem {
    pub key: String,
    pub prefix: String,
    pub suffix: String,
    /// The CSL locator term (`page`, `chapter` …) and the locator itself.
    pub locator: Option<(String, String)>,
    /// `[-@key]`: print the citation without the author.
    pub suppress_author: bool,
    /// `@key` in running text: the author is part of the sentence.
    pub author_in_text: bool,
    /// Byte offset of the `@` within the text the cluster was parsed from.
    pub key_offset: usize,
}

/// Why a citation could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub offset: usize,
}

/// Parses the inside of a bracketed citation (`see @a, p. 5; @b`). `base` is the
/// byte offset of `inner` in its document, so item offsets point into it.
pub fn parse_cluster(
    inner: &str,
    base: usize,
    labels: &LocatorLabels,
) -> Result<Vec<CiteItem>, SyntaxError> {
    let mut items = Vec::new();
    let mut start = 0;
    for part in split_items(inner) {
        let offset = base + start;
        start += part.len() + 1;
        items.push(parse_item(part, offset, labels)?);
    }
    Ok(items)
}

/// Splits on `;` outside braces.
fn split_items(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

fn parse_item(part: &str, offset: usize, labels: &LocatorLabels) -> Result<CiteItem, SyntaxError> {
    let Some((at, key, key_len)) = find_key(part) else {
        return Err(SyntaxError {
            message: format!("`{}` has no @key", part.trim()),
            offset,
        });
    };
    let suppress = at > 0 && part[..at].ends_with('-');
    let prefix_end = if suppress { at - 1 } else { at };
    let key = part[at + 1..][key].to_string();
    let rest = &part[at + 1 + key_len..];
    let (locator, suffix) = split_locator(rest, labels);
    Ok(CiteItem {
        key,
        prefix: prefix_text(&part[..prefix_end]),
        suffix,
        locator,
        suppress_author: suppress,
        author_in_text: false,
        key_offset: offset + at,
    })
}

/// The words before a key, with one space kept before the key (`see `), as
/// CSL prints a prefix verbatim.
pub(crate) fn prefix_text(raw: &str) -> String {
    let words = raw.trim();
    if words.is_empty() {
        String::new()
    } else {
        format!("{words} ")
    }
}

/// The position of the `@` that starts a key: at the start or after a space,
/// `-`, `[` or `;` (so `name@mail.org` is not a citation).
pub fn find_key_start(text: &str) -> Option<usize> {
    find_key(text).map(|(at, _, _)| at)
}

/// [`find_key_start`], with where the key is after the `@` and the bytes it
/// takes ([`key_at`]): found once, not again to be read.
fn find_key(text: &str) -> Option<(usize, std::ops::Range<usize>, usize)> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|i| {
        let starts = bytes[i] == b'@'
            && (i == 0
                || matches!(
                    bytes[i - 1],
                    b' ' | b'-' | b'[' | b';' | b'\n' | b'\t' | b'('
                ));
        if !starts {
            return None;
        }
        let (key, len) = key_at(&text[i + 1..])?;
        Some((i, key, len))
    })
}

/// Reads a key at the start of `text`: `{any key}` or letters/digits/`_` with
/// internal `-.:/` (internal: followed by a letter or digit). Returns the key and
/// the bytes consumed.
pub fn read_key(text: &str) -> Option<(String, usize)> {
    let (key, consumed) = key_at(text)?;
    Some((text[key].to_string(), consumed))
}

/// Where the key at the start of `text` is (see [`read_key`]), and the bytes
/// it takes: a key is found without being copied (every `@` is asked).
fn key_at(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    if let Some(rest) = text.strip_prefix('{') {
        let end = rest.find('}')?;
        let inner = &rest[..end];
        let key = inner.trim();
        let start = 1 + inner.len() - inner.trim_start().len();
        return (!key.is_empty()).then_some((start..start + key.len(), end + 2));
    }
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            end = i + c.len_utf8();
        } else if matches!(c, '-' | '.' | ':' | '/' | '+') && end > 0 {
            match chars.peek() {
                Some((_, n)) if n.is_alphanumeric() || *n == '_' => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    (end > 0).then_some((0..end, end))
}

/// Splits what follows a key into a locator and a suffix. `, p. 5, note` →
/// (page 5, ", note"); `, 33-35` → (page 33-35); `, {iv, vi-xi}` → (page "iv, vi-xi").
pub fn split_locator(rest: &str, labels: &LocatorLabels) -> (Option<(String, String)>, String) {
    let trimmed = rest.trim_start();
    let body = trimmed.strip_prefix(',').unwrap_or(trimmed).trim_start();
    let (label, after_label) = match labels.match_label(body) {
        Some((term, len)) => (Some(term), &body[len..]),
        None => (None, body),
    };
    if let Some(inner) = after_label.strip_prefix('{') {
        if let Some(end) = inner.find('}') {
            let locator = (
                label.unwrap_or("page").to_string(),
                inner[..end].to_string(),
            );
            return (Some(locator), inner[end + 1..].to_string());
        }
    }
    let len = locator_len(after_label);
    if len == 0 || (label.is_none() && !after_label.starts_with(|c: char| c.is_ascii_digit())) {
        return (None, rest.trim().to_string());
    }
    let value = after_label[..len].trim_end_matches([',', ' ']).to_string();
    let suffix = after_label[value.len()..].to_string();
    (Some((label.unwrap_or("page").to_string(), value)), suffix)
}

/// How many bytes of `text` form a locator value: tokens that hold a digit or
/// are roman numerals, joined by dashes or by commas/`&` followed by another token.
fn locator_len(text: &str) -> usize {
    let mut end = 0;
    let mut pos = 0;
    loop {
        let token = token_len(&text[pos..]);
        if token == 0 {
            return end;
        }
        pos += token;
        end = pos;
        let rest = &text[pos..];
        let sep = if rest.starts_with(['-', '–', '—']) {
            rest.chars().next().map_or(0, char::len_utf8)
        } else if rest.starts_with(", ") || rest.starts_with(" & ") {
            let spaced = rest.len() - rest[1..].trim_start().len();
            spaced.max(2)
        } else if rest.starts_with(',') || rest.starts_with('&') {
            1
        } else {
            return end;
        };
        if token_len(&text[pos + sep..]) == 0 {
            return end;
        }
        pos += sep;
    }
}

fn token_len(text: &str) -> usize {
    let word: usize = text
        .char_indices()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '(' | ')'))
        .map(|(_, c)| c.len_utf8())
        .sum();
    let token = text[..word].trim_end_matches('.');
    let has_digit = token.chars().any(|c| c.is_ascii_digit());
    let roman = !token.is_empty() && token.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
    if has_digit || roman {
        token.len()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> CiteItem {
        let mut items = parse_cluster(text, 0, &LocatorLabels::english()).unwrap();
        assert_eq!(items.len(), 1);
        items.remove(0)
    }

    fn loc(item: &CiteItem) -> Option<(&str, &str)> {
        item.locator.as_ref().map(|(l, v)| (l.as_str(), v.as_str()))
    }

    #[test]
    fn prefix_key_locator_suffix() {
        let item = one("see @doe99, pp. 33-35 and passim");
        assert_eq!(item.prefix, "see ");
        assert_eq!(item.key, "doe99");
        assert_eq!(loc(&item), Some(("page", "33-35")));
        assert_eq!(item.suffix, " and passim");
    }

    #[test]
    fn several_items_and_suppressed_author() {
        let items = parse_cluster(
            "-@niyazov, p. 106; @frontier-post-relations",
            10,
            &LocatorLabels::english(),
        )
        .unwrap();
        assert!(items[0].suppress_author);
        assert_eq!(loc(&items[0]), Some(("page", "106")));
        assert_eq!(items[1].key, "frontier-post-relations");
        assert_eq!(items[0].key_offset, 11);
    }

    #[test]
    fn locator_forms() {
        assert_eq!(loc(&one("@a, 33")), Some(("page", "33")));
        assert_eq!(loc(&one("@a, chap. 2")), Some(("chapter", "2")));
        assert_eq!(loc(&one("@a, pp. 3, 7-9")), Some(("page", "3, 7-9")));
        assert_eq!(loc(&one("@a, p. xiv")), Some(("page", "xiv")));
        assert_eq!(
            loc(&one("@a, {iv, vi-xi, (xv)-(xvii)}")),
            Some(("page", "iv, vi-xi, (xv)-(xvii)"))
        );
        assert_eq!(loc(&one("@a, § 4–6")), Some(("section", "4–6")));
        assert_eq!(loc(&one("@a, emphasis added")), None);
        assert_eq!(one("@a, emphasis added").suffix, ", emphasis added");
        let item = one("@a, p. 5, emphasis added");
        assert_eq!(loc(&item), Some(("page", "5")));
        assert_eq!(item.suffix, ", emphasis added");
    }

    #[test]
    fn keys() {
        assert_eq!(read_key("a.b:c-d."), Some(("a.b:c-d".into(), 7)));
        assert_eq!(read_key("{weird key}"), Some(("weird key".into(), 11)));
        assert_eq!(read_key(" x"), None);
        assert_eq!(
            read_key("{  spaced key } p. 4"),
            Some(("spaced key".into(), 15))
        );
        assert_eq!(read_key("{ }"), None);
        assert_eq!(
            read_key("{Öztürk2020}"),
            Some(("Öztürk2020".into(), "{Öztürk2020}".len()))
        );
        assert_eq!(
            read_key("Öztürk-2020, p. 4"),
            Some(("Öztürk-2020".into(), "Öztürk-2020".len()))
        );
        assert_eq!(find_key_start("see @{ }, then @k"), Some(15));
        assert_eq!(find_key_start("mail@example.org"), None);
        assert_eq!(find_key_start("see @k"), Some(4));
        assert!(parse_cluster("just text", 0, &LocatorLabels::english()).is_err());
    }
}
