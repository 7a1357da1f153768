//! Opening the diary file: pragmas, the schema version check, a copy before any
//! migration, and the migrations themselves.

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::clock::{Clock, SystemClock};
use crate::funnel::cohort::FunnelKept;
use crate::storage::error::{Error, Result};

/// The diary's file name inside the data directory.
pub const DIARY_FILE_NAME: &str = "rapport.sqlite3";

/// Migrations in order; the schema version is how many have been applied.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_init.sql")),
    M::up(include_str!("../../migrations/0002_search.sql")),
    M::up(include_str!("../../migrations/0003_figures.sql")),
    M::up(include_str!("../../migrations/0004_touch_hours.sql")),
    M::up(include_str!("../../migrations/0005_letters_are_written.sql")),
    M::up(include_str!("../../migrations/0006_archive_imports.sql")),
    M::up(include_str!("../../migrations/0007_watched_time.sql")),
    M::up(include_str!("../../migrations/0008_first_touch.sql")),
    M::up(include_str!("../../migrations/0009_funnel_dirty.sql")),
    M::up(include_str!("../../migrations/0010_not_duplicates.sql")),
    M::up(include_str!("../../migrations/0011_important_dates.sql")),
    M::up(include_str!("../../migrations/0012_stable_ids.sql")),
    M::up(include_str!("../../migrations/0013_sync_journal.sql")),
    M::up(include_str!("../../migrations/0014_sync_rework.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Prepared statements kept per connection: every screen's, so going from one screen to
/// another prepares nothing again.
const STATEMENTS_KEPT: usize = 128;

/// An open diary: one SQLite file.
pub struct Diary {
    pub(crate) conn: Connection,
    clock: Arc<dyn Clock>,
    path: PathBuf,
    /// The watcher's session in progress; only in memory, its row is always closed.
    pub(crate) watch: crate::time::watch::WatchState,
    /// Everyone as the funnel last read them, kept between views.
    pub(crate) funnel_kept: RefCell<FunnelKept>,
}

impl std::fmt::Debug for Diary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Diary").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Diary {
    /// Opens the diary at `path`, creating it if it does not exist, and brings its
    /// schema up to date. A diary from a newer version is refused untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Diary> {
        Diary::open_with_clock(path, Arc::new(SystemClock))
    }

    pub fn open_with_clock(path: impl AsRef<Path>, clock: Arc<dyn Clock>) -> Result<Diary> {
        Diary::open_with_migrations(path.as_ref(), clock, MIGRATIONS)
    }

    fn open_with_migrations(path: &Path, clock: Arc<dyn Clock>, migrations: &'static [M<'static>]) -> Result<Diary> {
        let latest = migrations.len() as i64;
        let path = path.to_path_buf();
        create_private(&path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags).map_err(Error::from_open)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // A screen such as the Week or a person's page runs more statements than
        // rusqlite's 16 kept by default: past that, each is prepared again every time.
        conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);

        // Read-only checks first: nothing may be written to a file we then refuse.
        let found = schema_version(&conn)?;
        if found > latest {
            return Err(Error::TooNew { found, supported: latest });
        }
        if found == 0 && has_tables(&conn)? {
            return Err(Error::Damaged("it holds tables but no Rapport schema version".into()));
        }
        if found > 0 && found < latest {
            copy_before_migration(&conn, &path, found)?;
        }

        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "journal_mode", "wal")?;
        conn.pragma_update(None, "synchronous", "normal")?;
        Migrations::from_slice(migrations).to_latest(&mut conn).map_err(|e| Error::Migration(e.to_string()))?;
        if migrations.len() == MIGRATIONS.len() {
            crate::sync::capture::install(&conn)?;
        }

        Ok(Diary { conn, clock, path, watch: Default::default(), funnel_kept: Default::default() })
    }

    /// Where this diary lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file (always [`SCHEMA_VERSION`] once open).
    pub fn schema_version(&self) -> Result<i64> {
        schema_version(&self.conn)
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.clock.tz()
    }

    /// Replaces the clock, e.g. to move time on in a test or a simulation.
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
    }

    /// SQLite's own check of the whole file: "ok", or what is wrong.
    pub fn integrity_check(&self) -> Result<String> {
        let problems: Vec<String> =
            self.conn.prepare("PRAGMA integrity_check")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(problems.join("\n"))
    }

    /// Runs many writes as one transaction: all of them or, on the first error, none.
    /// It is a savepoint, as each write's own transaction is, so they nest: a bulk job
    /// (an import, a sample diary) pays for one commit instead of thousands, and a write
    /// made of several can itself run inside one.
    pub fn in_one_transaction<T>(&mut self, writes: impl FnOnce(&mut Diary) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT in_one_transaction")?;
        let result = writes(self);
        let end = match &result {
            Ok(_) => "RELEASE in_one_transaction",
            Err(_) => "ROLLBACK TO in_one_transaction; RELEASE in_one_transaction",
        };
        if result.is_err() {
            // A view read inside may have kept what is now undone, numbered as the next
            // writes will be numbered again.
            self.funnel_kept.get_mut().forget();
        }
        self.conn.execute_batch(end)?;
        result
    }
}

