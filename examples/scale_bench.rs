//! Benchmark of the whole command path at scale (issue 17): the real
//! `kaynak` binary run as a user runs it, on generated libraries of 10,000,
//! 100,000 and 1,000,000 records, beside baselines measured in the same run.
//! Not a test: build the binary, then run it with
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example scale_bench -- [SIZES…] [--repeat K] [--only CMD,…] [--cap CMD=N]
//! ```
//!
//! (default sizes 10000 100000 1000000). Each command and baseline runs as a
//! child process, and its CPU time (user + system), wall time and peak
//! resident memory (max RSS) come from `wait4`'s resource usage, so every
//! figure counts the same things: start-up, reading, output.
//!
//! Baselines (this program run again as `--baseline KIND DIR`):
//! * `read`: read every record file into memory (what `cat` does);
//! * `parse`: read and parse every file with toml_edit, one thread;
//! * `write`: write as many files of the same sizes with a plain loop.
//!
//! Commands: `render` (a manuscript citing every record once, one note each,
//! and the bibliography, in the official Chicago notes-bibliography style from
//! `../shared/csl/styles`), `bib` (same style), `check`, `list`, `search`,
//! `export --to csl-json` and `import` of that export into an empty library.
//! `check` and `bib` run cold (no load cache: it is deleted first) and warm
//! (a second run over the unchanged library); `render`, `list`, `search` and
//! `export` run with the load cache in place (an unmeasured first run writes
//! it when it is missing: `check` reads it but leaves writing it to them). Times are the best of K runs;
//! peak memory is the largest seen.
//!
//! Libraries are generated once into `target/scale-bench/` (deterministic,
//! see `benches/gen.rs`) and reused by later runs.

#[path = "../benches/gen.rs"]
mod gen;

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The load cache's file name inside a library (deleted before a cold run).
const CACHE_FILE: &str = ".kaynak-cache";
/// Bumped when the generator or the manuscript changes, so old libraries are rebuilt.
const GENERATION: &str = "v1";
const DEFAULT_SIZES: &[u64] = &[10_000, 100_000, 1_000_000];
const TODAY: &str = "2026-11-28";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--baseline") {
        baseline(&args[1..]);
        return;
    }
    let options = match Options::parse(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("scale_bench: {message}");
            std::process::exit(2);
        }
    };
    let bench = match Bench::new(options) {
        Ok(bench) => bench,
        Err(message) => {
            eprintln!("scale_bench: {message}");
            std::process::exit(2);
        }
    };
    bench.run();
}

/// What the command line asked for.
struct Options {
    sizes: Vec<u64>,
    repeat: usize,
    only: Option<Vec<String>>,
    /// The largest size each named command runs at.
    caps: BTreeMap<String, u64>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            sizes: Vec::new(),
            repeat: 3,
            only: None,
            caps: BTreeMap::new(),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || args.next().ok_or(format!("{arg} needs a value"));
            match arg.as_str() {
                "--repeat" => options.repeat = value()?.parse().map_err(|e| format!("{e}"))?,
                "--only" => options.only = Some(value()?.split(',').map(String::from).collect()),
                "--cap" => {
                    let spec = value()?;
                    let (name, size) = spec.split_once('=').ok_or("--cap CMD=N")?;
                    let size = size.parse().map_err(|e| format!("--cap {spec}: {e}"))?;
                    options.caps.insert(name.to_string(), size);
                }
                size => options.sizes.push(
                    size.parse()
                        .map_err(|_| format!("unknown argument `{size}`"))?,
                ),
            }
        }
        if options.sizes.is_empty() {
            options.sizes = DEFAULT_SIZES.to_vec();
        }
        Ok(options)
    }

    fn wants(&self, name: &str, size: u64) -> bool {
        let base = name.split(' ').next().unwrap_or(name);
        let listed = self
            .only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| o == name || o == base));
        listed && self.caps.get(base).is_none_or(|&cap| size <= cap)
    }
}

/// One measured run of a child process.
#[derive(Debug, Clone, Copy)]
struct Sample {
    cpu: Duration,
    wall: Duration,
    peak_kb: u64,
    code: i32,
}

