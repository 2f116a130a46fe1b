//! Locator labels as pandoc writes them (`p.`, `pp.`, `chap.`, `§` …), mapped to
//! the CSL locator terms (`page`, `chapter`, `section` …): pandoc's English
//! list, and the locator terms of the document's language as its CSL locale
//! spells them (`s.`, `sayfa`, `bölüm` under `tr`; `с.`, `гл.` under `ru`).

use crate::csl::style::model::TermForm;
use crate::csl::LocaleChain;

/// Every CSL 1.0.2 locator term with the forms a writer may use for it, singular
/// and plural, abbreviated and in full (pandoc's English list).
const LABELS: &[(&str, &[&str])] = &[
    ("act", &["act", "acts"]),
    ("appendix", &["appendix", "appendices", "app.", "apps."]),
    ("article-locator", &["article", "articles", "art.", "arts."]),
    ("book", &["book", "books", "bk.", "bks."]),
    ("canon", &["canon", "canons"]),
    (
        "chapter",
        &["chapter", "chapters", "chap.", "chaps.", "ch.", "chs."],
    ),
    ("column", &["column", "columns", "col.", "cols."]),
    ("elocation", &["elocation", "elocations", "loc.", "locs."]),
    ("equation", &["equation", "equations", "eq.", "eqs."]),
    ("figure", &["figure", "figures", "fig.", "figs."]),
    ("folio", &["folio", "folios", "fol.", "fols."]),
    ("issue", &["issue", "issues", "iss."]),
    ("line", &["line", "lines", "l.", "ll."]),
    ("note", &["note", "notes", "n.", "nn."]),
    ("opus", &["opus", "opera", "op.", "opp."]),
    ("page", &["page", "pages", "p.", "pp.", "pg.", "pgs."]),
    (
        "paragraph",
        &["paragraph", "paragraphs", "para.", "paras.", "¶", "¶¶"],
    ),
    ("part", &["part", "parts", "pt.", "pts."]),
    ("rule", &["rule", "rules"]),
    ("scene", &["scene", "scenes", "sc."]),
    (
        "section",
        &["section", "sections", "sec.", "secs.", "§", "§§"],
    ),
    ("sub-verbo", &["sub verbo", "sub verbis", "s.v.", "s.vv."]),
    (
        "supplement",
        &["supplement", "supplements", "supp.", "supps."],
    ),
    ("table", &["table", "tables", "tbl.", "tbls."]),
    ("timestamp", &["timestamp", "timestamps"]),
    ("title-locator", &["title", "titles", "tit.", "tits."]),
    ("verse", &["verse", "verses", "v.", "vv."]),
    ("volume", &["volume", "volumes", "vol.", "vols."]),
];

/// The labels a document may write before a locator: pandoc's English list
/// and, for a document in another language, its locale's locator terms.
#[derive(Debug, Clone)]
pub struct LocatorLabels {
    /// Every form with its CSL term, and its first letter in lower case
    /// (most labels are ruled out by it), sorted by that letter (stably:
    /// forms with the same letter stay in the order they were added, which
    /// breaks ties between equal matches).
    forms: Vec<(String, &'static str, char)>,
}

impl Default for LocatorLabels {
    fn default() -> Self {
        LocatorLabels::english()
    }
}

impl LocatorLabels {
    /// English labels only.
    pub fn english() -> LocatorLabels {
        let mut labels = LocatorLabels { forms: Vec::new() };
        for (term, forms) in LABELS {
            for form in *forms {
                labels.add(form, term);
            }
        }
        labels.sort();
        labels
    }

    /// English labels and every form (long, short, symbol; singular and
    /// plural) of each locator term in `locale`.
    pub fn with_locale(locale: &LocaleChain) -> LocatorLabels {
        let mut labels = LocatorLabels::english();
        for (term, _) in LABELS {
            for form in [TermForm::Long, TermForm::Short, TermForm::Symbol] {
                let Some(found) = locale.term(term, form) else {
                    continue;
                };
                for text in std::iter::once(&found.single).chain(found.multiple.as_ref()) {
                    labels.add(text.trim(), term);
                }
            }
        }
        labels.sort();
        labels
    }

    /// Sorts the forms by their first letter, keeping the order of those
    /// that share it: a label is looked for only among them.
    fn sort(&mut self) {
        self.forms.sort_by_key(|(_, _, first)| *first);
    }

    fn add(&mut self, form: &str, term: &'static str) {
        let Some(first) = form.chars().next().and_then(|c| c.to_lowercase().next()) else {
            return;
        };
        if !self.forms.iter().any(|(f, _, _)| f == form) {
            self.forms.push((form.to_string(), term, first));
        }
    }

