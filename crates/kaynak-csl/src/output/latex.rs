//! LaTeX backend: `\textit{}`, `\textbf{}`, `\textsc{}`, …; the ten
//! special characters are escaped, and every other character is written so
//! that a default pdflatex set-up with the T1 and T2A font encodings prints
//! it: characters LaTeX defines for T1, T2A, TS1, OT1 and OMS stay as UTF-8
//! (Cyrillic inside `\textcyrillic{…}`, which switches to T2A), others are
//! mapped to TeX (the soft-sign prime ʹ as a math prime, combining accents
//! as accent commands, Greek letters in math mode). What has no TeX in that
//! set-up stays as UTF-8, and [`unprintable`] names it with the package that
//! prints it, for a warning.

use super::{Backend, Span};
use crate::model::Display;

/// The LaTeX backend.
pub struct Latex;

impl Backend for Latex {
    fn escape(&self, text: &str, out: &mut String) {
        escape(text, out)
    }

    fn open(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Italic => "\\textit{",
            Span::NormalStyle => "\\textup{",
            Span::Bold => "\\textbf{",
            Span::NormalWeight | Span::Light => "\\textmd{",
            Span::SmallCaps => "\\textsc{",
            Span::NormalVariant => "\\textnormal{",
            Span::Underline => "\\underline{",
            Span::Superscript => "\\textsuperscript{",
            Span::Subscript => "\\textsubscript{",
            Span::Baseline => "{",
            Span::Display(Display::Block | Display::Indent) => "\\par{}",
            Span::Display(_) => "",
        })
    }

    fn close(&self, span: Span, out: &mut String) {
        out.push_str(match span {
            Span::Display(Display::LeftMargin) => " ",
            Span::Display(Display::Block | Display::Indent) => "\\par{}",
            Span::Display(_) => "",
            _ => "}",
        })
    }
}

/// Writes `text` as LaTeX: specials escaped, Cyrillic runs in
/// `\textcyrillic{…}`, characters outside the default encodings mapped.
pub fn escape(text: &str, out: &mut String) {
    let mut chars = text.chars().peekable();
    let mut cyrillic = false;
    while let Some(c) = chars.next() {
        if is_cyrillic(c) && !cyrillic {
            out.push_str("\\textcyrillic{");
            cyrillic = true;
        } else if cyrillic && c.is_alphabetic() && !is_cyrillic(c) && !is_combining(c) {
            out.push('}');
            cyrillic = false;
        }
        // a letter with combining accents after it becomes accent commands
        if chars.peek().is_some_and(|n| accent_command(*n).is_some()) && !is_combining(c) {
            push_accented(c, &mut chars, out);
            continue;
        }
        push_char(c, out);
    }
    if cyrillic {
        out.push('}');
    }
}

fn push_char(c: char, out: &mut String) {
    match c {
        '\\' => out.push_str("\\textbackslash{}"),
        '~' => out.push_str("\\textasciitilde{}"),
        '^' => out.push_str("\\textasciicircum{}"),
        '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
            out.push('\\');
            out.push(c);
        }
        '\u{a0}' => out.push('~'),
        // Control characters (NUL, ESC, BEL, C1 …) have no meaning in TeX
        // and must not reach a terminal through a log: dropped.
        '\t' => out.push(' '),
        c if c.is_control() && c != '\n' => {}
        c if c.is_ascii() || is_defined(c) => out.push(c),
        c => match mapped(c) {
            Some(tex) => out.push_str(tex),
            None => out.push(c),
        },
    }
}

/// `c` followed by combining marks: `\'{e}`, `\t{ts}` (a tie over two letters).
fn push_accented(c: char, chars: &mut std::iter::Peekable<std::str::Chars>, out: &mut String) {
    let mut base = String::new();
    push_char(c, &mut base);
    while let Some(command) = chars.peek().and_then(|n| accent_command(*n)) {
        chars.next();
        if command == "t" {
            // the tie joins this letter and the next
            if let Some(next) = chars.next() {
                push_char(next, &mut base);
            }
        }
        base = format!("\\{command}{{{base}}}");
    }
    out.push_str(&base);
}

/// The accent command for a combining mark LaTeX's text fonts can draw
/// (the tie, `\t`, included: the backend writes it over the letter before).
fn accent_command(c: char) -> Option<&'static str> {
    if kaynak_text::tex::is_tie(c) {
        return Some("t");
    }
    kaynak_text::tex::accent_command(c)
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52F}').contains(&c)
}

