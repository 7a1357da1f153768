//! Any bytes as a calendar (.ics): meetings and problems, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    if let Ok(reads) = rapport_core::transfer::archive::read_bytes("calendar.ics", bytes.to_vec()) {
        for read in reads {
            assert!(read.messages.iter().all(|m| m.thread < read.threads.len()));
        }
    }
});
