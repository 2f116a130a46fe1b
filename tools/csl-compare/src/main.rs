//! csl-compare: renders generated multilingual CSL-JSON items with every
//! official style in `../shared/csl/styles/` (with `dependent/` and `more/`)
//! in kaynak (kaynak-csl's `render_json` example) and in citeproc-js (npm
//! `citeproc`, installed into `target/csl-compare/node/`), compares them entry
//! by entry and citation by citation, sets the deliberate deviations listed in
//! `deviations.toml` apart, and prints a per-style table.
//!
//! ```text
//! cargo run --release -p csl-compare -- [--items N] [--only TEXT]… [--jobs N]
//!     [--shared DIR] [--out DIR] [--top N] [--sort-script original|translit]
//!     [--no-render | --kaynak-only] [--debug]
//! ```
//!
//! Writes to `--out` (default `target/csl-compare/`): `items.json`,
//! `clusters.json`, each engine's output per style, `report.md` (table,
//! totals, deviations, differences grouped by their differing words),
//! `differences.md` (every remaining difference, in full) and
//! `differences.jsonl` (the same, one JSON object a line). See
//! docs/csl-parity.md.

mod alike;
mod collapse;
mod compare;
mod deviations;
mod generate;
mod label;
mod report;
mod run;

use compare::{Kind, Output};
use report::{Difference, StyleResult, Tally};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

struct Options {
    items: usize,
    only: Vec<String>,
    jobs: usize,
    shared: PathBuf,
    out: PathBuf,
    top: usize,
    render: bool,
    kaynak_only: bool,
    sort_script: String,
    release: bool,
}

const USAGE: &str = "usage: csl-compare [--items N] [--only TEXT]… [--jobs N] [--shared DIR] \
[--out DIR] [--top N] [--sort-script original|translit] [--no-render | --kaynak-only] [--debug]";

fn options(root: &Path) -> Result<Options, String> {
    let mut o = Options {
        items: 300,
        only: Vec::new(),
        jobs: 2,
        shared: root.join("../shared"),
        out: root.join("target/csl-compare"),
        top: 30,
        render: true,
        kaynak_only: false,
        sort_script: "original".to_string(),
        release: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        let number = |v: String| {
            v.parse::<usize>()
                .map_err(|_| format!("{arg}: `{v}` is not a number"))
        };
        match arg.as_str() {
            "--items" => o.items = number(value()?)?.max(1),
            "--jobs" => o.jobs = number(value()?)?.max(1),
            "--top" => o.top = number(value()?)?,
            "--only" => o.only.push(value()?),
            "--shared" => o.shared = PathBuf::from(value()?),
            "--out" => o.out = PathBuf::from(value()?),
            "--no-render" => o.render = false,
            "--kaynak-only" => o.kaynak_only = true,
            "--sort-script" => match value()?.as_str() {
                v @ ("original" | "translit") => o.sort_script = v.to_string(),
                v => {
                    return Err(format!(
                        "--sort-script takes original or translit, not `{v}`"
                    ))
                }
            },
            "--debug" => o.release = false,
            _ => return Err(format!("unknown argument {arg}\n{USAGE}")),
        }
    }
    Ok(o)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_output(path: &Path) -> Result<Output, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Output::from_json(&value).map_err(|e| format!("{}: {e}", path.display()))
}

/// What the comparison needs to know about the data: item languages and
/// the ids cited in each cluster.
struct Data {
    language: HashMap<String, String>,
    /// Each item's name lists (every name variable), as (family, given).
    names: HashMap<String, Vec<Vec<alike::Person>>>,
    /// Each item as CSL-JSON, by id.
    items: HashMap<String, Value>,
    cluster_ids: Vec<Vec<String>>,
}

impl Data {
    fn ids(&self, kind: Kind, key: &str) -> Vec<String> {
        match kind {
            Kind::Entry => vec![key.to_string()],
            Kind::Citation => key
                .parse::<usize>()
                .ok()
                .and_then(|n| self.cluster_ids.get(n - 1).cloned())
                .unwrap_or_default(),
        }
    }
}

/// An item's name lists: every array of names in it, as (family, given).
fn name_lists(item: &Value) -> Vec<Vec<alike::Person>> {
    let Some(fields) = item.as_object() else {
        return Vec::new();
    };
    fields
        .values()
        .filter_map(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(|n| {
                    let text = |k: &str| n.get(k).and_then(Value::as_str).map(str::to_string);
                    Some((text("family")?, text("given").unwrap_or_default()))
                })
                .collect::<Vec<_>>()
        })
        .filter(|list| !list.is_empty())
        .collect()
}

