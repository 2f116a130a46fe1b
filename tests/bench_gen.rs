//! The benchmark's library generator: deterministic, and its records load
//! (a generator that wrote broken TOML would benchmark the error path).

#[path = "../benches/gen.rs"]
mod gen;

#[test]
fn generator_is_deterministic_and_its_records_load() {
    assert_eq!(gen::record(42), gen::record(42));
    assert_ne!(gen::record(42), gen::record(43));
    let dir = tempfile::tempdir().expect("temp dir");
    gen::write_library(dir.path(), 300).expect("generate");
    let loaded = kaynak::store::load(dir.path()).expect("load");
    assert_eq!(loaded.library.entries.len(), 300);
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}",
        loaded.diagnostics.first()
    );
    let today = kaynak::model::DatePart::ymd(2026, 11, 28);
    let report = kaynak::check::check(&loaded, &kaynak::check::Options::new(today));
    // A few percent of the records are faulty on purpose.
    assert!(
        report.diagnostics.len() < 150,
        "{}",
        report.diagnostics.len()
    );
}

#[test]
fn manuscript_cites_every_record_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("m.md");
    gen::write_manuscript(&path, 3).expect("write");
    let text = std::fs::read_to_string(&path).expect("read");
    for key in ["@r000000,", "@r000001,", "@r000002,"] {
        assert_eq!(text.matches(key).count(), 1, "{text}");
    }
    assert!(!text.contains("@r000003"));
}
