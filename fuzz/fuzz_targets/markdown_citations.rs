#![no_main]
//! See `kaynak_fuzz::markdown_citations` for what this target asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| kaynak_fuzz::markdown_citations(data));
