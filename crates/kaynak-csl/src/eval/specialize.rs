//! A style's element trees with the conditions an item alone decides
//! already decided ([`Tree`]): a run renders each item with the tree made
//! for items like it ([`ItemFacts`]).
//!
//! Styles choose by the item again and again: the official Chicago style
//! has 789 conditions, and most test the item's type or whether it has a
//! variable. Each render asked them anew. The answers depend on the item
//! alone, and many items give the same answers. With them known, a test
//! that holds or fails decides its condition or drops out of it; a branch
//! that can't hold is left out, one that must hold ends its `cs:choose`,
//! and a choose left with no test is replaced by what it renders. What the
//! tree renders is what the style renders for an item with those answers.
//!
//! Tests of the cite (position, locator, `locator`, `citation-number`,
//! `first-reference-note-number` and `year-suffix` variables) and of the
//! item's language stay as they are. So does a condition with a
//! `disambiguate` test: that test counts as it is asked (see
//! `Context::disambiguate_test`), so it must be asked where the style asks it.

use super::{item_has, item_is_numeric, type_found};
use crate::item::CslItem;
use crate::model::*;
use crate::style::Style;

/// The item tests a style's conditions make, as sets of variables by
/// [`Variable::index`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tested {
    /// `variable=` tests of item variables.
    present: u128,
    /// `is-numeric=` tests of item variables.
    numeric: u128,
    /// `is-uncertain-date=` tests.
    uncertain: u128,
}

// every variable has a bit
const _: () = assert!(Variable::COUNT <= 128);

fn bit(variable: Variable) -> u128 {
    1u128 << variable.index()
}

/// Whether a `variable=` test of `variable` is answered by the item alone.
fn present_is_item(variable: Variable) -> bool {
    !matches!(
        variable,
        Variable::Locator
            | Variable::CitationNumber
            | Variable::FirstReferenceNoteNumber
            | Variable::YearSuffix
    )
}

/// Whether an `is-numeric=` test of `variable` is answered by the item alone.
fn numeric_is_item(variable: Variable) -> bool {
    !matches!(variable, Variable::Locator | Variable::CitationNumber)
}

impl Tested {
    /// The item tests of `style`'s conditions (those a tree may decide).
    pub(crate) fn of(style: &Style) -> Tested {
        let mut tested = Tested::default();
        // a stack, not recursion: the element tree comes from the user
        let mut stack: Vec<&Element> = style.macros.iter().flat_map(|m| &m.elements).collect();
        for section in [&style.citation, &style.bibliography].into_iter().flatten() {
            stack.extend(&section.layout.elements);
        }
        while let Some(element) = stack.pop() {
            match element {
                Element::Choose(choose) => {
                    for branch in &choose.branches {
                        tested.add(&branch.condition);
                        stack.extend(&branch.children);
                    }
                    stack.extend(&choose.otherwise);
                }
                Element::Group(group) => stack.extend(&group.children),
                Element::Names(names) => stack.extend(names.substitute.iter().flatten()),
                // kaynak multilingual extension
                #[cfg(feature = "multilingual")]
                Element::Ext(ext) => stack.push(&ext.element),
                _ => {}
            }
        }
        tested
    }

    fn add(&mut self, condition: &Condition) {
        if condition.disambiguate.is_some() {
            // left as it is: its tests are not decided
            return;
        }
        let variables = condition.variables.iter().filter(|v| present_is_item(**v));
        self.present |= variables.fold(0, |set, v| set | bit(*v));
        let numeric = condition.is_numeric.iter().filter(|v| numeric_is_item(**v));
        self.numeric |= numeric.fold(0, |set, v| set | bit(*v));
        self.uncertain |= condition
            .is_uncertain_date
            .iter()
            .fold(0, |set, v| set | bit(*v));
    }

    /// How `item`, whose type has id `type_id`, answers these tests.
    pub(crate) fn answers(&self, item: &dyn CslItem, type_id: Option<u16>) -> ItemFacts {
        ItemFacts {
            type_id,
            answers: Some(Answers {
                present: holding(self.present, |v| item_has(item, v)),
                numeric: holding(self.numeric, |v| item_is_numeric(item, v)),
                uncertain: holding(self.uncertain, |v| {
                    item.date(v).is_some_and(|date| date.circa)
                }),
            }),
        }
    }
}

