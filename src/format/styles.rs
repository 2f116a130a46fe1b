//! Finding and loading styles and locales: a style by file path, or by name in
//! the style directories (`--styles DIR`, `styles` in kaynak.toml, `./styles`)
//! and among the styles built into kaynak; a dependent style's parent is found
//! the same way. Style problems become diagnostics with file:line:col.

use crate::csl::{self, Locale, Style};
use crate::diag::{Diagnostic, Location, Severity};
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
}

/// Loads the style `spec` (a path or a name), resolving a dependent style's parent.
pub fn load_style(spec: &str, dirs: &[PathBuf]) -> Result<LoadedStyle, Vec<Diagnostic>> {
    let (text, origin) = find_style(spec, dirs).ok_or_else(|| vec![not_found(spec, dirs)])?;
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
            .ok_or_else(|| vec![missing_parent(&parent, &origin)])?;
        let parent_style = parse_style(&parent_text, &parent_origin)?;
        loaded.warnings.extend(parent_style.warnings);
        loaded.style = loaded.style.with_parent(parent_style.style);
    }
    Ok(loaded)
}

/// The text of a style and where it came from (a path, or `<bundled>/NAME.csl`).
fn find_style(spec: &str, dirs: &[PathBuf]) -> Option<(String, PathBuf)> {
    let path = Path::new(spec);
    if path.is_file() {
        return fs::read_to_string(path)
            .ok()
            .map(|t| (t, path.to_path_buf()));
    }
    let name = spec.strip_suffix(".csl").unwrap_or(spec);
    for dir in dirs {
        let candidate = dir.join(format!("{name}.csl"));
        if candidate.is_file() {
            return fs::read_to_string(&candidate).ok().map(|t| (t, candidate));
        }
    }
    BUNDLED_STYLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| {
            (
                text.to_string(),
                PathBuf::from(format!("<bundled>/{n}.csl")),
            )
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
        }),
        Err(errors) => Err(errors.iter().map(convert).collect()),
    }
}

fn style_name(origin: &Path) -> String {
    origin
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn not_found(spec: &str, dirs: &[PathBuf]) -> Diagnostic {
    let searched: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let bundled: Vec<&str> = BUNDLED_STYLES.iter().map(|(n, _)| *n).collect();
    Diagnostic::error("unknown-style", format!("no style `{spec}`")).with_help(format!(
        "give a .csl file, or a name found in: {} (built in: {})",
        if searched.is_empty() {
            "no directories".to_string()
        } else {
            searched.join(", ")
        },
        if bundled.is_empty() {
            "none".to_string()
        } else {
            bundled.join(", ")
        }
    ))
}

fn missing_parent(parent: &str, origin: &Path) -> Diagnostic {
    Diagnostic::error(
        "missing-parent-style",
        format!("the parent style {parent} was not found"),
    )
    .with_location(Location::file(origin))
    .with_help("put the parent .csl beside the dependent style or in a --styles directory")
}

/// Loads locale files `locales-TAG.xml` (or `TAG.xml`) from `dirs`, falling
/// back to the locales built into kaynak.
pub fn locale_loader(dirs: Vec<PathBuf>) -> impl Fn(&str) -> Option<Locale> {
    move |tag: &str| {
        for dir in &dirs {
            for name in [format!("locales-{tag}.xml"), format!("{tag}.xml")] {
                if let Ok(text) = fs::read_to_string(dir.join(name)) {
                    if let Ok(locale) = Locale::parse(&text) {
                        return Some(locale);
                    }
                }
            }
        }
        csl::embedded_locales(tag)
    }
}
