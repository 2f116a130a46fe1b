//! kaynak records as CSL items: the adapter that lets the CSL engine read a
//! [`model::Entry`](crate::model::Entry) through the same trait as CSL-JSON.
//!
//! Which form of a multilingual text the engine sees is chosen here, once per
//! item, by a [`FormPolicy`]: the original, a transliteration, or a translation.

use crate::csl::{self, CslItem};
use crate::model::{Date, Endpoint, Entry, MultiText, Name};
use crate::text::translit::Scheme;
use std::borrow::Cow;
use std::collections::HashMap;

/// Which form of a text to give the engine.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TextForm {
    /// Latin-script text as written; other scripts transliterated (the record's
    /// own `translit` first). What an English-language document wants.
    #[default]
    Auto,
    /// Always the text as published, in its own script.
    Original,
    /// The transliteration, derived under the policy's scheme when forced.
    Translit,
    /// The translation into this language, else as [`TextForm::Auto`].
    Translation(String),
}

impl TextForm {
    /// Parses `auto`, `original`, `translit` or `translation:TAG`.
    pub fn from_name(name: &str) -> Option<TextForm> {
        match name {
            "auto" => Some(TextForm::Auto),
            "original" => Some(TextForm::Original),
            "translit" => Some(TextForm::Translit),
            _ => name
                .strip_prefix("translation:")
                .filter(|tag| !tag.is_empty())
                .map(|tag| TextForm::Translation(tag.to_string())),
        }
    }
}

/// How texts are chosen for every item of a run.
#[derive(Debug, Clone, Default)]
pub struct FormPolicy {
    pub form: TextForm,
    /// A scheme that overrides records' own transliterations (e.g. ALA-LC for Chicago).
    pub forced_scheme: Option<Scheme>,
    /// The library's default scheme (`translit` in kaynak.toml).
    pub configured: Option<Scheme>,
}

impl FormPolicy {
    /// The form of `text` this policy gives, for a record in `language`.
    pub fn pick<'a>(&self, text: &'a MultiText, language: Option<&str>) -> Cow<'a, str> {
        if let TextForm::Translation(tag) = &self.form {
            if let Some(t) = text.translation(tag) {
                return Cow::Borrowed(t);
            }
        }
        if self.form == TextForm::Original {
            return Cow::Borrowed(&text.original);
        }
        let scheme = self.forced_scheme.or(self.configured);
        match text.latin(language, scheme, self.forced_scheme.is_some()) {
            Some((latin, _)) => latin,
            None => Cow::Borrowed(&text.original),
        }
    }
}

/// One record, in the forms a policy chose, ready for the CSL engine.
#[derive(Debug, Clone)]
pub struct RecordItem {
    id: String,
    item_type: &'static str,
    variables: HashMap<&'static str, String>,
    names: HashMap<&'static str, Vec<csl::Name>>,
    dates: HashMap<&'static str, csl::Date>,
}

impl RecordItem {
    pub fn new(entry: &Entry, policy: &FormPolicy) -> RecordItem {
        let language = entry.language();
        let mut variables: HashMap<&'static str, String> = entry
            .texts
            .iter()
            .map(|(name, field)| (*name, policy.pick(&field.value, language).into_owned()))
            .collect();
        if let Some(language) = language {
            variables.insert("language", language.to_string());
        }
        let names = entry
            .names
            .iter()
            .map(|(name, field)| {
                (
                    *name,
                    field
                        .value
                        .iter()
                        .map(|n| csl_name(n, language, policy))
                        .collect(),
                )
            })
            .collect();
        let dates = entry
            .dates
            .iter()
            .map(|(name, field)| (*name, csl_date(&field.value)))
            .collect();
        RecordItem {
            id: entry.key.clone(),
            item_type: entry.item_type.value.name(),
            variables,
            names,
            dates,
        }
    }
}

