//! The text of a file to import, from its bytes: UTF-8 with or without a
//! byte-order mark, UTF-16 (with a mark, or recognised by its zero bytes),
//! and the legacy encodings people still have: a JabRef `% Encoding:` header
//! names one; otherwise Windows-1254 (Turkish) when the bytes of ğ ı İ ş Ş Ğ
//! occur, else Windows-1252 (Latin-1). Any guess is reported, and
//! `--encoding` chooses instead. Decoding is done by `encoding_rs`.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1254};

/// A file's text and, when it was not UTF-8, what it was read as.
#[derive(Debug)]
pub struct Text {
    pub text: String,
    /// The encoding's name when it was guessed (a warning for the user).
    pub guessed: Option<&'static str>,
}

impl Text {
    /// The warning for a guessed encoding, at the start of `path`.
    pub fn warning(&self, path: &std::path::Path) -> Option<crate::diag::Diagnostic> {
        let guessed = self.guessed?;
        Some(
            crate::diag::Diagnostic::warning(
                "encoding",
                format!("the file is not UTF-8; it was read as {guessed}"),
            )
            .with_location(crate::diag::Location::file(path))
            .with_help("give --encoding NAME if that is wrong, or save the file as UTF-8"),
        )
    }
}

/// The encoding for a label (`latin1`, `windows-1254`, `utf-16le` …).
pub fn for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes `bytes`, in `chosen` when given. Bytes that are not valid in the
/// chosen encoding become U+FFFD.
pub fn decode(bytes: &[u8], chosen: Option<&'static Encoding>) -> Text {
    if let Some(encoding) = chosen {
        let (text, _, _) = encoding.decode(bytes);
        return Text {
            text: text.into_owned(),
            guessed: None,
        };
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let guessed = (encoding != UTF_8).then(|| encoding.name());
        return Text {
            text: text.into_owned(),
            guessed,
        };
    }
    let utf16 = utf16(bytes);
    if let (None, Ok(text)) = (utf16, std::str::from_utf8(bytes)) {
        return Text {
            text: text.to_string(),
            guessed: None,
        };
    }
    let encoding = utf16.unwrap_or_else(|| guess(bytes));
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Text {
        text: text.into_owned(),
        guessed: Some(encoding.name()),
    }
}

/// UTF-16 without a byte-order mark: every other byte of text is zero.
fn utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = head.len() / 2;
    if half > 0 && zeros_at(0) * 3 > half {
        return Some(UTF_16BE);
    }
    if half > 0 && zeros_at(1) * 3 > half {
        return Some(UTF_16LE);
    }
    None
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let head = &bytes[..bytes.len().min(4096)];
    if let Some(declared) = declared(head) {
        return declared;
    }
    // ğ Ğ ı İ ş Ş in Windows-1254 are ð Ð ý Ý þ Þ in Windows-1252, rare in
    // the Western languages that 1252 serves.
    let turkish = bytes
        .iter()
        .any(|b| matches!(b, 0xD0 | 0xDD | 0xDE | 0xF0 | 0xFD | 0xFE));
    if turkish {
        WINDOWS_1254
    } else {
        WINDOWS_1252
    }
}

/// JabRef's `% Encoding: windows-1252` header line.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head);
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("% Encoding:"))?;
    for_label(line).filter(|e| *e != UTF_8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_common_encoding() {
        assert_eq!(decode("\u{FEFF}ş".as_bytes(), None).text, "ş");
        assert_eq!(decode("ş".as_bytes(), None).guessed, None);
        let utf16: Vec<u8> = "@a{x}".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let read = decode(&utf16, None);
        assert_eq!(
            (read.text.as_str(), read.guessed),
            ("@a{x}", Some("UTF-16BE"))
        );
        let turkish = [b'D', 0xFD, 0xFE, b'i', 0xFE, b'l', b'e', b'r', b'i'];
        let read = decode(&turkish, None);
        assert_eq!(
            (read.text.as_str(), read.guessed),
            ("Dışişleri", Some("windows-1254"))
        );
        let latin = [b'M', 0xFC, b'n', b'c', b'h', b'e', b'n'];
        assert_eq!(decode(&latin, None).text, "München");
        assert_eq!(decode(&latin, for_label("latin1")).guessed, None);
    }
}
