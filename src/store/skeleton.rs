//! The text of a new record (`kaynak new`): the fields its item type requires
//! and recommends (from [`crate::model::requirements`], the table `kaynak check`
//! reads too), each with a short comment saying what goes there, the fields
//! the user gave already filled in, and the rest commented out.
//!
//! The skeleton is in canonical form (`kaynak fmt` leaves it as it is). This
//! module builds text only: the caller loads it back through the record parser
//! before writing, so a bad `--field` value is reported like a bad record.

use super::string_repr::string_repr;
use super::Settings;
use crate::model::requirements::requirements;
use crate::model::variable::lookup;
use crate::model::{Date, DatePart, Endpoint, ItemType, VariableKind};
use crate::text::language;
use crate::text::translit::{scheme_for, Lang, Scheme};
use std::collections::BTreeMap;

/// Why no skeleton can be written for the given fields.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SkeletonError {
    #[error("`{0}` is given twice; only name lists (author, editor …) take several values")]
    Repeated(String),
    #[error("the item type is given with --type, not as a field")]
    TypeField,
}

/// One group of lines: a field, or the fields of a "one of" requirement.
struct Slot {
    fields: Vec<String>,
    need: Need,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    Recommended,
    Given,
}

/// The text of a new record of `item_type` with `fields` (NAME, VALUE pairs, in
/// the order given; name lists may repeat). `today` (the user's local date)
/// is offered for `accessed`, which is usually today when a record is made.
pub fn skeleton(
    item_type: ItemType,
    fields: &[(String, String)],
    settings: &Settings,
    today: Option<DatePart>,
) -> Result<String, SkeletonError> {
    let given = group_fields(fields)?;
    let language = given.get("language").and_then(|v| v.first()).cloned();
    let mut style = Style::new(language.as_deref(), settings);
    style.today = today;
    let mut out = wrap_comment(&format!(
        "A new record: {}. Fill in the lines that are commented out (remove the `#`) \
         and delete those that do not apply; `kaynak check` lists what is still missing.",
        describe_type(item_type)
    ));
    out.push_str(&format!("type = {}\n", string_repr(item_type.name())));
    out.push_str("\n# The language of the texts, a BCP 47 tag: tr, ru, en …\n");
    match &language {
        Some(tag) => out.push_str(&format!("language = {}\n", string_repr(tag))),
        None => out.push_str(&format!("# language = {}\n", string_repr(&style.target))),
    }
    for slot in slots(item_type, &given) {
        out.push('\n');
        out.push_str(&slot_comment(&slot, &style));
        for name in &slot.fields {
            match given.get(name) {
                Some(values) => out.push_str(&given_line(name, values)),
                None => out.push_str(&format!("# {name} = {}\n", placeholder(name, &style))),
            }
        }
    }
    Ok(out)
}

/// Field values by name; names given twice are refused unless they are lists.
fn group_fields(
    fields: &[(String, String)],
) -> Result<BTreeMap<String, Vec<String>>, SkeletonError> {
    let mut given: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in fields {
        if name == "type" {
            return Err(SkeletonError::TypeField);
        }
        let values = given.entry(name.clone()).or_default();
        let is_list = lookup(name).is_some_and(|v| v.kind == VariableKind::Names);
        if !values.is_empty() && !is_list {
            return Err(SkeletonError::Repeated(name.clone()));
        }
        values.push(super::context::nfc(value));
    }
    Ok(given)
}

/// Required groups, recommended fields, then the other given fields, in the
/// canonical field order.
fn slots(item_type: ItemType, given: &BTreeMap<String, Vec<String>>) -> Vec<Slot> {
    let needs = requirements(item_type);
    let mut slots: Vec<Slot> = needs
        .required
        .iter()
        .map(|group| Slot {
            fields: group.iter().map(|n| n.to_string()).collect(),
            need: Need::Required,
        })
        .collect();
    let add = |name: &str, need: Need, slots: &mut Vec<Slot>| {
        if !slots.iter().any(|s| s.fields.iter().any(|f| f == name)) {
            slots.push(Slot {
                fields: vec![name.to_string()],
                need,
            });
        }
    };
    for name in needs.recommended {
        add(name, Need::Recommended, &mut slots);
    }
    // Unknown names are written as they are, for the parser to report.
    for name in given.keys().filter(|n| *n != "language") {
        add(name, Need::Given, &mut slots);
    }
    slots
        .sort_by_key(|s| super::canonical::field_rank(s.fields.first().map_or("", String::as_str)));
    slots
}

