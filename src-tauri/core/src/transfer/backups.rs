//! Backups: a copy of the diary through SQLite's online backup API into a folder beside
//! it, once a day, keeping the newest of each of the last 7 days and of the 4 weeks
//! before; and restoring one, with whatever was at the diary's path kept aside first.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::storage::diary::{create_private, Diary};
use crate::storage::error::{Error, Result};

/// Daily backups kept (the newest of each day), then weekly ones (the newest of each week).
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;

const PREFIX: &str = "rapport-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub file_name: String,
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub bytes: u64,
}

/// A backup to take: made while the diary is held, run without it, so the window's
/// commands never wait for a large diary's copy.
#[derive(Debug)]
pub struct BackupJob {
    source: PathBuf,
    dir: PathBuf,
    taken_at: DateTime<Utc>,
    tz: Tz,
}

impl BackupJob {
    /// Copies the diary file through the online backup API on a connection of its own
    /// (a consistent copy, with the diary's writes going on beside it), then prunes.
    pub fn run(self) -> Result<Backup> {
        fs::create_dir_all(&self.dir)?;
        let mut path = self.dir.join(format!("{PREFIX}{}{SUFFIX}", self.taken_at.format(STAMP)));
        // Two backups in the same second (a "back up now" after the daily one) both stay.
        let mut n = 1;
        while path.exists() {
            n += 1;
            path = self.dir.join(format!("{PREFIX}{}-{n}{SUFFIX}", self.taken_at.format(STAMP)));
        }
        let source = Connection::open_with_flags(&self.source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        copy_through_sqlite(&source, &path)?;
        prune(&self.dir, self.tz)?;
        backup_at(&path)
    }
}

impl Diary {
    /// The backup of this diary into `dir`, to run now or on another thread.
    pub fn backup_job(&self, dir: &Path) -> BackupJob {
        BackupJob { source: self.path().to_path_buf(), dir: dir.to_path_buf(), taken_at: self.now(), tz: self.tz() }
    }

    /// Copies the diary into `dir` and prunes old backups.
    pub fn back_up(&self, dir: &Path) -> Result<Backup> {
        self.backup_job(dir).run()
    }

    /// Whether today (local) has no backup yet.
    pub fn backup_due(&self, dir: &Path) -> Result<bool> {
        let today = crate::clock::instants::local_date(self.tz(), self.now());
        Ok(!backups(dir)?.iter().any(|b| crate::clock::instants::local_date(self.tz(), b.taken_at) == today))
    }

    /// Today's backup when there is none yet; the scheduler runs it.
    pub fn backup_job_if_due(&self, dir: &Path) -> Result<Option<BackupJob>> {
        Ok(self.backup_due(dir)?.then(|| self.backup_job(dir)))
    }
}

/// The backups in `dir`, newest first; other files are ignored.
pub fn backups(dir: &Path) -> Result<Vec<Backup>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if let Ok(backup) = backup_at(&path) {
            found.push(backup);
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse((b.taken_at, sequence(&b.file_name))));
    Ok(found)
}

/// The n of a second backup in the same second, `rapport-<stamp>-n.sqlite3` (else 1).
fn sequence(file_name: &str) -> u32 {
    let stem = file_name.strip_prefix(PREFIX).and_then(|rest| rest.strip_suffix(SUFFIX)).unwrap_or_default();
    stem.split_once('-').and_then(|(_, n)| n.parse().ok()).unwrap_or(1)
}

fn backup_at(path: &Path) -> Result<Backup> {
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
    let stamp = file_name
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .map(|s| s.split('-').next().unwrap_or(s))
        .ok_or_else(|| Error::invalid("backup", format!("{file_name} is not a Rapport backup.")))?;
    let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP)
        .map_err(|_| Error::invalid("backup", format!("{file_name} is not a Rapport backup.")))?
        .and_utc();
    Ok(Backup { bytes: fs::metadata(path)?.len(), path: path.to_path_buf(), file_name, taken_at })
}

/// Deletes the backups that fall outside the newest of each of the last `KEEP_DAILY`
/// days and of the `KEEP_WEEKLY` weeks before them (local days, ISO weeks).
pub fn prune(dir: &Path, tz: Tz) -> Result<Vec<PathBuf>> {
    let all = backups(dir)?;
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    let mut removed = Vec::new();
    for b in all {
        let day = crate::clock::instants::local_date(tz, b.taken_at);
        let week = day.iso_week();
        let keep = if days.len() < KEEP_DAILY {
            if days.contains(&day) {
                false
            } else {
                days.push(day);
                true
            }
        } else if days.contains(&day) || weeks.contains(&week) || weeks.len() >= KEEP_WEEKLY {
            false
        } else {
            weeks.push(week);
            true
        };
        if !keep {
            fs::remove_file(&b.path)?;
            removed.push(b.path);
        }
    }
    Ok(removed)
}

/// Puts the backup at `backup` in place of the diary at `diary`, which must not be
/// open. The backup is checked first; whatever was at the diary's path (a sound diary or
/// a damaged one) is moved aside, byte for byte, and its name returned. Nothing is
/// deleted.
pub fn restore(diary: &Path, backup: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    check(backup).map_err(|e| match e {
        Error::Damaged(why) => Error::Damaged(format!("the backup {}: {why}", backup.display())),
        other => other,
    })?;
    let aside = move_aside(diary, now)?;
    create_private(diary)?;
    fs::copy(backup, diary)?;
    Ok(aside)
}

/// Makes another diary file (a copy the user kept, say) the diary at `diary`, which
/// must not be open: checked first, then copied through SQLite (its write-ahead log
/// included) after whatever was at the diary's path is moved aside. The other file is
/// only read.
pub fn adopt(diary: &Path, other: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let source = check(other)?;
    let aside = move_aside(diary, now)?;
    copy_through_sqlite(&source, diary)?;
    Ok(aside)
}

/// Copies the database behind `source` into a new private file at `path` with SQLite's
/// online backup API: one self-contained file, nothing beside it.
fn copy_through_sqlite(source: &Connection, path: &Path) -> Result<()> {
    create_private(path)?;
    let mut target = Connection::open(path)?;
    {
        // Every page in one step (-1): a write from another connection between steps
        // would restart the copy. Busy or locked only means: try again in a moment.
        let backup = rusqlite::backup::Backup::new(source, &mut target)?;
        while backup.step(-1)? != rusqlite::backup::StepResult::Done {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    target.pragma_update(None, "journal_mode", "delete")?;
    Ok(())
}

/// Opens `file` read-only and checks it is a sound Rapport diary this version reads.
fn check(file: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(Error::from_open)?;
    let ok: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| Error::Damaged(format!("it cannot be read: {e}")))?;
    if ok != "ok" {
        return Err(Error::Damaged("it is damaged too".into()));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let ours: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'person')", [], |r| r.get(0))?;
    if version == 0 || !ours {
        return Err(Error::Invalid { field: "file", message: format!("{} is not a Rapport diary.", file.display()) });
    }
    if version > crate::storage::diary::SCHEMA_VERSION {
        return Err(Error::TooNew { found: version, supported: crate::storage::diary::SCHEMA_VERSION });
    }
    Ok(conn)
}

/// Moves the diary file and its companions aside under a dated name; returns the
/// diary's new name, if there was one.
fn move_aside(diary: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let stamp = now.format(STAMP);
    let mut aside = None;
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", diary.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}.before-restore-{stamp}{suffix}", diary.display()));
            fs::rename(&from, &to)?;
            if suffix.is_empty() {
                aside = Some(to);
            }
        }
    }
    Ok(aside)
}
