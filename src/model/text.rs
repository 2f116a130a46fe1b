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
///
/// Most texts are plain, so the transliteration and the translations live
/// together in one box made only when a text has either: a plain text is 32
/// bytes, not 72 (a record keeps several, a name two).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(from = "TextParts<String, Translations>")]
pub struct MultiText {
    /// The text as published, in its own script.
    pub original: String,
    /// The other forms; `None` when there are none to keep.
    other: Option<Box<OtherForms>>,
}

/// A text's forms other than its original.
#[derive(Debug, Clone, Default)]
struct OtherForms {
    /// A transliteration given by hand; when absent, one is derived by a scheme.
    translit: Option<String>,
    /// Translations, from BCP 47 tag (`en`, `tr`) to text.
    translations: BTreeMap<String, String>,
}

/// No translations, for a text that has none.
static NO_TRANSLATIONS: BTreeMap<String, String> = BTreeMap::new();

impl MultiText {
    /// A text with only its original form.
    pub fn plain(text: impl Into<String>) -> MultiText {
        MultiText {
            original: text.into(),
            other: None,
        }
    }

    /// A text with all its forms.
    pub fn new(
        original: String,
        translit: Option<String>,
        translations: BTreeMap<String, String>,
    ) -> MultiText {
        MultiText::from(TextParts {
            original,
            translit,
            translations,
        })
    }

    /// True when only the original form is set.
    pub fn is_plain(&self) -> bool {
        self.translit().is_none() && self.translations().is_empty()
    }

    /// The transliteration given by hand, if any.
    pub fn translit(&self) -> Option<&str> {
        self.other.as_ref()?.translit.as_deref()
    }

    /// The hand-given transliteration, to change in place.
    pub fn translit_mut(&mut self) -> Option<&mut String> {
        self.other.as_mut()?.translit.as_mut()
    }

    /// Sets (or with `None` removes) the hand-given transliteration.
    pub fn set_translit(&mut self, translit: Option<String>) {
        match (&mut self.other, translit) {
            (Some(other), translit) => other.translit = translit,
            (None, None) => {}
            (None, translit) => self.others_mut().translit = translit,
        }
    }

    /// Translations, from BCP 47 tag (`en`, `tr`) to text.
    pub fn translations(&self) -> &BTreeMap<String, String> {
        self.other
            .as_ref()
            .map_or(&NO_TRANSLATIONS, |other| &other.translations)
    }

    /// The translations, to change in place.
    pub fn translations_mut(&mut self) -> &mut BTreeMap<String, String> {
        &mut self.others_mut().translations
    }

    fn others_mut(&mut self) -> &mut OtherForms {
        self.other.get_or_insert_with(Box::default)
    }

    /// The translation into `tag`, also accepting a region-less match
    /// (`en` for `en-US`, `en-GB` for `en`).
    pub fn translation(&self, tag: &str) -> Option<&str> {
        let translations = self.translations();
        if let Some(t) = translations.get(tag) {
            return Some(t);
        }
        let primary = crate::text::language::primary(tag);
        translations
            .iter()
            .find(|(k, _)| crate::text::language::primary(k) == primary)
            .map(|(_, v)| v.as_str())
    }

    /// The Latin-script form: the hand-given transliteration, else the original.
    pub fn latin_or_original(&self) -> &str {
        self.translit().unwrap_or(&self.original)
    }
}

/// Equal when every form is (an emptied box equals none).
impl PartialEq for MultiText {
    fn eq(&self, other: &MultiText) -> bool {
        self.original == other.original
            && self.translit() == other.translit()
            && self.translations() == other.translations()
    }
}

impl Eq for MultiText {}

/// A text's parts as the load cache keeps them: the original, the
/// transliteration and the translations, one after the other.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename = "MultiText")]
struct TextParts<S, M> {
    original: S,
    translit: Option<S>,
    translations: M,
}

impl serde::Serialize for MultiText {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        TextParts {
            original: self.original.as_str(),
            translit: self.translit(),
            translations: self.translations(),
        }
        .serialize(serializer)
    }
}

/// A text's translations as they are decoded: no map at all when there are
/// none (most texts), not an empty one made and dropped for every text of a
/// warm load.
struct Translations(Option<BTreeMap<String, String>>);

impl<'de> serde::Deserialize<'de> for Translations {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TranslationsVisitor)
    }
}

struct TranslationsVisitor;

impl<'de> serde::de::Visitor<'de> for TranslationsVisitor {
    type Value = Translations;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a map from language tag to translation")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Translations, A::Error> {
        let mut translations: Option<BTreeMap<String, String>> = None;
        while let Some((tag, text)) = map.next_entry::<String, String>()? {
            translations
                .get_or_insert_with(BTreeMap::new)
                .insert(tag, text);
        }
        Ok(Translations(translations))
    }
}

impl From<TextParts<String, Translations>> for MultiText {
    fn from(parts: TextParts<String, Translations>) -> MultiText {
        let Translations(translations) = parts.translations;
        if parts.translit.is_none() && translations.is_none() {
            return MultiText::plain(parts.original);
        }
        MultiText::from(TextParts {
            original: parts.original,
            translit: parts.translit,
            translations: translations.unwrap_or_default(),
        })
    }
}

impl From<TextParts<String, BTreeMap<String, String>>> for MultiText {
    fn from(parts: TextParts<String, BTreeMap<String, String>>) -> MultiText {
        let mut text = MultiText::plain(parts.original);
        if parts.translit.is_some() || !parts.translations.is_empty() {
            text.other = Some(Box::new(OtherForms {
                translit: parts.translit,
                translations: parts.translations,
            }));
        }
        text
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
        text.translations_mut()
            .insert("en-GB".into(), "Title".into());
        assert_eq!(text.translation("en-GB"), Some("Title"));
        assert_eq!(text.translation("en"), Some("Title"));
        assert_eq!(text.translation("en-US"), Some("Title"));
        assert_eq!(text.translation("ru"), None);
    }

    /// A plain text is small, and the load cache's bytes are those of the
    /// three parts one after the other, as they were before the box.
    #[test]
    fn keeps_rare_forms_boxed_and_encodes_as_three_parts() {
        assert_eq!(std::mem::size_of::<MultiText>(), 32);
        let mut text = MultiText::plain("Развитие");
        assert!(text.is_plain() && text.other.is_none());
        text.set_translit(None);
        assert!(text.other.is_none(), "no box for nothing");
        text.set_translit(Some("Razvitiye".into()));
        text.translations_mut()
            .insert("en".into(), "Development".into());
        let parts = (
            "Развитие".to_string(),
            Some("Razvitiye".to_string()),
            BTreeMap::from([("en".to_string(), "Development".to_string())]),
        );
        let bytes = postcard::to_stdvec(&text).expect("encode");
        assert_eq!(bytes, postcard::to_stdvec(&parts).expect("encode"));
        let back: MultiText = postcard::from_bytes(&bytes).expect("decode");
        assert_eq!(back, text);
        let plain = postcard::to_stdvec(&MultiText::plain("x")).expect("encode");
        let decoded: MultiText = postcard::from_bytes(&plain).expect("decode");
        assert!(decoded.other.is_none());
        let mut emptied = MultiText::plain("x");
        emptied.translations_mut().clear();
        assert_eq!(emptied, MultiText::plain("x"));
    }
}
