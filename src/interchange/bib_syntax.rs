//! The syntax of `.bib` files, read as tolerantly as bibtex and biber read
//! it: entries in braces or parentheses, `@string` macros expanded where they
//! are used (an undefined one is kept as its name, with a warning), `#`
//! concatenation, `@preamble`, `@comment` and any text between entries.
//!
//! One broken entry never costs the others: an error is reported at its place
//! and reading resumes at the next line that starts an entry. Braces are
//! counted as bibtex counts them (`\{` included); when a value's braces do not
//! close before the next entry starts, the value is read again with `\{` and
//! `\}` as the escaped characters a LaTeX user meant them to be.
//!
//! Everything here is a single forward scan over the bytes with counters: no
//! recursion and no backtracking beyond one value, so deeply nested braces or
//! huge files cost linear time. This module only reads syntax; values stay
//! TeX (see [`super::tex_decode`]) and fields keep their `.bib` names.

use super::Source;
use crate::diag::{Diagnostic, Span};
use std::collections::HashMap;

/// One field of an entry, its value expanded to TeX text.
#[derive(Debug, Clone)]
pub struct RawField {
    /// The field name, in lower case.
    pub name: String,
    #[allow(dead_code)]
    pub name_span: Span,
    pub value: String,
    pub value_span: Span,
}

/// One entry as written.
#[derive(Debug, Clone)]
pub struct RawEntry {
    /// The entry type, in lower case (`article`).
    pub kind: String,
    pub key: String,
    /// From the `@` to the closing delimiter.
    pub span: Span,
    pub key_span: Span,
    pub fields: Vec<RawField>,
}

impl RawEntry {
    pub fn field(&self, name: &str) -> Option<&RawField> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// What a `.bib` file holds.
#[derive(Debug, Default)]
pub struct Parsed {
    pub entries: Vec<RawEntry>,
    pub diagnostics: Vec<Diagnostic>,
    /// Errors that cost an entry (as opposed to warnings about one).
    pub broken_entries: usize,
}

/// The month macros every BibTeX style defines.
const MONTH_MACROS: [(&str, &str); 12] = [
    ("jan", "January"),
    ("feb", "February"),
    ("mar", "March"),
    ("apr", "April"),
    ("may", "May"),
    ("jun", "June"),
    ("jul", "July"),
    ("aug", "August"),
    ("sep", "September"),
    ("oct", "October"),
    ("nov", "November"),
    ("dec", "December"),
];

/// Reads every entry of `source`.
pub fn parse(source: &Source) -> Parsed {
    let mut parser = Parser {
        source,
        bytes: source.text.as_bytes(),
        pos: 0,
        macros: MONTH_MACROS
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        out: Parsed::default(),
        escapes: Escapes::Counted,
        field_lines_end_values: false,
    };
    parser.run();
    parser.out
}

struct Parser<'s, 't> {
    source: &'s Source<'t>,
    bytes: &'t [u8],
    pos: usize,
    macros: HashMap<String, String>,
    out: Parsed,
    /// How `\{` counts in the entry being read.
    escapes: Escapes,
    /// Whether a line that starts `field =` ends a value (a second reading).
    field_lines_end_values: bool,
}

/// The second readings of a broken entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attempt {
    EscapedBraces,
    FieldLines,
}

/// Why a piece of an entry could not be read, and where reading resumes.
struct Broken {
    span: Span,
    message: String,
    help: &'static str,
    resume: usize,
}

