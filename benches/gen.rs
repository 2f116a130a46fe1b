//! A deterministic generator of a large library for the check benchmark:
//! record `i` depends only on `i` (a small linear congruential generator seeded
//! by it), so every run writes byte-identical files. The mix follows a real
//! multilingual bibliography: journal articles, books, web pages and news
//! items, Russian titles with transliterations, Turkish and English titles,
//! names, DOIs, URLs, page ranges, and a few percent of faulty records.
//! Shared by the check and scale benchmarks, each of which uses a part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// A tiny, fixed pseudo-random sequence (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x2545_F491_4F6C_DD1D)
    }

    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len() as u64) as usize]
    }
}

const RU_WORDS: &[(&str, &str)] = &[
    ("Развитие", "Razvitiye"),
    ("связей", "svyazey"),
    ("военной", "voyennoy"),
    ("области", "oblasti"),
    ("история", "istoriya"),
    ("Кавказа", "Kavkaza"),
    ("политика", "politika"),
    ("экономики", "ekonomiki"),
];
const TR_WORDS: &[&str] = &[
    "Azerbaycan",
    "Pakistan",
    "ilişkileri",
    "tarihi",
    "Kafkasya",
    "güvenlik",
    "Dışişleri",
    "üzerine",
];
const EN_WORDS: &[&str] = &[
    "Relations",
    "History",
    "Security",
    "Caucasus",
    "Defence",
    "Policy",
    "Economy",
    "Perspectives",
];
const FAMILIES: &[&str] = &[
    "Aliyev", "Bayramov", "Niyazov", "Smith", "Yılmaz", "Kaya", "Ivanova", "Şahin",
];

/// The TOML text of record `i`.
pub fn record(i: u64) -> String {
    let mut r = Lcg::new(i);
    let mut s = format!("# Generated record {i}.\n");
    let kind = r.next(4);
    let (language, title) = title(&mut r, i);
    let item_type = ["article-journal", "book", "webpage", "article-newspaper"][kind as usize];
    let _ = writeln!(
        s,
        "type = \"{item_type}\"\nlanguage = \"{language}\"\n{title}"
    );
    let _ = writeln!(
        s,
        "author = [\n  {{ family = \"{}\", given = \"{}.\" }},\n]",
        r.pick(FAMILIES),
        ["A", "B", "N. S", "M"][r.next(4) as usize]
    );
    let year = 1990 + r.next(36);
    let faulty = r.next(50) == 0;
    match kind {
        0 => {
            let first = 1 + r.next(300);
            let _ = writeln!(s, "container-title = \"Journal {}\"\nissued = \"{year}\"\nvolume = {}\nissue = {}\npage = \"{first}{}{}\"\nDOI = \"10.{}/{i}\"", r.next(40), 1 + r.next(30), 1 + r.next(4), if faulty { "-" } else { "–" }, first + 10 + r.next(20), 1000 + r.next(9000));
        }
        1 => {
            let _ = writeln!(s, "issued = \"{year}\"\npublisher = \"Press {}\"\npublisher-place = \"{}\"\nISBN = \"0-306-40615-2\"", r.next(50), r.pick(&["Ankara", "Moskva", "London", "Bakü"]));
        }
        _ => {
            let month = 1 + r.next(12);
            let issued_year = 2010 + r.next(13);
            // A faulty record names a day that does not exist, as a string
            // (a TOML date would not parse at all).
            let issued = if faulty {
                format!("\"{issued_year}-02-30\"")
            } else {
                format!("{issued_year}-{month:02}-{:02}", 1 + r.next(28))
            };
            let accessed_year = 2023 + r.next(3);
            let _ = writeln!(s, "container-title = \"Site {}\"\nURL = \"https://example{}.org/{i}\"\nissued = {issued}\naccessed = {accessed_year}-{month:02}-{:02}", r.next(100), r.next(100), 1 + r.next(28));
        }
    }
    s
}

fn title(r: &mut Lcg, i: u64) -> (&'static str, String) {
    match r.next(3) {
        0 => {
            let words: Vec<(&str, &str)> = (0..5)
                .map(|_| RU_WORDS[r.next(RU_WORDS.len() as u64) as usize])
                .collect();
            let original: Vec<&str> = words.iter().map(|w| w.0).collect();
            let translit: Vec<&str> = words.iter().map(|w| w.1).collect();
            (
                "ru",
                format!(
                    "title = {{ original = \"{} {i}\", translit = \"{} {i}\" }}",
                    original.join(" "),
                    translit.join(" ")
                ),
            )
        }
        1 => {
            let words: Vec<&str> = (0..6).map(|_| r.pick(TR_WORDS)).collect();
            ("tr", format!("title = \"{} {i}\"", words.join(" ")))
        }
        _ => {
            let words: Vec<&str> = (0..6).map(|_| r.pick(EN_WORDS)).collect();
            ("en", format!("title = \"{} {i}\"", words.join(" ")))
        }
    }
}

/// Writes records `0..count` into `dir` as `r000000.toml` ….
pub fn write_library(dir: &Path, count: u64) -> io::Result<()> {
    for i in 0..count {
        std::fs::write(dir.join(format!("r{i:06}.toml")), record(i))?;
    }
    Ok(())
}

/// Writes a Markdown manuscript citing records `0..count` once each, in
/// order, with a page locator: one footnote per record under a note style.
pub fn write_manuscript(path: &Path, count: u64) -> io::Result<()> {
    let mut text = String::from("# A manuscript citing every record\n\n");
    for i in 0..count {
        let _ = writeln!(text, "Sentence {i} [@r{i:06}, p. {}].\n", 1 + i % 300);
    }
    std::fs::write(path, text)
}
