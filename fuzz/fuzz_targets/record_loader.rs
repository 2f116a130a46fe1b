#![no_main]
//! See `kaynak_fuzz::record_loader` for what this target asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| kaynak_fuzz::record_loader(data));
