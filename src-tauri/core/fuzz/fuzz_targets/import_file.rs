//! Any bytes as an import file: a clear error or contacts, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let _ = rapport_core::transfer::parse_import_bytes(bytes);
});
