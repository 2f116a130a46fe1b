//! A manuscript's metadata as pandoc reads it: the YAML block at the top of
//! a Markdown file (for `kaynak render`), or the `meta` of pandoc's JSON (for
//! the filter, see `pandoc::meta`). Only the fields kaynak acts on are kept.

use super::citations::Nocite;
use crate::diag::{Diagnostic, Location, Span};
use std::path::Path;

/// The settings a document gives itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// `citation-style` or `csl`: a style name or a .csl file.
    pub style: Option<String>,
    /// `lang`: the locale (BCP 47).
    pub lang: Option<String>,
    /// `link-citations`: in-text citations link to their bibliography entry.
    pub link_citations: bool,
    /// `reference-section-title`: a heading put before the bibliography.
    pub reference_section_title: Option<String>,
    /// `suppress-bibliography`: no bibliography at all.
    pub suppress_bibliography: bool,
    /// `nocite`: works listed without being cited.
    pub nocite: Nocite,
    /// `kaynak-library`: the library directory.
    pub library: Option<String>,
    /// `title`, for an HTML page's `<title>`.
    pub title: Option<String>,
}

impl Metadata {
    /// Sets a field from a metadata value given as text (`true`/`false` for
    /// flags); other keys are ignored, as pandoc keeps them for templates.
    pub fn set(&mut self, key: &str, value: MetaValue) {
        match key {
            "citation-style" | "csl" => self.style = value.text(),
            "lang" => self.lang = value.text(),
            "link-citations" => self.link_citations = value.flag(),
            "reference-section-title" => self.reference_section_title = value.text(),
            "suppress-bibliography" => self.suppress_bibliography = value.flag(),
            "nocite" => {
                let text = match value {
                    MetaValue::List(items) => items.join(" "),
                    other => other.text().unwrap_or_default(),
                };
                self.nocite = Nocite::parse(&text);
            }
            "kaynak-library" => self.library = value.text(),
            "title" => self.title = value.text(),
            _ => {}
        }
    }
}

/// A metadata value reduced to what kaynak reads.
#[derive(Debug, Clone, PartialEq)]
pub enum MetaValue {
    Text(String),
    Bool(bool),
    List(Vec<String>),
    Other,
}

impl MetaValue {
    fn text(self) -> Option<String> {
        match self {
            MetaValue::Text(text) => Some(text.trim().to_string()).filter(|t| !t.is_empty()),
            MetaValue::Bool(b) => Some(b.to_string()),
            MetaValue::List(items) => items.into_iter().next(),
            MetaValue::Other => None,
        }
    }

    fn flag(self) -> bool {
        match self {
            MetaValue::Bool(b) => b,
            MetaValue::Text(text) => matches!(text.trim(), "true" | "yes" | "on"),
            _ => false,
        }
    }
}

/// The metadata of a Markdown manuscript and where its body starts (after
/// the YAML block, or 0 without one).
pub fn front_matter(path: &Path, doc: &str) -> Result<(Metadata, usize), Diagnostic> {
    let Some((yaml, body)) = yaml_block(doc) else {
        return Ok((Metadata::default(), 0));
    };
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| {
        let offset = e.location().map_or(0, |l| l.index()) + 4;
        Diagnostic::error("invalid-metadata", format!("the YAML metadata block: {e}"))
            .with_location(Location::at(path, doc, Span::new(offset, offset)))
    })?;
    let mut metadata = Metadata::default();
    if let serde_yaml::Value::Mapping(map) = value {
        for (key, value) in map {
            if let serde_yaml::Value::String(key) = key {
                metadata.set(&key, yaml_value(value));
            }
        }
    }
    Ok((metadata, body))
}

/// The YAML between a leading `---` line and a closing `---` or `...` line,
/// and the offset just past the block.
fn yaml_block(doc: &str) -> Option<(&str, usize)> {
    let rest = doc
        .strip_prefix("---\n")
        .or_else(|| doc.strip_prefix("---\r\n"))?;
    let start = doc.len() - rest.len();
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return Some((&doc[start..offset], offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn yaml_value(value: serde_yaml::Value) -> MetaValue {
    use serde_yaml::Value;
    match value {
        Value::String(s) => MetaValue::Text(s),
        Value::Bool(b) => MetaValue::Bool(b),
        Value::Number(n) => MetaValue::Text(n.to_string()),
        Value::Sequence(items) => MetaValue::List(
            items
                .into_iter()
                .filter_map(|v| match yaml_value(v) {
                    MetaValue::Text(t) => Some(t),
                    _ => None,
                })
                .collect(),
        ),
        _ => MetaValue::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fields_pandoc_reads() {
        let doc = "---\ntitle: A paper\ncitation-style: apa\nlang: tr-TR\nlink-citations: true\nreference-section-title: Kaynakça\nsuppress-bibliography: false\nnocite: |\n  @a, @b\nkaynak-library: refs\n---\n\nBody.\n";
        let (meta, body) = front_matter(Path::new("d.md"), doc).unwrap();
        assert_eq!(&doc[body..], "\nBody.\n");
        assert_eq!(meta.style.as_deref(), Some("apa"));
        assert_eq!(meta.lang.as_deref(), Some("tr-TR"));
        assert!(meta.link_citations && !meta.suppress_bibliography);
        assert_eq!(meta.reference_section_title.as_deref(), Some("Kaynakça"));
        assert_eq!(meta.nocite, Nocite::Keys(vec!["a".into(), "b".into()]));
        assert_eq!(meta.library.as_deref(), Some("refs"));
        assert_eq!(meta.title.as_deref(), Some("A paper"));
    }

    #[test]
    fn nocite_as_a_list_and_all() {
        let (meta, _) =
            front_matter(Path::new("d.md"), "---\nnocite: ['@a', '@b']\n---\n").unwrap();
        assert_eq!(meta.nocite, Nocite::Keys(vec!["a".into(), "b".into()]));
        let (meta, _) = front_matter(Path::new("d.md"), "---\nnocite: '@*'\n---\n").unwrap();
        assert_eq!(meta.nocite, Nocite::All);
    }

    #[test]
    fn no_block_and_bad_yaml() {
        let (meta, body) = front_matter(Path::new("d.md"), "# T\n---\n").unwrap();
        assert_eq!((meta, body), (Metadata::default(), 0));
        let error = front_matter(Path::new("d.md"), "---\nlang: [x\n---\n").unwrap_err();
        assert_eq!(error.code, "invalid-metadata");
        assert!(
            error.position().starts_with("d.md:"),
            "{}",
            error.position()
        );
    }
}
