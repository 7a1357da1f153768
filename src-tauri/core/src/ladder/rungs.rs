//! The ladder: how touches move people up, setting a rung by hand, and the history of
//! every change.

use crate::storage::uid::new_uid;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::clock::instants::instant;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::text;
use crate::vocab::{Channel, Direction, Outcome, Rung, RungCause};

/// One change of a person's rung.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RungChange {
    pub id: i64,
    pub person_id: i64,
    /// `None` when the person was added.
    pub from: Option<Rung>,
    pub to: Rung,
    pub changed_at: DateTime<Utc>,
    pub cause: RungCause,
    pub touch_id: Option<i64>,
    pub reason: String,
    /// What happened, as the timeline says it: "Moved up to Spoken, by a touch".
    pub summary: String,
}

/// The facts of a touch that the ladder looks at.
#[derive(Debug, Clone, Copy)]
pub struct TouchFacts {
    pub channel: Channel,
    pub direction: Direction,
    pub personal: bool,
    pub outcome: Outcome,
}

/// The lowest rung a touch proves. The ladder only ever moves people up to it.
///
/// - a personal message they sent, or one they replied to → `conversing`
/// - a phone or video call → `spoken`
/// - meeting in person or at an event → `met`
/// - business won → `working`
pub fn rung_proved_by(touch: TouchFacts) -> Option<Rung> {
    if touch.outcome == Outcome::BusinessWon {
        return Some(Rung::Working);
    }
    if touch.channel.is_face_to_face() {
        return Some(Rung::Met);
    }
    if touch.channel.is_voice() {
        return Some(Rung::Spoken);
    }
    let two_way = touch.direction == Direction::In || touch.outcome == Outcome::Replied;
    (touch.channel.is_written() && touch.personal && two_way).then_some(Rung::Conversing)
}

/// Moves `person_id` up to `rung` if they are below it, recording the change. Never down.
pub(crate) fn raise(tx: &Connection, person_id: i64, rung: Rung, at: i64, touch_id: i64) -> Result<Option<i64>> {
    let current: Rung = tx.query_row("SELECT rung FROM person WHERE id = ?1", [person_id], |r| r.get(0))?;
    if current >= rung {
        return Ok(None);
    }
    record(tx, person_id, Some(current), rung, at, Some(touch_id), "").map(Some)
}

/// A person's rung, from their history replayed in the order it shows (being added
/// first, then by date, ties by uid so every device replays alike): being added sets the
/// rung; a change that moved them down (by hand) sets it; every other change only ever
/// raises it, so a touch dated before a change by hand still counts. The one rule for
/// the rung on every device, whatever order the changes were made or merged in.
pub(crate) fn work_out(tx: &Connection, person: i64) -> Result<Option<Rung>> {
    let mut stmt = tx.prepare_cached(
        "SELECT from_rung, to_rung FROM rung_change WHERE person_id = ?1
         ORDER BY from_rung IS NOT NULL, changed_at, uid",
    )?;
    let history = stmt.query_map([person], |r| Ok((r.get::<_, Option<Rung>>(0)?, r.get::<_, Rung>(1)?)))?;
    let mut rung = None;
    for change in history {
        rung = Some(match (rung, change?) {
            (Some(now), (Some(from), to)) if to >= from => to.max(now),
            (_, (_, to)) => to,
        });
    }
    match rung {
        Some(rung) => {
            tx.prepare_cached("UPDATE person SET rung = ?2 WHERE id = ?1 AND rung <> ?2")?.execute(params![person, rung])?;
        }
        // Merged away, their history went to the person kept: they are on no ladder, the
        // same on every device however the merge reached it.
        None => {
            tx.prepare_cached("UPDATE person SET rung = ?2 WHERE id = ?1 AND merged_into IS NOT NULL AND rung <> ?2")?
                .execute(params![person, Rung::Noticed])?;
        }
    }
    Ok(rung)
}

