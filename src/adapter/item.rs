//! kaynak records as CSL items: the adapter that lets the CSL engine read a
//! [`model::Entry`](crate::model::Entry) through the same trait as CSL-JSON.
//!
//! Which form of a multilingual text the engine sees is the form policy's
//! ([`crate::forms`]): the plain variables hold the form it prints (what official
//! styles read), and the extension's queries (`k:forms`) get the original, the
//! transliteration the policy gives, or a translation. What the policy has to say
//! about its choices is kept per item, for the records a run prints.
//!
//! An item borrows its record: a plain variable is the record's own text unless
//! the policy derived a new one, so a library of 100,000 records is not copied
//! once more to be formatted. Lookups scan small vectors keyed by
//! [`csl::Variable`] (the engine asks for variables tens of times per item; a
//! scan of one byte per field costs less than a hash).
//! What only the extension reads (the original names, derived forms) is made on
//! its first query, so styles without the extension never pay for it.

use crate::csl::ext::FormQuery;
use crate::csl::{self, CslItem, Variable};
use crate::forms::{FormPolicy, Notes, RecordNotes, Translit};
use crate::model::{Date, Endpoint, Entry, MultiText, Name};
use crate::text::language::is_latin;
use crate::text::translit::Scheme;
use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};

/// Values by CSL variable, each variable once.
type ByName<T> = Vec<(Variable, T)>;

/// The value of `variable` in a short list: most of the engine's questions
/// are about variables the item lacks, and a scan answers them quickly.
fn find<T>(list: &[(Variable, T)], variable: Variable) -> Option<&T> {
    list.iter().find(|(k, _)| *k == variable).map(|(_, v)| v)
}

/// The variables an item has values for, one bit each by
/// [`Variable::index`]: the engine asks mostly for variables an item lacks,
/// and the bit answers those without a scan.
#[derive(Debug, Clone, Copy, Default)]
struct Present(u128);

const _: () = assert!(
    Variable::COUNT <= 128,
    "a variable's bit must fit in a u128"
);

impl Present {
    fn with(self, variable: Variable) -> Present {
        Present(self.0 | 1 << variable.index())
    }

    fn has(self, variable: Variable) -> bool {
        self.0 & 1 << variable.index() != 0
    }
}

/// The variable a record's field is named after (every field a record
/// keeps is a CSL variable; `None` would be a field that is not).
fn variable_of(name: &str) -> Option<Variable> {
    Variable::parse(name)
}

/// One record, in the forms a policy chose, ready for the CSL engine.
#[derive(Debug)]
pub struct RecordItem<'a> {
    entry: &'a Entry,
    /// The standard and number variables (and `language`) in the form the
    /// policy prints: borrowed from the record unless derived.
    variables: ByName<Cow<'a, str>>,
    names: ByName<Vec<csl::Name>>,
    dates: ByName<csl::Date>,
    /// Which variables `variables`, `names` and `dates` hold.
    present: Present,
    translit: Translit,
    /// What the policy said about the plain variables.
    plain_notes: RecordNotes,
    /// What the extension's queries need, made on the first one.
    forms: OnceLock<Box<ItemForms>>,
}

/// Transliterations by variable and the style's preferred scheme.
type Derived<T> = Vec<((Variable, Option<Scheme>), T)>;

/// The extension's view of a record: its names in their original form, and the
/// transliterations the policy gave, cached per variable and preferred scheme
/// so a render does no repeated work.
#[derive(Debug, Default)]
struct ItemForms {
    original_names: ByName<Vec<csl::Name>>,
    // locks, not RefCells: the engine reads items from several threads
    derived: Mutex<Derived<Option<String>>>,
    derived_names: Mutex<Derived<Vec<csl::Name>>>,
    notes: Mutex<RecordNotes>,
}