/// TeX for characters the default encodings lack.
fn mapped(c: char) -> Option<&'static str> {
    Some(match c {
        // ALA-LC's soft and hard signs, and the primes
        '\u{2B9}' | '\u{2032}' => "\\ensuremath{^{\\prime}}",
        '\u{2BA}' | '\u{2033}' => "\\ensuremath{^{\\prime\\prime}}",
        '\u{2BC}' => "\\textquoteright{}",
        '\u{2BB}' => "\\textquoteleft{}",
        '\u{2009}' | '\u{202F}' => "\\,",
        '\u{2002}' | '\u{2003}' | '\u{2007}' | '\u{2008}' => "\\ ",
        '\u{200B}' => "\\hspace{0pt}",
        '\u{2060}' | '\u{FEFF}' | '\u{200C}' | '\u{200D}' => "",
        '\u{2212}' => "\\ensuremath{-}",
        '\u{2192}' => "\\ensuremath{\\rightarrow}",
        '\u{2190}' => "\\ensuremath{\\leftarrow}",
        '\u{2264}' => "\\ensuremath{\\leq}",
        '\u{2265}' => "\\ensuremath{\\geq}",
        '\u{2248}' => "\\ensuremath{\\approx}",
        '\u{221E}' => "\\ensuremath{\\infty}",
        c => return greek(c),
    })
}

/// Greek letters LaTeX's math fonts draw (capitals that look Latin are not
/// among them).
fn greek(c: char) -> Option<&'static str> {
    const LOWER_TEX: [&str; 25] = [
        "\\ensuremath{\\alpha}",
        "\\ensuremath{\\beta}",
        "\\ensuremath{\\gamma}",
        "\\ensuremath{\\delta}",
        "\\ensuremath{\\epsilon}",
        "\\ensuremath{\\zeta}",
        "\\ensuremath{\\eta}",
        "\\ensuremath{\\theta}",
        "\\ensuremath{\\iota}",
        "\\ensuremath{\\kappa}",
        "\\ensuremath{\\lambda}",
        "\\ensuremath{\\mu}",
        "\\ensuremath{\\nu}",
        "\\ensuremath{\\xi}",
        "\\ensuremath{o}",
        "\\ensuremath{\\pi}",
        "\\ensuremath{\\rho}",
        "\\ensuremath{\\varsigma}",
        "\\ensuremath{\\sigma}",
        "\\ensuremath{\\tau}",
        "\\ensuremath{\\upsilon}",
        "\\ensuremath{\\phi}",
        "\\ensuremath{\\chi}",
        "\\ensuremath{\\psi}",
        "\\ensuremath{\\omega}",
    ];
    match c {
        'α'..='ω' => LOWER_TEX.get(c as usize - 'α' as usize).copied(),
        'Γ' => Some("\\ensuremath{\\Gamma}"),
        'Δ' => Some("\\ensuremath{\\Delta}"),
        'Θ' => Some("\\ensuremath{\\Theta}"),
        'Λ' => Some("\\ensuremath{\\Lambda}"),
        'Ξ' => Some("\\ensuremath{\\Xi}"),
        'Π' => Some("\\ensuremath{\\Pi}"),
        'Σ' => Some("\\ensuremath{\\Sigma}"),
        'Υ' => Some("\\ensuremath{\\Upsilon}"),
        'Φ' => Some("\\ensuremath{\\Phi}"),
        'Ψ' => Some("\\ensuremath{\\Psi}"),
        'Ω' => Some("\\ensuremath{\\Omega}"),
        _ => None,
    }
}

/// Whether LaTeX's UTF-8 input defines `c` once the T1, T2A, TS1, OT1 and
/// OMS encodings are loaded (from the `\DeclareUnicodeCharacter` lines of
/// t1enc.dfu, t2aenc.dfu, ts1enc.dfu, ot1enc.dfu and omsenc.dfu).
fn is_defined(c: char) -> bool {
    let code = c as u32;
    let after = DEFINED.partition_point(|(start, _)| *start <= code);
    after > 0 && code <= DEFINED[after - 1].1
}