/// The variables of `set` for which `test` holds.
fn holding(set: u128, test: impl Fn(Variable) -> bool) -> u128 {
    let mut rest = set;
    let mut found = 0;
    while rest != 0 {
        let index = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        if Variable::ALL.get(index).is_some_and(|v| test(*v)) {
            found |= 1u128 << index;
        }
    }
    found
}

/// What decides an item's conditions: its type, and (when known) how it
/// answers the style's item tests. Items with equal facts share a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ItemFacts {
    /// The type's id among the types the style tests (`None`: another type).
    pub type_id: Option<u16>,
    /// The answers to the item tests; `None`: the tree decides types only.
    pub answers: Option<Answers>,
}

/// An item's answers to [`Tested`]: the variables that hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Answers {
    present: u128,
    numeric: u128,
    uncertain: u128,
}

/// The macros' and layouts' elements for items with some [`ItemFacts`].
/// Macros keep their indexes, so a `cs:text macro=` reads its macro in the
/// tree as in the style. Only the macros the layouts and sort keys reach
/// are decided; the others are left empty, as nothing renders them.
#[derive(Debug, Default)]
pub struct Tree {
    /// Each macro's elements, by the macro's index in the style.
    pub macros: Vec<Vec<Element>>,
    /// The citation layout's elements.
    pub citation: Vec<Element>,
    /// The bibliography layout's elements.
    pub bibliography: Vec<Element>,
}

impl Tree {
    /// `style`'s trees for items with `facts`.
    pub(crate) fn for_item(style: &Style, facts: &ItemFacts) -> Tree {
        #[cfg(feature = "multilingual")]
        let lexical = style.ext.active;
        #[cfg(not(feature = "multilingual"))]
        let lexical = false;
        let mut decider = Decider {
            style,
            facts,
            macros: vec![None; style.macros.len()],
            // the extension's settings are lexical: a macro's own settings
            // apply to what it renders, so its elements stay inside it
            inline: !lexical,
        };
        let mut layout = |section: &Option<Section>| {
            section
                .as_ref()
                .map(|s| decider.elements(&s.layout.elements))
                .unwrap_or_default()
        };
        let citation = layout(&style.citation);
        let bibliography = layout(&style.bibliography);
        let keys = [&style.citation, &style.bibliography]
            .into_iter()
            .flatten()
            .flat_map(|s| &s.sort);
        for key in keys {
            if let SortKeySource::Macro(index) = key.source {
                decider.macro_body(index);
            }
        }
        Tree {
            macros: decider
                .macros
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect(),
            citation,
            bibliography,
        }
    }
}

/// Decides elements for one item's facts, and the macros they reach.
struct Decider<'f> {
    style: &'f Style,
    facts: &'f ItemFacts,
    /// Each macro's decided elements, once a decided element calls it.
    macros: Vec<Option<Vec<Element>>>,
    /// Whether a plain macro or group around one element may give way to it.
    inline: bool,
}

/// Whether `element` is one whose output always counts as a rendered
/// variable for the groups around it (a text, number or date of a variable,
/// or names): a plain group or macro around it alone renders exactly what
/// it renders, and counts for its own group as it does.
fn counts_itself(element: &Element) -> bool {
    match element {
        Element::Text(text) => matches!(
            text.source,
            TextSource::Variable { name, .. } if name != Variable::YearSuffix
        ),
        Element::Date(_) | Element::Number(_) | Element::Names(_) => true,
        _ => false,
    }
}

/// Whether `rendering` changes nothing of what it wraps.
fn is_plain(rendering: &Rendering) -> bool {
    let empty = |affix: &Option<String>| affix.as_deref().is_none_or(str::is_empty);
    rendering.formatting.is_empty()
        && empty(&rendering.prefix)
        && empty(&rendering.suffix)
        && rendering.display.is_none()
        && !rendering.quotes
        && !rendering.strip_periods
        && rendering.text_case.is_none()
}

