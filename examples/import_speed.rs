//! How fast `kaynak import` writes a large library, against the fastest a
//! program can write the same number of files of the same size.
//!
//! ```sh
//! cargo build --release && cargo run --release --example import_speed -- 100000
//! ```
//!
//! Generates N CSL-JSON items (default 100,000), times `kaynak import` of
//! them into an empty library (the release binary beside this example), then
//! times a plain loop that creates, writes and closes N files of the records'
//! average size in another empty directory, in the same run, and prints both
//! and their ratio. Wall time is what a user waits for; the machine may be
//! busy, so run it more than once and compare ratios, not seconds.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let binary = kaynak_binary();
    let work = std::env::temp_dir().join(format!("kaynak-import-speed-{}", std::process::id()));
    fs::create_dir_all(&work).expect("a work directory");
    let items = work.join("items.json");
    fs::write(&items, generate(count)).expect("the items");

    let library = work.join("library");
    let started = Instant::now();
    let status = std::process::Command::new(&binary)
        .arg("--library")
        .arg(&library)
        .args(["import", "--quiet"])
        .arg(&items)
        .status()
        .expect("kaynak runs");
    let import = started.elapsed();
    assert!(status.success(), "kaynak import failed");
    let (files, bytes) = sizes(&library);
    assert_eq!(files, count, "every item became a record");
    let size = bytes / files.max(1);

    let plain = work.join("plain");
    fs::create_dir_all(&plain).expect("a directory");
    let record = vec![b'x'; size];
    let started = Instant::now();
    for i in 0..count {
        let mut file = fs::File::create(plain.join(format!("r{i:07}.toml"))).expect("a file");
        file.write_all(&record).expect("written");
    }
    let baseline = started.elapsed();

    println!("records: {count}, average {size} bytes");
    println!("kaynak import:        {:8.2} s wall", import.as_secs_f64());
    println!(
        "plain loop of writes: {:8.2} s wall",
        baseline.as_secs_f64()
    );
    println!(
        "ratio: {:.2}× the plain loop",
        import.as_secs_f64() / baseline.as_secs_f64()
    );
    let _ = fs::remove_dir_all(&work);
}

/// The release binary: `target/release/kaynak`, beside `examples/`.
fn kaynak_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("this example's path");
    let dir = exe.parent().and_then(Path::parent).expect("target/release");
    let binary = dir.join("kaynak");
    assert!(
        binary.exists(),
        "build the binary first: cargo build --release"
    );
    binary
}

fn generate(count: usize) -> String {
    let mut out = String::with_capacity(count * 320);
    out.push('[');
    for i in 0..count {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            concat!(
                "\n{{\"id\":\"item{i:07}\",\"type\":\"article-journal\",",
                "\"title\":\"On the measurement of record {i} in a large library\",",
                "\"author\":[{{\"family\":\"Doe\",\"given\":\"Jane\"}},{{\"family\":\"Öztürk\",\"given\":\"Ayşe\"}}],",
                "\"container-title\":\"Journal of Examples\",\"volume\":\"{v}\",\"page\":\"1-{p}\",",
                "\"issued\":{{\"date-parts\":[[{y}]]}},\"DOI\":\"10.1000/{i}\"}}"
            ),
            i = i,
            v = i % 90 + 1,
            p = i % 400 + 2,
            y = 1950 + i % 70
        ));
    }
    out.push_str("\n]\n");
    out
}

fn sizes(dir: &Path) -> (usize, usize) {
    let mut files = 0;
    let mut bytes = 0;
    for entry in fs::read_dir(dir).expect("the library").flatten() {
        if entry.file_name().to_string_lossy().ends_with(".toml") {
            files += 1;
            bytes += entry.metadata().map_or(0, |m| m.len() as usize);
        }
    }
    (files, bytes)
}
