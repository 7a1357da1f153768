//! Sessions: time spent on a platform, by timer, entered by hand or watched (`time::watch`). One timer runs at a
//! time and is stored the moment it starts, so it survives a restart with its true start.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::clock::instants::instant;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Problems, Result};
use crate::vocab::text::{self, limits};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: i64,
    pub platform: String,
    pub started_at: DateTime<Utc>,
    /// `None` while the timer runs.
    pub ended_at: Option<DateTime<Utc>>,
    /// "timer", "manual" or "watched".
    pub source: String,
    pub note: String,
}

/// A long timer trimmed keeps its first hour.
const TRIM_SECONDS: i64 = 3600;

/// The running timer, as the window and the tray show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningTimer {
    pub session: Session,
    pub elapsed_seconds: i64,
    /// Left running longer than the setting allows: ask whether to keep, trim or discard.
    pub long: bool,
    /// Where "trim" ends a long timer: an hour after it started.
    pub trim_until: DateTime<Utc>,
}

/// What to do with a timer left running too long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "until", rename_all = "snake_case")]
pub enum LongTimer {
    /// It was real: stop it now.
    Keep,
    /// Stop it at this moment instead.
    Trim(DateTime<Utc>),
    /// It was forgotten: delete it.
    Discard,
}

/// A session entered or edited by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInput {
    pub platform: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    #[serde(default)]
    pub note: String,
}

/// A platform that time is tracked on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Platform {
    pub key: String,
    pub label: String,
}

