//! `make bench`: the core's speed over generated diaries of 1k, 10k and 30k people.
//!
//! For each size it times every screen's read and logging a touch, reports the median
//! and 95th percentile, and for each read also the best plain SQL returning the same
//! rows straight from rusqlite (the floor), so command / floor says how close a screen
//! is to the storage engine. It prints a table with PASS/FAIL against the targets and
//! writes `target/bench/results.json`. Sizes: `RAPPORT_BENCH_SIZES=small,medium,large`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, TimeZone, Utc};
use rapport_core::sample::{fill, SampleSize};
use rapport_core::{Channel, Diary, FixedClock, PeopleQuery, TouchInput};
use rusqlite::{params, Connection};
use serde_json::json;

/// Bump when the generator changes, so cached diaries are made again.
const SAMPLE_VERSION: u32 = 4;
const SEED: u64 = 2026;
const RUNS: usize = 30;

/// Targets for the large diary.
const READ_P95_MS: f64 = 10.0;
const SEARCH_P95_MS: f64 = 5.0;
const WRITE_P95_MS: f64 = 5.0;
const FLOOR_RATIO: f64 = 3.0;

/// "Now" in every generated diary: a fixed Wednesday noon, so runs compare.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 12, 0, 0).unwrap()
}

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock { now: now(), tz: chrono_tz::Europe::Berlin })
}

struct Stats {
    median: f64,
    p95: f64,
}

/// Runs `f` `RUNS` times (after one warm-up) and returns its median and p95 in ms.
fn time(mut f: impl FnMut()) -> Stats {
    f();
    let mut ms: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    Stats { median: ms[ms.len() / 2], p95: ms[(ms.len() * 95).div_ceil(100) - 1] }
}

struct Row {
    what: String,
    stats: Stats,
    floor: Option<Stats>,
    target: f64,
}

fn main() {
    let target_dir = PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into()));
    let dir = target_dir.join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    let sizes = std::env::var("RAPPORT_BENCH_SIZES").unwrap_or_else(|_| "small,medium,large".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut results = Vec::new();
    let mut failed = 0;
    for name in sizes.split(',').map(str::trim) {
        let Some(size) = SampleSize::named(name) else {
            eprintln!("unknown size {name:?}: small, medium or large");
            std::process::exit(2);
        };
        let (path, generated) = sample(&dir, name, size);
        let rows = measure(&path);
        println!("\n{name}: {} people, {} touches, {} follow-ups{}", size.people, size.touches, size.follow_ups,
            generated.map(|s| format!(" (generated in {s:.1} s)")).unwrap_or_default());
        println!("{:<34} {:>9} {:>9} {:>9} {:>7}  target", "", "median ms", "p95 ms", "floor ms", "ratio");
        for r in &rows {
            let ratio = r.floor.as_ref().map(|f| r.stats.median / f.median.max(0.001));
            let ok = r.stats.p95 <= r.target && ratio.is_none_or(|x| x <= FLOOR_RATIO);
            // The targets are for the large diary; smaller ones must meet them too.
            if !ok {
                failed += 1;
            }
            println!(
                "{:<34} {:>9.3} {:>9.3} {:>9} {:>7} {} p95 < {} ms{}",
                r.what,
                r.stats.median,
                r.stats.p95,
                r.floor.as_ref().map_or("—".into(), |f| format!("{:.3}", f.median)),
                ratio.map_or("—".into(), |x| format!("{x:.2}")),
                if ok { "PASS" } else { "FAIL" },
                r.target,
                if r.floor.is_some() { format!(", ratio < {FLOOR_RATIO}") } else { String::new() },
            );
            results.push(json!({
                "size": name, "people": size.people, "touches": size.touches, "what": r.what,
                "median_ms": r.stats.median, "p95_ms": r.stats.p95,
                "floor_median_ms": r.floor.as_ref().map(|f| f.median), "ratio": ratio,
                "target_p95_ms": r.target, "pass": ok,
            }));
        }
    }
    let out = json!({ "cores": cores, "runs": RUNS, "results": results });
    let file = dir.join("results.json");
    std::fs::write(&file, serde_json::to_string_pretty(&out).unwrap()).unwrap();
    println!("\n{} failed; figures in {}", failed, file.display());
}

