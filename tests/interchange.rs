//! Export and import: round trips of the bundled library, hostile values in
//! every format, the import fixtures, malformed input, and the CLI's
//! never-clobber rules.

use assert_cmd::Command;
use kaynak::interchange::{self, ExportOptions, Format, ImportOptions, TextForm};
use kaynak::model::{Entry, Field, ItemType};
use kaynak::store;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bundled() -> Vec<Entry> {
    let loaded = store::load(&root().join("sources")).expect("bundled library");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.library.entries
}

/// The entry without file places, for comparing a parsed and an imported one.
fn places_removed(entry: &Entry) -> Entry {
    let mut e = entry.clone();
    e.path = PathBuf::new();
    e.item_type = Field::detached(e.item_type.value);
    e.language = e.language.map(|l| Field::detached(l.value));
    for f in e.texts.values_mut() {
        *f = Field::detached(f.value.clone());
    }
    for f in e.dates.values_mut() {
        *f = Field::detached(f.value);
    }
    for f in e.names.values_mut() {
        let names = f.value.iter().cloned().map(|mut n| {
            n.span = Default::default();
            n
        });
        *f = Field::detached(names.collect());
    }
    e
}

fn export(entries: &[Entry], format: Format, options: &ExportOptions) -> String {
    let refs: Vec<&Entry> = entries.iter().collect();
    interchange::export(&refs, format, options).text
}

fn import(text: &str, format: Format, options: &ImportOptions) -> Vec<Entry> {
    let imported = interchange::import(Path::new("in"), text, format, options);
    assert!(!imported.has_errors(), "{:?}", imported.diagnostics);
    imported.entries
}

fn assert_same(before: &[Entry], after: &[Entry]) {
    assert_eq!(before.len(), after.len());
    for (a, b) in before.iter().zip(after) {
        assert_eq!(places_removed(a), places_removed(b), "record {}", a.key);
    }
}

#[test]
fn csl_json_round_trip_is_lossless() {
    let entries = bundled();
    let json = export(&entries, Format::CslJson, &ExportOptions::default());
    let back = import(&json, Format::CslJson, &ImportOptions::default());
    assert_same(&entries, &back);
}

#[test]
fn biblatex_round_trip_is_lossless() {
    let entries = bundled();
    let options = ExportOptions {
        multiscript: true,
        ..ExportOptions::default()
    };
    let bib = export(&entries, Format::Biblatex, &options);
    let back = import(&bib, Format::Biblatex, &ImportOptions::default());
    assert_same(&entries, &back);
}

#[test]
fn biblatex_standard_fields_keep_originals_and_title_translit() {
    let entries = bundled();
    let bib = export(&entries, Format::Biblatex, &ExportOptions::default());
    let options = ImportOptions {
        translit_field: Some("usera".into()),
    };
    for (a, b) in entries.iter().zip(import(&bib, Format::Biblatex, &options)) {
        let (ta, tb) = (a.text("title").unwrap(), b.text("title").unwrap());
        assert_eq!(ta.original, tb.original);
        assert_eq!(ta.translit(), tb.translit());
        assert_eq!(a.item_type.value, b.item_type.value);
        assert_eq!(a.language(), b.language());
        assert_eq!(a.dates.len(), b.dates.len());
    }
}

#[test]
fn exports_are_deterministic() {
    let entries = bundled();
    for format in Format::ALL {
        let one = export(&entries, *format, &ExportOptions::default());
        let two = export(&entries, *format, &ExportOptions::default());
        assert_eq!(one, two, "{format}");
        assert!(!one.is_empty());
    }
}

#[test]
fn bibtex_export_is_ascii_with_latex_letters() {
    let entries = bundled();
    let bib = export(&entries, Format::Bibtex, &ExportOptions::default());
    assert!(bib.is_ascii(), "{bib}");
    assert!(bib.contains("D{\\i}{\\c{s}}i{\\c{s}}leri"), "{bib}");
    assert!(
        bib.contains("Razvitiye Azerbaydzhano-Pakistanskikh"),
        "{bib}"
    );
    assert!(
        bib.contains("Azerbaijan and Pakistan: Historical") && !bib.contains("{Pakistan}"),
        "only words whose case must survive are braced"
    );
    assert!(bib.contains("urldate"));
    // The original Cyrillic comes back from the ASCII file.
    let back = import(&bib, Format::Bibtex, &ImportOptions::default());
    let niyazov = back.iter().find(|e| e.key == "niyazov").unwrap();
    assert!(niyazov
        .text("title")
        .unwrap()
        .original
        .starts_with("Развитие"));
}

