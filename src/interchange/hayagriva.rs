//! Hayagriva YAML, Typst's bibliography format (export only).
//!
//! Each record is a map under its key: `type`, `title`, `author` (as
//! `{ name, given-name, prefix, suffix }` maps, so commas in names cannot
//! split them), `date`, `language`, the numbers, `url` with its access date,
//! `serial-number` for identifiers, and a `parent` for the container
//! (journal, book, site). Every string is double-quoted with YAML escapes,
//! so no value can start a new key or document, and Hayagriva's own markup
//! in format strings (`{…}` case protection, `$…$` math) is escaped. Values
//! Hayagriva would reject, failing the whole file (a URL without a scheme,
//! page counts that are not numbers), are left out with a warning.

use super::Romanizer;
use super::{export_warning, name_in_form, pick, ExportOptions, Exported, TextForm};
use crate::model::markup::{self, Mark, Piece};
use crate::model::{Date, Entry, ItemType, Name};
use std::fmt::Write as _;

pub fn export(entries: &[&Entry], options: &ExportOptions, out: &mut Exported) {
    for entry in entries {
        let mut yaml = Yaml::default();
        write_entry(entry, &options.form, options.scheme_for(entry), &mut yaml);
        out.text.push_str(&yaml.text);
        if !yaml.skipped.is_empty() {
            let message = format!(
                "not valid in Hayagriva, left out: {}",
                yaml.skipped.join(", ")
            );
            out.warnings.push(export_warning(entry, message));
        }
        if let Some(date) = entry.date("issued") {
            if date.end.is_some() || date.parts().any(|p| p.approximate || p.uncertain) {
                out.warnings.push(export_warning(
                    entry,
                    format!(
                        "Hayagriva has no ranges or qualifiers: `date` is the first day of {date}"
                    ),
                ));
            }
        }
    }
}

#[derive(Default)]
struct Yaml {
    text: String,
    /// Fields whose values Hayagriva would reject (it rejects the whole file).
    skipped: Vec<&'static str>,
}

impl Yaml {
    fn field(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.text, "{:indent$}{key}: {}", "", quote(value));
    }

    /// A Hayagriva "format string", where `{…}` protects case and `$…$` is
    /// math. kaynak's markup becomes what Hayagriva has for it: a
    /// case-protected span (`<span class="nocase">`) becomes `{…}`, TeX math
    /// becomes `$…$`; italics, bold, small capitals, super- and subscript
    /// have no Hayagriva form and are dropped, keeping their text. In the
    /// text itself `{`, `}`, `$` and `\` are escaped with a backslash.
    fn format_field(&mut self, indent: usize, key: &str, value: &str) {
        let mut escaped = String::with_capacity(value.len());
        let mut in_math = 0usize;
        for piece in markup::pieces(value) {
            match piece {
                Piece::Open(Mark::NoCase) if in_math == 0 => escaped.push('{'),
                Piece::Close(Mark::NoCase) if in_math == 0 => escaped.push('}'),
                Piece::Open(Mark::Math) => {
                    if in_math == 0 {
                        escaped.push('$');
                    }
                    in_math += 1;
                }
                Piece::Close(Mark::Math) => {
                    in_math -= 1;
                    if in_math == 0 {
                        escaped.push('$');
                    }
                }
                Piece::Open(_) | Piece::Close(_) => {}
                Piece::Text(text) if in_math > 0 => escaped.push_str(&text.replace('$', "\\$")),
                Piece::Text(text) => {
                    for c in text.chars() {
                        if matches!(c, '\\' | '{' | '}' | '$') {
                            escaped.push('\\');
                        }
                        escaped.push(c);
                    }
                }
            }
        }
        self.field(indent, key, &escaped);
    }

    /// A plain Hayagriva string: kaynak's markup is dropped, keeping its
    /// text.
    fn text_field(&mut self, indent: usize, key: &str, value: &str) {
        self.field(indent, key, &markup::plain(value));
    }

    fn open(&mut self, indent: usize, key: &str) {
        let _ = writeln!(self.text, "{:indent$}{key}:", "");
    }
}

