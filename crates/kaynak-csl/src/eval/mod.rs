//! Evaluation of style elements for one item and one cite: style + item →
//! output tree. One file per element; this file holds the shared context,
//! the dispatch, and the wrapping every element shares (affixes,
//! formatting, quotes, display).
//!
//! It does not decide positions, sort order, disambiguation or collapsing;
//! those passes (sibling files) set the [`CiteState`] it reads.

pub mod case;
mod choose;
mod date;
pub mod disambiguate;
pub mod initials;
mod name_parts;
pub mod names;
pub mod number;
mod parts;
pub mod position;
pub mod sort;
pub mod text;

use crate::diagnostic::Warning;
use crate::item::CslItem;
use crate::locale::LocaleChain;
use crate::output::Inline;
use crate::style::model::*;
use crate::style::Style;
pub(crate) use parts::Parts;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU8, Ordering};

/// Per-cite facts decided by the citation passes.
#[derive(Debug, Clone, Default)]
pub struct CiteState {
    pub position: Option<Position>,
    pub near_note: bool,
    pub locator: Option<String>,
    pub label: Option<String>,
    pub first_reference_note_number: Option<u32>,
    pub citation_number: Option<usize>,
    pub year_suffix: Option<usize>,
    /// Names shown beyond et-al-use-first (add-names).
    pub extra_names: Option<usize>,
    /// Given-name expansion per name position: 1 = initials, 2 = full.
    pub givenname_levels: Vec<u8>,
    pub disambiguate: bool,
    pub suppress_author: bool,
    /// subsequent-author-substitute text replacing the first names.
    pub author_substitute: Option<String>,
    /// When set, `author_substitute` applies only if this cite's author
    /// renders the same (one pass for subsequent-author-substitute).
    pub previous_author: Option<String>,
}

/// What the element walk records while it runs.
#[derive(Default)]
pub struct Tracker {
    pub variables_called: usize,
    pub variables_rendered: usize,
    /// Variables already used by cs:substitute (usually none, so a Vec).
    pub suppressed: Vec<String>,
    pub warnings: Vec<Warning>,
    /// The first rendered names output (the "author" for collapsing).
    pub first_names: Option<String>,
    pub names_seen: usize,
    pub year_suffix_done: bool,
    pub rendered_any: bool,
    pub author_substituted: bool,
    pub starts_with_term: bool,
}

/// Everything an element needs to render.
pub struct Context<'a> {
    pub style: &'a Style,
    pub locale: &'a LocaleChain,
    pub item: &'a dyn CslItem,
    pub section: &'a Section,
    pub cite: &'a CiteState,
    /// Rendering a macro sort key: names in sort order, dates sortable.
    pub sorting: bool,
    pub tracker: RefCell<Tracker>,
    quote_depth: Cell<usize>,
    pub in_substitute: Cell<bool>,
    /// What names inside cs:substitute inherit; shared, since every names
    /// element there reads it.
    pub substitute_names: RefCell<Option<std::rc::Rc<Names>>>,
    /// names-min / names-use-first of the sort key being computed.
    pub sort_names: Option<(Option<usize>, Option<usize>, Option<bool>)>,
    /// kaynak multilingual extension: the lexical frames settings come from.
    pub ext_frames: RefCell<Vec<crate::ext::Frame>>,
    /// The item's type, asked once: `type=` conditions compare it against
    /// long lists, and each ask is a dynamic call.
    pub(crate) item_type: &'a str,
    /// Whether the item has each variable a condition tests, by slot:
    /// 0 not asked yet, 1 no, 2 yes. Styles test the same variables again
    /// and again, and each answer took up to three look-ups.
    variable_answers: RefCell<Vec<u8>>,
    /// The same answers kept by the run for this item across its renders
    /// (citation, bibliography, sort keys, disambiguation), when it keeps
    /// them: the answers depend on the item alone.
    shared_answers: Option<&'a [AtomicU8]>,
}

impl<'a> Context<'a> {
    pub fn new(
        style: &'a Style,
        locale: &'a LocaleChain,
        item: &'a dyn CslItem,
        section: &'a Section,
        cite: &'a CiteState,
    ) -> Self {
        Context {
            style,
            // kaynak multilingual extension: the item's locale (k:item-locales).
            locale: crate::ext::item_locale(style, section, item).unwrap_or(locale),
            item,
            section,
            cite,
            sorting: false,
            tracker: RefCell::new(Tracker::default()),
            quote_depth: Cell::new(0),
            in_substitute: Cell::new(false),
            substitute_names: RefCell::new(None),
            sort_names: None,
            ext_frames: RefCell::new(Vec::new()),
            item_type: item.item_type(),
            variable_answers: RefCell::new(Vec::new()),
            shared_answers: None,
        }
    }

