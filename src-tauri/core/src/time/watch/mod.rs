//! Watched time: what the window watcher measured becomes sessions with source `watched`.
//!
//! The watcher (in the shell) matches the active window with [`Diary::window_matches`] and
//! hands each sample to [`Diary::watch_sample`]; it calls [`Diary::watch_flush`] when it
//! stops. The session in progress is written at every sample with its last activity as
//! its end, so it is never left running: a kill loses only what came after the last
//! sample, and the next start finds it closed there.

pub(crate) mod capture;
pub(crate) mod prompt;
pub(crate) mod rules;
pub(crate) mod tracker;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::agenda::reminders::Reminder;
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::time::sessions::Session;

pub use capture::{Capture, CaptureChoice, CaptureStatus, WHAT_CAPTURE_RECORDS};
pub use prompt::{LogPrompt, RecentPerson, PROMPT_AFTER_SECONDS, PROMPT_EVERY_SECONDS};
pub use rules::{built_in_rules, Matcher, WatchRule, MAX_PATTERN, MAX_RULES};
pub use tracker::{Sample, Span, Step, Tracker, JOIN_GAP_SECONDS, MIN_SESSION_SECONDS};

/// The watcher's state inside the open diary: the tracker and the row of its session.
#[derive(Debug, Default)]
pub(crate) struct WatchState {
    tracker: Tracker,
    /// The stored row of the session in progress, and the span last written to it.
    row: Option<(i64, Span)>,
    /// A session in progress that the user deleted: it is not written again.
    forgotten: Option<(String, DateTime<Utc>)>,
}

/// What a sample changed, for the shell to act on.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WatchUpdate {
    /// The watched session going on, from its start to the last activity.
    pub open: Option<Span>,
    /// Its stored row, once it lasted 30 seconds.
    pub open_session_id: Option<i64>,
    /// A session that ended with this sample, as stored; none if it was too short to keep.
    pub ended: Option<Session>,
    /// Ask who the ended session was spent with.
    pub prompt: Option<LogPrompt>,
    /// Budget warnings newly due (80 % and 100 %, once each a week).
    pub warnings: Vec<Reminder>,
    /// The diary was written: the shell emits `diary-changed`.
    pub changed: bool,
}

impl Diary {
    /// Takes one sample from the watcher. While capture is off or paused it records
    /// nothing and ends any session in progress at its last activity.
    pub fn watch_sample(&mut self, sample: &Sample) -> Result<WatchUpdate> {
        if !self.capture_status_at(sample.at)?.recording {
            return self.watch_flush(sample.at);
        }
        let settings = self.settings()?;
        let blocked = self.running_timer()?.is_some();
        let mut sample = sample.clone();
        // Only a platform in the list counts; anything else is an unmatched window.
        if let Some(p) = &sample.platform {
            if !self.platforms()?.iter().any(|known| &known.key == p) {
                sample.platform = None;
            }
        }
        let step = self.watch.tracker.observe(&sample, blocked, Duration::minutes(i64::from(settings.idle_minutes)));
        self.apply_watch_step(step, sample.at)
    }

    /// Ends the watched session in progress where it was last seen: when the watcher stops,
    /// the app quits or capture is paused.
    pub fn watch_flush(&mut self, at: DateTime<Utc>) -> Result<WatchUpdate> {
        let step = self.watch.tracker.flush();
        self.apply_watch_step(step, at)
    }

    fn apply_watch_step(&mut self, step: Step, at: DateTime<Utc>) -> Result<WatchUpdate> {
        let mut update = WatchUpdate { open: step.open.clone(), ..WatchUpdate::default() };
        self.in_one_transaction(|diary| {
            if let Some(span) = &step.ended {
                update.changed |= diary.write_watched(span)?;
                if let Some((id, _)) = diary.watch.row.take() {
                    let session = diary.session(id)?;
                    update.prompt = diary.log_prompt(&session, at)?;
                    update.ended = Some(session);
                }
                diary.watch.forgotten = None;
            }
            if let Some(span) = &step.open {
                update.changed |= diary.write_watched(span)?;
            }
            Ok(())
        })?;
        update.open_session_id = self.watch.row.as_ref().map(|(id, _)| *id);
        if update.changed {
            update.warnings = self.claim_budget_warnings()?;
        }
        Ok(update)
    }

    /// Writes the session in progress, trimmed so that it overlaps no other session (the
    /// timer's and hand-entered ones win). Whether anything was written.
    fn write_watched(&mut self, span: &Span) -> Result<bool> {
        let key = (span.platform.clone(), span.started_at);
        if self.watch.forgotten.as_ref() == Some(&key) {
            return Ok(false);
        }
        let id = self.watch.row.as_ref().map(|(id, _)| *id);
        let (start, end) = (span.started_at.timestamp(), span.ended_at.timestamp());
        let far = i64::MAX;
        // After any other session that began before it; before any that begins inside it.
        let after: Option<i64> = self.conn.query_row(
            "SELECT max(coalesce(ended_at, ?3)) FROM session WHERE id IS NOT ?1 AND started_at <= ?2 AND coalesce(ended_at, ?3) > ?2",
            params![id, start, far],
            |r| r.get(0),
        )?;
        let before: Option<i64> = self.conn.query_row(
            "SELECT min(started_at) FROM session WHERE id IS NOT ?1 AND started_at > ?2 AND started_at < ?3",
            params![id, start, end],
            |r| r.get(0),
        )?;
        let start = after.map_or(start, |a| a.max(start));
        let end = before.map_or(end, |b| b.min(end)).max(start);
        let trimmed = Span {
            platform: span.platform.clone(),
            started_at: crate::clock::instants::instant(start)?,
            ended_at: crate::clock::instants::instant(end)?,
        };
        if self.watch.row.as_ref().is_some_and(|(_, written)| *written == trimmed) {
            return Ok(false);
        }
        match id {
            Some(id) if !trimmed.kept() => {
                self.conn.execute("DELETE FROM session WHERE id = ?1", [id])?;
                self.watch.row = None;
            }
            Some(id) => {
                let updated = self.conn.execute(
                    "UPDATE session SET started_at = ?2, ended_at = ?3 WHERE id = ?1 AND source = 'watched'",
                    params![id, start, end],
                )?;
                if updated == 0 {
                    // Deleted (or edited into a hand-entered one) by the user meanwhile.
                    self.watch.row = None;
                    self.watch.forgotten = Some(key);
                    return Ok(false);
                }
                self.watch.row = Some((id, trimmed));
            }
            None if trimmed.kept() => {
                self.conn.execute(
                    "INSERT INTO session (platform, started_at, ended_at, source) VALUES (?1, ?2, ?3, 'watched')",
                    params![span.platform, start, end],
                )?;
                self.watch.row = Some((self.conn.last_insert_rowid(), trimmed));
            }
            None => return Ok(false),
        }
        Ok(true)
    }

    /// The newest watched session, if any: what the watcher last wrote.
    pub fn last_watched_session(&self) -> Result<Option<Session>> {
        let id: Option<i64> =
            self.conn.query_row("SELECT max(id) FROM session WHERE source = 'watched'", [], |r| r.get(0)).optional()?.flatten();
        id.map(|id| self.session(id)).transpose()
    }
}