/// Hayagriva's entry type for the record, and for its container (`parent`).
fn types(item_type: ItemType) -> (&'static str, &'static str) {
    use ItemType::*;
    match item_type {
        ArticleJournal | ArticleMagazine | Article | Review | ReviewBook => {
            ("article", "periodical")
        }
        ArticleNewspaper => ("article", "newspaper"),
        Book | Classic => ("book", "book"),
        Chapter => ("chapter", "anthology"),
        PaperConference => ("article", "proceedings"),
        Report => ("report", "book"),
        Thesis => ("thesis", "book"),
        Webpage => ("web", "web"),
        Post | PostWeblog => ("post", "blog"),
        Dataset | Software => ("repository", "repository"),
        Legislation | Bill | Regulation => ("legislation", "book"),
        LegalCase => ("case", "book"),
        Patent => ("patent", "book"),
        Manuscript => ("manuscript", "book"),
        MotionPicture | Broadcast => ("video", "video"),
        Song => ("audio", "audio"),
        Performance => ("performance", "book"),
        Periodical => ("periodical", "periodical"),
        EntryDictionary | EntryEncyclopedia | Entry => ("entry", "reference"),
        Graphic | Figure | Map => ("artwork", "book"),
        _ => ("misc", "book"),
    }
}

fn write_entry(entry: &Entry, form: &TextForm, scheme: Romanizer, yaml: &mut Yaml) {
    let (kind, parent_kind) = types(entry.item_type.value);
    let _ = writeln!(yaml.text, "{}:", quote(&entry.key));
    yaml.field(2, "type", kind);
    let text = |name: &str| entry.text(name).map(|t| pick(t, form, scheme));
    if let Some(title) = text("title") {
        yaml.format_field(2, "title", &title);
    }
    for (variable, key) in [("author", "author"), ("editor", "editor")] {
        if let Some(names) = entry.names(variable) {
            write_names(yaml, 2, key, names, form, scheme);
        }
    }
    if let Some(date) = entry.date("issued") {
        yaml.field(2, "date", &hayagriva_date(date));
    }
    match entry.language() {
        Some(language) if is_language_tag(language) => yaml.field(2, "language", language),
        Some(_) => yaml.skipped.push("language"),
        None => {}
    }
    if let Some(edition) = text("edition") {
        yaml.text_field(2, "edition", &edition);
    }
    match text("number-of-pages") {
        Some(pages) if pages.parse::<u64>().is_ok() => yaml.field(2, "page-total", &pages),
        Some(_) => yaml.skipped.push("number-of-pages"),
        None => {}
    }
    for key in ["genre", "note", "abstract"] {
        if let Some(value) = text(key) {
            yaml.format_field(2, key, &value);
        }
    }
    write_url(entry, yaml);
    write_serials(entry, yaml);
    write_parent(entry, (form, scheme), parent_kind, yaml);
}

fn write_parent(entry: &Entry, form: (&TextForm, Romanizer), kind: &str, yaml: &mut Yaml) {
    let text = |name: &str| entry.text(name).map(|t| pick(t, form.0, form.1));
    let fields: Vec<(&str, String)> = [
        ("title", text("container-title")),
        ("publisher", text("publisher")),
        ("location", text("publisher-place")),
        ("volume", text("volume")),
        ("issue", text("issue")),
        ("page-range", text("page")),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k, v?)))
    .collect();
    if fields.is_empty() {
        return;
    }
    yaml.open(2, "parent");
    yaml.field(4, "type", kind);
    for (key, value) in fields {
        if matches!(key, "title" | "publisher" | "location") {
            yaml.format_field(4, key, &value);
        } else {
            yaml.text_field(4, key, &value);
        }
    }
}

fn write_names(
    yaml: &mut Yaml,
    indent: usize,
    key: &str,
    names: &[Name],
    form: &TextForm,
    scheme: Romanizer,
) {
    yaml.open(indent, key);
    for name in names {
        let name = name_in_form(name, form, scheme);
        let parts = [
            ("name", name.literal.as_ref().or(name.family.as_ref())),
            ("given-name", name.given.as_ref()),
            (
                "prefix",
                name.non_dropping_particle
                    .as_ref()
                    .or(name.dropping_particle.as_ref()),
            ),
            ("suffix", name.suffix.as_ref()),
        ];
        let written: Vec<String> = parts
            .iter()
            .filter_map(|(k, v)| Some(format!("{k}: {}", quote(&v.as_ref()?.original))))
            .collect();
        let _ = writeln!(yaml.text, "{:indent$}  - {{ {} }}", "", written.join(", "));
    }
}

