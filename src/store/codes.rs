//! The codes of the diagnostics that loading a library reports: a record or
//! `kaynak.toml` that cannot be read, is not valid TOML, or holds something
//! the model cannot take. They are not check rules — a record that does not
//! load cannot be checked, so they cannot be silenced either — but
//! `kaynak check` reports and lists them (`--list-rules`, README).
//!
//! This list is the one place they are named; a test reads the loader's
//! sources and fails when a file emits a code missing here, or when a code
//! here is emitted nowhere.

/// Every code the loader emits, in the order of the loading steps: reading a
/// file, its key, TOML, the record, its values, then `kaynak.toml`.
pub const LOAD_CODES: &[&str] = &[
    "skipped-file",
    "unreadable-file",
    "file-too-large",
    "not-utf8",
    "invalid-key",
    "duplicate-key",
    "empty-record",
    "invalid-toml",
    "missing-type",
    "unknown-type",
    "unknown-field",
    "processor-variable",
    "wrong-type",
    "missing-field",
    "missing-original",
    "invalid-date",
    "empty-name",
    "conflicting-name-parts",
    "unknown-setting",
    "invalid-setting",
];

#[cfg(test)]
mod tests {
    use super::LOAD_CODES;
    use std::collections::BTreeSet;

    /// The loader's sources: every file that reports while loading.
    const LOADER: &[(&str, &str)] = &[
        ("mod.rs", include_str!("mod.rs")),
        ("listing.rs", include_str!("listing.rs")),
        ("reading.rs", include_str!("reading.rs")),
        ("context.rs", include_str!("context.rs")),
        ("record.rs", include_str!("record.rs")),
        ("values.rs", include_str!("values.rs")),
        ("settings.rs", include_str!("settings.rs")),
    ];

    /// The codes written as the first argument of a `Diagnostic` constructor.
    fn emitted(source: &str) -> Vec<String> {
        let mut codes = Vec::new();
        for call in [
            "Diagnostic::error(",
            "Diagnostic::warning(",
            "Diagnostic::info(",
        ] {
            for (at, _) in source.match_indices(call) {
                let rest = source[at + call.len()..].trim_start();
                if let Some(quoted) = rest.strip_prefix('"') {
                    let code = quoted.split('"').next().unwrap_or_default();
                    codes.push(code.to_string());
                }
            }
        }
        codes
    }

    #[test]
    fn the_list_names_exactly_the_codes_the_loader_emits() {
        let listed: BTreeSet<&str> = LOAD_CODES.iter().copied().collect();
        assert_eq!(listed.len(), LOAD_CODES.len(), "a code is listed twice");
        let mut found = BTreeSet::new();
        for (file, source) in LOADER {
            for code in emitted(source) {
                assert!(
                    listed.contains(code.as_str()),
                    "src/store/{file} emits `{code}`, which LOAD_CODES lacks"
                );
                found.insert(code);
            }
        }
        for code in LOAD_CODES {
            assert!(
                found.contains(*code),
                "`{code}` is listed but never emitted"
            );
        }
    }
}
