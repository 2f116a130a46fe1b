//! Finding and loading styles and locales: a style by file path, or by name in
//! the style directories (`--styles DIR`, `styles` in kaynak.toml, `./styles`)
//! and among the styles built into kaynak; a dependent style's parent is found
//! the same way. Style problems become diagnostics with file:line:col; a name
//! that matches no style gets the closest names, a path that does not exist
//! is reported as a missing file. Also lists every style (`kaynak styles`)
//! and tells whether a locale exists.

use crate::csl::{self, Locale, Style};
use crate::diag::{Diagnostic, Location, Severity, Span};
use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};

/// The styles kaynak ships, by name, built into the binary.
pub const BUNDLED_STYLES: &[(&str, &str)] = &[
    (
        "chicago-notes",
        include_str!("../../styles/chicago-notes.csl"),
    ),
    (
        "chicago-author-date",
        include_str!("../../styles/chicago-author-date.csl"),
    ),
    ("apa", include_str!("../../styles/apa.csl")),
    ("mla", include_str!("../../styles/mla.csl")),
    ("ieee", include_str!("../../styles/ieee.csl")),
    ("harvard", include_str!("../../styles/harvard.csl")),
    (
        "gost-r-7.0.100-2018",
        include_str!("../../styles/gost-r-7.0.100-2018.csl"),
    ),
    ("isnad", include_str!("../../styles/isnad.csl")),
];

/// A loaded style and the non-fatal problems found in it.
pub struct LoadedStyle {
    pub style: Style,
    pub name: String,
    pub warnings: Vec<Diagnostic>,
    /// What identifies the files the style was made from (each one's path
    /// and text, the parent's too): a cache of what the style rendered is
    /// keyed on it.
    pub source: u128,
}

/// Loads the style `spec` (a path or a name), resolving a dependent style's parent.
pub fn load_style(spec: &str, dirs: &[PathBuf]) -> Result<LoadedStyle, Vec<Diagnostic>> {
    let (text, origin) = find_style(spec, dirs)
        .map_err(|d| vec![d])?
        .ok_or_else(|| vec![not_found(spec, dirs)])?;
    let mut loaded = parse_style(&text, &origin)?;
    if let Some(parent) = loaded.style.parent.clone() {
        let parent_name = parent
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(&parent)
            .to_string();
        let mut search = dirs.to_vec();
        if let Some(dir) = origin.parent() {
            search.push(dir.to_path_buf());
        }
        let (parent_text, parent_origin) = find_style(&parent_name, &search)
            .map_err(|d| vec![d])?
            .ok_or_else(|| vec![missing_parent(&parent, &origin)])?;
        let parent_style = parse_style(&parent_text, &parent_origin)?;
        loaded.source = source_hash(&[loaded.source, parent_style.source]);
        loaded.warnings.extend(parent_style.warnings);
        loaded.style = loaded.style.with_parent(parent_style.style);
    }
    Ok(loaded)
}

/// The text of a style and where it came from (a path, or `<bundled>/NAME.csl`);
/// `Ok(None)` when there is no such style, an error when a file was found but
/// cannot be read as UTF-8 text.
fn find_style(spec: &str, dirs: &[PathBuf]) -> Result<Option<(String, PathBuf)>, Diagnostic> {
    let path = Path::new(spec);
    if path.is_file() {
        return read_xml(path, "style").map(|t| Some((t, path.to_path_buf())));
    }
    let name = spec.strip_suffix(".csl").unwrap_or(spec);
    for dir in dirs {
        let candidate = dir.join(format!("{name}.csl"));
        if candidate.is_file() {
            return read_xml(&candidate, "style").map(|t| Some((t, candidate)));
        }
    }
    Ok(BUNDLED_STYLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| {
            (
                text.to_string(),
                PathBuf::from(format!("<bundled>/{n}.csl")),
            )
        }))
}

/// Reads a style or locale file as UTF-8 (a byte-order mark is dropped); a
/// UTF-16 file, or bytes that are not UTF-8, are reported as such.
fn read_xml(path: &Path, what: &str) -> Result<String, Diagnostic> {
    let bytes = fs::read(path).map_err(|e| {
        Diagnostic::error(
            "unreadable-file",
            format!("cannot read the {what} file: {e}"),
        )
        .with_location(Location::file(path))
        .with_help("check that it exists and is readable")
    })?;
    decode_xml(path, bytes, what)
}

