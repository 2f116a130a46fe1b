//! Reading a style document into the typed model.

use super::analysis;
use super::Style;
use crate::diagnostic::Diagnostic;
use crate::locale::read_locale;
use crate::model::*;
use crate::xml::{self, elements, Reader, NAME_ATTRS, RENDERING_ATTRS};
use roxmltree::Node;
use std::collections::HashMap;

struct StyleReader<'a, 'b, 'input> {
    reader: &'b mut Reader<'a, 'input>,
    macro_index: HashMap<String, usize>,
    /// How many `cs:names` elements were read (their ids).
    names_read: u16,
    /// The id of each item type a `type=` condition tests.
    type_ids: HashMap<String, u16>,
}

/// The XML namespace of CSL styles and locales.
const CSL_NAMESPACE: &str = "http://purl.org/net/xbiblio/csl";

pub fn parse_style(text: &str) -> Result<Style, Vec<Diagnostic>> {
    let doc = xml::parse_document(text)?;
    let mut reader = Reader::new(&doc);
    let root = doc.root_element();
    if !analysis::check_xml_depth(&mut reader, root) {
        return Err(reader.diagnostics);
    }
    if root.tag_name().name() != "style" {
        reader.error(root, "a style must have a <style> root".to_string());
        return Err(reader.diagnostics);
    }
    match root.tag_name().namespace() {
        Some(CSL_NAMESPACE) => {}
        Some(other) => {
            reader.error(
                root,
                format!(
                    "the <style> is in the XML namespace `{other}`, not CSL's `{CSL_NAMESPACE}`"
                ),
            );
            return Err(reader.diagnostics);
        }
        None => reader.warn(
            root,
            format!(
                "the <style> has no XML namespace; CSL styles declare xmlns=\"{CSL_NAMESPACE}\""
            ),
        ),
    }
    let mut style = Style::default();
    let mut macro_nodes = Vec::new();
    let mut macro_index = HashMap::new();
    for child in elements(root) {
        if child.tag_name().name() == "macro" {
            let name = child.attribute("name").unwrap_or("").to_string();
            if macro_index.contains_key(&name) {
                reader.warn(child, format!("macro `{name}` defined twice"));
                continue;
            }
            macro_index.insert(name.clone(), macro_nodes.len());
            macro_nodes.push((name, child));
        }
    }
    let mut sr = StyleReader {
        reader: &mut reader,
        macro_index,
        names_read: 0,
        type_ids: HashMap::new(),
    };
    sr.read_root(root, &mut style);
    for (name, node) in macro_nodes {
        let elements = sr.children(node);
        style.macros.push(Macro { name, elements });
    }
    style.item_types = std::mem::take(&mut sr.type_ids).into_iter().collect();
    // kaynak multilingual extension: validate k: attributes, read style-level settings.
    #[cfg(feature = "multilingual")]
    super::ext::parse::read_style(&mut reader, root, &mut style);
    analysis::analyse(&mut style, &mut reader, root);
    style.explicit_year_suffix = uses_variable(&style, Variable::YearSuffix);
    // subsequent cites can render differently: conditions on position,
    // or et-al-subsequent-* options
    style.uses_positions = text.contains("position=") || text.contains("et-al-subsequent");
    let (errors, warnings): (Vec<_>, Vec<_>) = reader
        .diagnostics
        .into_iter()
        .partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    style.warnings = warnings;
    Ok(style)
}

