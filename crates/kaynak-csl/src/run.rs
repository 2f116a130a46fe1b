//! One processing run's state ([`Run`]), shared by its passes: the items
//! and their ids, citation numbers, the bibliography order (sorted here), each
//! item's disambiguation state, the warnings; and rendering one item with a
//! layout ([`ItemRender`]).

use crate::cluster::Cluster;
use crate::diagnostic::Warning;
use crate::eval::specialize::{ItemFacts, Tested, Tree};
use crate::eval::{self, sort, Author, CiteState, Context, Walk};
use crate::fasthash::FastMap;
use crate::item::CslItem;
use crate::model::*;
use crate::output::{Inline, Tag};
use crate::processor::Processor;
use crate::style::Style;

/// Per-run state shared by the passes.
pub(crate) struct Run<'p, 'i> {
    pub processor: &'p Processor,
    pub items: Vec<&'i dyn CslItem>,
    /// Item index → citation number (1-based).
    pub numbers: Vec<usize>,
    /// Item indexes in bibliography order.
    pub bib_order: Vec<usize>,
    /// Item index → what disambiguation decided for it.
    pub disambiguation: Vec<Disambiguated>,
    pub warnings: Vec<Warning>,
    /// Item id → index (the ids are the items' own).
    pub index: FastMap<&'i str, usize>,
    /// Whether the citation layout tests `position`.
    pub uses_positions: bool,
    /// Per item, whether it has each variable the style's conditions test
    /// (see `Context::share_answers`): an item renders several times, and
    /// the same tests were asked anew each time.
    variable_answers: Vec<eval::SharedAnswers>,
    /// The style's trees with the conditions an item decides decided, one
    /// per kind of item (see [`crate::eval::specialize`]).
    trees: Vec<Tree>,
    /// Per item, the index of its tree.
    tree_slots: Vec<u32>,
}

/// How many trees a run makes for kinds of item. Each is a copy of the
/// parts of the style its kind renders; items of further kinds share a
/// tree per type, which decides only `type` tests.
const MAX_TREES: usize = 256;

/// Sorts `order` (item indexes) by the bibliography's keys, computing only
/// the keys a comparison reads: every item's first key, then key k+1 of the
/// items that tie with another item on keys 0..=k. Each pass sorts the runs
/// still tied by the next key (stable), which is the order of one stable sort
/// by all the keys. Keys are computed on the processor's threads, and compared
/// as texts: a sort compares each key with a few others only, and most
/// comparisons end within the first letters, so this costs less than writing
/// out every key's collation sort key (which is what the sort did before).
fn sort_by_keys(run: &Run, section: &Section, order: &mut [usize]) {
    let collator = run.processor.collator();
    let mut value: Vec<Option<sort::SortValue>> = vec![None; run.items.len()];
    // runs of `order` whose items tie on every key so far: at first, all
    let mut tied: Vec<std::ops::Range<usize>> = std::iter::once(0..order.len()).collect();
    let mut rank: Vec<u32> = vec![0; run.items.len()];
    for (index, key) in section.sort.iter().enumerate() {
        let need: Vec<usize> = tied
            .iter()
            .flat_map(|r| order[r.clone()].iter().copied())
            .collect();
        if need.is_empty() {
            break;
        }
        let (values, _) = crate::parallel::map(run.processor.threads(), &need, |&item, _| {
            sort_value_of(run, section, item, index)
        });
        for (&item, v) in need.iter().zip(values) {
            value[item] = v;
        }
        let mut still_tied = Vec::new();
        for range in tied {
            let run_items = &mut order[range.clone()];
            rank_run(collator, key, &value, run_items, &mut rank);
            run_items.sort_by_key(|item| rank[*item]);
            let mut start = 0;
            for at in 1..=run_items.len() {
                if at == run_items.len() || rank[run_items[at - 1]] != rank[run_items[at]] {
                    if at - start > 1 {
                        still_tied.push(range.start + start..range.start + at);
                    }
                    start = at;
                }
            }
        }
        tied = still_tied;
    }
}

