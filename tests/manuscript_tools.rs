//! The manuscript workflow against real tools: the `kaynak-pandoc` filter
//! against pandoc's own `--citeproc` (the same text from the same style),
//! Word and OpenDocument files made through the filter (their notes and
//! bibliography read back from the XML inside), the LaTeX of the sample
//! manuscript compiled by pdflatex and xelatex, and RTF opened by
//! LibreOffice. Each test says so and passes when its tool is missing;
//! `.ci/install-tools` installs them.

use assert_cmd::cargo::cargo_bin;
use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

const FIXTURE: &str = "tests/fixtures/manuscript";
const SAMPLE: &str = "examples/alizada-2021.md";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn have(tool: &str) -> bool {
    let found = Process::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: `{tool}` is not installed (.ci/install-tools installs it)");
    }
    found
}

fn kaynak() -> Command {
    let mut cmd = Command::cargo_bin("kaynak").unwrap();
    cmd.current_dir(root()).env_remove("KAYNAK_LIBRARY");
    cmd
}

/// pandoc with the filter on PATH's place: its absolute path.
fn pandoc_with_filter(input: &Path, library: &Path, extra: &[&str]) -> Process {
    let mut cmd = Process::new("pandoc");
    cmd.current_dir(root())
        .arg(input)
        .arg("--filter")
        .arg(cargo_bin("kaynak-pandoc"))
        .arg("-M")
        .arg(format!("kaynak-library={}", library.display()))
        .args(extra)
        .env_remove("KAYNAK_LIBRARY");
    cmd
}