impl Parser<'_, '_> {
    fn run(&mut self) {
        while let Some(at) = find_byte(self.bytes, self.pos, b'@') {
            if self.commented_out(at) {
                // `% @misc{…}`: a comment to the end of the line, as biber reads it.
                self.pos = find_byte(self.bytes, at, b'\n').unwrap_or(self.bytes.len());
                continue;
            }
            self.pos = at + 1;
            self.skip_space();
            let word = self.identifier();
            if word.is_empty() {
                continue;
            }
            let kind = word.to_ascii_lowercase();
            let after_word = self.pos;
            self.skip_space();
            let Some(&open) = self.bytes.get(self.pos) else {
                self.headless_entry(at, &word, after_word);
                break;
            };
            if open != b'{' && open != b'(' {
                // `@` in text between entries (an address, a remark) is a
                // comment; `@Article,` at the start of a line is a broken entry.
                self.headless_entry(at, &word, after_word);
                self.pos = after_word;
                continue;
            }
            match kind.as_str() {
                "comment" => self.comment(after_word),
                _ => match self.command(&kind, at) {
                    Ok(()) => self.stray_closers(),
                    Err(broken) => self.report_broken(broken),
                },
            }
        }
    }

    /// Warns about closing braces right after an entry's end on its line
    /// (`title = {T}}}`): bibtex skips them as text between entries, but they
    /// mean the entry's braces do not balance, so a value may have ended
    /// early and what followed it in the entry is lost.
    fn stray_closers(&mut self) {
        let mut end = self.pos;
        while matches!(self.bytes.get(end), Some(b' ' | b'\t' | b'}' | b')')) {
            end += 1;
        }
        let stray = &self.bytes[self.pos..end];
        if stray.iter().any(|b| matches!(b, b'}' | b')')) {
            let start = self.pos
                + stray
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
            self.warn(
                Span::new(start, end),
                "stray-brace",
                "closing braces after the end of the entry: its braces do not balance",
                "check the entry's values: an extra `}` ends a value, or the entry, early",
            );
            self.pos = end;
        }
    }

    /// True when a `%` stands before the `@` at `at` on its line: biber
    /// reads a `%` outside entries as a comment to the end of the line.
    fn commented_out(&self, at: usize) -> bool {
        let line_start = self.bytes[..at]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        self.bytes[line_start..at].contains(&b'%')
    }

    /// Reports `@Article,` (or `@Article` alone on its line) at the start of
    /// a line: an entry without its `{`, which bibtex and biber refuse too.
    /// Any other `@word` between entries is text.
    fn headless_entry(&mut self, at: usize, word: &str, after_word: usize) {
        let line_start = self.bytes[..at]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        if !self.bytes[line_start..at]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t'))
        {
            return;
        }
        let mut next = after_word;
        while matches!(self.bytes.get(next), Some(b' ' | b'\t')) {
            next += 1;
        }
        let kind = word.to_ascii_lowercase();
        let headless = match self.bytes.get(next) {
            Some(b',') => true,
            None | Some(b'\n' | b'\r') => {
                kind == "misc"
                    || super::bib::item_type_of(&kind, None) != crate::model::ItemType::Document
            }
            _ => false,
        };
        if headless && !matches!(kind.as_str(), "comment" | "string" | "preamble") {
            self.report_broken(Broken {
                span: Span::new(at, after_word),
                message: format!(
                    "`@{word}` is not followed by `{{` or `(`; the entry is not imported"
                ),
                help: "write the entry as @type{key, field = {value}, …}",
                resume: after_word,
            });
        }
    }

    /// `@comment{…}`: skipped whole when its braces balance (as biber does);
    /// otherwise only the word is skipped (as bibtex does), so an unbalanced
    /// comment never swallows the entries after it.
    fn comment(&mut self, after_word: usize) {
        let open = self.pos;
        match self.delimited(open, Escapes::Counted) {
            Ok(end) => self.pos = end + 1,
            Err(_) => {
                self.warn(
                    Span::new(open, open + 1),
                    "unbalanced-comment",
                    "this @comment's braces never close; only the word `@comment` is skipped",
                    "balance the braces, or delete the comment",
                );
                self.pos = after_word;
            }
        }
    }

    /// `@string`, `@preamble` or an entry, starting at the delimiter.
    fn command(&mut self, kind: &str, at: usize) -> Result<(), Broken> {
        let open = self.bytes[self.pos];
        let close = if open == b'{' { b'}' } else { b')' };
        self.pos += 1;
        match kind {
            "string" => self.string_definition(close),
            "preamble" => {
                self.skip_space();
                self.value(close)?;
                self.expect_close(close)?;
                self.info(
                    Span::new(at, self.pos),
                    "preamble",
                    "the @preamble is not imported: a record has no place for it",
                );
                Ok(())
            }
            _ => self.entry(kind, at, close),
        }
    }