fn write_url(entry: &Entry, yaml: &mut Yaml) {
    let Some(url) = entry.text("URL") else {
        return;
    };
    if !is_absolute_url(&url.original) {
        return yaml.skipped.push("URL");
    }
    yaml.open(2, "url");
    yaml.field(4, "value", &url.original);
    if let Some(accessed) = entry.date("accessed") {
        yaml.field(4, "date", &hayagriva_date(accessed));
    }
}

fn write_serials(entry: &Entry, yaml: &mut Yaml) {
    let serials: Vec<(&str, &str)> = [
        ("doi", "DOI"),
        ("isbn", "ISBN"),
        ("issn", "ISSN"),
        ("pmid", "PMID"),
        ("pmcid", "PMCID"),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k, entry.text(v)?.original.as_str())))
    .collect();
    if serials.is_empty() {
        return;
    }
    yaml.open(2, "serial-number");
    for (key, value) in serials {
        yaml.field(4, key, value);
    }
}

/// A BCP 47 tag as Hayagriva's language parser accepts it (`tr`, `en-GB`).
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `scheme:rest` without spaces: the only URLs Hayagriva reads.
fn is_absolute_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    scheme_ok && !rest.is_empty() && !url.chars().any(char::is_whitespace)
}

/// The first known day of the date, as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn hayagriva_date(date: &Date) -> String {
    let Some(part) = date.first() else {
        return String::new();
    };
    let mut out = if part.year < 0 {
        format!("-{:04}", -part.year)
    } else {
        format!("{:04}", part.year)
    };
    if let Some(month) = part.month {
        let _ = write!(out, "-{month:02}");
        if let Some(day) = part.day {
            let _ = write!(out, "-{day:02}");
        }
    }
    out
}

/// A YAML double-quoted scalar. Control characters, invisible direction
/// controls and characters YAML forbids raw are `\uXXXX` escapes.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || crate::store::serialize::is_invisible_format(c)
                || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{2028}' | '\u{2029}') =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_everything_yaml_would_read_as_markup() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(quote("x\u{202E}y\0"), "\"x\\u202Ey\\u0000\"");
        assert_eq!(
            quote("key: value # no comment"),
            "\"key: value # no comment\""
        );
    }

    #[test]
    fn only_values_hayagriva_accepts_are_written() {
        assert!(is_language_tag("tr") && is_language_tag("en-GB") && is_language_tag("az-Cyrl"));
        assert!(!is_language_tag("Turkish") && !is_language_tag("e"));
        assert!(is_absolute_url("https://example.org/a?b=c"));
        assert!(!is_absolute_url("www.example.org") && !is_absolute_url("http://a b"));
    }

    #[test]
    fn format_strings_escape_braces_and_dollars() {
        let mut yaml = Yaml::default();
        yaml.format_field(2, "title", "{NATO} costs $5 \\ more");
        assert_eq!(
            yaml.text,
            "  title: \"\\\\{NATO\\\\} costs \\\\$5 \\\\\\\\ more\"\n"
        );
    }

    #[test]
    fn markup_becomes_hayagriva_verbatim_and_math_or_is_dropped() {
        let mut yaml = Yaml::default();
        yaml.format_field(
            2,
            "title",
            "The <i>Origin</i> of <span class=\"nocase\">NASA</span> and <span class=\"math\">E=mc^2</span>",
        );
        assert_eq!(
            yaml.text,
            "  title: \"The Origin of {NASA} and $E=mc^2$\"\n"
        );
        let mut yaml = Yaml::default();
        yaml.text_field(2, "edition", "2<sup>nd</sup>");
        assert_eq!(yaml.text, "  edition: \"2nd\"\n");
    }
}
