//! Text transformations on output nodes: text-case, strip-periods, and the
//! mini-markup allowed inside field values (`<i>`, `<b>`, `<sc>`,
//! `<sup>`, `<sub>`, `<span class="nocase">`, straight quotes).

use super::{quote, Context};
use crate::csl::output::Inline;
use crate::csl::style::model::*;

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of",
    "on", "onto", "or", "over", "so", "the", "till", "to", "up", "via", "with", "yet", "v", "vs",
];

struct CaseState {
    at_start: bool,
    word_start: bool,
    after_colon: bool,
}

/// Apply a text-case to nodes, skipping `NoCase` parts.
pub fn apply_case(nodes: &mut [Inline], case: TextCase, english: bool) {
    if matches!(case, TextCase::Title | TextCase::Sentence) && !english {
        return;
    }
    let all_upper = {
        let text: String = nodes.iter().map(Inline::plain_text).collect();
        text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
    };
    let mut state = CaseState {
        at_start: true,
        word_start: true,
        after_colon: false,
    };
    for node in nodes.iter_mut() {
        case_node(node, case, all_upper, &mut state);
    }
}

fn case_node(node: &mut Inline, case: TextCase, all_upper: bool, state: &mut CaseState) {
    match node {
        Inline::Text(text) => *text = case_text(text, case, all_upper, state),
        Inline::NoCase(children) => {
            let text: String = children.iter().map(Inline::plain_text).collect();
            if text.chars().any(|c| !c.is_whitespace()) {
                state.at_start = false;
            }
            state.word_start = text.ends_with(char::is_whitespace);
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
        TextCase::CapitalizeAll => {
            by_words(text, state, |word, _, _| capitalize_first_letter(word))
        }
        TextCase::Sentence => by_words(text, state, |word, first, _| {
            let word = if all_upper {
                word.to_lowercase()
            } else {
                word.to_string()
            };
            if first {
                capitalize_first_letter(&word)
            } else {
                word
            }
        }),
        TextCase::Title => by_words(text, state, |word, first, after_colon| {
            title_word(word, first || after_colon, all_upper)
        }),
    }
}

fn title_word(word: &str, force: bool, all_upper: bool) -> String {
    let word = if all_upper {
        word.to_lowercase()
    } else {
        word.to_string()
    };
    let lower = word.to_lowercase();
    if !force && STOP_WORDS.contains(&lower.as_str()) {
        return word;
    }
    if word.chars().skip(1).any(char::is_uppercase) {
        return word;
    }
    // hyphenated compounds capitalise each part
    word.split('-')
        .map(capitalize_first_letter)
        .collect::<Vec<_>>()
        .join("-")
}

fn by_words(text: &str, state: &mut CaseState, f: impl Fn(&str, bool, bool) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, state: &mut CaseState| {
        if word.is_empty() {
            return;
        }
        let first = state.at_start;
        out.push_str(&f(word, first, state.after_colon));
        if word.chars().any(char::is_alphanumeric) {
            state.at_start = false;
            state.after_colon = false;
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() || c == '/' || c == '—' {
            flush(&mut word, &mut out, state);
            out.push(c);
            state.word_start = true;
        } else {
            if (c == ':' || c == '?' || c == '!') && !word.is_empty() {
                word.push(c);
                flush(&mut word, &mut out, state);
                state.after_colon = true;
                continue;
            }
            word.push(c);
        }
    }
    flush(&mut word, &mut out, state);
    out
}

pub fn capitalize_first_letter(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
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
    out
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
                Inline::Quoted {
                    open,
                    close,
                    punctuation_inside: ctx.locale.punctuation_in_quote(),
                    children: requote(children, ctx, depth + 1),
                }
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
    if !text.contains(['<', '"', '\'']) {
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
    ("<span style=\"font-variant:small-caps;\">", "</span>"),
    ("<span style=\"font-variant: small-caps;\">", "</span>"),
];

impl RichParser<'_, '_, '_> {
    fn nodes(&mut self, until: Option<&str>) -> Vec<Inline> {
        let mut nodes = Vec::new();
        let mut text = String::new();
        while !self.rest.is_empty() {
            if let Some(end) = until {
                if self.rest.starts_with(end) && (end != "\"" || text_ends_ok(&text, self.rest)) {
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
            if self.rest.starts_with('"')
                && until != Some("\"")
                && opens_quote(&text)
                && self.rest[1..].contains('"')
            {
                flush(&mut text, &mut nodes);
                self.rest = &self.rest[1..];
                let children = self.nodes(Some("\""));
                nodes.push(quote(self.ctx, children));
                continue;
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

fn text_ends_ok(_text: &str, _rest: &str) -> bool {
    true
}

fn opens_quote(before: &str) -> bool {
    before.is_empty() || before.ends_with(|c: char| c.is_whitespace() || "([{—–-/".contains(c))
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
        _ => formatting.font_variant = Some(FontVariant::SmallCaps),
    }
    Inline::Formatted(formatting, children)
}