/// Ranks the values of `items` (one run of tied items) under `key` into
/// `rank`: equal values share a rank, an empty value ranks last. Values
/// repeat within a run (one author, many works), so the distinct values are
/// found first (sorted by their bytes, which is cheap) and only they are
/// compared by the collator.
fn rank_run(
    collator: &kaynak_text::collate::Collator,
    key: &SortKey,
    value: &[Option<sort::SortValue>],
    items: &[usize],
    rank: &mut [u32],
) {
    let mut by_bytes: Vec<usize> = items.to_vec();
    by_bytes.sort_unstable_by(|a, b| value[*a].cmp(&value[*b]));
    // one item per distinct value, in the collator's order
    let mut distinct: Vec<usize> = Vec::new();
    for (at, &item) in by_bytes.iter().enumerate() {
        if value[item].is_some() && (at == 0 || value[by_bytes[at - 1]] != value[item]) {
            distinct.push(item);
        }
    }
    let compare = |a: usize, b: usize| {
        sort::SortValue::compare(collator, key, value[a].as_ref(), value[b].as_ref())
    };
    distinct.sort_by(|a, b| compare(*a, *b));
    let mut next = 0;
    for (at, &item) in distinct.iter().enumerate() {
        if at > 0 && compare(distinct[at - 1], item).is_ne() {
            next += 1;
        }
        rank[item] = next;
    }
    // equal values stand together in `by_bytes`, the first ranked above:
    // the others take its rank
    for at in 0..by_bytes.len() {
        let item = by_bytes[at];
        if value[item].is_none() {
            rank[item] = u32::MAX;
        } else if at > 0 && value[by_bytes[at - 1]] == value[item] {
            rank[item] = rank[by_bytes[at - 1]];
        }
    }
}

/// Sort key `index` of item `item` in the bibliography.
fn sort_value_of(
    run: &Run,
    section: &Section,
    item: usize,
    index: usize,
) -> Option<sort::SortValue> {
    let cite = CiteState {
        citation_number: Some(run.numbers[item]),
        ..CiteState::default()
    };
    let processor = run.processor;
    let key = sort::KeyInput {
        collator: processor.collator(),
        style: &processor.style,
        locale: &processor.locale,
        item: run.items[item],
        section,
        cite: &cite,
        tree: run.tree_of(item),
    };
    sort::sort_value_sharing(&key, index, Some(run.answers_of(item)))
}

