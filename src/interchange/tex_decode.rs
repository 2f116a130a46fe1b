//! TeX in `.bib` values → kaynak's text with rich-text markup
//! ([`crate::model::markup`]).
//!
//! - Accents in every form (`\'e`, `\'{e}`, `{\'e}`, `\c c`, `\"{\i}` → ï,
//!   `\u\i` → ĭ), special letters (`\ss`, `\o`, `\l`, `\ae`, `\i` …), T2A
//!   Cyrillic (`\cyra`), symbols (`\&`, `\textendash` …).
//! - TeX's ligatures: `--` –, `---` —, ``` `` ``` “, `''` ”, `` ` `` ‘, `~`
//!   a no-break space.
//! - Text commands become markup: `\emph`, `\textit`, `\mkbibemph`, `{\em …}`
//!   → `<i>`; `\textbf` → `<b>`; `\textsc` → small capitals; super- and
//!   subscripts; `\mkbibquote` → “…”.
//! - In title-like fields a braced group (`{NASA}`, `{van Gogh}`) keeps its
//!   case: `<span class="nocase">`. A group that is one accented letter
//!   (`{\"O}`) is just that letter.
//! - Math (`$…$`, `\(…\)`) is kept verbatim in `<span class="math">`; a lone
//!   `$` is a dollar sign.
//! - An unknown command is dropped and its arguments kept; the caller is told
//!   its name.
//!
//! One pass with an explicit stack: no recursion, linear in the input.

use crate::model::markup::Mark;
use unicode_normalization::UnicodeNormalization;

/// Whether braced groups protect case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Titles and other texts a style may re-case: groups become `nocase`.
    Title,
    /// Names and other texts: braces only group.
    Plain,
}

/// The decoded text and the unknown commands met.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub unknown: Vec<String>,
}

/// Formatting nests at most this deep; deeper commands keep their text.
const MAX_MARKS: usize = 16;

/// Decodes one field value.
pub fn decode(tex: &str, mode: Mode) -> Decoded {
    let mut decoder = Decoder {
        chars: tex.chars().collect(),
        pos: 0,
        out: String::with_capacity(tex.len()),
        frames: Vec::new(),
        top_closes: Vec::new(),
        pending_accents: Vec::new(),
        mode,
        marks: 0,
        protect: None,
        unknown: Vec::new(),
        pending_arg: None,
    };
    decoder.run();
    let mut text: String = collapse_spaces(&decoder.out).nfc().collect();
    if mode == Mode::Title && text.contains(Mark::NoCase.open_tag()) {
        text = widen_letter_spans(&text);
    }
    Decoded {
        text,
        unknown: decoder.unknown,
    }
}

/// What a `{…}` group is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arg {
    /// A group of its own (may protect case).
    Group,
    /// The argument of a markup command: closes with the mark (if written).
    Mark(Option<Mark>),
    /// An argument printed between two strings (`\mkbibquote` → “…”).
    Around(&'static str),
    /// An argument whose text is only grouped.
    Plain,
}

struct Frame {
    arg: Arg,
    /// Declarations (`\em`) opened inside, closed with the group.
    closes: Vec<Mark>,
    /// Where the group's output starts (for a case-protecting group).
    start: usize,
    /// Whether the group began with a command (`{\"O}`, `{\em …}`).
    starts_with_command: bool,
}

/// A group that may protect case: its frame index and letters seen.
struct Protect {
    frame: usize,
    letters: usize,
}

struct Decoder {
    chars: Vec<char>,
    pos: usize,
    out: String,
    frames: Vec<Frame>,
    /// Declarations at the top level, closed at the end.
    top_closes: Vec<Mark>,
    pending_accents: Vec<char>,
    mode: Mode,
    marks: usize,
    protect: Option<Protect>,
    unknown: Vec<String>,
    /// The kind of the next group, set by a command that takes an argument.
    pending_arg: Option<Arg>,
}

