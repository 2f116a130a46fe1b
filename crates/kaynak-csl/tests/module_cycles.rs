//! The crate's top-level modules form layers: no module cycle (`a` uses `b`
//! and `b`, directly or through others, uses `a`). The test reads every file
//! under `src/`, resolves each `crate::…`, `super::…`, `self::…` path (and a
//! `use` of a child module) to the top-level module it names, and fails
//! naming a cycle and the paths that make it.
//!
//! Paths in doc comments do not count; paths inside macro calls do. Code
//! under `#[cfg(test)]` does not count either: a unit test may reach across
//! layers to build its input.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// Module → the modules it uses, with one path that shows each use.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// The module path (`["eval", "sort"]`) of a file under `src/`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs").to_string();
        if stem != "mod" && stem != "lib" {
            parts.push(stem);
        }
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Collects the edges of one file into `graph`.
struct Collector<'g> {
    /// The module the visitor is in (grows inside inline `mod x { … }`).
    module: Vec<String>,
    /// Every module of the crate, by path.
    modules: &'g BTreeSet<Vec<String>>,
    graph: &'g mut Graph,
    file: String,
}

impl Collector<'_> {
    /// Records the use of `segments` (a path as written) from the current module.
    fn record(&mut self, segments: &[String]) {
        let Some(from) = self.module.first().cloned() else {
            return; // the crate root re-exports; it is above every module
        };
        let Some(target) = resolve(&self.module, segments, self.modules) else {
            return;
        };
        let Some(to) = target.first() else {
            return;
        };
        if *to != from && self.modules.contains(&vec![to.clone()]) {
            let shown = format!("{}: {}", self.file, segments.join("::"));
            self.graph
                .entry(from)
                .or_default()
                .entry(to.clone())
                .or_insert(shown);
        }
    }

    fn record_use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.record_use_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => {
                prefix.push(name.ident.to_string());
                self.record(prefix);
                prefix.pop();
            }
            syn::UseTree::Rename(rename) => {
                prefix.push(rename.ident.to_string());
                self.record(prefix);
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.record(prefix),
            syn::UseTree::Group(group) => {
                for item in &group.items {
                    self.record_use_tree(prefix, item);
                }
            }
        }
    }

    /// `crate :: a :: b` and the like inside a macro call's tokens.
    fn record_tokens(&mut self, tokens: proc_macro2::TokenStream) {
        let tokens: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            if let proc_macro2::TokenTree::Group(group) = &tokens[i] {
                self.record_tokens(group.stream());
                i += 1;
                continue;
            }
            let mut segments = Vec::new();
            let mut j = i;
            while let Some(proc_macro2::TokenTree::Ident(ident)) = tokens.get(j) {
                segments.push(ident.to_string());
                let colons = matches!(
                    (tokens.get(j + 1), tokens.get(j + 2)),
                    (Some(proc_macro2::TokenTree::Punct(a)), Some(proc_macro2::TokenTree::Punct(b)))
                        if a.as_char() == ':' && b.as_char() == ':'
                );
                if !colons {
                    break;
                }
                j += 3;
            }
            let anchored = segments
                .first()
                .is_some_and(|s| s == "crate" || s == "super" || s == "self");
            if segments.len() > 1 && anchored {
                self.record(&segments);
            }
            i = j.max(i) + 1;
        }
    }
}

