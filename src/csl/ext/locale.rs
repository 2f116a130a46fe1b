//! Item locales (docs/csl-extension.md §2.1): `k:item-locales` maps an item's
//! language to a locale; the locale chains are built once with the processor
//! and looked up per item when a rendering context is made.

use super::primary;
use crate::csl::item::CslItem;
use crate::csl::locale::{Locale, LocaleChain};
use crate::csl::style::model::Section;
use crate::csl::style::Style;

/// Build a locale chain for every locale named in the style's
/// `k:item-locales` (style, citation, bibliography).
pub fn build_item_chains(style: &mut Style, load: &dyn Fn(&str) -> Option<Locale>) {
    if !style.ext.active {
        return;
    }
    let tags: Vec<String> = style
        .ext
        .item_locales
        .iter()
        .flatten()
        .flat_map(|entries| entries.iter().map(|(_, tag)| tag.clone()))
        .collect();
    for tag in tags {
        if style.ext.chains.contains_key(&tag) {
            continue;
        }
        let chain = LocaleChain::build(&tag, &style.locales, &mut |t| load(t));
        style.ext.chains.insert(tag, chain);
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
