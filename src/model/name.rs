//! Personal and organisational names.

use super::MultiText;
use crate::diag::Span;

/// One name of a name list (`author`, `editor` …). A person has `family` and
/// usually `given`; an organisation has `literal`.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Name {
    pub family: Option<MultiText>,
    pub given: Option<MultiText>,
    pub dropping_particle: Option<MultiText>,
    pub non_dropping_particle: Option<MultiText>,
    pub suffix: Option<MultiText>,
    /// An organisation, or a name that must not be split.
    pub literal: Option<MultiText>,
    /// CSL's `comma-suffix`: a comma before the suffix.
    pub comma_suffix: bool,
    /// CSL's `static-ordering`: keep given-family order even in sorted lists.
    pub static_ordering: bool,
    /// Where this name's table stands in the record.
    pub span: Span,
}

/// The name parts a record may write, for unknown-key messages.
pub const NAME_PARTS: &[&str] = &[
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "literal",
    "comma-suffix",
    "static-ordering",
];

impl Name {
    /// True for an organisation (a `literal` name).
    pub fn is_literal(&self) -> bool {
        self.literal.is_some()
    }

    /// A one-line display of the original form: `Family, Given` or the literal.
    pub fn display_original(&self) -> String {
        self.display_with(|t| &t.original)
    }

    /// A one-line display preferring hand-given transliterations.
    pub fn display_latin(&self) -> String {
        self.display_with(MultiText::latin_or_original)
    }

    fn display_with(&self, form: impl Fn(&MultiText) -> &str) -> String {
        if let Some(literal) = &self.literal {
            return form(literal).to_string();
        }
        let family: Vec<&str> = [&self.non_dropping_particle, &self.family]
            .into_iter()
            .flatten()
            .map(&form)
            .collect();
        let given: Vec<&str> = [&self.given, &self.dropping_particle]
            .into_iter()
            .flatten()
            .map(&form)
            .collect();
        let mut out = family.join(" ");
        if !given.is_empty() {
            out.push_str(", ");
            out.push_str(&given.join(" "));
        }
        if let Some(suffix) = &self.suffix {
            out.push_str(", ");
            out.push_str(form(suffix));
        }
        out
    }

    /// The same name with every text part replaced by `f(part)`.
    pub fn map_parts(&self, f: impl Fn(&MultiText) -> MultiText) -> Name {
        let map = |p: &Option<MultiText>| p.as_ref().map(&f);
        Name {
            family: map(&self.family),
            given: map(&self.given),
            dropping_particle: map(&self.dropping_particle),
            non_dropping_particle: map(&self.non_dropping_particle),
            suffix: map(&self.suffix),
            literal: map(&self.literal),
            ..self.clone()
        }
    }

    /// True when any part has a hand-given transliteration.
    pub fn has_translit(&self) -> bool {
        self.parts().any(|p| p.translit().is_some())
    }

    /// Every text part that is set.
    pub fn parts(&self) -> impl Iterator<Item = &MultiText> {
        [
            &self.family,
            &self.given,
            &self.dropping_particle,
            &self.non_dropping_particle,
            &self.suffix,
            &self.literal,
        ]
        .into_iter()
        .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_person_and_organisation() {
        let person = Name {
            family: Some(MultiText::new(
                "Ниязов".into(),
                Some("Niyazov".into()),
                Default::default(),
            )),
            given: Some(MultiText::plain("Н. С.")),
            ..Name::default()
        };
        assert_eq!(person.display_original(), "Ниязов, Н. С.");
        assert_eq!(person.display_latin(), "Niyazov, Н. С.");
        let org = Name {
            literal: Some(MultiText::plain("Ministry of Defence")),
            ..Name::default()
        };
        assert_eq!(org.display_original(), "Ministry of Defence");
        assert!(org.is_literal());
    }
}
