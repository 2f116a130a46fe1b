//! Item locales (docs/csl-extension.md §2.1) and locale pins (§2.2):
//! `k:item-locales` maps an item's language to a locale, `k:locale` pins an
//! element to one; the locale chains are built once with the processor and
//! looked up per item when a rendering context is made.

use super::primary;
use crate::item::CslItem;
use crate::locale::{Locale, LocaleChain};
use crate::model::{Element, Section};
use crate::style::Style;

/// Build a locale chain for every locale the style names in
/// `k:item-locales` and `k:locale` (`default` = the processor's locale `lang`).
pub fn build_item_chains(style: &mut Style, lang: &str, load: &dyn Fn(&str) -> Option<Locale>) {
    if !style.ext.active {
        return;
    }
    let mut tags: Vec<String> = style
        .ext
        .item_locales
        .iter()
        .flatten()
        .flat_map(|entries| entries.iter().map(|(_, tag)| tag.clone()))
        .collect();
    collect_pins(style, &mut tags);
    for tag in tags {
        if style.ext.chains.contains_key(&tag) {
            continue;
        }
        let want = if tag == "default" { lang } else { tag.as_str() };
        let chain = LocaleChain::build(want, &style.locales, &mut |t| load(t));
        style.ext.chains.insert(tag, chain);
    }
}

/// The tags of every `k:locale` in the style.
fn collect_pins(style: &Style, tags: &mut Vec<String>) {
    fn walk(elements: &[Element], tags: &mut Vec<String>) {
        for element in elements {
            match element {
                Element::Ext(ext) => {
                    if let Some(tag) = &ext.settings.locale {
                        tags.push(tag.clone());
                    }
                    walk(std::slice::from_ref(&ext.element), tags);
                }
                Element::Group(group) => walk(&group.children, tags),
                Element::Choose(choose) => {
                    for branch in &choose.branches {
                        walk(&branch.children, tags);
                    }
                    walk(&choose.otherwise, tags);
                }
                Element::Names(names) => {
                    if let Some(substitute) = &names.substitute {
                        walk(substitute, tags);
                    }
                }
                _ => {}
            }
        }
    }
    for m in &style.macros {
        walk(&m.elements, tags);
    }
    for section in [&style.citation, &style.bibliography].into_iter().flatten() {
        walk(&section.layout.elements, tags);
    }
}

/// The locale chain for `item` in `section`, when `k:item-locales` gives one.
pub fn item_locale<'a>(
    style: &'a Style,
    section: &Section,
    item: &dyn CslItem,
) -> Option<&'a LocaleChain> {
    if !style.ext.active {
        return None;
    }
    let ext = &style.ext;
    let level = match (&style.bibliography, &style.citation) {
        (Some(bib), _) if std::ptr::eq(bib, section) => 2,
        (_, Some(cit)) if std::ptr::eq(cit, section) => 1,
        _ => 0,
    };
    let entries = ext.item_locales[level]
        .as_ref()
        .or(ext.item_locales[0].as_ref())?;
    let language = primary(item.language().filter(|l| !l.is_empty())?);
    let tag = entries
        .iter()
        .find(|(lang, _)| *lang == language)
        .or_else(|| entries.iter().find(|(lang, _)| lang == "*"))
        .map(|(_, tag)| tag)?;
    ext.chains.get(tag)
}
