//! A short, deterministic run of every fuzz target on stable Rust: each
//! target's body (`fuzz/src/lib.rs`, shared with the cargo-fuzz targets) runs
//! on its seed corpus (`fuzz/seeds/TARGET/`) and on mutations of it made by a
//! fixed-seed generator (byte flips, insertions, deletions, splices,
//! truncations), so `cargo test` catches a regression the long fuzz would.
//! The long fuzz (nightly, cargo-fuzz) is described in docs/fuzzing.md.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod targets;

use std::fs;
use std::path::Path;

/// Mutations per seed file.
const MUTATIONS: usize = 40;

/// xorshift64*: a fixed sequence, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Bytes that matter to the formats under test: quotes, brackets, escapes,
/// separators, control characters, multi-byte letters.
const INTERESTING: &[&[u8]] = &[
    b"\"",
    b"'",
    b"{",
    b"}",
    b"[",
    b"]",
    b"<",
    b">",
    b"\\",
    b"@",
    b"=",
    b"\n",
    b",",
    b";",
    b"\x1b",
    b"\x00",
    b"\xc2\x9b",
    "ş".as_bytes(),
    "Я".as_bytes(),
    b"&amp;",
    b"]]>",
    b"<!DOCTYPE",
    b"crossref",
    b"TY  - ",
    b"ER  - ",
    b"date-parts",
    b"\"\"\"",
    b"0000",
];

fn mutate(rng: &mut Rng, data: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = data.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, piece.iter().copied());
            }
            2 => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            3 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + rng.below(64)).min(other.len());
                out.splice(at..at, other[from..end].iter().copied());
            }
            4 => out.truncate(at),
            _ => {
                let end = (at + rng.below(32)).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
        }
    }
    out
}

/// Runs `target` on every seed of `name` and on their mutations.
fn run(name: &str, target: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(name);
    let mut seeds: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("seed").path())
        .map(|p| (p.display().to_string(), fs::read(&p).expect("read seed")))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds for {name}");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ name.len() as u64);
    for (index, (path, data)) in seeds.iter().enumerate() {
        target(data);
        let other = &seeds[(index + 1) % seeds.len()].1;
        for round in 0..MUTATIONS {
            let input = mutate(&mut rng, data, other);
            let outcome = std::panic::catch_unwind(|| target(&input));
            if outcome.is_err() {
                panic!(
                    "{name}: mutation {round} of {path} failed; input:\n{}",
                    String::from_utf8_lossy(&input)
                );
            }
        }
    }
}

#[test]
fn record_loader() {
    run("record_loader", targets::record_loader);
}

#[test]
fn import_bib() {
    run("import_bib", targets::import_bib);
}

#[test]
fn import_ris() {
    run("import_ris", targets::import_ris);
}

#[test]
fn import_csl_json() {
    run("import_csl_json", targets::import_csl_json);
}

#[test]
fn csl_style_locale() {
    run("csl_style_locale", targets::csl_style_locale);
}

#[test]
fn markdown_citations() {
    run("markdown_citations", targets::markdown_citations);
}

#[test]
fn processor_item() {
    run("processor_item", targets::processor_item);
}