impl<'p, 'i> Run<'p, 'i> {
    pub fn new(processor: &'p Processor, items: &[&'i dyn CslItem], clusters: &[Cluster]) -> Self {
        let index: FastMap<&'i str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id(), i))
            .collect();
        let mut order: Vec<usize> = Vec::with_capacity(items.len());
        let mut seen = vec![false; items.len()];
        let cited = clusters.iter().flat_map(|c| c.cites.iter());
        for cite in cited {
            if let Some(&i) = index.get(cite.id.as_str()) {
                if !seen[i] {
                    seen[i] = true;
                    order.push(i);
                }
            }
        }
        for (i, was_seen) in seen.iter().enumerate() {
            if !was_seen {
                order.push(i);
            }
        }
        let mut numbers = vec![0; items.len()];
        for (rank, i) in order.iter().enumerate() {
            numbers[*i] = rank + 1;
        }
        let mut run = Run {
            processor,
            items: items.to_vec(),
            numbers,
            bib_order: order,
            disambiguation: vec![Disambiguated::default(); items.len()],
            warnings: Vec::new(),
            index,
            uses_positions: processor.style.uses_positions,
            variable_answers: (0..items.len())
                .map(|_| eval::SharedAnswers::default())
                .collect(),
            trees: Vec::new(),
            tree_slots: Vec::new(),
        };
        run.decide_trees();
        run.sort_bibliography();
        run
    }

    /// Builds the style's trees for the items: one per kind of item (see
    /// [`ItemFacts`]), up to [`MAX_TREES`]; items beyond share a tree per type.
    fn decide_trees(&mut self) {
        let style = &self.processor.style;
        let tested = Tested::of(style);
        let mut slot_of: FastMap<ItemFacts, u32> = FastMap::default();
        let mut trees: Vec<Tree> = Vec::new();
        let mut tree_slots = Vec::with_capacity(self.items.len());
        for item in &self.items {
            let type_id = style.type_id(item.item_type());
            let mut facts = tested.answers(*item, type_id);
            if trees.len() >= MAX_TREES && !slot_of.contains_key(&facts) {
                facts.answers = None;
            }
            let slot = *slot_of.entry(facts).or_insert_with(|| {
                trees.push(Tree::for_item(style, &self.processor.locale, &facts));
                // at most MAX_TREES plus one per type: far below u32::MAX
                (trees.len() - 1) as u32
            });
            tree_slots.push(slot);
        }
        self.trees = trees;
        self.tree_slots = tree_slots;
    }

    /// The style's trees for item `index`.
    pub(crate) fn tree_of(&self, index: usize) -> Option<&Tree> {
        let slot = *self.tree_slots.get(index)?;
        self.trees.get(slot as usize)
    }

    /// The elements `section`'s layout renders for item `index`: from the
    /// tree of the item's type when `section` is one of the style's own.
    fn layout_elements<'s>(&'s self, index: usize, section: &'s Section) -> &'s [Element] {
        let style = &self.processor.style;
        let is = |own: &Option<Section>| own.as_ref().is_some_and(|s| std::ptr::eq(s, section));
        match self.tree_of(index) {
            Some(tree) if is(&style.citation) => &tree.citation,
            Some(tree) if is(&style.bibliography) => &tree.bibliography,
            _ => &section.layout.elements,
        }
    }

    /// The variable answers kept for item `index`.
    fn answers_of(&self, index: usize) -> &eval::SharedAnswers {
        &self.variable_answers[index]
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    fn sort_bibliography(&mut self) {
        let style = &self.processor.style;
        let Some(section) = style.bibliography.as_ref().filter(|s| !s.sort.is_empty()) else {
            return;
        };
        let mut order = self.bib_order.clone();
        sort_by_keys(self, section, &mut order);
        let uses_number = section.sort.iter().any(|k| {
            matches!(&k.source, SortKeySource::Variable(Variable::CitationNumber))
                || matches!(&k.source, SortKeySource::Macro(m) if macro_uses_number(style, *m))
        });
        if !uses_number {
            for (rank, i) in order.iter().enumerate() {
                self.numbers[*i] = rank + 1;
            }
        }
        self.bib_order = order;
    }

    /// The state for rendering item `index` in a cite with `position`.
    pub fn state_for(&self, index: usize, position: &CiteState) -> CiteState {
        let base = &self.disambiguation[index];
        CiteState {
            citation_number: Some(self.numbers[index]),
            year_suffix: base.year_suffix,
            extra_names: base.extra_names,
            givenname_levels: base.givenname_levels.clone(),
            disambiguate: base.disambiguate,
            ..position.clone()
        }
    }

    /// Render a layout's elements for one item; its warnings go to `warnings`.
    /// Takes `&self` so that threads can render items side by side.
    pub fn render_item(
        &self,
        index: usize,
        section: &Section,
        cite: &CiteState,
        warnings: &mut Vec<Warning>,
    ) -> ItemRender {
        let style = &self.processor.style;
        let walk = Walk::default();
        let mut ctx = Context::new(
            style,
            &self.processor.locale,
            self.items[index],
            section,
            cite,
            &walk,
        );
        ctx.share_answers(self.answers_of(index));
        if let Some(tree) = self.tree_of(index) {
            ctx.use_tree(tree);
        }
        let parts = eval::render_elements(&ctx, self.layout_elements(index, section));
        drop(ctx);
        warnings.extend(walk.into_warnings());
        ItemRender { parts }
    }

    /// `work` for every element of `inputs`, split over the processor's
    /// threads; results in input order, warnings appended to the run's in order.
    pub fn par_map<T: Sync, R: Send>(
        &mut self,
        inputs: &[T],
        work: impl Fn(&Run<'p, 'i>, &T, &mut Vec<Warning>) -> R + Sync,
    ) -> Vec<R> {
        let run: &Run<'p, 'i> = self;
        let (out, warnings) =
            crate::parallel::map(run.processor.threads(), inputs, |x, w| work(run, x, w));
        self.warnings.extend(warnings);
        out
    }
}

/// What disambiguation decided for one item: the parts of a [`CiteState`]
/// it sets, kept per item for the whole run (a whole cite state per item
/// cost several hundred bytes each).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Disambiguated {
    pub year_suffix: Option<usize>,
    /// Names shown beyond et-al-use-first (add-names).
    pub extra_names: Option<usize>,
    /// Given-name expansion per name position: 1 = initials, 2 = full.
    pub givenname_levels: Vec<u8>,
    /// How many `disambiguate="true"` tests hold (see [`CiteState`]).
    pub disambiguate: usize,
}

