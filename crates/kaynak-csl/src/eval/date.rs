//! `cs:date`: localized and non-localized dates, ranges, seasons, BC/AD.

use super::text::{year_suffix_letters, year_suffix_node};
use super::{number, wrap, wrap_one, Context};
use crate::item::Date;
use crate::model::*;
use crate::output::{Inline, Tag};

pub fn render_date(ctx: &Context, element: &DateElement) -> Option<Inline> {
    let compared = ctx.cite.comparing && element.variable == Variable::Accessed;
    let date = if compared || ctx.is_suppressed(element.variable) {
        None
    } else {
        ctx.item.date(element.variable)
    };
    let date = date.filter(|d| d.is_given());
    let Some(date) = date else {
        ctx.note_variable(false);
        return None;
    };
    let node = render_present_date(ctx, element, &date);
    // a date whose shown parts are all missing counts as empty
    ctx.note_variable(node.is_some());
    node.map(|node| ctx.substituted(element.variable, node))
}

fn render_present_date(ctx: &Context, element: &DateElement, date: &Date) -> Option<Inline> {
    if ctx.sorting {
        // a macro key sorts on the parts the date would show
        let mut masked = date.clone();
        let shown = |name: DatePartName| match element.form {
            Some(_) => match element.parts_selection {
                DatePartsSelection::YearMonthDay => true,
                DatePartsSelection::YearMonth => name != DatePartName::Day,
                DatePartsSelection::Year => name == DatePartName::Year,
            },
            None => element.parts.iter().any(|p| p.name == name),
        };
        for parts in &mut masked.parts {
            if !shown(DatePartName::Month) {
                parts[1] = 0;
            }
            if !shown(DatePartName::Day) {
                parts[2] = 0;
            }
        }
        return Some(Inline::Text(sort_key(&masked).into()));
    }
    if date.parts.is_empty() {
        let literal = date.literal.clone().unwrap_or_default();
        let node = Inline::Tagged(Tag::Date, vec![Inline::Text(literal.into())]);
        return wrap_one(ctx, node, &element.rendering);
    }
    let (parts, delimiter, outer) = resolve_parts(ctx, element);
    let mut suffix = ctx.implicit_year_suffix();
    let content = render_range(ctx, date, &parts, delimiter.as_deref(), &mut suffix);
    let content = match outer {
        Some(rendering) => wrap(ctx, content, &rendering).into_iter().collect(),
        None => content,
    };
    // (an empty date renders nothing: wrap_one tests it)
    wrap_one(ctx, Inline::tagged(Tag::Date, content), &element.rendering)
}

/// A sortable text key for a date: YYYYYMMDD for its start, then its end
/// (zeros for a single date).
pub fn sort_key(date: &Date) -> String {
    let key = |p: &[i32; 3]| format!("{:05}{:02}{:02}", p[0] + 50000, p[1] % 13, p[2]);
    match (date.start(), date.end()) {
        (Some(start), Some(end)) => format!("{}{}", key(start), key(end)),
        // a single date sorts before the ranges that start on it (spec,
        // Sorting: "Date ranges are placed after single dates when they
        // share the same (start) date"): its end part is all zeros
        (Some(start), None) => format!("{}000000000", key(start)),
        _ => date.literal.clone().unwrap_or_default(),
    }
}

fn resolve_parts(
    ctx: &Context,
    element: &DateElement,
) -> (Vec<DatePart>, Option<String>, Option<Rendering>) {
    let Some(form) = element.form else {
        return (element.parts.clone(), element.delimiter.clone(), None);
    };
    let Some(format) = ctx.locale.date_format(form) else {
        ctx.warn("the locale has no date format".to_string());
        return (element.parts.clone(), element.delimiter.clone(), None);
    };
    let wanted = |name: DatePartName| match element.parts_selection {
        DatePartsSelection::YearMonthDay => true,
        DatePartsSelection::YearMonth => name != DatePartName::Day,
        DatePartsSelection::Year => name == DatePartName::Year,
    };
    let parts = format
        .parts
        .iter()
        .filter(|p| wanted(p.name))
        .map(|p| merge_part(p, element.parts.iter().find(|o| o.name == p.name)))
        .collect();
    let mut outer = format.rendering.clone();
    outer.prefix = None;
    outer.suffix = None;
    (parts, format.delimiter.clone(), Some(outer))
}