fn decode_xml(path: &Path, bytes: Vec<u8>, what: &str) -> Result<String, Diagnostic> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || bytes.starts_with(&[b'<', 0])
        || bytes.starts_with(&[0, b'<']);
    if utf16 {
        return Err(Diagnostic::error(
            "not-utf8",
            format!("the {what} file is in UTF-16; kaynak reads UTF-8"),
        )
        .with_location(Location::file(path))
        .with_help("save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8"));
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::error(
            "not-utf8",
            format!("the {what} file is not UTF-8 (invalid byte at offset {valid})"),
        )
        .with_location(Location::at(path, &prefix, Span::new(valid, valid)))
        .with_help("save it as UTF-8")
    })
}

fn parse_style(text: &str, origin: &Path) -> Result<LoadedStyle, Vec<Diagnostic>> {
    let convert = |d: &csl::Diagnostic| {
        let severity = if d.is_error() {
            Severity::Error
        } else {
            Severity::Warning
        };
        Diagnostic::new("style", severity, d.message.clone()).with_location(Location {
            file: origin.to_path_buf(),
            span: None,
            line: d.line as usize,
            column: d.column as usize,
        })
    };
    match Style::parse(text) {
        Ok(style) => Ok(LoadedStyle {
            warnings: style.warnings.iter().map(convert).collect(),
            name: style_name(origin),
            style,
            source: file_hash(origin, text),
        }),
        Err(errors) => Err(errors.iter().map(convert).collect()),
    }
}

fn file_hash(origin: &Path, text: &str) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    hasher.update(origin.as_os_str().as_encoded_bytes());
    hasher.update(&[0]);
    hasher.update(text.as_bytes());
    hasher.digest128()
}

fn source_hash(parts: &[u128]) -> u128 {
    let bytes: Vec<u8> = parts.iter().flat_map(|p| p.to_le_bytes()).collect();
    xxhash_rust::xxh3::xxh3_128(&bytes)
}

