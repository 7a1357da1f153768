//! Bytes after a LinkedIn or Google Contacts header (the first byte chooses), so every
//! input reaches the CSV reader and the row mapping.
#![no_main]

const HEADERS: [&[u8]; 3] = [
    b"Notes:\n\"a preamble\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    b"First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value\n",
    b"Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\n",
];

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Some((&which, rest)) = bytes.split_first() else { return };
    let mut file = HEADERS[usize::from(which) % HEADERS.len()].to_vec();
    file.extend_from_slice(rest);
    if let Ok(parsed) = rapport_core::transfer::parse_import_bytes(&file) {
        for contact in &parsed.contacts {
            assert!(!contact.edit.display_name.trim().is_empty(), "every contact has a name");
        }
    }
});
