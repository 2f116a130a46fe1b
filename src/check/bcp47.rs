//! BCP 47 (RFC 5646) language tags: a syntax check of the `langtag`
//! production — language (2–3 letters with up to three extended subtags, or
//! 4–8 letters), script (4 letters), region (2 letters or 3 digits), variants,
//! extensions, private use — plus the private-use and irregular grandfathered
//! forms. [`KNOWN_LANGUAGES`] lists primary subtags for a plausibility check.

/// The parts of a well-formed tag that checks care about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tag {
    /// The primary language subtag, lower case (empty for private-use tags).
    pub language: String,
    /// The script subtag in title case (`Cyrl`), if any.
    pub script: Option<String>,
}

/// The ISO 639-1 codes, and ISO 639-2/3 codes common in bibliographies of the
/// Turkic, Slavic and neighbouring literatures.
pub const KNOWN_LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu", // ISO 639-2/3 below.
    "ady", "alt", "ang", "arc", "ast", "azb", "bua", "chm", "ckb", "cop", "crh", "dar", "dng",
    "enm", "fil", "frm", "fro", "gag", "gmh", "goh", "grc", "haw", "hsb", "dsb", "inh", "kaa",
    "kbd", "krc", "kum", "lez", "mdf", "myv", "nog", "non", "ota", "peo", "sah", "sga", "syc",
    "tyv", "udm", "yue", "cmn", "und", "mul", "zxx", "mis",
];

/// Checks `tag`; the error says what is wrong in words.
pub fn parse(tag: &str) -> Result<Tag, String> {
    if tag.is_empty() {
        return Err("the language tag is empty".into());
    }
    if tag.contains('_') {
        return Err(format!(
            "`{tag}` uses `_`; BCP 47 separates subtags with `-`"
        ));
    }
    let lower = tag.to_ascii_lowercase();
    if IRREGULAR.contains(&lower.as_str()) || lower.starts_with("x-") {
        return private_or_irregular(&lower);
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if let Some(bad) = subtags
        .iter()
        .find(|s| s.is_empty() || s.len() > 8 || !s.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Err(format!(
            "`{tag}`: the subtag `{bad}` must be 1–8 ASCII letters or digits"
        ));
    }
    Parser {
        tag,
        subtags,
        at: 0,
    }
    .langtag()
}

/// Irregular grandfathered tags (RFC 5646 section 2.2.8).
const IRREGULAR: &[&str] = &[
    "en-gb-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-be-fr",
    "sgn-be-nl",
    "sgn-ch-de",
];

fn private_or_irregular(lower: &str) -> Result<Tag, String> {
    if IRREGULAR.contains(&lower) {
        return Ok(Tag::default());
    }
    let ok = lower
        .split('-')
        .skip(1)
        .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok && lower.len() > 2 {
        Ok(Tag::default())
    } else {
        Err(format!(
            "`{lower}`: a private-use tag is x- followed by subtags of 1–8 letters or digits"
        ))
    }
}

struct Parser<'a> {
    tag: &'a str,
    subtags: Vec<&'a str>,
    at: usize,
}

fn alpha(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphabetic())
}

