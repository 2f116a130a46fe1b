//! `kaynak bib` and `kaynak cite` on the bundled library with a small test style.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

const STYLE: &str = "tests/fixtures/styles/mini-notes.csl";

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

#[test]
fn notes_follow_document_positions() {
    let text = stdout(kaynak().args(["cite", "--style", STYLE]).args([
        "@niyazov, p. 106",
        "@niyazov, p. 107",
        "@niyazov, p. 107",
        "@bayramov-pakistan",
        "see @niyazov",
    ]));
    let expected = "\
1. N. S. Niyazov, “Razvitiye Azerbaydzhano-Pakistanskikh Svyazey v Voyennoy Oblasti v 1994–2010 Godakh,” 106.
2. Ibid., 107.
3. Ibid.
4. Ses Haber Ajansı, “Ceyhun Bayramov, Pakistan Dışişleri Bakanı ile Görüştü.”
5. See N. S. Niyazov, “Razvitiye Azerbaydzhano-Pakistanskikh Svyazey v Voyennoy Oblasti v 1994–2010 Godakh.”
";
    assert_eq!(text, expected);
}

#[test]
fn forms_choose_original_translit_or_translation() {
    let original =
        stdout(kaynak().args(["cite", "--style", STYLE, "--form", "original", "@niyazov"]));
    assert!(
        original.contains("Н. С. Ниязов, “Развитие Азербайджано-Пакистанских"),
        "{original}"
    );
    let english = stdout(kaynak().args([
        "cite",
        "--style",
        STYLE,
        "--form",
        "translation:en",
        "@niyazov",
    ]));
    assert!(
        english.contains("“Development of Azerbaijani-Pakistani ties"),
        "{english}"
    );
    let alalc = stdout(kaynak().args([
        "cite",
        "--style",
        STYLE,
        "--translit",
        "ala-lc-plain",
        "--translit-policy",
        "uniform",
        "@niyazov",
    ]));
    assert!(
        alalc.contains("N. S. Niiazov, “Razvitie Azerbaidzhano-Pakistanskikh Sviazei"),
        "{alalc}"
    );
    // A scheme alone derives only what the records do not give.
    let scheme_only = stdout(kaynak().args([
        "cite",
        "--style",
        STYLE,
        "--translit",
        "ala-lc-plain",
        "@niyazov",
    ]));
    assert!(
        scheme_only.contains("N. S. Niyazov, “Razvitiye"),
        "{scheme_only}"
    );
}

#[test]
fn bibliography_of_chosen_keys_in_html_and_latex() {
    let html = stdout(kaynak().args([
        "bib",
        "--style",
        STYLE,
        "--format",
        "html",
        "niyazov",
        "frontier-post-relations",
    ]));
    assert!(html.starts_with("<div class=\"csl-bib-body\">"), "{html}");
    assert_eq!(html.matches("csl-entry").count(), 2, "{html}");
    let latex = stdout(kaynak().args(["bib", "--style", STYLE, "--format", "latex", "niyazov"]));
    assert!(latex.contains("\\textit{Razvitiye"), "{latex}");
}

#[test]
fn markup_in_titles_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("evil.toml"),
        "type = \"book\"\ntitle = \"<script>alert(1)</script> & \\\\input{x} 50% $x$ #1 _a_ *b*\"\n",
    )
    .unwrap();
    let run = |format: &str| {
        stdout(
            kaynak()
                .args(["bib", "--style", STYLE, "--format", format, "--library"])
                .arg(dir.path()),
        )
    };
    let html = run("html");
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38;"),
        "{html}"
    );
    let latex = run("latex");
    assert!(
        latex.contains("\\textbackslash{}input\\{x\\} 50\\% \\$x\\$ \\#1 \\_a\\_"),
        "{latex}"
    );
    let markdown = run("markdown");
    assert!(
        markdown.contains("\\<script\\>") || markdown.contains("&lt;script&gt;"),
        "{markdown}"
    );
    assert!(markdown.contains("\\_a\\_ \\*b\\*"), "{markdown}");
}

#[test]
fn unknown_key_and_style_are_errors() {
    kaynak()
        .args(["cite", "--style", STYLE, "@nobody"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no record `nobody`"));
    kaynak()
        .args(["bib", "--style", "no-such-style"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no style `no-such-style`"));
}

#[test]
fn broken_style_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.csl");
    fs::write(
        &path,
        "<style xmlns=\"http://purl.org/net/xbiblio/csl\" class=\"in-text\" version=\"1.0\">\n<citation><layout>\n  <txet variable=\"title\"/>\n</layout></citation></style>\n",
    )
    .unwrap();
    kaynak()
        .args(["bib", "--style"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.csl:3:3"))
        .stderr(predicate::str::contains("txet"));
}
