//! The fuzzers' seed files and any input that once crashed them (`fuzz/regressions/`),
//! run on every `make test`: each gives contacts or a clear error about the file.

use std::path::Path;

#[test]
fn every_kept_fuzz_input_reads_or_is_refused_clearly() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut read = 0;
    for dir in ["corpus/import_file", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir)) else { continue };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap();
            match rapport_core::transfer::parse_import_bytes(&bytes) {
                Ok(parsed) => assert!(parsed.contacts.iter().all(|c| !c.edit.display_name.is_empty())),
                Err(e) => assert_eq!((e.kind(), e.field()), ("invalid", Some("file")), "{}: {e}", entry.path().display()),
            }
            read += 1;
        }
    }
    assert!(read >= 6, "the seed corpus is there ({read} files)");
}
