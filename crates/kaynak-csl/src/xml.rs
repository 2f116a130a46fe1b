//! Helpers shared by the style and locale readers: XML parsing with safe
//! limits, positions, and attribute reading that reports unknown names.

use crate::diagnostic::Diagnostic;
use crate::model::*;
use roxmltree::{Document, Node};

/// Parse XML text. DTDs are refused, which rejects entity-expansion bombs.
pub fn parse_document(text: &str) -> Result<Document<'_>, Vec<Diagnostic>> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|error| {
        let pos = error.pos();
        vec![Diagnostic::error(
            format!("invalid XML: {error}"),
            pos.row,
            pos.col,
        )]
    })
}

/// Collects diagnostics while reading one document.
pub struct Reader<'a, 'input> {
    pub doc: &'a Document<'input>,
    pub diagnostics: Vec<Diagnostic>,
}

pub const RENDERING_ATTRS: &[&str] = &[
    "font-style",
    "font-variant",
    "font-weight",
    "text-decoration",
    "vertical-align",
    "prefix",
    "suffix",
    "display",
    "quotes",
    "strip-periods",
    "text-case",
];

pub const NAME_ATTRS: &[&str] = &[
    "and",
    "delimiter-precedes-et-al",
    "delimiter-precedes-last",
    "et-al-min",
    "et-al-use-first",
    "et-al-use-last",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "initialize",
    "initialize-with",
    "name-as-sort-order",
    "sort-separator",
];

impl<'a, 'input> Reader<'a, 'input> {
    pub fn new(doc: &'a Document<'input>) -> Self {
        Reader {
            doc,
            diagnostics: Vec::new(),
        }
    }

    pub fn position(&self, node: Node) -> (u32, u32) {
        let pos = self.doc.text_pos_at(node.range().start);
        (pos.row, pos.col)
    }

    pub fn error(&mut self, node: Node, message: String) {
        let (line, column) = self.position(node);
        self.diagnostics
            .push(Diagnostic::error(message, line, column));
    }

    pub fn warn(&mut self, node: Node, message: String) {
        let (line, column) = self.position(node);
        self.diagnostics
            .push(Diagnostic::warning(message, line, column));
    }

    /// Warn about attributes that are not in any of `allowed`.
    pub fn check_attrs(&mut self, node: Node, allowed: &[&[&str]]) {
        for attr in node.attributes() {
            if attr.namespace().is_some() {
                continue;
            }
            let name = attr.name();
            if !allowed.iter().any(|list| list.contains(&name)) {
                self.warn(
                    node,
                    format!(
                        "unknown attribute `{}` on <{}>",
                        name,
                        node.tag_name().name()
                    ),
                );
            }
        }
    }

    /// Read an enumerated attribute; an unknown value is a diagnostic.
    pub fn enum_attr<T>(
        &mut self,
        node: Node,
        name: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let value = node.attribute(name)?;
        let parsed = parse(value);
        if parsed.is_none() {
            self.warn(
                node,
                format!("unknown value `{value}` for attribute `{name}`"),
            );
        }
        parsed
    }