fn slot_comment(slot: &Slot, style: &Style) -> String {
    let what = match slot.need {
        Need::Required if slot.fields.len() > 1 => {
            format!("Required, one of {}", slot.fields.join(" or "))
        }
        Need::Required => "Required".to_string(),
        Need::Recommended => "Recommended".to_string(),
        Need::Given => String::new(),
    };
    let about = describe_field(slot.fields.first().map_or("", String::as_str), style);
    let text = if what.is_empty() {
        capitalise(&about)
    } else {
        format!("{what}: {about}")
    };
    wrap_comment(&text)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Comment lines of at most about 78 characters.
fn wrap_comment(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.chars().count() + 1 + word.chars().count() > 78 && line != "#" {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The line(s) for a field the user gave.
fn given_line(name: &str, values: &[String]) -> String {
    let key = toml_edit::Key::new(name).display_repr().into_owned();
    let kind = lookup(name).map(|v| v.kind);
    match kind {
        Some(VariableKind::Names) => {
            let names: String = values
                .iter()
                .map(|v| format!("  {},\n", name_table(v)))
                .collect();
            format!("{key} = [\n{names}]\n")
        }
        Some(VariableKind::Date) => {
            let value = values.first().map(String::as_str).unwrap_or("");
            format!("{key} = {}\n", date_value(value))
        }
        _ => {
            let value = values.first().map(String::as_str).unwrap_or("");
            format!("{key} = {}\n", string_repr(value))
        }
    }
}

/// `Family, Given` is a person; a name without a comma is an organisation.
fn name_table(value: &str) -> String {
    match value.split_once(',') {
        Some((family, given)) if !given.trim().is_empty() => format!(
            "{{ family = {}, given = {} }}",
            string_repr(family.trim()),
            string_repr(given.trim())
        ),
        Some((family, _)) => format!("{{ family = {} }}", string_repr(family.trim())),
        None => format!("{{ literal = {} }}", string_repr(value.trim())),
    }
}

/// A TOML date for a complete date, else the text as a string (which the
/// parser then checks, with an ISO hint for `31.03.2021`).
fn date_value(value: &str) -> String {
    if let Ok(Date {
        start: Endpoint::Known(part),
        end: None,
    }) = Date::parse(value)
    {
        let plain = !part.approximate && !part.uncertain && part.season.is_none();
        if let (Some(month), Some(day), true) = (part.month, part.day, plain) {
            if part.is_possible() && (0..=9999).contains(&part.year) {
                return format!("{:04}-{month:02}-{day:02}", part.year);
            }
        }
    }
    string_repr(value.trim())
}

/// What the library's settings and the record's language say about texts.
struct Style {
    /// The language translations go into (the library locale's), e.g. `en`.
    target: String,
    /// The record's language is written in a non-Latin script.
    non_latin: bool,
    /// The record's language differs from `target`.
    foreign: bool,
    /// The scheme that derives transliterations for the record's language
    /// (the library's, where it fits the language), if there is one.
    scheme: Option<Scheme>,
    /// The user's local date, offered for `accessed`.
    today: Option<DatePart>,
}

impl Style {
    fn new(language: Option<&str>, settings: &Settings) -> Style {
        let target = settings
            .locale
            .as_deref()
            .map(primary)
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "en".to_string());
        let non_latin = language.is_some_and(is_non_latin);
        let foreign = language.is_some_and(|l| primary(l) != target);
        Style {
            target,
            non_latin,
            foreign,
            scheme: language
                .and_then(Lang::from_tag)
                .map(|lang| scheme_for(lang, settings.translit)),
            today: None,
        }
    }
}

fn primary(tag: &str) -> String {
    language::primary(tag)
}

/// Languages usually written in a non-Latin script (a script subtag decides
/// where one is given: `az-Cyrl`, `sr-Latn`).
fn is_non_latin(tag: &str) -> bool {
    language::likely_script(tag).is_some_and(|s| s != language::Script::Latin)
}

/// The commented-out value that shows the form a field takes.
fn placeholder(name: &str, style: &Style) -> String {
    let kind = lookup(name).map(|v| v.kind);
    match kind {
        Some(VariableKind::Names) => "[{ family = \"\", given = \"\" }]".to_string(),
        _ if name == "accessed" && style.today.is_some() => {
            style.today.map(|d| d.to_string()).unwrap_or_default()
        }
        _ if name == "title" && (style.non_latin || style.foreign) => {
            let translit = if style.non_latin {
                ", translit = \"\""
            } else {
                ""
            };
            let translation = if style.foreign {
                format!(", translation = {{ {} = \"\" }}", style.target)
            } else {
                String::new()
            };
            format!("{{ original = \"\"{translit}{translation} }}")
        }
        _ => "\"\"".to_string(),
    }
}

fn describe_type(item_type: ItemType) -> String {
    let words = match item_type {
        ItemType::ArticleJournal => "a journal article",
        ItemType::ArticleNewspaper => "a newspaper article",
        ItemType::ArticleMagazine => "a magazine article",
        ItemType::Book => "a book",
        ItemType::Chapter => "a chapter of a book",
        ItemType::Webpage => "a web page",
        ItemType::Report => "a report",
        ItemType::Thesis => "a thesis",
        ItemType::PaperConference => "a conference paper",
        _ => return format!("an item of type {}", item_type.name()),
    };
    format!("{words} ({})", item_type.name())
}

fn describe_field(name: &str, style: &Style) -> String {
    let text = match name {
        "title" => return describe_title(style),
        "title-short" => "a short form of the title, for notes after the first",
        "author" | "editor" | "translator" => {
            return format!(
                "the {name}s, one table each: family and given name of a person \
                 (\"--field {name}='Family, Given'\"), or literal = \"…\" for an organisation"
            )
        }
        "container-title" => "the journal, newspaper, website or book it appeared in",
        "collection-title" => "the series",
        "event-title" => "the conference or event",
        "publisher" => "the publisher (for a thesis: the university)",
        "publisher-place" => "the publisher's city",
        "volume" => "the volume",
        "issue" => "the issue",
        "page" => "the page range, e.g. \"101–115\"",
        "number" => "the number (of a report, patent, standard or law)",
        "genre" => "the kind of work, e.g. \"PhD thesis\"",
        "authority" => "the issuing body (court, legislature, standards body)",
        "jurisdiction" => "the country or region where it applies",
        "version" => "the version",
        "reviewed-title" => "the title of the work reviewed",
        "issued" => "the date of publication: 2021-03-31, \"2021-03\" or \"2021\"",
        "accessed" => "when you consulted it online (today's date is filled in)",
        "DOI" => "the DOI, without https://doi.org/ (e.g. \"10.1000/xyz\")",
        "URL" => "the web address",
        "ISBN" => "the ISBN",
        "ISSN" => "the ISSN",
        "note" => "anything else worth keeping with the reference",
        _ => return describe_by_kind(name),
    };
    text.to_string()
}

fn describe_title(style: &Style) -> String {
    let mut text = String::from("the title as published, in its own script");
    if style.non_latin {
        let derived = match style.scheme {
            Some(scheme) => format!("leave it out to derive it under {scheme}"),
            None => "kaynak derives none for this language".to_string(),
        };
        text.push_str(&format!("; translit is its Latin form ({derived})"));
    }
    if style.foreign {
        text.push_str(&format!(
            "; translation.{} is its meaning in the library's language",
            style.target
        ));
    }
    text
}

fn describe_by_kind(name: &str) -> String {
    match lookup(name).map(|v| v.kind) {
        Some(VariableKind::Date) => format!("{name}: a date, 2021-03-31, \"2021-03\" or \"2021\""),
        Some(VariableKind::Names) => {
            format!("{name}: one table per name, {{ family, given }} or {{ literal }}")
        }
        Some(VariableKind::Number) => format!("{name}: a number or text"),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests;
