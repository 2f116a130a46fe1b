//! Locale files written for kaynak (`locales/` at the crate root) and
//! compiled into the binary: en-US, en-GB, ru-RU and tr-TR.

const EN_US: &str = include_str!("../../locales/locales-en-US.xml");
const EN_GB: &str = include_str!("../../locales/locales-en-GB.xml");
const RU_RU: &str = include_str!("../../locales/locales-ru-RU.xml");
const TR_TR: &str = include_str!("../../locales/locales-tr-TR.xml");

/// The tags kaynak ships a locale for.
pub const EMBEDDED_TAGS: &[&str] = &["en-US", "en-GB", "ru-RU", "tr-TR"];

/// The embedded locale file for a tag, if kaynak ships one.
pub fn embedded_locale(tag: &str) -> Option<&'static str> {
    match tag {
        "en-US" | "en" => Some(EN_US),
        "en-GB" => Some(EN_GB),
        "ru-RU" | "ru" => Some(RU_RU),
        "tr-TR" | "tr" => Some(TR_TR),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{Locale, LocaleChain};
    use crate::model::TermForm;

    #[test]
    fn every_embedded_locale_parses_with_core_terms() {
        for tag in EMBEDDED_TAGS {
            let text = embedded_locale(tag).unwrap_or_default();
            let locale = Locale::parse(text).unwrap_or_else(|e| panic!("{tag}: {e:?}"));
            assert_eq!(locale.lang.as_deref(), Some(*tag));
            let chain = LocaleChain {
                locales: vec![locale],
                ..LocaleChain::default()
            };
            for term in [
                "and",
                "et-al",
                "open-quote",
                "close-quote",
                "month-01",
                "page",
                "editor",
            ] {
                assert!(
                    chain.term(term, TermForm::Long).is_some(),
                    "{tag} lacks {term}"
                );
            }
            assert!(chain.date_format(crate::model::DateForm::Text).is_some());
        }
    }

    #[test]
    fn russian_falls_back_to_english_for_missing_terms() {
        let mut load = |tag: &str| embedded_locale(tag).and_then(|t| Locale::parse(t).ok());
        let chain = LocaleChain::build("ru-RU", &[], &mut load);
        assert_eq!(chain.term_text("and", TermForm::Long, false), Some("и"));
        assert_eq!(
            chain.term_text("podcast", TermForm::Long, false),
            Some("podcast")
        );
        let chain = LocaleChain::build("tr", &[], &mut load);
        assert_eq!(chain.term_text("et-al", TermForm::Long, false), Some("vd."));
    }
}
