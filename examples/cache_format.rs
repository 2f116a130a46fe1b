//! Measures the serialisation crates the load cache could use, on the
//! entries of a generated library: encoded size, encode and decode time
//! (best of 5, one thread). Not a test; run it with
//! `cargo run --release --example cache_format -- [N]` (default 100,000).
//! The cache uses postcard: see docs/performance.md for the figures.

#[path = "../benches/gen.rs"]
mod gen;

use kaynak::model::Entry;
use std::time::{Duration, Instant};

fn main() {
    let count: u64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    gen::write_library(dir.path(), count).expect("generate");
    let entries = kaynak::store::load(dir.path())
        .expect("load")
        .library
        .entries;
    println!("{} entries", entries.len());
    let config = bincode::config::standard();
    report(
        "postcard",
        &entries,
        |e| postcard::to_stdvec(e).expect("encode"),
        |b| postcard::from_bytes::<Vec<Entry>>(b).expect("decode"),
    );
    report(
        "bincode 2 (serde)",
        &entries,
        |e| bincode::serde::encode_to_vec(e, config).expect("encode"),
        |b| {
            bincode::serde::decode_from_slice::<Vec<Entry>, _>(b, config)
                .expect("decode")
                .0
        },
    );
}

fn report(
    name: &str,
    entries: &Vec<Entry>,
    encode: impl Fn(&Vec<Entry>) -> Vec<u8>,
    decode: impl Fn(&[u8]) -> Vec<Entry>,
) {
    let bytes = encode(entries);
    let encode_time = best(|| encode(entries).len());
    let decode_time = best(|| decode(&bytes).len());
    println!(
        "{name:18} {:>7.1} MB ({:>4.0} B/record)  encode {:>7.1?}  decode {:>7.1?}",
        bytes.len() as f64 / 1e6,
        bytes.len() as f64 / entries.len() as f64,
        encode_time,
        decode_time
    );
}

fn best(run: impl Fn() -> usize) -> Duration {
    (0..5)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(run());
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}
