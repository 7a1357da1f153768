//! Any bytes as X's direct messages and tweets beside a real account file: messages or
//! problems, never a panic.
#![no_main]

use rapport_core::transfer::archive::{read, Archive};

const ACCOUNT: &[u8] =
    br#"window.YTD.account.part0 = [{"account":{"username":"maya","accountId":"111111111","accountDisplayName":"Maya"}}]"#;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    for name in ["data/direct-messages.js", "data/tweets.js"] {
        let parts = vec![("data/account.js".to_owned(), ACCOUNT.to_vec()), (name.to_owned(), bytes.to_vec())];
        let _ = read(&Archive::from_parts("twitter.zip", parts));
    }
});
