//! Folding for search: a text and a query are compared in one caseless,
//! accentless form. Letters lose their case and diacritics (ş → s, ё → е,
//! й → и), Turkish dotless and dotted i meet (I, İ, ı, i → i), ə counts as e,
//! sign marks and apostrophes vanish (Ilʹkham, Il'kham → ilkham), and every other
//! mark or punctuation separates words. So `Isik`, `IŞIK` and `ışık` are one word.

use unicode_normalization::char::decompose_canonical;

/// Appends the folded form of `text` to `out`: lower-case words separated by one
/// space, without a leading or trailing space.
pub fn fold_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c.to_ascii_lowercase());
            } else if c != '\'' && c != '`' {
                pending_space = true;
            }
            continue;
        }
        fold_char(c, out, &mut pending_space);
    }
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn push(out: &mut String, c: char, pending_space: &mut bool) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
    out.push(c);
}

fn fold_char(c: char, out: &mut String, pending_space: &mut bool) {
    match c {
        // Sign marks and apostrophes belong to the word (Il’kham, Ilʹkham).
        'ʹ' | 'ʺ' | 'ʼ' | '’' | '‘' | '´' | '”' | '·' => return,
        'ı' | 'İ' => return push(out, 'i', pending_space),
        'ə' | 'Ə' => return push(out, 'e', pending_space),
        'ß' => {
            push(out, 's', pending_space);
            return out.push('s');
        }
        'đ' | 'Đ' => return push(out, 'd', pending_space),
        'ł' | 'Ł' => return push(out, 'l', pending_space),
        'ø' | 'Ø' => return push(out, 'o', pending_space),
        _ => {}
    }
    if !c.is_alphanumeric() {
        // Combining marks of decomposed input fall away; other marks separate words.
        if !is_combining(c) {
            *pending_space = true;
        }
        return;
    }
    let mut any = false;
    decompose_canonical(c, |part| {
        if !is_combining(part) {
            for lower in part.to_lowercase() {
                push(out, lower, pending_space);
                any = true;
            }
        }
    });
    if !any {
        for lower in c.to_lowercase() {
            push(out, lower, pending_space);
        }
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_diacritics_and_turkish_i_fold_away() {
        assert_eq!(fold("Işık"), "isik");
        assert_eq!(fold("IŞIK"), "isik");
        assert_eq!(fold("ışık"), "isik");
        assert_eq!(fold("Isik"), "isik");
        assert_eq!(fold("İstanbul'da"), "istanbulda");
        assert_eq!(fold("Əliyev"), "eliyev");
        assert_eq!(fold("Ilʹkham Aliev, 1994–2010"), "ilkham aliev 1994 2010");
        assert_eq!(fold("Voennai\u{361}a Ёлка й"), "voennaia елка и");
        assert_eq!(fold("  Ш\u{308}  --x "), "ш x");
    }
}