#[test]
fn text_forms_choose_the_main_fields() {
    let entries = bundled();
    let json = export(
        &entries,
        Format::CslJson,
        &ExportOptions {
            form: TextForm::Translation("en".into()),
            ..ExportOptions::default()
        },
    );
    assert!(json.contains("\"title\": \"Military doctrine of the Republic of Azerbaijan\""));
    let json = export(
        &entries,
        Format::CslJson,
        &ExportOptions {
            form: TextForm::Translit,
            ..ExportOptions::default()
        },
    );
    assert!(json.contains("\"family\": \"Niyazov\""), "{json}");
    let back = import(&json, Format::CslJson, &ImportOptions::default());
    assert_same(&entries, &back);
}

/// The injection fixture: a record whose values try to break out of every format.
fn hostile() -> Entry {
    let dir = root().join("tests/fixtures/injection");
    let loaded = store::load(&dir).expect("injection fixture");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let entry = loaded.library.get("hostile").expect("hostile.toml").clone();
    assert!(entry.text("title").unwrap().original.contains('\0'));
    entry
}

/// The title as a format that cannot carry controls would write it.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{202E}' | '\u{200F}'))
        .collect()
}

#[test]
fn hostile_values_stay_inside_their_field_in_every_format() {
    let entry = hostile();
    let title = entry.text("title").unwrap().original.clone();
    for format in [
        Format::Biblatex,
        Format::Bibtex,
        Format::CslJson,
        Format::Ris,
    ] {
        let text = export(
            std::slice::from_ref(&entry),
            format,
            &ExportOptions::default(),
        );
        let back = import(&text, format, &ImportOptions::default());
        assert_eq!(back.len(), 1, "{format} made one entry:\n{text}");
        let got = &back[0].text("title").unwrap().original;
        let want = match format {
            // JSON carries every character; the importer removes control
            // characters (with a warning) and keeps direction controls.
            Format::CslJson => kaynak::model::strip_control_characters(&title).into_owned(),
            Format::Ris => visible(&title),
            // TeX collapses runs of spaces, and so does the .bib reader.
            _ => visible(&title)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        };
        assert_eq!(got, &want, "{format}:\n{text}");
        assert!(
            !text.contains('\0') && !text.contains('\u{202E}'),
            "{format}"
        );
    }
}

#[test]
fn hostile_values_stay_inside_their_field_in_hayagriva() {
    let entry = hostile();
    let text = export(
        std::slice::from_ref(&entry),
        Format::Hayagriva,
        &ExportOptions::default(),
    );
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    let map = yaml.as_mapping().expect("a map of entries");
    assert_eq!(map.len(), 1, "{text}");
    let record = &map["hostile"];
    // Hayagriva's format strings escape `\ { } $`; its own reader is tested below.
    let unescape = |s: &str| {
        s.replace("\\\\", "\u{1}")
            .replace('\\', "")
            .replace('\u{1}', "\\")
    };
    assert_eq!(
        record["title"].as_str().map(unescape).as_deref(),
        Some(entry.text("title").unwrap().original.as_str())
    );
    assert_eq!(
        record["parent"]["title"].as_str().map(unescape).as_deref(),
        Some("J}\n@misc{injected,\nTY  - JOUR")
    );
    assert!(!text.contains('\u{202E}'));
}

fn fixture(name: &str) -> (PathBuf, String) {
    let path = root().join("tests/fixtures/import").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    (path, text)
}

fn import_fixture(name: &str, format: Format) -> Vec<Entry> {
    let (path, text) = fixture(name);
    let imported = interchange::import(&path, &text, format, &ImportOptions::default());
    assert!(!imported.has_errors(), "{:?}", imported.diagnostics);
    imported.entries
}

