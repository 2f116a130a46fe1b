//! Locator labels as pandoc writes them (`p.`, `pp.`, `chap.`, `§` …), mapped to
//! the CSL locator terms (`page`, `chapter`, `section` …).

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

/// The CSL term for a label written at the start of `text`, and the byte length
/// of the label (with the space after it). Longest match wins (`pp.` over `p.`).
pub fn match_label(text: &str) -> Option<(&'static str, usize)> {
    let mut best: Option<(&'static str, usize)> = None;
    for (term, forms) in LABELS {
        for form in *forms {
            let Some(head) = text.get(..form.len()) else {
                continue;
            };
            if !head.eq_ignore_ascii_case(form) {
                continue;
            }
            let rest = &text[form.len()..];
            // A word label must end at a word boundary (`page 5`, not `pages5x`).
            let ends_ok = form.ends_with(['.', '¶', '§'])
                || rest.is_empty()
                || rest.starts_with([' ', '\u{a0}']);
            if ends_ok && best.is_none_or(|(_, len)| form.len() > len) {
                best = Some((term, form.len()));
            }
        }
    }
    best.map(|(term, len)| {
        let spaces = text[len..].len() - text[len..].trim_start().len();
        (term, len + spaces)
    })
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
        assert!(is_term("page") && !is_term("p."));
    }
}
