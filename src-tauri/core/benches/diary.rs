//! `make bench`: the core's speed over generated diaries of 1k, 10k and 30k people.
//!
//! For each size it times every screen's read and logging a touch, reports the median
//! and 95th percentile, and for each read also the best plain SQL returning the same
//! rows straight from rusqlite (the floor), so command / floor says how close a screen
//! is to the storage engine. It prints a table with PASS/FAIL against the targets and
//! writes `target/bench/results.json`. Sizes: `RAPPORT_BENCH_SIZES=small,medium,large`.

#![allow(clippy::print_stdout, reason = "the report is its output")]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, TimeZone, Utc};
use rapport_core::clock::FixedClock;
use rapport_core::funnel::{FunnelCell, FunnelQuery, Period};
use rapport_core::ladder::BoardQuery;
use rapport_core::people::PeopleQuery;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::Channel;
use rapport_core::Diary;
use rapport_sample::{fill, SampleSize};
use rusqlite::Connection;
use serde_json::json;

#[path = "diary/imported.rs"]
mod imported;

/// Bump when the generator changes, so cached diaries are made again.
const SAMPLE_VERSION: u32 = 6;
const SEED: u64 = 2026;
const RUNS: usize = 30;

/// Targets for the large diary.
const READ_P95_MS: f64 = 10.0;
/// The funnel reads every person's history at once (issue 21).
const FUNNEL_P95_MS: f64 = 20.0;
const SEARCH_P95_MS: f64 = 5.0;
const WRITE_P95_MS: f64 = 5.0;
const IMPORT_MS: f64 = 1000.0;
const EXPORT_MS: f64 = 5000.0;
/// Rows of the generated LinkedIn file; runs of the slow, whole-diary operations.
const LINKEDIN_ROWS: usize = 30_000;
const SLOW_RUNS: usize = 5;
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
    time_runs(RUNS, || (), |()| f())
}

