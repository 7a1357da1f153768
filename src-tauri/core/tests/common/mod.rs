//! Fixture builders shared by the core's tests: a diary on a real file with a pinned clock.
#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use rapport_core::clock::FixedClock;
use rapport_core::people::PersonEdit;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::Channel;
use rapport_core::Diary;

/// "Now" in these tests: 2026-03-31 12:00 UTC.
pub fn now() -> DateTime<Utc> {
    at(2026, 3, 31, 12, 0)
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub diary: Diary,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::at(now(), chrono_tz::UTC)
    }

    /// A diary whose clock says `now` in time zone `tz`.
    pub fn at(now: DateTime<Utc>, tz: chrono_tz::Tz) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let diary = Diary::open_with_clock(dir.path().join("diary.sqlite3"), Arc::new(FixedClock { now, tz })).unwrap();
        Fixture { dir, diary }
    }

    /// Moves the diary's clock.
    pub fn set_now(&mut self, now: DateTime<Utc>, tz: chrono_tz::Tz) {
        self.diary.set_clock(Arc::new(FixedClock { now, tz }));
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("diary.sqlite3")
    }

    pub fn person(&mut self, name: &str) -> i64 {
        self.diary.add_person(&PersonEdit { display_name: name.into(), ..Default::default() }).unwrap().id
    }

    /// Logs a touch built from quick-log defaults, adjusted by `tweak`.
    pub fn touch(&mut self, person: i64, channel: Channel, when: DateTime<Utc>, tweak: impl FnOnce(&mut TouchInput)) -> i64 {
        let mut input = TouchInput::new(person, channel);
        input.when = Some(when);
        tweak(&mut input);
        self.diary.log_touch(&input).unwrap().touch.id
    }

    /// A second connection to the same file, for rows no core API writes yet.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.path()).unwrap()
    }
}
