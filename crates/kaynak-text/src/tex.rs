//! TeX facts shared by every writer of TeX: the accent command that draws a
//! combining mark (`\'` for U+0301 …). The CSL engine's LaTeX output backend
//! (text to typeset) and kaynak's `.bib` value encoder (text for BibTeX)
//! escape for different purposes, and read this one table.

/// The LaTeX accent command (without its backslash) for a combining mark
/// that LaTeX's text fonts can draw over one letter, or `None`. The tie
/// (U+0361, U+035C) spans two letters: see [`is_tie`].
pub fn accent_command(mark: char) -> Option<&'static str> {
    Some(match mark {
        '\u{300}' => "`",
        '\u{301}' => "'",
        '\u{302}' => "^",
        '\u{303}' => "~",
        '\u{304}' => "=",
        '\u{306}' => "u",
        '\u{307}' => ".",
        '\u{308}' => "\"",
        '\u{30A}' => "r",
        '\u{30B}' => "H",
        '\u{30C}' => "v",
        '\u{323}' => "d",
        '\u{327}' => "c",
        '\u{328}' => "k",
        '\u{331}' => "b",
        _ => return None,
    })
}

/// Whether `mark` is the double-letter tie (`\t{ts}`): U+0361 above, U+035C
/// below.
pub fn is_tie(mark: char) -> bool {
    matches!(mark, '\u{361}' | '\u{35C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_the_tie() {
        assert_eq!(accent_command('\u{301}'), Some("'"));
        assert_eq!(accent_command('\u{327}'), Some("c"));
        assert_eq!(accent_command('a'), None);
        assert_eq!(accent_command('\u{361}'), None);
        assert!(is_tie('\u{361}') && is_tie('\u{35C}') && !is_tie('\u{301}'));
    }
}
