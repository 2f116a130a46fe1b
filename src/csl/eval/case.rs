//! Text transformations on output nodes: text-case, strip-periods, and the
//! mini-markup allowed inside field values (`<i>`, `<b>`, `<sc>`,
//! `<sup>`, `<sub>`, `<span class="nocase">`, straight quotes).

use super::{quote, Context};
use crate::csl::output::Inline;
use crate::csl::style::model::*;

const STOP_WORDS: &[&str] = &[
    "about", "above", "across", "after", "against", "along", "amid", "among", "around", "before",
    "behind", "below", "beneath", "beside", "between", "beyond", "during", "except", "inside",
    "like", "near", "off", "out", "per", "since", "than", "through", "toward", "towards", "under",
    "until", "upon", "within", "without", "de", "d’", "von", "van", "a", "an", "and", "as", "at",
    "but", "by", "down", "for", "from", "in", "into", "nor", "of", "on", "onto", "or", "over",
    "so", "the", "till", "to", "up", "via", "with", "yet", "v", "vs",
];

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

/// Whether a language tag uses Turkic casing rules.
pub fn is_turkic(lang: Option<&str>) -> bool {
    // no lowercased copy: this runs for every text-case
    lang.is_some_and(|l| {
        let (code, rest) = (l.get(..2).unwrap_or(""), l.get(2..).unwrap_or(""));
        (code.eq_ignore_ascii_case("tr") || code.eq_ignore_ascii_case("az"))
            && (rest.is_empty() || rest.starts_with('-'))
    })
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
    let text: String = nodes.iter().map(Inline::plain_text).collect();
    let all_upper = text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase);
    let words = count_words(&text);
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

fn is_word_break(c: char) -> bool {
    c.is_whitespace() || c == '—' || c == '–' || c == '/'
}

