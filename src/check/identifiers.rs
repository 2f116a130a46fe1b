//! Identifiers: URL syntax, DOI syntax (and DOIs written as resolver URLs),
//! ISBN-10/13 and ISSN check digits, page ranges (order, hyphen vs en dash).
//! The check-digit arithmetic is that of ISO 2108 and ISO 3297.

use super::rules::{rules, Rule};
use super::{quote, RecordCx};
use crate::diag::{Edit, Fix, Span};

rules! {
    family: "identifiers", record: check;

    /// A `URL` that is not a web address: no scheme (`www.example.org`), a
    /// scheme that is not http, https or ftp, no host, or spaces (write them as
    /// `%20`). Styles print it as a link that would not open.
    INVALID_URL {
        id: "invalid-url",
        severity: Error,
        summary: "a URL lacks a scheme or host, or contains spaces",
    }

    /// A `DOI` is `10.` and a registrant number, a slash, and a suffix
    /// (`10.1000/xyz123`). Anything else will not resolve.
    INVALID_DOI {
        id: "invalid-doi",
        severity: Error,
        summary: "a DOI does not have the form 10.NNNN/suffix",
    }

    /// The DOI is pasted as a link (`https://doi.org/10.…`) or with a `doi:`
    /// prefix. Styles add the resolver themselves, so it would be printed
    /// twice; the field holds the bare DOI.
    DOI_AS_URL {
        id: "doi-as-url",
        severity: Warning,
        summary: "a DOI is written as a resolver URL or with a doi: prefix",
        fix: "writes the bare DOI",
    }

    /// An ISBN-10 or ISBN-13 (or one of a `;`-separated list) has the wrong
    /// number of digits or a wrong check digit (ISO 2108): a typo. Copy it
    /// again from the copyright page.
    INVALID_ISBN {
        id: "invalid-isbn",
        severity: Error,
        summary: "an ISBN has the wrong length or check digit",
    }

    /// An ISSN is `NNNN-NNNC` with a check digit (ISO 3297); this one is not.
    INVALID_ISSN {
        id: "invalid-issn",
        severity: Error,
        summary: "an ISSN has the wrong form or check digit",
    }

    /// A numeric page range ends before it starts (`120–110`). Abbreviated
    /// ends are understood: `321–28` is 321–328.
    PAGE_RANGE_ORDER {
        id: "page-range-order",
        severity: Error,
        summary: "a page range ends before it starts",
    }

    /// A range of pages is joined by an en dash (`101–120`), not a hyphen;
    /// styles print what the record holds.
    PAGE_RANGE_HYPHEN {
        id: "page-range-hyphen",
        severity: Warning,
        summary: "a page range uses a hyphen where an en dash belongs",
        fix: "joins the ranges with en dashes",
    }
}

/// Prefixes under which people paste DOIs; `--fix` strips them.
pub const DOI_PREFIXES: &[&str] = &[
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi.org/",
    "doi:",
    "DOI:",
    "doi: ",
    "DOI ",
];

/// The DOI without a resolver prefix, when it has one.
pub fn strip_doi_prefix(doi: &str) -> Option<&str> {
    DOI_PREFIXES
        .iter()
        .find_map(|p| doi.strip_prefix(p))
        .map(str::trim_start)
}

pub fn check(cx: &mut RecordCx) {
    let entry = cx.entry;
    for (name, field) in &entry.texts {
        let value = field.value.original.as_str();
        let problem = match *name {
            "URL" => url_problem(value).map(|p| Finding {
                rule: &INVALID_URL,
                message: p,
                help: "write the full address, e.g. https://example.org/page (spaces as %20)"
                    .into(),
                repaired: None,
            }),
            "DOI" => doi_finding(value),
            "ISBN" => isbn_problem(value).map(|p| Finding {
                rule: &INVALID_ISBN,
                message: p,
                help: "copy the ISBN again from the book's copyright page".into(),
                repaired: None,
            }),
            "ISSN" => issn_problem(value).map(|p| Finding {
                rule: &INVALID_ISSN,
                message: p,
                help: "copy the ISSN again (NNNN-NNNC), e.g. from the ISSN portal".into(),
                repaired: None,
            }),
            "page" => page_finding(value),
            _ => None,
        };
        if let Some(found) = problem {
            let fix = found
                .repaired
                .and_then(|new| replace_string(cx, name, field.span, value, &new));
            let message = format!("`{name}`: {}", found.message);
            cx.report_fixed(found.rule, field.span, message, found.help, fix);
        }
    }
}

