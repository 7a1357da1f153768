//! People and their handles: add, list and search, open, edit.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::diary::Diary;
use crate::error::{Error, Result};
use crate::text::{self, limits};
use crate::vocab::{HandlePlatform, Rung};

/// A person with everything the person page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub title: String,
    pub how_met: String,
    pub why_matters: String,
    pub notes: String,
    pub rung: Rung,
    pub cadence_days: Option<u32>,
    pub handles: Vec<Handle>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
}

/// One row of the people list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub title: String,
    pub rung: Rung,
}

/// A page of the people list: the rows shown and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    pub people: Vec<PersonSummary>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handle {
    pub id: i64,
    pub platform: HandlePlatform,
    pub value: String,
    pub url: String,
    pub professional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHandle {
    pub platform: HandlePlatform,
    pub value: String,
    #[serde(default)]
    pub url: String,
    #[serde(default = "yes")]
    pub professional: bool,
}

fn yes() -> bool {
    true
}

/// The fields a person is added or edited with. Absent fields are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonEdit {
    pub display_name: String,
    pub company: String,
    pub title: String,
    pub how_met: String,
    pub why_matters: String,
    pub notes: String,
    pub cadence_days: Option<u32>,
    /// The person's handles, replacing the ones they had.
    pub handles: Vec<NewHandle>,
}

/// Longest cadence accepted: ten years.
const MAX_CADENCE_DAYS: u32 = 3650;

impl PersonEdit {
    /// Checks and tidies every field; the first problem found is the error.
    fn validated(&self) -> Result<PersonEdit> {
        if let Some(days) = self.cadence_days {
            if days == 0 || days > MAX_CADENCE_DAYS {
                return Err(Error::invalid(
                    "cadence_days",
                    format!("Cadence must be between 1 and {MAX_CADENCE_DAYS} days."),
                ));
            }
        }
        let handles = self
            .handles
            .iter()
            .map(|h| {
                Ok(NewHandle {
                    platform: h.platform,
                    value: text::required_line("handle", "The handle", &h.value, limits::LINE)?,
                    url: text::optional_line("handle_url", "The handle's URL", &h.url, limits::LINE)?,
                    professional: h.professional,
                })
            })
            .collect::<Result<_>>()?;
        Ok(PersonEdit {
            display_name: text::required_line("display_name", "Name", &self.display_name, limits::NAME)?,
            company: text::optional_line("company", "Company", &self.company, limits::LINE)?,
            title: text::optional_line("title", "Title", &self.title, limits::LINE)?,
            how_met: text::notes("how_met", "How we met", &self.how_met)?,
            why_matters: text::notes("why_matters", "Why they matter", &self.why_matters)?,
            notes: text::notes("notes", "Notes", &self.notes)?,
            cadence_days: self.cadence_days,
            handles,
        })
    }
}

/// The most rows the people list returns at once; search narrows the rest.
pub const PEOPLE_PAGE: u32 = 500;

impl Diary {
    /// Adds a person on the first rung, `noticed`, and records that placement.
    pub fn add_person(&mut self, edit: &PersonEdit) -> Result<Person> {
        let edit = edit.validated()?;
        let now = self.now().timestamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO person (display_name, company, title, how_met, why_matters, notes,
                                 cadence_days, rung, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                edit.display_name, edit.company, edit.title, edit.how_met, edit.why_matters,
                edit.notes, edit.cadence_days, Rung::Noticed, now
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO rung_change (person_id, from_rung, to_rung, changed_at) VALUES (?1, NULL, ?2, ?3)",
            params![id, Rung::Noticed, now],
        )?;
        insert_handles(&tx, id, &edit.handles, now)?;
        tx.commit()?;
        self.person(id)
    }

