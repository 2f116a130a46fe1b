//! Benchmark: render N generated multilingual items with the official
//! Chicago notes style, as a bibliography and as N notes, and report time
//! and peak memory. Not a test: run it with
//! `cargo run --release -p kaynak-csl --example csl_bench -- [N…] [--repeat K] [--threads T] [--only PHASE] [--show]`
//! (default sizes 1000 5000 10000, so growth can be read off one run).
//!
//! Per size it measures, in the same process:
//! * `baseline`: parsing the N items from CSL-JSON text (`JsonItem::parse_array`),
//!   the floor every figure is compared with;
//! * `bibliography`: processing with no clusters and rendering the bibliography;
//! * `notes`: processing N one-cite clusters with the bibliography removed
//!   from the style, and rendering every note;
//! * `together`: both in one `process` call, as `kaynak` runs it.
//!
//! Each phase runs on one thread (`×1`) and, when the machine has more cores,
//! on the processor's default thread count (`×N`); the output must not differ.
//!
//! Time is the process's CPU time (every thread; `getrusage`) and wall time,
//! best of K repeats; peak memory is VmHWM from
//! `/proc/self/status`, reset before each phase through `/proc/self/clear_refs`,
//! so each phase's peak is its own (it includes the items, which stay loaded).
//! `checksum` hashes the text output, to show an optimisation changed nothing.

use kaynak_csl::{self as csl, Cite, Cluster, CslItem, Format, JsonItem, Locale, Processor, Style};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Instant;

const FAMILIES: &[&str] = &[
    "Yılmaz",
    "Öztürk",
    "Иванов",
    "Smith",
    "van der Berg",
    "Şahin",
    "Кузнецова",
    "Doe",
];
const GIVEN: &[&str] = &[
    "Ayşe",
    "Mehmet",
    "Пётр",
    "John",
    "Anna",
    "Çağrı",
    "Мария",
    "Jane",
];
const WORDS: &[&str] = &[
    "tarih",
    "история",
    "history",
    "dil",
    "язык",
    "language",
    "kültür",
    "мир",
];

