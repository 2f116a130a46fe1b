//! HTML backend, following citeproc-js's markup so the test suite compares.

use super::{Backend, Span};
use crate::model::Display;

pub struct Html;

impl Backend for Html {
    fn escape(&self, text: &str, out: &mut String) {
        for c in text.chars() {
            if c == '℠' || c == '™' {
                out.push_str(if c == '℠' {
                    "<sup>SM</sup>"
                } else {
                    "<sup>TM</sup>"
                });
                continue;
            }
            if let Some(base) = superscript_base(c) {
                out.push_str("<sup>");
                out.push(base);
                out.push_str("</sup>");
                continue;
            }
            match c {
                '&' => out.push_str("&#38;"),
                '<' => out.push_str("&#60;"),
                '>' => out.push_str("&#62;"),
                _ => out.push(c),
            }
        }
    }

    fn open(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "<i>",
            Span::NormalStyle => "<span style=\"font-style:normal;\">",
            Span::Bold => "<b>",
            Span::NormalWeight => "<span style=\"font-weight:normal;\">",
            Span::Light => "<span style=\"font-weight:light;\">",
            Span::SmallCaps => "<span style=\"font-variant:small-caps;\">",
            Span::NormalVariant => "<span style=\"font-variant:normal;\">",
            Span::Underline => "<span style=\"text-decoration:underline;\">",
            Span::Superscript => "<sup>",
            Span::Subscript => "<sub>",
            Span::Baseline => "<span style=\"baseline\">",
            Span::Display(Display::Block) => "<div class=\"csl-block\">",
            Span::Display(Display::LeftMargin) => "<div class=\"csl-left-margin\">",
            Span::Display(Display::RightInline) => "<div class=\"csl-right-inline\">",
            Span::Display(Display::Indent) => "<div class=\"csl-indent\">",
        })
    }

    fn close(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "</i>",
            Span::Bold => "</b>",
            Span::Superscript => "</sup>",
            Span::Subscript => "</sub>",
            Span::Display(_) => "</div>",
            _ => "</span>",
        })
    }
}

/// One `csl-entry` line as citeproc-js writes it.
pub fn entry(content: &str) -> String {
    if content.starts_with("<div class=\"csl-block\">") {
        let content = content.replace(
            "</div><div class=\"csl-left-margin\">",
            "</div>\n\n    <div class=\"csl-left-margin\">",
        );
        format!("  <div class=\"csl-entry\">\n\n    {content}\n  </div>\n")
    } else if content.starts_with("<div class=\"csl-left-margin\">") {
        let content = content.replace(
            "</div><div class=\"csl-left-margin\">",
            "</div>\n\n    <div class=\"csl-left-margin\">",
        );
        // citeproc-js moves a trailing space out of the last block
        match content.strip_suffix(" </div>") {
            Some(body) => format!("  <div class=\"csl-entry\">\n    {body}</div>\n   </div>\n"),
            None => format!("  <div class=\"csl-entry\">\n    {content}\n  </div>\n"),
        }
    } else if let Some(rest) = content.strip_prefix(" <div class=\"csl-left-margin\">") {
        // a space left before the opening block stays on the entry's line
        format!(
            "  <div class=\"csl-entry\"> \n    <div class=\"csl-left-margin\">{rest}\n  </div>\n"
        )
    } else if content.contains("<div class=\"csl-") {
        format!("  <div class=\"csl-entry\">{content}\n  </div>\n")
    } else {
        format!("  <div class=\"csl-entry\">{content}</div>\n")
    }
}

/// citeproc-js writes Unicode superscript letters as `<sup>` markup.
fn superscript_base(c: char) -> Option<char> {
    const TABLE: &[(char, char)] = &[
        ('ª', 'a'),
        ('º', 'o'),
        ('¹', '1'),
        ('²', '2'),
        ('³', '3'),
        ('⁰', '0'),
        ('⁴', '4'),
        ('⁵', '5'),
        ('⁶', '6'),
        ('⁷', '7'),
        ('⁸', '8'),
        ('⁹', '9'),
        ('⁺', '+'),
        ('⁻', '−'),
        ('⁼', '='),
        ('⁽', '('),
        ('⁾', ')'),
        ('ⁱ', 'i'),
        ('ⁿ', 'n'),
        ('ʰ', 'h'),
        ('ʱ', 'ɦ'),
        ('ʲ', 'j'),
        ('ʳ', 'r'),
        ('ʴ', 'ɹ'),
        ('ʵ', 'ɻ'),
        ('ʶ', 'ʁ'),
        ('ʷ', 'w'),
        ('ʸ', 'y'),
        ('ˠ', 'ɣ'),
        ('ˡ', 'l'),
        ('ˢ', 's'),
        ('ˣ', 'x'),
        ('ˤ', 'ʕ'),
        ('ᴬ', 'A'),
        ('ᴮ', 'B'),
        ('ᴰ', 'D'),
        ('ᴱ', 'E'),
        ('ᴳ', 'G'),
        ('ᴴ', 'H'),
        ('ᴵ', 'I'),
        ('ᴶ', 'J'),
        ('ᴷ', 'K'),
        ('ᴸ', 'L'),
        ('ᴹ', 'M'),
        ('ᴺ', 'N'),
        ('ᴼ', 'O'),
        ('ᴾ', 'P'),
        ('ᴿ', 'R'),
        ('ᵀ', 'T'),
        ('ᵁ', 'U'),
        ('ᵂ', 'W'),
        ('ᵃ', 'a'),
        ('ᵄ', 'ɐ'),
        ('ᵅ', 'ɑ'),
        ('ᵇ', 'b'),
        ('ᵈ', 'd'),
        ('ᵉ', 'e'),
        ('ᵊ', 'ə'),
        ('ᵋ', 'ɛ'),
        ('ᵌ', 'ɜ'),
        ('ᵍ', 'g'),
        ('ᵏ', 'k'),
        ('ᵐ', 'm'),
        ('ᵑ', 'ŋ'),
        ('ᵒ', 'o'),
        ('ᵖ', 'p'),
        ('ᵗ', 't'),
        ('ᵘ', 'u'),
        ('ᵛ', 'v'),
        ('ᶜ', 'c'),
        ('ᶠ', 'f'),
        ('ᶻ', 'z'),
        ('ˀ', 'ʔ'),
        ('ˁ', 'ʕ'),
        ('ᵝ', 'β'),
        ('ᵞ', 'γ'),
        ('ᵟ', 'δ'),
        ('ᵠ', 'φ'),
        ('ᵡ', 'χ'),
        ('ᵸ', 'н'),
        ('ᴭ', 'Æ'),
        ('ᴲ', 'Ǝ'),
        ('ᴽ', 'Ȣ'),
        ('ᵆ', 'ᴂ'),
        ('ᵓ', 'ɔ'),
        ('ᵔ', 'ᴖ'),
        ('ᵕ', 'ᴗ'),
        ('ᵙ', 'ᴝ'),
        ('ᵚ', 'ɯ'),
        ('ᵜ', 'ᴥ'),
        ('㆒', '一'),
        ('㆓', '二'),
        ('㆔', '三'),
        ('㆕', '四'),
        ('㆖', '上'),
        ('㆗', '中'),
        ('㆘', '下'),
        ('㆙', '甲'),
        ('㆚', '乙'),
        ('㆛', '丙'),
        ('㆜', '丁'),
        ('㆝', '天'),
        ('㆞', '地'),
        ('㆟', '人'),
        ('ۥ', 'و'),
        ('ۦ', 'ي'),
    ];
    TABLE.iter().find(|(s, _)| *s == c).map(|(_, b)| *b)
}
