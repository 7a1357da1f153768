//! People: add, open, edit, archive and restore, tags.

use crate::storage::uid::new_uid;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::clock::instants::instant;
use crate::people::handles::{handle_from_row, insert_handles, replace_handles, Handle, NewHandle};
use crate::people::search::index_person;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Problems, Result};
use crate::vocab::text::{self, limits};
use crate::vocab::Rung;

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
    pub tags: Vec<String>,
    /// Set when this person was merged into another.
    pub merged_into: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
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
    /// The person's tags, replacing the ones they had.
    pub tags: Vec<String>,
    /// The rung a new person starts on (Noticed when absent). Editing leaves the rung
    /// alone: a move goes through `set_rung`, which keeps its history.
    pub rung: Option<Rung>,
}

/// Longest cadence accepted: ten years.
pub(crate) const MAX_CADENCE_DAYS: u32 = 3650;

impl PersonEdit {
    /// Checks and tidies every field; every problem found is in the error.
    pub(crate) fn validated(&self) -> Result<PersonEdit> {
        let mut problems = Problems::default();
        let display_name = problems.take(text::required_line("display_name", "Name", &self.display_name, limits::NAME));
        let company = problems.take(text::optional_line("company", "Company", &self.company, limits::LINE));
        let title = problems.take(text::optional_line("title", "Title", &self.title, limits::LINE));
        let how_met = problems.take(text::notes("how_met", "How we met", &self.how_met));
        let why_matters = problems.take(text::notes("why_matters", "Why they matter", &self.why_matters));
        let notes = problems.take(text::notes("notes", "Notes", &self.notes));
        if self.cadence_days.is_some_and(|days| days == 0 || days > MAX_CADENCE_DAYS) {
            problems.add("cadence_days", format!("Cadence must be between 1 and {MAX_CADENCE_DAYS} days."));
        }
        let handles = self
            .handles
            .iter()
            .map(|h| NewHandle {
                platform: h.platform,
                value: problems.take(text::required_line("handle", "The handle", &h.value, limits::LINE)),
                url: problems.take(text::optional_line("handle_url", "The handle's URL", &h.url, limits::LINE)),
                professional: h.professional,
            })
            .collect();
        let tags = problems.take(validated_tags(&self.tags));
        problems.or(PersonEdit {
            display_name,
            company,
            title,
            how_met,
            why_matters,
            notes,
            cadence_days: self.cadence_days,
            handles,
            tags,
            rung: self.rung,
        })
    }
}

impl Diary {
    /// Adds a person on the rung the edit names (`noticed` unless told) and records that
    /// placement.
    pub fn add_person(&mut self, edit: &PersonEdit) -> Result<Person> {
        let edit = edit.validated()?;
        let now = self.now().timestamp();
        let tx = self.conn.savepoint()?;
        let id = insert_person(&tx, &edit, edit.rung.unwrap_or(Rung::Noticed), now, "", now)?;
        index_person(&tx, id)?;
        tx.commit()?;
        self.person(id)
    }

    /// Replaces a person's editable fields and handles.
    pub fn update_person(&mut self, id: i64, edit: &PersonEdit) -> Result<Person> {
        let edit = edit.validated()?;
        let now = self.now().timestamp();
        let tx = self.conn.savepoint()?;
        let changed = tx.execute(
            "UPDATE person SET display_name = ?2, company = ?3, title = ?4, how_met = ?5,
                    why_matters = ?6, notes = ?7, cadence_days = ?8, updated_at = ?9
             WHERE id = ?1",
            params![id, edit.display_name, edit.company, edit.title, edit.how_met, edit.why_matters, edit.notes, edit.cadence_days, now],
        )?;
        if changed == 0 {
            return Err(Error::not_found(format!("Person {id}")));
        }
        replace_handles(&tx, id, &edit.handles, now)?;
        set_tags(&tx, id, &edit.tags)?;
        index_person(&tx, id)?;
        tx.commit()?;
        self.person(id)
    }

