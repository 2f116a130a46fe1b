//! Rich text inside text values: the small HTML-like markup that CSL items
//! carry (CSL-JSON, citeproc-js, pandoc), so that italics in a title, a
//! protected acronym or a formula survive import, rendering and export.
//!
//! A text value is plain text in which only these tags are markup:
//!
//! | tag | meaning | from TeX |
//! |---|---|---|
//! | `<i>…</i>` | italics | `\emph`, `\textit`, `\mkbibemph`, `{\em …}` |
//! | `<b>…</b>` | bold | `\textbf`, `\mkbibbold` |
//! | `<span style="font-variant:small-caps;">…</span>` | small capitals | `\textsc` |
//! | `<sup>…</sup>`, `<sub>…</sub>` | super- and subscript | `\textsuperscript` … |
//! | `<span class="nocase">…</span>` | case kept as written | `{NASA}` in a title |
//! | `<span class="math">…</span>` | TeX math, kept verbatim | `$E=mc^2$` |
//!
//! Anything else (`a < b`, `<u>`) is text. This module reads markup as a flat
//! stream of [`Piece`]s, without recursion (a value may nest deeply), and
//! gives the plain text of a value. It never writes any output format: each
//! exporter turns pieces into its own syntax.

use std::borrow::Cow;

/// One kind of markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    Italic,
    Bold,
    SmallCaps,
    Superscript,
    Subscript,
    NoCase,
    Math,
}

impl Mark {
    /// The opening tag as written in a value.
    pub fn open_tag(self) -> &'static str {
        match self {
            Mark::Italic => "<i>",
            Mark::Bold => "<b>",
            Mark::SmallCaps => "<span style=\"font-variant:small-caps;\">",
            Mark::Superscript => "<sup>",
            Mark::Subscript => "<sub>",
            Mark::NoCase => "<span class=\"nocase\">",
            Mark::Math => "<span class=\"math\">",
        }
    }

    /// The closing tag.
    pub fn close_tag(self) -> &'static str {
        match self {
            Mark::Italic => "</i>",
            Mark::Bold => "</b>",
            Mark::Superscript => "</sup>",
            Mark::Subscript => "</sub>",
            Mark::SmallCaps | Mark::NoCase | Mark::Math => "</span>",
        }
    }
}

/// Opening tags that are read as markup, with the mark each one opens.
/// `<sc>` and the spaced small-caps style are read (citeproc-js writes them)
/// but never written.
const OPENERS: &[(&str, Mark)] = &[
    ("<i>", Mark::Italic),
    ("<b>", Mark::Bold),
    ("<sup>", Mark::Superscript),
    ("<sub>", Mark::Subscript),
    ("<sc>", Mark::SmallCaps),
    ("<span style=\"font-variant:small-caps;\">", Mark::SmallCaps),
    (
        "<span style=\"font-variant: small-caps;\">",
        Mark::SmallCaps,
    ),
    ("<span class=\"nocase\">", Mark::NoCase),
    ("<span class=\"math\">", Mark::Math),
];

/// A piece of a rich text value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Open(Mark),
    Close(Mark),
}

/// True when `text` may hold markup (a cheap test before [`pieces`]).
pub fn has_markup(text: &str) -> bool {
    text.contains('<')
}

/// Reads `text` as markup. Tags pair up like parentheses; an opening tag
/// without its closing tag, or a closing tag that closes nothing open, is
/// text. Every `Open` in the result has its `Close`, properly nested.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    if !has_markup(text) {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Piece::Text(text)]
        };
    }
    let tokens = tokens(text);
    // Pair the tags with a stack of open ones (no recursion); a closing tag
    // pairs with the innermost open tag of the same closing form. Counting
    // the open tags of each form keeps this linear: the stack is searched
    // only when a partner is there, and what the search passes is dropped.
    let mut paired = vec![false; tokens.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut open_of_form = [0usize; CLOSERS.len()];
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Open(mark, _) => {
                open.push(i);
                open_of_form[form(mark.close_tag())] += 1;
            }
            Token::Close(close, _) if open_of_form[form(close)] > 0 => {
                let at = open.iter().rposition(|&o| match tokens[o] {
                    Token::Open(mark, _) => mark.close_tag() == *close,
                    _ => false,
                });
                if let Some(at) = at {
                    // Tags opened inside and left open are text.
                    for &dropped in &open[at..] {
                        if let Token::Open(mark, _) = tokens[dropped] {
                            open_of_form[form(mark.close_tag())] -= 1;
                        }
                    }
                    paired[open[at]] = true;
                    paired[i] = true;
                    open.truncate(at);
                }
            }
            Token::Close(_, _) | Token::Text(_) => {}
        }
    }
    let mut out = Vec::with_capacity(tokens.len());
    let mut stack: Vec<Mark> = Vec::new();
    for (token, paired) in tokens.iter().zip(paired) {
        match (token, paired) {
            (Token::Open(mark, _), true) => {
                stack.push(*mark);
                out.push(Piece::Open(*mark));
            }
            (Token::Close(_, _), true) => {
                if let Some(mark) = stack.pop() {
                    out.push(Piece::Close(mark));
                }
            }
            (Token::Text(t) | Token::Open(_, t) | Token::Close(_, t), _) => push_text(&mut out, t),
        }
    }
    out
}