impl Sample {
    /// The better of two runs: the least time, the largest peak.
    fn merge(self, other: Sample) -> Sample {
        Sample {
            cpu: self.cpu.min(other.cpu),
            wall: self.wall.min(other.wall),
            peak_kb: self.peak_kb.max(other.peak_kb),
            code: other.code,
        }
    }
}

/// Runs `command` to the end and measures it through `wait4`.
fn measure(command: &mut Command) -> io::Result<Sample> {
    let started = Instant::now();
    let child = command.spawn()?;
    let pid = i32::try_from(child.id()).map_err(io::Error::other)?;
    let mut status = 0;
    // SAFETY: rusage is plain old data, and wait4 only writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; the pointers are valid.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if reaped != pid {
        return Err(io::Error::last_os_error());
    }
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok(Sample {
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        wall,
        peak_kb: u64::try_from(usage.ru_maxrss).unwrap_or(0),
        code,
    })
}

struct Bench {
    options: Options,
    root: PathBuf,
    kaynak: PathBuf,
    style: PathBuf,
    /// Results by (row name, size).
    results: BTreeMap<(String, u64), Sample>,
    /// The baseline measured alongside each command, by (row name, size):
    /// before each of the command's runs, one run of the baseline its ratio
    /// is taken against (parse; the write loop for import), best of them.
    /// The machine's speed drifts between the baselines at the start and a
    /// command minutes later; a ratio to a baseline run next to it does not.
    paired: BTreeMap<(String, u64), Sample>,
    has_search: bool,
}