/// What identifies the locale files that directories `dirs` offer (every
/// `*.xml` file's name and contents, in name order; a directory that cannot
/// be listed counts as such): a cache of what was rendered with them is
/// keyed on it.
pub fn locale_files_hash(dirs: &[PathBuf]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    for dir in dirs {
        hasher.update(dir.as_os_str().as_encoded_bytes());
        hasher.update(&[0]);
        let Ok(items) = fs::read_dir(dir) else {
            hasher.update(b"<unlisted>\0");
            continue;
        };
        let mut files: Vec<PathBuf> = items
            .filter_map(|item| item.ok().map(|i| i.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .collect();
        files.sort();
        for path in files {
            hasher.update(path.as_os_str().as_encoded_bytes());
            hasher.update(&[0]);
            match fs::read(&path) {
                Ok(bytes) => {
                    hasher.update(&(bytes.len() as u64).to_le_bytes());
                    hasher.update(&bytes);
                }
                Err(_) => hasher.update(b"<unreadable>\0"),
            }
        }
    }
    hasher.digest128()
}

fn style_name(origin: &Path) -> String {
    origin
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn not_found(spec: &str, dirs: &[PathBuf]) -> Diagnostic {
    let looks_like_path = spec.ends_with(".csl") || spec.contains(['/', '\\']);
    if looks_like_path && !Path::new(spec).is_file() {
        let in_dirs = dirs.iter().any(|d| {
            d.join(Path::new(spec).file_name().unwrap_or_default())
                .is_file()
        });
        if !in_dirs {
            return Diagnostic::error(
                "missing-style-file",
                format!("the style file {spec} does not exist"),
            )
            .with_help("check the path, or give a style's name (`kaynak styles` lists them)");
        }
    }
    let names: Vec<String> = list_styles(dirs).0.into_iter().map(|s| s.name).collect();
    let closest = closest_names(spec, &names);
    let help = if closest.is_empty() {
        "`kaynak styles` lists the styles kaynak can use; a .csl file works too".to_string()
    } else {
        format!(
            "did you mean {}? (`kaynak styles` lists them all)",
            closest
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Diagnostic::error("unknown-style", format!("no style `{spec}`")).with_help(help)
}

/// Up to three names closest to `wanted`: names that contain it or that it
/// contains first, then by edit similarity.
pub fn closest_names(wanted: &str, names: &[String]) -> Vec<String> {
    let wanted = wanted.strip_suffix(".csl").unwrap_or(wanted).to_lowercase();
    let mut scored: Vec<(f64, &String)> = names
        .iter()
        .map(|name| {
            let lower = name.to_lowercase();
            let contains = lower.contains(&wanted) || wanted.contains(&lower);
            let similarity = strsim::jaro_winkler(&wanted, &lower);
            (
                if contains {
                    1.0 + similarity
                } else {
                    similarity
                },
                name,
            )
        })
        .filter(|(score, _)| *score > 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, name) in scored {
        if !out.contains(name) {
            out.push(name.clone());
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// One style kaynak can use, as `kaynak styles` lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StyleSummary {
    /// The name `--style` takes.
    pub name: String,
    pub title: String,
    /// `note`, `author-date`, `numeric`, `author`, `label` (CSL's
    /// citation-format), or the style class when no category says.
    pub class: String,
    pub default_locale: Option<String>,
    /// `built-in`, or the file.
    pub source: String,
}

/// Every style in `dirs` (first found wins for a name) and the built-in
/// ones, sorted by name; files that cannot be read as a style are reported.
pub fn list_styles(dirs: &[PathBuf]) -> (Vec<StyleSummary>, Vec<Diagnostic>) {
    let mut found: Vec<StyleSummary> = Vec::new();
    let mut problems = Vec::new();
    for dir in dirs {
        let Ok(read) = fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "csl"))
            .collect();
        paths.sort();
        for path in paths {
            let name = style_name(&path);
            if found.iter().any(|s| s.name == name) {
                continue;
            }
            match fs::read_to_string(&path)
                .ok()
                .and_then(|t| summary(&name, &t, &path))
            {
                Some(style) => found.push(style),
                None => problems.push(
                    Diagnostic::warning("unreadable-style", "not a CSL style")
                        .with_location(Location::file(&path)),
                ),
            }
        }
    }
    for (name, text) in BUNDLED_STYLES {
        if !found.iter().any(|s| s.name == *name) {
            if let Some(style) = summary(name, text, Path::new("built-in")) {
                found.push(style);
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    (found, problems)
}

/// A style's title, class and default locale, read from its XML.
fn summary(name: &str, text: &str, source: &Path) -> Option<StyleSummary> {
    let doc = roxmltree::Document::parse(text).ok()?;
    let root = doc.root_element();
    if root.tag_name().name() != "style" {
        return None;
    }
    let info = root.children().find(|n| n.has_tag_name("info"));
    let child = |tag: &str| info.and_then(|i| i.children().find(|n| n.has_tag_name(tag)));
    let category = info.and_then(|i| {
        i.children()
            .filter(|n| n.has_tag_name("category"))
            .find_map(|n| n.attribute("citation-format"))
    });
    Some(StyleSummary {
        name: name.to_string(),
        title: child("title")
            .and_then(|t| t.text())
            .unwrap_or(name)
            .trim()
            .to_string(),
        class: category
            .or_else(|| root.attribute("class"))
            .unwrap_or("unknown")
            .to_string(),
        default_locale: root.attribute("default-locale").map(str::to_string),
        source: source.display().to_string(),
    })
}

/// Checks `--locale TAG`: a well-formed BCP 47 tag with a locale file in
/// `dirs`, or one built in (for the tag or its language: `tr-CY` uses tr).
pub fn check_locale(tag: &str, dirs: &[PathBuf]) -> Result<(), Diagnostic> {
    if icu_locale_core::Locale::try_from_str(tag).is_err() {
        return Err(Diagnostic::error(
            "invalid-locale",
            format!("`{tag}` is not a BCP 47 language tag"),
        )
        .with_help("write a tag such as en-US, ru-RU or tr-TR"));
    }
    let language = tag.split(['-', '_']).next().unwrap_or(tag);
    let file_exists = dirs.iter().any(|dir| {
        [tag, language].iter().any(|t| {
            dir.join(format!("locales-{t}.xml")).is_file() || dir.join(format!("{t}.xml")).is_file()
        })
    });
    let built_in =
        csl::embedded_locales(tag).is_some() || csl::embedded_locales(language).is_some();
    if file_exists || built_in {
        return Ok(());
    }
    Err(Diagnostic::error("unknown-locale", format!("no locale for `{tag}`")).with_help(format!(
        "built in: {}; for another, put locales-{tag}.xml (from the CSL locales repository) in a --locales directory",
        csl::locale::EMBEDDED_TAGS.join(", ")
    )))
}

fn missing_parent(parent: &str, origin: &Path) -> Diagnostic {
    Diagnostic::error(
        "missing-parent-style",
        format!("the parent style {parent} was not found"),
    )
    .with_location(Location::file(origin))
    .with_help("put the parent .csl beside the dependent style or in a --styles directory")
}

/// Locale files `locales-TAG.xml` (or `TAG.xml`) in `--locales` directories,
/// in front of the locales built into kaynak. A file that is there but cannot
/// be used (not UTF-8, bad XML, a DTD) is a problem to report, not a reason
/// to fall back silently on the built-in locale.
pub struct LocaleFiles {
    dirs: Vec<PathBuf>,
    problems: RefCell<Vec<Diagnostic>>,
}

impl LocaleFiles {
    pub fn new(dirs: Vec<PathBuf>) -> LocaleFiles {
        LocaleFiles {
            dirs,
            problems: RefCell::new(Vec::new()),
        }
    }

    /// The locale for `tag`: the first file found in the directories, else
    /// the built-in one. A broken file is recorded and skipped.
    pub fn load(&self, tag: &str) -> Option<Locale> {
        // The tag becomes part of a file name: nothing but a tag's letters.
        let plain = !tag.is_empty() && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        for dir in self.dirs.iter().filter(|_| plain) {
            for name in [format!("locales-{tag}.xml"), format!("{tag}.xml")] {
                let path = dir.join(name);
                if !path.is_file() {
                    continue;
                }
                match read_xml(&path, "locale").and_then(|text| parse_locale(&path, &text)) {
                    Ok(locale) => return Some(locale),
                    Err(d) => self.report(d),
                }
            }
        }
        csl::embedded_locales(tag)
    }

    fn report(&self, d: Diagnostic) {
        let mut problems = self.problems.borrow_mut();
        if !problems.contains(&d) {
            problems.push(d);
        }
    }

    /// What was wrong with the locale files read so far.
    pub fn into_problems(self) -> Vec<Diagnostic> {
        self.problems.into_inner()
    }
}

fn parse_locale(path: &Path, text: &str) -> Result<Locale, Diagnostic> {
    Locale::parse(text).map_err(|errors| {
        let first = errors.first();
        let message = first.map_or_else(|| "not a CSL locale".to_string(), |e| e.message.clone());
        Diagnostic::error(
            "invalid-locale",
            format!("the locale file cannot be used: {message}"),
        )
        .with_location(Location {
            file: path.to_path_buf(),
            span: None,
            line: first.map_or(1, |e| e.line as usize),
            column: first.map_or(1, |e| e.column as usize),
        })
        .with_help("fix the file, or remove it to use the locale built into kaynak")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_locale_files_are_reported_not_skipped() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("locales-en-US.xml"), "<locale><unclosed>").expect("write");
        let dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><locale xmlns=\"http://purl.org/net/xbiblio/csl\" version=\"1.0\" xml:lang=\"tr-TR\"/>";
        std::fs::write(dir.path().join("locales-tr-TR.xml"), dtd).expect("write");
        std::fs::write(dir.path().join("locales-ru-RU.xml"), [0xFF, 0xFE, b'<', 0]).expect("write");
        let files = LocaleFiles::new(vec![dir.path().to_path_buf()]);
        for tag in ["en-US", "tr-TR", "ru-RU", "en-US"] {
            assert!(
                files.load(tag).is_some(),
                "the built-in {tag} is still there"
            );
        }
        assert!(files.load("../../etc/passwd").is_none());
        let problems = files.into_problems();
        let codes: Vec<&str> = problems.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec!["invalid-locale", "invalid-locale", "not-utf8"]);
        assert!(problems[2].message.contains("UTF-16"));
    }

    #[test]
    fn style_files_in_utf16_or_latin1_are_named_as_such() {
        let dir = tempfile::tempdir().expect("temp dir");
        let utf16 = dir.path().join("u16.csl");
        std::fs::write(&utf16, [0xFF, 0xFE, b'<', 0, b's', 0]).expect("write");
        let latin1 = dir.path().join("l1.csl");
        std::fs::write(&latin1, b"<style>caf\xe9</style>").expect("write");
        let err = |p: &Path| {
            load_style(&p.display().to_string(), &[])
                .err()
                .unwrap_or_default()
        };
        let e = err(&utf16);
        assert_eq!(
            (e[0].code, e[0].message.contains("UTF-16")),
            ("not-utf8", true)
        );
        let e = err(&latin1);
        assert_eq!(e[0].code, "not-utf8");
        assert_eq!(
            e[0].location.as_ref().map(|l| (l.line, l.column)),
            Some((1, 11))
        );
    }
}
