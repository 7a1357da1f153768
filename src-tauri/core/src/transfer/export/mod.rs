//! Exports: the whole diary as JSON (which restores), and CSV, vCard and iCalendar.

pub(crate) mod csv;
pub(crate) mod ics;
pub(crate) mod json;
pub(crate) mod vcard;
