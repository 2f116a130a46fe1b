//! Multilingual text: the form as published, a hand-given transliteration, and
//! translations keyed by BCP 47 tag.

use crate::text::translit::{has_cyrillic, scheme_for_language, transliterate, Scheme};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A text value of a record. A plain TOML string fills only `original`.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct MultiText {
    /// The text as published, in its own script.
    pub original: String,
    /// A transliteration given by hand; when absent, one is derived by a scheme.
    pub translit: Option<String>,
    /// Translations, from BCP 47 tag (`en`, `tr`) to text.
    pub translations: BTreeMap<String, String>,
}

impl MultiText {
    /// A text with only its original form.
    pub fn plain(text: impl Into<String>) -> MultiText {
        MultiText {
            original: text.into(),
            ..MultiText::default()
        }
    }

    /// True when only the original form is set.
    pub fn is_plain(&self) -> bool {
        self.translit.is_none() && self.translations.is_empty()
    }

    /// The translation into `tag`, also accepting a region-less match
    /// (`en` for `en-US`, `en-GB` for `en`).
    pub fn translation(&self, tag: &str) -> Option<&str> {
        if let Some(t) = self.translations.get(tag) {
            return Some(t);
        }
        let primary = tag.split('-').next().unwrap_or(tag);
        self.translations
            .iter()
            .find(|(k, _)| k.split('-').next() == Some(primary))
            .map(|(_, v)| v.as_str())
    }

    /// The Latin-script form: the hand-given transliteration, else the original.
    pub fn latin_or_original(&self) -> &str {
        self.translit.as_deref().unwrap_or(&self.original)
    }
}

/// Where a Latin form came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatinSource {
    /// The record's own `translit`.
    Given,
    /// Derived under this scheme.
    Derived(Scheme),
}

impl MultiText {
    /// The Latin-script form of a non-Latin text: the record's own `translit`
    /// (it always wins unless `force` is set), else a transliteration under the
    /// scheme for `language` (`configured` choosing among schemes of that
    /// language). `None` for text with nothing to romanise.
    pub fn latin(
        &self,
        language: Option<&str>,
        configured: Option<Scheme>,
        force: bool,
    ) -> Option<(Cow<'_, str>, LatinSource)> {
        if let (Some(given), false) = (&self.translit, force) {
            return Some((Cow::Borrowed(given.as_str()), LatinSource::Given));
        }
        if !has_cyrillic(&self.original) {
            return self
                .translit
                .as_deref()
                .map(|t| (Cow::Borrowed(t), LatinSource::Given));
        }
        let scheme = match (force, configured) {
            (true, Some(scheme)) => scheme,
            _ => language
                .and_then(|l| scheme_for_language(l, configured))
                .or(configured)
                .unwrap_or(crate::text::translit::DEFAULT_RUSSIAN_SCHEME),
        };
        let derived = transliterate(&self.original, scheme);
        Some((Cow::Owned(derived), LatinSource::Derived(scheme)))
    }
}

impl From<&str> for MultiText {
    fn from(text: &str) -> MultiText {
        MultiText::plain(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_form_prefers_the_given_one() {
        let text = MultiText {
            original: "Ильхам".into(),
            translit: Some("Ilkham".into()),
            ..MultiText::default()
        };
        let (latin, source) = text.latin(Some("ru"), None, false).unwrap();
        assert_eq!((latin.as_ref(), source), ("Ilkham", LatinSource::Given));
        let (latin, source) = text.latin(Some("ru"), Some(Scheme::Iso9), true).unwrap();
        assert_eq!(
            (latin.as_ref(), source),
            ("Ilʹham", LatinSource::Derived(Scheme::Iso9))
        );
        let derived = MultiText::plain("Щука");
        let (latin, _) = derived
            .latin(Some("ru"), Some(Scheme::BgnPcgn), false)
            .unwrap();
        assert_eq!(latin, "Shchuka");
        assert!(MultiText::plain("Bakü")
            .latin(Some("tr"), None, false)
            .is_none());
    }

    #[test]
    fn translation_falls_back_to_primary_language() {
        let mut text = MultiText::plain("Başlık");
        text.translations.insert("en-GB".into(), "Title".into());
        assert_eq!(text.translation("en-GB"), Some("Title"));
        assert_eq!(text.translation("en"), Some("Title"));
        assert_eq!(text.translation("en-US"), Some("Title"));
        assert_eq!(text.translation("ru"), None);
    }
}
