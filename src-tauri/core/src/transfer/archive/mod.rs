//! Archives: the data exports the platforms give their users (LinkedIn, X, Facebook,
//! Instagram, WhatsApp, calendars, mail), read on this machine into touches.
//!
//! Each source reads the parts it recognises by file name and content into a
//! `SourceRead` (model.rs); the grain (grain.rs) turns messages into touches as a
//! person would log them; the plan matches people and says what applying would do;
//! apply writes it in one transaction as an import run that can be undone whole.

mod apply;
pub mod calendar;
pub mod files;
pub mod grain;
mod ids;
pub mod mail;
mod messenger;
pub mod model;
mod ordered;
mod plan;
mod preview;
mod runs;
pub mod whatsapp;

mod linkedin;
mod x;

use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::transfer::import::matching::Known;
pub use files::{Archive, Part};
pub use grain::{LeftOut, SourceChoices, ThreadChoice, LARGE_GROUP};
pub use model::{ArchiveSource, Message, Party, Problem, SourceRead, Thread};
pub use plan::{PreviewParty, PreviewThread, RungMove, YearChannel};
pub use preview::{SelfChoice, SourcePreview};
pub use runs::{ImportRun, ImportUndone};

/// A source's reader: `Ok(None)` when the archive holds none of its files. The zone is
/// the diary's, for formats that write local times without one (WhatsApp).
type Reader = fn(&Archive, chrono_tz::Tz) -> Result<Option<SourceRead>>;

/// Every source, in the order the preview lists them.
#[rustfmt::skip] // One reader a line, so each source merges on its own.
const READERS: &[Reader] = &[
    |a, _| linkedin::read(a),
    |a, _| x::read(a),
    |a, _| messenger::read_facebook(a),
    |a, _| messenger::read_instagram(a),
    whatsapp::read_in,
    |a, _| calendar::read(a),
    |a, _| mail::read(a),
];

/// Reads every source the archive holds, local times as UTC (tests, fuzzers).
pub fn read(archive: &Archive) -> Result<Vec<SourceRead>> {
    read_in(archive, chrono_tz::UTC)
}

/// Reads every source the archive holds, local times in `tz`. An archive with none
/// gets an error that says what Rapport reads.
pub fn read_in(archive: &Archive, tz: chrono_tz::Tz) -> Result<Vec<SourceRead>> {
    let mut found = Vec::new();
    for reader in READERS {
        if let Some(mut read) = reader(archive, tz)? {
            if !archive.keeps_words() {
                read.messages.iter_mut().for_each(|m| m.text = String::new());
            }
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

/// An archive read whole: what the preview shows and apply writes.
pub struct ArchiveReading {
    pub name: String,
    pub fingerprint: String,
    pub sources: Vec<SourceRead>,
    /// Whether the messages' words were read (a choice that needs them reads again).
    pub words: bool,
}

/// Reads the archive at `path` with local times in `tz`, with the words of the
/// messages when `words` (else only who, when and how many), telling `progress` of
/// each part as it goes.
pub fn read_path(path: &std::path::Path, tz: chrono_tz::Tz, words: bool, progress: impl FnMut(&Part) + 'static) -> Result<ArchiveReading> {
    let archive = Archive::open(path)?;
    archive.on_read(progress);
    archive.keep_words(words);
    let sources = read_in(&archive, tz)?;
    Ok(ArchiveReading { name: archive.name.clone(), fingerprint: archive.fingerprint(), sources, words })
}

/// What the user chose in the preview, per source; sources left out are not imported.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ArchiveChoices {
    pub sources: std::collections::HashMap<ArchiveSource, SourceChoices>,
    pub skip_sources: Vec<ArchiveSource>,
}

/// What an archive would add, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ArchivePreview {
    pub file_name: String,
    pub fingerprint: String,
    pub sources: Vec<SourcePreview>,
}

impl ArchiveChoices {
    /// Whether any source's choices keep the words.
    pub fn keep_words(&self) -> bool {
        self.sources.values().any(|c| c.keep_words)
    }

    /// One source's choices, with the user's own party remembered from the last import
    /// of that source when the preview has not chosen one.
    fn of(&self, conn: &rusqlite::Connection, read: &SourceRead) -> Result<SourceChoices> {
        let mut choices = self.sources.get(&read.source).cloned().unwrap_or_default();
        if choices.me.is_empty() {
            let saved: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
                "SELECT party_key FROM source_self WHERE source = ?1",
                [read.source.as_str()],
                |r| r.get(0),
            ))?;
            if let Some(key) = saved.filter(|k| read.parties.iter().any(|p| p.key == *k)) {
                choices.me = key;
            }
        }
        Ok(choices)
    }
}

impl Diary {
    /// What importing the archive would do under these choices. Writes nothing.
    pub fn preview_archive(&self, reading: &ArchiveReading, choices: &ArchiveChoices) -> Result<ArchivePreview> {
        let known = Known::load(&self.conn)?;
        let tz = self.tz();
        let mut sources = Vec::new();
        for read in &reading.sources {
            let chosen = choices.of(&self.conn, read)?;
            let plan = plan::plan(&self.conn, &known, read, &chosen, tz)?;
            sources.push(preview::source_preview(&plan, &known, &chosen, tz));
        }
        Ok(ArchivePreview { file_name: reading.name.clone(), fingerprint: reading.fingerprint.clone(), sources })
    }

    /// Imports the archive as previewed, in one transaction: one run per source.
    pub fn apply_archive(&mut self, reading: &ArchiveReading, choices: &ArchiveChoices) -> Result<Vec<ImportRun>> {
        if choices.keep_words() && !reading.words {
            return Err(Error::invalid("file", format!("{} was read without the messages' words. Preview it again.", reading.name)));
        }
        let (tz, now) = (self.tz(), self.now().timestamp());
        let tx = self.conn.savepoint()?;
        let mut runs = Vec::new();
        for read in reading.sources.iter().filter(|r| !choices.skip_sources.contains(&r.source)) {
            // Read again for each source: a person the calendar just added is the one
            // the mailbox writes to, not a second one.
            let known = Known::load(&tx)?;
            let chosen = choices.of(&tx, read)?;
            let plan = plan::plan(&tx, &known, read, &chosen, tz)?;
            runs.push(apply::write(&tx, &known, &plan, &reading.name, chosen.keep_words, now, tz)?);
        }
        tx.commit()?;
        runs.into_iter().map(|id| self.import_run(id)).collect()
    }
}

/// Whether a chosen path is an address book (vCard, Connections.csv, Google Contacts)
/// for the contacts import, rather than an archive: a vCard, or a CSV that no archive
/// reader knows (then the contacts import says what it expected).
pub fn is_contacts_file(path: &std::path::Path) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    match ext.as_str() {
        "vcf" | "vcard" => true,
        "csv" => {
            let contacts = std::fs::read(path).is_ok_and(|b| crate::transfer::parse_import_bytes(&b).is_ok_and(|p| !p.contacts.is_empty()));
            contacts || Archive::open(path).and_then(|a| read(&a)).is_err()
        }
        _ => false,
    }
}