/// A problem with one identifier, and its repaired value when there is a safe one.
struct Finding {
    rule: &'static Rule,
    message: String,
    help: String,
    repaired: Option<String>,
}

/// The fix that writes `new` in place of the string `old` at `span`; `None`
/// when the value there is not a plain string (a table of forms is left to
/// the user).
fn replace_string(cx: &mut RecordCx, name: &str, span: Span, old: &str, new: &str) -> Option<Fix> {
    let written = cx.text().get(span.start()..span.end())?;
    if !written.starts_with(['"', '\'']) {
        return None;
    }
    let description = format!("{name}: {} → {}", quote(old), quote(new));
    Some(Fix::one(Edit::new(span, quote(new), description)))
}

fn doi_finding(value: &str) -> Option<Finding> {
    if let Some(bare) = strip_doi_prefix(value) {
        if doi_problem(bare).is_none() {
            return Some(Finding {
                rule: &DOI_AS_URL,
                message: format!("the DOI is written as `{value}`"),
                help: format!(
                    "write the DOI alone: DOI = \"{bare}\" (kaynak check --fix does this)"
                ),
                repaired: Some(bare.to_string()),
            });
        }
    }
    doi_problem(value).map(|p| Finding {
        rule: &INVALID_DOI,
        message: p,
        help: "a DOI looks like 10.1000/xyz123: the prefix 10.NNNN, a slash, then the suffix"
            .into(),
        repaired: None,
    })
}

fn page_finding(value: &str) -> Option<Finding> {
    for range in value.split([',', '&']) {
        let Some((start, end, hyphen)) = page_range(range.trim()) else {
            continue;
        };
        if expand_page(start, end) < parse_page(start) {
            return Some(Finding {
                rule: &PAGE_RANGE_ORDER,
                message: format!("the range `{}` ends before it starts", range.trim()),
                help: "write the first page first, e.g. 101–120".into(),
                repaired: None,
            });
        }
        if hyphen {
            let dashed = en_dash_pages(value);
            return Some(Finding {
                rule: &PAGE_RANGE_HYPHEN,
                message: format!("`{}` joins a range with a hyphen", range.trim()),
                help: format!("use an en dash: page = \"{dashed}\" (kaynak check --fix does this)"),
                repaired: Some(dashed),
            });
        }
    }
    None
}

