//! A Markdown manuscript as a LaTeX body: the common block and inline elements,
//! every text run escaped, and citations (marked by placeholders) as
//! `\footnote{…}` for note styles or inline text for in-text styles.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Marks citation `n` in the Markdown handed to the converter.
pub fn placeholder(n: usize) -> String {
    format!("\u{E000}{n}\u{E001}")
}

/// Escapes LaTeX's special characters in running text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '$' | '&' | '#' | '_' | '%' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            // Control characters (NUL, ESC, BEL, C1 …) are dropped: TeX
            // cannot typeset them, and they must not reach a terminal.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Converts `markdown` to a LaTeX document body; `citation(n)` gives the LaTeX
/// for placeholder `n`.
pub fn convert(markdown: &str, citation: &dyn Fn(usize) -> String) -> String {
    let mut out = String::new();
    let mut in_code_block = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(tag) => {
                if let Tag::CodeBlock(_) = tag {
                    in_code_block = true;
                }
                out.push_str(&open(&tag));
            }
            Event::End(tag) => {
                if tag == TagEnd::CodeBlock {
                    in_code_block = false;
                }
                out.push_str(close(tag));
            }
            Event::Text(text) if in_code_block => out.push_str(&text),
            Event::Text(text) => push_text(&mut out, &text, citation),
            Event::Code(code) => out.push_str(&format!("\\texttt{{{}}}", escape(&code))),
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("\\\\\n"),
            Event::Rule => out.push_str("\n\\bigskip\\hrule\\bigskip\n"),
            Event::Html(html) | Event::InlineHtml(html) => {
                out.push_str(&format!("% {}\n", html.trim()))
            }
            _ => {}
        }
    }
    out
}

fn push_text(out: &mut String, text: &str, citation: &dyn Fn(usize) -> String) {
    let mut rest = text;
    while let Some(start) = rest.find('\u{E000}') {
        out.push_str(&escape(&rest[..start]));
        let after = &rest[start + '\u{E000}'.len_utf8()..];
        let Some(end) = after.find('\u{E001}') else {
            break;
        };
        if let Ok(n) = after[..end].parse::<usize>() {
            out.push_str(&citation(n));
        }
        rest = &after[end + '\u{E001}'.len_utf8()..];
    }
    out.push_str(&escape(rest));
}

fn open(tag: &Tag) -> String {
    match tag {
        Tag::Paragraph => String::new(),
        Tag::Heading { level, .. } => format!("\\{}*{{", section(*level)),
        Tag::BlockQuote(_) => "\\begin{quote}\n".into(),
        Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => {
            "\\begin{verbatim}\n".into()
        }
        Tag::List(Some(_)) => "\\begin{enumerate}\n".into(),
        Tag::List(None) => "\\begin{itemize}\n".into(),
        Tag::Item => "\\item ".into(),
        Tag::Emphasis => "\\emph{".into(),
        Tag::Strong => "\\textbf{".into(),
        Tag::Strikethrough => "\\sout{".into(),
        Tag::Link { dest_url, .. } => format!("\\href{{{}}}{{", escape(dest_url)),
        _ => String::new(),
    }
}

fn close(tag: TagEnd) -> &'static str {
    match tag {
        TagEnd::Paragraph => "\n\n",
        TagEnd::Heading(_) => "}\n\n",
        TagEnd::BlockQuote(_) => "\\end{quote}\n",
        TagEnd::CodeBlock => "\\end{verbatim}\n",
        TagEnd::List(true) => "\\end{enumerate}\n",
        TagEnd::List(false) => "\\end{itemize}\n",
        TagEnd::Item => "\n",
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => "}",
        _ => "",
    }
}

fn section(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "section",
        HeadingLevel::H2 => "subsection",
        HeadingLevel::H3 => "subsubsection",
        _ => "paragraph",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_escapes() {
        let md = format!(
            "# Intro\n\nSome *text* 50% {} done.\n\n```\n\\raw{{}}\n```\n",
            placeholder(1)
        );
        let out = convert(&md, &|n| format!("\\footnote{{note {n}}}"));
        assert!(out.starts_with("\\section*{Intro}\n\n"), "{out}");
        assert!(
            out.contains("Some \\emph{text} 50\\% \\footnote{note 1} done."),
            "{out}"
        );
        assert!(
            out.contains("\\begin{verbatim}\n\\raw{}\n\\end{verbatim}"),
            "{out}"
        );
        assert_eq!(escape("a\u{1b}]0;x\u{7}b\u{9b}\u{0}\tc"), "a]0;xb\tc");
        assert_eq!(
            escape("a_b & {c} \\d"),
            "a\\_b \\& \\{c\\} \\textbackslash{}d"
        );
    }
}
