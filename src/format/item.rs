//! kaynak records as CSL items: the adapter that lets the CSL engine read a
//! [`model::Entry`](crate::model::Entry) through the same trait as CSL-JSON.
//!
//! Which form of a multilingual text the engine sees is chosen here, once per
//! item, by a [`FormPolicy`]: the original, a transliteration, or a translation.

use crate::csl::ext::FormQuery;
use crate::csl::{self, CslItem};
use crate::model::{Date, Endpoint, Entry, MultiText, Name};
use crate::text::translit::Scheme;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;

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
    /// Every form of the texts and names, for the CSL extension (`k:forms`).
    forms: ItemForms,
}

/// The multilingual values of a record, and transliterations derived from
/// them, cached per variable and scheme so a render does no repeated work.
#[derive(Debug, Default)]
struct ItemForms {
    texts: HashMap<&'static str, MultiText>,
    original_names: HashMap<&'static str, Vec<csl::Name>>,
    record_names: HashMap<&'static str, Vec<csl::Name>>,
    // a lock, not a RefCell: the engine reads items from several threads
    derived: Mutex<HashMap<(String, Scheme), String>>,
    derived_names: Mutex<HashMap<(String, Scheme), Vec<csl::Name>>>,
}

impl Clone for ItemForms {
    fn clone(&self) -> ItemForms {
        ItemForms {
            texts: self.texts.clone(),
            original_names: self.original_names.clone(),
            record_names: self.record_names.clone(),
            derived: Mutex::new(lock(&self.derived).clone()),
            derived_names: Mutex::new(lock(&self.derived_names).clone()),
        }
    }
}

impl ItemForms {
    fn new(entry: &Entry) -> ItemForms {
        let texts = entry
            .texts
            .iter()
            .map(|(name, field)| (*name, field.value.clone()))
            .collect();
        let names_in = |pick: fn(&MultiText) -> Option<&str>| {
            entry
                .names
                .iter()
                .map(|(name, field)| {
                    let list = field.value.iter().map(|n| name_parts(n, pick)).collect();
                    (*name, list)
                })
                .collect()
        };
        ItemForms {
            texts,
            original_names: names_in(|t| Some(t.original.as_str())),
            record_names: names_in(|t| t.translit.as_deref()),
            ..ItemForms::default()
        }
    }

    fn scheme_text(&self, name: &str, scheme: Scheme) -> Option<String> {
        let key = (name.to_string(), scheme);
        if let Some(done) = lock(&self.derived).get(&key) {
            return Some(done.clone());
        }
        let derived = crate::text::translit::transliterate(&self.texts.get(name)?.original, scheme);
        lock(&self.derived).insert(key, derived.clone());
        Some(derived)
    }

    fn scheme_names(&self, name: &str, scheme: Scheme) -> Option<Vec<csl::Name>> {
        let key = (name.to_string(), scheme);
        if let Some(done) = lock(&self.derived_names).get(&key) {
            return Some(done.clone());
        }
        let derived: Vec<csl::Name> = self
            .original_names
            .get(name)?
            .iter()
            .map(|n| csl::ext::map_name(n, |p| crate::text::translit::transliterate(p, scheme)))
            .collect();
        lock(&self.derived_names).insert(key, derived.clone());
        Some(derived)
    }
}

/// The cache behind a lock; a poisoned lock still holds a usable cache.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn borrowed<'a>(
    map: &'a HashMap<&'static str, Vec<csl::Name>>,
    name: &str,
) -> Option<Cow<'a, [csl::Name]>> {
    map.get(name).map(|n| Cow::Borrowed(n.as_slice()))
}

/// A name with each part in the form `pick` gives (`None` where it gives none).
fn name_parts(name: &Name, pick: fn(&MultiText) -> Option<&str>) -> csl::Name {
    csl_name_with(name, |t| pick(t).map(str::to_string))
}

/// A CSL name whose parts are `part(…)` of the record's parts.
fn csl_name_with(name: &Name, part: impl Fn(&MultiText) -> Option<String>) -> csl::Name {
    let part = |p: &Option<MultiText>| p.as_ref().and_then(&part);
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
            forms: ItemForms::new(entry),
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
    csl_name_with(name, |t| Some(names_policy.pick(t, language).into_owned()))
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

    fn text_form(&self, name: &str, query: FormQuery<'_>) -> Option<Cow<'_, str>> {
        let Some(text) = self.forms.texts.get(name) else {
            return csl::ext::default_text_form(self.variable(name), query);
        };
        match query {
            FormQuery::Original => Some(Cow::Borrowed(&text.original)),
            FormQuery::Record => text.translit.as_deref().map(Cow::Borrowed),
            FormQuery::Translation(tag) => text.translation(tag).map(Cow::Borrowed),
            FormQuery::Scheme(scheme) => self.forms.scheme_text(name, scheme).map(Cow::Owned),
        }
    }

    fn names_form(&self, name: &str, query: FormQuery<'_>) -> Option<Cow<'_, [csl::Name]>> {
        match query {
            FormQuery::Original => borrowed(&self.forms.original_names, name),
            FormQuery::Record => borrowed(&self.forms.record_names, name),
            FormQuery::Scheme(scheme) => self.forms.scheme_names(name, scheme).map(Cow::Owned),
            FormQuery::Translation(_) => None,
        }
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
