//! Reading the `k:` attributes: one validating walk over the whole style
//! document (every diagnostic carries line:col), and silent readers the style
//! parser's hooks call to attach the values to the typed model.

use super::NAMESPACE;
use crate::model::ext::{Category, ElementExt, Form, KeyExt, Pattern, Settings, Source};
use crate::model::{Element, TextCase};
use crate::style::Style;
use crate::xml::{elements, Reader};
use kaynak_text::language::primary;
use kaynak_text::translit::Scheme;
use roxmltree::Node;
use std::sync::Arc;

/// Where each attribute may appear; `Rendering` = the elements that may
/// carry `k:forms`.
const LEVEL: &[&str] = &["style", "citation", "bibliography", "macro"];

/// Read a `k:` attribute of a node.
fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((NAMESPACE, name))
}

/// Whether `node` may carry `k:forms` (and the per-element translit settings).
fn renders_variable(node: Node) -> bool {
    match node.tag_name().name() {
        "text" | "key" => node.attribute("variable").is_some(),
        "names" | "name" => true,
        _ => false,
    }
}

/// Whether the attribute `name` is allowed on `node`.
fn allowed(name: &str, node: Node) -> bool {
    let tag = node.tag_name().name();
    let level = LEVEL.contains(&tag);
    match name {
        "version" => tag == "style",
        "forms" => renders_variable(node),
        "title-forms" | "container-title-forms" | "name-forms" | "text-forms" => level,
        "translit" | "translation" => level || renders_variable(node),
        "attach-text-case" => {
            (tag == "text" && node.attribute("variable").is_some()) || tag == "name"
        }
        "item-locales" => matches!(tag, "style" | "citation" | "bibliography"),
        "locale" => {
            (tag == "text" && node.attribute("term").is_some())
                || matches!(tag, "label" | "date" | "number" | "group")
        }
        "language" => matches!(tag, "if" | "else-if"),
        "recase" => level || tag == "text",
        "script-order" => tag == "key",
        _ => false,
    }
}

/// Validate every `k:` attribute of the document and read the style-level
/// settings (style, citation, bibliography, macros) into `style.ext`.
pub fn read_style(reader: &mut Reader, root: Node, style: &mut Style) {
    let mut used = None;
    validate_tree(reader, root, &mut used);
    let version = attr(root, "version");
    match (version, used) {
        (Some("1"), _) => style.ext.active = true,
        (Some(other), _) => reader.error(
            root,
            format!("k:version=\"{other}\": this kaynak understands version 1 of the extension"),
        ),
        (None, Some(node)) => reader.error(
            node,
            "a style that uses k: attributes must declare k:version=\"1\" on <style>".to_string(),
        ),
        (None, None) => {}
    }
    style.ext.style = settings(root);
    style.ext.item_locales[0] = item_locales(root);
    for child in elements(root) {
        match child.tag_name().name() {
            "citation" => {
                style.ext.citation = settings(child);
                style.ext.item_locales[1] = item_locales(child);
            }
            "bibliography" => {
                style.ext.bibliography = settings(child);
                style.ext.item_locales[2] = item_locales(child);
            }
            _ => {}
        }
    }
    style.ext.macros = style
        .macros
        .iter()
        .map(|m| {
            elements(root)
                .find(|n| n.tag_name().name() == "macro" && n.attribute("name") == Some(&m.name))
                .map(settings)
                .unwrap_or_default()
        })
        .collect();
}

fn validate_tree<'a, 'i>(reader: &mut Reader, node: Node<'a, 'i>, used: &mut Option<Node<'a, 'i>>) {
    for a in node.attributes() {
        if a.namespace() != Some(NAMESPACE) {
            continue;
        }
        if a.name() != "version" && used.is_none() {
            *used = Some(node);
        }
        let tag = node.tag_name().name();
        if !allowed(a.name(), node) {
            let what = if allowed_anywhere(a.name()) {
                format!(
                    "k:{} is not allowed on <{tag}> (docs/csl-extension.md §4)",
                    a.name()
                )
            } else {
                format!(
                    "unknown kaynak extension attribute k:{} on <{tag}>",
                    a.name()
                )
            };
            reader.error(node, what);
            continue;
        }
        if let Err(message) = check_value(a.name(), a.value()) {
            reader.error(node, format!("k:{}=\"{}\": {message}", a.name(), a.value()));
        }
    }
    if node.tag_name().namespace() == Some(NAMESPACE) {
        reader.error(
            node,
            format!(
                "unknown kaynak extension element <k:{}>",
                node.tag_name().name()
            ),
        );
    }
    for child in elements(node) {
        validate_tree(reader, child, used);
    }
}