fn digits(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_digit())
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.subtags.get(self.at).copied()
    }

    fn take_if(&mut self, test: impl Fn(&str) -> bool) -> Option<String> {
        let s = self.peek().filter(|s| test(s))?;
        self.at += 1;
        Some(s.to_string())
    }

    fn langtag(mut self) -> Result<Tag, String> {
        let language = self.language()?;
        let script = self.take_if(|s| s.len() == 4 && alpha(s)).map(|s| {
            let mut c = s.to_ascii_lowercase();
            c[..1].make_ascii_uppercase();
            c
        });
        self.take_if(|s| (s.len() == 2 && alpha(s)) || (s.len() == 3 && digits(s)));
        self.variants()?;
        self.extensions()?;
        match self.peek() {
            None => Ok(Tag { language, script }),
            Some(s) => Err(format!("`{}`: the subtag `{s}` is out of place (order: language-script-region-variant-extension)", self.tag)),
        }
    }

    fn language(&mut self) -> Result<String, String> {
        let first = self.peek().unwrap_or("");
        if !alpha(first) || !(2..=3).contains(&first.len()) {
            // 4-letter subtags are reserved and no 5–8-letter one is registered.
            return Err(format!(
                "`{}`: `{first}` is not a language subtag (2–3 letters, e.g. en, tr, ru)",
                self.tag
            ));
        }
        self.at += 1;
        for _ in 0..3 {
            if self.take_if(|s| s.len() == 3 && alpha(s)).is_none() {
                break;
            }
        }
        Ok(first.to_ascii_lowercase())
    }

    fn variants(&mut self) -> Result<(), String> {
        let mut seen: Vec<String> = Vec::new();
        while let Some(v) = self.take_if(|s| {
            (5..=8).contains(&s.len())
                || (s.len() == 4 && s.starts_with(|c: char| c.is_ascii_digit()))
        }) {
            let v = v.to_ascii_lowercase();
            if seen.contains(&v) {
                return Err(format!("`{}`: the variant `{v}` appears twice", self.tag));
            }
            seen.push(v);
        }
        Ok(())
    }

    fn extensions(&mut self) -> Result<(), String> {
        let mut singletons: Vec<char> = Vec::new();
        while let Some(s) = self.peek().filter(|s| s.len() == 1) {
            let singleton = s.chars().next().unwrap_or('x').to_ascii_lowercase();
            self.at += 1;
            if singleton == 'x' {
                return self.private_use();
            }
            if singletons.contains(&singleton) {
                return Err(format!(
                    "`{}`: the extension `{singleton}` appears twice",
                    self.tag
                ));
            }
            singletons.push(singleton);
            let start = self.at;
            while self.take_if(|s| (2..=8).contains(&s.len())).is_some() {}
            if self.at == start {
                return Err(format!(
                    "`{}`: the extension `{singleton}` has no subtags",
                    self.tag
                ));
            }
        }
        Ok(())
    }

    fn private_use(&mut self) -> Result<(), String> {
        if self.at >= self.subtags.len() {
            return Err(format!(
                "`{}`: `x` must be followed by private-use subtags",
                self.tag
            ));
        }
        self.at = self.subtags.len();
        Ok(())
    }
}

/// True when the primary language subtag is in [`KNOWN_LANGUAGES`].
pub fn is_known(language: &str) -> bool {
    // A set built once: every record's `language` is looked up here.
    static KNOWN: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    KNOWN
        .get_or_init(|| KNOWN_LANGUAGES.iter().copied().collect())
        .contains(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_well_formed_tags() {
        for good in [
            "en",
            "tr",
            "ru",
            "en-US",
            "sr-Cyrl",
            "sr-Latn-RS",
            "az-Cyrl-AZ",
            "es-419",
            "zh-yue-HK",
            "de-CH-1901",
            "sl-rozaj-biske",
            "en-a-bbb-x-a-ccc",
            "x-private",
            "i-klingon",
            "ota",
            "ru-Latn-alalc97",
            "en-US-u-ca-gregory",
        ] {
            assert!(parse(good).is_ok(), "{good}: {:?}", parse(good));
        }
        let tag = parse("sr-latn-RS").unwrap();
        assert_eq!(tag.language, "sr");
        assert_eq!(tag.script.as_deref(), Some("Latn"));
    }

    #[test]
    fn rejects_malformed_tags() {
        for bad in [
            "",
            "english",
            "e",
            "en_US",
            "en-",
            "-en",
            "en--US",
            "en-US-US",
            "123",
            "de-1901-1901",
            "en-a-x",
            "en-a",
            "en-x",
            "toolongsubtag",
            "ru-Cyrl-Latn",
            "tr TR",
        ] {
            assert!(parse(bad).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn knows_common_languages() {
        assert!(is_known("tr") && is_known("ru") && is_known("ota"));
        assert!(!is_known("qq"));
    }
}
