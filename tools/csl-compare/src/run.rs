//! Running the two renderers: finding the styles and their parents,
//! installing citeproc-js into the cache folder, building kaynak-csl's
//! `render_json` example, and running both on every style, a few at a time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The citeproc-js release compared against (npm package `citeproc`).
pub const CITEPROC_VERSION: &str = "2.4.63";

/// One style to render.
#[derive(Debug, Clone)]
pub struct StyleJob {
    /// The path below the styles folder without `.csl` (`more/plos`).
    pub name: String,
    /// The style file (for kaynak, which resolves a dependent's parent itself).
    pub path: PathBuf,
    /// The independent style citeproc-js renders (the parent of a dependent one).
    pub independent: PathBuf,
    /// The locale: the dependent's `default-locale`, else the parent's, else en-US.
    pub lang: String,
}

/// What one style's `<style>` and `<info>` say: default locale and parent link.
fn style_head(path: &Path) -> Result<(Option<String>, Option<String>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = roxmltree::Document::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let root = doc.root_element();
    let locale = root.attribute("default-locale").map(str::to_string);
    let parent = root
        .descendants()
        .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("independent-parent"))
        .and_then(|n| n.attribute("href"))
        .map(str::to_string);
    Ok((locale, parent))
}

/// Every `.csl` file in `styles` and its sub-folders (`dependent/`, `more/`), sorted.
pub fn styles(styles: &Path) -> Result<Vec<StyleJob>, String> {
    let mut files = Vec::new();
    let mut dirs = vec![styles.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "csl") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut jobs = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(styles)
            .unwrap_or(&path)
            .with_extension("")
            .to_string_lossy()
            .into_owned();
        let (locale, parent) = style_head(&path)?;
        let (independent, lang) = match parent {
            Some(link) => {
                let file = format!("{}.csl", link.rsplit('/').next().unwrap_or(&link));
                let parent = find_file(styles, &file).ok_or_else(|| {
                    format!(
                        "{}: the parent {link} is not under {}",
                        path.display(),
                        styles.display()
                    )
                })?;
                let (parent_locale, _) = style_head(&parent)?;
                (parent, locale.or(parent_locale))
            }
            None => (path.clone(), locale),
        };
        jobs.push(StyleJob {
            name,
            path,
            independent,
            lang: lang.unwrap_or_else(|| "en-US".to_string()),
        });
    }
    Ok(jobs)
}

fn find_file(root: &Path, file: &str) -> Option<PathBuf> {
    let direct = root.join(file);
    if direct.is_file() {
        return Some(direct);
    }
    std::fs::read_dir(root)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .find_map(|dir| find_file(&dir, file))
}

/// The citeproc-js module in the cache folder, installed with npm if absent.
pub fn citeproc(cache: &Path) -> Result<PathBuf, String> {
    let module = cache.join("node_modules/citeproc");
    let manifest = std::fs::read_to_string(module.join("package.json")).unwrap_or_default();
    if manifest.contains(&format!("\"version\": \"{CITEPROC_VERSION}\"")) {
        return Ok(module);
    }
    std::fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    let package = cache.join("package.json");
    if !package.exists() {
        std::fs::write(&package, "{\"private\": true}\n")
            .map_err(|e| format!("{}: {e}", package.display()))?;
    }
    eprintln!(
        "csl-compare: npm install citeproc@{CITEPROC_VERSION} into {}",
        cache.display()
    );
    let status = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--no-save"])
        .arg(format!("citeproc@{CITEPROC_VERSION}"))
        .current_dir(cache)
        .status()
        .map_err(|e| format!("npm: {e} (csl-compare needs node and npm)"))?;
    if !status.success() || !module.join("package.json").is_file() {
        return Err(format!("npm install citeproc@{CITEPROC_VERSION} failed"));
    }
    Ok(module)
}

/// Build kaynak-csl's `render_json` example; returns the binary.
pub fn build_kaynak(root: &Path, release: bool) -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut command = Command::new(cargo);
    command
        .args([
            "build",
            "--quiet",
            "-p",
            "kaynak-csl",
            "--example",
            "render_json",
        ])
        .current_dir(root);
    if release {
        command.arg("--release");
    }
    let status = command.status().map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err("building kaynak-csl's render_json example failed".to_string());
    }
    let profile = if release { "release" } else { "debug" };
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target"));
    Ok(target.join(profile).join("examples/render_json"))
}

