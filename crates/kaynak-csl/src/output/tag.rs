//! Tags on the output tree: what a part of the rendered output *is*.
//!
//! Evaluation renders each cite and bibliography entry into an [`Inline`]
//! tree. Most nodes only say how text looks (formatting, quotes, display);
//! an [`Inline::Tagged`] node also says what its children are:
//!
//! | tag | marks | read by |
//! |---|---|---|
//! | [`Tag::Item`] | one cite or entry (the item's index in the run) | the passes that take a rendered cite apart |
//! | [`Tag::Names`] | one rendered names list of a `cs:names` (names, delimiters, et-al; not the label), or the whole output of a `cs:names` that fell back to `cs:substitute` without names | collapsing and cite grouping (the "author"), `author-only`, `suppress-author`, subsequent-author-substitute, disambiguation |
//! | [`Tag::Name`] | one name of a list, with how much of the given name it shows (only where read: bibliographies with subsequent-author-substitute, and the cites disambiguation reads given names from) | subsequent-author-substitute rules, bibliography disambiguation |
//! | [`Tag::Date`] | one rendered `cs:date` | collapsing |
//! | [`Tag::YearSuffix`] | a year-suffix letter (a, b, …) | collapsing, the implicit year-suffix (once per cite) |
//! | [`Tag::Locator`] | the rendered `locator` of a cite | citation-number collapsing (a cite whose locator is not printed joins a range) |
//! | [`Tag::Term`] | a locale term from `cs:text term=…` | "a note that opens with a term" capitalisation |
//! | [`Tag::Substituted`] | the output of a variable rendered inside `cs:substitute` | suppression of substituted variables in the rest of the output |
//!
//! Tags are transparent to the backends: a tagged node renders as its
//! children. They carry small values only (a node stays five words); a
//! variable is a [`crate::Variable`].
//!
//! The facts the evaluation needs while it walks, such as which variables
//! a `cs:substitute` already used, are read from the tags of the output
//! rendered so far, not kept beside it.

use super::Inline;
use std::ops::ControlFlow;

/// What a tagged node holds; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// One cite or bibliography entry: the item's index in the run.
    Item(u32),
    /// One names list (or a `cs:names` output that came from `cs:substitute`).
    Names(NamesTag),
    /// One name of a names list.
    Name(NameTag),
    /// One rendered `cs:date`.
    Date,
    /// A year-suffix: its number (0 is "a").
    YearSuffix(u32),
    /// The cite's locator, as rendered.
    Locator,
    /// A locale term; `cased` when the element set its own text-case.
    /// A locale term.
    Term {
        /// The element set its own `text-case`.
        cased: bool,
    },
    /// The output of a variable rendered inside `cs:substitute`.
    Substituted(crate::variable::Variable),
}

/// What a [`Tag::Names`] node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamesTag {
    /// The `cs:names` element that rendered it, by its id in the style (for
    /// a list rendered inside `cs:substitute`, the element substituted for).
    pub element: u16,
    /// How many names the list has (shown or not), at most `u16::MAX`.
    pub count: u16,
    /// The node is everything a `cs:substitute` rendered, not a names list.
    pub substituted: bool,
}

/// What a [`Tag::Name`] node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameTag {
    /// The name's position in its list.
    pub index: u16,
    /// How much of the given name is shown.
    pub given: GivenShown,
}

/// How much of a given name a rendered name shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum GivenShown {
    /// The family name only.
    #[default]
    None,
    /// Initials.
    Initials,
    /// The given name in full.
    Full,
}

