//! Markdown backend (pandoc flavour): `*italic*`, `**bold**`,
//! `[text]{.smallcaps}`, `^sup^`, `~sub~`; specials are backslash-escaped,
//! `@` too (pandoc would read `@word` as a citation), and so is a list
//! marker (`- `, `+ `, `1. `) at the start of a line.

use super::{Backend, Span};
use crate::model::Display;

pub struct Markdown;

impl Backend for Markdown {
    fn escape(&self, text: &str, out: &mut String) {
        // Runs of plain text are copied whole; only the bytes that need a
        // backslash stop the scan (all of them ASCII, so every stop is a
        // character boundary). Pushing character by character was a tenth
        // of a 10,000-note render outside the engine.
        let bytes = text.as_bytes();
        let mut line_start = out.is_empty() || out.ends_with('\n');
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            if !line_start {
                // Within a line only a special or a line break matters.
                match bytes[i..].iter().position(|&b| STOPS[usize::from(b)]) {
                    Some(offset) => i += offset,
                    None => break,
                }
            }
            let b = bytes[i];
            if SPECIAL[usize::from(b)] || line_start && starts_list(&bytes[i..]) {
                out.push_str(&text[run..i]);
                out.push('\\');
                run = i;
            }
            // A multi-byte character is neither a line break nor a digit:
            // its first byte ends a line start as the character would.
            line_start = b == b'\n' || line_start && b.is_ascii_digit();
            i += 1;
        }
        out.push_str(&text[run..]);
    }

    fn open(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "*",
            Span::Bold => "**",
            Span::SmallCaps | Span::Underline => "[",
            Span::Superscript => "^",
            Span::Subscript => "~",
            Span::Display(Display::Block | Display::Indent) if !out.is_empty() => "\n\n",
            _ => "",
        })
    }

    fn close(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "*",
            Span::Bold => "**",
            Span::SmallCaps => "]{.smallcaps}",
            Span::Underline => "]{.underline}",
            Span::Superscript => "^",
            Span::Subscript => "~",
            Span::Display(Display::LeftMargin) => " ",
            Span::Display(Display::Block | Display::Indent) => "\n\n",
            _ => "",
        })
    }
}

/// The characters escaped wherever they are, by byte.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let specials = b"\\*_`[]<>#^~|@";
    let mut i = 0;
    while i < specials.len() {
        table[specials[i] as usize] = true;
        i += 1;
    }
    table
};

/// The bytes a scan within a line stops at: the specials and a line break.
const STOPS: [bool; 256] = {
    let mut table = SPECIAL;
    table[b'\n' as usize] = true;
    table
};

/// Whether a line starting with `text` would be read as a list item: the
/// marker is what the escape goes before (`-`, `+`, or the `.`/`)` after digits).
fn starts_list(text: &[u8]) -> bool {
    match text {
        [b'-' | b'+' | b'.' | b')'] => true,
        [b'-' | b'+' | b'.' | b')', next, ..] => *next == b' ',
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        let mut out = String::new();
        Markdown.escape(text, &mut out);
        out
    }

    #[test]
    fn citations_and_list_markers_are_escaped() {
        assert_eq!(md("mail @niyazov"), "mail \\@niyazov");
        assert_eq!(md("- a dash"), "\\- a dash");
        assert_eq!(md("1. First"), "1\\. First");
        assert_eq!(md("a - b 1. c"), "a - b 1. c");
        assert_eq!(md("x\n+ y"), "x\n\\+ y");
    }

    /// Every special is escaped in runs of any script, list markers only
    /// where a line starts (after digits, or at the start of the output).
    #[test]
    fn runs_keep_every_escape() {
        assert_eq!(md("Ниязов_*a*"), "Ниязов\\_\\*a\\*");
        assert_eq!(
            md("a\\b`c[d]e<f>g#h^i~j|k@l"),
            "a\\\\b\\`c\\[d\\]e\\<f\\>g\\#h\\^i\\~j\\|k\\@l"
        );
        assert_eq!(md("12) x\n3."), "12\\) x\n3\\.");
        assert_eq!(md("-x\n- y\nç- z"), "-x\n\\- y\nç- z");
        assert_eq!(md("."), "\\.");
        let mut out = String::from("after ");
        Markdown.escape("- b", &mut out);
        assert_eq!(out, "after - b");
    }

    /// The escape character by character, as the rules read.
    fn by_chars(text: &str, out: &mut String) {
        let mut line_start = out.is_empty() || out.ends_with('\n');
        for (i, c) in text.char_indices() {
            let rest = &text[i..];
            let list = matches!(c, '-' | '+' | '.' | ')')
                && rest[1..].chars().next().is_none_or(|n| n == ' ');
            if "\\*_`[]<>#^~|@".contains(c) || line_start && list {
                out.push('\\');
            }
            out.push(c);
            line_start = c == '\n' || line_start && c.is_ascii_digit();
        }
    }

    /// Every string of a few characters drawn from the specials, the list
    /// markers, digits, spaces, line breaks and non-ASCII letters escapes as
    /// the character-by-character rules say, after any output.
    #[test]
    fn runs_escape_as_characters_do() {
        let alphabet = [
            '-', '+', '.', ')', '1', ' ', '\n', '*', '@', 'a', 'ç', 'Я', '\\',
        ];
        let n = alphabet.len();
        for before in ["", "x", "x\n"] {
            for code in 0..n.pow(4) {
                let text: String = (0..4).map(|d| alphabet[code / n.pow(d) % n]).collect();
                let (mut fast, mut slow) = (before.to_string(), before.to_string());
                Markdown.escape(&text, &mut fast);
                by_chars(&text, &mut slow);
                assert_eq!(fast, slow, "{before:?} + {text:?}");
            }
        }
    }
}
