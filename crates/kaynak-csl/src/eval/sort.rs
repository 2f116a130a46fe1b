//! Sort keys for `cs:sort` (variables and macros) and their comparison.
//!
//! Text keys are collated with the processor's [`Collator`] (ICU4X, CLDR order of the
//! style's effective locale: Turkish `c < ç`, `ı < i`, Azerbaijani `e < ə`, Russian `е = ё`),
//! at the primary level (case and accents ignored, as `cs:sort` keys were before). Each key
//! is computed once per item as a [`SortValue`]: its text prepared for the collator, which
//! compares it when a sort asks. Numbers and dates stay zero-padded digit strings compared
//! as such, before any text value of the same key.

use super::{date, number, render_elements, CiteState, Context};
use crate::item::CslItem;
use crate::locale::LocaleChain;
use crate::model::*;
use crate::output::Inline;
use crate::style::Style;
use kaynak_text::collate::{CollationOptions, Collator, Level, MixedScripts};
use std::cmp::Ordering;

/// A key before collation.
enum RawKey {
    /// Zero-padded numbers and date keys, compared code unit by code unit.
    Plain(String),
    /// Text, compared by the collator.
    Text(String),
}

/// The collator for sort keys of a processor whose locale is `lang` (BCP 47).
/// Unknown or invalid tags fall back to the primary language, then to the root order.
pub fn collator_for(lang: &str, mixed_scripts: MixedScripts) -> Collator {
    let primary = kaynak_text::language::primary(lang);
    // A locale written in Cyrillic orders Cyrillic natively: never romanise for it.
    let mixed_scripts = if kaynak_text::language::is_written_in_cyrillic(lang) {
        MixedScripts::Original
    } else {
        mixed_scripts
    };
    let options = CollationOptions {
        level: Level::Primary,
        mixed_scripts,
        ..CollationOptions::default()
    };
    Collator::with_options(lang, options)
        .or_else(|_| Collator::with_options(&primary, options))
        .or_else(|_| Collator::with_options("und", options))
        .unwrap_or_else(|_| Collator::root())
}

/// Every sort key of an item for a section (`None`: empty, sorted last).
pub(crate) fn sort_values(input: &KeyInput) -> Vec<Option<SortValue>> {
    (0..input.section.sort.len())
        .map(|index| sort_value_sharing(input, index, None))
        .collect()
}

/// Compares two items' keys ([`sort_values`]) under the section's keys.
pub(crate) fn compare_values(
    collator: &Collator,
    section: &Section,
    a: &[Option<SortValue>],
    b: &[Option<SortValue>],
) -> Ordering {
    for (index, key) in section.sort.iter().enumerate() {
        let (x, y) = (
            a.get(index).and_then(Option::as_ref),
            b.get(index).and_then(Option::as_ref),
        );
        let ordering = SortValue::compare(collator, key, x, y);
        if ordering.is_ne() {
            return ordering;
        }
    }
    Ordering::Equal
}

/// What a sort key is computed from.
pub(crate) struct KeyInput<'a> {
    pub collator: &'a Collator,
    pub style: &'a Style,
    pub locale: &'a LocaleChain,
    pub item: &'a dyn CslItem,
    pub section: &'a Section,
    pub cite: &'a CiteState,
    /// The style's trees for the item's type, when the run keeps them.
    pub tree: Option<&'a crate::eval::specialize::Tree>,
}

/// One computed key to compare with [`SortValue::compare`]: the order of the
/// collator's sort keys (a unit test of the collator holds the two equal),
/// without writing one out. A sort compares a key with a few others only, and
/// most comparisons end at the first letters, so comparing the texts costs
/// less than writing every key's sort key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SortValue {
    /// The script rank (if the key has one) and the kind byte.
    prefix: Vec<u8>,
    /// The text: plain (compared byte by byte) or as the collator orders it.
    text: String,
    collated: bool,
}

impl SortValue {
    /// Compares two values of `key` (empty ones last, whatever the direction).
    pub(crate) fn compare(
        collator: &Collator,
        key: &SortKey,
        x: Option<&SortValue>,
        y: Option<&SortValue>,
    ) -> Ordering {
        let (x, y) = match (x, y) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Greater,
            (Some(_), None) => return Ordering::Less,
            (Some(x), Some(y)) => (x, y),
        };
        // Prefixes of one key are all the same length (a two-digit rank and a
        // script code, then the kind), so comparing them first orders as the
        // concatenated bytes do.
        let ordering = x.prefix.cmp(&y.prefix).then_with(|| {
            if x.collated && y.collated {
                collator.compare_prepared(&x.text, &y.text)
            } else {
                x.text.as_bytes().cmp(y.text.as_bytes())
            }
        });
        if key.direction == SortDirection::Descending {
            ordering.reverse()
        } else {
            ordering
        }
    }
}

