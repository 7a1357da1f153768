//! Acting on many follow-ups at once: done, drop, move to a day, drop everything due
//! before a day. Each is one transaction and returns what it changed, so it can be undone
//! exactly.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clock::instants::{instant, local_date, local_instant, start_of_day};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::FollowUpStatus;

/// A follow-up's state before a bulk change: what undo puts back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpBefore {
    pub id: i64,
    pub status: FollowUpStatus,
    pub due_at: DateTime<Utc>,
    pub due_has_time: bool,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub notified_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    pub done_touch_id: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

/// What a bulk action did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkChange {
    pub changed: u32,
    /// "Dropped 32 follow-ups."
    pub message: String,
    /// The changed rows as they were; given back, they undo the change.
    pub before: Vec<FollowUpBefore>,
    /// When it was made: undo leaves rows changed again since.
    pub at: DateTime<Utc>,
}

/// What an undo brought back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkUndone {
    pub restored: u32,
    /// "Brought back 32 follow-ups."
    pub message: String,
}

enum Change {
    Done,
    Drop,
    Move(NaiveDate),
}

/// How far ahead a follow-up may be moved, as when it is added.
const FURTHEST_YEARS: i32 = 10;

impl Diary {
    /// Marks the open ones among `ids` done.
    pub fn complete_follow_ups(&mut self, ids: &[i64]) -> Result<BulkChange> {
        self.change_many(ids.to_vec(), Change::Done)
    }

    /// Drops the open ones among `ids`.
    pub fn drop_follow_ups(&mut self, ids: &[i64]) -> Result<BulkChange> {
        self.change_many(ids.to_vec(), Change::Drop)
    }

    /// Moves the open ones among `ids` to `day`, keeping a time of day where they had one.
    /// A snooze ends; moved to a moment already past (today, no time), a follow-up counts
    /// as notified, as the user has just looked at it.
    pub fn move_follow_ups(&mut self, ids: &[i64], day: NaiveDate) -> Result<BulkChange> {
        let today = local_date(self.tz(), self.now());
        if day < today {
            return Err(Error::invalid("day", "Choose today or a later day."));
        }
        if day.year() > today.year() + FURTHEST_YEARS {
            return Err(Error::invalid("day", format!("Choose a day before {}.", today.year() + FURTHEST_YEARS + 1)));
        }
        self.change_many(ids.to_vec(), Change::Move(day))
    }

    /// Drops every open follow-up due (or snoozed until) before the local day `day`.
    pub fn drop_follow_ups_due_before(&mut self, day: NaiveDate) -> Result<BulkChange> {
        let before = start_of_day(self.tz(), day).timestamp();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM follow_up WHERE status IN ('open', 'snoozed') AND coalesce(snoozed_until, due_at) < ?1 ORDER BY id",
        )?;
        let ids = stmt.query_map([before], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
        drop(stmt);
        self.change_many(ids, Change::Drop)
    }

    /// Puts back the rows of a bulk change made at `at`, exactly as they were; a row
    /// changed again since is left as it is now.
    pub fn undo_follow_ups(&mut self, before: &[FollowUpBefore], at: DateTime<Utc>) -> Result<BulkUndone> {
        let restored = self.in_one_transaction(|diary| {
            let mut restored = 0;
            for b in before {
                restored += diary.conn.execute(
                    "UPDATE follow_up SET status = ?2, due_at = ?3, due_has_time = ?4, snoozed_until = ?5, notified_at = ?6,
                            done_at = ?7, done_touch_id = ?8, updated_at = ?9
                     WHERE id = ?1 AND updated_at = ?10",
                    params![
                        b.id,
                        b.status,
                        b.due_at.timestamp(),
                        b.due_has_time,
                        b.snoozed_until.map(|t| t.timestamp()),
                        b.notified_at.map(|t| t.timestamp()),
                        b.done_at.map(|t| t.timestamp()),
                        b.done_touch_id,
                        b.updated_at.timestamp(),
                        at.timestamp()
                    ],
                )? as u32;
            }
            Ok(restored)
        })?;
        let left = before.len() as u32 - restored;
        let mut message = format!("Brought back {}.", follow_ups(restored));
        if left > 0 {
            message = format!(
                "Brought back {}; {} changed since and stayed as {}.",
                follow_ups(restored),
                left,
                if left == 1 { "it is" } else { "they are" }
            );
        }
        Ok(BulkUndone { restored, message })
    }

    fn change_many(&mut self, ids: Vec<i64>, change: Change) -> Result<BulkChange> {
        let (now, tz) = (self.now(), self.tz());
        let before = self.in_one_transaction(|diary| {
            let mut before = Vec::with_capacity(ids.len());
            for id in ids {
                let Some(row) = diary.open_state(id)? else { continue };
                let at = now.timestamp();
                match change {
                    Change::Done | Change::Drop => {
                        let status = if matches!(change, Change::Done) { "done" } else { "dropped" };
                        diary.conn.execute(
                            "UPDATE follow_up SET status = ?2, done_at = ?3, updated_at = ?3 WHERE id = ?1",
                            params![id, status, at],
                        )?;
                    }
                    Change::Move(day) => {
                        let time = if row.due_has_time { row.due_at.with_timezone(&tz).time() } else { NaiveTime::MIN };
                        let due = local_instant(tz, day, time);
                        let notified = (due <= now).then_some(at);
                        diary.conn.execute(
                            "UPDATE follow_up SET status = 'open', due_at = ?2, snoozed_until = NULL, notified_at = ?3, updated_at = ?4
                             WHERE id = ?1",
                            params![id, due.timestamp(), notified, at],
                        )?;
                    }
                }
                before.push(row);
            }
            Ok(before)
        })?;
        let n = follow_ups(before.len() as u32);
        let message = match change {
            Change::Done => format!("Done: {n}."),
            Change::Drop => format!("Dropped {n}."),
            Change::Move(day) => {
                let this_year = local_date(tz, now).year() == day.year();
                format!("Moved {n} to {}.", day.format(if this_year { "%a, %b %-d" } else { "%a, %b %-d, %Y" }))
            }
        };
        Ok(BulkChange { changed: before.len() as u32, message, before, at: now })
    }

    /// An open or snoozed follow-up's state; none when it is closed or missing.
    fn open_state(&self, id: i64) -> Result<Option<FollowUpBefore>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, status, due_at, due_has_time, snoozed_until, notified_at, done_at, done_touch_id, updated_at
             FROM follow_up WHERE id = ?1 AND status IN ('open', 'snoozed')",
        )?;
        let at = |v: Option<i64>| v.map(instant).transpose();
        Ok(stmt
            .query_row([id], |r| {
                Ok(FollowUpBefore {
                    id: r.get(0)?,
                    status: r.get(1)?,
                    due_at: instant(r.get(2)?)?,
                    due_has_time: r.get(3)?,
                    snoozed_until: at(r.get(4)?)?,
                    notified_at: at(r.get(5)?)?,
                    done_at: at(r.get(6)?)?,
                    done_touch_id: r.get(7)?,
                    updated_at: instant(r.get(8)?)?,
                })
            })
            .optional()?)
    }
}

/// "1 follow-up", "32 follow-ups".
fn follow_ups(n: u32) -> String {
    if n == 1 {
        "1 follow-up".into()
    } else {
        format!("{n} follow-ups")
    }
}