impl Bench {
    fn new(options: Options) -> Result<Bench, String> {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        // target/release/examples/scale_bench → target/release/kaynak
        let kaynak = exe
            .parent()
            .and_then(Path::parent)
            .map(|d| d.join("kaynak"))
            .filter(|p| p.is_file())
            .ok_or("no kaynak binary beside the example: run `cargo build --release` first")?;
        let style = manifest.join("../shared/csl/styles/chicago-notes-bibliography.csl");
        if !style.is_file() {
            return Err(format!(
                "the official Chicago style is missing: {}",
                style.display()
            ));
        }
        let root = manifest.join("target/scale-bench");
        fs::create_dir_all(&root).map_err(|e| e.to_string())?;
        let has_search = Command::new(&kaynak)
            .args(["search", "--help"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        Ok(Bench {
            options,
            root,
            kaynak,
            style,
            results: BTreeMap::new(),
            paired: BTreeMap::new(),
            has_search,
        })
    }

    fn run(mut self) {
        println!(
            "scale_bench: {} ; best of {} runs; CPU = user + system of the child process",
            self.kaynak.display(),
            self.options.repeat
        );
        let sizes = self.options.sizes.clone();
        for &size in &sizes {
            if let Err(e) = self.run_size(size) {
                eprintln!("scale_bench: size {size}: {e}");
            }
        }
        self.print_table();
        self.print_targets();
    }

    fn library(&self, size: u64) -> PathBuf {
        self.root.join(format!("lib-{size}"))
    }

    fn run_size(&mut self, size: u64) -> io::Result<()> {
        let lib = self.library(size);
        let manuscript = self.root.join(format!("manuscript-{size}.md"));
        prepare(&lib, &manuscript, size)?;
        println!("\n== {size} records ({})", lib.display());
        // Warm the page cache: every figure is for files in memory.
        self.measure_baseline("read", &lib, size, 1)?;
        for kind in ["read", "parse", "write"] {
            self.measure_baseline(kind, &lib, size, self.options.repeat)?;
        }
        let style = self.style.to_string_lossy().into_owned();
        let null = || Stdio::null();
        let render = [
            "render",
            manuscript.to_str().unwrap_or(""),
            "--style",
            &style,
        ];
        self.command("render", size, &render, null, Warm::Yes)?;
        self.command(
            "bib cold",
            size,
            &["bib", "--style", &style],
            null,
            Warm::No,
        )?;
        self.command(
            "bib warm",
            size,
            &["bib", "--style", &style],
            null,
            Warm::Yes,
        )?;
        let check = ["check", "--today", TODAY];
        self.command("check cold", size, &check, null, Warm::No)?;
        self.command("check warm", size, &check, null, Warm::Yes)?;
        self.command("list", size, &["list"], null, Warm::Yes)?;
        if self.has_search {
            self.command("search", size, &["search", "Kavkaza"], null, Warm::Yes)?;
        }
        let export = self.root.join(format!("export-{size}.json"));
        let export_args = [
            "export",
            "--to",
            "csl-json",
            "-o",
            export.to_str().unwrap_or(""),
        ];
        self.command("export", size, &export_args, null, Warm::Yes)?;
        if self.options.wants("import", size) && export.is_file() {
            self.import(size, &export)?;
        }
        let _ = fs::remove_file(export);
        Ok(())
    }

    fn measure_baseline(
        &mut self,
        kind: &str,
        lib: &Path,
        size: u64,
        runs: usize,
    ) -> io::Result<()> {
        let mut best: Option<Sample> = None;
        for _ in 0..runs {
            let sample = self.baseline_once(kind, lib)?;
            best = Some(best.map_or(sample, |b| b.merge(sample)));
        }
        if let Some(sample) = best {
            self.record(&format!("baseline {kind}"), size, sample);
        }
        Ok(())
    }

    /// One run of the baseline `kind` on `lib`, as a child process.
    fn baseline_once(&self, kind: &str, lib: &Path) -> io::Result<Sample> {
        let exe = std::env::current_exe()?;
        let scratch = self.root.join("write-baseline");
        let _ = fs::remove_dir_all(&scratch);
        let mut command = Command::new(&exe);
        command.arg("--baseline").arg(kind).arg(lib).arg(&scratch);
        let sample = measure(command.stdout(Stdio::null()));
        let _ = fs::remove_dir_all(&scratch);
        sample
    }

    /// Keeps `sample` of the baseline run alongside `name` (best of them).
    fn pair(&mut self, name: &str, size: u64, sample: Sample) {
        let key = (name.to_string(), size);
        let best = self.paired.get(&key).map_or(sample, |b| b.merge(sample));
        self.paired.insert(key, best);
    }

    /// The baseline `kind` to compare `name` with: the one run alongside
    /// it, else the one at the start of the size.
    fn base_for(&self, name: &str, size: u64, kind: &str) -> Option<Sample> {
        (self.paired.get(&(name.to_string(), size)).copied())
            .or_else(|| self.get(&format!("baseline {kind}"), size))
    }

    fn command(
        &mut self,
        name: &str,
        size: u64,
        args: &[&str],
        stdout: impl Fn() -> Stdio,
        warm: Warm,
    ) -> io::Result<()> {
        if !self.options.wants(name, size) {
            return Ok(());
        }
        let lib = self.library(size);
        let cache = lib.join(CACHE_FILE);
        let mut best: Option<Sample> = None;
        for _ in 0..self.options.repeat {
            let base = self.baseline_once("parse", &lib)?;
            self.pair(name, size, base);
            match warm {
                Warm::No => remove_caches(&lib)?,
                Warm::Yes if !cache.exists() => {
                    self.kaynak_command(&lib, args).stdout(stdout()).status()?;
                }
                _ => {}
            }
            let sample = measure(self.kaynak_command(&lib, args).stdout(stdout()))?;
            best = Some(best.map_or(sample, |b| b.merge(sample)));
        }
        if let Some(sample) = best {
            self.record(name, size, sample);
        }
        Ok(())
    }

    fn kaynak_command(&self, lib: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(&self.kaynak);
        command
            .arg("--library")
            .arg(lib)
            .args(args)
            .stderr(Stdio::null());
        command
    }

    /// `kaynak import` of the CSL-JSON export into a new, empty library.
    fn import(&mut self, size: u64, export: &Path) -> io::Result<()> {
        let target = self.root.join(format!("import-{size}"));
        let mut best: Option<Sample> = None;
        let lib = self.library(size);
        for _ in 0..self.options.repeat {
            let base = self.baseline_once("write", &lib)?;
            self.pair("import", size, base);
            let _ = fs::remove_dir_all(&target);
            fs::create_dir_all(&target)?;
            let mut command = self.kaynak_command(&target, &["import"]);
            command.arg(export).stdout(Stdio::null());
            let sample = measure(&mut command)?;
            best = Some(best.map_or(sample, |b| b.merge(sample)));
        }
        let _ = fs::remove_dir_all(&target);
        if let Some(sample) = best {
            self.record("import", size, sample);
        }
        Ok(())
    }

    fn record(&mut self, name: &str, size: u64, sample: Sample) {
        println!(
            "{name:16} {size:>9}  CPU {:>8.2} s  wall {:>8.2} s  peak {:>8.1} MB  exit {}",
            sample.cpu.as_secs_f64(),
            sample.wall.as_secs_f64(),
            sample.peak_kb as f64 / 1024.0,
            sample.code
        );
        let _ = io::stdout().flush();
        self.results.insert((name.to_string(), size), sample);
    }

    fn get(&self, name: &str, size: u64) -> Option<Sample> {
        self.results.get(&(name.to_string(), size)).copied()
    }

    fn print_table(&self) {
        let sizes = &self.options.sizes;
        let mut names: Vec<&str> = Vec::new();
        for (name, _) in self.results.keys() {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        println!("\nRatios are to the parse baseline run alongside each command (one run before each of its runs, best of them); a baseline row's are to the parse baseline at the start.");
        println!("\n| command | records | CPU s | wall s | peak MB | KB/record | CPU ÷ parse | wall ÷ parse |");
        println!("|---|---:|---:|---:|---:|---:|---:|---:|");
        for name in names {
            for &size in sizes {
                let (Some(s), Some(parse)) =
                    (self.get(name, size), self.base_for(name, size, "parse"))
                else {
                    continue;
                };
                println!(
                    "| {name} | {size} | {:.2} | {:.2} | {:.1} | {:.2} | {:.2} | {:.2} |",
                    s.cpu.as_secs_f64(),
                    s.wall.as_secs_f64(),
                    s.peak_kb as f64 / 1024.0,
                    s.peak_kb as f64 / size as f64,
                    ratio(s.cpu, parse.cpu),
                    ratio(s.wall, parse.wall),
                );
            }
        }
        if !self.has_search {
            println!("\n(search: no `kaynak search` in this binary; not measured)");
        }
    }

    fn print_targets(&self) {
        println!("\nTargets (ratios to the baseline run alongside each command):");
        let verdict = |ok: bool| if ok { "holds" } else { "MISSED" };
        if let (Some(r), Some(p)) = (
            self.get("render", 10_000),
            self.base_for("render", 10_000, "parse"),
        ) {
            let cpu = ratio(r.cpu, p.cpu);
            let mb = r.peak_kb as f64 / 1024.0;
            println!(
                "  render 10k: CPU {cpu:.2}× parse (≤ 3) {}; peak {mb:.1} MB (≤ 100) {}",
                verdict(cpu <= 3.0),
                verdict(mb <= 100.0)
            );
        }
        for name in ["bib cold", "check cold", "list", "search"] {
            self.growth(name);
        }
        for name in ["check", "bib"] {
            let (Some(cold), Some(warm)) = (
                self.get(&format!("{name} cold"), 100_000),
                self.get(&format!("{name} warm"), 100_000),
            ) else {
                continue;
            };
            let r = ratio(warm.cpu, cold.cpu);
            let w = ratio(warm.wall, cold.wall);
            println!(
                "  {name} warm ÷ cold, 100k: CPU {r:.2}, wall {w:.2} (≤ 0.3) {}",
                verdict(r <= 0.3 && w <= 0.3)
            );
        }
        if let (Some(c), Some(p)) = (
            self.get("check cold", 100_000),
            self.base_for("check cold", 100_000, "parse"),
        ) {
            let r = ratio(c.cpu, p.cpu);
            let w = ratio(c.wall, p.wall);
            println!(
                "  check cold 100k: CPU {r:.2}× parse, wall {w:.2}× (≤ 1.5) {}",
                verdict(r <= 1.5)
            );
        }
        if let (Some(i), Some(w)) = (
            self.get("import", 100_000),
            self.base_for("import", 100_000, "write"),
        ) {
            let r = ratio(i.wall, w.wall);
            println!(
                "  import 100k: wall {r:.2}× the write loop (≤ 3) {}",
                verdict(r <= 3.0)
            );
        }
    }

    /// Time per 10× records (at most 11×) and memory per record (at most 4 KB).
    fn growth(&self, name: &str) {
        let sizes: Vec<u64> = self
            .options
            .sizes
            .iter()
            .copied()
            .filter(|&s| self.get(name, s).is_some())
            .collect();
        let mut line = format!("  {name}:");
        let mut ok = !sizes.is_empty();
        for pair in sizes.windows(2) {
            let (Some(a), Some(b)) = (self.get(name, pair[0]), self.get(name, pair[1])) else {
                continue;
            };
            let per10 = |x: f64| x.powf(1.0 / ((pair[1] as f64 / pair[0] as f64).log10()));
            let cpu = per10(ratio(b.cpu, a.cpu));
            let wall = per10(ratio(b.wall, a.wall));
            ok &= cpu <= 11.0;
            line += &format!(
                " {}→{}: CPU ×{cpu:.1}, wall ×{wall:.1} per 10×",
                pair[0], pair[1]
            );
            let alongside = |size| self.paired.get(&(name.to_string(), size)).copied();
            if let (Some(pa), Some(pb)) = (alongside(pair[0]), alongside(pair[1])) {
                line += &format!(
                    " (the parse run alongside: ×{:.1})",
                    per10(ratio(pb.cpu, pa.cpu))
                );
            }
            line += ";";
        }
        if let Some(&largest) = sizes.last() {
            if let Some(s) = self.get(name, largest) {
                let kb = s.peak_kb as f64 / largest as f64;
                ok &= kb <= 4.0;
                line += &format!(" {kb:.2} KB/record at {largest}");
            }
        }
        println!(
            "{line} (≤ 11× per 10×, ≤ 4 KB/record) {}",
            if ok { "holds" } else { "MISSED" }
        );
    }
}

#[derive(Clone, Copy)]
enum Warm {
    /// Delete the load cache before each run.
    No,
    /// Make sure a cache exists before each run.
    Yes,
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

/// Deletes every cache kaynak keeps in `lib` (the load cache and the
/// derived caches beside it: `.kaynak-cache*`).
fn remove_caches(lib: &Path) -> io::Result<()> {
    for item in fs::read_dir(lib)? {
        let path = item?.path();
        let is_cache = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(CACHE_FILE));
        if is_cache {
            remove_if_present(&path)?;
        }
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Generates the library and its manuscript unless a complete one is there.
fn prepare(lib: &Path, manuscript: &Path, size: u64) -> io::Result<()> {
    let done = lib.join(format!(".generated-{GENERATION}"));
    if done.exists() && manuscript.exists() {
        return Ok(());
    }
    let started = Instant::now();
    let _ = fs::remove_dir_all(lib);
    fs::create_dir_all(lib)?;
    gen::write_library(lib, size)?;
    gen::write_manuscript(manuscript, size)?;
    fs::write(&done, "")?;
    println!("generated {size} records in {:.1?}", started.elapsed());
    Ok(())
}

/// `--baseline read|parse|write LIB SCRATCH`: one baseline, in its own process.
fn baseline(args: &[String]) {
    let (Some(kind), Some(lib), Some(scratch)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("--baseline KIND LIB SCRATCH");
        std::process::exit(2);
    };
    let files = record_files(Path::new(lib));
    let outcome = match kind.as_str() {
        "read" => files
            .iter()
            .map(|f| fs::read(f).map(|b| b.len()))
            .sum::<io::Result<usize>>(),
        "parse" => files
            .iter()
            .map(|f| {
                let text = fs::read_to_string(f)?;
                let doc = toml_edit::Document::parse(text.as_str()).map_err(io::Error::other)?;
                Ok(std::hint::black_box(doc).as_table().len())
            })
            .sum::<io::Result<usize>>(),
        "write" => write_files(Path::new(scratch), files.len() as u64),
        other => Err(io::Error::other(format!("unknown baseline {other}"))),
    };
    match outcome {
        Ok(n) => println!("{n}"),
        Err(e) => {
            eprintln!("baseline {kind}: {e}");
            std::process::exit(2);
        }
    }
}

/// The record files of a library, sorted, as the loader finds them.
fn record_files(lib: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(lib)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Writes `count` files of the generated records' sizes, one `fs::write` each.
fn write_files(dir: &Path, count: u64) -> io::Result<usize> {
    fs::create_dir_all(dir)?;
    let mut bytes = 0;
    for i in 0..count {
        let text = gen::record(i);
        bytes += text.len();
        fs::write(dir.join(format!("r{i:06}.toml")), text)?;
    }
    Ok(bytes)
}
