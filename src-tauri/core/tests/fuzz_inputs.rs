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

/// The LinkedIn and X fuzzers' seeds, read as the file each stands for: every seed is a
/// real reading with messages, so the fuzzers start from inputs that go deep.
#[test]
fn the_linkedin_and_x_seeds_read_as_exports() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let seeds = [
        ("archive_linkedin/messages.csv", "messages.csv"),
        ("archive_linkedin/messages-2020.csv", "messages.csv"),
        ("archive_linkedin/invitations.csv", "Invitations.csv"),
        ("archive_x/direct-messages.js", "data/direct-messages.js"),
        ("archive_x/direct-messages-group.js", "data/direct-messages-group.js"),
        ("archive_x/tweets.js", "data/tweets.js"),
    ];
    let account = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives/x/data/account.js")).unwrap();
    for (seed, name) in seeds {
        let mut parts = vec![(name.to_owned(), std::fs::read(fuzz.join(seed)).unwrap())];
        // X's fuzzer reads its parts beside an account file, as an archive has one.
        if name.starts_with("data/") {
            parts.push(("data/account.js".to_owned(), account.clone()));
        }
        let archive = rapport_core::transfer::archive::Archive::from_parts("seed", parts);
        let reads = rapport_core::transfer::archive::read(&archive).unwrap();
        assert!(!reads[0].messages.is_empty(), "{seed} reads as an export with messages");
    }
}
