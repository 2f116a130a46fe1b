//! A Markdown manuscript as a complete LaTeX document that compiles with
//! pdflatex (T1 and T2A font encodings) and with xelatex: the common block
//! and inline elements, every text run escaped by the LaTeX backend's rules
//! (so Cyrillic switches encoding and characters outside the encodings are
//! mapped), citations as `\footnote{…}` after the punctuation that follows
//! them (note styles) or in place, and the bibliography with hanging indents.

use super::assemble::{marked, place_bibliography, Pieces};
use crate::csl::output::latex as tex;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The preamble: pdflatex gets T1 with T2A for Cyrillic; xelatex a
/// Unicode font with Cyrillic where one is installed.
const PREAMBLE: &str = r"\documentclass{article}
\usepackage{iftex}
\ifPDFTeX
  \usepackage[T2A,T1]{fontenc}
  \usepackage[utf8]{inputenc}
  \providecommand{\textcyrillic}[1]{{\fontencoding{T2A}\selectfont #1}}
\else
  \usepackage{fontspec}
  \IfFontExistsTF{CMU Serif}{\setmainfont{CMU Serif}}{%
    \IfFontExistsTF{DejaVu Serif}{\setmainfont{DejaVu Serif}}{}}
  \providecommand{\textcyrillic}[1]{#1}
\fi
\providecommand{\sout}{}
\IfFileExists{ulem.sty}{\usepackage[normalem]{ulem}}{\renewcommand{\sout}{}}
\usepackage[hidelinks]{hyperref}
";

/// Marks a piece of finished LaTeX in the Markdown handed to the converter.
fn placeholder(n: usize) -> String {
    format!("\u{E000}{n}\u{E001}")
}

/// Escapes text for LaTeX (the backend's rules).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    tex::escape(text, &mut out);
    out
}

/// The manuscript as a LaTeX document; `title` goes into `\title`, and each
/// character no default set-up prints is returned with its package.
pub fn document(p: &Pieces, title: Option<&str>) -> (String, Vec<crate::diag::Diagnostic>) {
    let mut raw: Vec<String> = Vec::new();
    let mut keep = |text: String| {
        raw.push(text);
        placeholder(raw.len() - 1)
    };
    // citations and notes are LaTeX already: they ride through the Markdown
    // converter as placeholders
    let texts: Vec<_> = p
        .texts
        .iter()
        .map(|t| super::assemble::RenderedCitation {
            inline: if t.inline.is_empty() {
                String::new()
            } else {
                keep(t.inline.clone())
            },
            note: t.note.as_ref().map(|n| keep(format!("\\footnote{{{n}}}"))),
        })
        .collect();
    let bibliography = if p.bibliography.trim().is_empty() {
        String::new()
    } else {
        let block = format!(
            "\\begingroup\\setlength{{\\parindent}}{{-2em}}\\setlength{{\\leftskip}}{{2em}}\\setlength{{\\parskip}}{{0.4em}}\n{}\n\\par\\endgroup\n",
            p.bibliography.trim()
        );
        format!("\n{}\n", keep(block))
    };
    let with_marks = Pieces {
        texts: &texts,
        ..*p
    };
    let body = marked(&with_marks, |_, note, out| out.push_str(note));
    let heading = p.heading.map(|h| format!("# {h}\n\n"));
    let markdown = place_bibliography(&body, &bibliography, heading.as_deref());
    let converted = convert(&markdown, &|n| raw.get(n).cloned().unwrap_or_default());
    let mut out = String::from(PREAMBLE);
    if let Some(title) = title {
        out.push_str(&format!("\\title{{{}}}\n\\date{{}}\n", escape(title)));
    }
    out.push_str("\\begin{document}\n\n");
    if title.is_some() {
        out.push_str("\\maketitle\n\n");
    }
    out.push_str(&converted);
    out.push_str("\\end{document}\n");
    let warnings = unprintable_warnings(&out);
    (out, warnings)
}

/// A warning for each character of `tex` that a default pdflatex set-up
/// (T1/T2A) cannot print, naming the package that prints it.
pub fn unprintable_warnings(tex: &str) -> Vec<crate::diag::Diagnostic> {
    warnings_for(&tex::unprintable(tex))
}

/// The warnings for characters found by [`tex::unprintable`].
pub fn warnings_for(found: &[(char, &'static str)]) -> Vec<crate::diag::Diagnostic> {
    found
        .iter()
        .map(|&(c, package)| {
            crate::diag::Diagnostic::warning(
                "latex-unprintable",
                format!(
                    "`{c}` (U+{:04X}) has no TeX in a default pdflatex set-up (T1/T2A) and is left as UTF-8: load {package}, or compile with xelatex",
                    c as u32
                ),
            )
        })
        .collect()
}

/// Converts `markdown` to a LaTeX document body; `piece(n)` gives the LaTeX
/// for placeholder `n`.
fn convert(markdown: &str, piece: &dyn Fn(usize) -> String) -> String {
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
            Event::Text(text) => push_text(&mut out, &text, piece),
            Event::Code(code) => out.push_str(&format!("\\texttt{{{}}}", escape(&code))),
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("\\\\\n"),
            Event::Rule => out.push_str("\n\\bigskip\\hrule\\bigskip\n"),
            Event::Html(html) | Event::InlineHtml(html) => {
                for line in html.lines() {
                    out.push_str(&format!("% {}\n", line.trim()));
                }
            }
            _ => {}
        }
    }
    out
}

fn push_text(out: &mut String, text: &str, piece: &dyn Fn(usize) -> String) {
    let mut rest = text;
    while let Some(start) = rest.find('\u{E000}') {
        out.push_str(&escape(&rest[..start]));
        let after = &rest[start + '\u{E000}'.len_utf8()..];
        let Some(end) = after.find('\u{E001}') else {
            rest = after;
            continue;
        };
        if let Ok(n) = after[..end].parse::<usize>() {
            out.push_str(&piece(n));
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
        Tag::Link { dest_url, .. } => format!("\\href{{{}}}{{", url(dest_url)),
        _ => String::new(),
    }
}

/// A URL for `\href`: `%` and `#` escaped, braces and backslashes dropped.
fn url(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '{' | '}' | '\\' => {}
            c => out.push(c),
        }
    }
    out
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
    fn control_characters_are_dropped() {
        assert_eq!(escape("a\u{1b}]0;x\u{7}b\u{9b}\u{0}c"), "a]0;xbc");
    }
    use crate::document::assemble::RenderedCitation;
    use crate::document::{find_citations, LocatorLabels};

    #[test]
    fn footnotes_follow_punctuation_and_text_is_escaped() {
        let doc = "# Intro\n\nSome *text* 50% done [@a].\n\n```\n\\raw{}\n```\n";
        let citations = find_citations(doc, &LocatorLabels::english());
        let texts = vec![RenderedCitation {
            inline: String::new(),
            note: Some("\\textit{A}, 5.".into()),
        }];
        let pieces = Pieces {
            doc,
            citations: &citations,
            texts: &texts,
            bibliography: "B.",
            heading: Some("Bibliography"),
        };
        let (out, unprintable) = document(&pieces, Some("T & U"));
        assert!(out.starts_with("\\documentclass{article}"), "{out}");
        assert!(out.contains("\\title{T \\& U}"), "{out}");
        assert!(out.contains("\\section*{Intro}\n\n"), "{out}");
        assert!(
            out.contains("Some \\emph{text} 50\\% done.\\footnote{\\textit{A}, 5.}"),
            "{out}"
        );
        assert!(out.contains("\\begin{verbatim}\n\\raw{}\n\\end{verbatim}"));
        assert!(out.contains("\\section*{Bibliography}"), "{out}");
        assert!(out.trim_end().ends_with("\\end{document}"));
        assert!(unprintable.is_empty());
    }

    #[test]
    fn escapes_specials() {
        assert_eq!(
            escape("a_b & {c} \\d"),
            "a\\_b \\& \\{c\\} \\textbackslash{}d"
        );
    }
}
