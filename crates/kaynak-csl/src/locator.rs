//! Locator labels: CSL's locator terms and the abbreviations pandoc accepts
//! in citation syntax (`p. 5`, `chap. 2`, `§ 4`), so a front end can turn
//! `"@frontier, p. 5"` into a cite with `label = "page"`.

/// CSL locator types (the `label` of a cite).
pub const LOCATOR_TERMS: &[&str] = &[
    "act",
    "appendix",
    "article-locator",
    "book",
    "canon",
    "chapter",
    "column",
    "elocation",
    "equation",
    "figure",
    "folio",
    "issue",
    "line",
    "note",
    "opus",
    "page",
    "paragraph",
    "part",
    "rule",
    "scene",
    "section",
    "sub-verbo",
    "supplement",
    "table",
    "timestamp",
    "title-locator",
    "verse",
    "volume",
];

/// The CSL locator term for a label word as pandoc reads it ("p.", "pp.",
/// "page", "chap.", "§", …); `None` if the word is not a locator label.
pub fn locator_term(word: &str) -> Option<&'static str> {
    let word = word.trim().to_lowercase();
    let term = match word.as_str() {
        "p" | "p." | "pp" | "pp." | "page" | "pages" => "page",
        "bk" | "bk." | "bks" | "book" | "books" => "book",
        "chap" | "chap." | "chaps" | "ch" | "ch." | "chapter" | "chapters" => "chapter",
        "col" | "col." | "cols" | "column" | "columns" => "column",
        "fig" | "fig." | "figs" | "figure" | "figures" => "figure",
        "fol" | "fol." | "fols" | "folio" | "folios" => "folio",
        "no" | "no." | "nos" | "number" | "numbers" | "issue" => "issue",
        "l" | "l." | "ll" | "ll." | "line" | "lines" => "line",
        "n" | "n." | "nn" | "note" | "notes" => "note",
        "op" | "op." | "opp" | "opus" | "opera" => "opus",
        "para" | "para." | "paras" | "paragraph" | "paragraphs" | "¶" | "¶¶" => "paragraph",
        "pt" | "pt." | "pts" | "part" | "parts" => "part",
        "sec" | "sec." | "secs" | "section" | "sections" | "§" | "§§" => "section",
        "s.v." | "s.vv." | "sub verbo" | "sub-verbo" => "sub-verbo",
        "v" | "v." | "vv" | "vv." | "verse" | "verses" => "verse",
        "vol" | "vol." | "vols" | "vols." | "volume" | "volumes" => "volume",
        "app" | "app." | "appendix" | "appendices" => "appendix",
        "art" | "art." | "article" => "article-locator",
        "eq" | "eq." | "equation" => "equation",
        "r" | "r." | "rule" => "rule",
        "sc" | "sc." | "scene" => "scene",
        "supp" | "supp." | "supplement" => "supplement",
        "tbl" | "tbl." | "table" => "table",
        "tit" | "tit." | "title" => "title-locator",
        "act" | "canon" | "elocation" | "timestamp" => {
            return LOCATOR_TERMS.iter().copied().find(|t| *t == word)
        }
        _ => return None,
    };
    Some(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pandoc_labels_map_to_csl_terms() {
        assert_eq!(locator_term("p."), Some("page"));
        assert_eq!(locator_term("pp."), Some("page"));
        assert_eq!(locator_term("§"), Some("section"));
        assert_eq!(locator_term("Chap."), Some("chapter"));
        assert_eq!(locator_term("canon"), Some("canon"));
        assert_eq!(locator_term("frobnicate"), None);
    }
}