    fn string_definition(&mut self, close: u8) -> Result<(), Broken> {
        self.skip_space();
        let name = self.field_name();
        self.skip_space();
        if name.is_empty() || self.peek() != Some(b'=') {
            return Err(self.broken_here(
                "expected `name = value` in @string",
                "write @string{name = {value}}",
            ));
        }
        self.pos += 1;
        let (value, _) = self.value(close)?;
        self.expect_close(close)?;
        self.macros.insert(name.to_ascii_lowercase(), value);
        Ok(())
    }

    fn entry(&mut self, kind: &str, at: usize, close: u8) -> Result<(), Broken> {
        self.skip_space();
        let key_start = self.pos;
        while let Some(b) = self.peek() {
            if b == b',' || b == close || b.is_ascii_whitespace() {
                break;
            }
            if b == b'@' && self.starts_entry(self.pos) {
                break;
            }
            self.pos += 1;
        }
        let mut key = self.text(key_start, self.pos).to_string();
        let after_key = self.pos;
        self.skip_space();
        if self.peek() == Some(b'=') {
            // `@article{ author = …`: no key; the first field follows.
            key.clear();
            self.pos = key_start;
            self.warn(
                Span::new(at, key_start),
                "missing-key",
                &format!("this {kind} has no key; one is made from its author, year and title"),
                "write the key after the opening brace: @article{key, …",
            );
        } else {
            self.pos = after_key;
            if key.is_empty() {
                // `@article{,`: an empty key.
                self.warn(
                    Span::new(at, key_start),
                    "missing-key",
                    &format!(
                        "this {kind} has an empty key; one is made from its author, year and title"
                    ),
                    "write the key after the opening brace: @article{key, …",
                );
            }
        }
        let mut entry = RawEntry {
            kind: kind.to_string(),
            key_span: Span::new(key_start, key_start + key.len()),
            key,
            span: Span::new(at, at),
            fields: Vec::new(),
        };
        let fields_start = self.pos;
        let reported = self.out.diagnostics.len();
        let mut result = self.fields(&mut entry, close);
        // Read a broken entry again: with `\{` and `\}` as the escaped
        // characters a LaTeX user means (when it has any), then with every
        // line that starts `field =` ending the value before it, so that
        // one unbalanced value costs only itself.
        for attempt in [Attempt::EscapedBraces, Attempt::FieldLines] {
            let Err(broken) = &result else { break };
            let region = self.text(fields_start, broken.resume.max(fields_start));
            if attempt == Attempt::EscapedBraces
                && !region.contains("\\{")
                && !region.contains("\\}")
            {
                continue;
            }
            let failed_at = self.pos;
            self.pos = fields_start;
            self.escapes = if attempt == Attempt::EscapedBraces {
                Escapes::Skipped
            } else {
                Escapes::Counted
            };
            self.field_lines_end_values = attempt == Attempt::FieldLines;
            let mut again = entry.clone();
            again.fields.clear();
            let diagnostics = self.out.diagnostics.split_off(reported);
            match self.fields(&mut again, close) {
                Ok(()) => {
                    entry = again;
                    result = Ok(());
                }
                Err(_) => {
                    self.out.diagnostics.truncate(reported);
                    self.out.diagnostics.extend(diagnostics);
                    self.pos = failed_at;
                }
            }
            self.escapes = Escapes::Counted;
            self.field_lines_end_values = false;
        }
        entry.span = Span::new(entry.span.start(), self.pos.min(self.bytes.len()));
        match result {
            Ok(()) => {
                self.out.entries.push(entry);
                Ok(())
            }
            Err(broken) => Err(Broken {
                // Broken at the end of the file: the place to fix is the entry.
                span: if broken.span.start() >= self.bytes.len() {
                    Span::new(at, at + 1)
                } else {
                    broken.span
                },
                message: format!(
                    "{} `{}`: {}; the entry is not imported",
                    entry.kind, entry.key, broken.message
                ),
                ..broken
            }),
        }
    }

