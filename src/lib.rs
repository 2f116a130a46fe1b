//! kaynak ("source" in Turkish): a citation and bibliography manager for
//! references that mix scripts and languages.
//!
//! Data flows one way:
//!
//! ```text
//! sources/*.toml ─► store (load, spans) ─► model (typed, multilingual) ─► checks / exporters / CSL engine ─► output
//! ```
//!
//! Only the command line prints; it is a module of the `kaynak` binary
//! (`src/cli/`), not of this library, and uses the modules below like any other
//! caller. Everything else returns data, and problems are
//! [`diag::Diagnostic`]s. docs/architecture.md says where a change goes.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("niyazov.toml"), r#"
//! type = "article-journal"
//! language = "ru"
//! title = { original = "Развитие связей", translit = "Razvitiye svyazey" }
//! "#).unwrap();
//! let loaded = kaynak::store::load(dir.path()).unwrap();
//! assert!(loaded.diagnostics.is_empty());
//! let entry = loaded.library.get("niyazov").unwrap();
//! assert_eq!(entry.text("title").unwrap().translit(), Some("Razvitiye svyazey"));
//! ```

// Diagnostics are returned as errors on purpose (they are data, with a place and
// a help line); boxing each would only add noise.
#![allow(clippy::result_large_err)]

pub mod adapter;
pub mod check;
pub mod diag;
pub mod document;
pub mod forms;
pub mod interchange;
pub mod model;
pub mod search;
pub mod store;

pub use kaynak_csl as csl;
pub use kaynak_text as text;
