//! Citation keys: the file stem of a record.

/// Why a key is not acceptable, in words for a diagnostic: a reserved name
/// (see [`reserved_problem`]) or a character a key may not hold.
pub fn key_problem(key: &str) -> Option<String> {
    if let Some(problem) = reserved_problem(key) {
        return Some(problem);
    }
    let bad: Vec<char> = key.chars().filter(|c| !is_key_char(*c)).collect();
    if bad.is_empty() {
        return None;
    }
    let shown: Vec<String> = bad.iter().map(|c| describe(*c)).collect();
    Some(format!(
        "the citation key `{key}` contains {}; keys use letters, digits, `-`, `_`, `.` and `:` only",
        shown.join(", ")
    ))
}

/// Why `key` may not name a record file whatever its characters: empty;
/// `kaynak`, in any letter case, which would be the settings file
/// `kaynak.toml` (on a case-insensitive file system `KAYNAK.toml` is that very
/// file); or starting with `.` (`.`, `..`, `.x`), which makes a hidden file
/// that the loader never reads. Every command that creates records asks this
/// (through [`key_problem`], or directly).
pub fn reserved_problem(key: &str) -> Option<String> {
    let settings_stem = super::SETTINGS_FILE.trim_end_matches(".toml");
    if key.is_empty() {
        Some("the citation key (the file name before `.toml`) is empty".into())
    } else if key.eq_ignore_ascii_case(settings_stem) {
        Some(format!(
            "`{key}` is reserved: `{settings_stem}.toml` is the library's settings file, not a record"
        ))
    } else if key.starts_with('.') {
        Some(format!(
            "the citation key `{key}` starts with `.`: the file would be hidden, and never read"
        ))
    } else {
        None
    }
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')
}

fn describe(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '/' => "a `/`".into(),
        '\\' => "a `\\`".into(),
        c if c.is_control() || c.is_whitespace() => format!("U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

/// The form under which two keys clash: keys that differ only in letter case
/// name the same file on case-insensitive file systems and confuse LaTeX users.
pub fn fold(key: &str) -> String {
    key.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_rejects() {
        for good in ["niyazov2010", "a-b_c.d:e", "bayramov", "ayşe"] {
            assert_eq!(key_problem(good), None, "{good}");
        }
        assert!(key_problem("two words").unwrap().contains("a space"));
        assert!(key_problem("a/b").unwrap().contains("`/`"));
        assert!(key_problem("x@y").unwrap().contains("`@`"));
        assert!(key_problem("").is_some());
        for reserved in ["kaynak", "KAYNAK", "Kaynak", ".", "..", ".hidden"] {
            assert!(reserved_problem(reserved).is_some(), "{reserved}");
            assert!(key_problem(reserved).is_some(), "{reserved}");
        }
        assert_eq!(reserved_problem("kaynak2020"), None);
        assert_eq!(reserved_problem("a.b"), None);
        assert_eq!(fold("Niyazov"), fold("niyazov"));
    }
}