fn count_words(text: &str) -> usize {
    text.split(is_word_break)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn case_node(node: &mut Inline, case: TextCase, all_upper: bool, state: &mut CaseState) {
    match node {
        Inline::Text(text) => *text = case_text(text, case, all_upper, state),
        Inline::NoCase(children) => {
            let text: String = children.iter().map(Inline::plain_text).collect();
            if text.chars().any(char::is_alphanumeric) {
                state.at_start = false;
                state.after_colon = false;
            }
            state.word_index += count_words(&text);
        }
        Inline::Formatted(_, children) | Inline::Display(_, children) => {
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

fn case_text(text: &str, case: TextCase, all_upper: bool, state: &mut CaseState) -> String {
    match case {
        TextCase::Lowercase if state.turkic => turkic_lower(text),
        TextCase::Uppercase if state.turkic => turkic_upper(text),
        TextCase::Lowercase => text.to_lowercase(),
        TextCase::Uppercase => text.to_uppercase(),
        TextCase::CapitalizeFirst => {
            let out = if state.at_start {
                capitalize_first_letter(text)
            } else {
                text.to_string()
            };
            if text.chars().any(char::is_alphanumeric) {
                state.at_start = false;
            }
            out
        }
        TextCase::CapitalizeAll => by_words(text, state, |word, _| capitalize_first_letter(word)),
        TextCase::Sentence => by_words(text, state, |word, position| {
            let keep = !all_upper
                && word.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !word.chars().any(char::is_lowercase);
            let word = if keep {
                word.to_string()
            } else {
                word.to_lowercase()
            };
            if position.first {
                capitalize_first_letter(&word)
            } else {
                word
            }
        }),
        TextCase::Title => by_words(text, state, |word, position| {
            title_word(
                word,
                position.first || position.after_colon || position.last,
            )
        }),
    }
}

struct WordPosition {
    first: bool,
    after_colon: bool,
    last: bool,
}

fn title_word(word: &str, force: bool) -> String {
    if word.chars().skip(1).any(char::is_uppercase) {
        return word.to_string();
    }
    // written straight into one string: a vector of parts and a copy per
    // part for every title word was a hot spot of title case
    let count = word.split('-').count();
    let mut out = String::with_capacity(word.len() + 2);
    for (i, part) in word.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        if title_keeps(part, force && (i == 0 || i + 1 == count), i > 0) {
            out.push_str(part);
        } else {
            push_capitalized(&mut out, part);
        }
    }
    out
}

/// Whether a part of a hyphenated title word keeps its case: a stop word
/// (unless `force`d at an edge), or a one-letter or non-letter later part.
fn title_keeps(part: &str, force: bool, later: bool) -> bool {
    let lower: std::borrow::Cow<str> =
        if part.is_ascii() && !part.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Borrowed(part)
        } else {
            std::borrow::Cow::Owned(part.to_lowercase())
        };
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let is_stop = STOP_WORDS.contains(&bare);
    let starts_non_letter = part
        .chars()
        .next()
        .map(|c| !c.is_alphabetic())
        .unwrap_or(false);
    let one_letter = bare.chars().count() == 1;
    is_stop && !force
        || later && (one_letter || starts_non_letter)
        || one_letter && !bare.is_ascii()
}

fn by_words(text: &str, state: &mut CaseState, f: impl Fn(&str, WordPosition) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, state: &mut CaseState| {
        if word.is_empty() {
            return;
        }
        let position = WordPosition {
            first: state.at_start,
            after_colon: state.after_colon,
            last: state.word_index == state.last_word,
        };
        out.push_str(&f(word, position));
        if word.chars().any(char::is_alphanumeric) {
            state.at_start = false;
            state.after_colon = false;
        }
        if word.ends_with([':', '?', '!']) {
            state.after_colon = true;
        }
        if word.chars().any(char::is_alphanumeric) {
            state.word_index += 1;
        }
        word.clear();
    };
    for c in text.chars() {
        if is_word_break(c) {
            flush(&mut word, &mut out, state);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out, state);
    out
}

pub fn capitalize_first_letter(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_capitalized(&mut out, word);
    out
}

/// Append `word` with its first letter upper-cased.
fn push_capitalized(out: &mut String, word: &str) {
    let mut done = false;
    for c in word.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            if !done && c.is_numeric() {
                done = true;
            }
            out.push(c);
        }
    }
}

/// Remove periods from text nodes.
pub fn strip_periods(nodes: &mut [Inline]) {
    for node in nodes {
        match node {
            Inline::Text(text) => *text = text.replace('.', ""),
            Inline::Formatted(_, c) | Inline::Display(_, c) | Inline::NoCase(c) => strip_periods(c),
            Inline::Quoted { children, .. } => strip_periods(children),
        }
    }
}

/// Re-mark quotes nested inside a quoted node for the given depth.
pub fn requote(children: Vec<Inline>, ctx: &Context, depth: usize) -> Vec<Inline> {
    children
        .into_iter()
        .map(|child| match child {
            Inline::Quoted { children, .. } => {
                let (open, close) = quote_marks(ctx, depth);
                let inside = ctx.locale.punctuation_in_quote();
                Inline::quoted(open, close, inside, requote(children, ctx, depth + 1))
            }
            Inline::Formatted(f, c) => Inline::Formatted(f, requote(c, ctx, depth)),
            Inline::Display(d, c) => Inline::Display(d, requote(c, ctx, depth)),
            Inline::NoCase(c) => Inline::NoCase(requote(c, ctx, depth)),
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

/// Parse field text with its mini-markup into nodes.
pub fn parse_rich_text(ctx: &Context, text: &str) -> Vec<Inline> {
    if !text.contains(['<', '"', '\'', '“', '‘']) {
        return vec![Inline::Text(text.to_string())];
    }
    let mut parser = RichParser { ctx, rest: text };
    parser.nodes(None)
}

struct RichParser<'c, 'a, 't> {
    ctx: &'c Context<'a>,
    rest: &'t str,
}

const TAGS: &[(&str, &str)] = &[
    ("<i>", "</i>"),
    ("<b>", "</b>"),
    ("<sc>", "</sc>"),
    ("<sup>", "</sup>"),
    ("<sub>", "</sub>"),
    ("<span class=\"nocase\">", "</span>"),
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
            if let Some((open, close)) = TAGS.iter().find(|(open, _)| self.rest.starts_with(open)) {
                if self.rest[open.len()..].contains(close) {
                    flush(&mut text, &mut nodes);
                    self.rest = &self.rest[open.len()..];
                    let children = self.nodes(Some(close));
                    nodes.push(tag_node(open, children));
                    continue;
                }
            }
            let pair = QUOTE_PAIRS
                .iter()
                .find(|(open, _)| self.rest.starts_with(open));
            if let Some((open, close)) = pair {
                let straight = open == close;
                let rest = &self.rest[open.len()..];
                if until != Some(*close)
                    && (!straight || opens_quote(&text, nodes.is_empty()))
                    && has_closing(close, rest)
                {
                    flush(&mut text, &mut nodes);
                    self.rest = rest;
                    let children = self.nodes(Some(close));
                    nodes.push(if *open == "‘" {
                        // typographic single quotes stay inner quotes
                        let (open, close) = quote_marks(self.ctx, self.ctx.quote_depth() + 1);
                        Inline::quoted(open, close, false, children)
                    } else {
                        quote(self.ctx, children)
                    });
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

/// A closing mark must not be followed by a letter (that is an apostrophe).
const QUOTE_PAIRS: &[(&str, &str)] = &[("\"", "\""), ("'", "'"), ("“", "”"), ("‘", "’")];

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
        nodes.push(Inline::Text(std::mem::take(text)));
    }
}

fn tag_node(open: &str, children: Vec<Inline>) -> Inline {
    let mut formatting = Formatting::default();
    match open {
        "<i>" => formatting.font_style = Some(FontStyle::Italic),
        "<b>" => formatting.font_weight = Some(FontWeight::Bold),
        "<sup>" => formatting.vertical_align = Some(VerticalAlign::Sup),
        "<sub>" => formatting.vertical_align = Some(VerticalAlign::Sub),
        "<span class=\"nocase\">" => return Inline::NoCase(children),
        "<span class=\"nodecor\">" => {
            formatting.font_style = Some(FontStyle::Normal);
            formatting.font_weight = Some(FontWeight::Normal);
            formatting.font_variant = Some(FontVariant::Normal);
        }
        _ => formatting.font_variant = Some(FontVariant::SmallCaps),
    }
    let node = Inline::Formatted(formatting, children);
    if matches!(open, "<i>" | "<b>") {
        node
    } else {
        Inline::NoCase(vec![node])
    }
}