fn title(entries: &[Entry], key: &str) -> String {
    let entry = entries
        .iter()
        .find(|e| e.key == key)
        .unwrap_or_else(|| panic!("{key}"));
    entry.text("title").unwrap().original.clone()
}

#[test]
fn imports_zotero_bibtex_with_escapes_and_strings() {
    let entries = import_fixture("zotero.bib", Format::Bibtex);
    assert_eq!(entries.len(), 3);
    // Zotero braces every capital ({T}{\"u}rk): the words keep their case.
    assert_eq!(
        title(&entries, "ozturk_turk_2019"),
        "Türk <span class=\"nocase\">Dış</span> <span class=\"nocase\">Politikasında</span> <span class=\"nocase\">Kafkasya</span>"
    );
    let book = &entries[1];
    assert_eq!(book.text("publisher-place").unwrap().original, "İstanbul");
    assert_eq!(
        book.text("publisher").unwrap().original,
        "İletişim Yayınları"
    );
    let authors = book.names("author").unwrap();
    assert_eq!(authors[0].given.as_ref().unwrap().original, "Ayşe");
    assert_eq!(
        authors[1].literal.as_ref().unwrap().original,
        "Ministry of Defence"
    );
    let article = &entries[0];
    assert_eq!(
        article.text("container-title").unwrap().original,
        "ANKASAM Bulletin"
    );
    assert_eq!(article.date("issued").unwrap().to_string(), "2021-03");
    let alizada = title(&entries, "alizada_azerbaijan-pakistan_2021");
    assert!(kaynak::model::markup::plain(&alizada).contains("50% More & Beyond"));
    assert!(article.text("note").is_none(), "note holds only the note");
    assert!(
        article.extra["bibtex"]["file"].starts_with("Full Text:"),
        "unknown fields go to [extra.bibtex]"
    );
    assert_eq!(
        entries[2].text("container-title").unwrap().original,
        "Vestnik Volgogradskogo gosudarstvennogo universiteta. Seriya 4"
    );
}

#[test]
fn imports_better_bibtex_biblatex() {
    let entries = import_fixture("better-bibtex.bib", Format::Biblatex);
    let niyazov = &entries[0];
    assert_eq!(niyazov.language(), Some("ru"));
    assert_eq!(niyazov.date("accessed").unwrap().to_string(), "2021-03-31");
    assert_eq!(niyazov.text("issue").unwrap().original, "1");
    assert_eq!(
        niyazov.text("DOI").unwrap().original,
        "10.15688/jvolsu4.2010.1.15"
    );
    assert!(niyazov.key.is_ascii());
    let bayramov = &entries[1];
    assert_eq!(bayramov.item_type.value, ItemType::Webpage);
    assert_eq!(bayramov.language(), Some("tr"));
    assert_eq!(bayramov.date("accessed").unwrap().to_string(), "2021-03-31");
    assert_eq!(
        bayramov.text("container-title").unwrap().original,
        "Ses Haber Ajansı"
    );
}

#[test]
fn imports_csl_json_with_cyrillic_and_turkish() {
    let entries = import_fixture("items.json", Format::CslJson);
    assert_eq!(entries.len(), 3);
    assert!(title(&entries, "aliyev-2021").starts_with("Ильхам Алиев"));
    let kafkas = &entries[1];
    assert_eq!(kafkas.date("issued").unwrap().to_string(), "2019-09~");
    let extra = &kafkas.extra["csl-json"];
    assert_eq!(
        (
            extra["citation-number"].as_str(),
            extra["zotero-key"].as_str()
        ),
        ("3", "ABCD1234")
    );
    let book = &entries[2];
    assert_eq!(book.key, "42");
    assert_eq!(book.date("issued").unwrap().to_string(), "1994/2010");
    assert_eq!(book.text("number-of-pages").unwrap().original, "320");
}

#[test]
fn imports_a_library_catalogue_ris() {
    let entries = import_fixture("catalogue.ris", Format::Ris);
    assert_eq!(entries.len(), 2);
    let book = &entries[0];
    assert_eq!(book.item_type.value, ItemType::Book);
    assert_eq!(book.text("ISBN").unwrap().original, "9789952453221");
    assert_eq!(book.names("author").unwrap().len(), 2);
    assert!(book
        .text("source")
        .unwrap()
        .original
        .contains("Milli Kitabxana"));
    let article = &entries[1];
    assert_eq!(article.text("page").unwrap().original, "106–110");
    assert_eq!(article.text("ISSN").unwrap().original, "1998-9938");
    assert!(article
        .text("abstract")
        .unwrap()
        .original
        .contains("voenno-tehnicheskogo"));
}

