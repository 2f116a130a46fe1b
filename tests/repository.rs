//! The repository itself: no file a person reads or the build compiles holds
//! a merge's conflict markers (an old merge once left them in README.md).

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Text files under `dir` (not in `target/` or hidden folders).
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(items) = fs::read_dir(dir) else {
        return;
    };
    for item in items.flatten() {
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        if path.is_dir() {
            text_files(&path, out);
        } else if ["rs", "md", "toml", "csl", "xml", "sh", "json", "yml"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext))
        {
            out.push(path);
        }
    }
}

#[test]
fn no_file_holds_conflict_markers() {
    let root = root();
    let mut files = vec![root.join("README.md"), root.join("Cargo.toml")];
    for dir in [
        "src", "crates", "tools", "docs", "examples", "benches", "tests", ".ci",
    ] {
        text_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 100, "found only {} files", files.len());
    let mut found = Vec::new();
    for file in &files {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            let marker = ["<<<<<<< ", ">>>>>>> "].iter().any(|m| line.starts_with(m))
                || line == "=======" && text.contains("\n<<<<<<< ");
            if marker {
                found.push(format!("{}:{}: {line}", file.display(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "conflict markers:\n{}", found.join("\n"));
}