fn merge_part(base: &DatePart, over: Option<&DatePart>) -> DatePart {
    let Some(over) = over else {
        return base.clone();
    };
    let mut part = base.clone();
    part.form = over.form.or(base.form);
    part.range_delimiter = over
        .range_delimiter
        .clone()
        .or(base.range_delimiter.clone());
    // the style's part overrides what it sets; affixes stay the locale's
    let (base_r, over_r) = (&base.rendering, &over.rendering);
    let f = &over_r.formatting;
    let b = &base_r.formatting;
    part.rendering.formatting = Formatting {
        font_style: f.font_style.or(b.font_style),
        font_variant: f.font_variant.or(b.font_variant),
        font_weight: f.font_weight.or(b.font_weight),
        underline: f.underline.or(b.underline),
        vertical_align: f.vertical_align.or(b.vertical_align),
    };
    part.rendering.text_case = over_r.text_case.or(base_r.text_case);
    part.rendering.strip_periods = over_r.strip_periods || base_r.strip_periods;
    part
}

/// The date's parts, as a range when it has an end; the implicit
/// year-suffix (`suffix`, taken once) follows the first year.
fn render_range(
    ctx: &Context,
    date: &Date,
    parts: &[DatePart],
    delimiter: Option<&str>,
    suffix: &mut Option<usize>,
) -> Vec<Inline> {
    let Some(start) = date.start() else {
        return Vec::new();
    };
    let end = date
        .end()
        .filter(|e| *e != start && e.iter().any(|v| *v != 0));
    let Some(end) = end else {
        let mut out = render_parts(ctx, date, start, parts, delimiter, (false, false), suffix);
        if date.end().map(|e| e[0] == 0 && e != start).unwrap_or(false) && date.parts.len() > 1 {
            out.push(Inline::Text("–".into()));
        }
        return out;
    };
    let differs = |name: DatePartName| {
        let i = index_of(name);
        start[i] != end[i]
    };
    let largest = [DatePartName::Year, DatePartName::Month, DatePartName::Day]
        .into_iter()
        .find(|n| differs(*n));
    let Some(largest) = largest else {
        return render_parts(ctx, date, start, parts, delimiter, (false, false), suffix);
    };
    let in_range = |name: DatePartName| match largest {
        DatePartName::Year => true,
        DatePartName::Month => name != DatePartName::Year,
        DatePartName::Day => name == DatePartName::Day,
    };
    let present: Vec<&DatePart> = parts
        .iter()
        .filter(|p| {
            start[index_of(p.name)] != 0 || p.name == DatePartName::Month && date.season.is_some()
        })
        .collect();
    let first = present.iter().position(|p| in_range(p.name));
    let last = present.iter().rposition(|p| in_range(p.name));
    let (Some(first), Some(last)) = (first, last) else {
        return render_parts(ctx, date, start, parts, delimiter, (false, false), suffix);
    };
    let range_delimiter = parts
        .iter()
        .find(|p| p.name == largest)
        .and_then(|p| p.range_delimiter.clone())
        .unwrap_or_else(|| "–".to_string());
    let owned = |slice: &[&DatePart]| slice.iter().map(|p| (*p).clone()).collect::<Vec<_>>();
    let before = render_parts(
        ctx,
        date,
        start,
        &owned(&present[..first]),
        delimiter,
        (false, false),
        suffix,
    );
    let range_parts = owned(&present[first..=last]);
    let from = render_parts(
        ctx,
        date,
        start,
        &range_parts,
        delimiter,
        (false, true),
        suffix,
    );
    let to = render_parts(
        ctx,
        date,
        end,
        &range_parts,
        delimiter,
        (true, false),
        suffix,
    );
    let after = render_parts(
        ctx,
        date,
        start,
        &owned(&present[last + 1..]),
        delimiter,
        (false, false),
        suffix,
    );
    let mut out = join_segments(before, from, delimiter);
    out.push(Inline::Text(range_delimiter.into()));
    out.extend(join_segments(to, after, delimiter));
    out
}

/// Concatenate two runs of date parts, with the date's delimiter between.
fn join_segments(mut a: Vec<Inline>, b: Vec<Inline>, delimiter: Option<&str>) -> Vec<Inline> {
    if !a.is_empty() && !b.is_empty() {
        if let Some(d) = delimiter {
            a.push(Inline::Text(d.into()));
        }
    }
    a.extend(b);
    a
}

fn index_of(name: DatePartName) -> usize {
    match name {
        DatePartName::Year => 0,
        DatePartName::Month => 1,
        DatePartName::Day => 2,
    }
}

