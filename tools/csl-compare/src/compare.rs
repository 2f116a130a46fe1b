//! Comparing one style's output from the two processors: normalising what is
//! not a rendering difference, pairing entries and citations, and naming the
//! differing part of two strings.
//!
//! Normalised away (on both sides alike), and nothing else:
//! * citeproc-js's `<div class="csl-entry">` wrapper around a bibliography entry
//!   (kaynak's example prints the entry's inner markup);
//! * white space next to a `<div>` or `</div>` tag (the layout of
//!   `csl-left-margin` / `csl-right-inline` / `csl-block` blocks, which HTML
//!   does not render), and at the start and end of a bibliography entry (a
//!   block too); a citation keeps its edges, since it runs in the text;
//! * character references: `&#38;` and `&amp;` are the same `&` on the page;
//! * a run of ordinary spaces (U+0020, not the no-break space): HTML renders
//!   it as one space. citeproc-js keeps both spaces where one element's suffix
//!   ends in a space and the next sibling's prefix begins with one (ISO 690's
//!   `suffix=". "` title before `prefix=" "` "Online"); kaynak prints one.

use serde_json::Value;

/// One processor's output for one style.
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub citations: Vec<String>,
    /// `None` when the style has no bibliography.
    pub bibliography: Option<Vec<(String, String)>>,
}

impl Output {
    /// Read the JSON both renderers print.
    pub fn from_json(value: &Value) -> Result<Output, String> {
        let citations = value
            .get("citations")
            .and_then(Value::as_array)
            .ok_or("no \"citations\" array")?
            .iter()
            .map(|c| c.as_str().unwrap_or_default().to_string())
            .collect();
        let bibliography = match value.get("bibliography") {
            Some(Value::Array(entries)) => Some(
                entries
                    .iter()
                    .map(|e| {
                        let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default();
                        (text("id").to_string(), text("entry").to_string())
                    })
                    .collect(),
            ),
            _ => None,
        };
        Ok(Output {
            citations,
            bibliography,
        })
    }
}

/// Strip citeproc-js's `csl-entry` wrapper, if any.
fn unwrap_entry(text: &str) -> &str {
    let trimmed = text.trim();
    match trimmed.strip_prefix("<div class=\"csl-entry\">") {
        Some(inner) => inner.strip_suffix("</div>").unwrap_or(inner),
        None => text,
    }
}

/// Replace character references by the characters they stand for.
fn decode_entities(text: &str) -> String {
    const NAMED: &[(&str, &str)] = &[
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
        ("&nbsp;", "\u{a0}"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &rest[..=e];
            if let Some(number) = entity
                .strip_prefix("&#x")
                .or_else(|| entity.strip_prefix("&#X"))
            {
                u32::from_str_radix(&number[..number.len() - 1], 16)
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from)
            } else if let Some(number) = entity.strip_prefix("&#") {
                number[..number.len() - 1]
                    .parse::<u32>()
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from)
            } else {
                NAMED
                    .iter()
                    .find(|(name, _)| *name == entity)
                    .map(|(_, c)| c.to_string())
            }
            .map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Remove white space on either side of `<div …>` and `</div>` tags.
fn trim_block_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let open = rest.find("<div");
        let close = rest.find("</div>");
        let at = match (open, close) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        out.push_str(rest[..at].trim_end());
        let Some(end) = rest[at..].find('>') else {
            break;
        };
        out.push_str(&rest[at..=at + end]);
        rest = rest[at + end + 1..].trim_start();
    }
    out.push_str(rest);
    out
}

/// The text both sides are compared on: a citation's.
pub fn normalise(text: &str) -> String {
    let text = collapse_spaces(&decode_entities(&trim_block_space(unwrap_entry(text))));
    drop_repeated_spans(&text)
}

