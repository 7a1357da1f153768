//! Any bytes as LinkedIn's messages.csv or Invitations.csv: messages or problems, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let _ = rapport_core::transfer::archive::read_bytes("messages.csv", bytes.to_vec());
    let _ = rapport_core::transfer::archive::read_bytes("Invitations.csv", bytes.to_vec());
});
