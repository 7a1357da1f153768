//! Any bytes as a WhatsApp `_chat.txt`: messages, problems or a clear error, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let _ = rapport_core::transfer::archive::read_bytes("_chat.txt", bytes.to_vec());
});
