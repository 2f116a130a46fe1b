//! `cs:text`: variables, macros, terms and values; page ranges.

use super::{case, render_parts_with_facts, wrap, wrap_one, Context};
use crate::model::*;
use crate::output::{Inline, Tag};
use std::borrow::Cow;

pub fn render_text(ctx: &Context, text: &Text) -> Option<Inline> {
    match &text.source {
        TextSource::Variable { name, form } => {
            // kaynak multilingual extension: forms and attachments.
            #[cfg(feature = "multilingual")]
            if let Some(out) = super::ext::text_variable(ctx, text, *name, *form) {
                return out;
            }
            let name = *name;
            let value = variable_text(ctx, name, *form);
            // an empty year-suffix does not make its group empty (citeproc-js)
            if value.is_some() || name != Variable::YearSuffix {
                ctx.note_variable(value.is_some());
            }
            let node = render_value(ctx, text, name, value?)?;
            let node = ctx.substituted(name, node);
            if name == Variable::Locator {
                return Some(Inline::tag(Tag::Locator, node));
            }
            Some(node)
        }
        TextSource::UnknownVariable(_) => {
            // as an absent variable: a group around it may be suppressed
            ctx.note_variable(false);
            None
        }
        TextSource::Macro(index) => {
            let elements = ctx.macro_elements(*index)?;
            let before = ctx.variable_counts();
            // kaynak multilingual extension: settings are lexical.
            #[cfg(feature = "multilingual")]
            let (parts, facts) =
                super::ext::in_macro(ctx, *index, || render_parts_with_facts(ctx, elements));
            #[cfg(not(feature = "multilingual"))]
            let (parts, facts) = render_parts_with_facts(ctx, elements);
            let after = ctx.variable_counts();
            // like citeproc-js, a macro is suppressed as a group would be
            let (called, rendered) = (after.0 - before.0, after.1 - before.1);
            if parts.is_empty() || called > 0 && rendered == 0 {
                return None;
            }
            let node = parts.wrap(ctx, None, &text.rendering)?;
            // a rendered macro counts as content for an enclosing group
            ctx.note_variable(true);
            Some(super::hoist(node, facts.as_ref()))
        }
        TextSource::Term { name, form, plural } => {
            let term = ctx.term(name, *form, *plural)?;
            if term.is_empty() {
                return None;
            }
            let tag = Tag::Term {
                cased: text.rendering.text_case.is_some(),
            };
            let node = Inline::Tagged(tag, vec![Inline::Text(term.into())]);
            super::wrap_term(ctx, node, &text.rendering)
        }
        TextSource::Value(value) => {
            if value.is_empty() {
                return None;
            }
            if !case::has_markup(value) {
                return wrap_one(ctx, Inline::Text(value.as_str().into()), &text.rendering);
            }
            wrap(ctx, case::parse_rich_text(ctx, value), &text.rendering)
        }
    }
}

/// The value of variable `name` as `text` renders it.
fn render_value(ctx: &Context, text: &Text, name: Variable, value: Cow<str>) -> Option<Inline> {
    use Variable::{CitationLabel, Locator, Page, YearSuffix};
    let content = if name == Page || name == Locator && is_page_locator(ctx) {
        Inline::Text(page_range(ctx, &value).into())
    } else if is_number_variable(name)
        && super::number::is_numeric(&value)
        && !value.contains("\\-")
    {
        // numeric ranges in number variables take the locale's range
        // delimiter (an en dash unless it says otherwise)
        Inline::Text(digit_ranges(&value, range_delimiter(ctx, name)).into())
    } else if name == Locator && value.contains(['"', '“', '<']) {
        return wrap(ctx, case::parse_rich_text(ctx, &value), &text.rendering);
    } else if name == Locator && super::number::is_numeric_condition(&value) {
        let ampersand = ctx
            .locale
            .term_text("and", TermForm::Symbol, false)
            .unwrap_or("&");
        let value = value.replace(" & ", &format!(" {ampersand} "));
        Inline::Text(dash_ranges(&value, range_delimiter(ctx, name)).into())
    } else if name == YearSuffix {
        let number = ctx.cite.year_suffix.unwrap_or(0);
        year_suffix_node(number, value.into())
    } else if name == CitationLabel {
        // without an explicit year-suffix the implicit one follows the label
        match ctx.implicit_year_suffix() {
            Some(number) => Inline::seq(vec![
                Inline::Text(value.into()),
                year_suffix_node(number, year_suffix_letters(number)),
            ]),
            None => Inline::Text(value.into()),
        }
    } else if matches!(
        name,
        Variable::CitationNumber
            | Variable::FirstReferenceNoteNumber
            | Locator
            | Variable::Url
            | Variable::Doi
    ) || !case::has_markup(&value)
    {
        // plain text is moved into its node, not parsed and copied
        Inline::Text(value.into())
    } else {
        return wrap(ctx, case::parse_rich_text(ctx, &value), &text.rendering);
    };
    wrap_one(ctx, content, &text.rendering)
}

