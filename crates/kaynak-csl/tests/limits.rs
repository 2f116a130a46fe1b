//! Styles and items nested without end are refused with an error at the
//! place the limit is crossed (or, in a field value, kept as text), never a
//! stack overflow: every walk over style input is bounded.

use kaynak_csl::style::analysis::MAX_DEPTH;
use kaynak_csl::{self as csl, Cite, Cluster, CslItem, Format, JsonItem, Style};

fn style_with_layout(layout: &str, macros: &str) -> String {
    format!(
        r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id>deep</id><title>deep</title></info>
{macros}
<citation><layout>
{layout}
</layout></citation>
</style>"#
    )
}

/// `depth` groups nested inside each other, one per line, around a title.
fn nested_groups(depth: usize) -> String {
    let mut out = String::new();
    for _ in 0..depth {
        out.push_str("<group>\n");
    }
    out.push_str(r#"<text variable="title"/>"#);
    for _ in 0..depth {
        out.push_str("</group>");
    }
    out
}

/// Renders the one-item citation of `style` on a thread with `stack` bytes
/// of stack (as small as a worker thread's).
fn render_on_small_stack(style: Style, stack: usize) -> String {
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            let items = JsonItem::parse_array(r#"[{"id":"a","type":"book","title":"Derin"}]"#)
                .expect("item");
            let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
            let processor =
                csl::processor_with_locale(style, Some("en-US"), &csl::embedded_locales);
            let cluster = Cluster {
                cites: vec![Cite {
                    id: "a".into(),
                    ..Cite::default()
                }],
                note_number: None,
            };
            let out = processor.process(&refs, &[cluster]);
            csl::render(&out.citations[0], Format::Text)
        })
        .expect("a thread")
        .join()
        .expect("no stack overflow")
}

#[test]
fn five_thousand_nested_groups_are_an_error_at_the_limit() {
    let errors = Style::parse(&style_with_layout(&nested_groups(5_000), "")).expect_err("too deep");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert!(error.message.contains("nested more than"), "{error}");
    // the style, citation and layout lines come first, one group per line
    let deepest_allowed = MAX_DEPTH + 8;
    assert_eq!(error.line as usize, 4 + deepest_allowed - 2, "{error}");
    assert_eq!(error.column, 1, "{error}");
}

#[test]
fn a_long_chain_of_macros_is_an_error_at_a_macro() {
    // each macro wraps the next in a group: shallow each, deep together
    let count = 1_000;
    let macros: String = (0..count)
        .map(|i| {
            let body = if i + 1 < count {
                format!(r#"<group><text macro="m{}"/></group>"#, i + 1)
            } else {
                r#"<text variable="title"/>"#.to_string()
            };
            format!("<macro name=\"m{i}\">{body}</macro>\n")
        })
        .collect();
    let errors =
        Style::parse(&style_with_layout(r#"<text macro="m0"/>"#, &macros)).expect_err("too deep");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("nests elements more than"),
        "{}",
        errors[0]
    );
    // a <macro> element, on its own line after the info line
    assert!(errors[0].line >= 3, "{}", errors[0]);
}

#[test]
fn a_cycle_of_many_macros_is_an_error_not_an_abort() {
    let count = 1_500;
    let macros: String = (0..count)
        .map(|i| {
            format!(
                "<macro name=\"m{i}\"><text macro=\"m{}\"/></macro>\n",
                (i + 1) % count
            )
        })
        .collect();
    let errors =
        Style::parse(&style_with_layout(r#"<text macro="m0"/>"#, &macros)).expect_err("a cycle");
    assert!(errors[0].message.contains("calls itself"), "{}", errors[0]);
}

#[test]
fn a_style_at_the_limit_renders_on_a_worker_thread_stack() {
    // the layout and the text take two levels
    let style =
        Style::parse(&style_with_layout(&nested_groups(MAX_DEPTH - 2), "")).expect("at the limit");
    assert_eq!(render_on_small_stack(style, 2 << 20), "Derin");
}

#[test]
fn deeply_nested_markup_in_a_field_value_is_kept_as_text() {
    let depth = 100_000;
    let title = format!("{}Derin{}", "<i>".repeat(depth), "</i>".repeat(depth));
    let items = serde_json::json!([{"id": "a", "type": "book", "title": title}]).to_string();
    let style = Style::parse(&style_with_layout(r#"<text variable="title"/>"#, "")).expect("style");
    let out = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let items = JsonItem::parse_array(&items).expect("item");
            let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
            let processor =
                csl::processor_with_locale(style, Some("en-US"), &csl::embedded_locales);
            let cluster = Cluster {
                cites: vec![Cite {
                    id: "a".into(),
                    ..Cite::default()
                }],
                note_number: None,
            };
            let out = processor.process(&refs, &[cluster]);
            csl::render(&out.citations[0], Format::Text)
        })
        .expect("a thread")
        .join()
        .expect("no stack overflow");
    assert!(out.contains("Derin"));
}

#[test]
fn a_chain_of_substituting_macros_at_the_limit_renders_on_a_worker_thread_stack() {
    // each macro is a names element whose substitute calls the next: the
    // deepest kind of nesting per level
    let count = (MAX_DEPTH - 2) / 2;
    let macros: String = (0..count)
        .map(|i| {
            let body = if i + 1 < count {
                format!(
                    r#"<names variable="author"><substitute><text macro="m{}"/></substitute></names>"#,
                    i + 1
                )
            } else {
                r#"<text variable="title"/>"#.to_string()
            };
            format!("<macro name=\"m{i}\">{body}</macro>\n")
        })
        .collect();
    let style =
        Style::parse(&style_with_layout(r#"<text macro="m0"/>"#, &macros)).expect("at the limit");
    assert_eq!(render_on_small_stack(style, 2 << 20), "Derin");
}