/// Render parts of one date; `trim` drops the first prefix / last suffix.
fn render_parts(
    ctx: &Context,
    date: &Date,
    values: &[i32; 3],
    parts: &[DatePart],
    delimiter: Option<&str>,
    trim: (bool, bool),
    suffix: &mut Option<usize>,
) -> Vec<Inline> {
    let mut rendered = Vec::new();
    for part in parts {
        if let Some(text) = part_text(ctx, date, values, part, suffix) {
            rendered.push((part, text));
        }
    }
    let count = rendered.len();
    let mut out = Vec::new();
    for (index, (part, text)) in rendered.into_iter().enumerate() {
        if index > 0 {
            if let Some(d) = delimiter {
                out.push(Inline::Text(d.into()));
            }
        }
        let mut rendering = part.rendering.clone();
        if trim.0 && index == 0 {
            rendering.prefix = None;
        }
        if trim.1 && index + 1 == count {
            rendering.suffix = None;
        }
        let node = match text {
            (text, None) => Inline::Text(text.into()),
            (year, Some(number)) => Inline::seq(vec![
                Inline::Text(year.into()),
                year_suffix_node(number, year_suffix_letters(number)),
            ]),
        };
        if let Some(node) = wrap_one(ctx, node, &rendering) {
            out.push(node);
        }
    }
    out
}

/// A part's text, and for a year the year-suffix taken from `suffix`.
fn part_text(
    ctx: &Context,
    date: &Date,
    values: &[i32; 3],
    part: &DatePart,
    suffix: &mut Option<usize>,
) -> Option<(String, Option<usize>)> {
    match part.name {
        DatePartName::Year => {
            year_text(ctx, values[0], part.form).map(|year| (year, suffix.take()))
        }
        DatePartName::Month => month_text(ctx, date, values[1], part.form).map(|m| (m, None)),
        DatePartName::Day => day_text(ctx, values, part.form).map(|d| (d, None)),
    }
}

fn year_text(ctx: &Context, year: i32, form: Option<DatePartForm>) -> Option<String> {
    if year == 0 {
        return None;
    }
    if year < 0 {
        let bc = ctx
            .locale
            .term_text("bc", TermForm::Long, false)
            .unwrap_or("BC");
        return Some(format!("{}{}", -year, bc));
    }
    if form == Some(DatePartForm::Short) {
        return Some(format!("{:02}", year % 100));
    }
    if year < 1000 {
        let ad = ctx
            .locale
            .term_text("ad", TermForm::Long, false)
            .unwrap_or("AD");
        return Some(format!("{year}{ad}"));
    }
    Some(year.to_string())
}

fn month_text(
    ctx: &Context,
    date: &Date,
    month: i32,
    form: Option<DatePartForm>,
) -> Option<String> {
    if month < 1 {
        let season = date.season.as_deref()?;
        return Some(match season.trim().parse::<i32>() {
            Ok(n) if (1..=4).contains(&n) => season_term(ctx, n)?,
            _ => season.to_string(),
        });
    }
    if month > 24 {
        return None;
    }
    if month > 12 {
        // 13–16 (and 21–24 in EDTF) are seasons; citeproc-js cycles between
        return season_term(ctx, (month - 13) % 4 + 1);
    }
    match form.unwrap_or(DatePartForm::Long) {
        DatePartForm::Numeric | DatePartForm::Ordinal => Some(month.to_string()),
        DatePartForm::NumericLeadingZeros => Some(format!("{month:02}")),
        DatePartForm::Short => ctx
            .term(&format!("month-{month:02}"), TermForm::Short, false)
            .map(str::to_string),
        DatePartForm::Long => ctx
            .term(&format!("month-{month:02}"), TermForm::Long, false)
            .map(str::to_string),
    }
}

fn season_term(ctx: &Context, n: i32) -> Option<String> {
    ctx.term(&format!("season-{n:02}"), TermForm::Long, false)
        .map(str::to_string)
}

fn day_text(ctx: &Context, values: &[i32; 3], form: Option<DatePartForm>) -> Option<String> {
    let day = values[2];
    if day == 0 || values[1] == 0 || values[1] > 12 {
        return None;
    }
    Some(match form.unwrap_or(DatePartForm::Numeric) {
        DatePartForm::NumericLeadingZeros => format!("{day:02}"),
        DatePartForm::Ordinal => {
            if day != 1 && ctx.locale.limit_day_ordinals() {
                day.to_string()
            } else {
                number::ordinal(ctx, day as u64, month_gender(ctx, values[1]))
            }
        }
        _ => day.to_string(),
    })
}

fn month_gender(ctx: &Context, month: i32) -> Option<String> {
    ctx.locale
        .term(&format!("month-{month:02}"), TermForm::Long)
        .and_then(|t| t.gender.clone())
}