impl Decider<'_> {
    /// Macro `index` decided (once; the style reader has ruled out loops
    /// and bounded how deep macros call macros).
    fn macro_body(&mut self, index: usize) -> &[Element] {
        if self.macros.get(index).is_some_and(Option::is_none) {
            // marked first: a call met while deciding it finds it begun
            self.macros[index] = Some(Vec::new());
            let style = self.style;
            let decided = style
                .macros
                .get(index)
                .map(|m| self.elements(&m.elements))
                .unwrap_or_default();
            self.macros[index] = Some(decided);
        }
        self.macros
            .get(index)
            .and_then(Option::as_deref)
            .unwrap_or_default()
    }

    /// `list`, a list whose outputs are its parent's parts (a layout, a
    /// macro, a group, a branch), decided. A `cs:choose` left with no test
    /// is replaced by the elements it renders: a chosen branch renders
    /// straight into its parent's parts, so this is the same output, one
    /// level less. The recursion follows the style's nesting, which the
    /// style reader bounds.
    fn elements(&mut self, list: &[Element]) -> Vec<Element> {
        let mut out = Vec::with_capacity(list.len());
        for element in list {
            match self.element(element) {
                Element::Choose(choose) if choose.branches.is_empty() => {
                    out.extend(choose.otherwise)
                }
                other => out.push(other),
            }
        }
        out
    }

    /// `list` decided element by element, each kept as one: a
    /// `cs:substitute` takes the first of its elements that renders, so a
    /// choose there stays one element.
    fn each(&mut self, list: &[Element]) -> Vec<Element> {
        list.iter().map(|e| self.element(e)).collect()
    }

    fn element(&mut self, element: &Element) -> Element {
        match element {
            Element::Choose(choose) => Element::Choose(self.choose(choose)),
            Element::Group(group) => {
                let mut children = self.elements(&group.children);
                if self.inline && is_plain(&group.rendering) && children.len() == 1 {
                    if let Some(only) = children.pop_if(|only| counts_itself(only)) {
                        return only;
                    }
                }
                Element::Group(Group {
                    children,
                    delimiter: group.delimiter.clone(),
                    rendering: group.rendering.clone(),
                })
            }
            Element::Names(names) => {
                let mut names = names.clone();
                if let Some(substitute) = names.substitute.as_mut() {
                    *substitute = self.each(substitute);
                }
                Element::Names(names)
            }
            Element::Text(text) => {
                if let TextSource::Macro(index) = text.source {
                    let plain = self.inline && is_plain(&text.rendering);
                    if let [only] = self.macro_body(index) {
                        if plain && counts_itself(only) {
                            return only.clone();
                        }
                    }
                }
                Element::Text(text.clone())
            }
            // kaynak multilingual extension
            #[cfg(feature = "multilingual")]
            Element::Ext(ext) => Element::Ext(Box::new(ext::ElementExt {
                settings: ext.settings.clone(),
                element: self.element(&ext.element),
            })),
            other => other.clone(),
        }
    }

    /// `choose` with the branches that can't hold left out, and the first
    /// one that must hold as its `cs:else`.
    fn choose(&mut self, choose: &Choose) -> Choose {
        let mut branches = Vec::new();
        for branch in &choose.branches {
            match decide(&branch.condition, self.facts) {
                Decided::Always(false) => {}
                Decided::Always(true) => {
                    return Choose {
                        branches,
                        otherwise: self.elements(&branch.children),
                    }
                }
                Decided::Test(condition) => branches.push(Branch {
                    condition: *condition,
                    children: self.elements(&branch.children),
                }),
            }
        }
        Choose {
            branches,
            otherwise: self.elements(&choose.otherwise),
        }
    }
}

/// A condition with its item tests decided.
enum Decided {
    /// It holds (or fails) for every item with the facts.
    Always(bool),
    /// The tests still to ask.
    Test(Box<Condition>),
}

