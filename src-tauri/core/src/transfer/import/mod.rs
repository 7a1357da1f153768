//! Import: the address books people already have (vCard, LinkedIn's Connections.csv,
//! a Google Contacts CSV) read into contacts, matched against the diary, shown as a
//! preview, then applied in one transaction. Applying the same file again changes nothing.

pub(crate) mod contact;
mod contacts_csv;
pub(crate) mod file;
pub(crate) mod matching;
mod vcard;

use chrono::NaiveDate;
use serde::Serialize;

use crate::clock::instants::start_of_day;
use crate::ladder::rungs;
use crate::people::dates::{insert_date, DateInput};
use crate::people::handles::insert_handles;
use crate::people::person::{add_tags, insert_person, PersonEdit};
use crate::people::search::{index_people_from, index_person};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::Rung;

pub use file::MAX_IMPORT_BYTES;
use matching::{Known, Plan};

/// What kind of file it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    Linkedin,
    GoogleContacts,
    Vcard,
}

impl ImportFormat {
    pub fn label(self) -> &'static str {
        match self {
            ImportFormat::Linkedin => "LinkedIn connections",
            ImportFormat::GoogleContacts => "Google Contacts",
            ImportFormat::Vcard => "vCard",
        }
    }
}

/// One person read from a file, before it meets the diary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The file's line where this person starts (1-based).
    pub line: usize,
    pub edit: PersonEdit,
    /// LinkedIn rows: the person is a connection, since this day (when the file says).
    pub connected: Option<Option<NaiveDate>>,
    /// Their birthday and other dates, each checked as a typed date is.
    pub dates: Vec<DateInput>,
}

/// A line of the file that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: usize,
    /// Whatever names the row, to help the user find it.
    pub display_name: String,
    pub reason: String,
}

/// A file read into contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub format: ImportFormat,
    pub contacts: Vec<Contact>,
    pub rejections: Vec<Rejection>,
}

