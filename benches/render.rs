//! Benchmark (not a timed test): `kaynak render` on manuscripts of 10,000
//! to 100,000 citations of a generated 10,000-record library, and on
//! manuscripts citing 10,000 to 100,000 unknown keys (all on one line, the
//! worst case for error snippets). Runs the release binary as a user does and
//! reports wall time, the time above a manuscript with no citations (loading
//! the library and the style), microseconds per citation, the ratio of the
//! largest size to the smallest (10 for linear growth), stderr bytes and peak
//! memory.
//!
//! Run: `cargo bench --bench render`.

mod gen;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RECORDS: u64 = 10_000;
const SIZES: &[usize] = &[10_000, 50_000, 100_000];

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("library");
    std::fs::create_dir(&library).expect("library dir");
    gen::write_library(&library, RECORDS).expect("generate");
    let keys = loadable_keys(&library);
    println!(
        "library: {} loadable records of {RECORDS} generated",
        keys.len()
    );
    let empty = write_doc(dir.path(), "empty.md", "No citations.\n");
    let (base, _, _) = best_of(3, || render(&library, &empty, false));
    println!(
        "baseline (load + style, no citations): {:.3} s",
        base.as_secs_f64()
    );

    println!("\nknown keys, chicago-notes, Markdown out:");
    let mut per_size = Vec::new();
    for &n in SIZES {
        let doc = write_doc(dir.path(), "known.md", &known_doc(&keys, n));
        let (time, _, peak) = best_of(3, || render(&library, &doc, true));
        per_size.push(report(n, time, base, 0, peak));
    }
    linearity(&per_size);

    println!("\nunknown keys (distinct, one line), errors on stderr:");
    let mut per_size = Vec::new();
    for &n in SIZES {
        let doc = write_doc(dir.path(), "unknown.md", &unknown_doc(n));
        let (time, err, peak) = best_of(3, || render(&library, &doc, false));
        per_size.push(report(n, time, base, err, peak));
    }
    linearity(&per_size);
}

/// Keys of the records that load (the generator makes a few faulty ones).
fn loadable_keys(library: &Path) -> Vec<String> {
    let loaded = kaynak::store::load(library).expect("load");
    loaded
        .library
        .entries
        .iter()
        .map(|e| e.key.clone())
        .collect()
}

fn write_doc(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the manuscript");
    path
}

/// `n` citations cycling through the keys, in paragraphs of 20 sentences,
/// with locators, prefixes and repeats (ibid.).
fn known_doc(keys: &[String], n: usize) -> String {
    let mut doc = String::from("# A long manuscript\n\n");
    for i in 0..n {
        let key = &keys[(i * 7) % keys.len()];
        let _ = match i % 4 {
            0 => write!(doc, "Sentence {i} [@{key}]. "),
            1 => write!(doc, "Sentence {i} [see @{key}, p. {}]. ", i % 300 + 1),
            2 => write!(doc, "As @{key} argues, {i}. "),
            _ => write!(doc, "Again [@{key}; @{}]. ", keys[(i * 13) % keys.len()]),
        };
        if i % 20 == 19 {
            doc.push_str("\n\n");
        }
    }
    doc
}

/// `n` distinct unknown keys on one line.
fn unknown_doc(n: usize) -> String {
    let mut doc = String::new();
    for i in 0..n {
        let _ = write!(doc, "[@missing-{i}] ");
    }
    doc.push('\n');
    doc
}

/// Runs `kaynak render`; wall time, bytes on stderr and the child's peak RSS.
fn render(library: &Path, doc: &Path, must_succeed: bool) -> (Duration, usize, u64) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_kaynak"))
        .arg("--library")
        .arg(library)
        .args(["--quiet", "render"])
        .arg(doc)
        .args(["--style", "chicago-notes"])
        .output()
        .expect("run kaynak");
    let time = started.elapsed();
    if must_succeed {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    (time, out.stderr.len(), peak_children_kib())
}

fn peak_children_kib() -> u64 {
    // SAFETY: getrusage writes into the struct we pass and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as u64
}

fn best_of(runs: usize, mut f: impl FnMut() -> (Duration, usize, u64)) -> (Duration, usize, u64) {
    (0..runs)
        .map(|_| f())
        .min_by_key(|(t, _, _)| *t)
        .expect("at least one run")
}

fn report(n: usize, time: Duration, base: Duration, err: usize, peak: u64) -> f64 {
    let above = time.saturating_sub(base).as_secs_f64();
    let per = above * 1e6 / n as f64;
    println!(
        "  {n:>7}: {:.3} s wall, {above:.3} s above baseline, {per:.2} µs/citation, stderr {} KiB, peak (any run so far) {} MiB",
        time.as_secs_f64(),
        err / 1024,
        peak / 1024
    );
    above
}

fn linearity(above: &[f64]) {
    if let (Some(first), Some(last)) = (above.first(), above.last()) {
        let sizes = SIZES[SIZES.len() - 1] as f64 / SIZES[0] as f64;
        println!(
            "  ratio {}→{}: {:.1}× the time for {sizes:.0}× the citations",
            SIZES[0],
            SIZES[SIZES.len() - 1],
            last / first.max(1e-9)
        );
    }
}