fn schema_version(conn: &Connection) -> Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(Error::from_open)
}

fn has_tables(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema)", [], |row| row.get(0))?)
}

/// Creates an empty file readable by its owner alone, so SQLite never creates the
/// diary with looser permissions; tightens an existing file's mode the same way.
pub(crate) fn create_private(path: &Path) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        if file.metadata()?.permissions().mode() & 0o077 != 0 {
            file.set_permissions(fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    options.open(path)?;
    Ok(())
}

/// Takes a consistent copy of the diary beside it before its schema changes:
/// `rapport.sqlite3.v1-20261125T124953Z.bak`. An earlier copy is never overwritten.
fn copy_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}-{stamp}.bak"));
    let copy = path.with_file_name(name);
    let target = copy.to_str().ok_or_else(|| Error::Io(std::io::Error::other("the diary's path is not valid UTF-8")))?;
    // VACUUM INTO accepts an empty file, so the copy is private from its first byte.
    create_private(&copy)?;
    conn.execute("VACUUM INTO ?1", [target])?;
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    static TWO_STEPS: &[M<'static>] =
        &[M::up("CREATE TABLE a (x TEXT NOT NULL);"), M::up("ALTER TABLE a ADD COLUMN y TEXT NOT NULL DEFAULT 'new';")];

    #[test]
    fn the_connection_enforces_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let diary = Diary::open(dir.path().join(DIARY_FILE_NAME)).unwrap();
        let err = diary.conn.execute("INSERT INTO handle (person_id, platform, value, created_at) VALUES (999, 'x', '@ghost', 0)", []);
        assert!(err.is_err(), "a handle of nobody must be refused");
    }

    #[test]
    fn a_migration_keeps_rows_and_leaves_a_private_copy_of_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DIARY_FILE_NAME);
        {
            let diary = Diary::open_with_migrations(&path, Arc::new(SystemClock), &TWO_STEPS[..1]).unwrap();
            diary.conn.execute("INSERT INTO a (x) VALUES ('kept')", []).unwrap();
        }
        let diary = Diary::open_with_migrations(&path, Arc::new(SystemClock), TWO_STEPS).unwrap();
        assert_eq!(diary.schema_version().unwrap(), 2);
        let row: (String, String) = diary.conn.query_row("SELECT x, y FROM a", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(row, ("kept".into(), "new".into()));

        let copies: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".v1-") && p.extension().is_some_and(|e| e == "bak"))
            .collect();
        assert_eq!(copies.len(), 1, "one copy taken before migrating: {copies:?}");
        let old = Connection::open(&copies[0]).unwrap();
        assert_eq!(schema_version(&old).unwrap(), 1);
        let x: String = old.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(x, "kept");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&copies[0]).unwrap().permissions().mode() & 0o777, 0o600);
        }

        // Opening again migrates nothing, so it copies nothing.
        drop(diary);
        Diary::open_with_migrations(&path, Arc::new(SystemClock), TWO_STEPS).unwrap();
        let count =
            fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|e| e == "bak")).count();
        assert_eq!(count, 1);
    }
}
