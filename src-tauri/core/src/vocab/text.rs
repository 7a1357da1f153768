//! Checks for text the user types: trimmed, within documented limits, and for one-line
//! fields free of control characters. Limits count characters, not bytes.

use crate::storage::error::{Error, Result};

/// The documented size limits of text fields.
pub mod limits {
    /// A person's display name.
    pub const NAME: usize = 200;
    /// One-line fields: company, title, a handle, a URL.
    pub const LINE: usize = 500;
    /// A tag.
    pub const TAG: usize = 60;
    /// A platform's name on the Time screen.
    pub const PLATFORM: usize = 60;
    /// Free text: notes, how we met, why they matter.
    pub const NOTES: usize = 100_000;
}

/// A required one-line field: trimmed, not empty, at most `max` characters.
pub(crate) fn required_line(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = optional_line(field, label, value, max)?;
    if value.is_empty() {
        return Err(Error::invalid(field, format!("{label} is required.")));
    }
    Ok(value)
}

/// An optional one-line field: trimmed, at most `max` characters, no line breaks.
pub(crate) fn optional_line(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    check_length(field, label, value, max)?;
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(field, format!("{label} must be one line, without tabs or control characters.")));
    }
    Ok(value.to_owned())
}

/// Free text: kept as typed (line breaks included) apart from surrounding blank space.
pub(crate) fn notes(field: &'static str, label: &str, value: &str) -> Result<String> {
    let value = value.trim();
    check_length(field, label, value, limits::NOTES)?;
    if value.contains('\0') {
        return Err(Error::invalid(field, format!("{label} contains a NUL character.")));
    }
    Ok(value.to_owned())
}

fn check_length(field: &'static str, label: &str, value: &str, max: usize) -> Result<()> {
    // Counting stops early, so a huge paste costs no more than the limit.
    if value.chars().nth(max).is_some() {
        let count = value.chars().count();
        return Err(Error::invalid(field, format!("{label} is too long: {count} characters, the limit is {max}.")));
    }
    Ok(())
}
