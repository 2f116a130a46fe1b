#![no_main]
//! See `kaynak_fuzz::import_ris` for what this target asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| kaynak_fuzz::import_ris(data));