/// Compare one style's two outputs.
fn compare_style(
    name: &str,
    kaynak: &Output,
    citeproc: &Output,
    data: &Data,
    deviations: &[deviations::Deviation],
    counts: &mut BTreeMap<String, [usize; 2]>,
    differences: &mut Vec<Difference>,
) -> (Tally, Tally, bool) {
    let mut tallies = [Tally::default(), Tally::default()];
    for pair in compare::pairs(kaynak, citeproc) {
        let slot = match pair.kind {
            Kind::Entry => 0,
            Kind::Citation => 1,
        };
        tallies[slot].total += 1;
        if pair.kaynak == pair.citeproc {
            tallies[slot].identical += 1;
            continue;
        }
        let ids = data.ids(pair.kind, &pair.key);
        let languages: Vec<&str> = ids
            .iter()
            .filter_map(|id| data.language.get(id).map(String::as_str))
            .collect();
        let name_lists: Vec<Vec<alike::Person>> = ids
            .iter()
            .filter_map(|id| data.names.get(id))
            .flatten()
            .cloned()
            .collect();
        let records: Vec<&Value> = ids.iter().filter_map(|id| data.items.get(id)).collect();
        let items = deviations::Items {
            languages: &languages,
            name_lists: &name_lists,
            items: &records,
        };
        match deviations::explain(deviations, pair.kind, items, &pair.kaynak, &pair.citeproc) {
            Some(used) => {
                tallies[slot].deviations += 1;
                for i in used {
                    counts.entry(deviations[i].id.clone()).or_default()[slot] += 1;
                }
            }
            None => differences.push(Difference {
                style: name.to_string(),
                kind: pair.kind,
                key: pair.key,
                ids,
                kaynak: pair.kaynak,
                citeproc: pair.citeproc,
            }),
        }
    }
    (
        tallies[0],
        tallies[1],
        compare::same_order(kaynak, citeproc),
    )
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn main() -> ExitCode {
    match run_all() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("csl-compare: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_all() -> Result<(), String> {
    let started = Instant::now();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here.join("../..");
    let o = options(&root)?;
    let csl = o.shared.join("csl");
    std::fs::create_dir_all(&o.out).map_err(|e| format!("{}: {e}", o.out.display()))?;

    let items = generate::items(o.items);
    let clusters = generate::clusters(o.items);
    let items_file = o.out.join("items.json");
    let clusters_file = o.out.join("clusters.json");
    write(&items_file, &format!("{:#}", Value::Array(items.clone())))?;
    write(
        &clusters_file,
        &format!("{:#}", Value::Array(clusters.clone())),
    )?;
    let data = Data {
        items: items
            .iter()
            .filter_map(|i| Some((i["id"].as_str()?.to_string(), i.clone())))
            .collect(),
        names: items
            .iter()
            .filter_map(|i| Some((i["id"].as_str()?.to_string(), name_lists(i))))
            .collect(),
        language: items
            .iter()
            .filter_map(|i| {
                Some((
                    i["id"].as_str()?.to_string(),
                    i["language"].as_str()?.to_string(),
                ))
            })
            .collect(),
        cluster_ids: clusters
            .iter()
            .map(|c| {
                c["citationItems"]
                    .as_array()
                    .map(|cites| {
                        cites
                            .iter()
                            .filter_map(|x| x["id"].as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect(),
    };
    let deviations_file = here.join("deviations.toml");
    let deviations = deviations::parse(
        &std::fs::read_to_string(&deviations_file)
            .map_err(|e| format!("{}: {e}", deviations_file.display()))?,
        "tools/csl-compare/deviations.toml",
    )?;

    let mut jobs = run::styles(&csl.join("styles"))?;
    if !o.only.is_empty() {
        jobs.retain(|j| o.only.iter().any(|s| j.name.contains(s.as_str())));
    }
    let mut render_time = Duration::ZERO;
    let mut engine_time = [Duration::ZERO; 2];
    let mut failures: HashMap<String, String> = HashMap::new();
    if o.render {
        let citeproc = if o.kaynak_only {
            PathBuf::new()
        } else {
            run::citeproc(&o.out.join("node"))?
        };
        let kaynak = run::build_kaynak(&root, o.release)?;
        let inputs = run::Inputs {
            kaynak,
            node_script: here.join("citeproc.js"),
            citeproc,
            locales: csl.join("locales"),
            items: items_file,
            clusters: clusters_file,
            out: o.out.clone(),
            sort_script: o.sort_script.clone(),
            kaynak_only: o.kaynak_only,
        };
        let render_start = Instant::now();
        for (job, (k, c)) in jobs.iter().zip(run::render_all(&inputs, &jobs, o.jobs)) {
            engine_time[0] += k.time;
            engine_time[1] += c.time;
            let errors: Vec<String> = [("kaynak", k.result), ("citeproc-js", c.result)]
                .into_iter()
                .filter_map(|(engine, r)| r.err().map(|e| format!("{engine}: {e}")))
                .collect();
            if !errors.is_empty() {
                failures.insert(job.name.clone(), errors.join("; "));
            }
        }
        render_time = render_start.elapsed();
    }

    let mut results = Vec::new();
    let mut counts = BTreeMap::new();
    let mut differences = Vec::new();
    for job in &jobs {
        let file = format!("{}.json", job.name.replace('/', "__"));
        let mut result = StyleResult {
            name: job.name.clone(),
            lang: job.lang.clone(),
            ..StyleResult::default()
        };
        let outputs = failures.get(&job.name).cloned().map_or_else(
            || {
                Ok((
                    read_output(&o.out.join("kaynak").join(&file))?,
                    read_output(&o.out.join("citeproc").join(&file))?,
                ))
            },
            Err,
        );
        match outputs {
            Ok((k, c)) => {
                let (e, t, order) = compare_style(
                    &job.name,
                    &k,
                    &c,
                    &data,
                    &deviations,
                    &mut counts,
                    &mut differences,
                );
                (result.entries, result.citations, result.same_order) = (e, t, order);
            }
            Err(e) => result.error = Some(e),
        }
        results.push(result);
    }

    let mut report = String::new();
    let _ = writeln!(
        report,
        "{}\n{}",
        report::table(&results),
        report::totals(&results)
    );
    let _ = writeln!(
        report,
        "Deviations counted apart:\n\n{}",
        report::deviation_counts(&deviations, &counts)
    );
    let groups = report::groups(&differences);
    let mut top =
        String::from("Remaining differences by differing words (kaynak ≠ citeproc-js):\n\n");
    for (n, kind, a, b, styles, example) in groups.iter().take(o.top) {
        let _ = writeln!(
            top,
            "{n:>5} {:<8} in {styles:>2} styles: `{a}` ≠ `{b}`   e.g. {} {} {}",
            kind.name(),
            example.style,
            kind.name(),
            example.key
        );
    }
    print!("{report}{top}");
    let timing = format!(
        "\n{} styles, {} items, {} clusters, kaynak sorting Cyrillic keys on the {} letters; rendering {} wall on {} jobs (kaynak {} and citeproc-js {} in all); whole run {}\n",
        jobs.len(),
        o.items,
        clusters.len(),
        if o.sort_script == "original" { "original" } else { "romanised" },
        seconds(render_time),
        o.jobs,
        seconds(engine_time[0]),
        seconds(engine_time[1]),
        seconds(started.elapsed())
    );
    print!("{timing}");
    let mut all_groups = String::from("\nAll groups:\n\n");
    for (n, kind, a, b, styles, example) in &groups {
        let _ = writeln!(
            all_groups,
            "- {n} {} in {styles} styles: `{a}` ≠ `{b}` (e.g. {} {} {})",
            kind.name(),
            example.style,
            kind.name(),
            example.key
        );
    }
    write(
        &o.out.join("report.md"),
        &format!("{report}{all_groups}{timing}"),
    )?;
    write(
        &o.out.join("differences.md"),
        &report::differences_markdown(&differences),
    )?;
    let lines: Vec<String> = differences
        .iter()
        .map(|d| {
            serde_json::json!({
                "style": d.style, "kind": d.kind.name(), "key": d.key, "ids": d.ids,
                "kaynak": d.kaynak, "citeproc": d.citeproc,
            })
            .to_string()
        })
        .collect();
    write(&o.out.join("differences.jsonl"), &(lines.join("\n") + "\n"))?;
    println!(
        "details: {}, differences.md and differences.jsonl",
        o.out.join("report.md").display()
    );
    Ok(())
}