impl ItemForms {
    fn new(entry: &Entry) -> ItemForms {
        let original_names = entry
            .names
            .iter()
            .filter_map(|(name, field)| {
                let list = field
                    .value
                    .iter()
                    .map(|n| csl_name_with(n, |t| Some(t.original.clone())))
                    .collect();
                Some((variable_of(name)?, list))
            })
            .collect();
        ItemForms {
            original_names,
            ..ItemForms::default()
        }
    }
}

/// The cache behind a lock; a poisoned lock still holds a usable cache.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
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

impl<'a> RecordItem<'a> {
    /// The record with every text in the form `policy` prints.
    pub fn new(entry: &'a Entry, policy: &FormPolicy) -> RecordItem<'a> {
        let language = entry.language();
        let mut plain_notes = RecordNotes::default();
        let mut variables: ByName<Cow<'a, str>> =
            Vec::with_capacity(entry.texts.len() + usize::from(language.is_some()));
        for (name, field) in &entry.texts {
            let Some(variable) = variable_of(name) else {
                continue;
            };
            let chosen = policy.choose(&field.value, language);
            plain_notes.record(&chosen);
            variables.push((variable, chosen.text));
        }
        if let Some(language) = language {
            variables.push((Variable::Language, Cow::Borrowed(language)));
        }
        let names: ByName<Vec<csl::Name>> = entry
            .names
            .iter()
            .filter_map(|(name, field)| {
                let variable = variable_of(name)?;
                let list = field
                    .value
                    .iter()
                    .map(|n| {
                        csl_name_with(n, |part| {
                            let chosen = policy.choose_name_part(part, language);
                            plain_notes.record(&chosen);
                            Some(chosen.into_string())
                        })
                    })
                    .collect();
                Some((variable, list))
            })
            .collect();
        let dates: ByName<csl::Date> = entry
            .dates
            .iter()
            .filter_map(|(name, field)| Some((variable_of(name)?, csl_date(&field.value))))
            .collect();
        let keys = variables.iter().map(|(v, _)| v);
        let keys = keys.chain(names.iter().map(|(v, _)| v));
        let present = keys
            .chain(dates.iter().map(|(v, _)| v))
            .fold(Present::default(), |present, v| present.with(*v));
        RecordItem {
            entry,
            variables,
            names,
            dates,
            present,
            translit: policy.settings.translit,
            plain_notes,
            forms: OnceLock::new(),
        }
    }

    /// Adds to `notes` what the form policy said about this record's printed
    /// texts: for a style with the extension, what its queries asked; else
    /// about the plain variables.
    pub fn add_notes(&self, extension: bool, notes: &mut Notes) {
        let key = &self.entry.key;
        if !extension {
            return self.plain_notes.add_to(key, notes);
        }
        if let Some(forms) = self.forms.get() {
            lock(&forms.notes).add_to(key, notes);
        }
    }

    /// What the policy said, as [`RecordItem::add_notes`] adds it.
    pub fn notes(&self, extension: bool) -> Notes {
        let mut notes = Notes::default();
        self.add_notes(extension, &mut notes);
        notes
    }

    fn forms(&self) -> &ItemForms {
        self.forms
            .get_or_init(|| Box::new(ItemForms::new(self.entry)))
    }

    /// The transliteration of `text` the policy gives (`None` for Latin text and
    /// for text no scheme romanises), with its notes kept.
    fn translit_of(&self, text: &MultiText, style: Option<Scheme>) -> Option<String> {
        let chosen = self.translit.of(text, self.entry.language(), style)?;
        lock(&self.forms().notes).record(&chosen);
        Some(chosen.into_string())
    }

    fn translit_text(&self, variable: Variable, style: Option<Scheme>) -> Option<String> {
        let key = (variable, style);
        let forms = self.forms();
        if let Some((_, done)) = lock(&forms.derived).iter().find(|(k, _)| *k == key) {
            return done.clone();
        }
        let derived = self.translit_of(self.entry.text(variable.as_str())?, style);
        lock(&forms.derived).push((key, derived.clone()));
        derived
    }

    fn translit_names(&self, variable: Variable, style: Option<Scheme>) -> Option<Vec<csl::Name>> {
        let key = (variable, style);
        let forms = self.forms();
        if let Some((_, done)) = lock(&forms.derived_names).iter().find(|(k, _)| *k == key) {
            return Some(done.clone());
        }
        let derived: Vec<csl::Name> = self
            .entry
            .names(variable.as_str())?
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
        lock(&forms.derived_names).push((key, derived.clone()));
        Some(derived)
    }
}

/// An EDTF date as CSL date parts (0 for an absent part).
pub fn csl_date(date: &Date) -> csl::Date {
    let mut out = csl::Date::default();
    let ends = [Some(&date.start), date.end.as_ref()];
    // sized to the known ends at once: growing and then shrinking took two
    // allocations per date
    let known = ends.iter().flatten();
    let known = known.filter(|e| matches!(e, Endpoint::Known(_))).count();
    out.parts.reserve_exact(known);
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
    out.parts.shrink_to_fit();
    out
}

impl CslItem for RecordItem<'_> {
    fn id(&self) -> &str {
        &self.entry.key
    }