/// Runs `f` `runs` times (after one warm-up), each on what `setup` made untimed.
fn time_runs<T>(runs: usize, mut setup: impl FnMut() -> T, mut f: impl FnMut(T)) -> Stats {
    f(setup());
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            f(input);
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
    let target_dir =
        PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into()));
    let dir = target_dir.join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    // "large+imported": the large diary after an archive import of 200,000 touches.
    let sizes = std::env::var("RAPPORT_BENCH_SIZES").unwrap_or_else(|_| "small,medium,large,large+imported".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut results = Vec::new();
    let mut failed = 0;
    for name in sizes.split(',').map(str::trim) {
        let (base, imported) = name.strip_suffix("+imported").map_or((name, false), |b| (b, true));
        let Some(size) = SampleSize::named(base) else {
            eprintln!("unknown size {name:?}: small, medium, large or large+imported");
            std::process::exit(2);
        };
        let (path, generated) = sample(&dir, base, size);
        if imported {
            let touches = imported::add_history(&path, clock());
            assert_eq!(touches as usize, imported::TOUCHES, "the whole history imported");
        }
        let mut rows = measure(&path);
        // Importing does not depend on the size: it is timed once, with the last size.
        if Some(name) == sizes.split(',').map(str::trim).next_back() {
            rows.extend(measure_import(&dir));
        }
        println!(
            "\n{name}: {} people, {} touches, {} follow-ups{}",
            size.people,
            size.touches,
            size.follow_ups,
            generated.map(|s| format!(" (generated in {s:.1} s)")).unwrap_or_default()
        );
        println!("{:<34} {:>9} {:>9} {:>9} {:>7}  target", "", "median ms", "p95 ms", "floor ms", "ratio");
        for r in &rows {
            let ratio = r.floor.as_ref().map(|f| r.stats.median / f.median.max(0.001));
            // Every size must meet the time targets. The ratio target is the large
            // diary's, as issue 8 sets it: on a small diary a floor of 0.1 ms makes any
            // fixed cost (settings, wording, a few marks) a large ratio of nothing.
            let judged = base == "large";
            let ok = r.stats.p95 <= r.target && (!judged || ratio.is_none_or(|x| x <= FLOOR_RATIO));
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
                if r.floor.is_some() && judged { format!(", ratio < {FLOOR_RATIO}") } else { String::new() },
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
    // Runs `sql` with `args` and reads every row, as a screen's plain-SQL floor.
    let all = |sql: &str, args: &[&dyn rusqlite::ToSql]| {
        let mut s = raw.prepare_cached(sql).unwrap();
        let mut rows = s.query(args).unwrap();
        while rows.next().unwrap().is_some() {}
    };
    let now_s = now().timestamp();

    rows.push(read(
        "open the diary",
        time(|| drop(Diary::open_with_clock(path, clock()).unwrap())),
        time(|| {
            let c = Connection::open(path).unwrap();
            c.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
            c.pragma_update(None, "foreign_keys", true).unwrap();
            c.pragma_update(None, "journal_mode", "wal").unwrap();
            c.pragma_update(None, "synchronous", "normal").unwrap();
            let _: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        }),
    ));

    // Today: the follow-ups of the next eight days and the three kinds of nudge.
    let week_end = (now() + Duration::days(8)).timestamp();
    rows.push(read("Today (agenda and nudges)", time(|| drop(diary.today().unwrap())), time(|| {
        all("SELECT f.id, f.title, f.kind, f.due_at, f.snoozed_until, p.id, p.display_name FROM follow_up f LEFT JOIN person p ON p.id = f.person_id
             WHERE f.status IN ('open', 'snoozed') AND coalesce(f.snoozed_until, f.due_at) < ?1 ORDER BY coalesce(f.snoozed_until, f.due_at)", &[&week_end]);
        all("SELECT p.id, p.display_name, p.messages_since_spoken, p.last_touch_at FROM person p INDEXED BY person_messages
             WHERE p.messages_since_spoken >= 3 AND p.messages_since_spoken > 0 AND p.archived_at IS NULL AND p.merged_into IS NULL
               AND p.rung IN ('noticed', 'connected', 'conversing') ORDER BY p.messages_since_spoken DESC, p.display_name COLLATE NOCASE LIMIT 25", &[]);
        all("SELECT p.id, p.display_name, p.cadence_days, p.last_touch_at FROM person p INDEXED BY person_silence
             WHERE p.archived_at IS NULL AND p.merged_into IS NULL AND p.last_touch_at IS NOT NULL
               AND p.rung = 'working' AND p.last_touch_at <= ?1 - 60 * 86400 ORDER BY p.last_touch_at LIMIT 25", &[&now_s]);
        all("SELECT p.id, p.display_name, p.cadence_days, p.last_touch_at FROM person p INDEXED BY person_silence
             WHERE p.archived_at IS NULL AND p.merged_into IS NULL AND p.last_touch_at IS NOT NULL
               AND (p.cadence_days IS NOT NULL OR p.rung IN ('conversing', 'spoken', 'met', 'working'))
               AND p.last_touch_at <= ?1 - (coalesce(p.cadence_days, 30) + 1) * 86400
               AND NOT (p.rung = 'working' AND p.last_touch_at <= ?1 - 60 * 86400) ORDER BY p.last_touch_at LIMIT 25", &[&now_s]);
        all("SELECT tp.person_id, t.id FROM touch t JOIN touch_person tp ON tp.touch_id = t.id
             WHERE t.deleted_at IS NULL AND t.outcome IN ('referral', 'business_won') AND t.happened_at >= ?1", &[&(now_s - 60 * 86_400)]);
    })));

    // Search: the count and the first page, by name, of people whose names (or, from
    // three letters, what was said) match.
    for prefix in ["a", "an", "ana", "ana l"] {
        let query = PeopleQuery { search: prefix.into(), ..Default::default() };
        let fts = prefix.split_whitespace().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ");
        let said = if prefix.split_whitespace().any(|w| w.len() >= 3) {
            "UNION SELECT tp.person_id FROM touch_search ts JOIN touch t ON t.id = ts.rowid AND t.deleted_at IS NULL
             JOIN touch_person tp ON tp.touch_id = t.id WHERE touch_search MATCH ?1"
        } else {
            ""
        };
        let filter = format!(
            "FROM person p WHERE p.archived_at IS NULL AND p.merged_into IS NULL
             AND p.id IN (SELECT rowid FROM person_search WHERE person_search MATCH ?1 {said})"
        );
        let stats = time(|| drop(diary.people(&query).unwrap()));
        let floor = time(|| {
            all(&format!("SELECT count(*) {filter}"), &[&fts]);
            all(
                &format!(
                    "SELECT p.id, p.display_name, p.company, p.title, p.rung, p.last_touch_at {filter}
                          ORDER BY p.display_name COLLATE NOCASE, p.id LIMIT 500"
                ),
                &[&fts],
            );
        });
        rows.push(Row { what: format!("search {:?} ({} chars)", prefix, prefix.len()), stats, floor: Some(floor), target: SEARCH_P95_MS });
    }

    let busy: i64 = raw
        .query_row("SELECT person_id FROM touch_person GROUP BY person_id ORDER BY abs(count(*) - 500) LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let touches: i64 = raw.query_row("SELECT count(*) FROM touch_person WHERE person_id = ?1", [busy], |r| r.get(0)).unwrap();
    rows.push(read(
        &format!("person page ({touches} touches)"),
        time(|| drop(diary.person_page(busy).unwrap())),
        time(|| {
            all("SELECT * FROM person WHERE id = ?1", &[&busy]);
            all(
                "SELECT t.*, tp2.person_id FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
             JOIN touch_person tp2 ON tp2.touch_id = t.id WHERE tp.person_id = ?1 ORDER BY tp.happened_at DESC, t.id DESC LIMIT 201",
                &[&busy],
            );
            all("SELECT * FROM rung_change WHERE person_id = ?1 ORDER BY changed_at", &[&busy]);
            all(
                "SELECT t.channel, t.personal, count(*), min(t.happened_at), max(t.happened_at) FROM touch_person tp
             JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL WHERE tp.person_id = ?1 GROUP BY 1, 2",
                &[&busy],
            );
            all("SELECT * FROM follow_up WHERE person_id = ?1 AND status IN ('open', 'snoozed')", &[&busy]);
        }),
    ));

    rows.push(read("Ladder board", time(|| drop(diary.ladder_board(&BoardQuery::default()).unwrap())), time(|| {
        all("SELECT rung, count(*) FROM person INDEXED BY person_board WHERE archived_at IS NULL AND merged_into IS NULL GROUP BY rung", &[]);
        for rung in ["noticed", "connected", "conversing", "spoken", "met", "working"] {
            all("SELECT id, display_name, company, last_touch_at FROM person WHERE rung = ?1 AND archived_at IS NULL AND merged_into IS NULL
                 ORDER BY last_touch_at, display_name COLLATE NOCASE, id LIMIT 100", &[&rung]);
        }
    })));

    // The Week view: the week's touches and time, the ladder's moves, follow-ups, and
    // the twelve weeks' touches in one pass.
    let today = now().date_naive();
    let (_, from, until) = diary.week_bounds(today).unwrap();
    let (f, u) = (from.timestamp(), until.timestamp());
    let trend_from = f - 11 * 7 * 86_400;
    rows.push(read("Week view", time(|| drop(diary.week_review(today).unwrap())), time(|| {
        all("SELECT channel, personal, platform, count(*), sum(outcome = 'replied'), sum(outcome = 'call_booked'), sum(outcome = 'meeting_booked'),
                    sum(outcome = 'referral'), sum(outcome = 'business_won')
             FROM touch WHERE deleted_at IS NULL AND happened_at >= ?1 AND happened_at < ?2 GROUP BY 1, 2, 3", &[&f, &u]);
        all("SELECT (hour - ?1 / 3600) / 168, sum(personal), sum(spoken) FROM touch_hour
             WHERE hour >= ?1 / 3600 AND hour < ?2 / 3600 GROUP BY 1", &[&trend_from, &u]);
        all("SELECT platform, started_at, ended_at FROM session WHERE started_at < ?2 AND coalesce(ended_at, ?2) > ?1", &[&trend_from, &u]);
        all("SELECT rc.person_id, rc.from_rung, rc.to_rung FROM rung_change rc WHERE rc.changed_at >= ?1 ORDER BY rc.person_id, rc.changed_at", &[&f]);
        all("SELECT rung, count(*) FROM person INDEXED BY person_board WHERE archived_at IS NULL AND merged_into IS NULL GROUP BY rung", &[]);
        all("SELECT id FROM person WHERE (first_call_at >= ?1 AND first_call_at < ?2) OR (first_met_at >= ?1 AND first_met_at < ?2)", &[&f, &u]);
        all("SELECT id, status, due_at, done_at FROM follow_up WHERE (done_at >= ?1 AND done_at < ?2) OR (status IN ('open', 'snoozed') AND due_at < ?2 AND due_at >= ?1 - 86400)", &[&f, &u]);
    })));

    // The funnel: every person with the first touch their row keeps, the whole rung
    // history, and the period's time per platform.
    let funnel_floor = |from: i64, until: i64| {
        all(
            "SELECT p.id, p.display_name, p.rung, p.last_touch_at, p.first_call_at IS NOT NULL, p.first_met_at IS NOT NULL,
                    (SELECT r.source FROM import_run r WHERE r.id = p.import_run_id), ft.happened_at, ft.platform, ft.channel
             FROM person p LEFT JOIN touch ft ON ft.id = p.first_touch_id
             WHERE p.merged_into IS NULL AND p.archived_at IS NULL",
            &[],
        );
        all(
            "SELECT person_id, from_rung, to_rung, changed_at, id, touch_id IS NOT NULL, import_run_id IS NOT NULL, note
             FROM rung_change",
            &[],
        );
        all(
            "SELECT platform, sum(min(coalesce(ended_at, ?3), ?2) - max(started_at, ?1)) FROM session
             WHERE started_at < ?2 AND coalesce(ended_at, ?3) > ?1 GROUP BY platform",
            &[&from, &until, &now_s],
        );
    };
    let quarter = FunnelQuery { period: Period::Quarter { year: 2026, q: 4 }, ..FunnelQuery::default() };
    let all_time = FunnelQuery::default();
    let q4 = diary.funnel(&quarter).unwrap().from.unwrap().timestamp();
    rows.push(Row {
        what: "Funnel, this quarter".into(),
        stats: time(|| drop(diary.funnel(&quarter).unwrap())),
        floor: Some(time(|| funnel_floor(q4, now_s))),
        target: FUNNEL_P95_MS,
    });
    rows.push(Row {
        what: "Funnel, all time".into(),
        stats: time(|| drop(diary.funnel(&all_time).unwrap())),
        floor: Some(time(|| funnel_floor(0, now_s))),
        target: FUNNEL_P95_MS,
    });
    let spoken = FunnelCell::Reached { origin: None, rung: rapport_core::vocab::Rung::Spoken };
    rows.push(Row {
        what: "Funnel: people behind a number".into(),
        stats: time(|| drop(diary.funnel_people(&all_time, &spoken).unwrap())),
        floor: Some(time(|| funnel_floor(0, now_s))),
        target: FUNNEL_P95_MS,
    });
    rows.push(Row {
        what: "Funnel as CSV, all time".into(),
        stats: time(|| drop(diary.funnel_csv(&all_time).unwrap())),
        floor: Some(time(|| funnel_floor(0, now_s))),
        target: FUNNEL_P95_MS,
    });

    rows.push(read(
        "budget status",
        time(|| drop(diary.budget_status().unwrap())),
        time(|| {
            all(
                "SELECT platform, sum(min(coalesce(ended_at, ?3), ?2) - max(started_at, ?1)) FROM session
             WHERE started_at < ?2 AND coalesce(ended_at, ?3) > ?1 GROUP BY platform",
                &[&f, &u, &now_s],
            );
        }),
    ));

    let mut n = 0;
    let stats = time(|| {
        n += 1;
        let mut touch = TouchInput::new(busy, if n % 2 == 0 { Channel::Phone } else { Channel::DirectMessage });
        touch.when = Some(now() - Duration::minutes(n));
        touch.notes = "Benchmark touch".into();
        diary.log_touch(&touch).unwrap();
    });
    rows.push(Row { what: "log a touch".into(), stats, floor: None, target: WRITE_P95_MS });

    rows.push(Row {
        what: "JSON export, whole diary".into(),
        stats: time_runs(SLOW_RUNS, || (), |()| drop(diary.export_json().unwrap())),
        floor: None,
        target: EXPORT_MS,
    });
    rows
}

/// Importing LinkedIn's export of 30,000 connections: preview then apply, into an empty
/// diary (everyone new), and the same file again (everyone matched, nothing written).
fn measure_import(dir: &Path) -> Vec<Row> {
    let file = dir.join(format!("Connections-{LINKEDIN_ROWS}.csv"));
    let mut csv = String::from("Notes:\n\"When exporting your connection data, some email addresses may be missing.\"\n\n");
    csv.push_str("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for i in 0..LINKEDIN_ROWS {
        let day = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + Duration::days((i % 3000) as i64);
        let email = if i % 3 == 0 { format!("person{i}@example.com") } else { String::new() };
        csv.push_str(&format!(
            "First{i},Last{},https://www.linkedin.com/in/person-{i},{email},\"Company {}, Ltd\",Head of \"\"Things\"\",{}\n",
            i % 977,
            i % 1500,
            day.format("%d %b %Y")
        ));
    }
    std::fs::write(&file, csv).unwrap();
    let fresh = |n: &str| {
        let path = dir.join(format!("import-{n}.sqlite3"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        Diary::open_with_clock(&path, clock()).unwrap()
    };
    let import = |diary: &mut Diary| {
        let preview = diary.preview_import(&file).unwrap();
        diary.apply_import(&file, &preview.fingerprint).unwrap()
    };
    let mut runs = 0;
    let mut fresh_run = || {
        runs += 1;
        fresh(&runs.to_string())
    };
    let preview = time_runs(SLOW_RUNS, &mut fresh_run, |diary| assert_eq!(diary.preview_import(&file).unwrap().counts.new, LINKEDIN_ROWS));
    let previewed = || {
        let diary = fresh_run();
        let fingerprint = diary.preview_import(&file).unwrap().fingerprint;
        (diary, fingerprint)
    };
    let apply = time_runs(SLOW_RUNS, previewed, |(mut diary, fingerprint)| {
        assert_eq!(diary.apply_import(&file, &fingerprint).unwrap().new, LINKEDIN_ROWS);
    });
    let mut full = fresh("again");
    import(&mut full);
    let again = time_runs(SLOW_RUNS, || (), |()| assert_eq!(import(&mut full).unchanged, LINKEDIN_ROWS));
    drop(full);
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with("import-") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let row = |what: &str, stats| Row { what: format!("{LINKEDIN_ROWS} LinkedIn rows: {what}"), stats, floor: None, target: IMPORT_MS };
    vec![row("preview", preview), row("import", apply), row("both, again", again)]
}