/// Why `url` is not a usable web address, if it is not.
pub fn url_problem(url: &str) -> Option<String> {
    if url.chars().any(char::is_whitespace) {
        return Some("the URL contains spaces".into());
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some("the URL has no scheme (https://)".into());
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    if !scheme_ok {
        return Some(format!("`{scheme}` is not a URL scheme"));
    }
    if !matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "ftp"
    ) {
        return Some(format!(
            "the scheme `{scheme}` is not a web address (http, https or ftp)"
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => host_port,
    };
    host_problem(host)
}

fn host_problem(host: &str) -> Option<String> {
    if host.is_empty() {
        return Some("the URL has no host".into());
    }
    if host == "localhost" || host.starts_with('[') {
        return None;
    }
    let labels_ok = host.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    if !labels_ok || !host.contains('.') {
        return Some(format!("`{host}` is not a host name"));
    }
    None
}

/// Why `doi` is not a DOI (`10.` registrant `/` suffix), if it is not.
pub fn doi_problem(doi: &str) -> Option<String> {
    let Some((prefix, suffix)) = doi.split_once('/') else {
        return Some(format!("`{doi}` has no `/` between prefix and suffix"));
    };
    let registrant = prefix.strip_prefix("10.");
    let registrant_ok = registrant.is_some_and(|r| {
        !r.is_empty()
            && r.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    });
    if !registrant_ok {
        return Some(format!(
            "`{prefix}` is not a DOI prefix (10. followed by digits)"
        ));
    }
    if suffix.is_empty() || suffix.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("the DOI suffix is empty or contains spaces".into());
    }
    None
}

/// Why an ISBN (or a `;`/`,`-separated list) is wrong, if it is.
pub fn isbn_problem(value: &str) -> Option<String> {
    value
        .split([';', ','])
        .find_map(|one| one_isbn_problem(one.trim()))
}

fn one_isbn_problem(one: &str) -> Option<String> {
    let chars: Vec<char> = one
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{2010}'))
        .collect();
    let digits: Option<Vec<u32>> = chars
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            'X' | 'x' if i == 9 && chars.len() == 10 => Some(10),
            c => c.to_digit(10),
        })
        .collect();
    let Some(digits) = digits else {
        return Some(format!(
            "`{one}` contains characters other than digits, hyphens and a final X"
        ));
    };
    let valid = match digits.len() {
        // ISBN-10: weights 10…1, the sum divisible by 11.
        10 => {
            digits
                .iter()
                .zip((1..=10).rev())
                .map(|(d, w)| d * w)
                .sum::<u32>()
                % 11
                == 0
        }
        // ISBN-13: weights 1, 3, 1, 3 …, the sum divisible by 10.
        13 => {
            let weighted = digits
                .iter()
                .enumerate()
                .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 });
            weighted.sum::<u32>() % 10 == 0
        }
        n => return Some(format!("`{one}` has {n} digits; an ISBN has 10 or 13")),
    };
    (!valid).then(|| format!("`{one}` has a wrong check digit"))
}

/// Why an ISSN (or a list) is wrong, if it is.
pub fn issn_problem(value: &str) -> Option<String> {
    value.split([';', ',']).find_map(|one| {
        let one = one.trim();
        let chars: Vec<char> = one.chars().filter(|c| *c != '-').collect();
        let shape = chars.len() == 8
            && chars[..7].iter().all(char::is_ascii_digit)
            && (chars[7].is_ascii_digit() || chars[7] == 'X' || chars[7] == 'x');
        if !shape {
            return Some(format!("`{one}` is not of the form NNNN-NNNC"));
        }
        let sum: u32 = chars[..7]
            .iter()
            .zip((2..=8).rev())
            .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
            .sum();
        let check = (11 - sum % 11) % 11;
        let given = chars[7].to_digit(10).unwrap_or(10);
        (check != given).then(|| format!("`{one}` has a wrong check digit"))
    })
}

/// A numeric page range `start`–`end`: its ends and whether it uses a hyphen.
fn page_range(range: &str) -> Option<(&str, &str, bool)> {
    let (start, end, hyphen) = if let Some((a, b)) = range.split_once('\u{2013}') {
        (a, b, false)
    } else if let Some((a, b)) = range.split_once("--") {
        (a, b, true)
    } else {
        let (a, b) = range.split_once('-')?;
        (a, b, true)
    };
    let (start, end) = (start.trim(), end.trim());
    let numeric = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    (numeric(start) && numeric(end)).then_some((start, end, hyphen))
}

fn parse_page(s: &str) -> u64 {
    s.parse().unwrap_or(0)
}

/// The end page, expanding abbreviated ends (`321-28` means 321–328).
fn expand_page(start: &str, end: &str) -> u64 {
    if end.len() < start.len() {
        let prefix = &start[..start.len() - end.len()];
        return parse_page(&format!("{prefix}{end}"));
    }
    parse_page(end)
}

/// `value` with every numeric hyphenated range joined by an en dash instead.
pub fn en_dash_pages(value: &str) -> String {
    let parts: Vec<String> = value
        .split_inclusive([',', '&'])
        .map(|part| {
            let (body, sep) = match part.char_indices().last() {
                Some((i, c)) if c == ',' || c == '&' => (&part[..i], &part[i..]),
                _ => (part, ""),
            };
            match page_range(body.trim()) {
                Some((start, end, true)) => {
                    let lead = &body[..body.len() - body.trim_start().len()];
                    let trail = &body[body.trim_end().len()..];
                    format!("{lead}{start}\u{2013}{end}{trail}{sep}")
                }
                _ => part.to_string(),
            }
        })
        .collect();
    parts.concat()
}

