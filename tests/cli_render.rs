//! `kaynak render` on the sample manuscript and on broken ones.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

const STYLE: &str = "tests/fixtures/styles/mini-notes.csl";
const DOC: &str = "examples/alizada-2021.md";

fn kaynak() -> Command {
    let mut cmd = Command::cargo_bin("kaynak").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KAYNAK_LIBRARY")
        .env("NO_COLOR", "1");
    cmd
}

fn render(format: &str) -> String {
    let out = kaynak()
        .args(["render", DOC, "--style", STYLE, "--format", format])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn markdown_gets_numbered_footnotes_and_a_bibliography() {
    let out = render("markdown");
    insta::assert_snapshot!("render_sample_markdown", out);
    let definitions = out
        .lines()
        .filter(|l| l.starts_with("[^cite-") && l.contains("]: "))
        .count();
    assert_eq!(definitions, 16, "sixteen notes");
    assert!(
        out.contains("`[@niyazov]` in a code span"),
        "code spans are left alone"
    );
    assert!(
        out.contains("```\n[@frontier-post-relations]\n```"),
        "code blocks are left alone"
    );
    assert!(out.contains("\n# Bibliography\n"));
}

#[test]
fn html_links_footnotes_both_ways() {
    let out = render("html");
    insta::assert_snapshot!("render_sample_html", out);
    assert!(out.starts_with("<!DOCTYPE html>"));
    for n in 1..=16 {
        assert!(
            out.contains(&format!(
                "<a href=\"#cite-note-{n}\" class=\"footnote-ref\">{n}</a>"
            )),
            "ref {n}"
        );
        assert!(
            out.contains(&format!("<li id=\"cite-note-{n}\">")),
            "note {n}"
        );
        assert!(
            out.contains(&format!(
                "<a href=\"#cite-ref-{n}\" class=\"footnote-back\""
            )),
            "back {n}"
        );
    }
    assert!(out.contains("<code>[@niyazov]</code>"));
}

#[test]
fn latex_gets_footnote_commands() {
    let out = render("latex");
    assert!(
        out.contains("\\section*{Azerbaijan and Pakistan: a reading of the sources}"),
        "{out}"
    );
    assert_eq!(out.matches("\\footnote{").count(), 16, "{out}");
    assert!(out.contains("\\section*{Bibliography}"));
}

#[test]
fn unknown_key_is_an_error_at_its_place_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.md");
    fs::write(
        &doc,
        "# T\n\nFine [@niyazov].\nBroken [see @niyasov, p. 3].\n",
    )
    .unwrap();
    let target = dir.path().join("out.md");
    kaynak()
        .args(["render", "--style", STYLE, "-o"])
        .arg(&target)
        .arg(&doc)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[unknown-key]: no record `niyasov` in the library",
        ))
        .stderr(predicate::str::contains("doc.md:4:13"))
        .stderr(predicate::str::contains("did you mean `@niyazov`?"));
    assert!(!target.exists(), "nothing written");
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    kaynak()
        .args(["render", DOC, "--style", STYLE, "-o"])
        .arg(&target)
        .assert()
        .success()
        .stdout("");
    assert!(fs::read_to_string(&target).unwrap().contains("[^cite-16]:"));
}
