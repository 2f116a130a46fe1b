//! TeX control words that stand for one character or a fixed text: special
//! letters (`\ss`, `\o`, `\i`), symbols (`\textendash`, `\S`) and logos
//! (`\LaTeX`). [`super::tex_decode`] reads them; [`super::tex_encode`] writes the
//! letters back.

/// The text a control word stands for, if it is one of these.
pub fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        // Letters.
        "i" => "ı",
        "j" => "ȷ",
        "ss" => "ß",
        "SS" => "SS",
        "o" => "ø",
        "O" => "Ø",
        "l" => "ł",
        "L" => "Ł",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "aa" => "å",
        "AA" => "Å",
        "dh" => "ð",
        "DH" => "Ð",
        "dj" => "đ",
        "DJ" => "Đ",
        "th" => "þ",
        "TH" => "Þ",
        "ng" => "ŋ",
        "NG" => "Ŋ",
        "textschwa" => "ə",
        "texthtd" => "ɗ",
        "textopeno" => "ɔ",
        "textepsilon" => "ɛ",
        // Punctuation and symbols.
        "textendash" | "dash" => "–",
        // TUGboat's and others' dash macros.
        "Dash" => "—",
        "textemdash" => "—",
        "textquoteleft" => "‘",
        "textquoteright" => "’",
        "textquotedblleft" => "“",
        "textquotedblright" => "”",
        "textquotesingle" => "'",
        "textquotedbl" => "\"",
        "quotedblbase" => "„",
        "quotesinglbase" => "‚",
        "guillemotleft" | "guillemetleft" | "flqq" => "«",
        "guillemotright" | "guillemetright" | "frqq" => "»",
        "guilsinglleft" | "flq" => "‹",
        "guilsinglright" | "frq" => "›",
        "glqq" => "„",
        "grqq" => "“",
        "ldots" | "dots" | "textellipsis" | "dotsc" => "…",
        "textbackslash" | "backslash" => "\\",
        "textasciitilde" => "~",
        "textasciicircum" => "^",
        "textunderscore" => "_",
        "textbraceleft" | "lbrace" => "{",
        "textbraceright" | "rbrace" => "}",
        "textless" => "<",
        "textgreater" => ">",
        "textbar" => "|",
        "textbullet" => "•",
        "textperiodcentered" => "·",
        "textexclamdown" => "¡",
        "textquestiondown" => "¿",
        "S" | "textsection" => "§",
        "P" | "textparagraph" => "¶",
        "copyright" | "textcopyright" => "©",
        "textregistered" => "®",
        "texttrademark" => "™",
        "pounds" | "textsterling" => "£",
        "euro" | "texteuro" => "€",
        "textyen" => "¥",
        "textcent" => "¢",
        "textdollar" => "$",
        "textdegree" | "degree" => "°",
        "textordmasculine" => "º",
        "textordfeminine" => "ª",
        "dag" | "textdagger" => "†",
        "ddag" | "textdaggerdbl" => "‡",
        "textnumero" | "No" => "№",
        "textperthousand" => "‰",
        "textmu" => "µ",
        "texttimes" | "times" => "×",
        "textdiv" => "÷",
        "textpm" | "pm" => "±",
        "textminus" => "−",
        "slash" => "/",
        "textslash" => "/",
        "textasteriskcentered" => "*",
        "textvisiblespace" => "␣",
        "nobreakspace" | "nbsp" => "\u{A0}",
        "thinspace" => "\u{2009}",
        "enspace" | "quad" | "qquad" | "space" | "enskip" | "hfill" => " ",
        // Logos.
        "TeX" => "TeX",
        "LaTeX" => "LaTeX",
        "LaTeXe" => "LaTeX2ε",
        "BibTeX" => "BibTeX",
        "XeTeX" => "XeTeX",
        "XeLaTeX" => "XeLaTeX",
        "LuaTeX" => "LuaTeX",
        "LuaLaTeX" => "LuaLaTeX",
        "ConTeXt" => "ConTeXt",
        "AmS" => "AmS",
        "AMS" => "AMS",
        "MF" => "METAFONT",
        "MP" => "METAPOST",
        "eTeX" => "ε-TeX",
        "pdfTeX" => "pdfTeX",
        "pdfLaTeX" => "pdfLaTeX",
        "BibLaTeX" | "biblatex" => "biblatex",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_logos() {
        assert_eq!(symbol("ss"), Some("ß"));
        assert_eq!(symbol("LaTeX"), Some("LaTeX"));
        assert_eq!(symbol("emph"), None);
    }
}