/// One render: the output JSON file, or why there is none, and how long it took.
pub struct Rendered {
    pub result: Result<PathBuf, String>,
    pub time: Duration,
}

/// Everything both engines need.
pub struct Inputs {
    pub kaynak: PathBuf,
    pub node_script: PathBuf,
    pub citeproc: PathBuf,
    pub locales: PathBuf,
    pub items: PathBuf,
    pub clusters: PathBuf,
    pub out: PathBuf,
    /// `--sort-script` for kaynak (`original` or `translit`).
    pub sort_script: String,
    /// Render only kaynak, keeping citeproc-js's earlier outputs.
    pub kaynak_only: bool,
}

/// Render `job` with one engine; stdout goes to `out/ENGINE/NAME.json`.
fn render(inputs: &Inputs, job: &StyleJob, engine: &str) -> Rendered {
    let start = Instant::now();
    let file = inputs
        .out
        .join(engine)
        .join(format!("{}.json", job.name.replace('/', "__")));
    let mut command = if engine == "kaynak" {
        let mut c = Command::new(&inputs.kaynak);
        c.arg("--style").arg(&job.path);
        c.args(["--sort-script", &inputs.sort_script]);
        c
    } else {
        let mut c = Command::new("node");
        c.arg(&inputs.node_script)
            .arg("--citeproc")
            .arg(&inputs.citeproc)
            .arg("--style")
            .arg(&job.independent);
        c
    };
    command
        .arg("--locales")
        .arg(&inputs.locales)
        .args(["--lang", &job.lang, "--format", "html"])
        .arg(&inputs.items)
        .arg(&inputs.clusters);
    let result = command
        .output()
        .map_err(|e| format!("{engine}: {e}"))
        .and_then(|out| {
            if out.status.success() {
                std::fs::write(&file, &out.stdout)
                    .map(|_| file.clone())
                    .map_err(|e| format!("{}: {e}", file.display()))
            } else {
                let err = String::from_utf8_lossy(&out.stderr);
                Err(err.lines().take(3).collect::<Vec<_>>().join(" | "))
            }
        });
    Rendered {
        result,
        time: start.elapsed(),
    }
}

/// Render every job with both engines on `threads` threads; results in job order,
/// each as (kaynak, citeproc-js).
pub fn render_all(inputs: &Inputs, jobs: &[StyleJob], threads: usize) -> Vec<(Rendered, Rendered)> {
    for engine in ["kaynak", "citeproc"] {
        let _ = std::fs::create_dir_all(inputs.out.join(engine));
    }
    let tasks: Vec<(usize, &str)> = (0..jobs.len())
        .flat_map(|i| [(i, "citeproc"), (i, "kaynak")])
        .collect();
    let kept = |job: &StyleJob| {
        let file = inputs
            .out
            .join("citeproc")
            .join(format!("{}.json", job.name.replace('/', "__")));
        Rendered {
            result: if file.is_file() {
                Ok(file)
            } else {
                Err("no earlier citeproc-js output".into())
            },
            time: Duration::ZERO,
        }
    };
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Rendered>>> =
        Mutex::new((0..tasks.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(job, engine)) = tasks.get(n) else {
                    break;
                };
                let rendered = if engine == "citeproc" && inputs.kaynak_only {
                    kept(&jobs[job])
                } else {
                    render(inputs, &jobs[job], engine)
                };
                if let Ok(mut slots) = results.lock() {
                    slots[n] = Some(rendered);
                }
            });
        }
    });
    let mut slots = results.into_inner().unwrap_or_default().into_iter();
    let missing = || Rendered {
        result: Err("not run".to_string()),
        time: Duration::ZERO,
    };
    let mut out = Vec::new();
    while let (Some(citeproc), Some(kaynak)) = (slots.next(), slots.next()) {
        out.push((
            kaynak.unwrap_or_else(missing),
            citeproc.unwrap_or_else(missing),
        ));
    }
    out
}