/// A `<span style="…">` inside an open span with the same style attribute
/// (and its `</span>`) is dropped: the style is inherited already, so HTML
/// shows the text the same (citeproc-js writes such nested spans around
/// each name of a list it also formats whole).
fn drop_repeated_spans(text: &str) -> String {
    const OPEN: &str = "<span ";
    if !text.contains(OPEN) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    // the open spans' start tags, and whether each was dropped
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..=end];
        if tag.starts_with(OPEN) {
            let repeated = open.iter().any(|(t, _)| *t == tag);
            open.push((tag, repeated));
            if !repeated {
                out.push_str(tag);
            }
        } else if tag == "</span>" {
            if !open.pop().is_some_and(|(_, dropped)| dropped) {
                out.push_str(tag);
            }
        } else {
            out.push_str(tag);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Runs of U+0020 spaces become one space, as HTML shows them.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// The text both sides are compared on: a bibliography entry's.
pub fn normalise_entry(text: &str) -> String {
    normalise(text).trim().to_string()
}

/// The differing middle of two strings, widened to whole words: the common
/// prefix and suffix are cut at the last white space (or tag end) within
/// them. Returns (`a`'s middle, `b`'s middle).
pub fn difference(a: &str, b: &str) -> (String, String) {
    if a == b {
        return (String::new(), String::new());
    }
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut start = ac.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    let max_tail = ac.len().min(bc.len()) - start;
    let mut tail = ac
        .iter()
        .rev()
        .zip(bc.iter().rev())
        .take(max_tail)
        .take_while(|(x, y)| x == y)
        .count();
    let boundary = |c: char| c.is_whitespace() || c == '>' || c == '<';
    while start > 0 && !boundary(ac[start - 1]) {
        start -= 1;
    }
    while tail > 0 && !boundary(ac[ac.len() - tail]) {
        tail -= 1;
    }
    let middle = |v: &[char]| v[start..v.len() - tail].iter().collect::<String>();
    (middle(&ac), middle(&bc))
}

/// The pairs to compare for one style: citations by position, bibliography
/// entries by item id (an entry on one side only pairs with an empty string).
pub struct Pair {
    pub kind: Kind,
    /// Citation number (1-based) or item id.
    pub key: String,
    pub kaynak: String,
    pub citeproc: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Entry,
    Citation,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Entry => "entry",
            Kind::Citation => "citation",
        }
    }
}

