//! Every kind of bad input gives a diagnostic with its code and position, and
//! never stops the other records from loading.

use kaynak::diag::{Diagnostic, Severity};
use kaynak::store;
use std::fs;
use std::path::Path;

const GOOD: &str = "type = \"book\"\ntitle = \"Fine\"\nauthor = [{ family = \"Öz\", given = \"Ayşe\" }]\nissued = \"2020\"\n";

/// Loads a library made of `files` plus one good record; returns the
/// diagnostics and checks the good record still loaded.
fn load_with(files: &[(&str, &[u8])]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.toml"), GOOD).unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let loaded = store::load(dir.path()).unwrap();
    assert!(
        loaded.library.get("good").is_some(),
        "the good record loads"
    );
    loaded.diagnostics
}

/// Asserts exactly one diagnostic, with this code at this line:column.
fn assert_one(diagnostics: &[Diagnostic], code: &str, line: usize, column: usize) -> Diagnostic {
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = diagnostics[0].clone();
    assert_eq!(d.code, code, "{d:#?}");
    assert_eq!(d.severity, Severity::Error);
    let loc = d.location.clone().expect("a location");
    assert_eq!((loc.line, loc.column), (line, column), "{d:#?}");
    d
}

#[test]
fn invalid_toml() {
    let d = load_with(&[("bad.toml", b"type = \"book\"\ntitle = \"unclosed\n")]);
    let d = assert_one(&d, "invalid-toml", 2, 18);
    assert!(d.location.unwrap().file.ends_with("bad.toml"));
}

#[test]
fn wrong_value_type() {
    let d = load_with(&[("bad.toml", b"type = \"book\"\ntitle = 5\n")]);
    let d = assert_one(&d, "wrong-type", 2, 9);
    assert!(d.message.contains("not an integer"), "{}", d.message);
}

#[test]
fn wrong_type_inside_a_name() {
    let d = load_with(&[(
        "bad.toml",
        b"type = \"book\"\ntitle = \"T\"\nauthor = [{ family = true }]\n",
    )]);
    assert_one(&d, "wrong-type", 3, 22);
}

#[test]
fn unknown_field_with_suggestion() {
    let d = load_with(&[("bad.toml", b"type = \"book\"\ntitel = \"T\"\n")]);
    let d = assert_one(&d, "unknown-field", 2, 1);
    assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
}

#[test]
fn unknown_field_in_text_table() {
    let d = load_with(&[(
        "bad.toml",
        b"type = \"book\"\ntitle = { original = \"T\", translti = \"x\" }\n",
    )]);
    let d = assert_one(&d, "unknown-field", 2, 27);
    assert_eq!(d.help.as_deref(), Some("did you mean `translit`?"));
}

#[test]
fn processor_variable_in_a_record() {
    let d = load_with(&[(
        "bad.toml",
        b"type = \"book\"\ntitle = \"T\"\nlocator = \"5\"\n",
    )]);
    assert_one(&d, "processor-variable", 3, 1);
}

#[test]
fn unknown_item_type() {
    let d = load_with(&[("bad.toml", b"type = \"journal-article\"\ntitle = \"T\"\n")]);
    let d = assert_one(&d, "unknown-type", 1, 8);
    assert_eq!(d.help.as_deref(), Some("did you mean `article-journal`?"));
}

#[test]
fn missing_type() {
    let d = load_with(&[("bad.toml", b"title = \"T\"\n")]);
    assert_one(&d, "missing-type", 1, 1);
}

#[test]
fn bad_date_with_iso_hint() {
    let d = load_with(&[(
        "bad.toml",
        "type = \"webpage\"\ntitle = \"T\"\naccessed = \"31.03.2021\"\n".as_bytes(),
    )]);
    let d = assert_one(&d, "invalid-date", 3, 12);
    assert!(d.help.unwrap().contains("accessed = 2021-03-31"));
}

#[test]
fn bad_date_forms() {
    for bad in [
        "\"2021-13\"",
        "\"March 2021\"",
        "\"21\"",
        "2021-03-31T10:00:00",
        "true",
    ] {
        let text = format!("type = \"book\"\ntitle = \"T\"\nissued = {bad}\n");
        let d = load_with(&[("bad.toml", text.as_bytes())]);
        assert_eq!(d.len(), 1, "{bad}: {d:#?}");
        assert!(matches!(d[0].code, "invalid-date" | "wrong-type"), "{bad}");
        let loc = d[0].location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (3, 10), "{bad}");
    }
}

#[test]
fn not_utf8() {
    let d = load_with(&[("bad.toml", b"type = \"book\"\ntitle = \"D\xfd\xfe\"\n")]);
    assert_one(&d, "not-utf8", 2, 11);
}

#[test]
fn empty_file() {
    let d = load_with(&[("empty.toml", b"")]);
    assert_one(&d, "empty-record", 1, 1);
    let d = load_with(&[("blank.toml", b"  \n\n")]);
    assert_one(&d, "empty-record", 1, 1);
}