/// Sort key `index` of an item, keeping the item's variable answers in
/// `answers` when given (see `Context::share_answers`).
pub(crate) fn sort_value_sharing(
    input: &KeyInput,
    index: usize,
    answers: Option<&super::SharedAnswers>,
) -> Option<SortValue> {
    let ranked = ranked_key(input, index, answers)?;
    Some(match ranked.value {
        RawKey::Plain(text) => SortValue {
            prefix: ranked.prefix,
            text,
            collated: false,
        },
        RawKey::Text(text) => SortValue {
            prefix: ranked.prefix,
            text: input.collator.prepared(&text).into_owned(),
            collated: true,
        },
    })
}

/// A key's value with the bytes that go before it.
struct Ranked {
    /// The script rank (kaynak's `k:script-order`), then 0 for plain keys
    /// and 1 for collated text.
    prefix: Vec<u8>,
    value: RawKey,
}

fn ranked_key(
    input: &KeyInput,
    index: usize,
    answers: Option<&super::SharedAnswers>,
) -> Option<Ranked> {
    let KeyInput {
        style,
        locale,
        item,
        section,
        cite,
        tree,
        ..
    } = *input;
    let key = section.sort.get(index)?;
    let walk = super::Walk::default();
    let mut ctx = Context::new(style, locale, item, section, cite, &walk);
    if let Some(answers) = answers {
        ctx.share_answers(answers);
    }
    if let Some(tree) = tree {
        ctx.use_tree(tree);
    }
    ctx.sorting = true;
    ctx.sort_names = Some((key.names_min, key.names_use_first, key.names_use_last));
    // kaynak multilingual extension: k:forms, k:script-order on the key.
    #[cfg(feature = "multilingual")]
    let ext = key.ext.as_deref();
    #[cfg(feature = "multilingual")]
    let value = super::ext::in_key(&ctx, ext, || key_value(&ctx, key))?;
    #[cfg(not(feature = "multilingual"))]
    let value = key_value(&ctx, key)?;
    let text = match &value {
        RawKey::Plain(text) | RawKey::Text(text) => text,
    };
    #[cfg(feature = "multilingual")]
    let mut prefix = super::ext::script_rank(&ctx, ext, text)
        .map(String::into_bytes)
        .unwrap_or_default();
    #[cfg(not(feature = "multilingual"))]
    let mut prefix = {
        let _ = text;
        Vec::new()
    };
    prefix.push(match value {
        RawKey::Plain(_) => 0,
        RawKey::Text(_) => 1,
    });
    Some(Ranked { prefix, value })
}

fn key_value(ctx: &Context, key: &SortKey) -> Option<RawKey> {
    match &key.source {
        SortKeySource::Macro(index) => {
            let elements = ctx.macro_elements(*index)?;
            #[cfg(feature = "multilingual")]
            let nodes = super::ext::in_macro(ctx, *index, || render_elements(ctx, elements));
            #[cfg(not(feature = "multilingual"))]
            let nodes = render_elements(ctx, elements);
            // sized first: growing piece by piece reallocated often
            let length = nodes.iter().map(Inline::plain_len).sum();
            let mut text = String::with_capacity(length);
            nodes.iter().for_each(|node| node.push_plain(&mut text));
            text_key(collation_text(&pad_numbers(&text)))
        }
        SortKeySource::Variable(name) => variable_key(ctx, *name),
    }
}