impl Diary {
    /// The platforms in use, in their order.
    pub fn platforms(&self) -> Result<Vec<Platform>> {
        let mut stmt = self.conn.prepare_cached("SELECT key, label FROM platform WHERE archived_at IS NULL ORDER BY position, label")?;
        let rows = stmt.query_map([], |r| Ok(Platform { key: r.get(0)?, label: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a platform to time; its key is made from the label.
    pub fn add_platform(&mut self, label: &str) -> Result<Platform> {
        let label = text::required_line("label", "The platform's name", label, limits::PLATFORM)?;
        self.check_label_free(&label, None)?;
        let base: String = label
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .trim_matches('-')
            .to_owned();
        let base = if base.is_empty() { "platform".to_owned() } else { base };
        // Keys stay unique even against archived platforms, whose sessions keep theirs.
        let mut key = base.clone();
        for n in 2.. {
            let taken: bool = self.conn.query_row("SELECT EXISTS (SELECT 1 FROM platform WHERE key = ?1)", [&key], |r| r.get(0))?;
            if !taken {
                break;
            }
            key = format!("{base}-{n}");
        }
        self.conn.execute(
            "INSERT INTO platform (key, label, position) VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM platform))",
            params![key, label],
        )?;
        Ok(Platform { key, label })
    }

    pub fn rename_platform(&mut self, key: &str, label: &str) -> Result<Platform> {
        let label = text::required_line("label", "The platform's name", label, limits::PLATFORM)?;
        self.check_label_free(&label, Some(key))?;
        if self.conn.execute("UPDATE platform SET label = ?2 WHERE key = ?1 AND archived_at IS NULL", params![key, label])? == 0 {
            return Err(Error::not_found(format!("Platform {key:?}")));
        }
        Ok(Platform { key: key.to_owned(), label })
    }

    /// Takes a platform off the list; its sessions and budget history stay.
    pub fn archive_platform(&mut self, key: &str) -> Result<()> {
        let running = self.running_timer()?.is_some_and(|t| t.session.platform == key);
        if running {
            return Err(Error::invalid("platform", "Stop its timer first."));
        }
        let now = self.now().timestamp();
        if self.conn.execute("UPDATE platform SET archived_at = ?2 WHERE key = ?1 AND archived_at IS NULL", params![key, now])? == 0 {
            return Err(Error::not_found(format!("Platform {key:?}")));
        }
        self.conn.execute("DELETE FROM budget WHERE scope = ?1", [key])?;
        Ok(())
    }

    fn check_label_free(&self, label: &str, except: Option<&str>) -> Result<()> {
        let taken: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM platform WHERE label = ?1 COLLATE NOCASE AND archived_at IS NULL AND key IS NOT ?2)",
            params![label, except],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::invalid("label", format!("{label} is already in the list.")));
        }
        Ok(())
    }

    /// Starts the timer on `platform`, stopping any other first, in one transaction.
    pub fn start_timer(&mut self, platform: &str) -> Result<RunningTimer> {
        let now = self.now().timestamp();
        self.check_platform(platform)?;
        let tx = self.conn.savepoint()?;
        tx.execute("UPDATE session SET ended_at = max(started_at, ?1) WHERE ended_at IS NULL", [now])?;
        tx.execute("INSERT INTO session (platform, started_at, source) VALUES (?1, ?2, 'timer')", params![platform, now])?;
        tx.commit()?;
        self.running_timer()?.ok_or_else(|| Error::not_found("The timer"))
    }

    /// The keyboard's timer key: stops the running timer, or starts one on the platform of
    /// the latest session (the first platform if there is none). Returns what runs now.
    pub fn toggle_timer(&mut self) -> Result<Option<RunningTimer>> {
        if self.stop_timer()?.is_some() {
            return Ok(None);
        }
        let last: Option<String> = self
            .conn
            .query_row(
                "SELECT s.platform FROM session s JOIN platform p ON p.key = s.platform AND p.archived_at IS NULL
                 ORDER BY s.started_at DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let platform = match last {
            Some(p) => p,
            None => self
                .platforms()?
                .first()
                .map(|p| p.key.clone())
                .ok_or_else(|| Error::invalid("platform", "There are no platforms to time."))?,
        };
        self.start_timer(&platform).map(Some)
    }

    /// Stops the running timer; `None` if none was running.
    pub fn stop_timer(&mut self) -> Result<Option<Session>> {
        let Some(running) = self.running_timer()? else { return Ok(None) };
        let now = self.now().timestamp().max(running.session.started_at.timestamp());
        self.conn.execute("UPDATE session SET ended_at = ?2 WHERE id = ?1", params![running.session.id, now])?;
        self.session(running.session.id).map(Some)
    }

    /// The running timer, if any, with how long it has run.
    pub fn running_timer(&self) -> Result<Option<RunningTimer>> {
        let session =
            self.conn.query_row(&format!("SELECT {COLUMNS} FROM session WHERE ended_at IS NULL"), [], session_from_row).optional()?;
        let Some(session) = session else { return Ok(None) };
        let elapsed = (self.now() - session.started_at).num_seconds().max(0);
        let long = elapsed > i64::from(self.settings()?.long_timer_hours) * 3600;
        let trim_until = session.started_at + Duration::seconds(TRIM_SECONDS);
        Ok(Some(RunningTimer { session, elapsed_seconds: elapsed, long, trim_until }))
    }

    /// Settles a timer left running too long.
    pub fn settle_long_timer(&mut self, choice: LongTimer) -> Result<Option<Session>> {
        let Some(running) = self.running_timer()? else { return Ok(None) };
        let id = running.session.id;
        match choice {
            LongTimer::Keep => self.stop_timer(),
            LongTimer::Discard => {
                self.conn.execute("DELETE FROM session WHERE id = ?1", [id])?;
                Ok(None)
            }
            LongTimer::Trim(end) => {
                if end < running.session.started_at || end > self.now() {
                    return Err(Error::invalid("until", "Trim to a time between the timer's start and now."));
                }
                self.conn.execute("UPDATE session SET ended_at = ?2 WHERE id = ?1", params![id, end.timestamp()])?;
                self.session(id).map(Some)
            }
        }
    }

    /// Adds a finished session by hand; it may not overlap another.
    pub fn add_session(&mut self, input: &SessionInput) -> Result<Session> {
        let note = self.check_session(input, None)?;
        self.conn.execute(
            "INSERT INTO session (platform, started_at, ended_at, source, note) VALUES (?1, ?2, ?3, 'manual', ?4)",
            params![input.platform, input.started_at.timestamp(), input.ended_at.timestamp(), note],
        )?;
        self.session(self.conn.last_insert_rowid())
    }

    pub fn update_session(&mut self, id: i64, input: &SessionInput) -> Result<Session> {
        self.session(id)?;
        let note = self.check_session(input, Some(id))?;
        self.conn.execute(
            "UPDATE session SET platform = ?2, started_at = ?3, ended_at = ?4, note = ?5 WHERE id = ?1",
            params![id, input.platform, input.started_at.timestamp(), input.ended_at.timestamp(), note],
        )?;
        self.session(id)
    }

    pub fn delete_session(&mut self, id: i64) -> Result<()> {
        if self.conn.execute("DELETE FROM session WHERE id = ?1", [id])? == 0 {
            return Err(Error::not_found(format!("Session {id}")));
        }
        Ok(())
    }

    /// Sessions overlapping `[from, until)`, newest first.
    pub fn sessions(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Session>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM session WHERE started_at < ?2 AND coalesce(ended_at, ?3) > ?1
             ORDER BY started_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map(params![from.timestamp(), until.timestamp(), self.now().timestamp()], session_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn session(&self, id: i64) -> Result<Session> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM session WHERE id = ?1"), [id], session_from_row)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Session {id}")))
    }