    /// Keep the answers of [`Context::item_has_variable`] in `answers`, one
    /// per slot of the style, shared by every render of this item.
    pub(crate) fn share_answers(&mut self, answers: &'a [AtomicU8]) {
        self.shared_answers = Some(answers);
    }

    pub fn warn(&self, message: String) {
        self.tracker.borrow_mut().warnings.push(Warning {
            item: Some(self.item.id().to_string()),
            message,
            note: false,
        });
    }

    pub fn note_variable(&self, rendered: bool) {
        let mut tracker = self.tracker.borrow_mut();
        tracker.variables_called += 1;
        if rendered {
            tracker.variables_rendered += 1;
            tracker.rendered_any = true;
        }
    }

    /// Record that a term was rendered; a cite that opens with a term may
    /// be capitalised at the start of a sentence.
    pub fn note_term(&self) {
        let mut tracker = self.tracker.borrow_mut();
        if !tracker.rendered_any {
            tracker.starts_with_term = true;
        }
        tracker.rendered_any = true;
    }

    /// (variables called, variables rendered) so far.
    pub fn variable_counts(&self) -> (usize, usize) {
        let tracker = self.tracker.borrow();
        (tracker.variables_called, tracker.variables_rendered)
    }

    pub fn is_suppressed(&self, variable: &str) -> bool {
        let tracker = self.tracker.borrow();
        !tracker.suppressed.is_empty() && tracker.suppressed.iter().any(|v| v == variable)
    }

    pub fn term(&self, name: &str, form: TermForm, plural: bool) -> Option<&'a str> {
        let text = self.locale.term_text(name, form, plural);
        if text.is_none() {
            self.warn(format!("term `{name}` is not defined in the locale"));
        }
        text
    }

    /// Whether the item has a value, names or a date for `name`; `slot`
    /// (from the condition) remembers the answer for this render.
    pub(crate) fn item_has_variable(&self, name: &str, slot: Option<u16>) -> bool {
        let look_up = || {
            self.item.variable(name).is_some()
                || self.item.names(name).is_some()
                || self
                    .item
                    .date(name)
                    .map(|d| !d.parts.is_empty() || d.literal.is_some())
                    .unwrap_or(false)
        };
        let Some(slot) = slot
            .map(usize::from)
            .filter(|s| *s < self.style.variable_slots)
        else {
            return look_up();
        };
        if let Some(shared) = self.shared_answers {
            return shared_answer(shared, slot, look_up);
        }
        let mut answers = self.variable_answers.borrow_mut();
        if answers.is_empty() {
            answers.resize(self.style.variable_slots, 0);
        }
        match answers.get(slot) {
            Some(1) => false,
            Some(2) => true,
            _ => {
                let has = look_up();
                if let Some(answer) = answers.get_mut(slot) {
                    *answer = 1 + u8::from(has);
                }
                has
            }
        }
    }

    /// Whether the item's language allows English-only transformations.
    pub fn is_english(&self) -> bool {
        let lang = self
            .item
            .language()
            .filter(|l| !l.is_empty())
            .or(self.style.default_locale.as_deref());
        match lang {
            None => true,
            Some(lang) => lang
                .get(..2)
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case("en")),
        }
    }
}

/// A remembered answer (0 not asked yet, 1 no, 2 yes), asked and kept
/// when unknown. Threads that ask at once store the same answer.
fn shared_answer(answers: &[AtomicU8], slot: usize, look_up: impl FnOnce() -> bool) -> bool {
    let Some(answer) = answers.get(slot) else {
        return look_up();
    };
    match answer.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            let has = look_up();
            answer.store(1 + u8::from(has), Ordering::Relaxed);
            has
        }
    }
}

/// Render a list of elements, concatenated.
/// The branch outputs of a `cs:choose` count as separate elements for the
/// enclosing delimiter, so they are spliced in.
pub fn render_elements(ctx: &Context, elements: &[Element]) -> Vec<Inline> {
    render_parts(ctx, elements).into_vec()
}

/// [`render_elements`] as [`Parts`], with no list for a single part.
pub(crate) fn render_parts(ctx: &Context, elements: &[Element]) -> Parts {
    let mut out = Parts::None;
    render_elements_into(ctx, elements, &mut out);
    out
}

