//! Benchmark (not a timed test): `kaynak search` on a generated library of
//! 100,000 records (`benches/gen.rs`: a third Russian titles with their own
//! transliterations, a third Turkish, a third English). It loads the library once,
//! then times building the search index (every form of every title, name,
//! container title and key, folded; derived transliterations under every scheme)
//! and answering queries in several scripts and forms, best of five runs each,
//! with the load time of the same run as the baseline.
//!
//! Run: `cargo bench --bench search` (KAYNAK_BENCH_RECORDS for another size).

mod gen;

use kaynak::search::Index;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "Niyazov",
    "Razvitiye svyazey",
    "Razvitie sviazei",
    "развитие",
    "dısısleri",
    "Isik",
    "Caucasus security 4242",
    "nothing matches this",
];

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let out = f();
        best = best.min(started.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

fn main() {
    let count: u64 = std::env::var("KAYNAK_BENCH_RECORDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    gen::write_library(dir.path(), count).expect("generate");
    let (load, loaded) = best_of(1, || kaynak::store::load(dir.path()).expect("load"));
    let entries = &loaded.library.entries;
    println!("{count} records; load (baseline): {load:.2?}");
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    for t in [1, threads] {
        let (build, index) = best_of(3, || Index::build(entries, t));
        println!(
            "index on {t} thread(s): {build:.2?} ({:.2}× load), {} records",
            build.as_secs_f64() / load.as_secs_f64(),
            index.len()
        );
    }
    let index = Index::build(entries, threads);
    let mut total = Duration::ZERO;
    for query in QUERIES {
        let (time, hits) = best_of(5, || index.search(entries, query, 20));
        total += time;
        println!("query {query:<26} {time:>9.2?}  {} hits", hits.len());
    }
    println!(
        "mean query: {:.2?}",
        total / u32::try_from(QUERIES.len()).unwrap_or(1)
    );
}