#[test]
fn malformed_input_points_at_line_and_column() {
    for (name, format, line, column) in [
        ("malformed.bib", Format::Bibtex, 2, 11),
        ("malformed.json", Format::CslJson, 3, 15),
    ] {
        let (path, text) = fixture(name);
        let imported = interchange::import(&path, &text, format, &ImportOptions::default());
        assert!(imported.has_errors(), "{name}");
        let expected = if name.ends_with("json") { 1 } else { 0 };
        assert_eq!(
            imported.entries.len(),
            expected,
            "{name}: the good entries are read"
        );
        let location = imported.diagnostics[0].location.clone().expect("a place");
        assert_eq!((location.line, location.column), (line, column), "{name}");
    }
    // A RIS line without a tag continues the value above it.
    let (path, text) = fixture("malformed.ris");
    let imported = interchange::import(&path, &text, Format::Ris, &ImportOptions::default());
    assert_eq!(
        imported.entries[0].text("title").unwrap().original,
        "A book this is not a tag line"
    );
}

fn kaynak(library: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kaynak").expect("binary");
    cmd.arg("--library")
        .arg(library)
        .arg("--color")
        .arg("never");
    cmd
}

#[test]
fn cli_import_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("sources");
    let file = root().join("tests/fixtures/import/zotero.bib");
    kaynak(&library).arg("import").arg(&file).assert().success();
    let record = library.join("ozturk_turk_2019.toml");
    let first = std::fs::read_to_string(&record).unwrap();
    assert!(first.contains("Politikasında"), "{first}");
    std::fs::write(&record, "# mine\n").unwrap();
    let clash = kaynak(&library).arg("import").arg(&file).assert().code(1);
    let stderr = String::from_utf8_lossy(&clash.get_output().stderr).to_string();
    assert_eq!(stderr.matches("record-exists").count(), 3, "{stderr}");
    assert_eq!(std::fs::read_to_string(&record).unwrap(), "# mine\n");
    kaynak(&library)
        .arg("import")
        .arg(&file)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&record).unwrap(), first);
    let loaded = store::load(&library).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.library.entries.len(), 3);
}

#[test]
fn cli_dry_run_writes_nothing_and_shows_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("sources");
    let file = root().join("tests/fixtures/import/items.json");
    let out = kaynak(&library)
        .arg("import")
        .arg(&file)
        .arg("--dry-run")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("# would write"), "{stdout}");
    assert!(stdout.contains("Ильхам Алиев"));
    assert!(!library.exists());
}

#[test]
fn cli_malformed_import_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("sources");
    let file = root().join("tests/fixtures/import/malformed.bib");
    let out = kaynak(&library).arg("import").arg(&file).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("malformed.bib:2:11"), "{stderr}");
    assert!(
        stderr.contains("imported 0, skipped 1 (see above), 0 overwritten"),
        "{stderr}"
    );
    assert!(!library.exists());
    // With --strict, one bad entry stops the whole file.
    let file = root().join("tests/fixtures/import/malformed.json");
    kaynak(&library)
        .arg("import")
        .arg(&file)
        .arg("--strict")
        .assert()
        .code(1);
    assert!(!library.exists());
    kaynak(&library).arg("import").arg(&file).assert().code(1);
    let records = std::fs::read_dir(&library)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".toml")
        })
        .count();
    assert_eq!(records, 1);
}