/// The absolute module path a path names, if it names one in this crate.
fn resolve(
    module: &[String],
    segments: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let first = segments.first()?;
    let mut base: Vec<String>;
    let mut rest = segments;
    match first.as_str() {
        "crate" => {
            base = Vec::new();
            rest = &segments[1..];
        }
        "super" | "self" => {
            base = module.to_vec();
            while let Some(segment) = rest.first() {
                match segment.as_str() {
                    "super" => {
                        base.pop()?;
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
        _ => {
            // `use child::X` from the parent module
            let mut child = module.to_vec();
            child.push(first.clone());
            if !modules.contains(&child) {
                return None;
            }
            base = module.to_vec();
        }
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr.meta.require_list().is_ok_and(|list| {
                let text = list.tokens.to_string();
                text.contains("test") && !text.contains("not")
            })
    })
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs: &[syn::Attribute] = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Static(s) => &s.attrs,
            _ => &[],
        };
        if is_cfg_test(attrs) {
            return;
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.module.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.module.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.record_use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.record(&segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.record_tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

/// The graph of the crate's top-level modules, from the files under `src`.
fn crate_graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let paths: Vec<(PathBuf, Vec<String>)> = files
        .into_iter()
        .map(|file| {
            let module = module_path(file.strip_prefix(src).expect("under src"));
            (file, module)
        })
        .collect();
    let modules: BTreeSet<Vec<String>> = paths.iter().map(|(_, m)| m.clone()).collect();
    let mut graph = Graph::new();
    for (file, module) in &paths {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let syntax = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let shown = file
            .strip_prefix(src)
            .expect("under src")
            .display()
            .to_string();
        graph
            .entry(module.first().cloned().unwrap_or_default())
            .or_default();
        let mut collector = Collector {
            module: module.clone(),
            modules: &modules,
            graph: &mut graph,
            file: format!("src/{shown}"),
        };
        collector.visit_file(&syntax);
    }
    graph.remove("");
    graph
}

/// A cycle of `graph` (its first module repeated at the end), if it has one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<&'a str, Mark>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        marks.insert(node, Mark::Open);
        stack.push(node);
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next.as_str()) {
                Some(Mark::Open) => {
                    let start = stack.iter().position(|n| n == next)?;
                    let mut cycle: Vec<String> =
                        stack[start..].iter().map(|n| n.to_string()).collect();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(cycle) = visit(next, graph, marks, stack) {
                        return Some(cycle);
                    }
                }
            }
        }
        stack.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if !marks.contains_key(node.as_str()) {
            if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

fn edges(graph: &Graph) -> BTreeMap<String, BTreeSet<String>> {
    graph
        .iter()
        .map(|(from, to)| (from.clone(), to.keys().cloned().collect()))
        .collect()
}

#[test]
fn the_crate_has_no_module_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = crate_graph(&src);
    assert!(graph.len() > 5, "too few modules found: {graph:?}");
    if let Some(cycle) = find_cycle(&edges(&graph)) {
        let because: Vec<String> = cycle
            .windows(2)
            .map(|pair| {
                format!(
                    "  {} → {}  ({})",
                    pair[0], pair[1], graph[&pair[0]][&pair[1]]
                )
            })
            .collect();
        panic!(
            "module cycle {}:\n{}",
            cycle.join(" → "),
            because.join("\n")
        );
    }
}

fn hand_made(edges: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges {
        graph
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string());
        graph.entry(to.to_string()).or_default();
    }
    graph
}

#[test]
fn the_cycle_finder_finds_a_cycle_and_names_it() {
    let graph = hand_made(&[("a", "b"), ("b", "c"), ("c", "d"), ("d", "b"), ("a", "d")]);
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["b".into(), "c".into(), "d".into(), "b".into()])
    );
    let layered = hand_made(&[("a", "b"), ("b", "c"), ("a", "c"), ("d", "c")]);
    assert_eq!(find_cycle(&layered), None);
    let two = hand_made(&[("x", "y"), ("y", "x")]);
    assert_eq!(
        find_cycle(&two),
        Some(vec!["x".into(), "y".into(), "x".into()])
    );
}

#[test]
fn paths_resolve_to_the_top_level_module_they_name() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("b")).expect("dirs");
    let files = [
        ("lib.rs", "mod a; mod b; mod c; pub use a::X;"),
        ("a.rs", "use crate::b::Y; pub struct X;"),
        // super:: from b/inner.rs is b; super::super:: is the root
        ("b/mod.rs", "mod inner; pub struct Y;"),
        (
            "b/inner.rs",
            "use super::Y; fn f() -> bool { matches!(super::super::c::Z, super::super::c::Z) }",
        ),
        // only under cfg(test): not counted
        (
            "c.rs",
            "pub struct Z; #[cfg(test)] mod tests { use crate::a::X; }",
        ),
    ];
    for (name, text) in files {
        std::fs::write(src.join(name), text).expect("write");
    }
    let graph = edges(&crate_graph(&src));
    assert_eq!(graph["a"], BTreeSet::from(["b".to_string()]));
    assert_eq!(graph["b"], BTreeSet::from(["c".to_string()]));
    assert_eq!(graph["c"], BTreeSet::new());
    assert_eq!(find_cycle(&graph), None);
    // c using a closes the cycle a → b → c → a
    std::fs::write(
        src.join("c.rs"),
        "pub struct Z; fn g() { let _ = crate::a::X; }",
    )
    .expect("write");
    let graph = edges(&crate_graph(&src));
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
