//! Text transformations on output nodes: text-case, strip-periods, and the
//! mini-markup allowed inside field values (`<i>`, `<b>`, `<sc>`,
//! `<sup>`, `<sub>`, `<span class="nocase">`, straight quotes).

use super::{quote, Context};
use crate::model::*;
use crate::output::Inline;
use compact_str::CompactString;

/// Title-case stop words. A `match` rather than a list scan: this runs
/// for every word of every title-cased text.
fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "about"
            | "above"
            | "across"
            | "after"
            | "against"
            | "along"
            | "amid"
            | "among"
            | "around"
            | "before"
            | "behind"
            | "below"
            | "beneath"
            | "beside"
            | "between"
            | "beyond"
            | "during"
            | "except"
            | "inside"
            | "like"
            | "near"
            | "off"
            | "out"
            | "per"
            | "since"
            | "than"
            | "through"
            | "toward"
            | "towards"
            | "under"
            | "until"
            | "upon"
            | "within"
            | "without"
            | "de"
            | "d’"
            | "von"
            | "van"
            | "a"
            | "an"
            | "and"
            | "as"
            | "at"
            | "but"
            | "by"
            | "down"
            | "for"
            | "from"
            | "in"
            | "into"
            | "nor"
            | "of"
            | "on"
            | "onto"
            | "or"
            | "over"
            | "so"
            | "the"
            | "till"
            | "to"
            | "up"
            | "via"
            | "with"
            | "yet"
            | "v"
            | "vs"
    )
}