    /// Replaces a person's editable fields and handles.
    pub fn update_person(&mut self, id: i64, edit: &PersonEdit) -> Result<Person> {
        let edit = edit.validated()?;
        let now = self.now().timestamp();
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE person SET display_name = ?2, company = ?3, title = ?4, how_met = ?5,
                    why_matters = ?6, notes = ?7, cadence_days = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id, edit.display_name, edit.company, edit.title, edit.how_met, edit.why_matters,
                edit.notes, edit.cadence_days, now
            ],
        )?;
        if changed == 0 {
            return Err(Error::not_found(format!("Person {id}")));
        }
        tx.execute("DELETE FROM handle WHERE person_id = ?1", [id])?;
        insert_handles(&tx, id, &edit.handles, now)?;
        tx.commit()?;
        self.person(id)
    }

    /// One person with their handles.
    pub fn person(&self, id: i64) -> Result<Person> {
        let mut person = self
            .conn
            .prepare_cached(
                "SELECT id, display_name, company, title, how_met, why_matters, notes, rung,
                        cadence_days, created_at, updated_at, archived_at
                 FROM person WHERE id = ?1",
            )?
            .query_row([id], person_from_row)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Person {id}")))?;
        person.handles = self
            .conn
            .prepare_cached(
                "SELECT id, platform, value, url, professional FROM handle
                 WHERE person_id = ?1 ORDER BY id",
            )?
            .query_map([id], handle_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(person)
    }

    /// People who are not archived, by name. A non-empty `search` keeps those whose
    /// name, company or title has words starting with every word typed.
    pub fn people(&self, search: &str) -> Result<PeopleList> {
        let search = text::optional_line("search", "Search", search, limits::LINE)?;
        let Some(query) = fts_prefix_query(&search) else {
            let total = self.conn.query_row(
                "SELECT count(*) FROM person WHERE archived_at IS NULL", [], |r| r.get(0))?;
            let people = self
                .conn
                .prepare_cached(
                    "SELECT id, display_name, company, title, rung FROM person
                     WHERE archived_at IS NULL
                     ORDER BY display_name COLLATE NOCASE, id LIMIT ?1",
                )?
                .query_map([PEOPLE_PAGE], summary_from_row)?
                .collect::<rusqlite::Result<_>>()?;
            return Ok(PeopleList { people, total });
        };
        let total = self.conn.query_row(
            "SELECT count(*) FROM person_search s JOIN person p ON p.id = s.rowid
             WHERE person_search MATCH ?1 AND p.archived_at IS NULL",
            [&query],
            |r| r.get(0),
        )?;
        let people = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.display_name, p.company, p.title, p.rung
                 FROM person_search s JOIN person p ON p.id = s.rowid
                 WHERE person_search MATCH ?1 AND p.archived_at IS NULL
                 ORDER BY p.display_name COLLATE NOCASE, p.id LIMIT ?2",
            )?
            .query_map(params![query, PEOPLE_PAGE], summary_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(PeopleList { people, total })
    }
}

fn insert_handles(tx: &Transaction<'_>, person_id: i64, handles: &[NewHandle], now: i64) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO handle (person_id, platform, value, url, professional, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for h in handles {
        insert.execute(params![person_id, h.platform, h.value, h.url, h.professional, now])?;
    }
    Ok(())
}

/// Turns typed words into an FTS5 query where each word is a quoted prefix, so
/// nothing the user types is read as FTS syntax. `None` when there are no words.
fn fts_prefix_query(search: &str) -> Option<String> {
    let terms: Vec<String> = search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn instant(seconds: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer,
            format!("instant out of range: {seconds}").into())
    })
}

fn person_from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        display_name: row.get(1)?,
        company: row.get(2)?,
        title: row.get(3)?,
        how_met: row.get(4)?,
        why_matters: row.get(5)?,
        notes: row.get(6)?,
        rung: row.get(7)?,
        cadence_days: row.get(8)?,
        handles: Vec::new(),
        created_at: instant(row.get(9)?)?,
        updated_at: instant(row.get(10)?)?,
        archived_at: row.get::<_, Option<i64>>(11)?.map(instant).transpose()?,
    })
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<PersonSummary> {
    Ok(PersonSummary {
        id: row.get(0)?,
        display_name: row.get(1)?,
        company: row.get(2)?,
        title: row.get(3)?,
        rung: row.get(4)?,
    })
}

fn handle_from_row(row: &Row<'_>) -> rusqlite::Result<Handle> {
    Ok(Handle {
        id: row.get(0)?,
        platform: row.get(1)?,
        value: row.get(2)?,
        url: row.get(3)?,
        professional: row.get(4)?,
    })
}
