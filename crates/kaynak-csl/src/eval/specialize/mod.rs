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

mod outcome;

use super::{item_is_numeric, type_found};
use crate::item::CslItem;
use crate::locale::LocaleChain;
use crate::model::*;
use crate::style::Style;
use outcome::Outcome;

/// The item tests a style's conditions make, as sets of variables by
/// [`Variable::index`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tested(Sets);

/// Variables as bits by [`Variable::index`], one set per kind of question
/// about the item: which the style asks ([`Tested`]), and which hold for an
/// item ([`Answers`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Sets {
    /// `variable=` tests of item variables.
    present: u128,
    /// `is-numeric=` tests of item variables.
    numeric: u128,
    /// `is-uncertain-date=` tests.
    uncertain: u128,
    /// Item variables a text or number prints (with their short forms).
    text: u128,
    /// Date variables a date prints.
    dates: u128,
    /// Name variables a names element prints.
    names: u128,
}

/// An item's answers to [`Tested`]: of each set asked, the variables that
/// hold for the item.
pub(crate) type Answers = Sets;

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
                Element::Names(names) => {
                    tested.0.names |= names.variables.iter().fold(0, |set, v| set | bit(*v));
                    stack.extend(names.substitute.iter().flatten())
                }
                Element::Text(Text {
                    source: TextSource::Variable { name, form },
                    ..
                }) => tested.add_text(*name, *form),
                Element::Number(number) => tested.add_text(number.variable, TermForm::Long),
                Element::Date(date) => tested.0.dates |= bit(date.variable),
                // kaynak multilingual extension
                #[cfg(feature = "multilingual")]
                Element::Ext(ext) => stack.push(&ext.element),
                _ => {}
            }
        }
        tested
    }

    fn add_text(&mut self, variable: Variable, form: TermForm) {
        if !outcome::is_item_text(variable) {
            return;
        }
        self.0.text |= bit(variable);
        if let Some(short) = variable.short_form().filter(|_| form == TermForm::Short) {
            self.0.text |= bit(short);
        }
    }

    fn add(&mut self, condition: &Condition) {
        if condition.disambiguate.is_some() {
            // left as it is: its tests are not decided
            return;
        }
        let variables = condition.variables.iter().filter(|v| present_is_item(**v));
        self.0.present |= variables.fold(0, |set, v| set | bit(*v));
        let numeric = condition.is_numeric.iter().filter(|v| numeric_is_item(**v));
        self.0.numeric |= numeric.fold(0, |set, v| set | bit(*v));
        self.0.uncertain |= condition
            .is_uncertain_date
            .iter()
            .fold(0, |set, v| set | bit(*v));
    }

    /// How `item`, whose type has id `type_id`, answers these tests.
    pub(crate) fn answers(&self, item: &dyn CslItem, type_id: Option<u16>) -> ItemFacts {
        // a variable the item can't have answers no to every test
        let held = item.held_variables().unwrap_or(u128::MAX);
        ItemFacts {
            type_id,
            answers: Some(Answers {
                present: holding(self.0.present & held, |v| item.has_variable(v)),
                numeric: holding(self.0.numeric & held, |v| item_is_numeric(item, v)),
                uncertain: holding(self.0.uncertain & held, |v| {
                    item.date(v).is_some_and(|date| date.circa)
                }),
                text: holding(self.0.text & held, |v| item.variable(v).is_some()),
                dates: holding(self.0.dates & held, |v| {
                    item.date(v).is_some_and(|d| d.is_given())
                }),
                names: holding(self.0.names & held, |v| item.names(v).is_some()),
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
    /// `style`'s trees for items with `facts`; `locale` tells which terms
    /// are defined (a missing one warns where it renders).
    pub(crate) fn for_item(style: &Style, locale: &LocaleChain, facts: &ItemFacts) -> Tree {
        #[cfg(feature = "multilingual")]
        let lexical = style.ext.active;
        #[cfg(not(feature = "multilingual"))]
        let lexical = false;
        let mut decider = Decider {
            style,
            locale,
            facts,
            macros: vec![None; style.macros.len()],
            // the extension's settings are lexical (a macro's own settings
            // apply to what it renders, so its elements stay inside it),
            // and it may render a variable the item lacks in another form
            inline: !lexical,
            prune: !lexical && facts.answers.is_some(),
        };
        let mut layout = |section: &Option<Section>| {
            section
                .as_ref()
                .map(|s| decider.elements(&s.layout.elements).0)
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
                .map(|m| m.map(|(elements, _)| elements).unwrap_or_default())
                .collect(),
            citation,
            bibliography,
        }
    }
}

/// Decides elements for one item's facts, and the macros they reach.
struct Decider<'f> {
    style: &'f Style,
    locale: &'f LocaleChain,
    facts: &'f ItemFacts,
    /// Each macro's decided elements and what its output may do as a
    /// whole, once a decided element calls it.
    macros: Vec<Option<(Vec<Element>, Outcome)>>,
    /// Whether a plain macro or group around one element may give way to it.
    inline: bool,
    /// Whether elements that render nothing for the item are left out
    /// (see [`outcome`]).
    prune: bool,
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

/// One absent variable: what an element that surely calls a variable and
/// renders nothing leaves behind for the groups around it.
fn absent_variable() -> Element {
    Element::Text(Text {
        source: TextSource::UnknownVariable(String::new()),
        rendering: Rendering::default(),
    })
}

impl Decider<'_> {
    /// Macro `index` decided (once; the style reader has ruled out loops
    /// and bounded how deep macros call macros), with what it may do.
    fn macro_body(&mut self, index: usize) -> (&[Element], Outcome) {
        if self.macros.get(index).is_some_and(Option::is_none) {
            // marked first: a call met while deciding it finds it begun
            self.macros[index] = Some((Vec::new(), Outcome::UNKNOWN));
            let style = self.style;
            let decided = match style.macros.get(index) {
                Some(m) => self.elements(&m.elements),
                None => (Vec::new(), Outcome::NONE),
            };
            self.macros[index] = Some(decided);
        }
        match self.macros.get(index).and_then(Option::as_ref) {
            Some((elements, outcome)) => (elements, *outcome),
            None => (&[], Outcome::UNKNOWN),
        }
    }

    /// `list`, a list whose outputs are its parent's parts (a layout, a
    /// macro, a group, a branch), decided, with what it may do as a whole.
    /// A `cs:choose` left with no test is replaced by the elements it
    /// renders: a chosen branch renders straight into its parent's parts,
    /// so this is the same output, one level less. An element that renders
    /// nothing for the item is left out, or stands as one absent variable.
    /// The recursion follows the style's nesting, which the style reader
    /// bounds.
    fn elements(&mut self, list: &[Element]) -> (Vec<Element>, Outcome) {
        let mut out = Vec::with_capacity(list.len());
        let mut all = Outcome::NONE;
        for element in list {
            let (decided, outcome) = self.element(element);
            all = all.then(outcome);
            match decided {
                _ if self.prune && outcome.is_idle() => {
                    if outcome.calls == outcome::Calls::Always {
                        out.push(absent_variable());
                    }
                }
                Element::Choose(choose) if choose.branches.is_empty() => {
                    out.extend(choose.otherwise)
                }
                other => out.push(other),
            }
        }
        (out, all)
    }

    /// `list` decided element by element, each kept as one: a
    /// `cs:substitute` takes the first of its elements that renders, so a
    /// choose there stays one element. Returns what the substitution may
    /// do: print what one of them prints.
    fn each(&mut self, list: &[Element]) -> (Vec<Element>, Outcome) {
        let mut all = Outcome::NONE;
        let decided = list
            .iter()
            .map(|e| {
                let (decided, outcome) = self.element(e);
                all = all.then(outcome);
                decided
            })
            .collect();
        (decided, all)
    }

    fn element(&mut self, element: &Element) -> (Element, Outcome) {
        match element {
            Element::Choose(choose) => self.choose(choose),
            Element::Group(group) => {
                let (mut children, outcome) = self.elements(&group.children);
                let outcome = outcome.grouped();
                if self.inline && is_plain(&group.rendering) && children.len() == 1 {
                    if let Some(only) = children.pop_if(|only| counts_itself(only)) {
                        return (only, outcome);
                    }
                }
                let group = Group {
                    children,
                    delimiter: group.delimiter.clone(),
                    rendering: group.rendering.clone(),
                };
                (Element::Group(group), outcome)
            }
            Element::Names(names) => {
                let mut names = names.clone();
                let mut substituted = None;
                if let Some(substitute) = names.substitute.as_mut() {
                    let (decided, outcome) = self.each(substitute);
                    *substitute = decided;
                    substituted = Some(outcome);
                }
                let outcome = self.names_outcome(&names.variables, substituted);
                (Element::Names(names), outcome)
            }
            Element::Text(text) => {
                if let TextSource::Macro(index) = text.source {
                    let plain = self.inline && is_plain(&text.rendering);
                    let (body, outcome) = self.macro_body(index);
                    let outcome = outcome.grouped();
                    if let [only] = body {
                        if plain && counts_itself(only) {
                            return (only.clone(), outcome);
                        }
                    }
                    return (Element::Text(text.clone()), outcome);
                }
                (Element::Text(text.clone()), self.text_outcome(text))
            }
            Element::Number(number) => {
                let outcome = self.variable_outcome(number.variable, TermForm::Long);
                (Element::Number(number.clone()), outcome)
            }
            Element::Date(date) => {
                let outcome = match self.facts.answers.as_ref() {
                    Some(answers) if !holds(answers.dates, date.variable) => Outcome::ABSENT,
                    _ => Outcome::PRESENT,
                };
                (Element::Date(date.clone()), outcome)
            }
            Element::Label(label) => (Element::Label(label.clone()), Outcome::TEXT),
            // kaynak multilingual extension
            #[cfg(feature = "multilingual")]
            Element::Ext(ext) => {
                let (element, _) = self.element(&ext.element);
                let ext = ext::ElementExt {
                    settings: ext.settings.clone(),
                    element,
                };
                (Element::Ext(Box::new(ext)), Outcome::UNKNOWN)
            }
        }
    }

    /// What a `cs:text` of a variable, a value or a term may do.
    fn text_outcome(&self, text: &Text) -> Outcome {
        match &text.source {
            TextSource::Variable { name, form } => self.variable_outcome(*name, *form),
            TextSource::UnknownVariable(_) => Outcome::ABSENT,
            TextSource::Term { name, form, plural } => Outcome {
                // a term the locale lacks warns where it renders
                effect: self.locale.term_text(name, *form, *plural).is_none(),
                ..Outcome::TEXT
            },
            TextSource::Value(_) => Outcome::TEXT,
            TextSource::Macro(_) => Outcome::UNKNOWN,
        }
    }

    /// What the text of `variable` in `form` may do for the item.
    fn variable_outcome(&self, variable: Variable, form: TermForm) -> Outcome {
        let Some(answers) = self.facts.answers.as_ref() else {
            return Outcome::PRESENT;
        };
        if variable == Variable::YearSuffix {
            // counts a call only when there is one
            return Outcome {
                calls: outcome::Calls::Maybe,
                ..Outcome::PRESENT
            };
        }
        if !outcome::is_item_text(variable) {
            return Outcome::PRESENT;
        }
        let short = match form {
            TermForm::Short => variable
                .short_form()
                .is_some_and(|s| holds(answers.text, s)),
            _ => false,
        };
        match holds(answers.text, variable) || short {
            true => Outcome::PRESENT,
            false => Outcome::ABSENT,
        }
    }

    /// What a `cs:names` of `variables` may do, with what its substitute may.
    fn names_outcome(&self, variables: &[Variable], substitute: Option<Outcome>) -> Outcome {
        let Some(answers) = self.facts.answers.as_ref() else {
            return Outcome::PRESENT;
        };
        if variables.iter().any(|v| holds(answers.names, *v)) {
            return Outcome::PRESENT;
        }
        // no names: it counts a call, and renders what its substitute does
        match substitute {
            None => Outcome::ABSENT,
            Some(outcome) => Outcome {
                output: outcome.output,
                rendered: outcome.output,
                calls: outcome::Calls::Always,
                effect: outcome.effect,
            },
        }
    }

    /// `choose` with the branches that can't hold left out, and the first
    /// one that must hold as its `cs:else`; what it may do is what any
    /// branch left may do.
    fn choose(&mut self, choose: &Choose) -> (Element, Outcome) {
        let mut branches = Vec::new();
        // what the branches left may do, whichever renders
        let mut tested: Option<Outcome> = None;
        let mut otherwise = &choose.otherwise;
        for branch in &choose.branches {
            match decide(&branch.condition, self.facts) {
                Decided::Always(false) => {}
                Decided::Always(true) => {
                    otherwise = &branch.children;
                    break;
                }
                Decided::Test(condition) => {
                    let (children, o) = self.elements(&branch.children);
                    tested = Some(tested.map_or(o, |all| all.or(o)));
                    branches.push(Branch {
                        condition: *condition,
                        children,
                    });
                }
            }
        }
        let (otherwise, last) = self.elements(otherwise);
        let outcome = tested.map_or(last, |all| all.or(last));
        let effect = outcome.effect || has_effect(&branches);
        let chosen = Choose {
            branches,
            otherwise,
        };
        (Element::Choose(chosen), Outcome { effect, ..outcome })
    }
}

/// Whether asking these branches' conditions has an effect: a
/// `disambiguate` test counts as it is asked.
fn has_effect(branches: &[Branch]) -> bool {
    branches.iter().any(|b| b.condition.disambiguate.is_some())
}

fn holds(set: u128, variable: Variable) -> bool {
    set & bit(variable) != 0
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
        found = found
            || condition
                .variables
                .iter()
                .any(|v| present_is_item(*v) && holds(answers.present, *v) == decisive)
            || condition
                .is_numeric
                .iter()
                .any(|v| numeric_is_item(*v) && holds(answers.numeric, *v) == decisive)
            || condition
                .is_uncertain_date
                .iter()
                .any(|v| holds(answers.uncertain, *v) == decisive);
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
mod tests;