/// A year-suffix (number `number`, shown as `letters`), tagged.
pub(crate) fn year_suffix_node(number: usize, letters: String) -> Inline {
    let number = u32::try_from(number).unwrap_or(u32::MAX);
    Inline::Tagged(Tag::YearSuffix(number), vec![Inline::Text(letters.into())])
}

fn is_page_locator(ctx: &Context) -> bool {
    matches!(ctx.cite.label.as_deref(), None | Some("page"))
}

/// The text of a standard variable, with the short-form fallbacks;
/// borrowed from the item or cite where it is stored as it is shown.
pub fn variable_text<'a>(
    ctx: &Context<'a>,
    name: Variable,
    form: TermForm,
) -> Option<Cow<'a, str>> {
    if ctx.is_suppressed(name) {
        return None;
    }
    let special = match name {
        Variable::Locator => return ctx.cite.locator.as_deref().map(Cow::Borrowed),
        Variable::CitationNumber => return ctx.cite.citation_number.map(|n| n.to_string().into()),
        Variable::FirstReferenceNoteNumber => {
            return ctx
                .cite
                .first_reference_note_number
                .map(|n| n.to_string().into())
        }
        Variable::YearSuffix => return ctx.cite.year_suffix.map(|n| year_suffix_letters(n).into()),
        Variable::PageFirst => ctx
            .item
            .variable(Variable::PageFirst)
            .or_else(|| ctx.item.variable(Variable::Page))
            .map(first_page),
        Variable::CitationLabel => ctx
            .item
            .variable(Variable::CitationLabel)
            .map(str::to_string)
            .or_else(|| citation_label(ctx)),
        _ => None,
    };
    if special.is_some() {
        return special.map(Cow::Owned);
    }
    if form == TermForm::Short {
        let short = name.short_form().and_then(|short| ctx.item.variable(short));
        if let Some(short) = short {
            return Some(Cow::Borrowed(short));
        }
    }
    ctx.item.variable(name).map(Cow::Borrowed)
}

fn first_page(page: &str) -> String {
    page.split(['-', '–', ',', '&'])
        .next()
        .unwrap_or(page)
        .trim()
        .to_string()
}

