//! The hostile-input corpus (`tests/hostile/`): malformed records, settings,
//! BibTeX, RIS, CSL-JSON, styles, locales and manuscripts. Each case runs the
//! binary under a memory limit and a time limit, and must end with exit code
//! 1 or 2 (never a panic's 101 or an abort's 134), with a message that names
//! the input's file, line and column. The limits are bounds, not speed
//! assertions: a case that needs them has run away.
//!
//! | directory   | command                                  | exit |
//! |-------------|------------------------------------------|------|
//! | `records/`  | `check` on a library of that one record  | 1    |
//! | `settings/` | `check`, the file as `kaynak.toml`       | 1    |
//! | `bib/`, `ris/`, `json/` | `import FILE --dry-run`      | 1, 2 |
//! | `styles/`   | `cite --style FILE @good`                | 2    |
//! | `locales/`  | `bib --locales DIR`, as `locales-en-US.xml` | 2 |
//! | `markdown/` | `render FILE`                            | 1, 2 |
//!
//! Every record case also runs `list`, `show`, `bib`, `fmt --check` and
//! `export`, which must end in 0, 1 or 2 within the same bounds.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The address space a run may use: far above what any case needs (a debug
/// build checks a record in tens of megabytes), far below the machine.
const MEMORY_LIMIT: u64 = 2 << 30;
/// CPU seconds, and wall-clock seconds before the run is killed.
const CPU_LIMIT: u64 = 60;
const WALL_LIMIT: Duration = Duration::from_secs(90);

/// A good record for the cases that need a library to format.
const GOOD: &str =
    "type = \"book\"\ntitle = \"Good\"\nissued = 2020\nauthor = [{ family = \"A\", given = \"B\" }]\npublisher = \"P\"\npublisher-place = \"X\"\nISBN = \"9780306406157\"\n";

/// Cases whose message has no line and column because none exists in the
/// input: the whole input is wrong, and the message names the file.
const WHOLE_FILE: &[&str] = &[
    "records/utf16-bom.toml",
    "json/empty.json",
    "styles/empty.csl",
    "locales/empty.xml",
    // Not UTF-8: the import and render commands read their input in code
    // owned elsewhere (src/cli/import.rs, src/cli/render.rs), which names
    // the byte offset or only the file; a line and column would be better.
    "bib/latin1.bib",
    "bib/utf16.bib",
    "ris/latin1.ris",
    "ris/utf16.ris",
    "json/latin1.json",
    "json/utf16.json",
    "markdown/latin1.md",
    "markdown/utf16.md",
];

struct Outcome {
    code: Option<i32>,
    text: String,
    elapsed: Duration,
}

fn run(args: &[&str], library: &Path) -> Outcome {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kaynak"));
    command
        .arg("--library")
        .arg(library)
        .args(["--color", "never"])
        .args(args)
        .env_remove("KAYNAK_LIBRARY")
        .env("KAYNAK_THREADS", "2")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit(&mut command);
    let started = Instant::now();
    let mut child = command.spawn().expect("run kaynak");
    // Drain both pipes on threads, so a chatty run cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > WALL_LIMIT {
            let _ = child.kill();
            break child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut text = String::from_utf8_lossy(&out.join().unwrap_or_default()).into_owned();
    text.push_str(&String::from_utf8_lossy(&err.join().unwrap_or_default()));
    Outcome {
        code: status.code(),
        text,
        elapsed: started.elapsed(),
    }
}

#[cfg(unix)]
fn limit(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    let set = |resource, value: u64| {
        let limit = libc::rlimit {
            rlim_cur: value as libc::rlim_t,
            rlim_max: value as libc::rlim_t,
        };
        // SAFETY: setrlimit with a valid struct; called in the child only.
        if unsafe { libc::setrlimit(resource, &limit) } == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    };
    // SAFETY: the closure only calls setrlimit, which is async-signal-safe.
    unsafe {
        command.pre_exec(move || {
            set(libc::RLIMIT_AS, MEMORY_LIMIT)?;
            set(libc::RLIMIT_CPU, CPU_LIMIT)?;
            set(libc::RLIMIT_CORE, 0)
        });
    }
}