#[cfg(test)]
mod tests {
    use super::super::testing::fires;
    use super::*;

    fn doc(extra: &str) -> String {
        format!("type = \"document\"\ntitle = \"T\"\nissued = \"2001\"\n{extra}")
    }

    #[test]
    fn urls() {
        for good in [
            "https://example.org/",
            "http://a.b.c/x?y=1#z",
            "https://user@host.example:8080/p",
            "http://localhost/x",
            "https://ağ.example.tr/",
        ] {
            assert_eq!(url_problem(good), None, "{good}");
        }
        for bad in [
            "example.org",
            "https://",
            "https://exa mple.org",
            "mailto://x",
            "https://nodot/",
            "https://-bad-.org",
        ] {
            assert!(url_problem(bad).is_some(), "{bad}");
        }
        assert!(fires(&doc("URL = \"www.example.org\"\n"), "invalid-url"));
        assert!(!fires(
            &doc("URL = \"https://www.example.org\"\n"),
            "invalid-url"
        ));
    }

    #[test]
    fn dois() {
        assert_eq!(doi_problem("10.1000/xyz123"), None);
        assert_eq!(doi_problem("10.1000.10/a(b)c"), None);
        for bad in [
            "10.1000",
            "11.1000/x",
            "10./x",
            "10.1000/",
            "10.abc/x",
            "10.1000/a b",
        ] {
            assert!(doi_problem(bad).is_some(), "{bad}");
        }
        assert!(fires(
            &doc("DOI = \"https://doi.org/10.1000/x\"\n"),
            "doi-as-url"
        ));
        assert!(fires(&doc("DOI = \"doi:10.1000/x\"\n"), "doi-as-url"));
        assert!(fires(&doc("DOI = \"1000/x\"\n"), "invalid-doi"));
        assert!(!fires(&doc("DOI = \"10.1000/x\"\n"), "invalid-doi"));
        assert!(!fires(&doc("DOI = \"10.1000/x\"\n"), "doi-as-url"));
    }

    #[test]
    fn isbns_and_issns() {
        for good in [
            "0-306-40615-2",
            "978-0-306-40615-7",
            "0-8044-2957-X",
            "9780306406157; 0306406152",
        ] {
            assert_eq!(isbn_problem(good), None, "{good}");
        }
        for bad in [
            "0-306-40615-3",
            "978-0-306-40615-8",
            "12345",
            "ISBN 0306406152",
        ] {
            assert!(isbn_problem(bad).is_some(), "{bad}");
        }
        for good in ["0378-5955", "2049-3630", "0000-006X"] {
            assert_eq!(issn_problem(good), None, "{good}");
        }
        for bad in ["0378-5954", "378-5955", "ABCD-EFGH"] {
            assert!(issn_problem(bad).is_some(), "{bad}");
        }
        assert!(fires(&doc("ISBN = \"0-306-40615-3\"\n"), "invalid-isbn"));
        assert!(fires(&doc("ISSN = \"0378-5954\"\n"), "invalid-issn"));
        assert!(!fires(
            &doc("ISSN = \"0378-5955\"\nISBN = \"0-306-40615-2\"\n"),
            "invalid-issn"
        ));
    }

    #[test]
    fn page_ranges() {
        assert!(fires(&doc("page = \"120–110\"\n"), "page-range-order"));
        assert!(!fires(&doc("page = \"321–28\"\n"), "page-range-order"));
        assert!(fires(&doc("page = \"101-120\"\n"), "page-range-hyphen"));
        assert!(!fires(&doc("page = \"101–120\"\n"), "page-range-hyphen"));
        assert!(!fires(&doc("page = 106\n"), "page-range-hyphen"));
        assert!(!fires(&doc("page = \"e-12\"\n"), "page-range-hyphen"));
        assert_eq!(en_dash_pages("1-5, 9--12 & 20"), "1–5, 9–12 & 20");
        assert_eq!(en_dash_pages("iv-x"), "iv-x");
    }
}
