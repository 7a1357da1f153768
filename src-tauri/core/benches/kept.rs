//! What the `sync` and `devices` benches share: the generated diaries the `diary` bench
//! keeps in `target/bench/`, the fixed "now" they were made at, and the statistics.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use rapport_core::clock::FixedClock;
use rapport_core::Diary;
use rapport_sample::{fill, SampleSize};
use rusqlite::Connection;

/// As the `diary` bench, so all read the same kept diaries.
pub const SAMPLE_VERSION: u32 = 6;
const SEED: u64 = 2026;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 12, 0, 0).unwrap()
}

/// The diary at `path` on the benches' clock.
pub fn open(path: &Path) -> Diary {
    Diary::open_with_clock(path, Arc::new(FixedClock { now: now(), tz: chrono_tz::Europe::Berlin })).unwrap()
}

/// The generated diary of this size, as the `diary` bench keeps it (made if missing).
pub fn sample(dir: &Path, name: &str, size: SampleSize) -> PathBuf {
    let kept = dir.join(format!("{name}-v{SAMPLE_VERSION}.sqlite3"));
    if !kept.exists() {
        let partial = dir.join(format!("{name}-v{SAMPLE_VERSION}.partial.sqlite3"));
        let _ = std::fs::remove_file(&partial);
        eprintln!("generating the {name} diary…");
        let mut diary = open(&partial);
        fill(&mut diary, size, SEED, now()).unwrap();
        drop(diary);
        Connection::open(&partial).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;").unwrap();
        std::fs::rename(&partial, &kept).unwrap();
    }
    kept
}

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub fn p95(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[(v.len() * 95).div_ceil(100) - 1]
}