    fn item_type(&self) -> &str {
        self.entry.item_type.value.name()
    }

    fn language(&self) -> Option<&str> {
        self.entry.language()
    }

    fn variable(&self, variable: Variable) -> Option<&str> {
        if !self.present.has(variable) {
            return None;
        }
        find(&self.variables, variable).map(|v| v.as_ref())
    }

    fn names(&self, variable: Variable) -> Option<Cow<'_, [csl::Name]>> {
        if !self.present.has(variable) {
            return None;
        }
        find(&self.names, variable).map(|n| Cow::Borrowed(n.as_slice()))
    }

    fn date(&self, variable: Variable) -> Option<Cow<'_, csl::Date>> {
        if !self.present.has(variable) {
            return None;
        }
        find(&self.dates, variable).map(Cow::Borrowed)
    }

    fn held_variables(&self) -> Option<u128> {
        Some(self.present.0)
    }

    fn has_variable(&self, variable: Variable) -> bool {
        // most variables a style asks about are absent: one bit says so
        self.present.has(variable)
            && (find(&self.variables, variable).is_some()
                || find(&self.names, variable).is_some()
                || find(&self.dates, variable).is_some_and(|d| d.is_given()))
    }

    fn text_form(&self, variable: Variable, query: FormQuery<'_>) -> Option<Cow<'_, str>> {
        let Some(field) = self.entry.texts.get(variable.as_str()) else {
            return csl::ext::default_text_form(self.variable(variable), query);
        };
        let text = &field.value;
        match query {
            FormQuery::Original => Some(Cow::Borrowed(&text.original)),
            FormQuery::Translation(tag) => text.translation(tag).map(Cow::Borrowed),
            FormQuery::Translit(_) if is_latin(&text.original) => {
                Some(Cow::Borrowed(&text.original))
            }
            FormQuery::Translit(style) => self.translit_text(variable, style).map(Cow::Owned),
        }
    }

    fn names_form(&self, variable: Variable, query: FormQuery<'_>) -> Option<Cow<'_, [csl::Name]>> {
        match query {
            FormQuery::Original => {
                find(&self.forms().original_names, variable).map(|n| Cow::Borrowed(n.as_slice()))
            }
            FormQuery::Translit(style) => self.translit_names(variable, style).map(Cow::Owned),
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
        title.set_translit(Some("Voyennaya doktrina".into()));
        title
            .translations_mut()
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

    /// The engine's default answer to "has the item this variable".
    fn looked_up(item: &RecordItem, variable: Variable) -> bool {
        item.variable(variable).is_some()
            || item.names(variable).is_some()
            || item.date(variable).is_some_and(|d| d.is_given())
    }

    #[test]
    fn the_variable_bits_answer_as_the_values_do() {
        let mut entry = russian_entry();
        // a date with no known end has no parts: it is not there for the engine
        let unknown = Date {
            start: crate::model::Endpoint::Unknown,
            end: None,
        };
        entry.set_date("accessed", unknown);
        let item = RecordItem::new(&entry, &policy(Form::Auto, None, "en-US"));
        let bits = item.held_variables().unwrap_or(u128::MAX);
        let mut held = 0;
        for variable in Variable::ALL {
            assert_eq!(
                item.has_variable(variable),
                looked_up(&item, variable),
                "{variable:?}"
            );
            held += usize::from(item.has_variable(variable));
            // the bits hold every variable the item gives something for
            let any = item.variable(variable).is_some()
                || item.names(variable).is_some()
                || item.date(variable).is_some();
            assert!(!any || bits & 1 << variable.index() != 0, "{variable:?}");
        }
        // title, container-title, language, issued; not the empty date
        assert_eq!(held, 4);
        assert!(!item.has_variable(Variable::Accessed));
    }

    #[test]
    fn policies_pick_forms() {
        let entry = russian_entry();
        let auto = RecordItem::new(&entry, &policy(Form::Auto, None, "en-US"));
        assert_eq!(auto.variable(Variable::Title), Some("Voyennaya doktrina"));
        assert_eq!(auto.variable(Variable::ContainerTitle), Some("Vestnik"));
        let russian = RecordItem::new(&entry, &policy(Form::Auto, None, "ru-RU"));
        assert_eq!(russian.variable(Variable::Title), Some("Военная доктрина"));
        let original = RecordItem::new(&entry, &policy(Form::Original, None, "en-US"));
        assert_eq!(original.variable(Variable::Title), Some("Военная доктрина"));
        let english = policy(Form::Translation("en".into()), None, "en-US");
        assert_eq!(
            RecordItem::new(&entry, &english).variable(Variable::Title),
            Some("Military doctrine")
        );
        assert_eq!(
            auto.date(Variable::Issued).unwrap().parts,
            vec![[2011, 3, 1]]
        );
        assert_eq!(auto.language(), Some("ru"));
        assert_eq!(auto.variable(Variable::Language), Some("ru"));
        assert_eq!(auto.variable(Variable::Volume), None);
        let notes = auto.notes(false).diagnostics(false);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].code, "translit-mixed");
    }

    /// The own text is lent, not copied: only derived forms are owned.
    #[test]
    fn plain_variables_borrow_the_record() {
        let entry = russian_entry();
        let auto = RecordItem::new(&entry, &policy(Form::Auto, None, "en-US"));
        let owned: Vec<Variable> = auto
            .variables
            .iter()
            .filter(|(_, v)| matches!(v, Cow::Owned(_)))
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(owned, [Variable::ContainerTitle]);
        assert!(auto.forms.get().is_none(), "no extension query yet");
    }

    #[test]
    fn extension_queries_follow_the_policy() {
        let entry = russian_entry();
        let item = RecordItem::new(&entry, &policy(Form::Auto, Some(Scheme::BgnPcgn), "en-US"));
        let query = |name, q| item.text_form(name, q).map(Cow::into_owned);
        assert_eq!(
            query(Variable::Title, FormQuery::Translit(Some(Scheme::AlaLc))).as_deref(),
            Some("Voyennaya doktrina")
        );
        assert_eq!(
            query(
                Variable::ContainerTitle,
                FormQuery::Translit(Some(Scheme::AlaLc))
            )
            .as_deref(),
            Some("Vestnik")
        );
        let unset = RecordItem::new(&entry, &policy(Form::Auto, None, "en-US"));
        assert_eq!(
            unset
                .text_form(
                    Variable::ContainerTitle,
                    FormQuery::Translit(Some(Scheme::Icao))
                )
                .as_deref(),
            Some("Vestnik")
        );
        assert!(unset.notes(true).diagnostics(false).is_empty());
    }
}
