//! kaynak records as CSL items: the adapter that lets the CSL engine read a
//! [`model::Entry`](crate::model::Entry) through the same trait as CSL-JSON.
//!
//! Which form of a multilingual text the engine sees is the form policy's
//! ([`crate::forms`]): the plain variables hold the form it prints (what official
//! styles read), and the extension's queries (`k:forms`) get the original, the
//! transliteration the policy gives, or a translation. What the policy has to say
//! about its choices is kept per item, for the records a run prints.

use crate::csl::ext::FormQuery;
use crate::csl::{self, CslItem};
use crate::forms::{FormPolicy, Notes, Translit};
use crate::model::{Date, Endpoint, Entry, MultiText, Name};
use crate::text::language::is_latin;
use crate::text::translit::Scheme;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;

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
    /// What the policy said about the plain variables.
    plain_notes: Notes,
}

/// Transliterations by variable and the style's preferred scheme.
type Cache<T> = HashMap<(&'static str, Option<Scheme>), T>;

/// The multilingual values of a record and the transliterations the policy gave
/// for them, cached per variable and preferred scheme so a render does no
/// repeated work.
#[derive(Debug, Default)]
struct ItemForms {
    key: String,
    language: Option<String>,
    translit: Translit,
    texts: HashMap<&'static str, MultiText>,
    names: HashMap<&'static str, Vec<Name>>,
    original_names: HashMap<&'static str, Vec<csl::Name>>,
    // a lock, not a RefCell: the engine reads items from several threads
    derived: Mutex<Cache<Option<String>>>,
    derived_names: Mutex<Cache<Vec<csl::Name>>>,
    notes: Mutex<Notes>,
}

impl Clone for ItemForms {
    fn clone(&self) -> ItemForms {
        ItemForms {
            key: self.key.clone(),
            language: self.language.clone(),
            translit: self.translit,
            texts: self.texts.clone(),
            names: self.names.clone(),
            original_names: self.original_names.clone(),
            derived: Mutex::new(lock(&self.derived).clone()),
            derived_names: Mutex::new(lock(&self.derived_names).clone()),
            notes: Mutex::new(lock(&self.notes).clone()),
        }
    }
}

impl ItemForms {
    fn new(entry: &Entry, translit: Translit) -> ItemForms {
        let texts = entry
            .texts
            .iter()
            .map(|(name, field)| (*name, field.value.clone()))
            .collect();
        let names: HashMap<&'static str, Vec<Name>> = entry
            .names
            .iter()
            .map(|(name, field)| (*name, field.value.clone()))
            .collect();
        let original_names = names
            .iter()
            .map(|(name, list)| {
                let list = list
                    .iter()
                    .map(|n| csl_name_with(n, |t| Some(t.original.clone())))
                    .collect();
                (*name, list)
            })
            .collect();
        ItemForms {
            key: entry.key.clone(),
            language: entry.language().map(str::to_string),
            translit,
            texts,
            names,
            original_names,
            ..ItemForms::default()
        }
    }

    /// The transliteration of `text` the policy gives (`None` for Latin text and
    /// for text no scheme romanises), with its notes kept.
    fn translit_of(&self, text: &MultiText, style: Option<Scheme>) -> Option<String> {
        let chosen = self.translit.of(text, self.language.as_deref(), style)?;
        lock(&self.notes).record(&self.key, &chosen);
        Some(chosen.into_string())
    }

    fn translit_text(&self, name: &'static str, style: Option<Scheme>) -> Option<String> {
        let key = (name, style);
        if let Some(done) = lock(&self.derived).get(&key) {
            return done.clone();
        }
        let derived = self.translit_of(self.texts.get(name)?, style);
        lock(&self.derived).insert(key, derived.clone());
        derived
    }

    fn translit_names(&self, name: &'static str, style: Option<Scheme>) -> Option<Vec<csl::Name>> {
        let key = (name, style);
        if let Some(done) = lock(&self.derived_names).get(&key) {
            return Some(done.clone());
        }
        let derived: Vec<csl::Name> = self
            .names
            .get(name)?
            .iter()
            .map(|n| {
                csl_name_with(n, |part| {
                    Some(
                        self.translit_of(part, style)
                            .unwrap_or_else(|| part.original.clone()),
                    )
                })
            })
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

/// A CSL name whose parts are `part(…)` of the record's parts.
fn csl_name_with(name: &Name, mut part: impl FnMut(&MultiText) -> Option<String>) -> csl::Name {
    let mut part = |p: &Option<MultiText>| p.as_ref().and_then(&mut part);
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
    /// The record with every text in the form `policy` prints.
    pub fn new(entry: &Entry, policy: &FormPolicy) -> RecordItem {
        let language = entry.language();
        let mut plain_notes = Notes::default();
        let mut variables: HashMap<&'static str, String> = entry
            .texts
            .iter()
            .map(|(name, field)| {
                let chosen = policy.choose(&field.value, language);
                plain_notes.record(&entry.key, &chosen);
                (*name, chosen.into_string())
            })
            .collect();
        if let Some(language) = language {
            variables.insert("language", language.to_string());
        }
        let names = entry
            .names
            .iter()
            .map(|(name, field)| {
                let list = field
                    .value
                    .iter()
                    .map(|n| {
                        csl_name_with(n, |part| {
                            let chosen = policy.choose_name_part(part, language);
                            plain_notes.record(&entry.key, &chosen);
                            Some(chosen.into_string())
                        })
                    })
                    .collect();
                (*name, list)
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
            forms: ItemForms::new(entry, policy.settings.translit),
            plain_notes,
        }
    }

    /// What the form policy said about this record's printed texts: for a style
    /// with the extension, what its queries asked; else about the plain variables.
    pub fn notes(&self, extension: bool) -> Notes {
        if extension {
            lock(&self.forms.notes).clone()
        } else {
            self.plain_notes.clone()
        }
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

    fn text_form(&self, name: &str, query: FormQuery<'_>) -> Option<Cow<'_, str>> {
        let Some((key, text)) = self.forms.texts.get_key_value(name) else {
            return csl::ext::default_text_form(self.variable(name), query);
        };
        match query {
            FormQuery::Original => Some(Cow::Borrowed(&text.original)),
            FormQuery::Translation(tag) => text.translation(tag).map(Cow::Borrowed),
            FormQuery::Translit(_) if is_latin(&text.original) => {
                Some(Cow::Borrowed(&text.original))
            }
            FormQuery::Translit(style) => self.forms.translit_text(key, style).map(Cow::Owned),
        }
    }

    fn names_form(&self, name: &str, query: FormQuery<'_>) -> Option<Cow<'_, [csl::Name]>> {
        match query {
            FormQuery::Original => borrowed(&self.forms.original_names, name),
            FormQuery::Translit(style) => {
                let (key, _) = self.forms.names.get_key_value(name)?;
                self.forms.translit_names(key, style).map(Cow::Owned)
            }
            FormQuery::Translation(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::{Form, FormSettings, TranslitPolicy};
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

    fn policy(form: Form, scheme: Option<Scheme>, locale: &str) -> FormPolicy {
        let settings = FormSettings {
            form,
            translit: Translit {
                scheme,
                policy: TranslitPolicy::RecordFirst,
            },
        };
        FormPolicy::for_locale(settings, locale)
    }

    #[test]
    fn policies_pick_forms() {
        let entry = russian_entry();
        let auto = RecordItem::new(&entry, &policy(Form::Auto, None, "en-US"));
        assert_eq!(auto.variable("title"), Some("Voyennaya doktrina"));
        assert_eq!(auto.variable("container-title"), Some("Vestnik"));
        let russian = RecordItem::new(&entry, &policy(Form::Auto, None, "ru-RU"));
        assert_eq!(russian.variable("title"), Some("Военная доктрина"));
        let original = RecordItem::new(&entry, &policy(Form::Original, None, "en-US"));
        assert_eq!(original.variable("title"), Some("Военная доктрина"));
        let english = policy(Form::Translation("en".into()), None, "en-US");
        assert_eq!(
            RecordItem::new(&entry, &english).variable("title"),
            Some("Military doctrine")
        );
        assert_eq!(auto.date("issued").unwrap().parts, vec![[2011, 3, 1]]);
        assert_eq!(auto.language(), Some("ru"));
        let notes = auto.notes(false).diagnostics(false);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].code, "translit-mixed");
    }

    #[test]
    fn extension_queries_follow_the_policy() {
        let entry = russian_entry();
        let item = RecordItem::new(&entry, &policy(Form::Auto, Some(Scheme::BgnPcgn), "en-US"));
        let query = |name, q| item.text_form(name, q).map(Cow::into_owned);
        assert_eq!(
            query("title", FormQuery::Translit(Some(Scheme::AlaLc))).as_deref(),
            Some("Voyennaya doktrina")
        );
        assert_eq!(
            query("container-title", FormQuery::Translit(Some(Scheme::AlaLc))).as_deref(),
            Some("Vestnik")
        );
        let unset = RecordItem::new(&entry, &policy(Form::Auto, None, "en-US"));
        assert_eq!(
            unset
                .text_form("container-title", FormQuery::Translit(Some(Scheme::Icao)))
                .as_deref(),
            Some("Vestnik")
        );
        assert!(unset.notes(true).diagnostics(false).is_empty());
    }
}
