//! Bytes after a vCard's first line, so every input reaches the vCard parser.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let mut file = b"BEGIN:VCARD\r\n".to_vec();
    file.extend_from_slice(bytes);
    if let Ok(parsed) = rapport_core::transfer::parse_import_bytes(&file) {
        assert_eq!(parsed.format, rapport_core::transfer::ImportFormat::Vcard);
    }
});
