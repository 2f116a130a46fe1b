//! Keeping control characters away from the terminal. A record's text or a
//! file name may hold ESC, BEL or C1 characters; printed raw, they start
//! escape sequences that set the window title (OSC 0), write the clipboard
//! (OSC 52), or rewrite what is on screen. The policy, as git and ripgrep do:
//!
//! - Diagnostics (messages, help lines, file names and the source snippets
//!   under them) are for people: their control characters are always shown
//!   escaped (`\u{1b}`), wherever they go.
//! - Results on standard output (list, show, bib, cite, render, check …) are
//!   escaped when standard output is a terminal, and written as they are to a
//!   pipe or a file: there they are data, which the next program may need
//!   byte for byte (`kaynak check` reports them as `control-character`, and
//!   `--fix` removes them; LaTeX output drops them in every case).
//!
//! Tab and line feed are layout, not control, and pass through.

use crate::diag::human::SourceText;
use crate::diag::{Diagnostic, Location, Span};
use crate::model::is_control_character;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `text` with every control character written as `\u{…}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control_character) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    if is_control_character(c) {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        out.push(c);
    }
}

/// A writer that escapes control characters on their way through, or passes
/// everything as it is (for pipes and files). It works on bytes and keeps a
/// C1 character whole even when a write splits its two UTF-8 bytes.
pub struct Output<W: Write> {
    inner: W,
    escape: bool,
    /// A lead byte 0xC2 at the end of the last write, whose second byte
    /// decides whether it starts a C1 character.
    pending: Option<u8>,
}

impl<W: Write> Output<W> {
    pub fn new(inner: W, escape: bool) -> Output<W> {
        Output {
            inner,
            escape,
            pending: None,
        }
    }

    fn write_escaped(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut bytes: Cow<[u8]> = Cow::Borrowed(buf);
        if let Some(lead) = self.pending.take() {
            let mut joined = vec![lead];
            joined.extend_from_slice(buf);
            bytes = Cow::Owned(joined);
        }
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let width = match b {
                b'\t' | b'\n' => 0,
                0x00..=0x1F | 0x7F => 1,
                0xC2 if i + 1 == bytes.len() => {
                    self.inner.write_all(&bytes[start..i])?;
                    self.pending = Some(b);
                    return Ok(());
                }
                0xC2 if (0x80..=0x9F).contains(&bytes[i + 1]) => 2,
                _ => 0,
            };
            if width == 0 {
                i += 1;
                continue;
            }
            self.inner.write_all(&bytes[start..i])?;
            let code = if width == 1 {
                u32::from(b)
            } else {
                u32::from(bytes[i + 1])
            };
            write!(self.inner, "\\u{{{code:x}}}")?;
            i += width;
            start = i;
        }
        self.inner.write_all(&bytes[start..])
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.escape {
            self.write_escaped(buf)?;
        } else {
            self.inner.write_all(buf)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Output<W> {
    fn drop(&mut self) {
        // A lone lead byte at the very end is not a character: pass it on.
        if let Some(lead) = self.pending.take() {
            let _ = self.inner.write_all(&[lead]);
        }
        let _ = self.inner.flush();
    }
}

/// Diagnostics with their control characters escaped, and the source texts
/// to show their snippets from: a file whose text (or name) holds control
/// characters is shown escaped, its spans moved to match.
pub struct Escaped<'a> {
    pub diagnostics: Vec<Diagnostic>,
    base: &'a dyn SourceText,
    /// Escaped texts, by the path the escaped diagnostics name.
    overlay: HashMap<PathBuf, String>,
    /// The original path behind an escaped path.
    renamed: HashMap<PathBuf, PathBuf>,
    /// Whether a file's text holds control characters, asked once per file
    /// (a thousand findings in one long file would scan it a thousand times).
    controlled: HashMap<PathBuf, bool>,
    /// The last file found with a plain name and no control characters in
    /// its text: findings come sorted by file, and its next ones are kept as
    /// they are without asking the maps again.
    last_plain: Option<PathBuf>,
}

impl SourceText for Escaped<'_> {
    fn text(&self, path: &Path) -> Option<&str> {
        if let Some(text) = self.overlay.get(path) {
            return Some(text);
        }
        let original = self.renamed.get(path).map_or(path, PathBuf::as_path);
        self.base.text(original)
    }
}

/// Escapes `diagnostics` for people to read (see the module's policy).
pub fn escape_diagnostics<'a>(
    diagnostics: &[Diagnostic],
    sources: &'a dyn SourceText,
) -> Escaped<'a> {
    let mut escaped = Escaped {
        diagnostics: Vec::with_capacity(diagnostics.len()),
        base: sources,
        overlay: HashMap::new(),
        renamed: HashMap::new(),
        controlled: HashMap::new(),
        last_plain: None,
    };
    for d in diagnostics {
        let mut d = d.clone();
        if let Cow::Owned(message) = escape(&d.message) {
            d.message = message;
        }
        if let Some(Cow::Owned(help)) = d.help.as_deref().map(escape) {
            d.help = Some(help);
        }
        if let Some(location) = d.location.take() {
            d.location = Some(escaped.location(location));
        }
        escaped.diagnostics.push(d);
    }
    escaped
}

impl Escaped<'_> {
    fn location(&mut self, mut location: Location) -> Location {
        if self.last_plain.as_ref() == Some(&location.file) {
            return location;
        }
        let original = location.file.clone();
        let name = original.to_string_lossy();
        let renamed = if let Cow::Owned(name) = escape(&name) {
            location.file = PathBuf::from(name);
            self.renamed.insert(location.file.clone(), original.clone());
            true
        } else {
            false
        };
        let Some(text) = self.base.text(&original) else {
            if !renamed {
                self.last_plain = Some(original);
            }
            return location;
        };
        let controlled = *self
            .controlled
            .entry(original.clone())
            .or_insert_with(|| text.chars().any(is_control_character));
        if !controlled {
            if !renamed {
                self.last_plain = Some(original);
            }
            return location;
        }
        if let Some(span) = location.span {
            let moved = Span::new(
                moved_offset(text, span.start()),
                moved_offset(text, span.end()),
            );
            location.span = Some(moved);
        }
        if !self.overlay.contains_key(&location.file) {
            let shown = escape(text).into_owned();
            self.overlay.insert(location.file.clone(), shown);
        }
        location
    }
}

/// Where byte `offset` of `text` lands once its control characters are escaped.
fn moved_offset(text: &str, offset: usize) -> usize {
    let mut extra = 0;
    for (i, c) in text.char_indices() {
        if i >= offset {
            break;
        }
        if is_control_character(c) {
            extra += format!("\\u{{{:x}}}", u32::from(c)).len() - c.len_utf8();
        }
    }
    offset + extra
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]], escape: bool) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = Output::new(&mut out, escape);
            for chunk in chunks {
                w.write_all(chunk).unwrap();
            }
        }
        out
    }

    #[test]
    fn escapes_c0_del_and_c1_even_across_writes() {
        let osc = "a\u{1b}]52;c;aGk=\u{7}b\u{9b}31m\tc\n\u{7f}é".as_bytes();
        let expected = "a\\u{1b}]52;c;aGk=\\u{7}b\\u{9b}31m\tc\n\\u{7f}é";
        assert_eq!(String::from_utf8(through(&[osc], true)).unwrap(), expected);
        let (a, b) = osc.split_at(osc.iter().position(|&b| b == 0xC2).unwrap() + 1);
        assert_eq!(String::from_utf8(through(&[a, b], true)).unwrap(), expected);
        assert_eq!(
            through(&[osc], false),
            osc,
            "pipes get the bytes as they are"
        );
        assert_eq!(escape("plain ünïcode\n"), "plain ünïcode\n");
        assert_eq!(escape("x\u{1b}[2Jy"), "x\\u{1b}[2Jy");
    }

    #[test]
    fn diagnostics_are_escaped_and_their_spans_follow() {
        let path = PathBuf::from("lib/a\u{1b}]0;x\u{7}.toml");
        let text = "title = \"A\\u001b\"\nx = \u{1b}[31m\n";
        let sources = HashMap::from([(path.clone(), text.to_string())]);
        let bad = text.find('\u{1b}').unwrap();
        let d = Diagnostic::error("invalid-toml", "bad \u{1b}[31m")
            .with_location(Location::at(&path, text, Span::new(bad, bad + 1)))
            .with_help("see \u{9b}");
        let escaped = escape_diagnostics(std::slice::from_ref(&d), &sources);
        let e = &escaped.diagnostics[0];
        assert_eq!(e.message, "bad \\u{1b}[31m");
        assert_eq!(e.help.as_deref(), Some("see \\u{9b}"));
        let location = e.location.as_ref().unwrap();
        assert_eq!(location.file, PathBuf::from("lib/a\\u{1b}]0;x\\u{7}.toml"));
        let shown = escaped.text(&location.file).unwrap();
        let span = location.span.unwrap();
        assert_eq!(&shown[span.start()..span.end()], "\\u{1b}");
        assert!(!shown.chars().any(is_control_character));
    }
}
