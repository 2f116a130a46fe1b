//! The manuscript workflow from the command line: bibliographies of the
//! cited works only (and `nocite`), every citation form of pandoc's syntax
//! under a note style and an in-text style, metadata, standard input, refs
//! markers, escaping, compact errors for unknown keys, `kaynak styles`,
//! did-you-mean for styles, locale checks, completions and the man page.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

const LIBRARY_RECORDS: usize = 7;

fn kaynak() -> Command {
    let mut cmd = Command::cargo_bin("kaynak").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KAYNAK_LIBRARY")
        .env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// `kaynak render -` on `doc`, with extra arguments.
fn render(doc: &str, args: &[&str]) -> String {
    stdout(kaynak().arg("render").arg("-").args(args).write_stdin(doc))
}

fn bibliography_entries(markdown: &str) -> usize {
    let bib = markdown.split("# Bibliography").nth(1).unwrap_or("");
    bib.split("\n\n")
        .filter(|p| !p.trim().is_empty() && !p.starts_with("[^"))
        .count()
}

#[test]
fn render_lists_only_the_cited_works_plus_nocite() {
    let out = render("One [@niyazov].\n", &[]);
    assert_eq!(bibliography_entries(&out), 1, "{out}");
    assert!(out.contains("Niyazov, N.S."), "{out}");
    let out = render(
        "---\nnocite: \"@bayramov-pakistan\"\n---\n\nOne [@niyazov].\n",
        &[],
    );
    assert_eq!(bibliography_entries(&out), 2, "{out}");
    assert!(out.contains("Ses Haber Ajansı."), "{out}");
    let out = render("---\nnocite: '@*'\n---\n\nOne [@niyazov].\n", &[]);
    assert_eq!(bibliography_entries(&out), LIBRARY_RECORDS, "{out}");
}

#[test]
fn cite_bib_lists_the_cited_works_and_bib_the_whole_library() {
    let out = stdout(kaynak().args(["cite", "--bib", "@niyazov"]));
    assert_eq!(
        out.matches("Accessed").count(),
        0,
        "one entry, no web sources: {out}"
    );
    assert!(out.contains("\nNiyazov, N.S."), "{out}");
    let out = stdout(kaynak().args([
        "cite",
        "--bib",
        "@niyazov",
        "--nocite",
        "@frontier-post-relations",
    ]));
    assert!(
        out.contains("*The Frontier Post*") || out.contains("The Frontier Post. "),
        "{out}"
    );
    let out = stdout(kaynak().args(["cite", "--bib", "@niyazov", "--nocite", "@*"]));
    assert_eq!(
        out.lines().filter(|l| l.contains("Accessed")).count(),
        6,
        "{out}"
    );
    let out = stdout(kaynak().args(["bib"]));
    assert_eq!(
        out.lines().filter(|l| !l.trim().is_empty()).count(),
        LIBRARY_RECORDS,
        "{out}"
    );
    kaynak()
        .args(["cite", "@niyazov", "--nocite", "@nobody"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no record `nobody`"));
}

const FORMS: &str = "As @niyazov argues. Then @niyazov [p. 5] says. See [@niyazov, pp. 3–4; @bayramov-pakistan].\nAlso [-@niyazov, p. 7] and [see @frontier-post-relations, chap. 2, emphasis added].\nMail me@x.org and \\@escaped.^[A note [@bayramov-pakistan].] Next [@niyazov].\n";

#[test]
fn every_citation_form_under_a_note_style() {
    let out = render(FORMS, &["--style", "chicago-notes"]);
    for expected in [
        "As N.S. Niyazov[^cite-1] argues. Then Niyazov[^cite-2] says. See.[^cite-3]\nAlso[^cite-4] and.[^cite-5]",
        "Mail me@x.org and \\@escaped.^[A note (“Ceyhun Bayramov, Pakistan Dışişleri Bakanı ile Görüştü”).] Next.[^cite-6]",
        "[^cite-1]: “Razvitiye Azerbaydzhano-Pakistanskikh",
        "[^cite-2]: Ibid., 5.",
        "[^cite-3]: Ibid., 3–4; “Ceyhun Bayramov",
        "[^cite-4]: “Razvitiye Azerbaydzhano-Pakistanskikh Svyazey v Voyennoy Oblasti v 1994–2010 Godakh,” 7.",
        "[^cite-5]: See “Azerbaijan and Pakistan: Historical Relations and Perspectives,” *The Frontier Post*, chap. 2, accessed March 31, 2021, emphasis added.",
        "[^cite-6]: Niyazov, “Razvitiye",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn every_citation_form_under_an_in_text_style() {
    let out = render(FORMS, &["--style", "chicago-author-date"]);
    for expected in [
        "As Niyazov (n.d.) argues. Then Niyazov (n.d., 5) says. See (Niyazov, n.d., 3–4; Ses Haber Ajansı, n.d.).",
        "Also (n.d., 7) and (see *The Frontier Post*, n.d., chap. 2, emphasis added).",
        "Mail me@x.org and \\@escaped.^[A note (Ses Haber Ajansı, n.d.).] Next (Niyazov, n.d.).",
        "# References",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn metadata_sets_style_language_and_the_heading() {
    let doc = "---\ncitation-style: chicago-author-date\nlang: tr-TR\nreference-section-title: Kaynakça\n---\n\nText [@niyazov, sayfa 7] and [@niyazov, bölüm 3].\n";
    let out = render(doc, &[]);
    assert!(
        out.starts_with("---\ncitation-style"),
        "the YAML block stays: {out}"
    );
    assert!(
        out.contains("(Niyazov, t.y., 7) and (Niyazov, t.y., böl. 3)"),
        "{out}"
    );
    assert!(out.contains("# Kaynakça"), "{out}");
    let out = render(
        "---\nsuppress-bibliography: true\n---\n\nText [@niyazov].\n",
        &[],
    );
    assert!(!out.contains("# Bibliography"), "{out}");
    // the command line wins over the document
    let out = render(
        "---\ncitation-style: apa\n---\n\nText [@niyazov].\n",
        &["--style", "chicago-notes"],
    );
    assert!(out.contains("[^cite-1]"), "{out}");
}

#[test]
fn a_second_refs_marker_is_dropped_with_a_warning() {
    let doc = "Text [@niyazov].\n\n::: {#refs}\n:::\n\nMore.\n\n::: refs\n:::\n";
    let assert = kaynak()
        .args(["render", "-"])
        .write_stdin(doc)
        .assert()
        .success();
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(!out.contains(":::"), "{out}");
    assert_eq!(out.matches("Niyazov, N.S.").count(), 1, "{out}");
    assert!(err.contains("second-refs-marker"), "{err}");
}

#[test]
fn markdown_output_escapes_what_pandoc_would_reread() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("odd.toml"),
        "type = \"book\"\ntitle = \"Mail @editor now\"\nauthor = [{ literal = \"- Dash Group\" }]\nissued = 2020\n",
    )
    .unwrap();
    let out = stdout(
        kaynak()
            .arg("--library")
            .arg(dir.path())
            .args(["render", "-", "--style", "chicago-notes"])
            .write_stdin("See [@odd].\n"),
    );
    assert!(out.contains("*Mail \\@Editor Now*"), "{out}");
    assert!(
        out.contains("\n\\- Dash Group."),
        "line-initial dash escaped: {out}"
    );
}

#[test]
fn unknown_keys_are_reported_once_each_with_every_place() {
    let line: String = (0..300).map(|n| format!("[@ghost{}] ", n % 3)).collect();
    let doc = format!("{line}\nAnd [@niyasov].\n");
    let assert = kaynak()
        .args(["render", "-"])
        .write_stdin(doc)
        .assert()
        .code(1);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(err.matches("error[unknown-key]").count(), 4, "{err}");
    assert!(
        err.contains(
            "no record `ghost0` in the library (cited 100 times; also at 1:32, 1:62, 1:92,"
        ),
        "{err}"
    );
    assert!(err.contains("<stdin>:2:6"), "{err}");
    assert!(err.contains("did you mean `@niyazov`?"), "{err}");
    assert!(
        err.len() < 20_000,
        "no line printed per error: {} bytes",
        err.len()
    );
}

#[test]
fn styles_are_listed_as_a_table_and_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let mine = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/styles/mini-notes.csl"),
    )
    .unwrap();
    fs::write(dir.path().join("my-own.csl"), mine).unwrap();
    let out = stdout(kaynak().args(["styles", "--styles"]).arg(dir.path()));
    assert!(out.starts_with("NAME"), "{out}");
    let chicago = out
        .lines()
        .find(|l| l.starts_with("chicago-notes "))
        .expect("chicago-notes");
    assert!(
        chicago.contains(" note ") && chicago.contains("en-US"),
        "{chicago}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("apa ") && l.contains("author-date")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("ieee ") && l.contains("numeric")),
        "{out}"
    );
    assert!(out.lines().any(|l| l.starts_with("my-own ")), "{out}");
    let json = stdout(kaynak().args(["styles", "--format", "json"]));
    let styles: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(styles.len() >= 8);
    let gost = styles
        .iter()
        .find(|s| s["name"] == "gost-r-7.0.100-2018")
        .unwrap();
    assert_eq!(gost["default_locale"], "ru-RU");
    assert_eq!(gost["class"], "note");
}

#[test]
fn an_unknown_style_gets_the_closest_names_and_a_missing_file_is_named() {
    kaynak()
        .args(["bib", "--style", "chicago"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no style `chicago`"))
        .stderr(predicate::str::contains(
            "did you mean `chicago-notes`, `chicago-author-date`?",
        ));
    kaynak()
        .args(["bib", "--style", "apa7"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `apa`"));
    kaynak()
        .args(["bib", "--style", "my/missing.csl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the style file my/missing.csl does not exist",
        ));
}

#[test]
fn an_unknown_locale_is_an_error_unless_a_file_provides_it() {
    for (tag, message) in [
        ("xx-!!", "not a BCP 47 language tag"),
        ("de-DE", "no locale for `de-DE`"),
    ] {
        kaynak()
            .args(["bib", "--locale", tag])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    let dir = tempfile::tempdir().unwrap();
    let english =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/kaynak-csl/locales/locales-en-US.xml");
    fs::copy(english, dir.path().join("locales-de-DE.xml")).unwrap();
    kaynak()
        .args(["bib", "--locale", "de-DE", "--locales"])
        .arg(dir.path())
        .assert()
        .success();
    kaynak().args(["bib", "--locale", "tr"]).assert().success();
}

#[test]
fn latex_and_rtf_from_render_and_bib() {
    let tex = stdout(
        kaynak()
            .args(["render", "-", "--format", "latex"])
            .write_stdin("A [@niyazov].\n"),
    );
    assert!(tex.starts_with("\\documentclass"), "{tex}");
    assert!(tex.contains("A.\\footnote{N.S. Niyazov"), "{tex}");
    let rtf = stdout(kaynak().args(["bib", "--format", "rtf", "niyazov"]));
    assert!(
        rtf.starts_with("{\\rtf1\\ansi") && rtf.trim_end().ends_with('}'),
        "{rtf}"
    );
    let doc = stdout(
        kaynak()
            .args(["render", "-", "--format", "rtf"])
            .write_stdin("A [@niyazov].\n"),
    );
    assert!(doc.contains("{\\footnote"), "{doc}");
    kaynak()
        .args(["render", "-", "--format", "text"])
        .write_stdin("A.\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not text"));
}

#[test]
fn latex_names_characters_it_cannot_typeset() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("az.toml"),
        "type = \"book\"\nlanguage = \"az\"\ntitle = \"Azərbaycan tarixi\"\nissued = 2020\n",
    )
    .unwrap();
    kaynak()
        .arg("--library")
        .arg(dir.path())
        .args(["bib", "--format", "latex", "--style", "apa"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Azərbaycan"))
        .stderr(predicate::str::contains("`ə` (U+0259)"))
        .stderr(predicate::str::contains("tipa"));
}

#[test]
fn completions_offer_styles_and_keys() {
    let out = stdout(kaynak().args(["completions", "bash"]));
    assert!(
        out.contains("chicago-notes") && out.contains("gost-r-7.0.100-2018"),
        "styles"
    );
    assert!(out.contains("kafkas-kartali-2019"), "record keys");
    let hook = stdout(kaynak().args(["completions", "bash", "--dynamic"]));
    assert!(
        hook.contains("COMPLETE=\"bash\"") || hook.contains("COMPLETE=bash"),
        "{hook}"
    );
    let live = stdout(
        kaynak()
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", "2")
            .env("KAYNAK_LIBRARY", "sources")
            .args(["--", "kaynak", "bib", "ni"]),
    );
    assert!(live.contains("niyazov"), "{live}");
    let live = stdout(
        kaynak()
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", "3")
            .args(["--", "kaynak", "render", "--style", "chi"]),
    );
    assert!(live.contains("chicago-notes"), "{live}");
}

#[test]
fn the_man_page_has_exit_status_and_examples() {
    let out = stdout(kaynak().arg("man"));
    assert!(out.contains(".SH \"EXIT STATUS\""), "{out}");
    assert!(out.contains(".SH EXAMPLES"));
    assert!(out.contains("kaynak\\-pandoc"));
}

/// A pandoc document as JSON with one citation, in API `version`.
fn pandoc_json(version: &str) -> String {
    format!(
        r#"{{"pandoc-api-version":{version},"meta":{{}},"blocks":[{{"t":"Para","c":[{{"t":"Str","c":"Text"}},{{"t":"Space"}},{{"t":"Cite","c":[[{{"citationId":"niyazov","citationPrefix":[],"citationSuffix":[{{"t":"Str","c":","}},{{"t":"Space"}},{{"t":"Str","c":"p.\u00a05"}}],"citationMode":{{"t":"NormalCitation"}},"citationNoteNum":1,"citationHash":0}}],[{{"t":"Str","c":"[@niyazov,"}},{{"t":"Space"}},{{"t":"Str","c":"p.\u00a05]"}}]]}},{{"t":"Str","c":"."}}]}}]}}"#
    )
}

#[test]
fn the_filter_reads_the_api_of_pandoc_2_17_and_of_pandoc_3() {
    for version in ["[1,22,2,1]", "[1,23,1]"] {
        let out = Command::cargo_bin("kaynak-pandoc")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("KAYNAK_LIBRARY", "sources")
            .arg("docx")
            .write_stdin(pandoc_json(version))
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            doc["pandoc-api-version"].to_string(),
            version.replace(' ', "")
        );
        let para = &doc["blocks"][0]["c"];
        assert_eq!(
            para[1]["c"], ".",
            "the space gone, the period before the note: {para}"
        );
        let note = &para[2]["c"][1][0];
        assert_eq!(note["t"], "Note", "{para}");
        let text = note.to_string();
        assert!(
            text.contains("\"Niyazov,\"") && text.contains("\"5.\""),
            "{text}"
        );
        let refs = &doc["blocks"][1];
        assert_eq!(
            refs["c"][0][0], "refs",
            "the bibliography at the end: {refs}"
        );
        assert_eq!(refs["c"][1][0]["c"][0][0], "ref-niyazov", "{refs}");
    }
    Command::cargo_bin("kaynak-pandoc")
        .unwrap()
        .write_stdin(pandoc_json("[1,16]"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pandoc API version 1.16 is not supported",
        ));
}