fn allowed_anywhere(name: &str) -> bool {
    matches!(
        name,
        "version"
            | "forms"
            | "title-forms"
            | "container-title-forms"
            | "name-forms"
            | "text-forms"
            | "translit"
            | "translation"
            | "attach-text-case"
            | "item-locales"
            | "locale"
            | "language"
            | "recase"
            | "script-order"
    )
}

/// Check one attribute's value.
fn check_value(name: &str, value: &str) -> Result<(), String> {
    match name {
        "forms" | "title-forms" | "container-title-forms" | "name-forms" | "text-forms" => {
            parse_pattern(value).map(|_| ())
        }
        "translit" => parse_sources(value).map(|_| ()),
        "translation" | "locale" => check_tag(value),
        "attach-text-case" => parse_text_case(value)
            .map(|_| ())
            .ok_or_else(|| "not a text-case value".to_string()),
        "item-locales" => parse_item_locales(value).map(|_| ()),
        "language" => check_languages(value, true),
        "recase" => check_languages(value, false),
        "script-order" => check_scripts(value),
        _ => Ok(()),
    }
}

fn check_tag(value: &str) -> Result<(), String> {
    let ok = !value.is_empty()
        && value
            .split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok {
        Ok(())
    } else {
        Err("not a BCP 47 language tag".to_string())
    }
}

fn check_languages(value: &str, allow_und: bool) -> Result<(), String> {
    let mut any = false;
    for lang in value.split_whitespace() {
        any = true;
        let ok = lang.len() >= 2
            && lang.len() <= 3
            && lang.chars().all(|c| c.is_ascii_lowercase())
            && (allow_und || lang != "und");
        if !ok {
            return Err(format!("`{lang}` is not a primary language subtag"));
        }
    }
    if any {
        Ok(())
    } else {
        Err("empty list".to_string())
    }
}

fn check_scripts(value: &str) -> Result<(), String> {
    for code in value.split_whitespace() {
        let mut chars = code.chars();
        let ok = code.len() == 4
            && chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_lowercase());
        if !ok {
            return Err(format!("`{code}` is not an ISO 15924 script code"));
        }
    }
    Ok(())
}

/// Parse a `k:forms` pattern (docs §1.4).
pub fn parse_pattern(value: &str) -> Result<Pattern, String> {
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in value.chars() {
        let letter = c.is_alphabetic();
        match runs.last_mut() {
            Some((l, run)) if *l == letter => run.push(c),
            _ => runs.push((letter, c.to_string())),
        }
    }
    if runs.first().is_some_and(|(l, _)| !l) {
        return Err("a pattern starts with a form".to_string());
    }
    let mut forms = Vec::new();
    let mut gaps = Vec::new();
    for (letter, run) in runs {
        if letter {
            let form = match run.as_str() {
                "original" => Form::Original,
                "translit" => Form::Translit,
                "translation" => Form::Translation,
                other => return Err(format!("`{other}` is not a form")),
            };
            if forms.contains(&form) {
                return Err(format!("`{run}` appears twice"));
            }
            forms.push(form);
        } else {
            gaps.push(run);
        }
    }
    build_pattern(forms, gaps)
}

fn build_pattern(forms: Vec<Form>, gaps: Vec<String>) -> Result<Pattern, String> {
    // gaps: between forms (forms.len() - 1), then possibly the CLOSE.
    let between = forms.len().saturating_sub(1);
    if gaps.len() < between || gaps.len() > between + 1 {
        return Err("forms must be separated by punctuation".to_string());
    }
    let close = if gaps.len() > between {
        gaps.last().cloned().unwrap_or_default()
    } else {
        String::new()
    };
    if forms.len() == 1 && !close.is_empty() {
        return Err("text after a single form".to_string());
    }
    let open = gaps.first().cloned().unwrap_or_default();
    let delimiter = gaps
        .get(1)
        .filter(|_| between > 1)
        .cloned()
        .unwrap_or_default();
    if between > 1 && gaps[1..between].iter().any(|d| *d != delimiter) {
        return Err("the delimiter between secondary forms must be the same".to_string());
    }
    Ok(Pattern {
        forms,
        open,
        delimiter,
        close,
    })
}

/// Parse a `k:translit` source list.
pub fn parse_sources(value: &str) -> Result<Vec<Source>, String> {
    let mut out = Vec::new();
    for word in value.split_whitespace() {
        if word == "record" {
            out.push(Source::Record);
            continue;
        }
        let scheme = Scheme::ALL
            .iter()
            .find(|s| s.name() == word)
            .copied()
            .ok_or_else(|| format!("unknown transliteration scheme `{word}`"))?;
        out.push(Source::Scheme(scheme));
    }
    if out.is_empty() {
        return Err("empty source list".to_string());
    }
    Ok(out)
}

