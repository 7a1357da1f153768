//! Ids that stay the same from one export to the next: FNV-1a, 64 bits, written out
//! (the standard library's hasher may change between Rust releases).

/// A stable hash of the parts, hex.
pub fn stable_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0x1f]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The first `n` characters: what a hashed id takes of a message's text.
pub fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_do_not_change_between_releases() {
        // Written once; a change here would import every archive a second time.
        assert_eq!(stable_id(&["a", "b"]), stable_id(&["a", "b"]));
        assert_ne!(stable_id(&["ab", ""]), stable_id(&["a", "b"]));
        assert_eq!(stable_id(&[]), "cbf29ce484222325");
        assert_eq!(first_chars("café au lait", 4), "café");
    }
}
