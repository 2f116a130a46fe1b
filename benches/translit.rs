//! Transliteration throughput on a deterministic 10 MB mixed Russian/English text,
//! against a plain copy of the same bytes as the baseline, measured in the same run.
//! Run with `cargo bench --bench translit`. Plain `std::time::Instant`, best of a few
//! rounds, so the figures are indicative rather than statistical.

use kaynak::text::translit::{transliterate_into, Scheme};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Size and rounds; `TRANSLIT_BENCH_MB` and `TRANSLIT_BENCH_ROUNDS` override them
/// (handy under a profiler).
fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const RUSSIAN: &[&str] = &[
    "Военная",
    "доктрина",
    "Азербайджанской",
    "Республики",
    "развитие",
    "связей",
    "в",
    "области",
    "годах",
    "Ильхам",
    "Алиев",
    "принял",
    "делегацию",
    "министром",
    "съезд",
    "объявление",
    "ЩУКА",
    "ёлка",
    "Хрущёв",
    "подъезд",
    "семья",
    "Юлия",
    "Щеглова",
    "и",
    "Йошкар-Ола",
    "Н.С.",
    "Ниязов",
    "промышленности",
    "история",
    "ВОЕННАЯ",
    "статья",
];

const ENGLISH: &[&str] = &[
    "The",
    "military",
    "doctrine",
    "of",
    "the",
    "Republic",
    "history",
    "journal",
    "and",
    "relations",
    "between",
    "Pakistan",
    "Azerbaijan",
    "in",
    "press",
    "University",
    "NATO",
    "vol.",
    "pp.",
    "(2010)",
    "edited",
    "by",
    "review",
    "of",
    "foreign",
    "affairs",
];

/// A small deterministic generator (64-bit LCG), so every run sees the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn build_text(target_bytes: usize) -> String {
    let mut rng = Lcg(2026);
    let mut text = String::with_capacity(target_bytes + 64);
    while text.len() < target_bytes {
        let words = if rng.next() & 1 == 0 {
            RUSSIAN
        } else {
            ENGLISH
        };
        for _ in 0..(5 + rng.next() % 10) {
            text.push_str(words[rng.next() % words.len()]);
            text.push(' ');
        }
        match rng.next() % 4 {
            0 => text.push_str("1994–2010. "),
            1 => text.push_str(", "),
            2 => text.push('\n'),
            _ => text.push_str("; "),
        }
    }
    text
}

fn best_of(rounds: usize, mut run: impl FnMut()) -> Duration {
    (0..rounds.max(1))
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / time.as_secs_f64().max(1e-9)
}

fn main() {
    let text = build_text(setting("TRANSLIT_BENCH_MB", 10) * 1024 * 1024);
    let rounds = setting("TRANSLIT_BENCH_ROUNDS", 5);
    let bytes = text.len();
    let cyrillic = text
        .chars()
        .filter(|c| ('\u{400}'..='\u{4FF}').contains(c))
        .count();
    println!(
        "input: {bytes} bytes, {} chars, {cyrillic} Cyrillic letters",
        text.chars().count()
    );

    let copy = best_of(rounds, || {
        let mut buffer = Vec::with_capacity(bytes);
        buffer.extend_from_slice(black_box(text.as_bytes()));
        black_box(buffer);
    });
    let copy_rate = mb_per_s(bytes, copy);
    println!(
        "{:<18} {:>9.1} MB/s  (baseline: plain byte copy)",
        "copy", copy_rate
    );

    for scheme in [
        Scheme::BgnPcgnNoSigns,
        Scheme::AlaLc,
        Scheme::Iso9,
        Scheme::Gost779B,
    ] {
        let mut out = String::with_capacity(bytes * 2);
        let time = best_of(rounds, || {
            out.clear();
            transliterate_into(black_box(&text), scheme, &mut out);
            black_box(&out);
        });
        let rate = mb_per_s(bytes, time);
        println!(
            "{:<18} {:>9.1} MB/s  ({:.1} ms; copy is {:.1}x faster)",
            scheme.name(),
            rate,
            time.as_secs_f64() * 1000.0,
            copy_rate / rate
        );
    }
}