/// Inclusive ranges of the code points above U+007F that LaTeX defines.
const DEFINED: &[(u32, u32)] = &[
    (0x00A0, 0x0125),
    (0x0128, 0x0137),
    (0x0139, 0x013E),
    (0x0141, 0x0148),
    (0x014A, 0x0165),
    (0x0168, 0x017E),
    (0x0192, 0x0192),
    (0x01C4, 0x01D4),
    (0x01E2, 0x01E3),
    (0x01E6, 0x01EB),
    (0x01F0, 0x01F0),
    (0x01F4, 0x01F5),
    (0x0218, 0x021B),
    (0x0232, 0x0233),
    (0x0237, 0x0237),
    (0x02C7, 0x02C7),
    (0x02D8, 0x02D9),
    (0x02DB, 0x02DB),
    (0x02DD, 0x02DD),
    (0x0400, 0x045F),
    (0x0490, 0x0493),
    (0x0496, 0x049D),
    (0x04A0, 0x04A5),
    (0x04AA, 0x04AB),
    (0x04AE, 0x04B3),
    (0x04B6, 0x04BB),
    (0x04C0, 0x04C2),
    (0x04D0, 0x04DF),
    (0x04E2, 0x04E9),
    (0x04EC, 0x04F5),
    (0x04F8, 0x04F9),
    (0x0E3F, 0x0E3F),
    (0x1E02, 0x1E03),
    (0x1E0D, 0x1E0D),
    (0x1E1E, 0x1E21),
    (0x1E25, 0x1E25),
    (0x1E30, 0x1E31),
    (0x1E37, 0x1E37),
    (0x1E43, 0x1E43),
    (0x1E45, 0x1E45),
    (0x1E47, 0x1E47),
    (0x1E5B, 0x1E5B),
    (0x1E63, 0x1E63),
    (0x1E6D, 0x1E6D),
    (0x1E8E, 0x1E91),
    (0x1E9E, 0x1E9E),
    (0x1EF2, 0x1EF3),
    (0x200C, 0x200C),
    (0x2010, 0x2016),
    (0x2018, 0x201A),
    (0x201C, 0x201E),
    (0x2020, 0x2022),
    (0x2030, 0x2031),
    (0x2039, 0x203B),
    (0x203D, 0x203D),
    (0x2044, 0x2044),
    (0x204E, 0x204E),
    (0x2052, 0x2052),
    (0x20A1, 0x20A1),
    (0x20A4, 0x20A4),
    (0x20A6, 0x20A6),
    (0x20A9, 0x20A9),
    (0x20AB, 0x20AC),
    (0x20B1, 0x20B1),
    (0x2103, 0x2103),
    (0x2116, 0x2117),
    (0x211E, 0x211E),
    (0x2120, 0x2120),
    (0x2122, 0x2122),
    (0x2126, 0x2127),
    (0x212E, 0x212E),
    (0x2190, 0x2193),
    (0x2329, 0x232A),
    (0x2422, 0x2423),
    (0x25E6, 0x25E6),
    (0x25EF, 0x25EF),
    (0x266A, 0x266A),
    (0x27E8, 0x27E9),
    (0x3008, 0x3009),
    (0xFB00, 0xFB06),
    (0xFEFF, 0xFEFF),
];

/// Each character of `text` that a default pdflatex set-up (T1/T2A) cannot
/// print even after [`escape`], once, with the package that prints it.
pub fn unprintable(text: &str) -> Vec<(char, &'static str)> {
    let mut found: Vec<(char, &'static str)> = Vec::new();
    for c in text.chars() {
        if c.is_ascii()
            || is_defined(c)
            || mapped(c).is_some()
            || accent_command(c).is_some()
            || found.iter().any(|(f, _)| *f == c)
        {
            continue;
        }
        found.push((c, package_for(c)));
    }
    found
}

/// The package (or engine) that prints `c`.
fn package_for(c: char) -> &'static str {
    match c {
        'ɐ'..='ʯ' => "tipa (e.g. \\textschwa)",
        'Ə' => "tipx or a Unicode engine (xelatex, lualatex) with a font that has it",
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => "babel's greek (LGR font encoding)",
        '\u{590}'..='\u{5FF}' => "babel's hebrew",
        '\u{600}'..='\u{6FF}' => "arabtex or a Unicode engine (xelatex with polyglossia)",
        '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' => "CJKutf8",
        '\u{1F300}'..='\u{1FAFF}' => "a Unicode engine (xelatex, lualatex) with an emoji font",
        _ => "a Unicode engine (xelatex, lualatex) with a font that has it",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_never_reach_latex() {
        use crate::output::{render, Format, Inline};
        let text = Inline::Text("A\u{1b}]52;c;aGk=\u{7}B\u{9b}31m\tC\u{0}".into());
        assert_eq!(render(&text, Format::Latex), "A]52;c;aGk=B31m C");
    }

    use super::*;

    fn tex(text: &str) -> String {
        let mut out = String::new();
        escape(text, &mut out);
        out
    }

    #[test]
    fn specials_and_mapped_characters() {
        assert_eq!(tex("50% & $x_1$"), "50\\% \\& \\$x\\_1\\$");
        assert_eq!(tex("Obʹiavlenie"), "Ob\\ensuremath{^{\\prime}}iavlenie");
        assert_eq!(tex("Dışişleri İstanbul"), "Dışişleri İstanbul");
        assert_eq!(tex("t\u{361}sar"), "\\t{ts}ar");
        assert_eq!(tex("e\u{301}"), "\\'{e}");
        assert_eq!(tex("β-test"), "\\ensuremath{\\beta}-test");
    }

    #[test]
    fn cyrillic_runs_switch_encoding() {
        assert_eq!(
            tex("Ниязов, Н.С. and Smith"),
            "\\textcyrillic{Ниязов, Н.С. }and Smith"
        );
        assert_eq!(tex("«Развитие»"), "«\\textcyrillic{Развитие»}");
    }

    #[test]
    fn unprintable_characters_are_named_with_a_package() {
        assert_eq!(
            unprintable("Əliyev və Ниязов ʹ"),
            vec![
                (
                    'Ə',
                    "tipx or a Unicode engine (xelatex, lualatex) with a font that has it"
                ),
                ('ə', "tipa (e.g. \\textschwa)")
            ]
        );
        assert!(unprintable("Dışişleri, «Ниязов» — № 5").is_empty());
    }

    #[test]
    fn the_table_is_sorted() {
        assert!(DEFINED.windows(2).all(|w| w[0].1 < w[1].0));
        assert!(is_defined('ş') && is_defined('Ж') && !is_defined('ə'));
    }
}
