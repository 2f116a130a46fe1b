//! `cs:number` and `cs:label`: numeric detection, ordinals, roman numerals,
//! and plural-aware term labels.

use super::{text::variable_text, wrap_one, Context};
use crate::model::*;
use crate::output::Inline;

/// Whether a value is numeric in CSL's sense ("12", "12-15", "2nd", "3 & 4").
pub fn is_numeric(value: &str) -> bool {
    let tokens: Vec<&str> = value
        .split(|c: char| matches!(c, '-' | '–' | ',' | '&') || c.is_whitespace())
        .filter(|t| !t.is_empty() && *t != "and")
        .collect();
    !tokens.is_empty() && tokens.iter().all(|t| is_numeric_token(t))
}

/// Whether a value is numeric for `is-numeric` and locators: as
/// [`is_numeric`], with lower-case roman numerals up to "lxxxix" counting as
/// numbers too ("iv", "vii–ix": chapters, front matter pages). The
/// specification: "Content is considered numeric if it solely consists of
/// numbers"; a roman numeral is a number, and citeproc-js reads these so.
/// Capitals and the letters c, d and m are left out, as words ("mix",
/// "did") are made of them.
pub fn is_numeric_condition(value: &str) -> bool {
    let mut tokens = value
        .split(|c: char| matches!(c, '-' | '–' | ',' | '&') || c.is_whitespace())
        .filter(|t| !t.is_empty() && *t != "and")
        .peekable();
    tokens.peek().is_some() && tokens.all(|t| is_numeric_token(t) || is_small_roman(t))
}

/// A well-formed lower-case roman numeral of i, v, x and l (1 to 89).
fn is_small_roman(token: &str) -> bool {
    let tens = ["", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx"];
    let units = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    !token.is_empty()
        && tens.iter().any(|t| {
            token
                .strip_prefix(t)
                .is_some_and(|rest| units.contains(&rest))
        })
}

fn is_numeric_token(token: &str) -> bool {
    let trimmed = token.trim_start_matches(|c: char| c.is_alphabetic());
    let digits = trimmed.trim_end_matches(|c: char| c.is_alphabetic());
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Whether a value names more than one number.
pub fn is_plural(value: &str) -> bool {
    // "\\-" is a literal hyphen; only numbers on both sides make a range
    let value = value.replace("\\-", "");
    let numbers = value
        .split(['-', '–', ',', '&'])
        .map(str::trim)
        .filter(|t| !t.is_empty() && (is_numeric_token(t) || is_roman(t)))
        .count();
    numbers > 1 || value.contains(" and ")
}

fn is_roman(token: &str) -> bool {
    token.chars().all(|c| "ivxlcdmIVXLCDM".contains(c))
}

pub fn render_number(ctx: &Context, number: &Number) -> Option<Inline> {
    let value = variable_text(ctx, number.variable, TermForm::Long);
    ctx.note_variable(value.is_some());
    let value = value?;
    let text: compact_str::CompactString = if is_numeric(&value) {
        format_numbers(ctx, &value, number.form, number.variable).into()
    } else {
        value.into()
    };
    let node = wrap_one(ctx, Inline::Text(text), &number.rendering)?;
    let node = ctx.substituted(number.variable, node);
    if number.variable == Variable::Locator {
        return Some(Inline::tag(crate::output::Tag::Locator, node));
    }
    Some(node)
}

fn format_numbers(ctx: &Context, value: &str, form: NumberForm, variable: Variable) -> String {
    let mut out = String::new();
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if !token.is_empty() {
            out.push_str(&format_one(ctx, token, form, variable));
            token.clear();
        }
    };
    let chars: Vec<char> = value.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if c.is_alphanumeric() {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            match c {
                '-' | '–' => {
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    out.push_str(super::text::range_delimiter(ctx, variable));
                    while chars.get(index + 1) == Some(&' ') {
                        index += 1;
                    }
                }
                ',' => {
                    out.push_str(", ");
                    while chars.get(index + 1) == Some(&' ') {
                        index += 1;
                    }
                }
                '&' => {
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    out.push_str(" & ");
                    while chars.get(index + 1) == Some(&' ') {
                        index += 1;
                    }
                }
                other => out.push(other),
            }
        }
        index += 1;
    }
    flush(&mut token, &mut out);
    out
}

fn format_one(ctx: &Context, token: &str, form: NumberForm, variable: Variable) -> String {
    let Ok(n) = token.parse::<u64>() else {
        return token.to_string();
    };
    match form {
        NumberForm::Numeric => token.to_string(),
        NumberForm::Ordinal => ordinal(ctx, n, gender_of(ctx, variable)),
        NumberForm::LongOrdinal => long_ordinal(ctx, n, gender_of(ctx, variable)),
        NumberForm::Roman => roman(n),
    }
}

