//! Any bytes as a Messenger conversation part: messages or problems, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let _ = rapport_core::transfer::archive::read_bytes("messages/inbox/ana_1/message_1.json", bytes.to_vec());
});