fn variable_key(ctx: &Context, name: Variable) -> Option<RawKey> {
    if ctx.item.names(name).is_some() {
        let names = Names {
            variables: vec![name],
            name: None,
            et_al: None,
            label: None,
            label_before_name: false,
            substitute: None,
            delimiter: None,
            rendering: Rendering::default(),
            // not an element of the style: nothing targets it
            id: u16::MAX,
        };
        let mut ctx_names = super::names::render_names(ctx, &names).map(|n| n.plain_text());
        if let Some(text) = ctx_names.take() {
            return text_key(collation_text(&text));
        }
        return None;
    }
    if let Some(d) = ctx.item.date(name) {
        let key = date::sort_key(&d);
        return (!key.is_empty()).then_some(RawKey::Plain(key));
    }
    // kaynak multilingual extension: the main form of a text variable.
    #[cfg(feature = "multilingual")]
    let value = match super::ext::sort_text(ctx, name) {
        Some(value) => value?.into(),
        None => super::text::variable_text(ctx, name, TermForm::Long)?,
    };
    #[cfg(not(feature = "multilingual"))]
    let value = super::text::variable_text(ctx, name, TermForm::Long)?;
    // number variables sort numerically (spec, Sorting); a standard
    // variable such as citation-label ("ÇeDo64") sorts as text
    if is_number_variable(name) && number::is_numeric(&value) || name == Variable::CitationNumber {
        return Some(RawKey::Plain(pad_numbers(&value)));
    }
    text_key(collation_text(&strip_markup(&value)))
}

/// The number variables of CSL 1.0.2 (Appendix IV).
fn is_number_variable(name: Variable) -> bool {
    name.kind() == VariableKind::Number
}

fn text_key(s: String) -> Option<RawKey> {
    (!s.is_empty()).then_some(RawKey::Text(s))
}

fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Zero-pad runs of digits (to ten places) so numbers compare numerically.
/// Works on bytes: an ASCII digit is never part of a longer UTF-8 sequence,
/// so every run starts and ends on a character boundary.
fn pad_numbers(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    while at < bytes.len() {
        let digits = bytes[at].is_ascii_digit();
        let len = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit() == digits)
            .count();
        if digits {
            out.extend(std::iter::repeat_n('0', 10usize.saturating_sub(len)));
        }
        out.push_str(&text[at..at + len]);
        at += len;
    }
    out
}

/// The text a key collates: leading punctuation and quote marks dropped, other
/// punctuation ignored, spaces trimmed. An apostrophe inside a word is kept as a tab,
/// which the collator orders before spaces and letters (d’Wander < de’ Frinkle).
/// Case and accents are left to the collator (primary level), so a Turkish `I`
/// stays dotless and `Ç` stays a letter of its own.
pub fn collation_text(text: &str) -> String {
    let is_apostrophe = |c: char| c == '\'' || c == '’';
    let text = text.trim_start_matches(|c: char| c.is_ascii_punctuation() || "“”‘’«»".contains(c));
    // never longer than the text: nothing is added and a tab is one byte
    let mut out = String::with_capacity(text.len());
    out.extend(
        text.chars()
            .filter(|c| {
                (!c.is_ascii_punctuation() || is_apostrophe(*c))
                    && !matches!(c, '“' | '”' | '‘' | '«' | '»')
            })
            .map(|c| if is_apostrophe(c) { '\t' } else { c }),
    );
    // trimmed in place (a second string per key was a hot spot)
    out.truncate(out.trim_end().len());
    let leading = out.len() - out.trim_start().len();
    out.drain(..leading);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_padded_to_ten_places() {
        assert_eq!(pad_numbers("vol. 12, 3a"), "vol. 0000000012, 0000000003a");
        assert_eq!(pad_numbers("Ş12345678901"), "Ş12345678901");
        assert_eq!(pad_numbers(""), "");
    }

    #[test]
    fn collation_text_keeps_letters_for_the_collator() {
        assert_eq!(collation_text("“Işık”"), "Işık");
        assert_eq!(collation_text("Çelik, A."), "Çelik A");
        assert_eq!(collation_text("d’Wander"), "d\tWander");
    }

    #[test]
    fn collator_follows_the_language_and_falls_back() {
        let scripts = MixedScripts::Original;
        let turkish = collator_for("tr-TR", scripts);
        assert!(turkish.sort_key("Cengiz") < turkish.sort_key("Çelik"));
        assert!(turkish.sort_key("Işık") < turkish.sort_key("İnan"));
        let root = collator_for("not a tag!", scripts);
        assert!(root.sort_key("Çelik") < root.sort_key("Cengiz"));
        // Apostrophes (kept as tabs) sort before spaces and letters.
        assert!(root.sort_key("d\twander") < root.sort_key("de\t frinkle"));
        // A Russian collator never romanises, even when asked to.
        let russian = collator_for(
            "ru",
            MixedScripts::Transliterated(kaynak_text::translit::Scheme::Iso9),
        );
        assert!(russian.sort_key("Шевченко") < russian.sort_key("Щербаков"));
    }
}