/// `condition` for an item with `facts`. Every test is free of side effects
/// but `disambiguate` (whose conditions stay whole), so the order the
/// tests are asked in does not change the outcome.
fn decide(condition: &Condition, facts: &ItemFacts) -> Decided {
    if condition.disambiguate.is_some() {
        return Decided::Test(Box::new(condition.clone()));
    }
    let mode = condition.match_mode.unwrap_or(Match::All);
    // the test outcome that decides the condition (see `condition_holds`)
    let decisive = !matches!(mode, Match::All);
    let mut rest = Condition {
        types: Vec::new(),
        type_ids: Vec::new(),
        type_mask: None,
        unknown_variable: false,
        ..condition.clone()
    };
    // a test of a variable CSL does not define fails
    let mut found =
        type_found(condition, facts.type_id, decisive) || condition.unknown_variable && !decisive;
    if let Some(answers) = &facts.answers {
        let holds = |set: u128, v: &Variable| set & bit(*v) != 0;
        found = found
            || condition
                .variables
                .iter()
                .any(|v| present_is_item(*v) && holds(answers.present, v) == decisive)
            || condition
                .is_numeric
                .iter()
                .any(|v| numeric_is_item(*v) && holds(answers.numeric, v) == decisive)
            || condition
                .is_uncertain_date
                .iter()
                .any(|v| holds(answers.uncertain, v) == decisive);
        rest.variables.retain(|v| !present_is_item(*v));
        rest.is_numeric.retain(|v| !numeric_is_item(*v));
        rest.is_uncertain_date.clear();
    }
    if found {
        return Decided::Always(mode == Match::Any);
    }
    if asks_nothing(&rest) {
        // no test comes out decisive: `all` and `none` hold, `any` fails
        return Decided::Always(mode != Match::Any);
    }
    Decided::Test(Box::new(rest))
}