#[cfg(not(unix))]
fn limit(_: &mut Command) {}

/// The cases of one directory, sorted.
fn cases(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(kind);
    let mut found: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("case").path())
        .collect();
    found.sort();
    found
}

fn case_name(path: &Path) -> String {
    let parent = path.parent().and_then(Path::file_name).unwrap_or_default();
    let name = path.file_name().unwrap_or_default();
    format!("{}/{}", parent.to_string_lossy(), name.to_string_lossy())
}

/// Checks one outcome; returns the failure, if any, in words.
fn judge(
    case: &str,
    what: &str,
    outcome: &Outcome,
    codes: &[i32],
    located: Option<&str>,
) -> Option<String> {
    let shown = || outcome.text.chars().take(600).collect::<String>();
    if outcome.elapsed > WALL_LIMIT {
        return Some(format!(
            "{case} ({what}): killed after {:?}",
            outcome.elapsed
        ));
    }
    match outcome.code {
        Some(code) if codes.contains(&code) => {}
        code => {
            return Some(format!(
                "{case} ({what}): exit {code:?}, expected {codes:?}:\n{}",
                shown()
            ))
        }
    }
    if let Some(file) = located {
        let needle = format!("{file}:");
        let has_place = outcome.text.match_indices(&needle).any(|(i, _)| {
            let rest = &outcome.text[i + needle.len()..];
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().unwrap_or("");
            let column = parts.next().unwrap_or("");
            !line.is_empty()
                && line.bytes().all(|b| b.is_ascii_digit())
                && column.bytes().take_while(u8::is_ascii_digit).count() > 0
        });
        if !has_place && !WHOLE_FILE.contains(&case) {
            return Some(format!(
                "{case} ({what}): no `{file}:LINE:COLUMN` in:\n{}",
                shown()
            ));
        }
        if !outcome.text.contains(file) {
            return Some(format!(
                "{case} ({what}): the message does not name {file}:\n{}",
                shown()
            ));
        }
    }
    None
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn library_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, data) in files {
        fs::write(dir.path().join(name), data).expect("write");
    }
    dir
}