    fn fields(&mut self, entry: &mut RawEntry, close: u8) -> Result<(), Broken> {
        // The key's own comma counts: `@misc{a,, title = …`.
        let mut comma_before = false;
        loop {
            self.skip_space();
            match self.peek() {
                None => {
                    return Err(Broken {
                        span: Span::new(entry.span.start(), entry.span.start() + 1),
                        message: "the entry never closes".into(),
                        help: "end the entry with `}`",
                        resume: self.bytes.len(),
                    })
                }
                Some(b) if b == close => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b',') => {
                    if comma_before {
                        // bibtex stops at `, ,`; biber and kaynak read on.
                        self.warn(
                            Span::new(self.pos, self.pos + 1),
                            "empty-field",
                            &format!("`{}` has an empty field (two commas in a row)", entry.key),
                            "delete one of the commas",
                        );
                    }
                    comma_before = true;
                    self.pos += 1;
                    continue;
                }
                Some(b'@') if self.starts_entry(self.pos) => {
                    // Reported at the entry that is broken, not the next one.
                    let line = self.source.at(Span::new(self.pos, self.pos)).line;
                    return Err(Broken {
                        span: Span::new(entry.span.start(), entry.span.start() + 1),
                        message: format!(
                            "a new entry starts on line {line} before this one closed"
                        ),
                        help: "close the entry with `}` before the next one",
                        resume: self.pos,
                    });
                }
                _ => {}
            }
            let name_start = self.pos;
            let name = self.field_name();
            let name_span = Span::new(name_start, self.pos);
            self.skip_space();
            if name.is_empty() || self.peek() != Some(b'=') {
                return Err(self.broken_here(
                    "expected `field = value`",
                    "each field is `name = {value}`, separated by commas",
                ));
            }
            self.pos += 1;
            self.skip_space();
            let value_start = self.pos;
            let (value, undefined) = self.value(close)?;
            let value_span = Span::new(value_start, self.pos);
            for name in undefined {
                self.warn(
                    value_span,
                    "undefined-string",
                    &format!("`{name}` is not a defined @string; kept as the text `{name}`"),
                    "define it with @string{name = {…}}, or brace the value",
                );
            }
            let name = name.to_ascii_lowercase();
            if entry.field(&name).is_some() {
                self.warn(
                    name_span,
                    "duplicate-field",
                    &format!(
                        "`{name}` is given twice in `{}`; the first value is kept, as bibtex and biber keep it",
                        entry.key
                    ),
                    "delete one of the two",
                );
                continue;
            }
            entry.fields.push(RawField {
                name,
                name_span,
                value,
                value_span,
            });
            self.skip_space();
            comma_before = false;
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    comma_before = true;
                }
                Some(b) if b == close => {}
                _ => {
                    return Err(self.broken_here(
                        "expected `,` or the end of the entry after a value",
                        "separate fields with commas; brace values that hold spaces",
                    ))
                }
            }
        }
    }

    /// A value: pieces joined by `#`. Returns the text and the undefined macros.
    fn value(&mut self, close: u8) -> Result<(String, Vec<String>), Broken> {
        let mut text = String::new();
        let mut undefined = Vec::new();
        loop {
            self.skip_space();
            let start = self.pos;
            match self.peek() {
                Some(b'{') | Some(b'"') => {
                    let (end, guessed) = self.delimited_value(start)?;
                    text.push_str(self.text(start + 1, end));
                    self.pos = end + 1;
                    if guessed {
                        self.warn(
                            Span::new(start, start + 1),
                            "unbalanced-value",
                            "this value's braces never balance; it is read to the end of its line",
                            "balance the braces of the value",
                        );
                    }
                }
                Some(b) if b.is_ascii_digit() => {
                    while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                        self.pos += 1;
                    }
                    text.push_str(self.text(start, self.pos));
                }
                Some(b) if b != close && b != b',' && b != b'#' => {
                    let name = self.field_name();
                    if name.is_empty() {
                        return Err(self.broken_here(
                            "expected a value: `{…}`, `\"…\"`, a number or a @string name",
                            "brace the value: field = {value}",
                        ));
                    }
                    match self.macros.get(&name.to_ascii_lowercase()) {
                        Some(expansion) => text.push_str(expansion),
                        None => {
                            text.push_str(&name);
                            undefined.push(name);
                        }
                    }
                }
                _ => return Err(self.broken_here("expected a value", "write field = {value}")),
            }
            self.skip_space();
            if self.peek() == Some(b'#') {
                self.pos += 1;
            } else {
                return Ok((text, undefined));
            }
        }
    }

    /// The end (closing delimiter) of the braced or quoted value at `start`;
    /// with bibtex's brace counting first, then with `\{` and `\}` escaped,
    /// then, for a value whose braces never balance, up to the last closing
    /// delimiter on its line (`true`: the caller warns).
    fn delimited_value(&self, start: usize) -> Result<(usize, bool), Broken> {
        let counted = self.delimited(start, self.escapes);
        let Err(first) = counted else {
            return counted.map(|end| (end, false));
        };
        if let Ok(end) = self.delimited(start, Escapes::Skipped) {
            return Ok((end, false));
        }
        let close = if self.bytes[start] == b'"' {
            b'"'
        } else {
            b'}'
        };
        let line_end = find_byte(self.bytes, start, b'\n').unwrap_or(self.bytes.len());
        let last = self.bytes[start + 1..line_end]
            .iter()
            .rposition(|b| *b == close)
            .map(|i| start + 1 + i);
        match last {
            Some(end) => Ok((end, true)),
            None => Err(Broken {
                span: Span::new(start, start + 1),
                message: "this value's braces never close".into(),
                help: "balance the braces of the value; write a literal brace as \\{ or \\}",
                resume: first.resume,
            }),
        }
    }

    /// The position of the delimiter that closes the one at `start` (`{`,
    /// `"` or `(`). Fails at the end of the input, or at a line that starts a
    /// new entry: a value never swallows the entries after it.
    fn delimited(&self, start: usize, escapes: Escapes) -> Result<usize, Broken> {
        let open = self.bytes[start];
        let mut depth: usize = 0;
        let mut i = start + 1;
        while i < self.bytes.len() {
            let b = self.bytes[i];
            match b {
                b'\\' if escapes == Escapes::Skipped => i += 1,
                b'{' => depth += 1,
                b'}' if depth > 0 => depth -= 1,
                b'}' if open == b'{' => return Ok(i),
                b'"' if open == b'"' && depth == 0 => return Ok(i),
                b')' if open == b'(' && depth == 0 => return Ok(i),
                b'\n' if self.starts_entry_line(i + 1) => break,
                b'\n' if self.field_lines_end_values && self.starts_field_line(i + 1) => break,
                _ => {}
            }
            i += 1;
        }
        Err(Broken {
            span: Span::new(start, start + 1),
            message: "the delimiters never close".into(),
            help: "balance the braces",
            resume: self.next_entry_line(i),
        })
    }

    /// True when the line starting at `at` is `@word{` or `@word(` (after
    /// spaces).
    fn starts_entry_line(&self, at: usize) -> bool {
        if at > 0 && self.bytes.get(at - 1) != Some(&b'\n') {
            return false;
        }
        let mut i = at;
        while matches!(self.bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        self.starts_entry(i)
    }

    /// True when the line at `at` starts `name = {`, `name = "` or
    /// `name = 1` (a field of an entry).
    fn starts_field_line(&self, at: usize) -> bool {
        let mut i = at;
        while matches!(self.bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        let name_start = i;
        while self
            .bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
        {
            i += 1;
        }
        if i == name_start || !self.bytes[name_start].is_ascii_alphabetic() {
            return false;
        }
        while matches!(self.bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        if self.bytes.get(i) != Some(&b'=') {
            return false;
        }
        i += 1;
        while matches!(self.bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        self.bytes
            .get(i)
            .is_some_and(|b| matches!(b, b'{' | b'"') || b.is_ascii_alphanumeric())
    }

    /// True when `@word{` or `@word(` stands at `at`.
    fn starts_entry(&self, at: usize) -> bool {
        if self.bytes.get(at) != Some(&b'@') {
            return false;
        }
        let mut i = at + 1;
        while self.bytes.get(i).is_some_and(|b| b.is_ascii_alphabetic()) {
            i += 1;
        }
        if i == at + 1 {
            return false;
        }
        while matches!(self.bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        matches!(self.bytes.get(i), Some(b'{' | b'('))
    }

    /// The first line at or after `from` that starts an entry (its `@`).
    fn next_entry_line(&self, from: usize) -> usize {
        let mut i = from;
        while i < self.bytes.len() {
            if self.starts_entry_line(i) {
                return i;
            }
            i = match find_byte(self.bytes, i, b'\n') {
                Some(nl) => nl + 1,
                None => self.bytes.len(),
            };
        }
        self.bytes.len()
    }

    fn expect_close(&mut self, close: u8) -> Result<(), Broken> {
        self.skip_space();
        if self.peek() == Some(close) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.broken_here(
                "expected the closing delimiter",
                "close the command with `}`",
            ))
        }
    }

    fn broken_here(&self, message: &str, help: &'static str) -> Broken {
        let at = self.pos.min(self.bytes.len());
        Broken {
            span: Span::new(at, (at + 1).min(self.bytes.len())),
            message: message.to_string(),
            help,
            resume: self.next_entry_line(at),
        }
    }

    fn report_broken(&mut self, broken: Broken) {
        self.out.broken_entries += 1;
        self.out.diagnostics.push(
            Diagnostic::error("invalid-bib", broken.message)
                .with_location(self.source.at(broken.span))
                .with_help(broken.help),
        );
        // The resume point is past the broken entry's `@`, so reading moves on.
        self.pos = broken.resume;
    }

    fn warn(&mut self, span: Span, code: &'static str, message: &str, help: &str) {
        self.out.diagnostics.push(
            Diagnostic::warning(code, message.to_string())
                .with_location(self.source.at(span))
                .with_help(help.to_string()),
        );
    }

    fn info(&mut self, span: Span, code: &'static str, message: &str) {
        self.out
            .diagnostics
            .push(Diagnostic::info(code, message.to_string()).with_location(self.source.at(span)));
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn text(&self, start: usize, end: usize) -> &str {
        self.source.text.get(start..end).unwrap_or("")
    }

    /// Skips white space and, as biber does, `%` comments between tokens.
    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b == b'%' {
                self.pos = find_byte(self.bytes, self.pos, b'\n').unwrap_or(self.bytes.len());
            } else {
                break;
            }
        }
    }

    /// An entry type after `@`.
    fn identifier(&mut self) -> String {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b':'))
        {
            self.pos += 1;
        }
        self.text(start, self.pos).to_string()
    }

    /// A field or macro name: anything but white space and `={}(),"#%`.
    fn field_name(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(|b| {
            !b.is_ascii_whitespace()
                && !matches!(
                    b,
                    b'=' | b'{' | b'}' | b'(' | b')' | b',' | b'"' | b'#' | b'%'
                )
        }) {
            self.pos += 1;
        }
        self.text(start, self.pos).to_string()
    }
}

