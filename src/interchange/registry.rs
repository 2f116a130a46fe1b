//! The format registry: every format kaynak exchanges references in,
//! declared once in [`FORMATS`] with its command-line name, the file
//! extensions and first characters that identify it, its importer (if kaynak
//! reads it) and its exporter. Adding a format is its own file (an importer
//! `foo_import.rs` with `fn import(&Source, &ImportOptions) -> Imported`
//! and/or an exporter `foo.rs` with `fn export(&[&Entry], &ExportOptions,
//! &mut Exported)`) plus a variant of [`Format`] and a row here.

use super::{
    bib_import, biblatex_export, bibtex_export, csl_json, csl_json_import, finish, hayagriva, ris,
    ris_import, ExportOptions, Exported, ImportOptions, Imported, Source,
};
use crate::diag::{Diagnostic, Span};
use crate::model::Entry;
use std::fmt;
use std::path::Path;

/// A file format kaynak exchanges references in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Bibtex,
    Biblatex,
    CslJson,
    Ris,
    Hayagriva,
}

/// What kaynak knows of one format.
struct FormatSpec {
    format: Format,
    /// The name used on the command line (`--to csl-json`).
    name: &'static str,
    /// File extensions (lower case) that mean this format on import.
    extensions: &'static [&'static str],
    /// Whether a file's text, from its first non-blank characters, is in this
    /// format (asked when the extension says nothing).
    sniff: fn(&str) -> bool,
    import: Option<fn(&Source, &ImportOptions) -> Imported>,
    export: fn(&[&Entry], &ExportOptions, &mut Exported),
}

/// Every format, in the order `--help` lists them and a file's start is
/// sniffed.
static FORMATS: &[FormatSpec] = &[
    FormatSpec {
        format: Format::Bibtex,
        name: "bibtex",
        // .bib files are read by the one .bib reader, registered as biblatex
        extensions: &[],
        sniff: |_| false,
        import: Some(bib_import::import),
        export: bibtex_export::export,
    },
    FormatSpec {
        format: Format::Biblatex,
        name: "biblatex",
        extensions: &["bib", "bibtex", "biblatex"],
        sniff: |start| start.starts_with(['@', '%']),
        import: Some(bib_import::import),
        export: biblatex_export::export,
    },
    FormatSpec {
        format: Format::CslJson,
        name: "csl-json",
        extensions: &["json"],
        sniff: |start| start.starts_with(['[', '{']),
        import: Some(|source, _| csl_json_import::import(source)),
        export: csl_json::export,
    },
    FormatSpec {
        format: Format::Ris,
        name: "ris",
        extensions: &["ris"],
        sniff: |start| start.starts_with("TY  -"),
        import: Some(|source, _| ris_import::import(source)),
        export: ris::export,
    },
    FormatSpec {
        format: Format::Hayagriva,
        name: "hayagriva",
        extensions: &[],
        sniff: |_| false,
        import: None,
        export: hayagriva::export,
    },
];

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Bibtex,
        Format::Biblatex,
        Format::CslJson,
        Format::Ris,
        Format::Hayagriva,
    ];

    fn spec(self) -> &'static FormatSpec {
        FORMATS
            .iter()
            .find(|spec| spec.format == self)
            .unwrap_or(&FORMATS[0])
    }

    /// The name used on the command line (`--to csl-json`).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn from_name(name: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|spec| spec.name == name)
            .map(|spec| spec.format)
    }

    /// Whether kaynak can read this format.
    pub fn can_import(self) -> bool {
        self.spec().import.is_some()
    }

    /// The format a file to import is probably in, from its extension, else
    /// from its first non-blank characters.
    pub fn guess(path: &Path, text: &str) -> Option<Format> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if let Some(extension) = extension {
            let known = FORMATS
                .iter()
                .find(|spec| spec.extensions.contains(&extension.as_str()));
            if let Some(spec) = known {
                return Some(spec.format);
            }
        }
        let start = text.trim_start_matches('\u{FEFF}').trim_start();
        FORMATS
            .iter()
            .find(|spec| spec.import.is_some() && (spec.sniff)(start))
            .map(|spec| spec.format)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Writes `entries` (in the order given) in `format`.
pub fn export(entries: &[&Entry], format: Format, options: &ExportOptions) -> Exported {
    let mut out = Exported::default();
    (format.spec().export)(entries, options, &mut out);
    out
}

/// Reads `text` (the contents of `path`) in `format`.
pub fn import(path: &Path, text: &str, format: Format, options: &ImportOptions) -> Imported {
    let source = Source::new(path, text);
    let mut imported = match format.spec().import {
        Some(read) => read(&source, options),
        None => Imported {
            diagnostics: vec![Diagnostic::error(
                "unsupported-import",
                format!("kaynak cannot import {format}"),
            )],
            ..Imported::default()
        },
    };
    imported
        .spans
        .resize(imported.entries.len(), Span::default());
    finish(&mut imported, &source);
    imported
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_registered_once_and_named_uniquely() {
        for format in Format::ALL {
            let rows = FORMATS.iter().filter(|spec| spec.format == *format).count();
            assert_eq!(rows, 1, "{format:?}");
            assert_eq!(Format::from_name(format.name()), Some(*format));
        }
        assert_eq!(FORMATS.len(), Format::ALL.len());
    }

    #[test]
    fn files_are_recognised_by_extension_then_by_their_start() {
        let guess = |name: &str, text: &str| Format::guess(Path::new(name), text);
        assert_eq!(guess("a.BIB", ""), Some(Format::Biblatex));
        assert_eq!(guess("a.json", "@x"), Some(Format::CslJson));
        assert_eq!(guess("a.ris", ""), Some(Format::Ris));
        assert_eq!(
            guess("a.txt", "\u{FEFF}  @article{a,}"),
            Some(Format::Biblatex)
        );
        assert_eq!(guess("a", "[{}]"), Some(Format::CslJson));
        assert_eq!(guess("a", "TY  - JOUR"), Some(Format::Ris));
        assert_eq!(guess("a.yml", "a: b"), None);
        assert!(!Format::Hayagriva.can_import() && Format::Ris.can_import());
    }
}