#[test]
fn cli_import_keys_are_never_paths() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib");
    let file = dir.path().join("evil.json");
    let items = r#"[{"id": "../escape", "type": "book", "title": "A"},
                    {"id": "/etc/kaynak", "type": "book", "title": "B"},
                    {"id": "Ayşe:2020", "type": "book", "title": "C"}]"#;
    std::fs::write(&file, items).unwrap();
    kaynak(&library).arg("import").arg(&file).assert().success();
    assert!(!dir.path().join("escape.toml").exists());
    let mut names: Vec<String> = std::fs::read_dir(&library)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    // The library's .gitignore (for the load cache) is kaynak's own.
    names.retain(|n| n != ".gitignore");
    for name in &names {
        assert!(!name.contains('/') && !name.starts_with('.'), "{name}");
    }
    assert_eq!(names.len(), 3, "{names:?}");
    // The keys are kept as written: the loader reads them back from the names.
    let loaded = store::load(&library).unwrap();
    let keys: Vec<&str> = loaded
        .library
        .entries
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(keys, ["../escape", "/etc/kaynak", "Ayşe:2020"]);
}

#[test]
fn cli_export_writes_a_file_and_selects_keys() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("refs.json");
    kaynak(&root().join("sources"))
        .args(["export", "--to", "csl-json", "niyazov", "-o"])
        .arg(&out)
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(1));
    kaynak(&root().join("sources"))
        .args(["export", "--to", "ris", "nosuchkey"])
        .assert()
        .code(2);
}

#[test]
fn hayagriva_reads_the_hayagriva_export() {
    let mut entries = bundled();
    entries.push(hostile());
    let text = export(&entries, Format::Hayagriva, &ExportOptions::default());
    let library = hayagriva::io::from_yaml_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(library.len(), entries.len());
    for entry in &entries {
        let item = library
            .get(&entry.key)
            .unwrap_or_else(|| panic!("{}", entry.key));
        let title = item.title().map(|t| t.value.to_str().to_string());
        assert_eq!(
            title.as_deref(),
            Some(entry.text("title").unwrap().original.as_str())
        );
        let authors = item.authors().map(<[_]>::len).unwrap_or(0);
        assert_eq!(
            authors,
            entry.names("author").map_or(0, <[_]>::len),
            "{}",
            entry.key
        );
    }
}

#[test]
fn cli_translit_scheme_wins_over_hand_given_forms() {
    let library = root().join("sources");
    let out = kaynak(&library)
        .args([
            "export",
            "--to",
            "bibtex",
            "niyazov",
            "--translit",
            "ala-lc",
            "--translit-policy",
            "uniform",
        ])
        .assert()
        .success();
    let bib = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(bib.is_ascii(), "{bib}");
    assert!(bib.contains("Ni{\\t{ia}}zov"), "{bib}");
    assert!(bib.contains("Razvitie Azerba{\\u{\\i}}dzhano"), "{bib}");
    let default = kaynak(&library)
        .args(["export", "--to", "bibtex", "niyazov"])
        .assert()
        .success();
    let bib = String::from_utf8_lossy(&default.get_output().stdout).to_string();
    assert!(
        bib.contains("Razvitiye Azerbaydzhano"),
        "the hand-given form: {bib}"
    );
    // A scheme alone (record-first): the records' own forms stay.
    let scheme = kaynak(&library)
        .args([
            "export",
            "--to",
            "bibtex",
            "niyazov",
            "--translit",
            "ala-lc",
        ])
        .assert()
        .success();
    let bib = String::from_utf8_lossy(&scheme.get_output().stdout).to_string();
    assert!(bib.contains("Razvitiye Azerbaydzhano"), "{bib}");
    kaynak(&library)
        .args(["export", "--to", "bibtex", "--translit", "klingon"])
        .assert()
        .code(2);
}

/// TOML → format → TOML through the command line, records compared by value.
fn cli_round_trip(format: &str, extra: &[&str], file: &str) {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join(file);
    let mut args = vec!["export", "--to", format, "-o"];
    let path = exported.to_string_lossy().into_owned();
    args.push(&path);
    args.extend_from_slice(extra);
    kaynak(&root().join("sources"))
        .args(&args)
        .assert()
        .success();
    let library = dir.path().join("imported");
    kaynak(&library)
        .arg("import")
        .arg(&exported)
        .assert()
        .success();
    let loaded = store::load(&library).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_same(&bundled(), &loaded.library.entries);
}

#[test]
fn cli_round_trip_through_csl_json_files() {
    cli_round_trip("csl-json", &[], "library.json");
}

#[test]
fn cli_round_trip_through_biblatex_files() {
    cli_round_trip("biblatex", &["--multiscript"], "library.bib");
}
