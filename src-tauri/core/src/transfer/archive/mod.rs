//! Archives: the data exports the platforms give their users (LinkedIn, X, Facebook,
//! Instagram, WhatsApp, calendars, mail), read on this machine into touches.
//!
//! Each source reads the parts it recognises by file name and content into a
//! `SourceRead` (model.rs); the grain (grain.rs) turns messages into touches as a
//! person would log them; the plan matches people and says what applying would do;
//! apply writes it in one transaction as an import run that can be undone whole.

pub mod calendar;
pub mod files;
pub mod mail;
pub mod model;

use crate::storage::error::{Error, Result};
pub use files::{Archive, Part};
pub use model::{ArchiveSource, Message, Party, Problem, SourceRead, Thread};

/// A source's reader: `Ok(None)` when the archive holds none of its files.
type Reader = fn(&Archive) -> Result<Option<SourceRead>>;

/// Every source, in the order the preview lists them.
const READERS: &[Reader] = &[calendar::read, mail::read];

/// Reads every source the archive holds. An archive with none gets an error that
/// says what Rapport reads.
pub fn read(archive: &Archive) -> Result<Vec<SourceRead>> {
    let mut found = Vec::new();
    for reader in READERS {
        if let Some(read) = reader(archive)? {
            found.push(read);
        }
    }
    if found.is_empty() {
        return Err(Error::invalid(
            "file",
            format!(
                "{} holds no export Rapport reads. Choose the archive LinkedIn, X, Facebook, Instagram or WhatsApp gave you, \
                 a calendar (.ics) or a mailbox (.mbox).",
                archive.name
            ),
        ));
    }
    Ok(found)
}

/// Reads one file given as bytes, as if it were the whole archive: what the fuzzers call.
pub fn read_bytes(name: &str, bytes: Vec<u8>) -> Result<Vec<SourceRead>> {
    read(&Archive::from_parts(name, vec![(name.to_owned(), bytes)]))
}