    fn check_platform(&self, platform: &str) -> Result<()> {
        let known: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM platform WHERE key = ?1 AND archived_at IS NULL)", [platform], |r| r.get(0))?;
        if !known {
            return Err(Error::invalid("platform", format!("{platform:?} is not a platform in the list.")));
        }
        Ok(())
    }

    /// Checks every value; every problem found is in the error.
    fn check_session(&self, input: &SessionInput, editing: Option<i64>) -> Result<String> {
        let mut problems = Problems::default();
        problems.take(self.check_platform(&input.platform));
        if input.ended_at <= input.started_at {
            problems.add("ended_at", "A session must end after it starts.");
        } else if input.ended_at - input.started_at > Duration::hours(24) {
            problems.add("ended_at", "A session can last at most 24 hours.");
        } else if input.ended_at > self.now() {
            problems.add("ended_at", "A session entered by hand cannot end in the future.");
        }
        // An overlap is only worth saying of a sound start and end.
        if !problems.has("ended_at") {
            problems.take(self.check_no_overlap(input, editing));
        }
        let note = text::notes("note", "The note", &input.note).and_then(|n| text::optional_line("note", "The note", &n, limits::LINE));
        let note = problems.take(note);
        problems.or(note)
    }

    fn check_no_overlap(&self, input: &SessionInput, editing: Option<i64>) -> Result<()> {
        let now = self.now().timestamp();
        let clash: Option<(String, i64, Option<i64>)> = self
            .conn
            .query_row(
                "SELECT p.label, s.started_at, s.ended_at FROM session s JOIN platform p ON p.key = s.platform
                 WHERE s.started_at < ?2 AND coalesce(s.ended_at, ?3) > ?1 AND s.id IS NOT ?4
                 ORDER BY s.started_at LIMIT 1",
                params![input.started_at.timestamp(), input.ended_at.timestamp(), now, editing],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((label, start, end)) = clash {
            let tz = self.tz();
            let local = |at: i64| instant(at).map(|t| t.with_timezone(&tz));
            let end = match end {
                Some(end) => local(end)?.format("%H:%M").to_string(),
                None => "now (the timer is running)".into(),
            };
            return Err(Error::invalid(
                "started_at",
                format!("This overlaps the {label} session from {} to {end}.", local(start)?.format("%a %-d %b %H:%M")),
            ));
        }
        Ok(())
    }
}

const COLUMNS: &str = "id, platform, started_at, ended_at, source, note";

fn session_from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: row.get(0)?,
        platform: row.get(1)?,
        started_at: instant(row.get(2)?)?,
        ended_at: row.get::<_, Option<i64>>(3)?.map(instant).transpose()?,
        source: row.get(4)?,
        note: row.get(5)?,
    })
}
