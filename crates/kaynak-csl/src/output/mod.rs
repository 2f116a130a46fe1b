//! The format-neutral output tree and the passes shared by all backends:
//! flattening with flip-flop of nested formatting, punctuation clean-up
//! (duplicate marks, punctuation inside quotes, double spaces).
//!
//! One backend per file renders the flattened events; this module never
//! knows a format's syntax. What the parts of a tree are (names, dates,
//! terms …) is said by tags, in [`tag`].

mod html;
pub mod latex;
mod markdown;
mod plain;
pub mod rtf;
pub mod tag;

pub use tag::{GivenShown, NameTag, NamesTag, Tag};

use crate::model::{Display, FontStyle, FontVariant, FontWeight, Formatting, VerticalAlign};
use compact_str::CompactString;
use std::borrow::Cow;

/// A node of rendered output.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text; short pieces (delimiters, affixes, words) are stored inline,
    /// without an allocation each.
    Text(CompactString),
    /// Formatting set by the style. Inside text already so formatted it
    /// changes nothing: italics in italics stay italic.
    Formatted(Formatting, Vec<Inline>),
    /// Formatting written in a field value (`<i>`, `<b>`, `<sc>` …): it
    /// flips against the formatting around it, so italics in italic text
    /// turn roman (the spec's flip-flop).
    Markup(Formatting, Vec<Inline>),
    /// Quoted text. The marks live in a box: quotes are rare, and without
    /// it every node of every tree would be their size (80 bytes, not 40).
    Quoted {
        /// The opening and closing marks, from the locale's terms.
        marks: Box<QuoteMarks>,
        /// The quoted text.
        children: Vec<Inline>,
    },
    /// A `display` block (`block`, `left-margin`, `right-inline`, `indent`).
    Display(Display, Vec<Inline>),
    /// Text protected from case changes (`<span class="nocase">`).
    NoCase(Vec<Inline>),
    /// Children with a [`Tag`] saying what they are; rendered as the children.
    Tagged(Tag, Vec<Inline>),
}

/// Empty text.
impl Default for Inline {
    fn default() -> Self {
        Inline::Text(CompactString::default())
    }
}

/// The marks around a [`Inline::Quoted`] node.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMarks {
    /// Short marks stay inline: no allocation per quoted node.
    pub open: CompactString,
    /// The closing mark.
    pub close: CompactString,
    /// Whether punctuation that follows moves inside the closing mark.
    pub punctuation_inside: bool,
}

impl Inline {
    /// A quoted node.
    pub fn quoted(
        open: impl Into<CompactString>,
        close: impl Into<CompactString>,
        punctuation_inside: bool,
        children: Vec<Inline>,
    ) -> Inline {
        Inline::Quoted {
            marks: Box::new(QuoteMarks {
                open: open.into(),
                close: close.into(),
                punctuation_inside,
            }),
            children,
        }
    }
}

impl Inline {
    /// Visible text without formatting.
    pub fn plain_text(&self) -> String {
        // sized first: growing the string piece by piece reallocated often
        let mut out = String::with_capacity(self.plain_len());
        self.push_plain(&mut out);
        out
    }

    /// The length in bytes of [`Inline::plain_text`].
    pub(crate) fn plain_len(&self) -> usize {
        match self {
            Inline::Text(text) => text.len(),
            Inline::Quoted { marks, children } => {
                marks.open.len()
                    + marks.close.len()
                    + children.iter().map(Inline::plain_len).sum::<usize>()
            }
            Inline::Formatted(_, children)
            | Inline::Markup(_, children)
            | Inline::Display(_, children)
            | Inline::NoCase(children)
            | Inline::Tagged(_, children) => children.iter().map(Inline::plain_len).sum(),
        }
    }

    /// Append the plain text to `out`.
    pub(crate) fn push_plain(&self, out: &mut String) {
        match self {
            Inline::Text(text) => out.push_str(text),
            Inline::Quoted { marks, children } => {
                out.push_str(&marks.open);
                children.iter().for_each(|c| c.push_plain(out));
                out.push_str(&marks.close);
            }
            Inline::Formatted(_, children)
            | Inline::Markup(_, children)
            | Inline::Display(_, children)
            | Inline::NoCase(children)
            | Inline::Tagged(_, children) => children.iter().for_each(|c| c.push_plain(out)),
        }
    }