/// Whether `condition` has no test at all.
fn asks_nothing(condition: &Condition) -> bool {
    let none = condition.disambiguate.is_none()
        && condition.is_numeric.is_empty()
        && condition.is_uncertain_date.is_empty()
        && condition.locator.is_empty()
        && condition.position.is_empty()
        && condition.type_ids.is_empty()
        && condition.type_mask.is_none()
        && condition.variables.is_empty()
        && !condition.unknown_variable;
    #[cfg(feature = "multilingual")]
    let none = none && condition.ext_language.is_empty();
    none
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{render_elements, CiteState, Context, Walk};
    use crate::JsonItem;

    /// Conditions of every kind a tree decides or keeps, mixed: types,
    /// item variables, cite variables, is-numeric, uncertain dates,
    /// positions and a `disambiguate` test, in all three match modes.
    const STYLE: &str = r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title></info>
  <macro name="kind">
    <choose>
      <if type="book report" match="any"><text value="B"/></if>
      <else-if type="article-journal" variable="volume"><text value="AV"/></else-if>
      <else-if type="article-journal" variable="volume" match="none"><text value="N"/></else-if>
      <else-if type="chapter" disambiguate="true"><text value="D"/></else-if>
      <else><text value="E"/></else>
    </choose>
  </macro>
  <macro name="detail">
    <group delimiter="/">
      <choose>
        <if is-numeric="volume"><text variable="volume" prefix="v"/></if>
        <else-if variable="volume"><text value="textual"/></else-if>
      </choose>
      <choose>
        <if is-uncertain-date="issued"><text value="ca."/></if>
        <else-if disambiguate="true"><text value="dis"/></else-if>
      </choose>
      <choose>
        <if variable="locator page" match="all"><text variable="locator"/></if>
        <else-if variable="locator title" match="any"><text variable="title"/></else-if>
        <else-if position="subsequent" type="book"><text value="short"/></else-if>
      </choose>
      <choose>
        <if variable="edition" is-numeric="edition"><text variable="edition"/></if>
        <else-if match="none" variable="publisher" type="thesis"><text value="np"/></else-if>
      </choose>
      <names variable="author">
        <substitute>
          <choose><if type="book"><text value="anon"/></if></choose>
          <text variable="title"/>
        </substitute>
      </names>
    </group>
  </macro>
  <macro name="title-only">
    <text variable="title" font-style="italic"/>
  </macro>
  <macro name="edition-only">
    <group><text variable="edition"/></group>
  </macro>
  <macro name="wrapped">
    <group delimiter=" ">
      <text macro="title-only"/>
      <text macro="edition-only" prefix="(" suffix=")"/>
      <group><text variable="volume"/></group>
      <group><text variable="edition"/><group><text value="x"/></group></group>
      <group><text term="in"/><group><text variable="publisher"/></group></group>
      <group><names variable="author"/></group>
    </group>
  </macro>
  <citation>
    <layout delimiter="; ">
      <text macro="wrapped" suffix=": "/>
      <choose>
        <if position="first"><text macro="kind"/><text macro="detail" prefix=" "/></if>
        <else><text macro="kind" suffix="!"/><text macro="detail"/></else>
      </choose>
    </layout>
  </citation>
</style>"#;

    const ITEMS: &str = r#"[
      {"id":"a","type":"book","title":"T","volume":"3","author":[{"family":"F"}]},
      {"id":"b","type":"article-journal","title":"T","volume":"iii","page":"4"},
      {"id":"c","type":"article-journal","edition":"2","publisher":"P"},
      {"id":"d","type":"chapter","issued":{"date-parts":[[1990]],"circa":true}},
      {"id":"e","type":"thesis","title":"T","edition":"second"},
      {"id":"f","type":"report"},
      {"id":"g","type":"book"}
    ]"#;

    fn count_chooses(elements: &[Element]) -> usize {
        elements
            .iter()
            .map(|e| match e {
                Element::Choose(c) => {
                    1 + c
                        .branches
                        .iter()
                        .map(|b| count_chooses(&b.children))
                        .sum::<usize>()
                        + count_chooses(&c.otherwise)
                }
                Element::Group(g) => count_chooses(&g.children),
                Element::Names(n) => count_chooses(n.substitute.as_deref().unwrap_or(&[])),
                _ => 0,
            })
            .sum()
    }

    #[test]
    fn a_decided_tree_renders_what_the_style_renders() {
        let style = Style::parse(STYLE).expect("the test style parses");
        let processor =
            crate::processor_with_locale(style, Some("en-US"), &crate::embedded_locales);
        let (style, locale) = (&processor.style, &processor.locale);
        let section = style.citation.as_ref().expect("a citation");
        let items = JsonItem::parse_array(ITEMS).expect("test items");
        let tested = Tested::of(style);
        let mut decided_some = false;
        for item in &items {
            let type_id = style.type_id(item.item_type());
            let facts = tested.answers(item, type_id);
            let by_type = ItemFacts {
                answers: None,
                ..facts
            };
            for facts in [facts, by_type] {
                let tree = Tree::for_item(style, &facts);
                let before = count_chooses(&section.layout.elements)
                    + style
                        .macros
                        .iter()
                        .map(|m| count_chooses(&m.elements))
                        .sum::<usize>();
                let after = count_chooses(&tree.citation)
                    + tree.macros.iter().map(|m| count_chooses(m)).sum::<usize>();
                decided_some |= after < before;
                for position in [Position::First, Position::Subsequent] {
                    for locator in [None, Some("12".to_string())] {
                        for disambiguate in [0, 1, 2] {
                            let cite = CiteState {
                                position: Some(position),
                                locator: locator.clone(),
                                disambiguate,
                                ..CiteState::default()
                            };
                            let render = |tree: Option<&Tree>| {
                                let walk = Walk::default();
                                let mut ctx =
                                    Context::new(style, locale, item, section, &cite, &walk);
                                let elements = match tree {
                                    Some(tree) => {
                                        ctx.use_tree(tree);
                                        &tree.citation
                                    }
                                    None => &section.layout.elements,
                                };
                                format!("{:?}", render_elements(&ctx, elements))
                            };
                            assert_eq!(
                                render(Some(&tree)),
                                render(None),
                                "item {} at {position:?}, locator {locator:?}, \
                                 disambiguate {disambiguate}, decided {:?}",
                                item.id(),
                                facts.answers.is_some()
                            );
                        }
                    }
                }
            }
        }
        assert!(decided_some, "no tree decided a choose");
    }
}