/// [`render_elements`] appending to `out`: a chosen branch renders straight
/// into its parent's parts (a vector per `cs:choose` was a hot spot).
pub(crate) fn render_elements_into(ctx: &Context, elements: &[Element], out: &mut Parts) {
    for (index, element) in elements.iter().enumerate() {
        match element {
            Element::Choose(choose) => choose::render_choose_into(ctx, choose, out),
            other => {
                let Some(node) = render_element(ctx, other).filter(|node| !node.is_empty()) else {
                    continue;
                };
                out.push(node, elements.len() - index);
            }
        }
    }
}

pub fn render_element(ctx: &Context, element: &Element) -> Option<Inline> {
    match element {
        Element::Text(t) => text::render_text(ctx, t),
        Element::Number(n) => number::render_number(ctx, n),
        Element::Label(l) => number::render_label(ctx, l, None),
        Element::Date(d) => date::render_date(ctx, d),
        Element::Names(n) => names::render_names(ctx, n),
        Element::Group(g) => render_group(ctx, g),
        Element::Choose(c) => choose::render_choose(ctx, c),
        // kaynak multilingual extension
        Element::Ext(e) => crate::ext::render_element_ext(ctx, e),
    }
}

/// `cs:group`: suppressed when it calls variables and all are empty.
pub fn render_group(ctx: &Context, group: &Group) -> Option<Inline> {
    let (called_before, rendered_before) = {
        let t = ctx.tracker.borrow();
        (t.variables_called, t.variables_rendered)
    };
    let parts = render_parts(ctx, &group.children);
    let (called, rendered) = {
        let t = ctx.tracker.borrow();
        (
            t.variables_called - called_before,
            t.variables_rendered - rendered_before,
        )
    };
    if parts.is_empty() || (called > 0 && rendered == 0) {
        return None;
    }
    let node = parts.wrap(ctx, group.delimiter.as_deref(), &group.rendering)?;
    // a rendered group counts as content for an enclosing group
    let mut tracker = ctx.tracker.borrow_mut();
    tracker.variables_rendered += 1;
    tracker.variables_called += 1;
    Some(node)
}

/// Join nodes with a delimiter.
pub fn join(parts: Vec<Inline>, delimiter: Option<&str>) -> Vec<Inline> {
    let Some(delimiter) = delimiter.filter(|d| !d.is_empty() && parts.len() > 1) else {
        // nothing goes between the parts: keep their vector
        return parts;
    };
    if parts.len() <= 8 {
        // short lists (nearly all) take their delimiters in their own
        // vector, from the back so the indices hold: a second vector per
        // join was a large share of allocation
        let mut parts = parts;
        for index in (1..parts.len()).rev() {
            parts.insert(index, Inline::Text(delimiter.into()));
        }
        return parts;
    }
    let mut out = Vec::with_capacity(parts.len() * 2);
    for (index, part) in parts.into_iter().enumerate() {
        if index > 0 {
            out.push(Inline::Text(delimiter.into()));
        }
        out.push(part);
    }
    out
}

/// Apply the shared rendering attributes around already-rendered content.
pub fn wrap(ctx: &Context, content: Vec<Inline>, rendering: &Rendering) -> Option<Inline> {
    let mut content = content;
    if content.iter().all(Inline::is_empty) {
        return None;
    }
    if let Some(case) = rendering.text_case {
        let turkic = case::is_turkic(ctx.item.language());
        case::apply_case_in(&mut content, case, ctx.is_english(), turkic);
    }
    if rendering.strip_periods {
        case::strip_periods(&mut content);
    }
    let node = if rendering.formatting.is_empty() {
        if content.len() == 1 {
            content.pop().unwrap_or(Inline::Text(Default::default()))
        } else {
            Inline::seq(content)
        }
    } else {
        Inline::Formatted(rendering.formatting, content)
    };
    Some(finish_wrap(ctx, node, rendering))
}

/// [`wrap`] for a single node, as most elements render: without
/// formatting it needs no vector around it (one per text was a large
/// share of allocation).
pub fn wrap_one(ctx: &Context, node: Inline, rendering: &Rendering) -> Option<Inline> {
    if !rendering.formatting.is_empty() {
        return wrap(ctx, vec![node], rendering);
    }
    if node.is_empty() {
        return None;
    }
    let mut node = node;
    if let Some(case) = rendering.text_case {
        let turkic = case::is_turkic(ctx.item.language());
        case::apply_case_in(
            std::slice::from_mut(&mut node),
            case,
            ctx.is_english(),
            turkic,
        );
    }
    if rendering.strip_periods {
        case::strip_periods(std::slice::from_mut(&mut node));
    }
    Some(finish_wrap(ctx, node, rendering))
}