impl Decoder {
    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            let arg = self.pending_arg.take();
            match c {
                '{' => {
                    self.pos += 1;
                    self.open_group(arg.unwrap_or(Arg::Group));
                }
                '}' => {
                    self.pos += 1;
                    self.close_group();
                }
                '\\' => {
                    self.pos += 1;
                    self.command();
                }
                '$' => self.math(),
                _ => {
                    if let Some(arg) = arg {
                        // `\emph x`: the argument is one character.
                        self.single_char_arg(arg);
                    } else {
                        self.text_char(c);
                    }
                }
            }
        }
        while !self.frames.is_empty() {
            self.close_group();
        }
        for mark in std::mem::take(&mut self.top_closes).into_iter().rev() {
            self.out.push_str(mark.close_tag());
        }
        self.flush_accents();
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn text_char(&mut self, c: char) {
        self.pos += 1;
        let next = self.peek(0);
        match c {
            '-' if next == Some('-') => {
                if self.peek(1) == Some('-') {
                    self.pos += 2;
                    self.emit("—");
                } else {
                    self.pos += 1;
                    self.emit("–");
                }
            }
            '`' if next == Some('`') => {
                self.pos += 1;
                self.emit("“");
            }
            '`' => self.emit("‘"),
            '\'' if next == Some('\'') => {
                self.pos += 1;
                self.emit("”");
            }
            '?' | '!' if next == Some('`') => {
                self.pos += 1;
                self.emit(if c == '?' { "¿" } else { "¡" });
            }
            '~' => self.emit("\u{A0}"),
            c if c.is_whitespace() => {
                self.flush_accents();
                self.out.push(' ');
            }
            c => {
                let mut buf = [0u8; 4];
                self.emit(c.encode_utf8(&mut buf));
            }
        }
    }

    /// Writes text, putting pending accents after its first character.
    fn emit(&mut self, text: &str) {
        let mut chars = text.chars();
        let Some(first) = chars.next() else {
            return;
        };
        if !self.pending_accents.is_empty() {
            // An accent over a dotless i or j means over i or j.
            let base = match first {
                'ı' => 'i',
                'ȷ' => 'j',
                c => c,
            };
            self.out.push(base);
            for mark in std::mem::take(&mut self.pending_accents) {
                self.out.push(mark);
            }
        } else {
            self.out.push(first);
        }
        self.out.push_str(chars.as_str());
        if let Some(protect) = &mut self.protect {
            protect.letters += text.chars().filter(|c| c.is_alphanumeric()).count();
        }
    }

    /// An accent with nothing to sit on is written as the mark alone.
    fn flush_accents(&mut self) {
        for mark in std::mem::take(&mut self.pending_accents) {
            self.out.push(mark);
        }
    }

    fn open_group(&mut self, arg: Arg) {
        let starts_with_command = self.peek(0) == Some('\\');
        let frame_index = self.frames.len();
        let mut frame = Frame {
            arg,
            closes: Vec::new(),
            start: self.out.len(),
            starts_with_command,
        };
        match arg {
            Arg::Mark(Some(mark)) => self.out.push_str(mark.open_tag()),
            Arg::Around(open) => {
                let (before, _) = around(open);
                self.emit(before);
            }
            Arg::Group if self.mode == Mode::Title && self.protect.is_none() => {
                self.protect = Some(Protect {
                    frame: frame_index,
                    letters: 0,
                });
            }
            _ => {}
        }
        frame.start = match arg {
            Arg::Group => self.out.len(),
            _ => frame.start,
        };
        self.frames.push(frame);
    }

    fn close_group(&mut self) {
        let Some(frame) = self.frames.pop() else {
            // A `}` that closes nothing is left out, as bibtex would refuse it.
            return;
        };
        for mark in frame.closes.iter().rev() {
            self.out.push_str(mark.close_tag());
            self.marks = self.marks.saturating_sub(1);
        }
        match frame.arg {
            Arg::Mark(Some(mark)) => {
                self.out.push_str(mark.close_tag());
                self.marks = self.marks.saturating_sub(1);
            }
            Arg::Around(open) => {
                let (_, after) = around(open);
                self.emit(after);
            }
            _ => {}
        }
        let index = self.frames.len();
        if self.protect.as_ref().is_some_and(|p| p.frame == index) {
            if let Some(protect) = self.protect.take() {
                let lone_letter = frame.starts_with_command && protect.letters <= 1;
                if protect.letters > 0 && !lone_letter {
                    self.out.insert_str(frame.start, Mark::NoCase.open_tag());
                    self.out.push_str(Mark::NoCase.close_tag());
                }
            }
        }
    }

    fn single_char_arg(&mut self, arg: Arg) {
        self.open_group(match arg {
            Arg::Group => Arg::Plain,
            other => other,
        });
        if let Some(c) = self.peek(0) {
            self.text_char(c);
        }
        self.close_group();
    }

    /// After a `\`: a control word or a control symbol.
    fn command(&mut self) {
        let Some(first) = self.peek(0) else {
            self.emit("\\");
            return;
        };
        if !first.is_ascii_alphabetic() {
            self.pos += 1;
            return self.control_symbol(first);
        }
        let start = self.pos;
        while self.peek(0).is_some_and(|c| c.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        // TeX skips the spaces after a control word.
        while self.peek(0).is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
        self.control_word(&name);
    }

    fn control_symbol(&mut self, c: char) {
        if let Some(mark) = accent_mark(c) {
            self.pending_accents.push(mark);
            self.pending_arg = Some(Arg::Plain);
            return;
        }
        match c {
            '(' | '[' => {
                let end = if c == '(' { "\\)" } else { "\\]" };
                if !self.math_until(end) {
                    self.emit(if c == '(' { "(" } else { "[" });
                }
            }
            ' ' | '\n' | '\t' => self.emit(" "),
            ',' => self.emit("\u{2009}"),
            ';' | ':' | '>' => self.emit(" "),
            '\\' => self.emit(" "),
            '-' | '/' | '@' | '*' => {}
            c => {
                let mut buf = [0u8; 4];
                self.emit(c.encode_utf8(&mut buf));
            }
        }
    }

    fn control_word(&mut self, name: &str) {
        if let Some(mark) = word_accent(name) {
            self.pending_accents.push(mark);
            self.pending_arg = Some(Arg::Plain);
            return;
        }
        if let Some(text) = super::tex_symbols::symbol(name) {
            return self.emit(text);
        }
        if let Some(letter) = super::tex_encode::cyrillic_letter(name) {
            let mut buf = [0u8; 4];
            return self.emit(letter.encode_utf8(&mut buf));
        }
        match command_kind(name) {
            Some(Command::Markup(mark)) => {
                let written = (self.marks < MAX_MARKS).then_some(mark);
                if written.is_some() {
                    self.marks += 1;
                }
                self.pending_arg = Some(Arg::Mark(written));
            }
            Some(Command::Declaration(mark)) => self.declare(mark),
            Some(Command::Around(open)) => self.pending_arg = Some(Arg::Around(open)),
            Some(Command::Unwrap) => self.pending_arg = Some(Arg::Plain),
            Some(Command::Verbatim) => {
                if let Some(raw) = self.raw_group() {
                    self.emit(&raw);
                }
            }
            Some(Command::DropArguments(count)) => {
                for _ in 0..count {
                    self.raw_group();
                }
            }
            Some(Command::Nothing) => {}
            None => {
                self.unknown.push(name.to_string());
                if self.peek(0) == Some('{') {
                    self.pending_arg = Some(Arg::Plain);
                } else {
                    // A macro of the file's own preamble (`\TUG`, `\PDF`):
                    // its name is the best text there is.
                    self.emit(name);
                }
            }
        }
    }

    /// `{\em …}`: formatting to the end of the current group.
    fn declare(&mut self, mark: Mark) {
        if self.marks >= MAX_MARKS {
            return;
        }
        self.marks += 1;
        self.out.push_str(mark.open_tag());
        match self.frames.last_mut() {
            Some(frame) => frame.closes.push(mark),
            None => self.top_closes.push(mark),
        }
    }

    /// The text of the `{…}` group at the cursor, taken as it is.
    fn raw_group(&mut self) -> Option<String> {
        while self.peek(0).is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
        if self.peek(0) != Some('{') {
            return None;
        }
        let start = self.pos + 1;
        let mut depth = 0usize;
        let mut i = start;
        while let Some(&c) = self.chars.get(i) {
            match c {
                '\\' => i += 1,
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        let raw: String = self.chars[start..i.min(self.chars.len())].iter().collect();
        self.pos = (i + 1).min(self.chars.len());
        Some(raw)
    }

    /// `$…$` or `$$…$$`: kept verbatim as math; a lone `$` is a dollar sign.
    fn math(&mut self) {
        let display = self.peek(1) == Some('$');
        let delimiter = if display { "$$" } else { "$" };
        self.pos += delimiter.len();
        if !self.math_until(delimiter) {
            self.emit(delimiter);
        }
    }

    /// Math up to `end` (not escaped); false (nothing read) when it never ends.
    fn math_until(&mut self, end: &str) -> bool {
        let end: Vec<char> = end.chars().collect();
        let mut i = self.pos;
        while i < self.chars.len() {
            if self.chars[i] == '\\' && end[0] != '\\' {
                i += 2;
                continue;
            }
            if self.chars[i..].starts_with(&end) {
                let body: String = self.chars[self.pos..i].iter().collect();
                self.pos = i + end.len();
                self.out.push_str(Mark::Math.open_tag());
                self.out.push_str(body.trim());
                self.out.push_str(Mark::Math.close_tag());
                if let Some(protect) = &mut self.protect {
                    protect.letters += 2;
                }
                return true;
            }
            i += 1;
        }
        false
    }
}

fn around(open: &'static str) -> (&'static str, &'static str) {
    match open {
        "“" => ("“", "”"),
        "(" => ("(", ")"),
        "[" => ("[", "]"),
        _ => ("", ""),
    }
}

/// Accents written as a symbol (`\'`, `\"` …), as combining marks.
fn accent_mark(c: char) -> Option<char> {
    Some(match c {
        '`' => '\u{300}',
        '\'' => '\u{301}',
        '^' => '\u{302}',
        '~' => '\u{303}',
        '=' => '\u{304}',
        '.' => '\u{307}',
        '"' => '\u{308}',
        _ => return None,
    })
}

/// Accents written as a word (`\c`, `\u`, `\v` …), as combining marks.
fn word_accent(name: &str) -> Option<char> {
    Some(match name {
        "u" => '\u{306}',
        "v" => '\u{30C}',
        "H" => '\u{30B}',
        "r" => '\u{30A}',
        "c" => '\u{327}',
        "k" => '\u{328}',
        "d" => '\u{323}',
        "b" => '\u{331}',
        "t" => '\u{361}',
        "G" => '\u{30F}',
        "textogonekcentered" => '\u{328}',
        _ => return None,
    })
}

enum Command {
    /// Formatting of its argument.
    Markup(Mark),
    /// Formatting to the end of the group (`{\em …}`).
    Declaration(Mark),
    /// Its argument between two strings.
    Around(&'static str),
    /// Its argument, unformatted.
    Unwrap,
    /// Its argument as written (`\url`).
    Verbatim,
    /// Arguments that print nothing (`\noopsort{…}`).
    DropArguments(usize),
    /// Prints nothing.
    Nothing,
}

fn command_kind(name: &str) -> Option<Command> {
    use Command::*;
    Some(match name {
        "emph" | "textit" | "mkbibemph" | "textsl" | "mkbibitalic" | "textem" => {
            Markup(Mark::Italic)
        }
        "textbf" | "mkbibbold" | "bold" => Markup(Mark::Bold),
        "textsc" | "mkbibsc" => Markup(Mark::SmallCaps),
        "textsuperscript" | "mkbibsuperscript" | "sups" => Markup(Mark::Superscript),
        "textsubscript" | "mkbibsubscript" => Markup(Mark::Subscript),
        "nocase" | "NoCaseChange" => Markup(Mark::NoCase),
        "em" | "it" | "itshape" | "sl" | "slshape" => Declaration(Mark::Italic),
        "bf" | "bfseries" => Declaration(Mark::Bold),
        "sc" | "scshape" => Declaration(Mark::SmallCaps),
        "mkbibquote" | "enquote" | "textquote" | "mkccitation" => Around("“"),
        "mkbibparens" => Around("("),
        "mkbibbrackets" => Around("["),
        "textrm" | "textnormal" | "textsf" | "texttt" | "textup" | "textmd" | "mbox" | "hbox"
        | "text" | "ensuremath" | "textlatin" | "foreignlanguage" | "uppercase"
        | "MakeUppercase" | "protect" | "lowercase" | "MakeLowercase" | "footnote"
        | "mkbibacro" | "acronym" | "textcolor" | "colorbox" | "underline" | "uline" | "sout"
        | "textstrikeout" => Unwrap,
        "url" | "path" | "nolinkurl" | "doi" => Verbatim,
        "href" | "hyperref" => DropArguments(1),
        "noopsort" | "sortnoop" | "SortNoop" | "noop" | "nocite" | "label" | "index"
        | "hyphenation" | "hspace" | "vspace" | "kern" | "ref" | "cite" | "citep" | "citet"
        | "vphantom" | "hphantom" | "phantom" => DropArguments(1),
        "relax" | "xspace" | "allowbreak" | "linebreak" | "nobreak" | "break" | "newline"
        | "par" | "unskip" | "null" | "ignorespaces" | "selectlanguage" | "normalfont"
        | "rmfamily" | "upshape" | "mdseries" | "sffamily" | "ttfamily" | "small"
        | "footnotesize" | "scriptsize" | "large" | "Large" | "tiny" | "huge" | "normalsize"
        | "centering" | "strut" | "bibnamedash" | "finentry" | "addperiod" | "isdot"
        | "nopunct" => Nothing,
        _ => return None,
    })
}

/// `{D}ış` (a protected capital, as Zotero writes every one) protects the
/// word: `<span class="nocase">D</span>ış` becomes
/// `<span class="nocase">Dış</span>`.
fn widen_letter_spans(text: &str) -> String {
    let (open, close) = (Mark::NoCase.open_tag(), Mark::NoCase.close_tag());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let inner_start = at + open.len();
        let mut inner = rest[inner_start..].chars();
        let letter = inner.next();
        let closes = inner.as_str().starts_with(close);
        match letter {
            Some(letter) if letter.is_alphabetic() && closes => {
                let after = &inner.as_str()[close.len()..];
                let word_end = after
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(after.len());
                out.push_str(open);
                out.push(letter);
                out.push_str(&after[..word_end]);
                out.push_str(close);
                rest = &after[word_end..];
            }
            _ => {
                out.push_str(open);
                rest = &rest[inner_start..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Runs of white space become one space; the ends are trimmed.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(tex: &str) -> String {
        decode(tex, Mode::Title).text.nfc().collect()
    }

    fn plain(tex: &str) -> String {
        decode(tex, Mode::Plain).text.nfc().collect()
    }

    #[test]
    fn accents_in_every_form() {
        assert_eq!(
            plain(r#"{\"\i} {\u\i} \u{\i} \'e \'{e} {\c c} \c{S}"#),
            "ï ĭ ĭ é é ç Ş"
        );
        assert_eq!(plain(r"Gol'sht\u{e}\u{\i}n"), "Gol'shtĕĭn");
        assert_eq!(
            plain(r"{\.I}stanbul D{\i}{\c{s}}i{\c s}leri"),
            "İstanbul Dışişleri"
        );
        assert_eq!(plain(r"\ss{} \o{} \L{}\'od\'z \AE"), "ß ø Łódź Æ");
        assert_eq!(
            plain(r"N\t{ia}zov"),
            "Ni\u{361}azov".nfc().collect::<String>()
        );
        assert_eq!(plain(r"\CYRN\cyri\cyrya{}\cyrz\cyro\cyrv"), "Ниязов");
    }

    #[test]
    fn ligatures_quotes_and_ties() {
        assert_eq!(
            plain("1990--2000 --- ``a'' `b' x~y"),
            "1990–2000 — “a” ‘b' x\u{A0}y"
        );
        assert_eq!(plain(r"R\&D 50\% \$5 a\_b"), "R&D 50% $5 a_b");
    }

    #[test]
    fn text_commands_become_markup() {
        assert_eq!(
            title(r"The \emph{Origin} of {\em Species} and \textbf{B} \textsc{Sc}"),
            "The <i>Origin</i> of <span class=\"nocase\"><i>Species</i></span> and <b>B</b> <span style=\"font-variant:small-caps;\">Sc</span>"
        );
        assert_eq!(title(r"\mkbibquote{Q} \mkbibemph{E}"), "“Q” <i>E</i>");
    }

    #[test]
    fn groups_protect_case_in_titles_only() {
        assert_eq!(
            title(r#"A {NASA} study of {van Gogh} by {\"O}zt{\"u}rk"#),
            "A <span class=\"nocase\">NASA</span> study of <span class=\"nocase\">van Gogh</span> by Öztürk"
        );
        assert_eq!(
            title("{{Whole Title}}"),
            "<span class=\"nocase\">Whole Title</span>"
        );
        assert_eq!(
            title(r#"{T}{\"u}rk {D}{\i}{\c s}"#),
            "<span class=\"nocase\">Türk</span> <span class=\"nocase\">Dış</span>"
        );
        assert_eq!(plain("{van Gogh}"), "van Gogh");
    }

    #[test]
    fn math_is_kept_and_lone_dollars_are_text() {
        assert_eq!(
            title(r"Energy $E=mc^2$ costs $5"),
            "Energy <span class=\"math\">E=mc^2</span> costs $5"
        );
        assert_eq!(title(r"\(x\)"), "<span class=\"math\">x</span>");
    }

    #[test]
    fn unknown_commands_keep_their_text() {
        let decoded = decode(r"\foo{bar} \url{a_b%c} \noopsort{z}x \Thanh", Mode::Plain);
        assert_eq!(decoded.text, "bar a_b%c x Thanh");
        assert_eq!(decoded.unknown, ["foo", "Thanh"]);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = r"\emph{".repeat(50_000) + "x" + &"}".repeat(50_000);
        let text = title(&deep);
        assert_eq!(crate::model::markup::plain(&text), "x");
        assert_eq!(text.matches("<i>").count(), MAX_MARKS);
        let braces = "{".repeat(100_000) + "x" + &"}".repeat(100_000);
        assert_eq!(crate::model::markup::plain(&title(&braces)), "x");
    }
}