    /// The text a cite is compared by in disambiguation: as
    /// [`Inline::push_plain`] but without the quotation marks of a quoted
    /// node, which are formatting like italics (citeproc-js compares cites
    /// without any decoration; the spec names none to compare).
    pub(crate) fn push_unquoted(&self, out: &mut String) {
        match self {
            Inline::Text(text) => out.push_str(text),
            Inline::Quoted { children, .. }
            | Inline::Formatted(_, children)
            | Inline::Markup(_, children)
            | Inline::Display(_, children)
            | Inline::NoCase(children)
            | Inline::Tagged(_, children) => children.iter().for_each(|c| c.push_unquoted(out)),
        }
    }

    /// Whether the node prints nothing.
    pub fn is_empty(&self) -> bool {
        // a chain of single children (tags, formatting) is followed in a
        // loop: this runs on every node an element renders
        let mut node = self;
        loop {
            let children = match node {
                Inline::Text(text) => return text.is_empty(),
                Inline::Quoted { children, .. }
                | Inline::Formatted(_, children)
                | Inline::Markup(_, children)
                | Inline::Display(_, children)
                | Inline::NoCase(children)
                | Inline::Tagged(_, children) => children,
            };
            match children.as_slice() {
                [] => return true,
                [only] => node = only,
                [first, rest @ ..] => {
                    return first.is_empty() && rest.iter().all(Inline::is_empty);
                }
            }
        }
    }

    /// Whether [`Inline::seq`] splices this node into its siblings (a plain
    /// sequence) or drops it (empty text).
    pub(crate) fn flattens(&self) -> bool {
        match self {
            Inline::Formatted(formatting, _) => formatting.is_empty(),
            Inline::Text(text) => text.is_empty(),
            _ => false,
        }
    }

    /// A sequence of nodes as one node; nested plain sequences and empty
    /// texts are flattened away so trees stay small.
    pub fn seq(mut children: Vec<Inline>) -> Inline {
        // the common case needs no flattening: keep the vector as it is
        // (a new vector per sequence was a large share of allocation)
        if !children.iter().any(Inline::flattens) {
            if children.len() == 1 {
                if let Some(only) = children.pop() {
                    return only;
                }
            }
            if children.capacity() > children.len() + children.len() / 2 + 2 {
                children.shrink_to_fit();
            }
            return Inline::Formatted(Formatting::default(), children);
        }
        // the exact flattened length, so the vector is made once, neither
        // grown while splicing nor shrunk after (both were reallocations)
        let len = children
            .iter()
            .map(|child| match child {
                Inline::Formatted(formatting, inner) if formatting.is_empty() => inner.len(),
                Inline::Text(text) if text.is_empty() => 0,
                _ => 1,
            })
            .sum();
        let mut flat = Vec::with_capacity(len);
        for child in children {
            match child {
                Inline::Formatted(formatting, inner) if formatting.is_empty() => flat.extend(inner),
                Inline::Text(text) if text.is_empty() => {}
                other => flat.push(other),
            }
        }
        if flat.len() == 1 {
            if let Some(only) = flat.pop() {
                return only;
            }
        }
        Inline::Formatted(Formatting::default(), flat)
    }
}

/// A style switch in the flattened stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Italic on.
    Italic,
    /// Upright (`font-style="normal"` inside italics).
    NormalStyle,
    /// Bold on.
    Bold,
    /// Normal weight inside bold.
    NormalWeight,
    /// Light weight.
    Light,
    /// Small capitals on.
    SmallCaps,
    /// Normal variant inside small capitals.
    NormalVariant,
    /// Underline on.
    Underline,
    /// Superscript.
    Superscript,
    /// Subscript.
    Subscript,
    /// Back to the baseline inside a super- or subscript.
    Baseline,
    /// A `display` block.
    Display(Display),
}

/// Texts borrow from the tree they were flattened from: a copy of every
/// text of every rendered cite was a large share of output time.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'t> {
    /// Text to escape and print.
    Text(Cow<'t, str>),
    /// A style switch begins.
    Open(Span),
    /// A style switch ends.
    Close(Span),
    /// A closing quote mark, and whether punctuation that follows moves inside it.
    CloseQuote(Cow<'t, str>, bool),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// HTML (citeproc-js's markup for the bibliography).
    Html,
    /// Markdown (pandoc's).
    Markdown,
    /// LaTeX.
    Latex,
    /// RTF.
    Rtf,
}

impl Format {
    /// The format for a name: `text` (`plain`), `html`, `markdown` (`md`), `latex` (`tex`), `rtf`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "text" | "plain" => Some(Format::Text),
            "html" => Some(Format::Html),
            "markdown" | "md" => Some(Format::Markdown),
            "latex" | "tex" => Some(Format::Latex),
            "rtf" => Some(Format::Rtf),
            _ => None,
        }
    }
}

