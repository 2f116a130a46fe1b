//! Completeness: the fields each item type requires and recommends, read from
//! the one table in [`crate::model::requirements`], plus what the style profile
//! adds. A required group is met by any one of its fields ("a URL or a DOI").

use super::rules::rules;
use super::RecordCx;
use crate::model::requirements::requirements;
use crate::model::Entry;

rules! {
    family: "completeness", record: check;

    /// A field the item type cannot do without is missing: a journal article
    /// without the journal, a book without author or editor. The table is
    /// README's "Required and recommended fields"; a profile may add to it
    /// (GOST wants a book's place and publisher). The finding points at the
    /// record's `type` line.
    MISSING_REQUIRED {
        id: "missing-required",
        severity: Error,
        summary: "a field the item type (or the style profile) requires is missing",
    }

    /// A web page, post, dataset or software must say where it can be found: a
    /// `URL` or a `DOI`. If it was read in print, the type is probably wrong;
    /// otherwise silence the rule with a reason.
    MISSING_URL {
        id: "missing-url",
        severity: Error,
        summary: "an online item (webpage, post, dataset, software) has neither a URL nor a DOI",
    }

    /// Fields that styles print when they are there (volume, issue, pages,
    /// publisher …) are missing. One finding lists them all, with help for the
    /// first; an access date wanted by the profile is reported by
    /// `missing-accessed` instead.
    MISSING_RECOMMENDED {
        id: "missing-recommended",
        severity: Warning,
        summary: "fields the item type recommends are missing (one finding lists them all)",
    }

    /// Under a note style (Chicago, or a library whose `style` is a note
    /// style), short notes repeat the title; one of more than four words should
    /// have a `title-short` of at most four key words (CMOS 14.31). The help
    /// proposes one.
    MISSING_TITLE_SHORT {
        id: "missing-title-short",
        severity: Info,
        summary: "a note style would repeat a title of more than four words in short notes: give `title-short` (CMOS 14.31)",
    }
}

/// The most words a short title has (CMOS 14.31).
const SHORT_TITLE_WORDS: usize = 4;

/// True when the record sets `field` (of any kind).
pub fn has(entry: &Entry, field: &str) -> bool {
    entry.texts.contains_key(field)
        || entry.names.contains_key(field)
        || entry.dates.contains_key(field)
}

/// What a field holds, for help lines.
fn describe(field: &str) -> &'static str {
    match field {
        "container-title" => "the journal, newspaper, book or website it appeared in",
        "issued" => "the date of publication, e.g. issued = \"2010\" or issued = 2021-03-31",
        "author" | "editor" => "a name list, e.g. author = [{ family = \"…\", given = \"…\" }]",
        "publisher" => "the publisher (for a thesis: the university)",
        "publisher-place" => "the city of publication",
        "URL" => "the address where it can be read, e.g. URL = \"https://…\"",
        "DOI" => "the DOI without a resolver prefix, e.g. DOI = \"10.1000/xyz\"",
        "number" => "the report, patent, standard or law number",
        "page" => "the page range, e.g. page = \"101–120\"",
        "title" => "the title as published",
        "volume" => "the volume number, e.g. volume = 12",
        "issue" => "the issue number, e.g. issue = 3",
        "ISBN" => "the ISBN from the copyright page",
        "accessed" => "the day you last read it online, e.g. accessed = 2026-11-28",
        "genre" => "the kind of work, e.g. genre = \"PhD dissertation\"",
        "authority" => "the issuing body (court, legislature, standards body)",
        "event-title" => "the conference or event",
        "version" => "the version, e.g. version = \"1.2\"",
        "number-of-pages" => "the number of pages, e.g. number-of-pages = 320",
        _ => "see the CSL 1.0.2 variables",
    }
}

pub fn check(cx: &mut RecordCx) {
    title_short(cx);
    let entry = cx.entry;
    let item_type = entry.item_type.value;
    let table = requirements(item_type);
    let profile = cx.options.profile;
    for group in table.required {
        if group.iter().any(|f| has(entry, f)) {
            continue;
        }
        report_required(cx, group, None);
    }
    for group in profile.extra_required(item_type) {
        if !group.iter().any(|f| has(entry, f)) {
            report_required(cx, group, Some(profile.name()));
        }
    }
    let missing: Vec<&str> = table
        .recommended
        .iter()
        .chain(profile.extra_recommended(item_type))
        .copied()
        .filter(|f| !has(entry, f))
        // A wanted access date is reported once, by the access rules.
        .filter(|f| *f != "accessed" || !profile.wants_accessed(entry))
        .collect();
    if !missing.is_empty() {
        let list = missing.join(", ");
        cx.report_missing(
            &MISSING_RECOMMENDED,
            format!("recommended for {item_type} but missing: {list}"),
            format!("add {}: {}", missing[0], describe(missing[0])),
        );
    }
}

