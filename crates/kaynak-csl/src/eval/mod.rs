//! Evaluation of style elements for one item and one cite: style + item →
//! output tree. One file per element; this file holds the shared context,
//! the dispatch, and the wrapping every element shares (affixes,
//! formatting, quotes, display).
//!
//! It does not decide positions, sort order, disambiguation or collapsing;
//! those passes (sibling files) set the [`CiteState`] it reads.
//!
//! What the output rendered so far holds (variables `cs:substitute` used,
//! the implicit year-suffix) is read from that output's tags
//! ([`crate::output::tag`]) and passed on to the elements that follow in
//! their [`Context`]: a group or macro whose output holds substituted
//! variables carries their tags at its top, so each level reads only the
//! top of what its children rendered. The only state kept during a walk
//! ([`Walk`]) counts variables for group suppression, `disambiguate` tests,
//! and warnings.

mod answers;
mod before;
pub mod case;
mod cased;
mod choose;
mod date;
#[cfg(feature = "multilingual")]
pub mod ext;
pub mod initials;
mod name;
mod name_parts;
pub mod names;
pub mod number;
mod parts;
pub mod position;
pub mod sort;
pub(crate) mod specialize;
pub mod text;

use crate::diagnostic::Warning;
use crate::item::CslItem;
use crate::locale::LocaleChain;
use crate::model::*;
use crate::output::{Inline, Tag};
use crate::style::Style;
use answers::Answers;
pub(crate) use answers::SharedAnswers;
pub(crate) use before::{hoist, Before, Facts};
pub(crate) use choose::type_found;
pub(crate) use parts::Parts;
use specialize::Tree;
use std::cell::{Cell, RefCell};

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
    /// Each names list shows at least this many names: what the item's
    /// cite shows after add-names (bibliography entries).
    pub names_shown: Option<usize>,
    /// Given-name expansion per name position: 1 = initials, 2 = full.
    pub givenname_levels: Vec<u8>,
    /// At least this much of these names' given names is shown, wherever
    /// they stand: what the item's disambiguated cite shows of its author
    /// (bibliography entries).
    pub given_shown: Vec<(crate::item::Name, crate::output::GivenShown)>,
    /// How many `disambiguate="true"` tests hold, in the order the render
    /// meets them (as citeproc-js takes them, one at a time): 0 is none.
    pub disambiguate: usize,
    /// Rendering the form disambiguation compares: an access date is left
    /// out, since it does not tell works apart (as citeproc-js compares).
    pub comparing: bool,
    /// Tag each name of a names list ([`crate::output::Tag::Name`]): done
    /// where a pass reads them (subsequent-author-substitute, and the cites
    /// a bibliography entry takes its given names from), as each tag keeps
    /// a list of its own.
    pub name_tags: bool,
    /// The cite asks to leave its author out (suppress-author).
    pub suppress_author: bool,
    /// The cite's author as a first render found it: what suppress-author
    /// leaves out when the cite renders again with it.
    pub author: Option<Author>,
    /// subsequent-author-substitute: what replaces this entry's author.
    pub author_substitute: Option<AuthorSubstitute>,
}

/// A cite's author: the first names output of its render (see
/// [`crate::output::Inline::first_names`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    /// The `cs:names` element that rendered it.
    pub element: u16,
    /// The variables its `cs:substitute` used: with the author left out,
    /// they stay suppressed in the whole cite.
    pub substituted: Vec<Variable>,
}

/// What subsequent-author-substitute puts in place of an author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorSubstitute {
    /// The `cs:names` element whose output is replaced.
    pub element: u16,
    /// The text put in place.
    pub text: String,
    /// Which of the names it replaces.
    pub names: SubstitutedNames,
}

/// The names of a list that subsequent-author-substitute replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubstitutedNames {
    /// The whole list, with its delimiters and et-al, as one text.
    All,
    /// Each name on its own.
    Each,
    /// The first `n` names, each on its own.
    First(usize),
}