/// Runs every case of `kinds` through `one`, and fails with every failure.
fn run_all(kinds: &[&str], one: fn(&Path) -> Vec<String>) {
    let mut failures = Vec::new();
    let mut count = 0;
    for kind in kinds {
        for path in cases(kind) {
            count += 1;
            failures.extend(one(&path));
        }
    }
    eprintln!(
        "hostile {kinds:?}: {count} cases, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn record_case(path: &Path) -> Vec<String> {
    let case = case_name(path);
    let name = file_name(path);
    let data = fs::read(path).expect("read case");
    let dir = library_with(&[(&name, &data)]);
    let stem = name.trim_end_matches(".toml");
    let mut failures = Vec::new();
    let outcome = run(&["check", "--format", "concise"], dir.path());
    failures.extend(judge(&case, "check", &outcome, &[1], Some(&name)));
    for args in [
        &["list"][..],
        &["show", stem],
        &["bib", "--style", "apa", "--format", "latex"],
        &["fmt", "--check"],
        &["export", "--to", "biblatex"],
    ] {
        let outcome = run(args, dir.path());
        failures.extend(judge(&case, &args.join(" "), &outcome, &[0, 1, 2], None));
    }
    failures
}

fn settings_case(path: &Path) -> Vec<String> {
    let data = fs::read(path).expect("read case");
    let dir = library_with(&[("kaynak.toml", &data), ("good.toml", GOOD.as_bytes())]);
    let outcome = run(&["check", "--format", "concise"], dir.path());
    let mut failures: Vec<String> = judge(
        &case_name(path),
        "check",
        &outcome,
        &[1],
        Some("kaynak.toml"),
    )
    .into_iter()
    .collect();
    let outcome = run(&["bib", "--style", "apa"], dir.path());
    failures.extend(judge(&case_name(path), "bib", &outcome, &[0, 1, 2], None));
    failures
}

fn import_case(path: &Path) -> Vec<String> {
    let dir = library_with(&[]);
    let file = path.to_string_lossy();
    let outcome = run(&["import", &file, "--dry-run"], dir.path());
    let name = file_name(path);
    judge(&case_name(path), "import", &outcome, &[1, 2], Some(&name))
        .into_iter()
        .collect()
}

fn style_case(path: &Path) -> Vec<String> {
    let dir = library_with(&[("good.toml", GOOD.as_bytes())]);
    let file = path.to_string_lossy();
    let outcome = run(&["cite", "--style", &file, "@good"], dir.path());
    let name = file_name(path);
    judge(
        &case_name(path),
        "cite --style",
        &outcome,
        &[2],
        Some(&name),
    )
    .into_iter()
    .collect()
}

fn locale_case(path: &Path) -> Vec<String> {
    let data = fs::read(path).expect("read case");
    let dir = library_with(&[("good.toml", GOOD.as_bytes())]);
    let locales = dir.path().join("locales");
    fs::create_dir(&locales).expect("mkdir");
    fs::write(locales.join("locales-en-US.xml"), data).expect("write");
    let dir_arg = locales.to_string_lossy();
    let args = [
        "bib",
        "--style",
        "apa",
        "--locale",
        "en-US",
        "--locales",
        &dir_arg,
    ];
    let outcome = run(&args, dir.path());
    judge(
        &case_name(path),
        "bib --locales",
        &outcome,
        &[2],
        Some("locales-en-US.xml"),
    )
    .into_iter()
    .collect()
}

fn markdown_case(path: &Path) -> Vec<String> {
    let dir = library_with(&[("good.toml", GOOD.as_bytes())]);
    let file = path.to_string_lossy();
    let outcome = run(&["render", &file, "--style", "chicago-notes"], dir.path());
    let name = file_name(path);
    judge(&case_name(path), "render", &outcome, &[1, 2], Some(&name))
        .into_iter()
        .collect()
}

#[test]
fn hostile_records() {
    run_all(&["records"], record_case);
}

#[test]
fn hostile_settings() {
    run_all(&["settings"], settings_case);
}

#[test]
fn hostile_imports() {
    run_all(&["bib", "ris", "json"], import_case);
}

#[test]
fn hostile_styles_and_locales() {
    run_all(&["styles"], style_case);
    run_all(&["locales"], locale_case);
}

#[test]
fn hostile_manuscripts() {
    run_all(&["markdown"], markdown_case);
}

/// Cases made at run time: names git cannot hold, sizes not worth keeping.
#[cfg(unix)]
#[test]
fn hostile_files_made_on_the_spot() {
    use std::os::unix::ffi::OsStrExt;
    let mut failures = Vec::new();
    let big = format!("type = \"book\"\ntitle = \"{}\"\n", "x".repeat(1_100_000));
    let dir = library_with(&[("big.toml", big.as_bytes())]);
    failures.extend(judge(
        "made/big",
        "check",
        &run(&["check"], dir.path()),
        &[1],
        Some("big.toml"),
    ));
    let dir = library_with(&[]);
    fs::write(
        dir.path()
            .join(std::ffi::OsStr::from_bytes(b"caf\xe9.toml")),
        GOOD,
    )
    .expect("write");
    failures.extend(judge(
        "made/non-utf8-name",
        "list",
        &run(&["list"], dir.path()),
        &[0],
        None,
    ));
    let dir = library_with(&[("a\u{1b}]0;x\u{7}.toml", GOOD.as_bytes())]);
    let outcome = run(&["check", "--format", "concise"], dir.path());
    failures.extend(judge(
        "made/control-name",
        "check",
        &outcome,
        &[1],
        Some("a\\u{1b}]0;x\\u{7}.toml"),
    ));
    let dir = library_with(&[]);
    std::os::unix::fs::symlink("loop.toml", dir.path().join("loop.toml")).expect("symlink");
    let outcome = run(&["check", "--format", "concise"], dir.path());
    failures.extend(judge(
        "made/symlink-loop",
        "check",
        &outcome,
        &[1],
        Some("loop.toml"),
    ));
    let dir = library_with(&[("KAYNAK.toml", GOOD.as_bytes())]);
    let outcome = run(&["check", "--format", "concise"], dir.path());
    failures.extend(judge(
        "made/KAYNAK",
        "check",
        &outcome,
        &[1],
        Some("KAYNAK.toml"),
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
