//! Citation keys, and the record file that holds each one.
//!
//! A key is what manuscripts cite (`[@knuth:ct]`, `\cite{DBLP:conf/x/Y15}`),
//! so it is kept as the user's tools wrote it: any letters (of any script),
//! digits and the punctuation that BibTeX, biber, Better BibTeX and JabRef
//! allow in keys. The record's file name is the key, except where a key cannot
//! be a file name: a `/` and a leading `.` are written as `%2F` and `%2E`
//! (`DBLP:conf/x/Y15` → `DBLP:conf%2Fx%2FY15.toml`), and the loader reads
//! the key back from the name. `%` is never part of a key, so the mapping is
//! reversible. Reserved names (`kaynak`, the settings file, `.` and `..`)
//! are refused.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// What ends or splits a key in BibTeX.
const SPLITS_KEY: &[u8] = b"{}(),\"#%'=\\";

/// [`SPLITS_KEY`] as a table by byte: every key of a library is checked a
/// byte at a time, and `contains` on the list made a `memchr` call per byte
/// (5 M instructions for a 10,000-record load).
const SPLITS_KEY_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < SPLITS_KEY.len() {
        table[SPLITS_KEY[i] as usize] = true;
        i += 1;
    }
    table
};

/// Characters a key may not hold: white space and control characters, and
/// what ends or splits a key in BibTeX ([`SPLITS_KEY`]).
fn is_key_char(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_control()
        && !u8::try_from(c).is_ok_and(|b| SPLITS_KEY_BYTE[usize::from(b)])
        && !crate::store::serialize::is_invisible_format(c)
}

/// Why a key is not acceptable, in words for a diagnostic: a reserved name
/// (see [`reserved_problem`]) or a character a key may not hold.
pub fn key_problem(key: &str) -> Option<String> {
    if let Some(problem) = reserved_problem(key) {
        return Some(problem);
    }
    // Most keys are printable ASCII outside the forbidden few: answered by
    // bytes, without asking each character's Unicode properties.
    let plain = |b: &u8| b.is_ascii_graphic() && !SPLITS_KEY_BYTE[usize::from(*b)];
    if key.as_bytes().iter().all(plain) {
        return None;
    }
    let bad: Vec<char> = key.chars().filter(|c| !is_key_char(*c)).collect();
    if bad.is_empty() {
        return None;
    }
    let mut shown: Vec<String> = bad.iter().map(|c| describe(*c)).collect();
    shown.dedup();
    Some(format!(
        "the citation key `{}` contains {}; keys hold no spaces and none of {{}}(),\"#%'=\\",
        key.escape_debug(),
        shown.join(", ")
    ))
}

/// Why `key` may not name a record whatever its characters: empty;
/// `kaynak`, in any letter case, which would be the settings file
/// `kaynak.toml` (on a case-insensitive file system `KAYNAK.toml` is that very
/// file); or `.` and `..`, which name directories. (A key that merely starts
/// with `.` is fine: its file name starts with `%2E`, so it is not hidden.)
/// Every command that creates records asks this, through [`key_problem`] or
/// directly.
pub fn reserved_problem(key: &str) -> Option<String> {
    let settings_stem =
        (super::SETTINGS_FILE.strip_suffix(".toml")).unwrap_or(super::SETTINGS_FILE);
    if key.is_empty() {
        Some("the citation key (the file name before `.toml`) is empty".into())
    } else if key.eq_ignore_ascii_case(settings_stem) {
        Some(format!(
            "`{key}` is reserved: `{settings_stem}.toml` is the library's settings file, not a record"
        ))
    } else if key == "." || key == ".." {
        Some(format!("`{key}` is reserved: it names a directory"))
    } else {
        None
    }
}

fn describe(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\\' => "a `\\`".into(),
        c if c.is_control() || c.is_whitespace() || c.is_alphanumeric() => {
            format!("U+{:04X}", c as u32)
        }
        c => format!("`{c}`"),
    }
}

/// The form under which two keys clash: keys that differ only in letter case
/// name the same file on case-insensitive file systems and confuse LaTeX users.
pub fn fold(key: &str) -> String {
    key.to_lowercase()
}

/// The file stem that holds `key`: the key itself, with `/` as `%2F` and a
/// leading `.` as `%2E` (a file name cannot hold `/`, and the loader skips
/// hidden files).
pub fn file_stem(key: &str) -> Cow<'_, str> {
    if !key.contains('/') && !key.starts_with('.') {
        return Cow::Borrowed(key);
    }
    let mut out = String::with_capacity(key.len() + 6);
    for (i, c) in key.char_indices() {
        match c {
            '/' => out.push_str("%2F"),
            '.' if i == 0 => out.push_str("%2E"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The key a record file stem holds: [`file_stem`] undone. `None` when the
/// stem has a `%` that is not one of its escapes.
pub fn key_from_stem(stem: &str) -> Option<Cow<'_, str>> {
    if !stem.contains('%') {
        return Some(Cow::Borrowed(stem));
    }
    let mut out = String::with_capacity(stem.len());
    let mut rest = stem;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let escape = rest.get(at..at + 3)?;
        match escape {
            "%2F" | "%2f" => out.push('/'),
            "%2E" | "%2e" if out.is_empty() => out.push('.'),
            _ => return None,
        }
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

/// The path of the record for `key` in the library `dir`.
pub fn record_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{}.toml", file_stem(key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_rejects() {
        for good in [
            "niyazov2010",
            "a-b_c.d:e",
            "bayramov",
            "ayşe",
            "knuth:ct",
            "DBLP:conf/wicsa/ZimmermannWKG15",
            "Ниязов2010",
            "doe+smith@x",
        ] {
            assert_eq!(key_problem(good), None, "{good}");
        }
        assert!(key_problem("two words").unwrap().contains("a space"));
        assert!(key_problem("a{b").unwrap().contains("`{`"));
        assert!(key_problem("a%2Fb").unwrap().contains("`%`"));
        assert!(key_problem("").is_some());
        for reserved in ["kaynak", "KAYNAK", "Kaynak", ".", ".."] {
            assert!(reserved_problem(reserved).is_some(), "{reserved}");
            assert!(key_problem(reserved).is_some(), "{reserved}");
        }
        // The byte test for plain keys agrees with the characters' rules
        // on every ASCII character.
        for c in (0..=0x7f_u8).map(char::from) {
            let key = format!("a{c}b");
            assert_eq!(key_problem(&key).is_none(), is_key_char(c), "{key:?}");
        }
        for b in 0..=u8::MAX {
            assert_eq!(SPLITS_KEY_BYTE[usize::from(b)], SPLITS_KEY.contains(&b));
        }
        assert_eq!(reserved_problem("kaynak2020"), None);
        assert_eq!(reserved_problem("a.b"), None);
        assert_eq!(reserved_problem(".hidden"), None);
        assert_eq!(fold("Niyazov"), fold("niyazov"));
    }

    #[test]
    fn keys_map_to_file_names_and_back() {
        for key in ["plain", "DBLP:conf/x/Y15", ".hidden", "a.b/c.d", "ü/ş"] {
            let stem = file_stem(key);
            assert!(!stem.contains('/') && !stem.starts_with('.'), "{stem}");
            assert_eq!(key_from_stem(&stem).as_deref(), Some(key));
        }
        assert_eq!(file_stem("DBLP:conf/x"), "DBLP:conf%2Fx");
        assert_eq!(key_from_stem("a%41"), None);
        assert_eq!(key_from_stem("x%2E"), None);
        assert_eq!(
            record_path(Path::new("lib"), "a/b"),
            Path::new("lib/a%2Fb.toml")
        );
    }
}