fn push_text<'a>(out: &mut Vec<Piece<'a>>, text: &'a str) {
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
}

enum Token<'a> {
    Text(&'a str),
    /// A mark and the tag as written.
    Open(Mark, &'a str),
    /// A closing tag and the tag as written.
    Close(&'static str, &'a str),
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(offset) = text[at..].find('<') {
        let here = at + offset;
        let rest = &text[here..];
        let tag = OPENERS
            .iter()
            .find(|(tag, _)| rest.starts_with(tag))
            .map(|(tag, mark)| (tag.len(), Some(*mark), ""))
            .or_else(|| {
                ["</i>", "</b>", "</sup>", "</sub>", "</sc>", "</span>"]
                    .iter()
                    .find(|close| rest.starts_with(**close))
                    .map(|close| (close.len(), None, *close))
            });
        let Some((len, mark, close)) = tag else {
            at = here + 1;
            continue;
        };
        if here > start {
            out.push(Token::Text(&text[start..here]));
        }
        let written = &text[here..here + len];
        out.push(match mark {
            Some(mark) => Token::Open(mark, written),
            // `</sc>` closes what `<sc>` opened, written `</span>` elsewhere.
            None if close == "</sc>" => Token::Close("</span>", written),
            None => Token::Close(canonical_close(close), written),
        });
        start = here + len;
        at = start;
    }
    if start < text.len() {
        out.push(Token::Text(&text[start..]));
    }
    out
}

/// The closing forms, in the order [`form`] numbers them.
const CLOSERS: [&str; 5] = ["</i>", "</b>", "</sup>", "</sub>", "</span>"];

fn form(close: &str) -> usize {
    CLOSERS.iter().position(|c| *c == close).unwrap_or(4)
}

fn canonical_close(close: &str) -> &'static str {
    match close {
        "</i>" => "</i>",
        "</b>" => "</b>",
        "</sup>" => "</sup>",
        "</sub>" => "</sub>",
        _ => "</span>",
    }
}

/// The text without its markup (for keys, sorting, comparisons, listings).
pub fn plain(text: &str) -> Cow<'_, str> {
    if !has_markup(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for piece in pieces(text) {
        if let Piece::Text(t) = piece {
            out.push_str(t);
        }
    }
    Cow::Owned(out)
}

/// True when plain `text` would be read as markup: importers of formats
/// without markup (RIS) check this before storing a value as it is.
pub fn would_read_as_markup(text: &str) -> bool {
    pieces(text).iter().any(|p| !matches!(p, Piece::Text(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_marks_and_leaves_the_rest_as_text() {
        let text = "The <i>Origin</i> of <span class=\"nocase\">NASA <span class=\"math\">x<y</span></span> a < b <u>";
        let got = pieces(text);
        assert_eq!(
            got,
            vec![
                Piece::Text("The "),
                Piece::Open(Mark::Italic),
                Piece::Text("Origin"),
                Piece::Close(Mark::Italic),
                Piece::Text(" of "),
                Piece::Open(Mark::NoCase),
                Piece::Text("NASA "),
                Piece::Open(Mark::Math),
                Piece::Text("x<y"),
                Piece::Close(Mark::Math),
                Piece::Close(Mark::NoCase),
                Piece::Text(" a < b <u>"),
            ]
        );
        assert_eq!(plain(text), "The Origin of NASA x<y a < b <u>");
    }

    #[test]
    fn unpaired_tags_are_text() {
        assert_eq!(plain("a <i>b"), "a <i>b");
        assert_eq!(
            pieces("a </i> b"),
            vec![Piece::Text("a "), Piece::Text("</i>"), Piece::Text(" b")]
        );
        assert!(!would_read_as_markup("x <i> y"));
        assert!(would_read_as_markup("x <i>y</i>"));
        assert_eq!(plain("<sc>Ab</sc>"), "Ab");
    }

    #[test]
    fn many_unmatched_closing_tags_stay_linear() {
        let text = "<b>".repeat(50_000) + &"</i>".repeat(50_000);
        assert_eq!(plain(&text), text);
    }

    #[test]
    fn deep_nesting_needs_no_stack() {
        let deep = "<i>".repeat(100_000) + "x" + &"</i>".repeat(100_000);
        assert_eq!(plain(&deep), "x");
    }
}