/// What a walk over one item's elements counts while it runs: the
/// variables called and rendered (a group that called variables and
/// rendered none is suppressed), warnings, and the extension's frames.
#[derive(Default)]
pub struct Walk {
    called: Cell<usize>,
    rendered: Cell<usize>,
    /// How many `disambiguate="true"` tests held so far.
    disambiguate_tests: Cell<usize>,
    warnings: RefCell<Vec<Warning>>,
    /// kaynak multilingual extension: the lexical frames settings come from.
    #[cfg(feature = "multilingual")]
    pub ext_frames: RefCell<Vec<ext::Frame>>,
    /// Whether the item has each variable a condition tests.
    variable_answers: Answers,
}

impl Walk {
    /// The warnings the walk gathered.
    pub fn into_warnings(self) -> Vec<Warning> {
        self.warnings.into_inner()
    }
}

/// Everything an element needs to render: references to the style,
/// locale, item and cite, and what the output before the element holds.
/// A context for part of the walk (another locale, inside `cs:substitute`,
/// after substituted output) is a copy with a field changed.
#[derive(Clone)]
pub struct Context<'a> {
    pub style: &'a Style,
    pub locale: &'a LocaleChain,
    pub item: &'a dyn CslItem,
    pub section: &'a Section,
    pub cite: &'a CiteState,
    /// Rendering a macro sort key: names in sort order, dates sortable.
    pub sorting: bool,
    /// names-min / names-use-first of the sort key being computed.
    pub sort_names: Option<(Option<usize>, Option<usize>, Option<bool>)>,
    /// Inside `cs:substitute`: the `cs:names` element substituted for
    /// (names inside inherit its options, and variables rendered are tagged).
    pub(crate) substituting: Option<&'a Names>,
    /// What the output rendered before holds.
    pub(crate) before: Before,
    walk: &'a Walk,
    /// kaynak multilingual extension: the lexical frames settings come from.
    #[cfg(feature = "multilingual")]
    pub ext_frames: &'a RefCell<Vec<ext::Frame>>,
    /// The item's type, asked once, as its id among the types the style's
    /// `type=` conditions test (none: no test names it): conditions compare
    /// it against long lists, and each ask would be a dynamic call and a
    /// string comparison.
    pub(crate) item_type_id: Option<u16>,
    /// The answers of [`Context::item_has_variable`] kept by the run for
    /// this item across its renders (citation, bibliography, sort keys,
    /// disambiguation), when it keeps them: they depend on the item alone.
    shared_answers: Option<&'a SharedAnswers>,
    /// The style's trees decided for the item's type, when the run keeps
    /// them (see [`specialize`]): macros are read there.
    tree: Option<&'a Tree>,
}

impl<'a> Context<'a> {
    pub fn new(
        style: &'a Style,
        locale: &'a LocaleChain,
        item: &'a dyn CslItem,
        section: &'a Section,
        cite: &'a CiteState,
        walk: &'a Walk,
    ) -> Self {
        let mut before = Before::default();
        if let Some(author) = cite.author.as_ref().filter(|_| cite.suppress_author) {
            // the author is left out: what its substitute used stays used
            let mut facts = Facts::default();
            author
                .substituted
                .iter()
                .for_each(|&id| facts.add_substituted(id));
            before = before.after(&facts);
        }
        Context {
            style,
            // kaynak multilingual extension: the item's locale (k:item-locales).
            #[cfg(feature = "multilingual")]
            locale: ext::item_locale(style, section, item).unwrap_or(locale),
            #[cfg(not(feature = "multilingual"))]
            locale,
            item,
            section,
            cite,
            sorting: false,
            sort_names: None,
            substituting: None,
            before,
            walk,
            #[cfg(feature = "multilingual")]
            ext_frames: &walk.ext_frames,
            item_type_id: style.type_id(item.item_type()),
            shared_answers: None,
            tree: None,
        }
    }

    /// Read macros from `tree`, the style's trees for the item's type.
    pub(crate) fn use_tree(&mut self, tree: &'a Tree) {
        self.tree = Some(tree);
    }

