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

/// Renders the sample manuscript with the bundled records and `settings` as the
/// library's kaynak.toml, from a directory without ./styles (the built-in style
/// must be used).
fn render_bundled(settings: Option<&str>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let library = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
    let library = match settings {
        None => library,
        Some(text) => {
            let copy = dir.path().join("sources");
            fs::create_dir(&copy).unwrap();
            for file in fs::read_dir(&library).unwrap() {
                let path = file.unwrap().path();
                fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
            }
            fs::write(copy.join("kaynak.toml"), text).unwrap();
            copy
        }
    };
    let out = Command::cargo_bin("kaynak")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("KAYNAK_LIBRARY")
        .arg("--library")
        .arg(&library)
        .arg("render")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC))
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "no notes: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// README's main job: the bundled library's Chicago notes and bibliography, with
/// the article author's own romanisations (and the library's scheme, the same
/// system, for the journal, which has none of its own).
#[test]
fn readme_main_job_gives_chicago_notes_and_bibliography() {
    let out = render_bundled(None);
    for expected in [
        "[^cite-3]: “Voyennaya Doktrina Azerbaydzhanskoy Respubliki” \\[Military doctrine of the Republic of Azerbaijan\\], Eurasian-Defence, accessed March 31, 2021.",
        "[^cite-5]: N.S. Niyazov, “Razvitiye Azerbaydzhano-Pakistanskikh Svyazey v Voyennoy Oblasti v 1994–2010 Godakh” \\[Development of Azerbaijani-Pakistani ties in the military sphere in 1994–2010\\], *Vestnik Volgogradskogo gosudarstvennogo universiteta. Seriya 4*, no. 1 (n.d.): 106.",
        "[^cite-6]: “Ilkham Aliyev Prinyal Delegatsiyu, Vozglavlyayemuyu Ministrom Oboronnoy Promyshlennosti Pakistana”",
        "[^cite-8]: Niyazov, “Razvitiye Azerbaydzhano-Pakistanskikh Svyazey v Voyennoy Oblasti v 1994–2010 Godakh,” 107.",
        "[^cite-9]: Ibid.",
        "# Bibliography",
        "*The Frontier Post*. “Azerbaijan and Pakistan: Historical Relations and Perspectives.” Accessed March 31, 2021.",
        "Eurasian-Defence. “Voyennaya Doktrina Azerbaydzhanskoy Respubliki” \\[Military doctrine of the Republic of Azerbaijan\\]. Accessed March 31, 2021.",
    ] {
        assert!(out.contains(expected), "missing: {expected}\n\n{out}");
    }
}

/// One system throughout: `translit-policy = "uniform"` with ALA-LC derives every
/// transliteration again, as kaynak printed before the records' own forms won.
#[test]
fn uniform_policy_prints_one_system() {
    let out = render_bundled(Some(
        "style = \"chicago-notes\"\nlocale = \"en-US\"\ntranslit = \"ala-lc-plain\"\ntranslit-policy = \"uniform\"\n",
    ));
    for expected in [
        "[^cite-3]: “Voennaia Doktrina Azerbaidzhanskoi Respubliki” \\[Military doctrine of the Republic of Azerbaijan\\], Eurasian-Defence, accessed March 31, 2021.",
        "[^cite-5]: N.S. Niiazov, “Razvitie Azerbaidzhano-Pakistanskikh Sviazei v Voennoi Oblasti v 1994–2010 Godakh” \\[Development of Azerbaijani-Pakistani ties in the military sphere in 1994–2010\\], *Vestnik Volgogradskogo gosudarstvennogo universiteta. Seriia 4*, no. 1 (n.d.): 106.",
        "[^cite-6]: “Ilʹkham Aliev Prinial Delegatsiiu, Vozglavliaemuiu Ministrom Oboronnoi Promyshlennosti Pakistana”",
        "[^cite-8]: Niiazov, “Razvitie Azerbaidzhano-Pakistanskikh Sviazei v Voennoi Oblasti v 1994–2010 Godakh,” 107.",
    ] {
        assert!(out.contains(expected), "missing: {expected}\n\n{out}");
    }
}