/// The generated diary of this size, made once and kept; each run works on a copy.
fn sample(dir: &Path, name: &str, size: SampleSize) -> (PathBuf, Option<f64>) {
    let kept = dir.join(format!("{name}-v{SAMPLE_VERSION}.sqlite3"));
    let mut generated = None;
    if !kept.exists() {
        let partial = dir.join(format!("{name}-v{SAMPLE_VERSION}.partial.sqlite3"));
        let _ = std::fs::remove_file(&partial);
        eprintln!("generating the {name} diary…");
        let start = Instant::now();
        let mut diary = Diary::open_with_clock(&partial, clock()).unwrap();
        fill(&mut diary, size, SEED, now()).unwrap();
        drop(diary);
        // One file, so that copying it copies everything.
        Connection::open(&partial).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;").unwrap();
        std::fs::rename(&partial, &kept).unwrap();
        generated = Some(start.elapsed().as_secs_f64());
    }
    let run = dir.join(format!("{name}-run.sqlite3"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", run.display()));
    }
    std::fs::copy(&kept, &run).unwrap();
    (run, generated)
}

fn measure(path: &Path) -> Vec<Row> {
    let mut rows = Vec::new();
    let raw = Connection::open(path).unwrap();
    let mut diary = Diary::open_with_clock(path, clock()).unwrap();
    let read = |what: &str, stats, floor| Row { what: what.into(), stats, floor: Some(floor), target: READ_P95_MS };

    rows.push(read(
        "open the diary",
        time(|| drop(Diary::open_with_clock(path, clock()).unwrap())),
        time(|| {
            let c = Connection::open(path).unwrap();
            let _: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        }),
    ));

    let week_end = now() + Duration::days(8);
    rows.push(read("Today (agenda and nudges)", time(|| drop(diary.today().unwrap())), time(|| {
        let mut s = raw.prepare_cached(
            "SELECT f.id, f.title, f.due_at, p.display_name FROM follow_up f LEFT JOIN person p ON p.id = f.person_id
             WHERE f.status IN ('open', 'snoozed') AND coalesce(f.snoozed_until, f.due_at) < ?1 ORDER BY coalesce(f.snoozed_until, f.due_at)").unwrap();
        let n = s.query_map([week_end.timestamp()], |r| r.get::<_, i64>(0)).unwrap().count();
        assert!(n > 0);
    })));

    for prefix in ["a", "an", "ana", "ana l"] {
        let query = PeopleQuery { search: prefix.into(), ..Default::default() };
        let fts = prefix.split_whitespace().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ");
        let stats = time(|| drop(diary.people(&query).unwrap()));
        let floor = time(|| {
            let mut s = raw.prepare_cached(
                "SELECT p.id, p.display_name FROM person p WHERE p.id IN (SELECT rowid FROM person_search WHERE person_search MATCH ?1)
                 AND p.archived_at IS NULL ORDER BY p.display_name COLLATE NOCASE LIMIT 500").unwrap();
            let _ = s.query_map([&fts], |r| r.get::<_, i64>(0)).unwrap().count();
        });
        rows.push(Row { what: format!("search {:?} ({} chars)", prefix, prefix.len()), stats, floor: Some(floor), target: SEARCH_P95_MS });
    }

    let busy: i64 = raw
        .query_row("SELECT person_id FROM touch_person GROUP BY person_id ORDER BY abs(count(*) - 500) LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let touches: i64 = raw.query_row("SELECT count(*) FROM touch_person WHERE person_id = ?1", [busy], |r| r.get(0)).unwrap();
    rows.push(read(&format!("person page ({touches} touches)"), time(|| drop(diary.person_page(busy).unwrap())), time(|| {
        let mut s = raw.prepare_cached(
            "SELECT t.id, t.happened_at, t.channel, t.notes FROM touch_person tp JOIN touch t ON t.id = tp.touch_id
             WHERE tp.person_id = ?1 AND t.deleted_at IS NULL ORDER BY tp.happened_at DESC LIMIT 201").unwrap();
        let _ = s.query_map([busy], |r| r.get::<_, i64>(0)).unwrap().count();
    })));

    rows.push(read("Ladder board", time(|| drop(diary.ladder_board().unwrap())), time(|| {
        let mut s = raw.prepare_cached("SELECT rung, count(*) FROM person WHERE archived_at IS NULL AND merged_into IS NULL GROUP BY rung").unwrap();
        let _ = s.query_map([], |r| r.get::<_, i64>(1)).unwrap().count();
    })));

    let today = now().date_naive();
    let (_, from, until) = diary.week_bounds(today).unwrap();
    rows.push(read("Week view", time(|| drop(diary.week_review(today).unwrap())), time(|| {
        let mut s = raw.prepare_cached(
            "SELECT channel, personal, count(*) FROM touch WHERE deleted_at IS NULL AND happened_at >= ?1 AND happened_at < ?2 GROUP BY channel, personal").unwrap();
        let _ = s.query_map(params![from.timestamp(), until.timestamp()], |r| r.get::<_, i64>(2)).unwrap().count();
    })));

    rows.push(read("budget status", time(|| drop(diary.budget_status().unwrap())), time(|| {
        let mut s = raw.prepare_cached(
            "SELECT platform, sum(min(coalesce(ended_at, ?3), ?2) - max(started_at, ?1)) FROM session
             WHERE started_at < ?2 AND coalesce(ended_at, ?3) > ?1 GROUP BY platform").unwrap();
        let _ = s.query_map(params![from.timestamp(), until.timestamp(), now().timestamp()], |r| r.get::<_, i64>(1)).unwrap().count();
    })));

    let mut n = 0;
    let stats = time(|| {
        n += 1;
        let mut touch = TouchInput::new(busy, if n % 2 == 0 { Channel::Phone } else { Channel::DirectMessage });
        touch.when = Some(now() - Duration::minutes(n));
        touch.notes = "Benchmark touch".into();
        diary.log_touch(&touch).unwrap();
    });
    rows.push(Row { what: "log a touch".into(), stats, floor: None, target: WRITE_P95_MS });
    rows
}