impl StyleReader<'_, '_, '_> {
    fn read_root(&mut self, root: Node, style: &mut Style) {
        self.reader.check_attrs(
            root,
            &[
                NAME_ATTRS,
                &[
                    "class",
                    "version",
                    "default-locale",
                    "initialize-with-hyphen",
                    "page-range-format",
                    "demote-non-dropping-particle",
                    "name-delimiter",
                    "name-form",
                    "names-delimiter",
                ],
            ],
        );
        style.class = match root.attribute("class") {
            Some("note") => StyleClass::Note,
            _ => StyleClass::InText,
        };
        style.default_locale = root.attribute("default-locale").map(str::to_string);
        style.options = self.style_options(root);
        for child in elements(root) {
            match child.tag_name().name() {
                "info" => self.read_info(child, style),
                "locale" => style.locales.push(read_locale(self.reader, child)),
                "macro" => {}
                "citation" => style.citation = Some(self.section(child)),
                "bibliography" => style.bibliography = Some(self.section(child)),
                other => self
                    .reader
                    .error(child, format!("unknown element <{other}> in <style>")),
            }
        }
        if style.citation.is_none() && style.parent.is_none() {
            self.reader
                .error(root, "an independent style needs a <citation>".to_string());
        }
    }

    fn style_options(&mut self, root: Node) -> StyleOptions {
        let mut name_options = self.reader.name_options(root, true);
        name_options.initialize_with_hyphen = self.reader.bool_attr(root, "initialize-with-hyphen");
        StyleOptions {
            initialize_with_hyphen: name_options.initialize_with_hyphen.unwrap_or(true),
            page_range_format: self
                .reader
                .enum_attr(root, "page-range-format", |v| match v {
                    "chicago" => Some(PageRangeFormat::Chicago),
                    "chicago-15" => Some(PageRangeFormat::Chicago),
                    "chicago-16" => Some(PageRangeFormat::Chicago16),
                    "expanded" => Some(PageRangeFormat::Expanded),
                    "minimal" => Some(PageRangeFormat::Minimal),
                    "minimal-two" => Some(PageRangeFormat::MinimalTwo),
                    _ => None,
                }),
            demote_non_dropping_particle: self.reader.enum_attr(
                root,
                "demote-non-dropping-particle",
                |v| match v {
                    "never" => Some(DemoteParticle::Never),
                    "sort-only" => Some(DemoteParticle::SortOnly),
                    "display-and-sort" => Some(DemoteParticle::DisplayAndSort),
                    _ => None,
                },
            ),
            names_delimiter: root.attribute("names-delimiter").map(str::to_string),
            name_options,
        }
    }

    fn read_info(&mut self, info: Node, style: &mut Style) {
        for child in elements(info) {
            match child.tag_name().name() {
                "link" if child.attribute("rel") == Some("independent-parent") => {
                    style.parent = child.attribute("href").map(str::to_string);
                }
                "title" => style.title = child.text().map(str::to_string),
                "id" => style.id = child.text().map(str::to_string),
                _ => {}
            }
        }
    }

    fn section(&mut self, node: Node) -> Section {
        self.reader.check_attrs(
            node,
            &[
                NAME_ATTRS,
                &[
                    "name-delimiter",
                    "name-form",
                    "names-delimiter",
                    "disambiguate-add-names",
                    "disambiguate-add-givenname",
                    "givenname-disambiguation-rule",
                    "disambiguate-add-year-suffix",
                    "collapse",
                    "cite-group-delimiter",
                    "year-suffix-delimiter",
                    "after-collapse-delimiter",
                    "near-note-distance",
                    "hanging-indent",
                    "second-field-align",
                    "line-spacing",
                    "entry-spacing",
                    "subsequent-author-substitute",
                    "subsequent-author-substitute-rule",
                ],
            ],
        );
        let mut layout = None;
        let mut sort = Vec::new();
        for child in elements(node) {
            match child.tag_name().name() {
                "layout" => layout = Some(self.layout(child)),
                "sort" => sort = self.sort(child),
                other => self.reader.error(
                    child,
                    format!("unknown element <{other}> in <{}>", node.tag_name().name()),
                ),
            }
        }
        let layout = layout.unwrap_or_else(|| {
            self.reader.error(node, "missing <layout>".to_string());
            Layout {
                elements: Vec::new(),
                delimiter: None,
                rendering: Rendering::default(),
            }
        });
        Section {
            layout,
            sort,
            name_options: self.reader.name_options(node, true),
            names_delimiter: node.attribute("names-delimiter").map(str::to_string),
            citation: self.citation_options(node),
            bibliography: self.bibliography_options(node),
        }
    }

    fn citation_options(&mut self, node: Node) -> CitationOptions {
        let r = &mut *self.reader;
        CitationOptions {
            disambiguate_add_names: r.bool_attr(node, "disambiguate-add-names").unwrap_or(false),
            disambiguate_add_givenname: r
                .bool_attr(node, "disambiguate-add-givenname")
                .unwrap_or(false),
            givenname_rule: r.enum_attr(node, "givenname-disambiguation-rule", |v| match v {
                "all-names" => Some(GivennameRule::AllNames),
                "all-names-with-initials" => Some(GivennameRule::AllNamesWithInitials),
                "primary-name" => Some(GivennameRule::PrimaryName),
                "primary-name-with-initials" => Some(GivennameRule::PrimaryNameWithInitials),
                "by-cite" => Some(GivennameRule::ByCite),
                _ => None,
            }),
            disambiguate_add_year_suffix: r
                .bool_attr(node, "disambiguate-add-year-suffix")
                .unwrap_or(false),
            collapse: r.enum_attr(node, "collapse", |v| match v {
                "citation-number" => Some(Collapse::CitationNumber),
                "year" => Some(Collapse::Year),
                "year-suffix" => Some(Collapse::YearSuffix),
                "year-suffix-ranged" => Some(Collapse::YearSuffixRanged),
                _ => None,
            }),
            cite_group_delimiter: node.attribute("cite-group-delimiter").map(str::to_string),
            year_suffix_delimiter: node.attribute("year-suffix-delimiter").map(str::to_string),
            after_collapse_delimiter: node
                .attribute("after-collapse-delimiter")
                .map(str::to_string),
            near_note_distance: r.number_attr(node, "near-note-distance").map(|n| n as u32),
        }
    }

    fn bibliography_options(&mut self, node: Node) -> BibliographyOptions {
        let r = &mut *self.reader;
        BibliographyOptions {
            hanging_indent: r.bool_attr(node, "hanging-indent").unwrap_or(false),
            second_field_align: r.enum_attr(node, "second-field-align", |v| match v {
                "flush" => Some(SecondFieldAlign::Flush),
                "margin" => Some(SecondFieldAlign::Margin),
                _ => None,
            }),
            line_spacing: r.number_attr(node, "line-spacing").map(|n| n as u32),
            entry_spacing: r.number_attr(node, "entry-spacing").map(|n| n as u32),
            subsequent_author_substitute: node
                .attribute("subsequent-author-substitute")
                .map(str::to_string),
            subsequent_author_substitute_rule: r
                .enum_attr(node, "subsequent-author-substitute-rule", |v| match v {
                    "complete-all" => Some(SubstituteRule::CompleteAll),
                    "complete-each" => Some(SubstituteRule::CompleteEach),
                    "partial-each" => Some(SubstituteRule::PartialEach),
                    "partial-first" => Some(SubstituteRule::PartialFirst),
                    _ => None,
                })
                .unwrap_or_default(),
        }
    }

    fn layout(&mut self, node: Node) -> Layout {
        self.reader
            .check_attrs(node, &[RENDERING_ATTRS, &["delimiter", "locale"]]);
        Layout {
            elements: self.children(node),
            delimiter: node.attribute("delimiter").map(str::to_string),
            rendering: self.reader.rendering(node),
        }
    }

    fn sort(&mut self, node: Node) -> Vec<SortKey> {
        let mut keys = Vec::new();
        for key in elements(node) {
            self.reader.check_attrs(
                key,
                &[&[
                    "variable",
                    "macro",
                    "sort",
                    "names-min",
                    "names-use-first",
                    "names-use-last",
                ]],
            );
            let source = if let Some(var) = key.attribute("variable") {
                // a key on a variable CSL does not define sorts nothing
                let Some(variable) = self.variable(key, var) else {
                    continue;
                };
                SortKeySource::Variable(variable)
            } else if let Some(name) = key.attribute("macro") {
                match self.macro_ref(key, name) {
                    Some(index) => SortKeySource::Macro(index),
                    None => continue,
                }
            } else {
                self.reader
                    .error(key, "<key> needs `variable` or `macro`".to_string());
                continue;
            };
            let direction = match key.attribute("sort") {
                Some("descending") => SortDirection::Descending,
                _ => SortDirection::Ascending,
            };
            keys.push(SortKey {
                source,
                direction,
                names_min: self.reader.number_attr(key, "names-min"),
                names_use_first: self.reader.number_attr(key, "names-use-first"),
                names_use_last: self.reader.bool_attr(key, "names-use-last"),
                #[cfg(feature = "multilingual")]
                ext: super::ext::parse::key_ext(key),
            });
        }
        keys
    }

    fn macro_ref(&mut self, node: Node, name: &str) -> Option<usize> {
        let index = self.macro_index.get(name).copied();
        if index.is_none() {
            self.reader
                .error(node, format!("macro `{name}` is not defined"));
        }
        index
    }

    pub fn children(&mut self, node: Node) -> Vec<Element> {
        elements(node)
            .filter_map(|child| self.element(child))
            .collect()
    }

    fn element(&mut self, node: Node) -> Option<Element> {
        // kaynak multilingual extension: wrap elements that carry k: attributes.
        let element = self.plain_element(node);
        #[cfg(feature = "multilingual")]
        let element = element.map(|e| super::ext::parse::wrap_element(node, e));
        element
    }

    fn plain_element(&mut self, node: Node) -> Option<Element> {
        match node.tag_name().name() {
            "text" => self.text(node).map(Element::Text),
            "number" => self.number(node),
            "label" => Some(Element::Label(self.label(node))),
            "date" => self.date(node),
            "names" => Some(Element::Names(Box::new(self.names(node)))),
            "group" => Some(Element::Group(self.group(node))),
            "choose" => Some(Element::Choose(self.choose(node))),
            other => {
                self.reader
                    .error(node, format!("unknown rendering element <{other}>"));
                None
            }
        }
    }

    fn text(&mut self, node: Node) -> Option<Text> {
        self.reader.check_attrs(
            node,
            &[
                RENDERING_ATTRS,
                &["variable", "macro", "term", "value", "form", "plural"],
            ],
        );
        let form = self
            .reader
            .enum_attr(node, "form", xml::parse_term_form)
            .unwrap_or_default();
        let source = if let Some(name) = node.attribute("variable") {
            match self.variable(node, name) {
                Some(name) => TextSource::Variable { name, form },
                None => TextSource::UnknownVariable(name.to_string()),
            }
        } else if let Some(name) = node.attribute("macro") {
            TextSource::Macro(self.macro_ref(node, name)?)
        } else if let Some(name) = node.attribute("term") {
            TextSource::Term {
                name: name.to_string(),
                form,
                plural: node.attribute("plural") == Some("true"),
            }
        } else if let Some(value) = node.attribute("value") {
            TextSource::Value(value.to_string())
        } else {
            self.reader.error(
                node,
                "<text> needs `variable`, `macro`, `term` or `value`".to_string(),
            );
            return None;
        };
        Some(Text {
            source,
            rendering: self.reader.rendering(node),
        })
    }

    /// `cs:number`; with a variable CSL does not define, a `cs:text` of it
    /// (both render nothing).
    fn number(&mut self, node: Node) -> Option<Element> {
        self.reader
            .check_attrs(node, &[RENDERING_ATTRS, &["variable", "form"]]);
        let Some(name) = node.attribute("variable") else {
            self.reader
                .error(node, "<number> needs a `variable`".to_string());
            return None;
        };
        let variable = self.variable(node, name);
        let number = Number {
            variable: variable.unwrap_or(Variable::Number),
            form: self
                .reader
                .enum_attr(node, "form", |v| match v {
                    "numeric" => Some(NumberForm::Numeric),
                    "ordinal" => Some(NumberForm::Ordinal),
                    "long-ordinal" => Some(NumberForm::LongOrdinal),
                    "roman" => Some(NumberForm::Roman),
                    _ => None,
                })
                .unwrap_or_default(),
            rendering: self.reader.rendering(node),
        };
        Some(match variable {
            Some(_) => Element::Number(number),
            None => unknown_variable(name, number.rendering),
        })
    }

    fn label(&mut self, node: Node) -> Label {
        self.reader
            .check_attrs(node, &[RENDERING_ATTRS, &["variable", "form", "plural"]]);
        Label {
            variable: node
                .attribute("variable")
                .and_then(|name| self.variable(node, name)),
            form: self
                .reader
                .enum_attr(node, "form", xml::parse_term_form)
                .unwrap_or_default(),
            plural: self
                .reader
                .enum_attr(node, "plural", |v| match v {
                    "contextual" => Some(Plural::Contextual),
                    "always" => Some(Plural::Always),
                    "never" => Some(Plural::Never),
                    _ => None,
                })
                .unwrap_or_default(),
            rendering: self.reader.rendering(node),
        }
    }

    /// `cs:date`; with a variable CSL does not define, a `cs:text` of it
    /// (both render nothing).
    fn date(&mut self, node: Node) -> Option<Element> {
        self.reader.check_attrs(
            node,
            &[
                RENDERING_ATTRS,
                &["variable", "form", "date-parts", "delimiter"],
            ],
        );
        let Some(name) = node.attribute("variable") else {
            self.reader
                .error(node, "<date> needs a `variable`".to_string());
            return None;
        };
        let variable = self.variable(node, name);
        let parts = elements(node)
            .filter_map(|part| xml::date_part(self.reader, part))
            .collect();
        let date = DateElement {
            variable: variable.unwrap_or(Variable::Issued),
            form: self.reader.enum_attr(node, "form", |v| match v {
                "text" => Some(DateForm::Text),
                "numeric" => Some(DateForm::Numeric),
                _ => None,
            }),
            parts_selection: self
                .reader
                .enum_attr(node, "date-parts", |v| match v {
                    "year-month-day" => Some(DatePartsSelection::YearMonthDay),
                    "year-month" => Some(DatePartsSelection::YearMonth),
                    "year" => Some(DatePartsSelection::Year),
                    _ => None,
                })
                .unwrap_or_default(),
            parts,
            delimiter: node.attribute("delimiter").map(str::to_string),
            rendering: self.reader.rendering(node),
        };
        Some(match variable {
            Some(_) => Element::Date(Box::new(date)),
            None => unknown_variable(name, date.rendering),
        })
    }

    fn names(&mut self, node: Node) -> Names {
        self.reader
            .check_attrs(node, &[RENDERING_ATTRS, &["variable", "delimiter"]]);
        let listed = node.attribute("variable").unwrap_or("");
        let mut names = Names {
            variables: listed
                .split_whitespace()
                .filter_map(|name| self.variable(node, name))
                .collect(),
            name: None,
            et_al: None,
            label: None,
            label_before_name: false,
            substitute: None,
            delimiter: node.attribute("delimiter").map(str::to_string),
            rendering: self.reader.rendering(node),
            id: self.names_read,
        };
        self.names_read = self.names_read.saturating_add(1);
        if listed.split_whitespace().next().is_none() {
            self.reader
                .error(node, "<names> needs a `variable` attribute".to_string());
        }
        for child in elements(node) {
            match child.tag_name().name() {
                "name" => names.name = Some(self.name(child)),
                "et-al" => {
                    self.reader
                        .check_attrs(child, &[RENDERING_ATTRS, &["term"]]);
                    names.et_al = Some(EtAl {
                        term: child.attribute("term").unwrap_or("et-al").to_string(),
                        rendering: self.reader.rendering(child),
                    });
                }
                "label" => {
                    names.label_before_name = names.name.is_none();
                    names.label = Some(self.label(child));
                }
                "substitute" => names.substitute = Some(self.children(child)),
                other => self
                    .reader
                    .error(child, format!("unknown element <{other}> in <names>")),
            }
        }
        // a label goes before the names only when a cs:name follows it;
        // without a cs:name the names (in their default form) come first
        if names.name.is_none() {
            names.label_before_name = false;
        }
        names
    }

    fn name(&mut self, node: Node) -> NameElement {
        self.reader
            .check_attrs(node, &[RENDERING_ATTRS, NAME_ATTRS, &["delimiter", "form"]]);
        let mut name = NameElement {
            options: self.reader.name_options(node, false),
            rendering: self.reader.rendering(node),
            given: None,
            family: None,
        };
        for part in elements(node) {
            if part.tag_name().name() != "name-part" {
                self.reader.error(
                    part,
                    format!("unknown element <{}> in <name>", part.tag_name().name()),
                );
                continue;
            }
            self.reader.check_attrs(part, &[RENDERING_ATTRS, &["name"]]);
            let style = NamePartStyle {
                rendering: self.reader.rendering(part),
            };
            match part.attribute("name") {
                Some("given") => name.given = Some(style),
                Some("family") => name.family = Some(style),
                _ => self.reader.warn(
                    part,
                    "<name-part> needs name=\"given\" or \"family\"".to_string(),
                ),
            }
        }
        name
    }

    fn group(&mut self, node: Node) -> Group {
        self.reader
            .check_attrs(node, &[RENDERING_ATTRS, &["delimiter"]]);
        Group {
            children: self.children(node),
            delimiter: node.attribute("delimiter").map(str::to_string),
            rendering: self.reader.rendering(node),
        }
    }

    fn choose(&mut self, node: Node) -> Choose {
        let mut choose = Choose {
            branches: Vec::new(),
            otherwise: Vec::new(),
        };
        let mut seen_else = false;
        for (i, child) in elements(node).enumerate() {
            let tag = child.tag_name().name();
            if i == 0 && tag != "if" {
                self.reader
                    .error(child, format!("<choose> must start with <if>, not <{tag}>"));
            } else if i > 0 && tag == "if" {
                self.reader.error(
                    child,
                    "a second <if> in one <choose>: use <else-if>".to_string(),
                );
            } else if seen_else && matches!(tag, "else-if" | "else") {
                self.reader
                    .error(child, format!("<{tag}> after the <else> of its <choose>"));
            }
            seen_else |= tag == "else";
            match tag {
                "if" | "else-if" => {
                    let condition = self.condition(child);
                    let children = self.children(child);
                    choose.branches.push(Branch {
                        condition,
                        children,
                    });
                }
                "else" => choose.otherwise = self.children(child),
                other => self
                    .reader
                    .error(child, format!("unknown element <{other}> in <choose>")),
            }
        }
        choose
    }

    fn condition(&mut self, node: Node) -> Condition {
        self.reader.check_attrs(
            node,
            &[&[
                "match",
                "disambiguate",
                "is-numeric",
                "is-uncertain-date",
                "locator",
                "position",
                "type",
                "variable",
            ]],
        );
        let list = |name: &str| -> Vec<String> {
            node.attribute(name)
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect()
        };
        let mut unknown_variable = false;
        let mut variables = |attribute: &str| -> Vec<Variable> {
            list(attribute)
                .iter()
                .filter_map(|name| {
                    let variable = self.variable(node, name);
                    unknown_variable |= variable.is_none();
                    variable
                })
                .collect()
        };
        let is_numeric = variables("is-numeric");
        let is_uncertain_date = variables("is-uncertain-date");
        let variables = variables("variable");
        let position = list("position")
            .iter()
            .filter_map(|p| match p.as_str() {
                "first" => Some(Position::First),
                "subsequent" => Some(Position::Subsequent),
                "ibid" => Some(Position::Ibid),
                "ibid-with-locator" => Some(Position::IbidWithLocator),
                "near-note" => Some(Position::NearNote),
                _ => None,
            })
            .collect();
        let type_ids: Vec<u16> = list("type")
            .iter()
            .filter_map(|t| self.type_id(t))
            .collect();
        Condition {
            match_mode: self.reader.enum_attr(node, "match", |v| match v {
                "all" => Some(Match::All),
                "any" => Some(Match::Any),
                "none" => Some(Match::None),
                _ => None,
            }),
            disambiguate: self.reader.bool_attr(node, "disambiguate"),
            is_numeric,
            is_uncertain_date,
            locator: list("locator"),
            position,
            type_mask: type_ids
                .iter()
                .try_fold(0u128, |mask, &id| (id < 128).then(|| mask | 1 << id)),
            type_ids,
            types: list("type"),
            variables,
            unknown_variable,
            #[cfg(feature = "multilingual")]
            ext_language: super::ext::parse::language_condition(node),
        }
    }

    /// The id of a tested item type (none past `u16::MAX` types).
    fn type_id(&mut self, name: &str) -> Option<u16> {
        if let Some(id) = self.type_ids.get(name) {
            return Some(*id);
        }
        let id = u16::try_from(self.type_ids.len()).ok()?;
        self.type_ids.insert(name.to_string(), id);
        Some(id)
    }

    /// The variable `name` on `node`; a name CSL 1.0.2 does not define is
    /// warned of, and `None`.
    fn variable(&mut self, node: Node, name: &str) -> Option<Variable> {
        let variable = Variable::parse(name);
        if variable.is_none() {
            self.reader.warn(
                node,
                format!(
                    "unknown variable `{name}` on <{}> (it renders nothing)",
                    node.tag_name().name()
                ),
            );
        }
        variable
    }
}

