//! Benchmark (not a timed test): how fast `kaynak check` reads and checks a
//! generated library of 100,000 records, against a baseline of parsing the
//! same files with toml_edit alone. Reports records per second, the ratio to
//! the baseline, and the peak resident memory (VmHWM) of each phase.
//!
//! Run: `cargo bench --bench check` (set KAYNAK_BENCH_RECORDS for another size).

mod gen;

use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let count: u64 = std::env::var("KAYNAK_BENCH_RECORDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    gen::write_library(dir.path(), count).expect("generate");
    println!("generated {count} records in {:.2?}", started.elapsed());
    // Warm the page cache so the first phase is not charged for the disk.
    let _ = baseline(dir.path());

    let (base_time, base_peak) = measure(|| baseline(dir.path()));
    report(
        "parse only (toml_edit)",
        count,
        base_time,
        base_time,
        base_peak,
    );
    let (load_time, load_peak) = measure(|| load(dir.path()));
    report("load (store::load)", count, load_time, base_time, load_peak);
    let (check_time, check_peak) = measure(|| load_and_check(dir.path()));
    report("load + check", count, check_time, base_time, check_peak);
}

fn baseline(dir: &Path) -> usize {
    let mut parsed = 0;
    for item in std::fs::read_dir(dir).expect("read dir") {
        let path = item.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        if toml_edit::Document::parse(text).is_ok() {
            parsed += 1;
        }
    }
    parsed
}

fn load(dir: &Path) -> usize {
    let loaded = kaynak::store::load(dir).expect("load");
    loaded.library.entries.len()
}

fn load_and_check(dir: &Path) -> usize {
    let loaded = kaynak::store::load(dir).expect("load");
    let today = kaynak::model::DatePart::ymd(2026, 11, 28);
    let report = kaynak::check::check(&loaded, &kaynak::check::Options::new(today));
    let mut by_code: std::collections::BTreeMap<&str, usize> = Default::default();
    for d in &report.diagnostics {
        *by_code.entry(d.code).or_default() += 1;
    }
    if std::env::var_os("KAYNAK_BENCH_VERBOSE").is_some() {
        println!("  findings by rule: {by_code:?}");
    }
    report.diagnostics.len()
}

/// Runs `phase` three times (the machine may be shared: the fastest run is
/// the least disturbed); returns the fastest time and the peak resident memory
/// reached during the first run, in kB.
fn measure(phase: impl Fn() -> usize) -> (Duration, u64) {
    let mut best = Duration::MAX;
    let mut peak = 0;
    for run in 0..3 {
        // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0).
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let started = Instant::now();
        let result = std::hint::black_box(phase());
        best = best.min(started.elapsed());
        if run == 0 {
            peak = peak_kb();
            println!("  ({result} items)");
        }
    }
    (best, peak)
}

fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn report(name: &str, count: u64, time: Duration, base: Duration, peak_kb: u64) {
    let rate = count as f64 / time.as_secs_f64();
    let ratio = time.as_secs_f64() / base.as_secs_f64();
    println!(
        "{name:24} {:>8.2?}  {rate:>10.0} records/s  {ratio:>5.2}× baseline  peak {:.1} MiB",
        time,
        peak_kb as f64 / 1024.0
    );
}