fn run(mut cmd: Process) -> String {
    let out = cmd.output().expect("the tool runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The fixture library as CSL-JSON, for pandoc's own citeproc.
fn fixture_json(dir: &Path) -> PathBuf {
    let json = dir.join("library.json");
    kaynak()
        .args([
            "--library",
            &format!("{FIXTURE}/library"),
            "export",
            "--to",
            "csl-json",
            "-o",
        ])
        .arg(&json)
        .assert()
        .success();
    json
}

/// Plain text from pandoc's `--citeproc` and from the filter, for one
/// document and style.
fn both(doc: &Path, style: &str, json: &Path) -> (String, String) {
    let style_file = root().join(format!("styles/{style}.csl"));
    let mut citeproc = Process::new("pandoc");
    citeproc
        .arg(doc)
        .args(["--citeproc", "-t", "plain", "--wrap=none", "--bibliography"])
        .arg(json)
        .arg("--csl")
        .arg(&style_file);
    let library = root().join(FIXTURE).join("library");
    let filter = pandoc_with_filter(
        doc,
        &library,
        &[
            "-M",
            &format!("citation-style={style}"),
            "-t",
            "plain",
            "--wrap=none",
        ],
    );
    (run(citeproc), run(filter))
}

#[test]
fn the_filter_writes_what_citeproc_writes_for_every_citation_form() {
    if !have("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let json = fixture_json(dir.path());
    let doc = root().join(FIXTURE).join("forms.md");
    for style in ["chicago-notes", "chicago-author-date", "apa", "ieee", "mla"] {
        let (citeproc, filter) = both(&doc, style, &json);
        assert_eq!(filter, citeproc, "{style}");
    }
    // the note style's text, so the comparison is known to compare something
    let (_, notes) = both(&doc, "chicago-notes", &json);
    assert!(
        notes.contains("As Jane Doe[1] argues, and Doe[2] adds."),
        "{notes}"
    );
    assert!(notes.contains("[2] Ibid., 5."), "{notes}");
    assert!(
        notes.contains("[6] A note citing (Roe and Poe, “Notes on Notes”)."),
        "{notes}"
    );
    assert!(
        notes.contains("[4] “Notes on Notes,” 47."),
        "suppressed author: {notes}"
    );
    assert!(notes.contains("@escaped"), "{notes}");
    assert!(!notes.contains("Never Cited"), "only cited works: {notes}");
}

#[test]
fn metadata_nocite_titles_and_suppression_as_citeproc_reads_them() {
    if !have("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let json = fixture_json(dir.path());
    let body = fs::read_to_string(root().join(FIXTURE).join("forms.md")).unwrap();
    let variants = [
        ("nocite: \"@zed-unused\"", Some(true)),
        ("nocite: \"@*\"", Some(true)),
        ("link-citations: true", Some(false)),
        ("reference-section-title: Works Cited", Some(false)),
        ("suppress-bibliography: true", None),
    ];
    for (yaml, lists_unused) in variants {
        let doc = dir.path().join("doc.md");
        fs::write(&doc, format!("---\n{yaml}\n---\n\n{body}")).unwrap();
        for style in ["chicago-notes", "apa"] {
            let (citeproc, filter) = both(&doc, style, &json);
            assert_eq!(filter, citeproc, "{style} with {yaml}");
            match lists_unused {
                Some(listed) => assert_eq!(filter.contains("Never Cited"), listed, "{yaml}"),
                None => assert!(
                    !filter.contains("Art of Citation. Kaynak"),
                    "{yaml}: {filter}"
                ),
            }
        }
    }
}

#[test]
fn missing_keys_are_warned_about_and_printed_as_question_marks() {
    if !have("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.md");
    fs::write(
        &doc,
        "Known [@doe-book] and lost [@nowhere; @doe-book, 3].\n",
    )
    .unwrap();
    let library = root().join(FIXTURE).join("library");
    let mut cmd = pandoc_with_filter(&doc, &library, &["-M", "citation-style=apa", "-t", "plain"]);
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("lost (Doe, 2019, p. 3; ???)."), "{text}");
    assert!(warnings.contains("no record `nowhere`"), "{warnings}");
}

fn unzip(file: &Path, member: &str) -> Option<String> {
    let out = Process::new("unzip")
        .arg("-p")
        .arg(file)
        .arg(member)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The text of XML, tags dropped.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn word_and_opendocument_files_hold_the_notes_and_the_bibliography() {
    if !have("pandoc") || !have("unzip") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let library = root().join("sources");
    for (ext, notes_at, body_at) in [
        ("docx", "word/footnotes.xml", "word/document.xml"),
        ("odt", "content.xml", "content.xml"),
    ] {
        let target = dir.path().join(format!("sample.{ext}"));
        let mut cmd = pandoc_with_filter(&root().join(SAMPLE), &library, &["-o"]);
        cmd.arg(&target);
        run(cmd);
        let notes_xml = unzip(&target, notes_at).expect("notes in the file");
        let body = xml_text(&unzip(&target, body_at).expect("the document"));
        let notes = xml_text(&notes_xml);
        let count = match ext {
            "docx" => notes_xml.matches("<w:footnote w:id=").count() - 2,
            _ => notes_xml.matches("<text:note ").count(),
        };
        assert_eq!(count, 16, "{ext}: sixteen notes");
        for note in [
            "N.S. Niyazov, “Razvitiye Azerbaydzhano-Pakistanskikh Svyazey v Voyennoy Oblasti v 1994–2010 Godakh” [Development of Azerbaijani-Pakistani ties in the military sphere in 1994–2010]",
            "Ibid.",
            "Cf. “Kafkas Kartalı-2019",
            "“Voyennaya Doktrina Azerbaydzhanskoy Respubliki,” sec. 2.",
        ] {
            assert!(notes.contains(note), "{ext} notes lack {note}: {notes}");
        }
        for entry in [
            "Niyazov, N.S. “Razvitiye Azerbaydzhano-Pakistanskikh",
            "Ses Haber Ajansı. “Ceyhun Bayramov, Pakistan Dışişleri Bakanı ile Görüştü”",
            "Bibliography",
        ] {
            assert!(body.contains(entry), "{ext} bibliography lacks {entry}");
        }
        assert!(body.contains("[@frontier-post-relations]"), "code stays");
    }
}

#[test]
fn the_sample_manuscript_compiles_with_pdflatex_and_xelatex() {
    let dir = tempfile::tempdir().unwrap();
    let tex = dir.path().join("sample.tex");
    // ALA-LC for every text (not the authors' own romanisations): its soft-sign
    // prime is the character LaTeX needs help with.
    kaynak()
        .args(["render", SAMPLE, "--format", "latex", "-o"])
        .arg(&tex)
        .args(["--translit", "ala-lc-plain", "--translit-policy", "uniform"])
        .assert()
        .success();
    let text = fs::read_to_string(&tex).unwrap();
    assert!(
        text.contains("article.\\footnote{N.S. Niiazov"),
        "the mark after the period"
    );
    assert!(
        text.contains("Il\\ensuremath{^{\\prime}}kham"),
        "the soft-sign prime as a math prime"
    );
    for engine in ["pdflatex", "xelatex"] {
        if !have(engine) {
            continue;
        }
        let out = Process::new(engine)
            .current_dir(dir.path())
            .args(["-interaction=nonstopmode", "-halt-on-error", "sample.tex"])
            .output()
            .unwrap();
        let log = fs::read_to_string(dir.path().join("sample.log")).unwrap_or_default();
        assert!(out.status.success(), "{engine} failed:\n{log}");
        assert!(
            !log.contains("Missing character"),
            "{engine}: a character is missing:\n{log}"
        );
        let pdf = fs::read(dir.path().join("sample.pdf")).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
}

#[test]
fn rtf_documents_open_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let bib = dir.path().join("bib.rtf");
    let out = kaynak().args(["bib", "--format", "rtf"]).assert().success();
    fs::write(&bib, &out.get_output().stdout).unwrap();
    let doc = dir.path().join("doc.rtf");
    kaynak()
        .args(["render", SAMPLE, "--format", "rtf", "-o"])
        .arg(&doc)
        .assert()
        .success();
    for file in [&bib, &doc] {
        let text = fs::read_to_string(file).unwrap();
        assert!(
            text.starts_with("{\\rtf1") && text.trim_end().ends_with('}'),
            "{text}"
        );
    }
    if !have("soffice") {
        return;
    }
    let status = Process::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&bib)
        .arg(&doc)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for name in ["bib.pdf", "doc.pdf"] {
        let pdf = fs::read(dir.path().join(name)).unwrap_or_default();
        assert!(
            pdf.starts_with(b"%PDF") && pdf.len() > 2000,
            "{name} was made"
        );
    }
    let text = Process::new("pdftotext")
        .arg(dir.path().join("doc.pdf"))
        .arg("-")
        .output();
    if let Some(text) = text.ok().filter(|t| t.status.success()) {
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Dışişleri"), "{text}");
        assert!(text.contains("Ibid."), "{text}");
    }
}