pub fn pairs(kaynak: &Output, citeproc: &Output) -> Vec<Pair> {
    let mut out = Vec::new();
    let count = kaynak.citations.len().max(citeproc.citations.len());
    for n in 0..count {
        let get = |o: &Output| o.citations.get(n).map(|s| normalise(s)).unwrap_or_default();
        out.push(Pair {
            kind: Kind::Citation,
            key: (n + 1).to_string(),
            kaynak: get(kaynak),
            citeproc: get(citeproc),
        });
    }
    let (ours, theirs) = (
        kaynak.bibliography.clone().unwrap_or_default(),
        citeproc.bibliography.clone().unwrap_or_default(),
    );
    let find = |list: &[(String, String)], id: &str| {
        list.iter()
            .find(|(i, _)| i == id)
            .map(|(_, e)| normalise_entry(e))
            .unwrap_or_default()
    };
    let mut ids: Vec<&str> = theirs.iter().map(|(id, _)| id.as_str()).collect();
    for (id, _) in &ours {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    for id in ids {
        out.push(Pair {
            kind: Kind::Entry,
            key: id.to_string(),
            kaynak: find(&ours, id),
            citeproc: find(&theirs, id),
        });
    }
    out
}

/// Whether the two bibliographies list their (common) entries in the same order.
pub fn same_order(kaynak: &Output, citeproc: &Output) -> bool {
    let ids = |o: &Output| -> Vec<String> {
        o.bibliography
            .iter()
            .flatten()
            .map(|(id, _)| id.clone())
            .collect()
    };
    let (a, b) = (ids(kaynak), ids(citeproc));
    let common = |x: &[String], y: &[String]| -> Vec<String> {
        x.iter().filter(|id| y.contains(id)).cloned().collect()
    };
    common(&a, &b) == common(&b, &a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_wrapper_and_block_layout_are_not_differences() {
        let citeproc = "  <div class=\"csl-entry\">\n    <div class=\"csl-left-margin\">1. </div><div class=\"csl-right-inline\">Smith J. <i>Title</i> &#38; more.</div>\n  </div>\n";
        let kaynak = "<div class=\"csl-left-margin\">1.</div><div class=\"csl-right-inline\">Smith J. <i>Title</i> &amp; more.</div>";
        assert_eq!(normalise(citeproc), normalise(kaynak));
        assert_eq!(
            normalise_entry("  <div class=\"csl-entry\">A. </div>\n"),
            "A."
        );
        assert_eq!(normalise(" (A 2001)"), " (A 2001)");
        assert_eq!(
            normalise(kaynak),
            "<div class=\"csl-left-margin\">1.</div><div class=\"csl-right-inline\">Smith J. <i>Title</i> & more.</div>"
        );
    }

    #[test]
    fn a_span_inside_a_span_of_the_same_style_is_not_a_difference() {
        let sc = "<span style=\"font-variant:small-caps;\">";
        let nested = format!("{sc}{sc}Doe, J.</span> ; {sc}Roe, R.</span> ; u. a.</span>");
        let whole = format!("{sc}Doe, J. ; Roe, R. ; u. a.</span>");
        assert_eq!(normalise(&nested), normalise(&whole));
        // a different style, or the names alone, stay different
        let italic = "<span style=\"font-style:italic;\">";
        let mixed = format!("{sc}{italic}Doe</span></span>");
        assert_eq!(normalise(&mixed), mixed);
        let each = format!("{sc}Doe, J.</span> ; {sc}Roe, R.</span> ; u. a.");
        assert_ne!(normalise(&each), normalise(&whole));
    }

    #[test]
    fn runs_of_spaces_are_one_space_but_no_break_spaces_stay() {
        assert_eq!(normalise("<i>T. 2</i>.  Online."), "<i>T. 2</i>. Online.");
        assert_ne!(
            normalise("Москва\u{a0} : Наука"),
            normalise("Москва : Наука")
        );
    }

    #[test]
    fn rendering_differences_survive_normalisation() {
        let pairs = [
            ("<i>Title</i>", "Title"),
            ("Smith, J", "Smith, J."),
            ("A\u{a0} B", "A B"),
            ("İn", "In"),
            ("x&#38;y", "x&y "),
        ];
        for (a, b) in pairs {
            assert_ne!(normalise(a), normalise(b), "{a} vs {b}");
        }
        assert_eq!(normalise("&bogus; & &#99999999;"), "&bogus; & &#99999999;");
    }

    #[test]
    fn the_difference_is_widened_to_words() {
        assert_eq!(
            difference("Smith, ed. In Title", "Smith, ed. İn Title"),
            ("In".to_string(), "İn".to_string())
        );
        assert_eq!(
            difference("see p. 5.", "see p. 5"),
            ("5.".to_string(), "5".to_string())
        );
        assert_eq!(difference("same", "same"), (String::new(), String::new()));
    }

    #[test]
    fn pairs_match_entries_by_id_and_citations_by_position() {
        let a = Output {
            citations: vec!["(A 2001)".into(), "(B 2002)".into()],
            bibliography: Some(vec![("a".into(), "A.".into()), ("b".into(), "B.".into())]),
        };
        let b = Output {
            citations: vec!["(A 2001)".into()],
            bibliography: Some(vec![("b".into(), "B!".into()), ("a".into(), "A.".into())]),
        };
        let got: Vec<(Kind, String, bool)> = pairs(&a, &b)
            .into_iter()
            .map(|p| (p.kind, p.key, p.kaynak == p.citeproc))
            .collect();
        assert_eq!(
            got,
            vec![
                (Kind::Citation, "1".into(), true),
                (Kind::Citation, "2".into(), false),
                (Kind::Entry, "b".into(), false),
                (Kind::Entry, "a".into(), true),
            ]
        );
        assert!(!same_order(&a, &b));
        assert!(same_order(&a, &a));
    }
}