/// One item rendered by a layout: the outputs of the layout's elements.
/// What they hold (its author, whether it opens with a term …) is read
/// from their tags.
pub(crate) struct ItemRender {
    pub parts: Vec<Inline>,
}

impl ItemRender {
    /// The item's author: the first names output (see
    /// [`Inline::first_names`]), as plain text, and what names it.
    pub fn author(&self) -> Option<(String, Author)> {
        self.parts.iter().find_map(author_of)
    }

    /// Whether the output opens with a term (see [`Inline::opens_with_term`]).
    pub fn opens_with_term(&self) -> bool {
        crate::output::tag::opens_with_term(&self.parts)
    }
}

/// The author of a rendered cite (its first names output) as plain text,
/// with the element that rendered it and the variables a `cs:substitute`
/// used for it (inside the names output or around it).
pub(crate) fn author_of(node: &Inline) -> Option<(String, Author)> {
    use std::ops::ControlFlow;
    // the substituted variables around the node being visited
    fn visit(node: &Inline, around: &mut Vec<Variable>) -> Option<(String, Author)> {
        match node {
            Inline::Tagged(Tag::Names(names), children) => {
                let mut substituted = around.clone();
                for child in children {
                    let _ = child.visit_tags(&mut |tag, _| {
                        if let Tag::Substituted(id) = tag {
                            substituted.push(id);
                        }
                        ControlFlow::Continue(())
                    });
                }
                let author = Author {
                    element: names.element,
                    substituted,
                };
                Some((crate::output::tag::plain_text_of(children), author))
            }
            Inline::Tagged(Tag::Substituted(id), children) => {
                around.push(*id);
                let found = children.iter().find_map(|c| visit(c, around));
                around.pop();
                found
            }
            Inline::Text(_) => None,
            Inline::Tagged(_, children)
            | Inline::Formatted(_, children)
            | Inline::Markup(_, children)
            | Inline::Display(_, children)
            | Inline::NoCase(children)
            | Inline::Quoted { children, .. } => children.iter().find_map(|c| visit(c, around)),
        }
    }
    visit(node, &mut Vec::new())
}

impl Run<'_, '_> {
    /// Parse cite affix text (which may hold markup) for item `index`.
    pub fn rich_text(&self, index: usize, text: &str) -> Vec<Inline> {
        let Some(section) = self.processor.style.citation.as_ref() else {
            return vec![Inline::Text(text.into())];
        };
        let cite = CiteState::default();
        let walk = Walk::default();
        let ctx = Context::new(
            &self.processor.style,
            &self.processor.locale,
            self.items[index],
            section,
            &cite,
            &walk,
        );
        let mut nodes = eval::case::parse_rich_text(&ctx, text);
        // quotes typed in an affix keep the punctuation that follows outside
        keep_punctuation_outside(&mut nodes);
        nodes
    }
}

fn keep_punctuation_outside(nodes: &mut [Inline]) {
    for node in nodes {
        match node {
            Inline::Quoted { marks, children } => {
                marks.punctuation_inside = false;
                keep_punctuation_outside(children);
            }
            Inline::Formatted(_, children)
            | Inline::Markup(_, children)
            | Inline::Display(_, children)
            | Inline::NoCase(children)
            | Inline::Tagged(_, children) => keep_punctuation_outside(children),
            Inline::Text(_) => {}
        }
    }
}

fn macro_uses_number(style: &Style, index: usize) -> bool {
    fn walk(elements: &[Element]) -> bool {
        elements.iter().any(|e| match e {
            Element::Text(t) => {
                matches!(
                    &t.source,
                    TextSource::Variable {
                        name: Variable::CitationNumber,
                        ..
                    }
                )
            }
            Element::Group(g) => walk(&g.children),
            Element::Choose(c) => {
                c.branches.iter().any(|b| walk(&b.children)) || walk(&c.otherwise)
            }
            // kaynak multilingual extension
            #[cfg(feature = "multilingual")]
            Element::Ext(ext) => walk(std::slice::from_ref(&ext.element)),
            _ => false,
        })
    }
    style
        .macros
        .get(index)
        .map(|m| walk(&m.elements))
        .unwrap_or(false)
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn the_per_item_disambiguation_state_stays_small() {
        // one per item of a run: at a million items every byte is a megabyte
        assert!(std::mem::size_of::<Disambiguated>() <= 64);
        assert!(std::mem::size_of::<Disambiguated>() * 4 < std::mem::size_of::<CiteState>());
    }
}
