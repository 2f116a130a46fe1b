#![no_main]
//! See `kaynak_fuzz::processor_item` for what this target asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| kaynak_fuzz::processor_item(data));