/// a, b, …, z, aa, ab, …
pub fn year_suffix_letters(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    loop {
        out.push((b'a' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

/// The `citation-label` kaynak assigns when the item has none. The
/// specification leaves its form to the processor ("May be assigned by the
/// CSL processor based on item metadata"); this is the form citeproc-js
/// assigns, so label styles (DIN 1505-2) print what Zotero users see:
///
/// * letters of the family names of the first creator variable the item
///   has: four of one name, two and two of two, two, one and one of three,
///   one of each of the first four of more;
/// * of each name, lower-case particle words ("de la") and a leading
///   article go, and only letters of alphabetic scripts and digits count; a
///   name left with none (Chinese, Japanese) ends the list;
/// * without a name, the first four letters of the title's words, minor
///   words left out;
/// * each piece capitalised ("Mcdo", "Obri"), then the year's last two
///   digits ("00" without a year).
fn citation_label(ctx: &Context) -> Option<String> {
    use Variable::*;
    const CREATORS: [Variable; 12] = [
        Author,
        Editor,
        Translator,
        Contributor,
        CollectionEditor,
        Composer,
        ContainerAuthor,
        Director,
        Interviewer,
        OriginalAuthor,
        Recipient,
        Illustrator,
    ];
    let mut label = String::new();
    let names = CREATORS
        .iter()
        .find_map(|variable| ctx.item.names(*variable).filter(|n| !n.is_empty()));
    if let Some(names) = names {
        let takes: &[usize] = match names.len() {
            1 => &[4],
            2 => &[2, 2],
            3 => &[2, 1, 1],
            _ => &[1, 1, 1, 1],
        };
        for (name, take) in names.iter().zip(takes) {
            let family = name
                .family
                .as_deref()
                .or(name.literal.as_deref())
                .unwrap_or("");
            let letters = label_letters(family);
            if letters.is_empty() {
                break;
            }
            label.push_str(&label_piece(&letters, *take));
        }
    }
    if label.is_empty() {
        let title = ctx.item.variable(Title)?;
        let words: String = title
            .split_whitespace()
            .filter(|w| !LABEL_SKIP_WORDS.contains(w))
            .collect();
        label = label_piece(&words, 4);
    }
    if label.is_empty() {
        return None;
    }
    let year = ctx
        .item
        .date(Issued)
        .and_then(|d| d.year())
        .map(|y| y.to_string())
        .unwrap_or_else(|| "00".into());
    label.push_str(year.get(year.len().saturating_sub(2)..).unwrap_or(""));
    Some(label)
}

/// Minor words left out of a title that stands in for the names.
const LABEL_SKIP_WORDS: [&str; 30] = [
    "a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of",
    "on", "onto", "or", "over", "so", "the", "till", "to", "up", "via", "with", "yet", "de", "d'",
    "von", "van",
];

/// The letters of a family name that count for a label: without lower-case
/// particle words before it and a leading article, letters of alphabetic
/// scripts and digits only.
fn label_letters(family: &str) -> String {
    let mut rest = family;
    // "de la Cruz" → "Cruz": lower-case words (with apostrophes) before a space
    while let Some(space) = rest.find(char::is_whitespace) {
        let word = &rest[..space];
        if word.is_empty()
            || !word
                .chars()
                .all(|c| c.is_ascii_lowercase() || "'’".contains(c))
        {
            break;
        }
        rest = rest[space..].trim_start();
    }
    for article in ["a ", "an ", "the "] {
        if rest.len() > article.len()
            && rest.is_char_boundary(article.len())
            && rest[..article.len()].eq_ignore_ascii_case(article)
        {
            rest = &rest[article.len()..];
            break;
        }
    }
    rest.chars().filter(|c| is_alphabetic_script(*c)).collect()
}

/// Letters of the Latin, Greek, Cyrillic, Hebrew, Arabic and Thai scripts,
/// ASCII digits and the hyphen.
fn is_alphabetic_script(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '-'
        || matches!(c as u32,
            0xC0..=0x17F | 0x370..=0x3FF | 0x400..=0x52F | 0x590..=0x5FF
            | 0x600..=0x6FF | 0xE01..=0xE5B | 0x1F00..=0x1FFF)
}

/// The first `take` characters of `text`, the first upper-case and the
/// rest lower-case.
fn label_piece(text: &str, take: usize) -> String {
    let mut chars = text.chars().take(take);
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.extend(chars.flat_map(char::to_lowercase));
    out
}

/// Apply the style's page-range-format to a page string.
pub fn page_range(ctx: &Context, value: &str) -> String {
    if value.contains("\\-") {
        // an escaped hyphen is not a range
        return value.replace("\\-", "-");
    }
    let delimiter = ctx
        .locale
        .term_text("page-range-delimiter", TermForm::Long, false)
        .unwrap_or("\u{2013}")
        .to_string();
    let format = ctx.style.options.page_range_format;
    let ampersand = format!(
        " {} ",
        ctx.locale
            .term_text("and", TermForm::Symbol, false)
            .unwrap_or("&")
    );
    let mut out = String::new();
    let mut piece = String::new();
    for c in value.chars() {
        if c == ',' || c == '&' {
            out.push_str(&format_range(piece.trim(), &delimiter, format));
            out.push_str(if c == ',' { ", " } else { &ampersand });
            piece.clear();
        } else {
            piece.push(c);
        }
    }
    out.push_str(&format_range(piece.trim(), &delimiter, format));
    out
}

fn format_range(piece: &str, delimiter: &str, format: Option<PageRangeFormat>) -> String {
    let parts: Vec<&str> = piece.splitn(2, ['-', '–']).collect();
    let [first, last] = parts.as_slice() else {
        return piece.to_string();
    };
    let (first, last) = (first.trim(), last.trim_start_matches('-').trim());
    let (prefix_a, num_a) = split_number(first);
    let (prefix_b, num_b) = split_number(last);
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !numeric(num_a) || !numeric(num_b) {
        let roman = |s: &str| !s.is_empty() && s.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
        if roman(first) && roman(last) {
            return format!("{first}{delimiter}{last}");
        }
        return piece.to_string();
    }
    if !prefix_b.is_empty() && prefix_a != prefix_b
        || prefix_b.is_empty() && !prefix_a.is_empty() && format.is_some()
    {
        return format!("{first}-{last}");
    }
    let Some(format) = format else {
        return format!("{first}{delimiter}{last}");
    };
    let expanded = expand(num_a, num_b);
    let last_out = match format {
        PageRangeFormat::Expanded | PageRangeFormat::Verbatim => format!("{prefix_a}{expanded}"),
        PageRangeFormat::Minimal => minimal(num_a, &expanded, 1),
        PageRangeFormat::MinimalTwo => minimal(num_a, &expanded, 2),
        PageRangeFormat::Chicago | PageRangeFormat::Chicago16 => chicago(num_a, &expanded, format),
    };
    format!("{first}{delimiter}{last_out}")
}

/// Split "N110" into ("N", "110"): the prefix is all before the trailing digits.
fn split_number(s: &str) -> (&str, &str) {
    let index = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    s.split_at(index)
}

fn expand(first: &str, last: &str) -> String {
    if last.len() < first.len() {
        format!("{}{}", &first[..first.len() - last.len()], last)
    } else {
        last.to_string()
    }
}

fn minimal(first: &str, last: &str, keep: usize) -> String {
    if first.len() != last.len() {
        return last.to_string();
    }
    let common = first
        .chars()
        .zip(last.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let rest = &last[common.min(last.len())..];
    if rest.len() < keep && last.len() >= keep {
        last[last.len() - keep..].to_string()
    } else {
        rest.to_string()
    }
}

fn chicago(first: &str, last: &str, format: PageRangeFormat) -> String {
    let Ok(start) = first.parse::<u64>() else {
        return last.to_string();
    };
    if start < 100 || start % 100 == 0 {
        return last.to_string();
    }
    if start % 100 < 10 {
        return minimal(first, last, 1);
    }
    if format == PageRangeFormat::Chicago && first.len() == 4 {
        let changed = minimal(first, last, 2);
        if changed.len() > 2 {
            return last.to_string();
        }
        return changed;
    }
    minimal(first, last, 2)
}

/// "200 - 201" → "200–201" between numbers.
fn dash_ranges(value: &str, delimiter: &str) -> String {
    let parts: Vec<&str> = value.split('-').collect();
    if parts.len() < 2 {
        return value.to_string();
    }
    parts
        .iter()
        .map(|p| p.trim())
        .collect::<Vec<_>>()
        .join(delimiter)
}

/// The delimiter of a numeric range in variable `name`: the locale's
/// `page-range-delimiter` for every locator (not only pages) and every
/// number variable, as citeproc-js does (the French locales set a
/// non-breaking hyphen); an en dash otherwise. The specification names the
/// term for page ranges and says nothing of the delimiter of other ranges.
pub(super) fn range_delimiter<'a>(ctx: &Context<'a>, name: Variable) -> &'a str {
    if name == Variable::Locator || is_number_variable(name) {
        ctx.locale
            .term_text("page-range-delimiter", TermForm::Long, false)
            .unwrap_or("\u{2013}")
    } else {
        "\u{2013}"
    }
}

fn is_number_variable(name: Variable) -> bool {
    use Variable::*;
    matches!(
        name,
        Volume
            | Issue
            | Number
            | Edition
            | CollectionNumber
            | ChapterNumber
            | NumberOfVolumes
            | PartNumber
            | SupplementNumber
            | PrintingNumber
    )
}

/// "3-4" → "3–4" where a hyphen joins two digits.
fn digit_ranges(value: &str, delimiter: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::with_capacity(value.len());
    for (index, c) in chars.iter().enumerate() {
        let between_digits = index > 0
            && chars
                .get(index - 1)
                .map(char::is_ascii_digit)
                .unwrap_or(false)
            && chars
                .get(index + 1)
                .map(char::is_ascii_digit)
                .unwrap_or(false);
        if *c == '-' && between_digits {
            out.push_str(delimiter);
        } else {
            out.push(*c);
        }
    }
    out
}