/// Under a note style, a title of more than four words and no `title-short`: the
/// short notes would repeat the whole title.
fn title_short(cx: &mut RecordCx) {
    let entry = cx.entry;
    if !cx.options.note_style || has(entry, "title-short") {
        return;
    }
    let Some(title) = entry.texts.get("title") else {
        return;
    };
    let words: Vec<&str> = title
        .value
        .original
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.len() <= SHORT_TITLE_WORDS {
        return;
    }
    let skip = usize::from(matches!(
        words[0].to_lowercase().as_str(),
        "a" | "an" | "the"
    ));
    let mut proposal: Vec<&str> = words
        .iter()
        .skip(skip)
        .take(SHORT_TITLE_WORDS)
        .copied()
        .collect();
    // A short title ends on a key word, not on "of" or "and".
    while proposal.len() > 1 && is_minor_word(proposal[proposal.len() - 1]) {
        proposal.pop();
    }
    let proposal = proposal.join(" ");
    let proposal = proposal.trim_end_matches([',', ':', ';', '.']);
    cx.report(
        &MISSING_TITLE_SHORT,
        title.span,
        format!(
            "the title has {} words and no `title-short`; short notes would repeat it whole",
            words.len()
        ),
        format!(
            "add title-short with its key words, at most four (CMOS 14.31), e.g. title-short = {}",
            super::quote(proposal)
        ),
    );
}

fn is_minor_word(word: &str) -> bool {
    matches!(
        word.to_lowercase()
            .trim_matches(|c: char| !c.is_alphanumeric()),
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "by"
            | "with"
            | "ve"
            | "ile"
            | "и"
            | "в"
            | "на"
    )
}

fn report_required(cx: &mut RecordCx, group: &[&str], profile: Option<&str>) {
    let item_type = cx.entry.item_type.value;
    let by = match profile {
        Some(p) => format!("the {p} profile requires it for {item_type}"),
        None => format!("{item_type} requires it"),
    };
    if group.contains(&"URL") && group.contains(&"DOI") {
        cx.report_missing(
            &MISSING_URL,
            format!("no `URL` or `DOI`: {by}"),
            "add URL = \"https://…\" (or DOI = \"10.…\"); if it was read in print, change the type or allow the rule with a reason".into(),
        );
        return;
    }
    let names: Vec<String> = group.iter().map(|f| format!("`{f}`")).collect();
    cx.report_missing(
        &MISSING_REQUIRED,
        format!("no {}: {by}", names.join(" or ")),
        {
            let first = group.first().copied().unwrap_or("title");
            format!("add {first}: {}", describe(first))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, codes_with, fires, TODAY};
    use super::super::{Options, Profile};

    const ARTICLE: &str = r#"
type = "article-journal"
title = "T"
container-title = "J"
issued = "2010"
author = [{ family = "A", given = "B." }]
volume = 1
issue = 2
page = "1–5"
DOI = "10.1000/x"
"#;

    #[test]
    fn complete_records_are_quiet() {
        assert!(codes(ARTICLE).is_empty(), "{:?}", codes(ARTICLE));
        let web = "type = \"webpage\"\ntitle = \"T\"\nURL = \"https://example.org/\"\ncontainer-title = \"S\"\nauthor = [{ literal = \"Org\" }]\nissued = \"2020\"\naccessed = 2026-01-01\n";
        assert!(codes(web).is_empty(), "{:?}", codes(web));
    }

    #[test]
    fn missing_required_fires() {
        let text = ARTICLE.replace("issued = \"2010\"\n", "");
        assert!(fires(&text, "missing-required"));
    }

    #[test]
    fn missing_url_fires_for_web_items_only() {
        assert!(fires("type = \"webpage\"\ntitle = \"T\"\n", "missing-url"));
        assert!(!fires(
            "type = \"webpage\"\ntitle = \"T\"\nDOI = \"10.1000/x\"\n",
            "missing-url"
        ));
    }

    #[test]
    fn missing_recommended_fires_once() {
        let text = ARTICLE.replace("volume = 1\nissue = 2\n", "");
        let found = codes(&text);
        assert_eq!(found, vec!["missing-recommended".to_string()]);
    }

    #[test]
    fn long_titles_under_a_note_style_want_a_short_one() {
        let long = ARTICLE.replace(
            "title = \"T\"",
            "title = \"The Development of Ties in the Military Sphere\"",
        );
        assert!(!fires(&long, "missing-title-short"), "no note style");
        let mut notes = Options::new(TODAY);
        notes.note_style = true;
        let found = codes_with(&[("a", &long)], &notes);
        assert_eq!(found, ["a: missing-title-short"]);
        let with_short = format!("{long}title-short = \"Development of Ties\"\n");
        assert!(codes_with(&[("a", &with_short)], &notes).is_empty());
        let four = ARTICLE.replace("title = \"T\"", "title = \"Ties in Military Sphere\"");
        assert!(codes_with(&[("a", &four)], &notes).is_empty());
    }

    #[test]
    fn profiles_add_requirements() {
        let book = "type = \"book\"\ntitle = \"T\"\nauthor = [{ literal = \"Org\" }]\nissued = \"2001\"\npublisher = \"P\"\npublisher-place = \"X\"\nISBN = \"0-306-40615-2\"\n";
        assert!(codes(book).is_empty(), "{:?}", codes(book));
        let no_place = book.replace("publisher-place = \"X\"\n", "");
        let mut gost = Options::new(TODAY);
        gost.profile = Profile::Gost;
        let found = codes_with(&[("b", &no_place)], &gost);
        assert!(
            found.contains(&"b: missing-required".to_string()),
            "{found:?}"
        );
        let found = codes_with(&[("b", &no_place)], &Options::new(TODAY));
        assert!(
            !found.contains(&"b: missing-required".to_string()),
            "{found:?}"
        );
    }
}