/// One output syntax.
pub trait Backend {
    /// Append `text` escaped for the format.
    fn escape(&self, text: &str, out: &mut String);
    /// Append the markup that opens `span`.
    fn open(&self, span: Span, out: &mut String);
    /// Append the markup that closes `span`.
    fn close(&self, span: Span, out: &mut String);
}

fn backend(format: Format) -> &'static dyn Backend {
    match format {
        Format::Text => &plain::Plain,
        Format::Html => &html::Html,
        Format::Markdown => &markdown::Markdown,
        Format::Latex => &latex::Latex,
        Format::Rtf => &rtf::Rtf,
    }
}

/// Render a node in a format.
pub fn render(node: &Inline, format: Format) -> String {
    let events = events(node);
    let backend = backend(format);
    // about the text's length, so the output is rarely regrown
    let length: usize = events
        .iter()
        .map(|event| match event {
            Event::Text(text) | Event::CloseQuote(text, _) => text.len(),
            _ => 0,
        })
        .sum();
    let mut out = String::with_capacity(length + 16);
    for event in &events {
        match event {
            Event::Text(text) => backend.escape(text, &mut out),
            Event::CloseQuote(text, _) => backend.escape(text, &mut out),
            Event::Open(span) => backend.open(*span, &mut out),
            Event::Close(span) => backend.close(*span, &mut out),
        }
    }
    out
}

/// `normalize(flatten(node))` in one pass: each text is cleaned up as it
/// is flattened, into one vector (the clean-up only ever looks back at what
/// it has written, so the events and their order are the same).
pub fn events(node: &Inline) -> Vec<Event<'_>> {
    let mut events = Vec::with_capacity(64);
    flatten_into::<true>(node, State::default(), &mut events);
    events
}

#[derive(Default, Clone, Copy)]
struct State {
    italic: bool,
    bold: bool,
    small_caps: bool,
}

/// Turn the tree into a flat event stream, resolving flip-flops.
pub fn flatten(node: &Inline) -> Vec<Event<'_>> {
    // room for a typical entry's events: growing from empty took several
    // reallocations per rendered cite
    let mut events = Vec::with_capacity(64);
    flatten_into::<false>(node, State::default(), &mut events);
    events
}

/// Appends a text event: through the punctuation clean-up when `NORMALIZE`
/// (see [`normalize`]), else as it is.
fn push_event_text<'t, const NORMALIZE: bool>(events: &mut Vec<Event<'t>>, text: &'t str) {
    if NORMALIZE {
        push_text(events, Cow::Borrowed(text));
    } else {
        events.push(Event::Text(Cow::Borrowed(text)));
    }
}

fn flatten_into<'t, const NORMALIZE: bool>(
    node: &'t Inline,
    state: State,
    events: &mut Vec<Event<'t>>,
) {
    let children_into = |children: &'t [Inline], state: State, events: &mut Vec<Event<'t>>| {
        for child in children {
            flatten_into::<NORMALIZE>(child, state, events);
        }
    };
    match node {
        Inline::Text(text) => {
            if !text.is_empty() {
                push_event_text::<NORMALIZE>(events, text);
            }
        }
        Inline::NoCase(children) | Inline::Tagged(_, children) => {
            children_into(children, state, events)
        }
        Inline::Display(display, children) => {
            events.push(Event::Open(Span::Display(*display)));
            children_into(children, state, events);
            events.push(Event::Close(Span::Display(*display)));
        }
        Inline::Quoted { marks, children } => {
            push_event_text::<NORMALIZE>(events, &marks.open);
            children_into(children, state, events);
            events.push(Event::CloseQuote(
                Cow::Borrowed(&marks.close),
                marks.punctuation_inside,
            ));
        }
        Inline::Formatted(formatting, children) | Inline::Markup(formatting, children) => {
            if formatting.is_empty() {
                // a plain sequence: nothing to open, so no need to ask
                // whether it is empty
                children_into(children, state, events);
                return;
            }
            if children.iter().all(Inline::is_empty) {
                return;
            }
            let mut state = state;
            // citeproc-js nests font-style innermost, vertical-align outermost
            let flips = matches!(node, Inline::Markup(..));
            let spans = spans_for(formatting, &mut state, flips);
            spans
                .iter()
                .rev()
                .for_each(|s| events.push(Event::Open(*s)));
            children_into(children, state, events);
            spans.iter().for_each(|s| events.push(Event::Close(*s)));
        }
    }
}

/// At most one span per attribute (style, variant, weight, underline,
/// vertical alignment), kept on the stack: one formatted node of every
/// rendered cite allocated a vector for them.
struct Spans {
    spans: [Span; 5],
    len: usize,
}