    /// One person with their handles.
    pub fn person(&self, id: i64) -> Result<Person> {
        let mut person = self
            .conn
            .prepare_cached(
                "SELECT id, display_name, company, title, how_met, why_matters, notes, rung,
                        cadence_days, merged_into, created_at, updated_at, archived_at
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
        person.tags = self
            .conn
            .prepare_cached(
                "SELECT t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                 WHERE pt.person_id = ?1 ORDER BY t.name COLLATE NOCASE",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(person)
    }

    /// Moves a person to the archive: out of lists, the board and nudges, with
    /// everything kept.
    pub fn archive_person(&mut self, id: i64) -> Result<Person> {
        let now = self.now().timestamp();
        self.person(id)?;
        self.conn.execute("UPDATE person SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at IS NULL", params![id, now])?;
        self.person(id)
    }

    /// Brings a person back from the archive. Someone merged into another stays merged.
    pub fn restore_person(&mut self, id: i64) -> Result<Person> {
        let person = self.person(id)?;
        if let Some(into) = person.merged_into {
            return Err(Error::invalid("id", format!("{} was merged into person {into}; open that person instead.", person.display_name)));
        }
        let now = self.now().timestamp();
        self.conn.execute("UPDATE person SET archived_at = NULL, updated_at = ?2 WHERE id = ?1", params![id, now])?;
        self.person(id)
    }

    /// Every tag in use, by name.
    pub fn tags(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM tag WHERE EXISTS (SELECT 1 FROM person_tag WHERE tag_id = tag.id)
             ORDER BY name COLLATE NOCASE",
        )?;
        let tags = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }
}

/// Writes a new person from a validated edit, placed on `rung` since `placed_at` (with
/// `reason` in their ladder history), with handles and tags. The caller indexes them
/// for search.
pub(crate) fn insert_person(tx: &Connection, edit: &PersonEdit, rung: Rung, placed_at: i64, reason: &str, now: i64) -> Result<i64> {
    // Cached statements: an import calls this once a row.
    let id = tx
        .prepare_cached(concat!(
            "INSERT INTO person (display_name, company, title, how_met, why_matters, notes,
                                 cadence_days, rung, created_at, updated_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ",
            new_uid!(),
            ")"
        ))?
        .insert(params![
            edit.display_name,
            edit.company,
            edit.title,
            edit.how_met,
            edit.why_matters,
            edit.notes,
            edit.cadence_days,
            rung,
            now
        ])?;
    tx.prepare_cached(concat!(
        "INSERT INTO rung_change (person_id, from_rung, to_rung, changed_at, note, uid) VALUES (?1, NULL, ?2, ?3, ?4, ",
        new_uid!(),
        ")"
    ))?
    .execute(params![id, rung, placed_at, reason])?;
    insert_handles(tx, id, &edit.handles, now)?;
    add_tags(tx, id, &edit.tags)?;
    Ok(id)
}

pub(crate) fn validated_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag = text::optional_line("tags", "A tag", tag, limits::TAG)?;
        if !tag.is_empty() && !clean.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            clean.push(tag);
        }
    }
    Ok(clean)
}

fn set_tags(tx: &Connection, person_id: i64, tags: &[String]) -> Result<()> {
    tx.execute("DELETE FROM person_tag WHERE person_id = ?1", [person_id])?;
    add_tags(tx, person_id, tags)
}

/// Gives a person these tags too, keeping the ones they have.
pub(crate) fn add_tags(tx: &Connection, person_id: i64, tags: &[String]) -> Result<()> {
    let mut insert_tag = tx.prepare_cached("INSERT OR IGNORE INTO tag (name) VALUES (?1)")?;
    let mut link = tx.prepare_cached("INSERT OR IGNORE INTO person_tag (person_id, tag_id) SELECT ?1, id FROM tag WHERE name = ?2")?;
    for tag in tags {
        insert_tag.execute([tag])?;
        link.execute(params![person_id, tag])?;
    }
    Ok(())
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
        tags: Vec::new(),
        merged_into: row.get(9)?,
        created_at: instant(row.get(10)?)?,
        updated_at: instant(row.get(11)?)?,
        archived_at: row.get::<_, Option<i64>>(12)?.map(instant).transpose()?,
    })
}