/// Writes a history row and works the rung out again; returns the row's id.
pub(crate) fn record(
    tx: &Connection,
    person_id: i64,
    from: Option<Rung>,
    to: Rung,
    at: i64,
    touch_id: Option<i64>,
    reason: &str,
) -> Result<i64> {
    // A change by hand comes after every change it follows, even within one second, so
    // replaying never depends on how a tie is broken (raises alone may tie: they commute).
    let at = match (touch_id, from) {
        (None, Some(_)) => {
            let latest: Option<i64> =
                tx.query_row("SELECT max(changed_at) FROM rung_change WHERE person_id = ?1 AND from_rung IS NOT NULL", [person_id], |r| {
                    r.get(0)
                })?;
            latest.map_or(at, |l| at.max(l + 1))
        }
        _ => at,
    };
    tx.execute(
        concat!(
            "INSERT INTO rung_change (person_id, from_rung, to_rung, changed_at, touch_id, note, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ",
            new_uid!("?4"),
            ")"
        ),
        params![person_id, from, to, at, touch_id, reason],
    )?;
    let id = tx.last_insert_rowid();
    work_out(tx, person_id)?;
    Ok(id)
}

const CHANGE_COLUMNS: &str = "id, person_id, from_rung, to_rung, changed_at, touch_id, note";

pub(crate) fn change_from_row(row: &Row<'_>) -> rusqlite::Result<RungChange> {
    let from: Option<Rung> = row.get(2)?;
    let touch_id: Option<i64> = row.get(5)?;
    // The cause is what the row links to: a touch, nothing before (added), or neither.
    let cause = match (touch_id, from) {
        (Some(_), _) => RungCause::Touch,
        (None, None) => RungCause::Added,
        (None, Some(_)) => RungCause::Manual,
    };
    let to: Rung = row.get(3)?;
    let summary = match cause {
        RungCause::Added => format!("Added on {}", to.label()),
        RungCause::Touch => format!("Moved up to {}, by a touch", to.label()),
        RungCause::Manual => format!("Set to {} by hand", to.label()),
    };
    Ok(RungChange {
        id: row.get(0)?,
        person_id: row.get(1)?,
        from,
        to,
        changed_at: instant(row.get(4)?)?,
        cause,
        touch_id,
        reason: row.get(6)?,
        summary,
    })
}

impl Diary {
    /// Puts a person on `rung` by hand, up or down, with an optional reason.
    /// Setting the rung they are already on changes nothing and returns `None`.
    pub fn set_rung(&mut self, person_id: i64, rung: Rung, reason: &str) -> Result<Option<RungChange>> {
        let reason = text::optional_line("reason", "The reason", reason, text::limits::LINE)?;
        let now = self.now().timestamp();
        let tx = self.conn.savepoint()?;
        let current: Rung = tx
            .query_row("SELECT rung FROM person WHERE id = ?1 AND merged_into IS NULL", [person_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Person {person_id}")))?;
        if current == rung {
            return Ok(None);
        }
        let id = record(&tx, person_id, Some(current), rung, now, None, &reason)?;
        tx.execute("UPDATE person SET updated_at = ?2 WHERE id = ?1", params![person_id, now])?;
        tx.commit()?;
        self.rung_change(id).map(Some)
    }

    /// Takes back a person's latest change of rung, made by mistake: they stand where they
    /// stood before it and the change leaves their history. Only the latest change can be
    /// taken back, and never being added.
    pub fn undo_rung_change(&mut self, change_id: i64) -> Result<RungChange> {
        let change = self.rung_change(change_id).map_err(|_| Error::not_found(format!("Rung change {change_id}")))?;
        if change.from.is_none() {
            return Err(Error::invalid("change", "Being added to the diary cannot be taken back; archive the person instead."));
        }
        let now = self.now().timestamp();
        let tx = self.conn.savepoint()?;
        let latest: i64 = tx.query_row("SELECT max(id) FROM rung_change WHERE person_id = ?1", [change.person_id], |r| r.get(0))?;
        if latest != change_id {
            return Err(Error::invalid("change", "Only the latest change of rung can be taken back."));
        }
        tx.execute("DELETE FROM rung_change WHERE id = ?1", [change_id])?;
        work_out(&tx, change.person_id)?;
        tx.execute("UPDATE person SET updated_at = ?2 WHERE id = ?1", params![change.person_id, now])?;
        tx.commit()?;
        Ok(change)
    }

    /// Every change of a person's rung, oldest first; being added always comes first,
    /// even when touches logged later are dated before it.
    pub fn rung_history(&self, person_id: i64) -> Result<Vec<RungChange>> {
        self.person(person_id)?;
        let sql = format!(
            "SELECT {CHANGE_COLUMNS} FROM rung_change WHERE person_id = ?1
             ORDER BY from_rung IS NOT NULL, changed_at, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([person_id], change_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn rung_change(&self, id: i64) -> Result<RungChange> {
        let sql = format!("SELECT {CHANGE_COLUMNS} FROM rung_change WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], change_from_row)?)
    }
}