impl Spans {
    fn push(&mut self, span: Span) {
        if let Some(slot) = self.spans.get_mut(self.len) {
            *slot = span;
            self.len += 1;
        }
    }

    fn iter(&self) -> std::slice::Iter<'_, Span> {
        self.spans[..self.len].iter()
    }
}

/// The spans that switch to `formatting` from `state`. Markup (`flips`)
/// turns an attribute already on off again; the style's formatting leaves
/// it on.
fn spans_for(formatting: &Formatting, state: &mut State, flips: bool) -> Spans {
    let mut spans = Spans {
        spans: [Span::Italic; 5],
        len: 0,
    };
    match formatting.font_style {
        Some(FontStyle::Italic | FontStyle::Oblique) if state.italic && !flips => {}
        Some(FontStyle::Italic | FontStyle::Oblique) => {
            spans.push(if state.italic {
                Span::NormalStyle
            } else {
                Span::Italic
            });
            state.italic = !state.italic;
        }
        Some(FontStyle::Normal) if state.italic => {
            spans.push(Span::NormalStyle);
            state.italic = false;
        }
        _ => {}
    }
    match formatting.font_variant {
        Some(FontVariant::SmallCaps) if state.small_caps && !flips => {}
        Some(FontVariant::SmallCaps) => {
            spans.push(if state.small_caps {
                Span::NormalVariant
            } else {
                Span::SmallCaps
            });
            state.small_caps = !state.small_caps;
        }
        Some(FontVariant::Normal) if state.small_caps => {
            spans.push(Span::NormalVariant);
            state.small_caps = false;
        }
        _ => {}
    }
    match formatting.font_weight {
        Some(FontWeight::Bold) if state.bold && !flips => {}
        Some(FontWeight::Bold) => {
            spans.push(if state.bold {
                Span::NormalWeight
            } else {
                Span::Bold
            });
            state.bold = !state.bold;
        }
        Some(FontWeight::Normal) if state.bold => {
            spans.push(Span::NormalWeight);
            state.bold = false;
        }
        Some(FontWeight::Light) => spans.push(Span::Light),
        _ => {}
    }
    if formatting.underline == Some(true) {
        spans.push(Span::Underline);
    }
    match formatting.vertical_align {
        Some(VerticalAlign::Sup) => spans.push(Span::Superscript),
        Some(VerticalAlign::Sub) => spans.push(Span::Subscript),
        Some(VerticalAlign::Baseline) => spans.push(Span::Baseline),
        None => {}
    }
    spans
}

/// Punctuation clean-up over the flat stream.
pub fn normalize(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for event in events {
        match event {
            Event::Text(text) => push_text(&mut out, text),
            other => out.push(other),
        }
    }
    out
}

fn last_text_char(out: &[Event]) -> Option<(usize, char)> {
    for (index, event) in out.iter().enumerate().rev() {
        match event {
            Event::Text(text) | Event::CloseQuote(text, _) => {
                if let Some(c) = text.chars().last() {
                    return Some((index, c));
                }
            }
            Event::Open(Span::Display(_)) | Event::Close(Span::Display(_)) => return None,
            _ => {}
        }
    }
    None
}

fn push_text<'t>(out: &mut Vec<Event<'t>>, mut text: Cow<'t, str>) {
    // Only a text that starts with punctuation or a space can join what is
    // before it (every rule below asks for one): the rest, most texts, skip
    // the look back.
    let first =
        (text.chars().next()).filter(|c| matches!(c, '.' | ',' | ':' | ';' | '!' | '?' | ' '));
    if let Some(first) = first {
        if let Some((index, last)) = last_text_char(out) {
            if replaces_first(last, first) {
                if let Some(Event::Text(previous)) = out.get_mut(index) {
                    drop_last(previous);
                    if previous.is_empty() {
                        out.remove(index);
                    }
                    return push_text(out, text);
                }
            }
            if let Some(Event::CloseQuote(close, true)) = out.get(index) {
                let moved = close.chars().take_while(|c| MOVABLE.contains(*c)).last();
                if MOVABLE.contains(first) {
                    move_into_quote(out, index, first);
                    drop_first(&mut text);
                } else if matches!(moved, Some(c) if drops_second(c, first)) {
                    drop_first(&mut text);
                }
            } else if drops_second(last, first)
                || is_space(last) && first == ' '
                || matches!(before_quotes(out, index), Some(c) if drops_second(c, first))
            {
                drop_first(&mut text);
            }
        }
    }
    if !text.is_empty() {
        out.push(Event::Text(text));
    }
}