/// Parse `k:item-locales` (`ru uk=ru *=en`); `""` switches it off.
pub fn parse_item_locales(value: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for entry in value.split_whitespace() {
        let (lang, locale) = entry.split_once('=').unwrap_or((entry, entry));
        if lang != "*" {
            check_languages(lang, false)?;
        }
        if locale == "*" {
            return Err("a locale cannot be `*`".to_string());
        }
        check_tag(locale)?;
        out.push((primary(lang), locale.to_string()));
    }
    Ok(out)
}

fn parse_text_case(value: &str) -> Option<TextCase> {
    Some(match value {
        "lowercase" => TextCase::Lowercase,
        "uppercase" => TextCase::Uppercase,
        "capitalize-first" => TextCase::CapitalizeFirst,
        "capitalize-all" => TextCase::CapitalizeAll,
        "sentence" => TextCase::Sentence,
        "title" => TextCase::Title,
        _ => return None,
    })
}

fn item_locales(node: Node) -> Option<Vec<(String, String)>> {
    attr(node, "item-locales").and_then(|v| parse_item_locales(v).ok())
}

/// The settings a node gives (invalid values were reported by the walk and
/// are ignored here).
pub fn settings(node: Node) -> Settings {
    let pattern = |name: &str| attr(node, name).and_then(|v| parse_pattern(v).ok());
    let mut category_forms: [Option<Pattern>; 4] = Default::default();
    category_forms[Category::Title as usize] = pattern("title-forms");
    category_forms[Category::ContainerTitle as usize] = pattern("container-title-forms");
    category_forms[Category::Name as usize] = pattern("name-forms");
    category_forms[Category::Text as usize] = pattern("text-forms");
    Settings {
        forms: pattern("forms"),
        category_forms,
        translit: attr(node, "translit").and_then(|v| parse_sources(v).ok()),
        translation: attr(node, "translation").map(str::to_string),
        attach_text_case: attr(node, "attach-text-case").and_then(parse_text_case),
        recase: attr(node, "recase").map(|v| v.split_whitespace().map(str::to_string).collect()),
        locale: attr(node, "locale").map(str::to_string),
    }
}

/// Hook for the style parser: wrap a parsed element in `Element::Ext` when its
/// node (or, for `cs:names`, its `cs:name` child) carries `k:` attributes.
pub fn wrap_element(node: Node, element: Element) -> Element {
    let mut own = settings(node);
    if node.tag_name().name() == "names" {
        if let Some(name) = elements(node).find(|n| n.tag_name().name() == "name") {
            let inner = settings(name);
            own.forms = inner.forms.or(own.forms);
            own.translit = inner.translit.or(own.translit);
            own.translation = inner.translation.or(own.translation);
            own.attach_text_case = inner.attach_text_case.or(own.attach_text_case);
        }
    }
    if own.is_empty() {
        return element;
    }
    Element::Ext(Box::new(ElementExt {
        settings: Arc::new(own),
        element,
    }))
}

/// Hook for the style parser: the `k:` attributes of a `cs:key`.
pub fn key_ext(node: Node) -> Option<Box<KeyExt>> {
    let settings = settings(node);
    let script_order: Vec<String> = attr(node, "script-order")
        .map(|v| v.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    if settings.is_empty() && script_order.is_empty() {
        return None;
    }
    Some(Box::new(KeyExt {
        settings: Arc::new(settings),
        script_order,
    }))
}

/// Hook for the style parser: `k:language` on `cs:if` / `cs:else-if`.
pub fn language_condition(node: Node) -> Vec<String> {
    attr(node, "language")
        .map(|v| v.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        let p = parse_pattern("original [translit; translation]").unwrap();
        assert_eq!(
            p.forms,
            vec![Form::Original, Form::Translit, Form::Translation]
        );
        assert_eq!(
            (p.open.as_str(), p.delimiter.as_str(), p.close.as_str()),
            (" [", "; ", "]")
        );
        let p = parse_pattern("original / translit").unwrap();
        assert_eq!((p.open.as_str(), p.close.as_str()), (" / ", ""));
        assert_eq!(
            parse_pattern("translit").unwrap(),
            Pattern::single(Form::Translit)
        );
        assert!(parse_pattern("translit translit").is_err());
        assert!(parse_pattern("foo").is_err());
        assert!(parse_pattern("[translit]").is_err());
        assert!(parse_pattern("original (translit, translation]").is_ok());
        assert!(parse_pattern("original [translit; translation, original]").is_err());
    }

    #[test]
    fn sources_and_locales() {
        assert_eq!(
            parse_sources("record ala-lc-plain").unwrap(),
            vec![Source::Record, Source::Scheme(Scheme::AlaLcPlain)]
        );
        assert!(parse_sources("nope").is_err());
        let l = parse_item_locales("ru uk=ru *=en").unwrap();
        assert_eq!(l[1], ("uk".to_string(), "ru".to_string()));
        assert_eq!(l[2], ("*".to_string(), "en".to_string()));
        assert!(parse_item_locales("ru=*").is_err());
    }
}
