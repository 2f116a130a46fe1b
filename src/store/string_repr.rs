//! How kaynak writes a string in TOML: a basic string (`"…"`) unless a literal
//! string (`'…'`) spares escapes, and a multi-line basic string for text with
//! line breaks. One function, shared by `kaynak fmt` and `kaynak new`.

/// The TOML spelling of `text` as a string value.
pub fn string_repr(text: &str) -> String {
    if text.contains('\n') {
        return format!("\"\"\"\n{}\"\"\"", escape(text, true));
    }
    let spares_escapes = text.contains(['"', '\\']);
    let literal_fits = !text.contains('\'') && !text.chars().any(|c| c.is_control());
    if spares_escapes && literal_fits {
        format!("'{text}'")
    } else {
        format!("\"{}\"", escape(text, false))
    }
}

/// Escapes for a basic string; line feeds stay as they are in multi-line ones.
fn escape(text: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if multiline => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        let repr = string_repr(text);
        let value: toml_edit::Value = repr.parse().unwrap();
        assert_eq!(value.as_str(), Some(text), "{repr}");
        repr
    }

    #[test]
    fn basic_unless_literal_spares_escapes() {
        assert_eq!(round_trip("Kafkas Kartalı"), "\"Kafkas Kartalı\"");
        assert_eq!(round_trip("a \"quoted\" word"), "'a \"quoted\" word'");
        assert_eq!(round_trip("C:\\path"), "'C:\\path'");
        assert_eq!(round_trip("it's \"both\""), "\"it's \\\"both\\\"\"");
        assert_eq!(round_trip("tab\there"), "\"tab\\there\"");
        assert_eq!(
            round_trip("line one\nline two"),
            "\"\"\"\nline one\nline two\"\"\""
        );
        round_trip("ends with quote\"\nand \"\"\" inside\n");
        round_trip("\u{7f}\u{1}\r");
        round_trip("");
    }
}