/// The last character before the closing quotation marks that end at
/// `index` (`?` in `Why «game?»`), when `index` is one: punctuation after
/// the marks that repeats it is dropped as if they were not there.
fn before_quotes(out: &[Event], index: usize) -> Option<char> {
    let mut start = index;
    while start > 0 && matches!(out.get(start - 1), Some(Event::CloseQuote(..))) {
        start -= 1;
    }
    if !matches!(out.get(start), Some(Event::CloseQuote(..))) {
        return None;
    }
    last_text_char(out.get(..start)?).map(|(_, c)| c)
}

fn move_into_quote(out: &mut [Event], index: usize, mark: char) {
    // nested closing quotes: the mark goes inside the innermost one
    let mut index = index;
    while index > 0 && matches!(out.get(index - 1), Some(Event::CloseQuote(_, true))) {
        index -= 1;
    }
    let before = last_text_char(&out[..index]).map(|(_, c)| c);
    if let Some(Event::CloseQuote(close, _)) = out.get_mut(index) {
        // marks moved in earlier sit before the quotation mark itself
        let run_end = close
            .char_indices()
            .find(|(_, c)| !MOVABLE.contains(*c))
            .map(|(i, _)| i)
            .unwrap_or(close.len());
        let previous = close[..run_end].chars().last().or(before);
        let redundant = matches!(previous, Some(c) if c == mark || drops_second(c, mark));
        if !redundant {
            close.to_mut().insert(run_end, mark);
        }
    }
}

/// Remove the first character; borrowed text is re-sliced, not copied.
fn drop_first(text: &mut Cow<'_, str>) {
    match text {
        Cow::Borrowed(s) => {
            let len = s.chars().next().map_or(0, char::len_utf8);
            *s = &s[len..];
        }
        Cow::Owned(s) => {
            s.remove(0);
        }
    }
}

/// Remove the last character; borrowed text is re-sliced, not copied.
fn drop_last(text: &mut Cow<'_, str>) {
    match text {
        Cow::Borrowed(s) => {
            let len = s.chars().next_back().map_or(0, char::len_utf8);
            *s = &s[..s.len() - len];
        }
        Cow::Owned(s) => {
            s.pop();
        }
    }
}

/// Punctuation that moves inside closing quotes (punctuation-in-quote).
const MOVABLE: &str = ".,!?";

/// Whether `second` is redundant right after `first`.
/// Whether `second` is redundant right after `first` (citeproc-js's table).
fn drops_second(first: char, second: char) -> bool {
    matches!(
        (first, second),
        ('.', '.')
            | (',', ',')
            | (';', ':' | '.' | ';')
            | (':', ':' | '.')
            | ('!', ':' | '.' | '!')
            | ('?', ':' | '.' | '?')
    )
}

/// Whether `second` replaces `first` (a colon or semicolon before ! or ?).
fn replaces_first(first: char, second: char) -> bool {
    matches!((first, second), (':' | ';', '!' | '?'))
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

/// Rendered entries joined into one bibliography in `format`.
pub fn join_bibliography(entries: &[String], format: Format) -> String {
    let mut out = BibliographyWriter::new(String::new(), format);
    for entry in entries {
        // Writing to a String cannot fail.
        let _ = out.entry(entry);
    }
    out.finish()
}

/// Writes a bibliography in `format` one rendered entry at a time (the
/// same text as [`join_bibliography`]), so that it is never held whole.
pub struct BibliographyWriter<W: std::fmt::Write> {
    out: W,
    format: Format,
    started: bool,
}

impl<W: std::fmt::Write> BibliographyWriter<W> {
    /// A writer appending to `out`.
    pub fn new(out: W, format: Format) -> BibliographyWriter<W> {
        BibliographyWriter {
            out,
            format,
            started: false,
        }
    }

    /// Writes the next entry (already rendered in the writer's format).
    pub fn entry(&mut self, entry: &str) -> std::fmt::Result {
        if self.format == Format::Html {
            if !self.started {
                self.out.write_str("<div class=\"csl-bib-body\">\n")?;
            }
            self.started = true;
            return self.out.write_str(&html::entry(entry));
        }
        if self.started {
            self.out.write_str(match self.format {
                Format::Rtf => "\\par\n",
                Format::Latex | Format::Markdown => "\n\n",
                _ => "\n",
            })?;
        }
        self.started = true;
        self.out.write_str(entry)
    }

    /// Closes the bibliography and gives the output back.
    pub fn finish(mut self) -> W {
        if self.format == Format::Html {
            if !self.started {
                let _ = self.out.write_str("<div class=\"csl-bib-body\">\n");
            }
            let _ = self.out.write_str("</div>");
        }
        self.out
    }
}

#[cfg(test)]
mod tests;