/// The part of [`wrap`] after formatting: quotes, affixes and display.
fn finish_wrap(ctx: &Context, node: Inline, rendering: &Rendering) -> Inline {
    let mut node = node;
    if rendering.quotes {
        node = quote(ctx, vec![node]);
    }
    let node = affixed(node, rendering);
    match rendering.display {
        Some(display) if !ctx.sorting => Inline::Display(display, vec![node]),
        _ => node,
    }
}

/// `node` between the rendering's prefix and suffix; most nodes have
/// neither, and then no vector is made for them.
pub(crate) fn affixed(node: Inline, rendering: &Rendering) -> Inline {
    let prefix = rendering.prefix.as_deref().filter(|p| !p.is_empty());
    let suffix = rendering.suffix.as_deref().filter(|s| !s.is_empty());
    if prefix.is_none() && suffix.is_none() {
        return node;
    }
    let mut parts = Vec::with_capacity(3);
    if let Some(prefix) = prefix {
        parts.push(Inline::Text(prefix.into()));
    }
    parts.push(node);
    if let Some(suffix) = suffix {
        parts.push(Inline::Text(suffix.into()));
    }
    Inline::seq(parts)
}

/// Wrap in the locale's quotation marks, alternating for nested quotes.
pub fn quote(ctx: &Context, children: Vec<Inline>) -> Inline {
    let depth = ctx.quote_depth.get();
    let (open, close) = if depth.is_multiple_of(2) {
        ("open-quote", "close-quote")
    } else {
        ("open-inner-quote", "close-inner-quote")
    };
    let open = ctx
        .locale
        .term_text(open, TermForm::Long, false)
        .unwrap_or("\u{201c}");
    let close = ctx
        .locale
        .term_text(close, TermForm::Long, false)
        .unwrap_or("\u{201d}");
    let children = case::requote(children, ctx, depth + 1);
    Inline::quoted(open, close, ctx.locale.punctuation_in_quote(), children)
}

impl Context<'_> {
    /// The subsequent-author-substitute text, if it applies to this cite
    /// once its author renders as `author`.
    pub fn author_substitute_for(&self, author: &str) -> Option<&str> {
        let text = self.cite.author_substitute.as_deref()?;
        match &self.cite.previous_author {
            Some(previous) if previous != author => None,
            _ => Some(text),
        }
    }

    /// The implicit year-suffix, once per cite, when the style has no
    /// explicit `year-suffix` variable.
    pub fn implicit_year_suffix(&self) -> Option<String> {
        if self.style.explicit_year_suffix || self.sorting {
            return None;
        }
        let suffix = self.cite.year_suffix?;
        let mut tracker = self.tracker.borrow_mut();
        if tracker.year_suffix_done {
            return None;
        }
        tracker.year_suffix_done = true;
        Some(text::year_suffix_letters(suffix))
    }

    pub fn sort_names(&self) -> Option<(Option<usize>, Option<usize>, Option<bool>)> {
        self.sort_names
            .filter(|(a, b, c)| a.is_some() || b.is_some() || c.is_some())
    }

    pub fn sort_names_as_sort_order(&self) -> bool {
        self.sorting
    }

    pub fn quote_depth(&self) -> usize {
        self.quote_depth.get()
    }
}

// kaynak multilingual extension: `k:locale` pins render a subtree in another locale.
impl<'a> Context<'a> {
    /// Run `f` with a context that differs only in its locale; the walk's
    /// state (tracker, quotes, substitution, frames) carries over and back.
    pub fn with_locale<T>(&self, locale: &'a LocaleChain, f: impl FnOnce(&Context<'a>) -> T) -> T {
        let child = Context {
            style: self.style,
            locale,
            item: self.item,
            section: self.section,
            cite: self.cite,
            sorting: self.sorting,
            tracker: RefCell::new(self.tracker.take()),
            quote_depth: Cell::new(self.quote_depth.get()),
            in_substitute: Cell::new(self.in_substitute.get()),
            substitute_names: RefCell::new(self.substitute_names.take()),
            sort_names: self.sort_names,
            ext_frames: RefCell::new(self.ext_frames.take()),
            item_type: self.item_type,
            variable_answers: RefCell::new(self.variable_answers.take()),
            shared_answers: self.shared_answers,
        };
        let out = f(&child);
        self.tracker.replace(child.tracker.into_inner());
        self.substitute_names
            .replace(child.substitute_names.into_inner());
        self.ext_frames.replace(child.ext_frames.into_inner());
        self.variable_answers
            .replace(child.variable_answers.into_inner());
        out
    }
}