fn csl_name(name: &Name, language: Option<&str>, policy: &FormPolicy) -> csl::Name {
    // Names are never translated: a translation policy shows them as Auto would.
    let names_policy = FormPolicy {
        form: match policy.form {
            TextForm::Original => TextForm::Original,
            _ => TextForm::Auto,
        },
        ..policy.clone()
    };
    let part = |p: &Option<MultiText>| {
        p.as_ref()
            .map(|t| names_policy.pick(t, language).into_owned())
    };
    csl::Name {
        family: part(&name.family),
        given: part(&name.given),
        dropping_particle: part(&name.dropping_particle),
        non_dropping_particle: part(&name.non_dropping_particle),
        suffix: part(&name.suffix),
        comma_suffix: name.comma_suffix,
        static_ordering: name.static_ordering,
        literal: part(&name.literal),
    }
}

/// An EDTF date as CSL date parts (0 for an absent part).
pub fn csl_date(date: &Date) -> csl::Date {
    let mut out = csl::Date::default();
    let ends = [Some(&date.start), date.end.as_ref()];
    for end in ends.into_iter().flatten() {
        match end {
            Endpoint::Known(p) => {
                out.parts.push([
                    p.year,
                    i32::from(p.month.unwrap_or(0)),
                    i32::from(p.day.unwrap_or(0)),
                ]);
                if let Some(season) = p.season {
                    out.season = Some(season.to_string());
                }
                out.circa |= p.approximate || p.uncertain;
            }
            // An open or unknown end: CSL has no form for it, so the range keeps
            // only its known end.
            Endpoint::Open | Endpoint::Unknown => {}
        }
    }
    out
}

impl CslItem for RecordItem {
    fn id(&self) -> &str {
        &self.id
    }

    fn item_type(&self) -> &str {
        self.item_type
    }

    fn variable(&self, name: &str) -> Option<&str> {
        self.variables.get(name).map(String::as_str)
    }

    fn names(&self, name: &str) -> Option<Cow<'_, [csl::Name]>> {
        self.names.get(name).map(|n| Cow::Borrowed(n.as_slice()))
    }

    fn date(&self, name: &str) -> Option<Cow<'_, csl::Date>> {
        self.dates.get(name).map(Cow::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatePart, ItemType};

    fn russian_entry() -> Entry {
        let mut entry = Entry::new("niyazov", ItemType::ArticleJournal);
        entry.language = Some(crate::model::Field::detached("ru".to_string()));
        let mut title = MultiText::plain("Военная доктрина");
        title.translit = Some("Voyennaya doktrina".into());
        title
            .translations
            .insert("en".into(), "Military doctrine".into());
        entry.set_text("title", title);
        entry.set_text("container-title", MultiText::plain("Вестник"));
        entry.set_date("issued", Date::single(DatePart::ymd(2011, 3, 1)));
        entry
    }

    #[test]
    fn policies_pick_forms() {
        let entry = russian_entry();
        let auto = RecordItem::new(&entry, &FormPolicy::default());
        assert_eq!(auto.variable("title"), Some("Voyennaya doktrina"));
        assert_eq!(auto.variable("container-title"), Some("Vestnik"));
        let original = FormPolicy {
            form: TextForm::Original,
            ..FormPolicy::default()
        };
        assert_eq!(
            RecordItem::new(&entry, &original).variable("title"),
            Some("Военная доктрина")
        );
        let english = FormPolicy {
            form: TextForm::from_name("translation:en").unwrap(),
            ..FormPolicy::default()
        };
        assert_eq!(
            RecordItem::new(&entry, &english).variable("title"),
            Some("Military doctrine")
        );
        let forced = FormPolicy {
            forced_scheme: Some(Scheme::AlaLcPlain),
            ..FormPolicy::default()
        };
        assert_eq!(
            RecordItem::new(&entry, &forced).variable("title"),
            Some("Voennaia doktrina")
        );
        assert_eq!(auto.date("issued").unwrap().parts, vec![[2011, 3, 1]]);
        assert_eq!(auto.language(), Some("ru"));
    }
}