fn gender_of(ctx: &Context, variable: Variable) -> Option<String> {
    let term = match variable {
        Variable::Locator => ctx.cite.label.as_deref().unwrap_or("page"),
        other => other.as_str(),
    };
    ctx.locale
        .term(term, TermForm::Long)
        .and_then(|t| t.gender.clone())
}

/// An ordinal number using the locale's ordinal terms.
pub fn ordinal(ctx: &Context, n: u64, gender: Option<String>) -> String {
    format!("{n}{}", ordinal_suffix(ctx, n, gender.as_deref()))
}

fn ordinal_suffix(ctx: &Context, n: u64, gender: Option<&str>) -> String {
    let Some(locale) = ctx.locale.ordinal_locale() else {
        return String::new();
    };
    let lookup = |name: String, want: &dyn Fn(Option<&str>) -> bool| {
        let genders = [gender, None];
        genders.iter().find_map(|g| {
            locale
                .terms
                .get(&name, TermForm::Long, *g)
                .filter(|t| want(t.match_rule.as_deref()))
                .map(|t| t.single.clone())
        })
    };
    let two = n % 100;
    let name = format!("ordinal-{two:02}");
    if n >= 10 {
        let whole = |m: Option<&str>| match m {
            Some("whole-number") => n == two,
            Some("last-digit") => false,
            _ => true,
        };
        if two >= 10 {
            if let Some(t) = lookup(name.clone(), &whole) {
                return t;
            }
        }
    }
    let one = n % 10;
    let last_digit = |m: Option<&str>| match m {
        Some("whole-number") => n == one,
        Some("last-two-digits") => n % 100 == one,
        _ => true,
    };
    if let Some(t) = lookup(format!("ordinal-{one:02}"), &last_digit) {
        return t;
    }
    lookup("ordinal".to_string(), &|_| true).unwrap_or_default()
}

fn long_ordinal(ctx: &Context, n: u64, gender: Option<String>) -> String {
    if (1..=10).contains(&n) {
        let name = format!("long-ordinal-{n:02}");
        for locale in &ctx.locale.locales {
            for g in [gender.clone(), None] {
                if let Some(term) = locale.terms.get(&name, TermForm::Long, g.as_deref()) {
                    return term.single.clone();
                }
            }
        }
    }
    ordinal(ctx, n, gender)
}

pub fn roman(n: u64) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// `cs:label`; for name labels, `names` gives the term of the names' role
/// and how many names there are.
pub fn render_label(ctx: &Context, label: &Label, names: Option<(&str, usize)>) -> Option<Inline> {
    let (term, plural) = match names {
        Some((role, count)) => (role.to_string(), count > 1),
        None => {
            let variable = label.variable?;
            let (term, value) = label_term(ctx, variable)?;
            let and = ctx
                .locale
                .term_text("and", TermForm::Long, false)
                .unwrap_or("and");
            let value = value.replace(&format!(" {and} "), " & ");
            (term, label_plural(variable, &value))
        }
    };
    let plural = match label.plural {
        Plural::Contextual => plural,
        Plural::Always => true,
        Plural::Never => false,
    };
    // role and locator labels without a term render nothing, silently:
    // CSL locales define no "author" term, for instance
    let text = ctx.locale.term_text(&term, label.form, plural)?.to_string();
    if text.is_empty() {
        return None;
    }
    super::wrap_term(ctx, Inline::Text(text.into()), &label.rendering)
}

fn label_term(ctx: &Context, variable: Variable) -> Option<(String, String)> {
    match variable {
        Variable::Locator => {
            let value = ctx.cite.locator.clone()?;
            if ctx.cite.label.is_none() && carries_own_label(&value) {
                // "vol. 1, fol. 186" needs no "p." before it (citeproc-js)
                return None;
            }
            let term = ctx
                .cite
                .label
                .as_deref()
                .map(|l| if l == "sub verbo" { "sub-verbo" } else { l })
                .unwrap_or("page")
                .to_string();
            Some((term, value))
        }
        Variable::NumberOfPages => Some((
            "page".to_string(),
            variable_text(ctx, variable, TermForm::Long)?.into_owned(),
        )),
        _ => Some((
            variable.as_str().to_string(),
            variable_text(ctx, variable, TermForm::Long)?.into_owned(),
        )),
    }
}

/// Whether a locator given without a label names its own: it opens with a
/// space, or with a word and a period before a space (`vol. 1`).
fn carries_own_label(locator: &str) -> bool {
    let after_word = locator.trim_start_matches(char::is_alphabetic);
    locator.starts_with(char::is_whitespace)
        || after_word.len() < locator.len() && after_word.starts_with(". ")
}

fn label_plural(variable: Variable, value: &str) -> bool {
    if matches!(
        variable,
        Variable::NumberOfPages | Variable::NumberOfVolumes
    ) {
        return value.trim().parse::<u64>().map(|n| n > 1).unwrap_or(false);
    }
    is_plural(value)
}
