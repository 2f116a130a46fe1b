#![no_main]
//! See `kaynak_fuzz::csl_style_locale` for what this target asserts.

libfuzzer_sys::fuzz_target!(|data: &[u8]| kaynak_fuzz::csl_style_locale(data));