/// `char::is_alphabetic` with the Latin-1, Latin Extended-A and basic
/// Cyrillic letters answered directly: the general look-up is a slow
/// table search, and case changes test every character.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{410}'..='\u{44f}' => true,
        '\u{c0}'..='\u{17f}' => c != '\u{d7}' && c != '\u{f7}',
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric` with [`is_letter`]'s fast cases.
fn is_letter_or_digit(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{410}'..='\u{44f}' => true,
        '\u{c0}'..='\u{17f}' => c != '\u{d7}' && c != '\u{f7}',
        _ => c.is_alphanumeric(),
    }
}

struct CaseState {
    at_start: bool,
    after_colon: bool,
    word_index: usize,
    last_word: usize,
    /// Turkish and Azerbaijani dotted/dotless i.
    turkic: bool,
}

fn turkic_upper(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            'i' => vec!['İ'],
            'ı' => vec!['I'],
            other => other.to_uppercase().collect(),
        })
        .collect()
}

fn turkic_lower(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            'I' => vec!['ı'],
            'İ' => vec!['i'],
            other => other.to_lowercase().collect(),
        })
        .collect()
}

/// Whether a language tag uses Turkic casing rules (Turkish, Azerbaijani).
pub fn is_turkic(lang: Option<&str>) -> bool {
    lang.is_some_and(kaynak_text::language::uses_turkic_casing)
}

/// Apply a text-case to nodes, skipping `NoCase` parts.
pub fn apply_case(nodes: &mut [Inline], case: TextCase, english: bool) {
    apply_case_in(nodes, case, english, false)
}

/// [`apply_case`] with the item's casing rules (`turkic` for tr/az).
pub fn apply_case_in(nodes: &mut [Inline], case: TextCase, english: bool, turkic: bool) {
    if matches!(case, TextCase::Title | TextCase::Sentence) && !english {
        return;
    }
    // Only sentence case reads `all_upper` and only title case the word
    // count; both walk all the text, so the other cases skip them.
    let all_upper = case == TextCase::Sentence && is_all_upper(nodes);
    let words = if case == TextCase::Title {
        let mut counter = WordCounter::default();
        visit_text(nodes, &mut |text| counter.feed(text));
        counter.finish()
    } else {
        0
    };
    let mut state = CaseState {
        at_start: true,
        after_colon: false,
        word_index: 0,
        last_word: words.saturating_sub(1),
        turkic,
    };
    for node in nodes.iter_mut() {
        case_node(node, case, all_upper, &mut state);
    }
}

/// Visit the plain text of `nodes` piece by piece, in reading order (as
/// [`Inline::push_plain`] would concatenate it), without building it.
fn visit_text(nodes: &[Inline], f: &mut impl FnMut(&str)) {
    for node in nodes {
        match node {
            Inline::Text(text) => f(text),
            Inline::Quoted { marks, children } => {
                f(&marks.open);
                visit_text(children, f);
                f(&marks.close);
            }
            Inline::Formatted(_, children)
            | Inline::Markup(_, children)
            | Inline::Display(_, children)
            | Inline::NoCase(children)
            | Inline::Tagged(_, children) => visit_text(children, f),
        }
    }
}

/// Whether the text has letters and no lower-case letter.
fn is_all_upper(nodes: &[Inline]) -> bool {
    let (mut alphabetic, mut lowercase) = (false, false);
    visit_text(nodes, &mut |text| {
        alphabetic = alphabetic || text.chars().any(is_letter);
        lowercase = lowercase || text.chars().any(char::is_lowercase);
    });
    alphabetic && !lowercase
}

/// Counts the words (runs between word breaks that hold a letter or
/// digit) of text fed in pieces; a word may span pieces.
#[derive(Default)]
struct WordCounter {
    words: usize,
    in_word: bool,
}

impl WordCounter {
    fn feed(&mut self, text: &str) {
        for c in text.chars() {
            if is_word_break(c) {
                self.words += usize::from(self.in_word);
                self.in_word = false;
            } else if !self.in_word && is_letter_or_digit(c) {
                // one letter makes a word: the rest need no (slow, for
                // non-ASCII) Unicode look-up
                self.in_word = true;
            }
        }
    }

    fn finish(self) -> usize {
        self.words + usize::from(self.in_word)
    }
}

fn is_word_break(c: char) -> bool {
    c.is_whitespace() || c == '—' || c == '–' || c == '/'
}

fn count_words(nodes: &[Inline]) -> usize {
    let mut counter = WordCounter::default();
    visit_text(nodes, &mut |text| counter.feed(text));
    counter.finish()
}

fn case_node(node: &mut Inline, case: TextCase, all_upper: bool, state: &mut CaseState) {
    match node {
        Inline::Text(text) => case_text(text, case, all_upper, state),
        Inline::NoCase(children) => {
            let mut alphanumeric = false;
            visit_text(children, &mut |text| {
                alphanumeric = alphanumeric || text.chars().any(is_letter_or_digit);
            });
            if alphanumeric {
                state.at_start = false;
                state.after_colon = false;
            }
            state.word_index += count_words(children);
        }
        Inline::Formatted(_, children)
        | Inline::Markup(_, children)
        | Inline::Display(_, children)
        | Inline::Tagged(_, children) => {
            for child in children {
                case_node(child, case, all_upper, state);
            }
        }
        Inline::Quoted { children, .. } => {
            for child in children {
                case_node(child, case, all_upper, state);
            }
        }
    }
}

/// Re-case one text node in place; ASCII text is changed without a new
/// string, and text a case leaves alone is not copied.
fn case_text(text: &mut CompactString, case: TextCase, all_upper: bool, state: &mut CaseState) {
    match case {
        TextCase::Lowercase if state.turkic => *text = turkic_lower(text).into(),
        TextCase::Uppercase if state.turkic => *text = turkic_upper(text).into(),
        TextCase::Lowercase if text.is_ascii() => text.make_ascii_lowercase(),
        TextCase::Uppercase if text.is_ascii() => text.make_ascii_uppercase(),
        TextCase::Lowercase => *text = text.to_lowercase(),
        TextCase::Uppercase => *text = text.to_uppercase(),
        TextCase::CapitalizeFirst => {
            if state.at_start {
                let mut out = String::with_capacity(text.len() + 1);
                push_capitalized(&mut out, text, state.turkic);
                *text = out.into();
            }
            if text.chars().any(is_letter_or_digit) {
                state.at_start = false;
            }
        }
        TextCase::CapitalizeAll => {
            let turkic = state.turkic;
            *text = by_words(text, state, |word, _, out| {
                push_capitalized(out, word, turkic)
            })
            .into()
        }
        TextCase::Sentence => {
            let turkic = state.turkic;
            *text = by_words(text, state, |word, position, out| {
                sentence_word(word, position.first, all_upper, turkic, out)
            })
            .into()
        }
        TextCase::Title => {
            let turkic = state.turkic;
            *text = by_words(text, state, |word, position, out| {
                let force = position.first || position.after_colon || position.last;
                push_title_word(out, word, force, turkic)
            })
            .into()
        }
    }
}

/// A word in sentence case: lower-cased unless an acronym in mixed text;
/// the first word capitalised.
fn sentence_word(word: &str, first: bool, all_upper: bool, turkic: bool, out: &mut String) {
    let keep = !all_upper
        && word.chars().filter(|c| is_letter(*c)).count() > 1
        && !word.chars().any(char::is_lowercase);
    let word: std::borrow::Cow<str> = if keep {
        std::borrow::Cow::Borrowed(word)
    } else if turkic {
        std::borrow::Cow::Owned(turkic_lower(word))
    } else {
        lowercase(word)
    };
    if first {
        push_capitalized(out, &word, turkic)
    } else {
        out.push_str(&word)
    }
}

/// `text.to_lowercase()`, borrowed when ASCII text has no capital.
fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    }
}

struct WordPosition {
    first: bool,
    after_colon: bool,
    last: bool,
}

/// Append `word` in title case.
fn push_title_word(out: &mut String, word: &str, force: bool, turkic: bool) {
    if word.chars().skip(1).any(char::is_uppercase) {
        out.push_str(word);
        return;
    }
    if !word.as_bytes().contains(&b'-') {
        // one part (most words): no splitting
        if title_keeps(word, force, false) {
            out.push_str(word);
        } else {
            push_capitalized(out, word, turkic);
        }
        return;
    }
    let count = word.split('-').count();
    for (i, part) in word.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        if title_keeps(part, force && (i == 0 || i + 1 == count), i > 0) {
            out.push_str(part);
        } else {
            push_capitalized(out, part, turkic);
        }
    }
}

/// Whether a part of a hyphenated title word keeps its case: a stop word
/// (unless `force`d at an edge), or a one-letter or non-letter later part.
fn title_keeps(part: &str, force: bool, later: bool) -> bool {
    if !part.is_ascii() && long_non_ascii(part) {
        // neither a stop word nor one letter, so no lower-cased copy
        return later && starts_non_letter(part);
    }
    let lower = lowercase(part);
    let bare = lower.trim_matches(|c: char| !is_letter_or_digit(c));
    let is_stop = is_stop_word(bare);
    let starts_non_letter = starts_non_letter(part);
    let one_letter = bare.chars().count() == 1;
    is_stop && !force
        || later && (one_letter || starts_non_letter)
        || one_letter && !bare.is_ascii()
}

fn starts_non_letter(part: &str) -> bool {
    part.chars().next().map(|c| !is_letter(c)).unwrap_or(false)
}

/// Whether `part` has two letters or digits, one of them non-ASCII. Its
/// lower-cased form, trimmed, then keeps both, so it is neither one letter
/// nor a stop word (stop words are ASCII). Only `İ` (lower-cased to `i` and
/// a combining dot) and the Kelvin sign (to `k`) lower-case to ASCII, so
/// they do not count as non-ASCII here.
fn long_non_ascii(part: &str) -> bool {
    let (mut alphanumeric, mut non_ascii) = (0, false);
    for c in part.chars().filter(|c| is_letter_or_digit(*c)) {
        alphanumeric += 1;
        non_ascii = non_ascii || !c.is_ascii() && c != 'İ' && c != '\u{212a}';
        if alphanumeric >= 2 && non_ascii {
            return true;
        }
    }
    false
}

/// Re-case `text` word by word: `f` appends each word (a run between word
/// breaks) to the output; the breaks are copied as they are.
fn by_words(
    text: &str,
    state: &mut CaseState,
    f: impl Fn(&str, WordPosition, &mut String),
) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_word_break(c) {
            case_word(&text[start..i], state, &mut out, &f);
            out.push(c);
            start = i + c.len_utf8();
        }
    }
    case_word(&text[start..], state, &mut out, &f);
    out
}

/// One word of [`by_words`], moving the state past it.
fn case_word(
    word: &str,
    state: &mut CaseState,
    out: &mut String,
    f: &impl Fn(&str, WordPosition, &mut String),
) {
    if word.is_empty() {
        return;
    }
    let position = WordPosition {
        first: state.at_start,
        after_colon: state.after_colon,
        last: state.word_index == state.last_word,
    };
    f(word, position, out);
    let alphanumeric = word.chars().any(is_letter_or_digit);
    if alphanumeric {
        state.at_start = false;
        state.after_colon = false;
        state.word_index += 1;
    }
    if word.ends_with([':', '?', '!']) {
        state.after_colon = true;
    }
}

/// Append `word` with its first letter upper-cased (Turkic: i → İ, ı → I).
fn push_capitalized(out: &mut String, word: &str, turkic: bool) {
    let mut chars = word.char_indices();
    for (i, c) in chars.by_ref() {
        if is_letter(c) {
            match (c, turkic) {
                ('i', true) => out.push('İ'),
                ('ı', true) => out.push('I'),
                _ => out.extend(c.to_uppercase()),
            }
            // the rest is copied as it is, in one piece
            out.push_str(&word[i + c.len_utf8()..]);
            return;
        }
        out.push(c);
        if c.is_numeric() {
            out.push_str(&word[i + c.len_utf8()..]);
            return;
        }
    }
}

/// Remove periods from text nodes.
pub fn strip_periods(nodes: &mut [Inline]) {
    for node in nodes {
        match node {
            Inline::Text(text) => *text = text.replace('.', "").into(),
            Inline::Formatted(_, c)
            | Inline::Markup(_, c)
            | Inline::Display(_, c)
            | Inline::NoCase(c)
            | Inline::Tagged(_, c) => strip_periods(c),
            Inline::Quoted { children, .. } => strip_periods(children),
        }
    }
}

/// Re-mark quotes nested inside a quoted node for the given depth.
pub fn requote(children: Vec<Inline>, ctx: &Context, depth: usize) -> Vec<Inline> {
    children
        .into_iter()
        .map(|child| match child {
            Inline::Quoted { children, marks } => {
                // the marks follow the depth; whether punctuation may move
                // in stays as decided where the quote was read
                let (open, close) = quote_marks(ctx, depth);
                let inside = marks.punctuation_inside;
                Inline::quoted(open, close, inside, requote(children, ctx, depth + 1))
            }
            Inline::Formatted(f, c) => Inline::Formatted(f, requote(c, ctx, depth)),
            Inline::Markup(f, c) => Inline::Markup(f, requote(c, ctx, depth)),
            Inline::Display(d, c) => Inline::Display(d, requote(c, ctx, depth)),
            Inline::NoCase(c) => Inline::NoCase(requote(c, ctx, depth)),
            Inline::Tagged(t, c) => Inline::Tagged(t, requote(c, ctx, depth)),
            text => text,
        })
        .collect()
}

fn quote_marks(ctx: &Context, depth: usize) -> (String, String) {
    let (open, close) = if depth.is_multiple_of(2) {
        ("open-quote", "close-quote")
    } else {
        ("open-inner-quote", "close-inner-quote")
    };
    (
        ctx.locale
            .term_text(open, TermForm::Long, false)
            .unwrap_or("\u{201c}")
            .to_string(),
        ctx.locale
            .term_text(close, TermForm::Long, false)
            .unwrap_or("\u{201d}")
            .to_string(),
    )
}

/// Whether field text may hold mini-markup; text without it is one plain
/// text node.
pub fn has_markup(text: &str) -> bool {
    // Every character that may open markup begins with one of these bytes
    // (the quotation marks are U+00AB, U+201x and U+300x): text without
    // them, most titles, is passed over a word at a time (memchr), not
    // char by char; an ASCII opener is markup as it stands.
    let bytes = text.as_bytes();
    memchr::memchr3(b'<', b'"', b'\'', bytes).is_some()
        || memchr::memchr3(0xC2, 0xE2, 0xE3, bytes).is_some() && text.contains(QUOTE_STARTS)
}

/// The characters that may open markup: a tag, a straight quote, or the
/// opening quotation marks of the locales (outer and inner).
const QUOTE_STARTS: [char; 12] = [
    '<', '"', '\'', '“', '‘', '«', '„', '‚', '「', '『', '《', '〈',
];

/// Parse field text with its mini-markup into nodes.
pub fn parse_rich_text(ctx: &Context, text: &str) -> Vec<Inline> {
    if !has_markup(text) {
        return vec![Inline::Text(text.into())];
    }
    let mut parser = RichParser {
        ctx,
        rest: text,
        depth: 0,
    };
    parser.nodes(None)
}

struct RichParser<'c, 'a, 't> {
    ctx: &'c Context<'a>,
    rest: &'t str,
    /// How many tags and quotes are open: past [`MAX_MARKUP_DEPTH`] more
    /// are kept as text, so a value nested without end cannot exhaust the stack.
    depth: usize,
}

/// The deepest nesting of markup read in a field value.
const MAX_MARKUP_DEPTH: usize = 32;

const TAGS: &[(&str, &str)] = &[
    ("<i>", "</i>"),
    ("<b>", "</b>"),
    ("<sc>", "</sc>"),
    ("<sup>", "</sup>"),
    ("<sub>", "</sub>"),
    ("<span class=\"nocase\">", "</span>"),
    // TeX math kept verbatim by kaynak's .bib import: printed as written.
    ("<span class=\"math\">", "</span>"),
    ("<span class=\"nodecor\">", "</span>"),
    ("<span style=\"font-variant:small-caps;\">", "</span>"),
    ("<span style=\"font-variant: small-caps;\">", "</span>"),
];

impl RichParser<'_, '_, '_> {
    fn nodes(&mut self, until: Option<&str>) -> Vec<Inline> {
        let mut nodes = Vec::new();
        let mut text = String::new();
        while !self.rest.is_empty() {
            if let Some(end) = until {
                let after_space = text.ends_with(char::is_whitespace);
                if self.rest.starts_with(end) && closes_quote(end, self.rest) && !after_space {
                    self.rest = &self.rest[end.len()..];
                    flush(&mut text, &mut nodes);
                    return nodes;
                }
            }
            let nests = self.depth < MAX_MARKUP_DEPTH;
            let tag = TAGS.iter().find(|(open, _)| self.rest.starts_with(open));
            if let Some((open, close)) = tag.filter(|_| nests) {
                if self.rest[open.len()..].contains(close) {
                    flush(&mut text, &mut nodes);
                    self.rest = &self.rest[open.len()..];
                    self.depth += 1;
                    let children = self.nodes(Some(close));
                    self.depth -= 1;
                    nodes.push(tag_node(open, children));
                    continue;
                }
            }
            if let Some((open, close, kind)) = self.quote_pair().filter(|_| nests) {
                let rest = &self.rest[open.len()..];
                if until != Some(close)
                    && (kind != QuoteKind::Straight || opens_quote(&text, nodes.is_empty()))
                    && has_closing(close, rest)
                {
                    flush(&mut text, &mut nodes);
                    self.rest = rest;
                    self.depth += 1;
                    let children = self.nodes(Some(close));
                    self.depth -= 1;
                    let mut node = if kind == QuoteKind::Inner {
                        // the locale's inner quotes typed stay inner quotes
                        let (open, close) = quote_marks(self.ctx, 1);
                        let inside = self.ctx.locale.punctuation_in_quote();
                        Inline::quoted(open, close, inside, requote(children, self.ctx, 2))
                    } else {
                        quote(self.ctx, children)
                    };
                    // punctuation typed right after the quote stays where it
                    // was typed: punctuation-in-quote moves what the style
                    // puts after a quote (affixes, delimiters), as in citeproc-js
                    if let Inline::Quoted { marks, .. } = &mut node {
                        if self.rest.starts_with(['.', ',', '!', '?', ';', ':']) {
                            marks.punctuation_inside = false;
                        }
                    }
                    nodes.push(node);
                    continue;
                }
            }
            let mut chars = self.rest.chars();
            if let Some(c) = chars.next() {
                text.push(if c == '\'' { '’' } else { c });
            }
            self.rest = chars.as_str();
        }
        flush(&mut text, &mut nodes);
        nodes
    }
}

/// How a quotation typed in a field is marked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteKind {
    /// Straight quotes (`"…"`, `'…'`): the locale's marks for their depth.
    Straight,
    /// The locale's own outer marks (“…” in en-US, «…» in ru-RU): the
    /// locale's marks for their depth, like straight quotes.
    Outer,
    /// The locale's own inner marks (‘…’ in en-US): inner marks.
    Inner,
}

impl<'t> RichParser<'_, '_, 't> {
    /// The quotation marks that open at the start of the rest, if any.
    /// Straight quotes and the locale's own quotation marks are markup; other
    /// typographic quotes are text and print as typed (“…” in a ru-RU or
    /// de-DE style stays “…”), as citeproc-js reads them.
    fn quote_pair(&self) -> Option<(&'t str, &'t str, QuoteKind)> {
        let first = self.rest.chars().next()?;
        if first == '"' || first == '\'' {
            let mark = &self.rest[..1];
            return Some((mark, mark, QuoteKind::Straight));
        }
        if first.is_ascii() {
            return None;
        }
        let term = |name| {
            self.ctx
                .locale
                .term_text(name, TermForm::Long, false)
                .filter(|mark| !mark.is_empty())
        };
        let pairs = [
            ("open-quote", "close-quote", QuoteKind::Outer),
            ("open-inner-quote", "close-inner-quote", QuoteKind::Inner),
        ];
        pairs.into_iter().find_map(|(open, close, kind)| {
            let open = term(open)?;
            let close = term(close)?;
            let typed = self.rest.get(..open.len()).filter(|typed| *typed == open)?;
            // the closing mark as a slice of the field, which outlives the parser
            let at = self.rest.find(close)?;
            Some((typed, &self.rest[at..at + close.len()], kind))
        })
    }
}

fn closes_quote(mark: &str, rest: &str) -> bool {
    let after = rest.get(mark.len()..).and_then(|r| r.chars().next());
    !matches!(mark, "'" | "’") || !after.map(char::is_alphanumeric).unwrap_or(false)
}

/// A closing mark follows text, not a space, and is not an apostrophe.
fn has_closing(mark: &str, rest: &str) -> bool {
    rest.match_indices(mark).any(|(i, _)| {
        let after_space = rest[..i].ends_with(char::is_whitespace);
        i > 0 && !after_space && closes_quote(mark, &rest[i..])
    })
}

fn opens_quote(before: &str, at_start: bool) -> bool {
    if before.is_empty() {
        return at_start;
    }
    before.ends_with(|c: char| c.is_whitespace() || "([{—–-/".contains(c))
}

fn flush(text: &mut String, nodes: &mut Vec<Inline>) {
    if !text.is_empty() {
        nodes.push(Inline::Text(std::mem::take(text).into()));
    }
}

fn tag_node(open: &str, children: Vec<Inline>) -> Inline {
    let mut formatting = Formatting::default();
    match open {
        "<i>" => formatting.font_style = Some(FontStyle::Italic),
        "<b>" => formatting.font_weight = Some(FontWeight::Bold),
        "<sup>" => formatting.vertical_align = Some(VerticalAlign::Sup),
        "<sub>" => formatting.vertical_align = Some(VerticalAlign::Sub),
        "<span class=\"nocase\">" | "<span class=\"math\">" => return Inline::NoCase(children),
        "<span class=\"nodecor\">" => {
            formatting.font_style = Some(FontStyle::Normal);
            formatting.font_weight = Some(FontWeight::Normal);
            formatting.font_variant = Some(FontVariant::Normal);
        }
        _ => formatting.font_variant = Some(FontVariant::SmallCaps),
    }
    let node = Inline::Markup(formatting, children);
    if matches!(open, "<i>" | "<b>") {
        node
    } else {
        Inline::NoCase(vec![node])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cased(text: &str, case: TextCase, turkic: bool) -> String {
        let mut nodes = vec![Inline::Text(text.into())];
        apply_case_in(&mut nodes, case, true, turkic);
        let mut out = String::new();
        for node in &nodes {
            node.push_plain(&mut out);
        }
        out
    }

    #[test]
    fn markup_is_found_by_every_opening_character_alone() {
        for c in QUOTE_STARTS {
            assert!(has_markup(&format!("a {c}b")), "{c}");
        }
        assert!(!has_markup("Işık ilişkileri — Кавказ, 1990–1995"));
        assert!(!has_markup("Azərbaycan–Pakistan hərbi əlaqələri — Кавказ"));
    }

    /// The byte scans answer as looking for every opening character does,
    /// for texts of characters that share their first bytes with them.
    #[test]
    fn markup_scan_agrees_with_the_characters() {
        let alphabet = [
            'a', '<', '"', '\'', '«', '»', '“', '—', '「', '〉', 'ç', 'Я',
        ];
        let n = alphabet.len();
        for code in 0..n.pow(3) {
            let text: String = (0..3).map(|d| alphabet[code / n.pow(d) % n]).collect();
            assert_eq!(has_markup(&text), text.contains(QUOTE_STARTS), "{text:?}");
        }
    }

    #[test]
    fn turkish_casing_in_every_text_case() {
        let text = "istanbul ılık iğdır izmir";
        let turkish = |case| cased(text, case, true);
        assert_eq!(
            turkish(TextCase::CapitalizeFirst),
            "İstanbul ılık iğdır izmir"
        );
        assert_eq!(
            turkish(TextCase::CapitalizeAll),
            "İstanbul Ilık İğdır İzmir"
        );
        assert_eq!(turkish(TextCase::Uppercase), "İSTANBUL ILIK İĞDIR İZMİR");
        assert_eq!(turkish(TextCase::Title), "İstanbul Ilık İğdır İzmir");
        assert_eq!(turkish(TextCase::Sentence), "İstanbul ılık iğdır izmir");
        assert_eq!(
            cased("İSTANBUL ILIK", TextCase::Lowercase, true),
            "istanbul ılık"
        );
        assert_eq!(
            cased("IĞDIR İLE İZMİR", TextCase::Sentence, true),
            "Iğdır ile izmir"
        );
        // Other languages keep the default mapping.
        assert_eq!(
            cased(text, TextCase::CapitalizeAll, false),
            "Istanbul Ilık Iğdır Izmir"
        );
    }
}
