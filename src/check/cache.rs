//! The contents of the check cache (`.kaynak-cache-check`, written by the
//! CLI through [`crate::store::derived`]): each cleanly loaded record's file
//! name, [stamp](Stamp) and [`Summary`] from the last check. A record whose
//! file is unchanged is then neither read nor parsed, and its rules are not
//! run again; the library rules (duplicates, shared access dates) are always
//! run again, over every record's summary.
//!
//! The cache is keyed by everything a summary depends on besides the record:
//! kaynak's version (the derived file's header), this format, every rule's id
//! and severity, and the options (the day dates are measured against, the
//! profile, the maximum access age, whether the library's style is a note
//! style). A cache made under other options is not used. Findings keep their
//! span, line and column, and the [`Fix`] they carry (so `--fix` on a warm
//! cache applies it without reading the record first); their rule is looked
//! up by id in the rule table, and a finding whose rule this build does not
//! have makes the whole cache unusable.

use super::{rules, Options, Summary};
use crate::diag::{Diagnostic, Fix, Location, Severity, Span};
use crate::store::cache::Stamp;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

/// The derived file's kind (see [`crate::store::derived`]).
pub const KIND: u32 = 1;

/// Bumped when the serialised summary changes shape.
const FORMAT: u32 = 2;

/// Records per independently decodable chunk.
const CHUNK: usize = 4096;

/// One cached record.
pub struct CachedSummary {
    /// The record's file name.
    pub name: String,
    pub stamp: Stamp,
    pub summary: Summary,
}

/// The key of a check cache made under `options`.
pub fn key(options: &Options) -> u128 {
    let mut text = format!(
        "check {FORMAT}; today {}; profile {}; max-access-age {}; note-style {}",
        options.today,
        options.profile.name(),
        options.max_access_age_days,
        options.note_style
    );
    for rule in rules::all() {
        let fix = if rule.fix.is_some() { " fix" } else { "" };
        text.push_str(&format!("; {} {}{fix}", rule.id, rule.severity));
    }
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// A finding as cached: the file it is in is the record's own.
#[derive(Serialize, Deserialize)]
struct Finding<'a> {
    code: &'a str,
    severity: u8,
    message: &'a str,
    #[serde(borrow)]
    help: Option<&'a str>,
    span: Option<Span>,
    line: usize,
    column: usize,
    fix: Option<Cow<'a, Fix>>,
}