    /// The CSL term for a label written at the start of `text`, and the byte
    /// length of the label (with the space after it). Longest match wins
    /// (`pp.` over `p.`).
    pub fn match_label(&self, text: &str) -> Option<(&'static str, usize)> {
        let first = text.chars().next()?.to_lowercase().next()?;
        // the longest label wins; of equal ones, one written in the same case
        // (`s.` is a page in Turkish, `S.` an issue)
        let mut best: Option<(&'static str, usize, bool)> = None;
        let start = self.forms.partition_point(|(_, _, f)| *f < first);
        let same_first = self.forms[start..].iter();
        for (form, term, _) in same_first.take_while(|(_, _, f)| *f == first) {
            if ruled_out(text, form) {
                continue;
            }
            let Some(len) = label_len(text, form) else {
                continue;
            };
            let exact = text.starts_with(form.as_str());
            let better = best.is_none_or(|(_, best_len, best_exact)| {
                len > best_len || len == best_len && exact && !best_exact
            });
            if better {
                best = Some((term, len, exact));
            }
        }
        best.map(|(term, len, _)| {
            let spaces = text[len..].len() - text[len..].trim_start().len();
            (term, len + spaces)
        })
    }
}

/// True when the first two characters of `text` and `form` are ASCII and
/// differ in more than letter case: `form` cannot start `text`, which
/// [`label_len`] would find at a longer compare (most of a label's
/// candidates share only its first letter: 16 M → 10 M instructions for
/// the locators of a 10,000-citation manuscript).
fn ruled_out(text: &str, form: &str) -> bool {
    match (text.as_bytes().get(..2), form.as_bytes().get(..2)) {
        (Some(text), Some(form)) if text.is_ascii() && form.is_ascii() => {
            !text.eq_ignore_ascii_case(form)
        }
        _ => false,
    }
}

/// The byte length of `form` written at the start of `text` in any letter
/// case, when it ends there as a label (`page 5`, not `pages5x`).
fn label_len(text: &str, form: &str) -> Option<usize> {
    let end = match ascii_prefix(text, form) {
        Some(matched) => matched.then_some(form.len())?,
        None => folded_prefix(text, form)?,
    };
    let rest = &text[end..];
    // A word label must end at a word boundary.
    let ends_ok = form.ends_with(|c: char| !c.is_alphanumeric())
        || rest.is_empty()
        || rest.starts_with([' ', '\u{a0}']);
    ends_ok.then_some(end)
}

/// Whether `text` starts with the ASCII `form` in any letter case, when
/// bytes alone can tell: the form and the text it is compared with are
/// ASCII (`None` otherwise; most labels are ruled out here, at a compare
/// of a few bytes).
fn ascii_prefix(text: &str, form: &str) -> Option<bool> {
    if !form.is_ascii() {
        return None;
    }
    match text.as_bytes().get(..form.len()) {
        Some(head) if head.eq_ignore_ascii_case(form.as_bytes()) => Some(true),
        Some(head) if head.is_ascii() => Some(false),
        None if text.is_ascii() => Some(false),
        _ => None,
    }
}

/// The byte length of the text that `form` matches at the start of `text`,
/// letter by letter in any case.
fn folded_prefix(text: &str, form: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let mut end = 0;
    for wanted in form.chars() {
        let (at, c) = chars.next()?;
        // ASCII letters fold without the general case mapping (a letter
        // outside ASCII may fold to one inside it: K, the Kelvin sign, is k)
        let same = if c.is_ascii() && wanted.is_ascii() {
            c.eq_ignore_ascii_case(&wanted)
        } else {
            c.to_lowercase().eq(wanted.to_lowercase())
        };
        if !same {
            return None;
        }
        end = at + c.len_utf8();
    }
    Some(end)
}

/// The CSL term for an English label at the start of `text` (see
/// [`LocatorLabels::match_label`]).
pub fn match_label(text: &str) -> Option<(&'static str, usize)> {
    LocatorLabels::english().match_label(text)
}

/// True for a CSL locator term name (`page`, `chapter` …).
pub fn is_term(name: &str) -> bool {
    LABELS.iter().any(|(term, _)| *term == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_longest_label() {
        assert_eq!(match_label("pp. 33-35"), Some(("page", 4)));
        assert_eq!(match_label("p. 5"), Some(("page", 3)));
        assert_eq!(match_label("chap. 2"), Some(("chapter", 6)));
        assert_eq!(match_label("§ 4"), Some(("section", "§ ".len())));
        assert_eq!(match_label("sub verbo foo"), Some(("sub-verbo", 10)));
        assert_eq!(match_label("pages 3"), Some(("page", 6)));
        assert_eq!(match_label("passim"), None);
        assert_eq!(match_label("verses"), Some(("verse", 6)));
        assert_eq!(match_label("PP. 3"), Some(("page", 4)));
        assert_eq!(match_label("Chap. 3"), Some(("chapter", 6)));
        // the Kelvin sign folds to an ASCII k, as a label letter may
        assert_eq!(label_len("\u{212a}ey", "key"), Some("\u{212a}ey".len()));
        assert_eq!(label_len("Pa\u{212a}", "pak"), Some("Pa\u{212a}".len()));
        assert_eq!(label_len("pa", "pak"), None);
        assert_eq!(label_len("pag", "p."), None);
        assert_eq!(label_len("pages5", "pages"), None);
        assert!(ruled_out("p. 5", "pages") && ruled_out("pa", "PP."));
        assert!(!ruled_out("PA 5", "page") && !ruled_out("p", "p."));
        assert!(!ruled_out("\u{212a}ey", "key") && !ruled_out("§ 4", "§§"));
        assert!(is_term("page") && !is_term("p."));
    }

    #[test]
    fn locale_terms_are_labels_too() {
        let chain = LocaleChain::build("tr-TR", &[], &mut |t| crate::csl::embedded_locales(t));
        let labels = LocatorLabels::with_locale(&chain);
        assert_eq!(labels.match_label("sayfa 7"), Some(("page", 6)));
        assert_eq!(
            labels.match_label("Bölüm 3"),
            Some(("chapter", "Bölüm ".len()))
        );
        assert_eq!(
            labels.match_label("p. 9"),
            Some(("page", 3)),
            "English stays"
        );
        assert_eq!(match_label("sayfa 7"), None);
        assert_eq!(labels.match_label("s. 5"), Some(("page", 3)));
        assert_eq!(labels.match_label("S. 5"), Some(("issue", 3)));
    }
}
