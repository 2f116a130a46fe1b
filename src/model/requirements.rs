//! Which fields each item type needs: the one table that `kaynak check` (the
//! completeness rules) and `kaynak new` (record skeletons) both read.
//!
//! `required` is a list of groups; a group is met when any one of its fields is
//! present (so `["URL", "DOI"]` means "a URL or a DOI"). `recommended` fields are
//! reported as warnings when absent.

use super::ItemType;

/// The fields an item type requires and recommends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirements {
    pub required: &'static [&'static [&'static str]],
    pub recommended: &'static [&'static str],
}

const fn req(
    required: &'static [&'static [&'static str]],
    recommended: &'static [&'static str],
) -> Requirements {
    Requirements {
        required,
        recommended,
    }
}

const ONLINE: &[&str] = &["URL", "DOI"];
const PERSON: &[&str] = &["author", "editor"];

/// The requirements of `item_type`.
pub fn requirements(item_type: ItemType) -> Requirements {
    use ItemType::*;
    match item_type {
        ArticleJournal => req(
            &[&["title"], &["container-title"], &["issued"]],
            &["author", "volume", "issue", "page", "DOI"],
        ),
        ArticleMagazine => req(
            &[&["title"], &["container-title"], &["issued"]],
            &["author", "page"],
        ),
        ArticleNewspaper => req(
            &[&["title"], &["container-title"]],
            &["author", "issued", "URL"],
        ),
        Book => req(
            &[&["title"], PERSON, &["issued"]],
            &["publisher", "publisher-place", "ISBN"],
        ),
        Chapter => req(
            &[&["title"], &["container-title"], &["issued"]],
            &["author", "editor", "publisher", "page"],
        ),
        PaperConference => req(
            &[&["title"], &["author"], &["issued"]],
            &["container-title", "event-title", "publisher", "page", "DOI"],
        ),
        Thesis => req(
            &[&["title"], &["author"], &["issued"], &["publisher"]],
            &["genre", "publisher-place"],
        ),
        Report => req(
            &[&["title"], &["issued"]],
            &["author", "publisher", "number", "URL"],
        ),
        Webpage | PostWeblog | Post => req(
            &[&["title"], ONLINE],
            &["container-title", "author", "issued", "accessed"],
        ),
        Legislation | Bill | Regulation => req(
            &[&["title"], &["issued"]],
            &["authority", "number", "jurisdiction"],
        ),
        LegalCase => req(&[&["title"], &["issued"]], &["authority", "number"]),
        Dataset | Software => req(
            &[&["title"], ONLINE],
            &["author", "issued", "publisher", "version"],
        ),
        EntryDictionary | EntryEncyclopedia | Entry => req(
            &[&["title"], &["container-title"]],
            &["issued", "publisher", "editor"],
        ),
        Patent => req(
            &[&["title"], &["number"], &["issued"]],
            &["author", "authority"],
        ),
        Standard => req(
            &[&["title"], &["number"]],
            &["authority", "publisher", "issued"],
        ),
        Review | ReviewBook => req(
            &[&["title"], &["container-title"], &["issued"]],
            &["author", "reviewed-title"],
        ),
        _ => req(&[&["title"]], &["issued"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::variable;

    #[test]
    fn every_named_field_is_a_record_variable() {
        for t in ItemType::ALL {
            let r = requirements(*t);
            for name in r
                .required
                .iter()
                .flat_map(|g| g.iter())
                .chain(r.recommended)
            {
                let v = variable::lookup(name).unwrap_or_else(|| panic!("{name} in {t}"));
                assert!(v.in_records, "{name}");
            }
        }
    }

    #[test]
    fn web_items_need_a_url_or_doi() {
        let r = requirements(ItemType::Webpage);
        assert!(r.required.contains(&ONLINE));
    }
}