    /// The elements of macro `index`: from the item type's tree when the
    /// context has one, else from the style.
    pub(crate) fn macro_elements(&self, index: usize) -> Option<&'a [Element]> {
        match self.tree {
            Some(tree) => tree.macros.get(index).map(Vec::as_slice),
            None => self.style.macros.get(index).map(|m| m.elements.as_slice()),
        }
    }

    /// Keep the answers of [`Context::item_has_variable`] in `answers`,
    /// shared by every render of this item.
    pub(crate) fn share_answers(&mut self, answers: &'a SharedAnswers) {
        self.shared_answers = Some(answers);
    }

    pub fn warn(&self, message: String) {
        self.walk.warnings.borrow_mut().push(Warning {
            item: Some(self.item.id().to_string()),
            message,
            note: false,
        });
    }

    pub fn note_variable(&self, rendered: bool) {
        self.walk.called.set(self.walk.called.get() + 1);
        if rendered {
            self.walk.rendered.set(self.walk.rendered.get() + 1);
        }
    }

    /// Whether the next `disambiguate="true"` test holds: the first
    /// [`CiteState::disambiguate`] of them do.
    pub(crate) fn disambiguate_test(&self) -> bool {
        let held = self.walk.disambiguate_tests.get();
        if held < self.cite.disambiguate {
            self.walk.disambiguate_tests.set(held + 1);
            return true;
        }
        false
    }

    /// (variables called, variables rendered) so far.
    pub fn variable_counts(&self) -> (usize, usize) {
        (self.walk.called.get(), self.walk.rendered.get())
    }

    /// Whether `variable` was rendered by a `cs:substitute` earlier in the
    /// output: it is not rendered again.
    pub fn is_suppressed(&self, variable: Variable) -> bool {
        self.before.is_substituted(variable)
    }

    /// `node`, the output of `variable`, tagged as substituted when it is
    /// rendered inside `cs:substitute`.
    pub fn substituted(&self, variable: Variable, node: Inline) -> Inline {
        match self.substituting {
            Some(_) => Inline::tag(Tag::Substituted(variable), node),
            None => node,
        }
    }

    /// What `node`, an element's output just rendered, adds to what came
    /// before: the substituted variables tagged at its top (an element's
    /// output carries them there, see [`hoist`]) and, while the implicit
    /// year-suffix is still to come, whether it holds one.
    fn facts_of(&self, node: &Inline) -> Option<Facts> {
        let mut facts = Facts::default();
        let mut top = node;
        while let Inline::Tagged(Tag::Substituted(id), children) = top {
            if !self.before.is_substituted(*id) {
                facts.add_substituted(*id);
            }
            match children.as_slice() {
                [only] => top = only,
                _ => break,
            }
        }
        if self.implicit_year_suffix().is_some() {
            facts.year_suffix = node
                .find_tag(|tag| matches!(tag, Tag::YearSuffix(_)))
                .is_some();
        }
        (!facts.is_empty()).then_some(facts)
    }

    /// The context for the elements after output that added `facts`.
    fn after(&self, facts: &Facts) -> Context<'a> {
        Context {
            before: self.before.after(facts),
            ..self.clone()
        }
    }

    pub fn term(&self, name: &str, form: TermForm, plural: bool) -> Option<&'a str> {
        let text = self.locale.term_text(name, form, plural);
        if text.is_none() {
            self.warn(format!("term `{name}` is not defined in the locale"));
        }
        text
    }

    /// Whether the item has a value, names or a date for `variable`; the
    /// answer is remembered for this render (or, when the run shares them,
    /// for this item).
    pub(crate) fn item_has_variable(&self, variable: Variable) -> bool {
        let look_up = || self.item.has_variable(variable);
        match self.shared_answers {
            Some(shared) => shared.get(variable, look_up),
            None => self.walk.variable_answers.get(variable, look_up),
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

/// Whether `item`'s value of `variable` is numeric (what an `is-numeric=`
/// condition asks of an item variable).
pub(crate) fn item_is_numeric(item: &dyn CslItem, variable: Variable) -> bool {
    item.variable(variable)
        .is_some_and(number::is_numeric_condition)
}

/// Render a list of elements, concatenated.
/// The branch outputs of a `cs:choose` count as separate elements for the
/// enclosing delimiter, so they are spliced in.
pub fn render_elements(ctx: &Context, elements: &[Element]) -> Vec<Inline> {
    render_parts(ctx, elements).into_vec()
}

/// [`render_elements`] as [`Parts`], with no list for a single part.
pub(crate) fn render_parts(ctx: &Context, elements: &[Element]) -> Parts {
    render_parts_with_facts(ctx, elements).0
}

/// [`render_parts`] and what the parts add to what came before (`None`:
/// nothing).
pub(crate) fn render_parts_with_facts(
    ctx: &Context,
    elements: &[Element],
) -> (Parts, Option<Facts>) {
    let mut out = Parts::None;
    let facts = render_elements_into(ctx, elements, &mut out);
    (out, facts)
}

/// [`render_elements`] appending to `out`: a chosen branch renders straight
/// into its parent's parts (a vector per `cs:choose` was a hot spot).
/// The branch outputs of a `cs:choose` count as separate elements for the
/// enclosing delimiter, so they are spliced in.
///
/// An element's output that changes what the elements after it may render
/// (substituted variables, the implicit year-suffix) gives them a context
/// that says so, read from that output's tags. Returns what the output adds
/// to what came before (`None`: nothing, the common case).
pub(crate) fn render_elements_into(
    ctx: &Context,
    elements: &[Element],
    out: &mut Parts,
) -> Option<Facts> {
    let pending = ctx.implicit_year_suffix().is_some();
    for (index, element) in elements.iter().enumerate() {
        if let Some(facts) = render_into(ctx, element, out, elements.len() - index, pending) {
            let rest = elements.get(index + 1..).unwrap_or_default();
            return Some(render_after(ctx, facts, rest, out));
        }
    }
    None
}

/// [`render_elements_into`] for the elements after output that added
/// `facts`: they render in a context that knows it.
#[cold]
fn render_after(ctx: &Context, facts: Facts, elements: &[Element], out: &mut Parts) -> Facts {
    if elements.is_empty() {
        return facts;
    }
    let mut later = ctx.after(&facts);
    let mut all = facts;
    for (index, element) in elements.iter().enumerate() {
        let pending = later.implicit_year_suffix().is_some();
        if let Some(facts) = render_into(&later, element, out, elements.len() - index, pending) {
            later = later.after(&facts);
            all.extend(facts);
        }
    }
    all
}

/// One element rendered into `out` (`room`: how many parts may still
/// come); what its output adds to what came before.
#[inline(always)]
fn render_into(
    ctx: &Context,
    element: &Element,
    out: &mut Parts,
    room: usize,
    suffix_pending: bool,
) -> Option<Facts> {
    if let Element::Choose(choose) = element {
        return choose::render_choose_into(ctx, choose, out);
    }
    let node = render_element(ctx, element)?;
    let facts = if suffix_pending || matches!(node, Inline::Tagged(Tag::Substituted(_), _)) {
        ctx.facts_of(&node)
    } else {
        None
    };
    if !node.is_empty() {
        out.push(node, room);
    }
    facts
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
        #[cfg(feature = "multilingual")]
        Element::Ext(e) => ext::render_element_ext(ctx, e),
    }
}

/// `cs:group`: suppressed when it calls variables and all are empty.
pub fn render_group(ctx: &Context, group: &Group) -> Option<Inline> {
    let (called_before, rendered_before) = ctx.variable_counts();
    let (parts, facts) = render_parts_with_facts(ctx, &group.children);
    let (called, rendered) = ctx.variable_counts();
    let (called, rendered) = (called - called_before, rendered - rendered_before);
    if parts.is_empty() || (called > 0 && rendered == 0) {
        return None;
    }
    let node = parts.wrap(ctx, group.delimiter.as_deref(), &group.rendering)?;
    // a rendered group counts as content for an enclosing group
    ctx.note_variable(true);
    Some(hoist(node, facts.as_ref()))
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
    wrap_by(ctx, content, rendering, CaseBy::Item)
}

/// [`wrap`], with text-case in the language `by` names.
fn wrap_by(
    ctx: &Context,
    content: Vec<Inline>,
    rendering: &Rendering,
    by: CaseBy,
) -> Option<Inline> {
    let mut content = content;
    if content.iter().all(Inline::is_empty) {
        return None;
    }
    if let Some(case) = rendering.text_case {
        let (english, turkic) = case_language(ctx, by);
        cased::apply_case_in(&mut content, case, english, turkic);
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
    if node.is_empty() {
        return None;
    }
    wrap_present(ctx, node, rendering)
}

/// [`wrap_one`] for a node known to print something (a part of [`Parts`],
/// which only ever holds such nodes): the check is not made again.
pub(crate) fn wrap_present(ctx: &Context, node: Inline, rendering: &Rendering) -> Option<Inline> {
    if !rendering.formatting.is_empty() {
        return wrap(ctx, vec![node], rendering);
    }
    let mut node = node;
    if let Some(case) = rendering.text_case {
        let turkic = case::is_turkic(ctx.item.language());
        cased::apply_case_in(
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

/// [`wrap_one`] for a locale term (`cs:text term=…`, `cs:label`). A term is
/// text in the style locale's language, not the item's: title case applies
/// to an English term even for a Russian item ("(Ed.)"; spec, Text-case:
/// title case is for English text, and as for any text, for the terms of
/// an English item), and letters are cased by the locale's rules, so the
/// English "in" of a Turkish item capitalises as "In", not "İn".
pub fn wrap_term(ctx: &Context, node: Inline, rendering: &Rendering) -> Option<Inline> {
    if rendering.text_case.is_none() {
        return wrap_one(ctx, node, rendering);
    }
    wrap_by(ctx, vec![node], rendering, CaseBy::Locale)
}

/// Whose language decides how text-case applies.
#[derive(Clone, Copy)]
enum CaseBy {
    /// The item's (field values).
    Item,
    /// The style locale's (terms).
    Locale,
}

/// Whether text-case treats the text as English, and with Turkic
/// letter rules.
fn case_language(ctx: &Context, by: CaseBy) -> (bool, bool) {
    match by {
        CaseBy::Item => (ctx.is_english(), case::is_turkic(ctx.item.language())),
        CaseBy::Locale => {
            // title case applies to an English item (the specification's
            // rule) and to an English term whatever the item
            let lang = ctx.locale.language();
            let english =
                lang.is_none_or(|l| l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("en")));
            (english || ctx.is_english(), case::is_turkic(lang))
        }
    }
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

/// Wrap in the locale's quotation marks; quotes nested inside take the
/// inner marks, and alternate from there.
pub fn quote(ctx: &Context, children: Vec<Inline>) -> Inline {
    let open = ctx
        .locale
        .term_text("open-quote", TermForm::Long, false)
        .unwrap_or("\u{201c}");
    let close = ctx
        .locale
        .term_text("close-quote", TermForm::Long, false)
        .unwrap_or("\u{201d}");
    let children = case::requote(children, ctx, 1);
    Inline::quoted(open, close, ctx.locale.punctuation_in_quote(), children)
}

impl<'a> Context<'a> {
    /// The number of the implicit year-suffix, when this cite has one, the
    /// style renders no explicit `year-suffix`, and none came before.
    pub fn implicit_year_suffix(&self) -> Option<usize> {
        if self.style.explicit_year_suffix || self.sorting || self.before.year_suffix {
            return None;
        }
        self.cite.year_suffix
    }

    pub fn sort_names(&self) -> Option<(Option<usize>, Option<usize>, Option<bool>)> {
        self.sort_names
            .filter(|(a, b, c)| a.is_some() || b.is_some() || c.is_some())
    }

    pub fn sort_names_as_sort_order(&self) -> bool {
        self.sorting
    }

    // kaynak multilingual extension: `k:locale` pins render a subtree in another locale.
    /// Run `f` with a context that differs only in its locale.
    #[cfg(feature = "multilingual")]
    pub fn with_locale<T>(&self, locale: &'a LocaleChain, f: impl FnOnce(&Context<'a>) -> T) -> T {
        f(&Context {
            locale,
            ..self.clone()
        })
    }
}
