//! Output backends escape their special characters and render formatting;
//! the embedded locales drive a whole render.

use kaynak::csl::style::model::{FontStyle, FontWeight, Formatting};
use kaynak::csl::{self, Cite, Cluster, CslItem, Format, Inline, JsonItem, Style};

fn sample() -> Inline {
    let italic = Formatting {
        font_style: Some(FontStyle::Italic),
        ..Formatting::default()
    };
    let bold = Formatting {
        font_weight: Some(FontWeight::Bold),
        ..Formatting::default()
    };
    Inline::seq(vec![
        Inline::Text("A & B <c> {d} 50% $x_1 #2 \\ ~^ *e* [f] Ş".into()),
        Inline::Formatted(
            italic,
            vec![
                Inline::Text("Title ".into()),
                // `<i>` written in a field value: it flips inside italics
                Inline::Markup(italic, vec![Inline::Text("Ship".into())]),
            ],
        ),
        Inline::Formatted(bold, vec![Inline::Text("12".into())]),
    ])
}

#[test]
fn html_escapes_like_citeproc_js_and_flips_nested_italics() {
    assert_eq!(
        csl::render(&sample(), Format::Html),
        "A &#38; B &#60;c&#62; {d} 50% $x_1 #2 \\ ~^ *e* [f] Ş<i>Title <span style=\"font-style:normal;\">Ship</span></i><b>12</b>"
    );
}

#[test]
fn plain_text_keeps_characters() {
    assert_eq!(
        csl::render(&sample(), Format::Text),
        "A & B <c> {d} 50% $x_1 #2 \\ ~^ *e* [f] ŞTitle Ship12"
    );
}

#[test]
fn latex_escapes_specials() {
    let out = csl::render(&sample(), Format::Latex);
    assert!(out.starts_with("A \\& B <c> \\{d\\} 50\\% \\$x\\_1 \\#2 \\textbackslash{} \\textasciitilde{}\\textasciicircum{}"), "{out}");
    assert!(
        out.contains("\\textit{Title \\textup{Ship}}\\textbf{12}"),
        "{out}"
    );
}

#[test]
fn markdown_escapes_specials() {
    let out = csl::render(&sample(), Format::Markdown);
    assert!(
        out.starts_with("A & B \\<c\\> {d} 50% $x\\_1 \\#2 \\\\ \\~\\^ \\*e\\* \\[f\\] Ş"),
        "{out}"
    );
    assert!(out.ends_with("*Title Ship***12**"), "{out}");
}

#[test]
fn rtf_escapes_braces_and_unicode() {
    let out = csl::render(&sample(), Format::Rtf);
    assert!(
        out.starts_with("A & B <c> \\{d\\} 50% $x_1 #2 \\\\ ~^ *e* [f] \\uc0\\u350 "),
        "{out}"
    );
    assert!(out.contains("{\\i Title {\\i0 Ship}}{\\b 12}"), "{out}");
}

const STYLE: &str = r#"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="ru-RU">
  <citation><layout prefix="(" suffix=")" delimiter="; ">
    <group delimiter=", ">
      <names variable="author"><name form="short" and="text"/></names>
      <date variable="issued" form="text"/>
      <group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
    </group>
  </layout></citation>
</style>"#;

#[test]
fn embedded_locales_render_russian_and_turkish() {
    let items = JsonItem::parse_array(
        r#"[{"id":"a","type":"book","author":[{"family":"Толстой","given":"Лев"},{"family":"Чехов","given":"Антон"}],
            "issued":{"date-parts":[[1869,5,17]]}}]"#,
    )
    .expect("items");
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let cluster = Cluster {
        cites: vec![Cite {
            id: "a".into(),
            locator: Some("5".into()),
            ..Cite::default()
        }],
        note_number: None,
    };
    let style = Style::parse(STYLE).expect("style");
    let russian = csl::processor_with_locale(style.clone(), None, &csl::embedded_locales);
    let out = russian.process(&refs, std::slice::from_ref(&cluster));
    assert_eq!(
        csl::render(&out.citations[0], Format::Text),
        "(Толстой и Чехов, 17 мая 1869 г., с. 5)"
    );
    let turkish = csl::processor_with_locale(style, Some("tr-TR"), &csl::embedded_locales);
    let out = turkish.process(&refs, &[cluster]);
    assert_eq!(
        csl::render(&out.citations[0], Format::Text),
        "(Толстой ve Чехов, 17 Mayıs 1869, s. 5)"
    );
}
