//! The Cyrillic languages kaynak has romanisation tables for, and how the table for
//! a text is chosen: from its language tag, else from its letters.

use crate::language::{self, guess_language, has_cyrillic};
use std::fmt;

/// A language written in Cyrillic whose romanisation tables kaynak has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Russian,
    Ukrainian,
    Belarusian,
    Bulgarian,
    Serbian,
    Macedonian,
    Kazakh,
    Kyrgyz,
    Tajik,
    Uzbek,
    /// Azerbaijani in its Cyrillic alphabet of 1958–1991 (`az-Cyrl`).
    Azerbaijani,
}

impl Lang {
    /// Every language, in the order `kaynak translit --list` names them.
    pub const ALL: [Lang; 11] = [
        Lang::Russian,
        Lang::Ukrainian,
        Lang::Belarusian,
        Lang::Bulgarian,
        Lang::Serbian,
        Lang::Macedonian,
        Lang::Kazakh,
        Lang::Kyrgyz,
        Lang::Tajik,
        Lang::Uzbek,
        Lang::Azerbaijani,
    ];

    /// The BCP 47 tag (`ru`, `uk` …; `az-Cyrl` for Azerbaijani).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Russian => "ru",
            Lang::Ukrainian => "uk",
            Lang::Belarusian => "be",
            Lang::Bulgarian => "bg",
            Lang::Serbian => "sr",
            Lang::Macedonian => "mk",
            Lang::Kazakh => "kk",
            Lang::Kyrgyz => "ky",
            Lang::Tajik => "tg",
            Lang::Uzbek => "uz",
            Lang::Azerbaijani => "az-Cyrl",
        }
    }

    /// The English name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Russian => "Russian",
            Lang::Ukrainian => "Ukrainian",
            Lang::Belarusian => "Belarusian",
            Lang::Bulgarian => "Bulgarian",
            Lang::Serbian => "Serbian",
            Lang::Macedonian => "Macedonian",
            Lang::Kazakh => "Kazakh",
            Lang::Kyrgyz => "Kyrgyz",
            Lang::Tajik => "Tajik",
            Lang::Uzbek => "Uzbek",
            Lang::Azerbaijani => "Azerbaijani (Cyrillic)",
        }
    }

    /// The language a tag names, if kaynak has tables for it. `az` counts only
    /// with a `Cyrl` script subtag; see [`Lang::for_text`] for `az` and Cyrillic text.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let script = language::script_subtag(tag);
        if script == Some(language::Script::Latin) {
            return None;
        }
        let lang = match language::primary(tag).as_str() {
            "ru" => Lang::Russian,
            "uk" => Lang::Ukrainian,
            "be" => Lang::Belarusian,
            "bg" => Lang::Bulgarian,
            "sr" => Lang::Serbian,
            "mk" => Lang::Macedonian,
            "kk" => Lang::Kazakh,
            "ky" => Lang::Kyrgyz,
            "tg" => Lang::Tajik,
            "uz" => Lang::Uzbek,
            "az" if script == Some(language::Script::Cyrillic) => Lang::Azerbaijani,
            _ => return None,
        };
        Some(lang)
    }

    /// The table for `text`, whose language is `tag` (a record's `language`, or
    /// `--lang`): the tag's language (`az` with Cyrillic text is `az-Cyrl`); without a
    /// usable tag, the language the letters point to when they point to one with
    /// tables; else Russian. The flag says whether the choice fell back to Russian
    /// for a tag that names a Cyrillic language without tables (`mn`, `tt` …).
    pub fn for_text(tag: Option<&str>, text: &str) -> Choice {
        let tag = tag.map(str::trim).filter(|t| !t.is_empty() && *t != "und");
        if let Some(tag) = tag {
            let effective = language::effective_tag(tag, text);
            if let Some(lang) = Lang::from_tag(&effective) {
                return Choice {
                    lang,
                    fallback: false,
                };
            }
            if language::is_written_in_cyrillic(tag) && has_cyrillic(text) {
                return Choice {
                    lang: Lang::Russian,
                    fallback: true,
                };
            }
        }
        let guessed = guess_language(text)
            .unambiguous()
            .map(|l| language::effective_tag(l, text))
            .and_then(|l| Lang::from_tag(&l));
        Choice {
            lang: guessed.unwrap_or(Lang::Russian),
            fallback: false,
        }
    }
}

/// The table chosen for a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub lang: Lang,
    /// The text's language has no tables of its own; the Russian ones stand in.
    pub fallback: bool,
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_by_tag_and_letters() {
        assert_eq!(Lang::from_tag("uk-UA"), Some(Lang::Ukrainian));
        assert_eq!(Lang::from_tag("az"), None);
        assert_eq!(Lang::from_tag("az-Cyrl"), Some(Lang::Azerbaijani));
        assert_eq!(Lang::from_tag("ru-Latn"), None);
        assert_eq!(
            Lang::for_text(Some("az"), "Азәрбајҹан").lang,
            Lang::Azerbaijani
        );
        assert_eq!(Lang::for_text(None, "Київ").lang, Lang::Ukrainian);
        assert_eq!(Lang::for_text(None, "Москва").lang, Lang::Russian);
        assert_eq!(
            Lang::for_text(Some("und"), "Қазақстан Республикасы").lang,
            Lang::Kazakh
        );
        let mongolian = Lang::for_text(Some("mn"), "Монгол");
        assert_eq!((mongolian.lang, mongolian.fallback), (Lang::Russian, true));
        assert_eq!(Lang::for_text(Some("en"), "Київ").lang, Lang::Ukrainian);
    }
}
