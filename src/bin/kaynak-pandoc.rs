//! `kaynak-pandoc`: a pandoc JSON filter that formats a document's
//! citations with kaynak (`pandoc paper.md --filter kaynak-pandoc -o
//! paper.docx`). Reads the document on standard input and writes it back
//! on standard output; everything else is `kaynak::cli::pandoc_filter`'s.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(kaynak::cli::pandoc_filter::main())
}