    pub fn bool_attr(&mut self, node: Node, name: &str) -> Option<bool> {
        self.enum_attr(node, name, |v| match v {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
    }

    pub fn number_attr(&mut self, node: Node, name: &str) -> Option<usize> {
        self.enum_attr(node, name, |v| v.trim().parse().ok())
    }

    pub fn rendering(&mut self, node: Node) -> Rendering {
        Rendering {
            formatting: self.formatting(node),
            prefix: node.attribute("prefix").map(str::to_string),
            suffix: node.attribute("suffix").map(str::to_string),
            display: self.enum_attr(node, "display", parse_display),
            quotes: self.bool_attr(node, "quotes").unwrap_or(false),
            strip_periods: self.bool_attr(node, "strip-periods").unwrap_or(false),
            text_case: self.enum_attr(node, "text-case", parse_text_case),
        }
    }

    fn formatting(&mut self, node: Node) -> Formatting {
        Formatting {
            font_style: self.enum_attr(node, "font-style", |v| match v {
                "normal" => Some(FontStyle::Normal),
                "italic" => Some(FontStyle::Italic),
                "oblique" => Some(FontStyle::Oblique),
                _ => None,
            }),
            font_variant: self.enum_attr(node, "font-variant", |v| match v {
                "normal" => Some(FontVariant::Normal),
                "small-caps" => Some(FontVariant::SmallCaps),
                _ => None,
            }),
            font_weight: self.enum_attr(node, "font-weight", |v| match v {
                "normal" => Some(FontWeight::Normal),
                "bold" => Some(FontWeight::Bold),
                "light" => Some(FontWeight::Light),
                _ => None,
            }),
            underline: self.enum_attr(node, "text-decoration", |v| match v {
                "none" => Some(false),
                "underline" => Some(true),
                _ => None,
            }),
            vertical_align: self.enum_attr(node, "vertical-align", |v| match v {
                "baseline" => Some(VerticalAlign::Baseline),
                "sup" => Some(VerticalAlign::Sup),
                "sub" => Some(VerticalAlign::Sub),
                _ => None,
            }),
        }
    }

    /// Inheritable name options found on `node` (style, section, or cs:name).
    pub fn name_options(&mut self, node: Node, prefixed: bool) -> NameOptions {
        let key = |name: &str| {
            if prefixed {
                format!("name-{name}")
            } else {
                name.to_string()
            }
        };
        NameOptions {
            and: self.enum_attr(node, "and", |v| match v {
                "text" => Some(Some(NameAnd::Text)),
                "symbol" => Some(Some(NameAnd::Symbol)),
                _ => None,
            }),
            delimiter: node
                .attribute(key("delimiter").as_str())
                .map(str::to_string),
            delimiter_precedes_et_al: self.enum_attr(
                node,
                "delimiter-precedes-et-al",
                parse_precedes,
            ),
            delimiter_precedes_last: self.enum_attr(
                node,
                "delimiter-precedes-last",
                parse_precedes,
            ),
            et_al_min: self.number_attr(node, "et-al-min"),
            et_al_use_first: self.number_attr(node, "et-al-use-first"),
            et_al_use_last: self.bool_attr(node, "et-al-use-last"),
            et_al_subsequent_min: self.number_attr(node, "et-al-subsequent-min"),
            et_al_subsequent_use_first: self.number_attr(node, "et-al-subsequent-use-first"),
            form: self.enum_attr(node, key("form").as_str(), |v| match v {
                "long" => Some(NameForm::Long),
                "short" => Some(NameForm::Short),
                "count" => Some(NameForm::Count),
                _ => None,
            }),
            initialize: self.bool_attr(node, "initialize"),
            initialize_with: node.attribute("initialize-with").map(str::to_string),
            initialize_with_hyphen: None,
            name_as_sort_order: self.enum_attr(node, "name-as-sort-order", |v| match v {
                "first" => Some(Some(NameAsSortOrder::First)),
                "all" => Some(Some(NameAsSortOrder::All)),
                _ => None,
            }),
            sort_separator: node.attribute("sort-separator").map(str::to_string),
        }
    }
}

fn parse_precedes(v: &str) -> Option<DelimiterPrecedes> {
    match v {
        "contextual" => Some(DelimiterPrecedes::Contextual),
        "after-inverted-name" => Some(DelimiterPrecedes::AfterInvertedName),
        "always" => Some(DelimiterPrecedes::Always),
        "never" => Some(DelimiterPrecedes::Never),
        _ => None,
    }
}

fn parse_display(v: &str) -> Option<Display> {
    match v {
        "block" => Some(Display::Block),
        "left-margin" => Some(Display::LeftMargin),
        "right-inline" => Some(Display::RightInline),
        "indent" => Some(Display::Indent),
        _ => None,
    }
}

fn parse_text_case(v: &str) -> Option<TextCase> {
    match v {
        "lowercase" => Some(TextCase::Lowercase),
        "uppercase" => Some(TextCase::Uppercase),
        "capitalize-first" => Some(TextCase::CapitalizeFirst),
        "capitalize-all" => Some(TextCase::CapitalizeAll),
        "sentence" => Some(TextCase::Sentence),
        "title" => Some(TextCase::Title),
        _ => None,
    }
}

pub fn parse_term_form(v: &str) -> Option<TermForm> {
    match v {
        "long" => Some(TermForm::Long),
        "short" => Some(TermForm::Short),
        "verb" => Some(TermForm::Verb),
        "verb-short" => Some(TermForm::VerbShort),
        "symbol" => Some(TermForm::Symbol),
        _ => None,
    }
}

pub fn parse_date_part_form(v: &str) -> Option<DatePartForm> {
    match v {
        "numeric" => Some(DatePartForm::Numeric),
        "numeric-leading-zeros" => Some(DatePartForm::NumericLeadingZeros),
        "ordinal" => Some(DatePartForm::Ordinal),
        "long" => Some(DatePartForm::Long),
        "short" => Some(DatePartForm::Short),
        _ => None,
    }
}

/// Element children of `node`, skipping text and comments.
pub fn elements<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(|child| child.is_element())
}

/// Read one `cs:date-part` (in a style or a locale).
pub fn date_part(reader: &mut Reader, node: Node) -> Option<DatePart> {
    reader.check_attrs(
        node,
        &[RENDERING_ATTRS, &["name", "form", "range-delimiter"]],
    );
    let name = reader.enum_attr(node, "name", |v| match v {
        "year" => Some(DatePartName::Year),
        "month" => Some(DatePartName::Month),
        "day" => Some(DatePartName::Day),
        _ => None,
    });
    let Some(name) = name else {
        reader.error(node, "<date-part> needs a valid `name`".to_string());
        return None;
    };
    Some(DatePart {
        name,
        form: reader.enum_attr(node, "form", parse_date_part_form),
        range_delimiter: node.attribute("range-delimiter").map(str::to_string),
        rendering: reader.rendering(node),
    })
}