impl Inline {
    /// Calls `f` on every tagged node, in document order (a node before its
    /// children), until `f` breaks.
    pub fn visit_tags<'t>(
        &'t self,
        f: &mut impl FnMut(Tag, &'t [Inline]) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        match self {
            Inline::Text(_) => ControlFlow::Continue(()),
            Inline::Tagged(tag, children) => {
                f(*tag, children)?;
                children.iter().try_for_each(|c| c.visit_tags(f))
            }
            Inline::Formatted(_, children)
            | Inline::Markup(_, children)
            | Inline::Display(_, children)
            | Inline::NoCase(children)
            | Inline::Quoted { children, .. } => children.iter().try_for_each(|c| c.visit_tags(f)),
        }
    }

    /// The first tagged node (document order) whose tag `wanted` accepts.
    pub fn find_tag(&self, wanted: impl Fn(Tag) -> bool) -> Option<(Tag, &[Inline])> {
        let mut found = None;
        let _ = self.visit_tags(&mut |tag, children| {
            if wanted(tag) {
                found = Some((tag, children));
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        });
        found
    }

    /// `children` under `tag`. A single plain sequence gives its own list,
    /// so tagging adds no level to the tree.
    pub fn tagged(tag: Tag, children: Vec<Inline>) -> Inline {
        let mut children = children;
        if matches!(children.as_slice(), [Inline::Formatted(f, _)] if f.is_empty()) {
            if let Some(Inline::Formatted(_, inner)) = children.pop() {
                return Inline::Tagged(tag, inner);
            }
        }
        Inline::Tagged(tag, children)
    }

    /// `node` under `tag`; a plain sequence gives its own list.
    pub fn tag(tag: Tag, node: Inline) -> Inline {
        match node {
            Inline::Formatted(formatting, children) if formatting.is_empty() => {
                Inline::Tagged(tag, children)
            }
            other => Inline::Tagged(tag, vec![other]),
        }
    }

    /// The first names list (or substituted names output) of the tree.
    pub fn first_names(&self) -> Option<(NamesTag, &[Inline])> {
        match self.find_tag(|tag| matches!(tag, Tag::Names(_)))? {
            (Tag::Names(names), children) => Some((names, children)),
            _ => None,
        }
    }

    /// Whether the first text with a letter or digit lies inside a term
    /// whose element set no text-case of its own.
    pub fn opens_with_term(&self) -> bool {
        opens_with_term(std::slice::from_ref(self))
    }
}

/// [`Inline::opens_with_term`] for a list of nodes.
pub fn opens_with_term(nodes: &[Inline]) -> bool {
    fn first(node: &Inline, in_term: bool) -> Option<bool> {
        match node {
            Inline::Text(text) => text.chars().any(char::is_alphanumeric).then_some(in_term),
            Inline::Tagged(Tag::Term { cased }, children) => {
                children.iter().find_map(|c| first(c, !cased))
            }
            Inline::Quoted { marks, children } => {
                if marks.open.chars().any(char::is_alphanumeric) {
                    return Some(in_term);
                }
                children.iter().find_map(|c| first(c, in_term))
            }
            Inline::Tagged(_, children)
            | Inline::Formatted(_, children)
            | Inline::Markup(_, children)
            | Inline::Display(_, children)
            | Inline::NoCase(children) => children.iter().find_map(|c| first(c, in_term)),
        }
    }
    nodes.iter().find_map(|n| first(n, false)).unwrap_or(false)
}

/// The plain text of a list of nodes.
pub fn plain_text_of(nodes: &[Inline]) -> String {
    let mut out = String::with_capacity(nodes.iter().map(Inline::plain_len).sum());
    nodes.iter().for_each(|n| n.push_plain(&mut out));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_keeps_a_node_small() {
        assert!(std::mem::size_of::<Tag>() <= 8);
    }

    #[test]
    fn the_first_names_are_found_in_document_order() {
        let names = |element| {
            Tag::Names(NamesTag {
                element,
                count: 1,
                substituted: false,
            })
        };
        let tree = Inline::seq(vec![
            Inline::Text("(".into()),
            Inline::Tagged(names(3), vec![Inline::Text("Doe".into())]),
            Inline::Tagged(names(4), vec![Inline::Text("Roe".into())]),
        ]);
        let (tag, children) = tree.first_names().expect("a names tag");
        assert_eq!(tag.element, 3);
        assert_eq!(plain_text_of(children), "Doe");
    }

    #[test]
    fn a_cite_opens_with_a_term_only_at_its_first_letter() {
        let term = |cased| Inline::Tagged(Tag::Term { cased }, vec![Inline::Text("ibid.".into())]);
        let opening = Inline::seq(vec![Inline::Text("[".into()), term(false)]);
        assert!(opening.opens_with_term());
        let cased = Inline::seq(vec![term(true)]);
        assert!(!cased.opens_with_term());
        let later = Inline::seq(vec![Inline::Text("See ".into()), term(false)]);
        assert!(!later.opens_with_term());
    }
}
