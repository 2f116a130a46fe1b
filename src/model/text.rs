//! Multilingual text: the form as published, a hand-given transliteration, and
//! translations keyed by BCP 47 tag.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// True for the control characters that have no place in a record's text
/// and must never reach a terminal raw: C0 but tab and line feed, DEL, and
/// C1 (U+0080–U+009F). ESC and the C1 CSI/OSC start escape sequences that can
/// set a window's title or write the clipboard.
pub fn is_control_character(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `text` without its [control characters](is_control_character).
pub fn strip_control_characters(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_control_character) {
        Cow::Owned(text.chars().filter(|c| !is_control_character(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

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
        let primary = crate::text::language::primary(tag);
        self.translations
            .iter()
            .find(|(k, _)| crate::text::language::primary(k) == primary)
            .map(|(_, v)| v.as_str())
    }

    /// The Latin-script form: the hand-given transliteration, else the original.
    pub fn latin_or_original(&self) -> &str {
        self.translit.as_deref().unwrap_or(&self.original)
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
    fn translation_falls_back_to_primary_language() {
        let mut text = MultiText::plain("Başlık");
        text.translations.insert("en-GB".into(), "Title".into());
        assert_eq!(text.translation("en-GB"), Some("Title"));
        assert_eq!(text.translation("en"), Some("Title"));
        assert_eq!(text.translation("en-US"), Some("Title"));
        assert_eq!(text.translation("ru"), None);
    }
}
