//! Citation keys: the file stem of a record.

/// Why a key is not acceptable, in words for a diagnostic.
pub fn key_problem(key: &str) -> Option<String> {
    if key.is_empty() {
        return Some("the citation key (the file name before `.toml`) is empty".into());
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
        assert_eq!(fold("Niyazov"), fold("niyazov"));
    }
}