#[test]
fn key_with_a_space() {
    let d = load_with(&[("two words.toml", GOOD.as_bytes())]);
    let d = assert_one(&d, "invalid-key", 1, 1);
    assert!(d.message.contains("a space"));
}

#[test]
fn key_with_a_character_keys_cannot_hold() {
    // Keys are kept as BibTeX tools write them (`DBLP:conf/x`, `x@y`), but
    // never hold what ends a key in a .bib file.
    assert_eq!(store::key_problem("a/b"), None);
    assert!(store::key_problem("a{b").unwrap().contains("`{`"));
    let d = load_with(&[("x#y.toml", GOOD.as_bytes())]);
    assert_one(&d, "invalid-key", 1, 1);
    // `%` only escapes `/` and a leading `.` in file names.
    let d = load_with(&[("x%41.toml", GOOD.as_bytes())]);
    assert_one(&d, "invalid-key", 1, 1);
}

#[test]
fn keys_differing_only_in_case() {
    let d = load_with(&[
        ("alpha.toml", GOOD.as_bytes()),
        ("Alpha.toml", GOOD.as_bytes()),
    ]);
    let d = assert_one(&d, "duplicate-key", 1, 1);
    assert!(d.location.unwrap().file.ends_with("alpha.toml"));
    assert!(d.message.contains("Alpha.toml"), "{}", d.message);
}

#[test]
fn ten_megabyte_record() {
    let mut big = GOOD.as_bytes().to_vec();
    big.extend(std::iter::repeat_n(b'#', 10 * 1024 * 1024));
    let d = load_with(&[("huge.toml", &big)]);
    assert_one(&d, "file-too-large", 1, 1);
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.toml"), GOOD).unwrap();
    std::os::unix::fs::symlink(dir.path().join("b.toml"), dir.path().join("a.toml")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("a.toml"), dir.path().join("b.toml")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub.toml")).unwrap();
    let loaded = store::load(dir.path()).unwrap();
    assert!(loaded.library.get("good").is_some());
    let codes: Vec<_> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["unreadable-file", "unreadable-file"],
        "{:#?}",
        loaded.diagnostics
    );
}

#[test]
fn many_errors_in_one_record_are_all_reported() {
    let text = "type = \"bok\"\ntitel = \"T\"\nissued = \"yesterday\"\n";
    let d = load_with(&[("bad.toml", text.as_bytes())]);
    let codes: Vec<_> = d.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["unknown-type", "unknown-field", "invalid-date"]);
}

#[test]
fn settings_file_is_not_a_record_and_is_checked() {
    let d = load_with(&[(
        "kaynak.toml",
        b"style = \"chicago-notes\"\nas-of = 2026-11-28\nstyel = \"x\"\n",
    )]);
    let d = assert_one(&d, "unknown-setting", 3, 1);
    assert_eq!(d.help.as_deref(), Some("did you mean `style`?"));
}

#[test]
fn no_input_panics() {
    let samples: &[&[u8]] = &[
        b"type = \"book\"\n[title]\noriginal = 1\n",
        b"type = \"book\"\ntitle = { translation = { en = 3 } }\n",
        b"type = \"book\"\nauthor = \"Smith\"\n",
        b"type = \"book\"\nauthor = [1, { }]\n",
        b"type = \"book\"\n[[author]]\nfamily = { original = \"\xd0\x9d\" }\n[[author]]\nbogus = 1\n",
        b"type = \"book\"\n[check]\nallow = [{ reason = \"x\" }, 3, { rule = 5 }]\nother = 1\n",
        b"type = 1\nlanguage = []\n",
        b"[[[\n",
        b"issued = \"/\"\ntype = \"book\"\n",
    ];
    for (i, bytes) in samples.iter().enumerate() {
        let d = load_with(&[(&format!("s{i}.toml"), bytes)]);
        assert!(!d.is_empty(), "sample {i} should be reported");
        assert!(d.iter().all(|d| d.location.is_some()), "sample {i}: {d:#?}");
    }
}

#[test]
fn text_is_nfc_normalised() {
    let dir = tempfile::tempdir().unwrap();
    // "Bakü" with a combining diaeresis (u + U+0308).
    fs::write(
        dir.path().join("a.toml"),
        "type = \"book\"\ntitle = \"Baku\u{308}\"\n",
    )
    .unwrap();
    let loaded = store::load(dir.path()).unwrap();
    let title = &loaded
        .library
        .get("a")
        .unwrap()
        .text("title")
        .unwrap()
        .original;
    assert_eq!(title, "Bakü");
    assert_eq!(title.chars().count(), 4);
}

#[test]
fn missing_directory_is_a_load_error() {
    let err = store::load(Path::new("/nonexistent/kaynak/library")).unwrap_err();
    assert!(err.to_string().contains("does not exist"));
}