#[derive(Serialize, Deserialize)]
struct Record<'a> {
    name: &'a str,
    stamp: Stamp,
    #[serde(borrow)]
    findings: Vec<Finding<'a>>,
    #[serde(borrow)]
    allowed: Vec<&'a str>,
    #[serde(borrow)]
    doi: Option<(&'a str, Span)>,
    #[serde(borrow)]
    url: Option<(&'a str, Span)>,
    #[serde(borrow)]
    title: Option<(&'a str, Span)>,
    #[serde(borrow)]
    accessed: Option<(&'a str, Span)>,
}

fn severity_code(severity: Severity) -> u8 {
    match severity {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

fn severity_of(code: u8) -> Option<Severity> {
    match code {
        0 => Some(Severity::Info),
        1 => Some(Severity::Warning),
        2 => Some(Severity::Error),
        _ => None,
    }
}

fn finding(d: &Diagnostic) -> Finding<'_> {
    let location = d.location.as_ref();
    Finding {
        code: d.code,
        severity: severity_code(d.severity),
        message: &d.message,
        help: d.help.as_deref(),
        span: location.and_then(|l| l.span),
        line: location.map_or(0, |l| l.line),
        column: location.map_or(0, |l| l.column),
        fix: d.fix.as_ref().map(Cow::Borrowed),
    }
}

fn diagnostic(f: Finding, path: &Path) -> Option<Diagnostic> {
    let rule = rules::find(f.code)?;
    let mut d = Diagnostic::new(rule.id, severity_of(f.severity)?, f.message);
    d.help = f.help.map(str::to_string);
    d.location = Some(Location {
        file: path.to_path_buf(),
        span: f.span,
        line: f.line,
        column: f.column,
    });
    // Only a rule that declares a fix carries one (as detection ensures).
    d.fix = f.fix.map(Cow::into_owned).filter(|_| rule.fix.is_some());
    Some(d)
}

fn keyed(k: &Option<(String, Span)>) -> Option<(&str, Span)> {
    k.as_ref().map(|(s, span)| (s.as_str(), *span))
}

fn owned(k: Option<(&str, Span)>) -> Option<(String, Span)> {
    k.map(|(s, span)| (s.to_string(), span))
}

/// Writes the cache of `records` (sorted by name) to `out`: the chunks'
/// lengths, then the chunks as they were encoded (not copied into one buffer).
pub fn encode(records: &[(&str, Stamp, &Summary)], out: &mut impl Write) -> io::Result<()> {
    let chunks: Option<Vec<Vec<u8>>> = records
        .par_chunks(CHUNK)
        .map(|chunk| {
            let records: Vec<Record> = chunk
                .iter()
                .map(|(name, stamp, s)| Record {
                    name,
                    stamp: *stamp,
                    findings: s.findings.iter().map(finding).collect(),
                    allowed: s.allowed.iter().map(String::as_str).collect(),
                    doi: keyed(&s.doi),
                    url: keyed(&s.url),
                    title: keyed(&s.title),
                    accessed: keyed(&s.accessed),
                })
                .collect();
            crate::store::cache::to_postcard(&records).ok()
        })
        .collect();
    let unencodable = || io::Error::other("cannot encode the check cache");
    let chunks = chunks.ok_or_else(unencodable)?;
    let lengths: Vec<u64> = chunks.iter().map(|c| c.len() as u64).collect();
    out.write_all(&postcard::to_stdvec(&lengths).map_err(|_| unencodable())?)?;
    for chunk in &chunks {
        out.write_all(chunk)?;
    }
    Ok(())
}

/// The records of a cache's bytes (for the library `dir`), sorted by name;
/// `None` when they do not decode, are out of order, or name a rule this
/// build does not have.
pub fn decode(bytes: &[u8], dir: &Path) -> Option<Vec<CachedSummary>> {
    let (lengths, mut rest): (Vec<u64>, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    let mut chunks = Vec::with_capacity(lengths.len());
    for length in lengths {
        let length = usize::try_from(length).ok()?;
        chunks.push(rest.get(..length)?);
        rest = &rest[length..];
    }
    if !rest.is_empty() {
        return None;
    }
    let decoded: Option<Vec<Vec<CachedSummary>>> = chunks
        .into_par_iter()
        .map(|chunk| decode_chunk(chunk, dir))
        .collect();
    let records: Vec<CachedSummary> = decoded?.into_iter().flatten().collect();
    let sorted = records.windows(2).all(|w| w[0].name < w[1].name);
    sorted.then_some(records)
}

fn decode_chunk(chunk: &[u8], dir: &Path) -> Option<Vec<CachedSummary>> {
    let records: Vec<Record> = postcard::from_bytes(chunk).ok()?;
    records
        .into_iter()
        .map(|r| {
            // Most records have no finding: their path is not made.
            let path = (!r.findings.is_empty()).then(|| dir.join(r.name));
            let findings: Option<Vec<Diagnostic>> = r
                .findings
                .into_iter()
                .map(|f| diagnostic(f, path.as_deref()?))
                .collect();
            Some(CachedSummary {
                name: r.name.to_string(),
                stamp: r.stamp,
                summary: Summary {
                    findings: findings?,
                    allowed: r.allowed.iter().map(|a| a.to_string()).collect(),
                    doi: owned(r.doi),
                    url: owned(r.url),
                    title: owned(r.title),
                    accessed: owned(r.accessed),
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::TODAY;

    fn stamp() -> Stamp {
        Stamp {
            size: 1,
            mtime: 2,
            hash: 3,
            settled: true,
        }
    }

    fn summary(dir: &Path) -> Summary {
        let path = dir.join("a.toml");
        let text = "type = \"webpage\"\nDOI = \"doi:10.1/x\"\n";
        let missing = crate::check::finding(
            rules::find("missing-url").expect("rule"),
            &path,
            text,
            Span::new(0, 4),
            "no URL".into(),
            "add one".into(),
        );
        let edit = crate::diag::Edit::new(Span::new(23, 33), "10.1/x", "DOI: bare");
        let fixed = crate::check::finding(
            rules::find("doi-as-url").expect("rule"),
            &path,
            text,
            Span::new(22, 34),
            "a doi: prefix".into(),
            "write the DOI alone".into(),
        )
        .with_fix(Fix::one(edit));
        assert_eq!(fixed.location.as_ref().map(|l| l.line), Some(2));
        Summary {
            findings: vec![missing, fixed],
            allowed: vec!["missing-doi".into()],
            doi: Some(("10.1/x".into(), Span::new(5, 9))),
            url: None,
            title: Some(("a title\u{0}2001".into(), Span::new(10, 20))),
            accessed: Some(("2021-03-31".into(), Span::new(30, 40))),
        }
    }

    #[test]
    fn round_trips_summaries() {
        let dir = Path::new("lib");
        let a = summary(dir);
        let b = Summary::default();
        let mut bytes = Vec::new();
        encode(
            &[("a.toml", stamp(), &a), ("b.toml", stamp(), &b)],
            &mut bytes,
        )
        .expect("encode");
        let back = decode(&bytes, dir).expect("decode");
        assert_eq!(back.len(), 2);
        assert_eq!((back[0].name.as_str(), back[0].stamp), ("a.toml", stamp()));
        assert_eq!(back[0].summary, a);
        assert_eq!(back[1].summary, b);
        assert!(decode(&bytes[..bytes.len() - 1], dir).is_none());
    }

    #[test]
    fn the_key_follows_the_options() {
        let options = Options::new(TODAY);
        let mut tomorrow = options.clone();
        tomorrow.today.day = Some(29);
        let mut chicago = options.clone();
        chicago.profile = crate::check::Profile::Chicago;
        let keys = [key(&options), key(&tomorrow), key(&chicago)];
        assert_ne!(keys[0], keys[1]);
        assert_ne!(keys[0], keys[2]);
        // Which records are checked is not part of it.
        let mut some = options.clone();
        some.keys = Some(["a".to_string()].into_iter().collect());
        assert_eq!(key(&some), keys[0]);
    }
}
