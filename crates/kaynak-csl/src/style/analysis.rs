//! What a style's elements imply as a whole, worked out once after reading:
//!
//! * how deep the XML nests, and how deep rendering elements nest with
//!   macros expanded: both are bounded ([`MAX_DEPTH`]), so that reading
//!   and evaluating a style can never overflow the stack — a style past the
//!   limit is an error at the element where it is crossed;
//! * whether a macro calls itself (an error);
//! * whether citations render `citation-number` (a numeric style).
//!
//! Every walk over the XML or over the macro graph here is iterative; the
//! walks over one macro's element tree recurse only as deep as the XML,
//! which is bounded first.

use super::Style;
use crate::model::*;
use crate::xml::{elements, Reader};
use roxmltree::Node;

/// The deepest nesting allowed, counted in rendering elements (macros
/// expanded) and, with a little room for the structure around them
/// (`style`, `citation`, `layout`, `names`, `substitute` …), in XML elements.
/// Official styles nest at most a few dozen levels deep.
pub const MAX_DEPTH: usize = 200;

/// XML elements that are not rendering elements but contain them.
const XML_ROOM: usize = 8;

/// An error at the first element nested deeper than the limit; `false` then.
pub(super) fn check_xml_depth(reader: &mut Reader, root: Node) -> bool {
    // (node, depth) pairs still to visit
    let mut stack = vec![(root, 1usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH + XML_ROOM {
            reader.error(
                node,
                format!(
                    "<{}> is nested more than {} elements deep",
                    node.tag_name().name(),
                    MAX_DEPTH + XML_ROOM
                ),
            );
            return false;
        }
        stack.extend(elements(node).map(|child| (child, depth + 1)));
    }
    true
}

/// Which variables some elements render, by [`Variable::index`].
type Rendered = [bool; Variable::COUNT];

/// Checks the macro graph and the nesting depth, and sets whether the
/// style is numeric. Errors go to `reader`, located at
/// `root`'s macro elements.
pub(super) fn analyse(style: &mut Style, reader: &mut Reader, root: Node) {
    let calls: Vec<Vec<usize>> = style
        .macros
        .iter()
        .map(|m| {
            let mut calls = Vec::new();
            collect_calls(&m.elements, &mut calls);
            calls
        })
        .collect();
    let order = match callees_first(&calls) {
        Ok(order) => order,
        Err(cycle) => {
            let name = style.macros.get(cycle).map_or("", |m| m.name.as_str());
            reader.error(
                macro_node(root, name),
                format!("macro `{name}` calls itself"),
            );
            return;
        }
    };
    // per macro: how deep its elements nest
    let mut depth = vec![0usize; style.macros.len()];
    for index in order {
        depth[index] = nesting(&style.macros[index].elements, &depth);
        if depth[index] > MAX_DEPTH {
            let name = &style.macros[index].name;
            reader.error(
                macro_node(root, name),
                format!(
                    "macro `{name}` nests elements more than {MAX_DEPTH} deep (macros it calls included)"
                ),
            );
            return;
        }
    }
    for section in [&style.citation, &style.bibliography].into_iter().flatten() {
        if nesting(&section.layout.elements, &depth) > MAX_DEPTH {
            reader.error(
                root,
                format!("the layout nests elements more than {MAX_DEPTH} deep (macros included)"),
            );
            return;
        }
    }
    if let Some(citation) = &style.citation {
        let mut cited: Rendered = [false; Variable::COUNT];
        collect_variables(&citation.layout.elements, &mut cited);
        let mut called = Vec::new();
        collect_calls(&citation.layout.elements, &mut called);
        // the macros the layout calls, and those they call, each once
        let mut seen = vec![false; style.macros.len()];
        while let Some(index) = called.pop() {
            if let Some(m) = style.macros.get(index).filter(|_| !seen[index]) {
                seen[index] = true;
                collect_variables(&m.elements, &mut cited);
                collect_calls(&m.elements, &mut called);
            }
        }
        style.numeric = cited[Variable::CitationNumber.index()];
    }
}

/// The `<macro name=…>` element, for locating an error.
fn macro_node<'a, 'i>(root: Node<'a, 'i>, name: &str) -> Node<'a, 'i> {
    elements(root)
        .find(|n| n.tag_name().name() == "macro" && n.attribute("name") == Some(name))
        .unwrap_or(root)
}

/// The macros in an order where each comes after every macro it calls, or
/// a macro on a cycle.
fn callees_first(calls: &[Vec<usize>]) -> Result<Vec<usize>, usize> {
    // 0 = unvisited, 1 = on the path, 2 = done
    let mut state = vec![0u8; calls.len()];
    let mut order = Vec::with_capacity(calls.len());
    for start in 0..calls.len() {
        if state[start] != 0 {
            continue;
        }
        // the path: (macro, how many of its calls are followed already)
        let mut path = vec![(start, 0usize)];
        state[start] = 1;
        while let Some(&mut (current, ref mut next)) = path.last_mut() {
            match calls[current].get(*next) {
                Some(&callee) => {
                    *next += 1;
                    match state.get(callee) {
                        Some(0) => {
                            state[callee] = 1;
                            path.push((callee, 0));
                        }
                        Some(1) => return Err(callee),
                        _ => {}
                    }
                }
                None => {
                    state[current] = 2;
                    order.push(current);
                    path.pop();
                }
            }
        }
    }
    Ok(order)
}

/// The macros `elements` call, directly.
fn collect_calls(elements: &[Element], calls: &mut Vec<usize>) {
    for element in elements {
        match element {
            Element::Text(Text {
                source: TextSource::Macro(index),
                ..
            }) => calls.push(*index),
            Element::Group(group) => collect_calls(&group.children, calls),
            Element::Choose(choose) => {
                for branch in &choose.branches {
                    collect_calls(&branch.children, calls);
                }
                collect_calls(&choose.otherwise, calls);
            }
            Element::Names(names) => {
                if let Some(sub) = &names.substitute {
                    collect_calls(sub, calls);
                }
            }
            // kaynak multilingual extension
            #[cfg(feature = "multilingual")]
            Element::Ext(ext) => collect_calls(std::slice::from_ref(&ext.element), calls),
            _ => {}
        }
    }
}

/// How deep `elements` nest, the macros they call counted at the depth
/// `depth` gives them.
fn nesting(elements: &[Element], depth: &[usize]) -> usize {
    elements
        .iter()
        .map(|element| nesting_one(element, depth))
        .max()
        .unwrap_or(0)
}

fn nesting_one(element: &Element, depth: &[usize]) -> usize {
    let inner = match element {
        Element::Text(Text {
            source: TextSource::Macro(index),
            ..
        }) => depth.get(*index).copied().unwrap_or(0),
        Element::Group(group) => nesting(&group.children, depth),
        Element::Choose(choose) => choose
            .branches
            .iter()
            .map(|branch| nesting(&branch.children, depth))
            .max()
            .unwrap_or(0)
            .max(nesting(&choose.otherwise, depth)),
        Element::Names(names) => names
            .substitute
            .as_ref()
            .map_or(0, |sub| nesting(sub, depth)),
        // kaynak multilingual extension: the wrapped element, one level down
        #[cfg(feature = "multilingual")]
        Element::Ext(ext) => nesting_one(&ext.element, depth),
        _ => 0,
    };
    inner + 1
}

/// Marks every variable `elements` render in `ids`.
fn collect_variables(elements: &[Element], ids: &mut Rendered) {
    for element in elements {
        let mut add = |variable: Variable| ids[variable.index()] = true;
        match element {
            Element::Text(Text {
                source: TextSource::Variable { name, .. },
                ..
            }) => add(*name),
            Element::Number(number) => add(number.variable),
            Element::Label(label) => label.variable.into_iter().for_each(add),
            Element::Date(date) => add(date.variable),
            Element::Names(names) => {
                names.variables.iter().copied().for_each(add);
                if let Some(sub) = &names.substitute {
                    collect_variables(sub, ids);
                }
            }
            Element::Group(group) => collect_variables(&group.children, ids),
            Element::Choose(choose) => {
                for branch in &choose.branches {
                    collect_variables(&branch.children, ids);
                }
                collect_variables(&choose.otherwise, ids);
            }
            // kaynak multilingual extension
            #[cfg(feature = "multilingual")]
            Element::Ext(ext) => collect_variables(std::slice::from_ref(&ext.element), ids),
            Element::Text(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macros_come_after_the_macros_they_call() {
        // 0 calls 1 and 2, 1 calls 2
        let calls = vec![vec![1, 2], vec![2], vec![]];
        assert_eq!(callees_first(&calls), Ok(vec![2, 1, 0]));
    }

    #[test]
    fn a_cycle_is_found_without_recursion() {
        // a chain of 100,000 macros whose last calls the first
        let n = 100_000;
        let calls: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        assert!(callees_first(&calls).is_err());
    }
}