/// How `\{` and `\}` count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escapes {
    /// As bibtex counts them: as braces.
    Counted,
    /// As LaTeX reads them: as characters.
    Skipped,
}

fn find_byte(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|b| *b == byte)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(text: &str) -> Parsed {
        let source = Source::new(Path::new("t.bib"), text);
        parse(&source)
    }

    fn fields(entry: &RawEntry) -> Vec<(String, String)> {
        entry
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.value.clone()))
            .collect()
    }

    #[test]
    fn reads_strings_concatenation_and_both_delimiters() {
        let parsed = read(
            "@String{ACM = {Assoc. for Computing}}\n% comment\n@article(a,\n title = \"Quoted {\"} title\", year = 2020,\n journal = ACM # { Press}, month = jan)\n",
        );
        assert_eq!(parsed.diagnostics, vec![]);
        let entry = &parsed.entries[0];
        assert_eq!((entry.kind.as_str(), entry.key.as_str()), ("article", "a"));
        assert_eq!(
            fields(entry),
            vec![
                ("title".into(), "Quoted {\"} title".into()),
                ("year".into(), "2020".into()),
                ("journal".into(), "Assoc. for Computing Press".into()),
                ("month".into(), "January".into()),
            ]
        );
    }

    #[test]
    fn one_broken_entry_costs_only_itself() {
        let parsed = read(
            "@misc{a, title = {x \\{ y}, year={2000}}\n@misc{b, title={B}}\n@misc{c, title = {broken\n@misc{d, title={D}, note = undefinedmacro}\n@comment{ {\n@misc{e, title={E}}\n",
        );
        let keys: Vec<&str> = parsed.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "d", "e"]);
        assert_eq!(parsed.entries[0].fields[0].value, "x \\{ y");
        assert_eq!(parsed.broken_entries, 1);
        let codes: Vec<&str> = parsed.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["invalid-bib", "undefined-string", "unbalanced-comment"]
        );
        assert_eq!(parsed.diagnostics[0].location.as_ref().unwrap().line, 3);
    }

    #[test]
    fn closing_braces_after_an_entry_are_warned_about() {
        let parsed = read("@article{a, title = {T}}}}\n@misc{b, title={B}}\n");
        let keys: Vec<&str> = parsed.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        let codes: Vec<&str> = parsed.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["stray-brace"]);
        let at = parsed.diagnostics[0].location.as_ref().expect("located");
        assert_eq!((at.line, at.column), (1, 25));
        let clean = read("@article{a, title = {T}}  \n}\n");
        assert_eq!(clean.diagnostics, vec![]);
    }

    #[test]
    fn commented_out_entries_are_comments_as_biber_reads_them() {
        let parsed = read(
            "%@article{x1,\n%  title = {old},\n%}\n  % @misc{x2, title={Two}}\n@article{x1, title = {new}}\n",
        );
        let keys: Vec<&str> = parsed.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["x1"]);
        assert_eq!(parsed.entries[0].fields[0].value, "new");
        assert_eq!(parsed.diagnostics, vec![]);
    }

    #[test]
    fn entries_without_key_or_brace_are_reported_where_they_stand() {
        let parsed = read(
            "@Article,\n  title = {Lost},\n}\n\n@Book{,\n  title = {Kept}}\nmail me @ home, or @misc\n",
        );
        let keys: Vec<&str> = parsed.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, [""]);
        let found: Vec<(&str, usize)> = parsed
            .diagnostics
            .iter()
            .map(|d| (d.code, d.location.as_ref().unwrap().line))
            .collect();
        assert_eq!(found, [("invalid-bib", 1), ("missing-key", 5)]);
        assert_eq!(parsed.broken_entries, 1);
    }

    #[test]
    fn an_unclosed_entry_is_reported_at_its_own_line() {
        let parsed = read("@misc{a, title = {A},\n\n@misc{b, title = {B}}\n");
        let keys: Vec<&str> = parsed.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["b"]);
        let error = &parsed.diagnostics[0];
        assert_eq!(error.location.as_ref().unwrap().line, 1);
        assert!(error.message.contains("line 3"), "{}", error.message);
    }

    #[test]
    fn deep_braces_are_linear_and_fine() {
        let deep = format!(
            "@misc{{a, title = {}x{}}}\n@misc{{b, title = {{B}}}}",
            "{".repeat(100_000),
            "}".repeat(100_000)
        );
        let parsed = read(&deep);
        assert_eq!(parsed.entries.len(), 2);
    }
}