/// A `cs:text` of a variable CSL does not define, in place of a `cs:number`
/// or `cs:date` of it: it renders nothing, as the absent variable would.
fn unknown_variable(name: &str, rendering: Rendering) -> Element {
    Element::Text(Text {
        source: TextSource::UnknownVariable(name.to_string()),
        rendering,
    })
}

/// Whether any text element of the style renders `variable`.
fn uses_variable(style: &Style, variable: Variable) -> bool {
    fn walk(elements: &[Element], variable: Variable) -> bool {
        elements.iter().any(|element| match element {
            Element::Text(Text {
                source: TextSource::Variable { name, .. },
                ..
            }) => *name == variable,
            Element::Group(group) => walk(&group.children, variable),
            Element::Choose(choose) => {
                choose.branches.iter().any(|b| walk(&b.children, variable))
                    || walk(&choose.otherwise, variable)
            }
            Element::Names(names) => names
                .substitute
                .as_ref()
                .map(|s| walk(s, variable))
                .unwrap_or(false),
            // kaynak multilingual extension
            #[cfg(feature = "multilingual")]
            Element::Ext(ext) => walk(std::slice::from_ref(&ext.element), variable),
            _ => false,
        })
    }
    style.macros.iter().any(|m| walk(&m.elements, variable))
        || [&style.citation, &style.bibliography].iter().any(|s| {
            s.as_ref()
                .map(|s| walk(&s.layout.elements, variable))
                .unwrap_or(false)
        })
}