/// What applying will do with one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ImportAction {
    /// A new person.
    New,
    /// Someone already in the diary, who gets what the file adds (listed).
    Update {
        person_id: i64,
        person_name: String,
        adds: Vec<String>,
    },
    /// Someone already in the diary who has everything the file says.
    Unchanged {
        person_id: i64,
        person_name: String,
    },
    Rejected {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRow {
    pub line: usize,
    pub display_name: String,
    pub company: String,
    pub title: String,
    #[serde(flatten)]
    pub action: ImportAction,
    /// What happens, in a sentence: "New, on Connected", "Adds email to Ana Lima".
    pub what: String,
}

impl ImportAction {
    /// The sentence the preview shows; `connected` when the file says they are connected.
    fn what(&self, connected: bool) -> String {
        match self {
            ImportAction::New if connected => "New, on Connected".to_owned(),
            ImportAction::New => "New".to_owned(),
            ImportAction::Update { person_name, adds, .. } => format!("Adds {} to {person_name}", adds.join(", ")),
            ImportAction::Unchanged { person_name, .. } => format!("Already here as {person_name}"),
            ImportAction::Rejected { reason } => reason.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub new: usize,
    pub update: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

/// What an import would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    pub file_name: String,
    pub format: ImportFormat,
    pub format_label: &'static str,
    /// Names this exact file: applying checks it is still the file previewed.
    pub fingerprint: String,
    pub counts: ImportCounts,
    /// Rows in file order: every rejected row, and the others up to `PREVIEW_ROWS`.
    pub rows: Vec<ImportRow>,
    pub rows_left_out: usize,
}

/// How many rows that will import the preview lists; counts cover them all.
pub const PREVIEW_ROWS: usize = 500;

impl Diary {
    /// Reads the file at `path` and tells what importing it would do. Writes nothing.
    pub fn preview_import(&self, path: &std::path::Path) -> Result<ImportPreview> {
        let file = file::read(path)?;
        let today = self.local_today();
        let parsed = parse(&file.text, today)?;
        let plans = Known::load(&self.conn)?.plan(&parsed, today)?;
        let mut counts = ImportCounts::default();
        let mut rows = Vec::new();
        let (mut shown, mut rows_left_out) = (0, 0);
        for plan in plans {
            let row = plan.row();
            match row.action {
                ImportAction::New => counts.new += 1,
                ImportAction::Update { .. } => counts.update += 1,
                ImportAction::Unchanged { .. } => counts.unchanged += 1,
                ImportAction::Rejected { .. } => counts.rejected += 1,
            }
            let rejected = matches!(row.action, ImportAction::Rejected { .. });
            if rejected || shown < PREVIEW_ROWS {
                shown += usize::from(!rejected);
                rows.push(row);
            } else {
                rows_left_out += 1;
            }
        }
        Ok(ImportPreview {
            file_name: file.name,
            format: parsed.format,
            format_label: parsed.format.label(),
            fingerprint: file.fingerprint,
            counts,
            rows,
            rows_left_out,
        })
    }

    /// Imports the file previewed as `fingerprint`, in one transaction: new people are
    /// added with their dates, matched people get what they lack (a date included),
    /// rejected rows are left out.
    pub fn apply_import(&mut self, path: &std::path::Path, fingerprint: &str) -> Result<ImportCounts> {
        let file = file::read(path)?;
        if file.fingerprint != fingerprint {
            return Err(Error::invalid("file", format!("{} changed since the preview. Preview it again.", file.name)));
        }
        let today = self.local_today();
        let parsed = parse(&file.text, today)?;
        let source = match parsed.format {
            ImportFormat::Linkedin => "Imported from LinkedIn".to_owned(),
            _ => format!("Imported from {}", file.name),
        };
        let now = self.now().timestamp();
        let tz = self.tz();
        let plans = Known::load(&self.conn)?.plan(&parsed, today)?;
        let tx = self.conn.savepoint()?;
        let mut counts = ImportCounts::default();
        let mut first_new = None;
        for plan in &plans {
            match plan {
                Plan::New(contact) => {
                    let (rung, at) = match contact.connected {
                        Some(day) => (Rung::Connected, day.map_or(now, |d| start_of_day(tz, d).timestamp())),
                        None => (Rung::Noticed, now),
                    };
                    let id = insert_person(&tx, &contact.edit, rung, at, &source, now)?;
                    for date in &contact.dates {
                        insert_date(&tx, id, date, now)?;
                    }
                    first_new.get_or_insert(id);
                    counts.new += 1;
                }
                Plan::Update { person_id, changes, .. } => {
                    let c = changes;
                    insert_handles(&tx, *person_id, &c.handles, now)?;
                    add_tags(&tx, *person_id, &c.tags)?;
                    for date in &c.dates {
                        insert_date(&tx, *person_id, date, now)?;
                    }
                    tx.execute(
                        "UPDATE person SET company = coalesce(?2, company), title = coalesce(?3, title),
                                notes = coalesce(?4, notes), updated_at = ?5 WHERE id = ?1",
                        rusqlite::params![person_id, c.company, c.title, c.notes, now],
                    )?;
                    if let Some((from, day)) = c.connected {
                        // Not before they were added: being added comes first in their history.
                        let at = day.map_or(now, |d| start_of_day(tz, d).timestamp()).max(c.created_at).min(now);
                        rungs::record(&tx, *person_id, Some(from), Rung::Connected, at, None, &source)?;
                    }
                    index_person(&tx, *person_id)?;
                    counts.update += 1;
                }
                Plan::Unchanged { .. } => counts.unchanged += 1,
                Plan::Rejected(_) => counts.rejected += 1,
            }
        }
        if let Some(first) = first_new {
            index_people_from(&tx, first)?;
        }
        tx.commit()?;
        Ok(counts)
    }

    fn local_today(&self) -> NaiveDate {
        crate::clock::instants::local_date(self.tz(), self.now())
    }
}

/// Reads a file's bytes as whichever format it is, without a diary: what the fuzzers
/// and a command-line tool call. With no diary there is no today, so a date is checked
/// against the calendar only, not for being still to come.
pub fn parse_bytes(bytes: &[u8]) -> Result<ParsedFile> {
    parse(&file::text_of("The file", bytes)?, NaiveDate::MAX)
}

/// Reads a file's text as whichever format it is; a date after `today` is not kept as one.
fn parse(text: &str, today: NaiveDate) -> Result<ParsedFile> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    if first.eq_ignore_ascii_case("BEGIN:VCARD") {
        return Ok(vcard::parse(text, today));
    }
    contacts_csv::parse(text, today)
}
