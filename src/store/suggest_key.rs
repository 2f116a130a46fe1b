//! A citation key suggested for a new record: the first author's family name,
//! the year and the first significant word of the title, spelled in ASCII by
//! [`crate::text::keys`] (`niyazov2010razvitiye`), so keys type easily and work
//! in LaTeX. A hand-given transliteration is preferred where the record has one.

use crate::model::{Entry, MultiText, Name};
use crate::text::keys::make_key;

/// A key from author, year and title, or `None` when the record has neither an
/// author nor a title to make one from.
pub fn suggest_key(entry: &Entry) -> Option<String> {
    let who = first_name(entry).and_then(name_word);
    let title = entry.text("title").map(MultiText::latin_or_original);
    if who.is_none() && title.is_none() {
        return None;
    }
    let key = make_key(who.as_deref(), entry.year(), title);
    (!key.is_empty()).then_some(key)
}

fn first_name(entry: &Entry) -> Option<&Name> {
    ["author", "editor", "translator"]
        .iter()
        .find_map(|role| entry.names(role).and_then(|n| n.first()))
        .or_else(|| entry.names.values().find_map(|f| f.value.first()))
}

/// A person's family name; for an organisation, the first word of its name
/// (`Ministry of Defence` → `Ministry`), which keeps keys short.
fn name_word(name: &Name) -> Option<String> {
    if let Some(family) = &name.family {
        return Some(family.latin_or_original().to_string());
    }
    let literal = name.literal.as_ref()?.latin_or_original();
    literal.split_whitespace().next().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, DatePart, ItemType};

    #[test]
    fn key_from_author_year_and_title() {
        let mut entry = Entry::new("x", ItemType::ArticleJournal);
        let niyazov = Name {
            family: Some(MultiText::plain("Ниязов")),
            ..Name::default()
        };
        entry.set_names("author", vec![niyazov]);
        entry.set_date("issued", Date::single(DatePart::ymd(2010, 1, 1)));
        entry.set_text("title", MultiText::plain("Развитие связей"));
        assert_eq!(suggest_key(&entry).as_deref(), Some("niyazov2010razvitiye"));

        let mut web = Entry::new("y", ItemType::Webpage);
        web.set_text(
            "title",
            MultiText::plain("The History of the Frontier Post"),
        );
        assert_eq!(suggest_key(&web).as_deref(), Some("anonhistory"));
        let ministry = Name {
            literal: Some(MultiText::plain("Ministry of Defence")),
            ..Name::default()
        };
        web.set_names("author", vec![ministry]);
        assert_eq!(suggest_key(&web).as_deref(), Some("ministryhistory"));

        let mut gul = Entry::new("z", ItemType::Book);
        let name = Name {
            family: Some(MultiText::plain("Işık-Əliyeva")),
            ..Name::default()
        };
        gul.set_names("editor", vec![name]);
        assert_eq!(suggest_key(&gul).as_deref(), Some("isikeliyeva"));
        assert_eq!(suggest_key(&Entry::new("w", ItemType::Book)), None);
    }
}
