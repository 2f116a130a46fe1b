//! Locale files written for kaynak and compiled into the binary.

/// The embedded locale file for a tag, if kaynak ships one.
pub fn embedded_locale(tag: &str) -> Option<&'static str> {
    let _ = tag;
    None
}