/// Item `n` as CSL-JSON.
fn item(n: usize) -> Value {
    let title = (0..4)
        .map(|k| WORDS[(n * 7 + k * 3) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ");
    let authors: Vec<Value> = (0..(n % 4 + 1))
        .map(|k| {
            json!({
                "family": FAMILIES[(n + k) % FAMILIES.len()],
                "given": GIVEN[(n * 3 + k) % GIVEN.len()],
            })
        })
        .collect();
    let item_type = ["book", "article-journal", "chapter"][n % 3];
    json!({
        "id": format!("item{n}"),
        "type": item_type,
        "title": format!("{title} {n}"),
        "publisher": "Yayınevi",
        "container-title": "Journal of Studies",
        "page": format!("{}-{}", n % 300 + 1, n % 300 + 20),
        "author": authors,
        "issued": { "date-parts": [[1950 + (n % 70), n % 12 + 1]] },
    })
}

fn clusters(count: usize) -> Vec<Cluster> {
    (0..count)
        .map(|n| Cluster {
            cites: vec![Cite {
                id: format!("item{}", (n * 7919) % count),
                locator: Some(format!("{}", n % 50 + 1)),
                ..Cite::default()
            }],
            note_number: Some(n as u32 + 1),
        })
        .collect()
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Reset VmHWM to the current RSS (Linux ≥ 4.0), so the next peak is a phase's own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// CPU time of the whole process (user + system, every thread, finished ones
/// included) in seconds, from `getrusage`; 0 if it fails.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0.0;
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

#[derive(Clone, Copy)]
struct Figure {
    cpu: f64,
    wall: f64,
    peak_mb: f64,
    /// Peak above the resident size when the phase started.
    growth_mb: f64,
    checksum: u64,
}

/// Run `work` `repeat` times; best CPU/wall time, largest peak.
fn measure(repeat: usize, mut work: impl FnMut() -> u64) -> Figure {
    let mut best = Figure {
        cpu: f64::MAX,
        wall: f64::MAX,
        peak_mb: 0.0,
        growth_mb: 0.0,
        checksum: 0,
    };
    for _ in 0..repeat.max(1) {
        reset_peak();
        let start_mb = status_kb("VmRSS:") as f64 / 1024.0;
        let (cpu, wall) = (cpu_seconds(), Instant::now());
        best.checksum = work();
        best.cpu = best.cpu.min(cpu_seconds() - cpu);
        best.wall = best.wall.min(wall.elapsed().as_secs_f64());
        let peak_mb = status_kb("VmHWM:") as f64 / 1024.0;
        best.peak_mb = best.peak_mb.max(peak_mb);
        best.growth_mb = best.growth_mb.max(peak_mb - start_mb);
    }
    best
}

fn fnv(hash: u64, text: &str) -> u64 {
    text.bytes().fold(hash, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn run(processor: &Processor, refs: &[&dyn CslItem], clusters: &[Cluster], show: bool) -> u64 {
    let out = processor.process(refs, clusters);
    let mut hash = 0xcbf2_9ce4_8422_2325;
    for text in processor.render_citations(&out.citations, Format::Text) {
        if show {
            println!("note: {text}");
        }
        hash = fnv(hash, &text);
    }
    if let Some(bibliography) = &out.bibliography {
        let text = processor.render_bibliography(bibliography, Format::Text);
        if show {
            text.lines().for_each(|l| println!("bib: {l}"));
        }
        hash = fnv(hash, &text);
    }
    hash
}

fn load_style(root: &Path) -> Option<Style> {
    let path = root.join("../shared/csl/styles/chicago-notes-bibliography.csl");
    Style::parse(&std::fs::read_to_string(path).ok()?).ok()
}

fn processor(root: &Path, style: Style, threads: usize) -> Processor {
    let load = |tag: &str| -> Option<Locale> {
        csl::embedded_locales(tag).or_else(|| {
            let path = root.join(format!(
                "../shared/csl/test-suite/locales/locales-{tag}.xml"
            ));
            Locale::parse(&std::fs::read_to_string(path).ok()?).ok()
        })
    };
    let mut processor = csl::processor_with_locale(style, None, &load);
    processor.set_threads(threads);
    processor
}

/// One phase: CPU and wall time, each with its ratio to the baseline's, and memory.
fn line(name: &str, figure: Figure, baseline: Figure) {
    println!(
        "  {name:<16}{:>6.3} s cpu ({:>4.1}×) {:>6.3} s wall ({:>4.1}×) {:>6.1} MB peak (+{:>5.1} MB) {:>5.2}× baseline",
        figure.cpu,
        figure.cpu / baseline.cpu.max(1e-9),
        figure.wall,
        figure.wall / baseline.wall.max(1e-9),
        figure.peak_mb,
        figure.growth_mb,
        figure.peak_mb / baseline.peak_mb.max(1e-9),
    );
}

/// What to run, from the command line.
struct Options {
    sizes: Vec<usize>,
    repeat: usize,
    show: bool,
    /// Only these thread counts (default: 1 and the processor's default).
    threads: Option<usize>,
    /// Only this phase (`bibliography`, `notes` or `together`), so that its
    /// peak memory is measured in a process that ran nothing else.
    only: Option<String>,
}

impl Options {
    fn parse(args: &[String]) -> Options {
        let value = |flag: &str| {
            args.iter()
                .position(|a| a == flag)
                .and_then(|i| args.get(i + 1).cloned())
        };
        let flags_with_values = ["--repeat", "--threads", "--only"];
        let sizes = args
            .iter()
            .enumerate()
            .filter(|(i, _)| *i == 0 || !flags_with_values.contains(&args[i - 1].as_str()))
            .filter_map(|(_, a)| a.parse().ok())
            .collect::<Vec<usize>>();
        Options {
            sizes: if sizes.is_empty() {
                vec![1_000, 5_000, 10_000]
            } else {
                sizes
            },
            repeat: value("--repeat").and_then(|v| v.parse().ok()).unwrap_or(1),
            show: args.iter().any(|a| a == "--show"),
            threads: value("--threads").and_then(|v| v.parse().ok()),
            only: value("--only"),
        }
    }
}

const PHASES: [&str; 3] = ["bibliography", "notes", "together"];

/// The rendering phases on `threads` threads (all three, or `only` one).
fn phases(
    root: &Path,
    threads: usize,
    refs: &[&dyn CslItem],
    cited: &[Cluster],
    options: &Options,
) -> Option<Vec<(&'static str, Figure)>> {
    let full = processor(root, load_style(root)?, threads);
    let mut notes_style = load_style(root)?;
    notes_style.bibliography = None;
    let notes_only = processor(root, notes_style, threads);
    let mut out = Vec::new();
    for name in PHASES {
        if options.only.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        let figure = match name {
            "bibliography" => measure(options.repeat, || run(&full, refs, &[], false)),
            "notes" => measure(options.repeat, || run(&notes_only, refs, cited, false)),
            _ => measure(options.repeat, || run(&full, refs, cited, false)),
        };
        out.push((name, figure));
    }
    Some(out)
}

fn bench(root: &Path, count: usize, options: &Options) -> Option<()> {
    let text = Value::Array((0..count).map(item).collect()).to_string();
    let cited = clusters(count);
    let mut items = Vec::new();
    let baseline = measure(options.repeat, || {
        items = JsonItem::parse_array(&text).unwrap_or_default();
        items.len() as u64
    });
    drop(text);
    let refs: Vec<&dyn CslItem> = items.iter().map(|i| i as &dyn CslItem).collect();
    let default_threads = csl::processor_with_locale(load_style(root)?, None, &|_| None).threads();
    println!(
        "csl_bench: {count} items ({} parsed), Chicago notes-bibliography",
        items.len()
    );
    line("baseline", baseline, baseline);
    let counts = match options.threads {
        Some(n) => vec![n],
        None if default_threads > 1 => vec![1, default_threads],
        None => vec![1],
    };
    let mut checksums: Vec<(&str, u64)> = Vec::new();
    for n in counts {
        for (name, figure) in phases(root, n, &refs, &cited, options)? {
            line(&format!("{name} ×{n}"), figure, baseline);
            checksums.push((name, figure.checksum));
        }
    }
    for (name, sum) in checksums
        .iter()
        .filter(|(name, _)| *name == "together")
        .take(1)
    {
        println!("  checksum     {sum:016x} ({name})");
    }
    let differs = checksums
        .iter()
        .any(|(a, x)| checksums.iter().any(|(b, y)| a == b && x != y));
    if differs {
        println!("  WARNING: the output differs between thread counts");
    }
    if options.show {
        let full = processor(root, load_style(root)?, default_threads);
        run(&full, &refs[..count.min(5)], &cited[..0], true);
    }
    Some(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = Options::parse(&args);
    // the workspace root (this crate is crates/kaynak-csl); ../shared is beside it
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.ancestors().nth(2).unwrap_or(manifest);
    for &count in &options.sizes {
        if bench(root, count, &options).is_none() {
            eprintln!(
                "csl_bench: the Chicago style or its locales are missing under ../shared/csl"
            );
            return;
        }
    }
}
