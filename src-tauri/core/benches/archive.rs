//! `make bench`, archives: a LinkedIn export of 100,000 messages (2,000 one-to-one
//! conversations over five years) read, previewed, applied into an empty diary, and the
//! same archive again. Beside each, its floor in the same run: reading the file with the
//! csv crate alone, and the same touches inserted with plain prepared statements in one
//! transaction. Prints median and p95 of 5 runs and the ratio to the floor.

#![allow(clippy::print_stdout, reason = "the report is its output")]

#[path = "archive/large.rs"]
mod large;

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use rapport_core::clock::FixedClock;
use rapport_core::transfer::archive::{read_path, ArchiveChoices};
use rapport_core::Diary;

const MESSAGES: usize = 100_000;
const PEOPLE: usize = 2_000;
const RUNS: usize = 5;
/// The targets, printed beside the figures.
const PREVIEW_MS: f64 = 2000.0;
const APPLY_MS: f64 = 3000.0;
const AGAIN_MS: f64 = 1000.0;

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock { now: Utc.with_ymd_and_hms(2026, 11, 18, 12, 0, 0).unwrap(), tz: chrono_tz::Europe::Berlin })
}

/// Median and p95 in ms of `runs` timed calls, each on what `setup` made untimed.
fn time<T>(mut setup: impl FnMut() -> T, mut f: impl FnMut(T)) -> (f64, f64) {
    f(setup());
    let mut ms: Vec<f64> = (0..RUNS)
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            f(input);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[(ms.len() * 95).div_ceil(100) - 1])
}

fn main() {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into());
    let dir = Path::new(&target).join("bench/archive");
    std::fs::create_dir_all(&dir).unwrap();
    if let Ok(which) = std::env::var(large::ONE) {
        large::measure_one(&dir, &which);
        return;
    }
    let export = dir.join("linkedin");
    std::fs::create_dir_all(&export).unwrap();
    let messages = export.join("messages.csv");
    std::fs::write(&messages, generate()).unwrap();
    let size_mb = std::fs::metadata(&messages).unwrap().len() as f64 / 1_048_576.0;

    let mut n = 0;
    let mut fresh = || {
        n += 1;
        let path = dir.join(format!("diary-{n}.sqlite3"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        Diary::open_with_clock(&path, clock()).unwrap()
    };
    let tz = chrono_tz::Europe::Berlin;
    let choices = ArchiveChoices::default();

    let read_floor = time(
        || (),
        |()| {
            let mut reader = csv::Reader::from_path(&messages).unwrap();
            assert_eq!(reader.records().count(), MESSAGES);
        },
    );
    let read = time(|| (), |()| drop(read_path(&export, tz, false, |_| {}).unwrap()));
    let preview = time(&mut fresh, |diary| {
        let reading = read_path(&export, tz, false, |_| {}).unwrap();
        assert!(diary.preview_archive(&reading, &choices).unwrap().sources[0].touches_new > 0);
    });
    let reading = read_path(&export, tz, false, |_| {}).unwrap();
    let mut touches = 0;
    let apply = time(&mut fresh, |mut diary| {
        touches = diary.apply_archive(&reading, &choices).unwrap()[0].touches;
    });
    let floor = time(&mut fresh, |diary| insert_floor(&diary, touches as usize));
    let mut full = fresh();
    full.apply_archive(&reading, &choices).unwrap();
    let again = time(
        || (),
        |()| {
            let reading = read_path(&export, tz, false, |_| {}).unwrap();
            assert_eq!(full.apply_archive(&reading, &choices).unwrap()[0].touches, 0);
        },
    );
    drop(full);
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with("diary-") {
            let _ = std::fs::remove_file(entry.path());
        }
    }

    println!("\nLinkedIn export: {MESSAGES} messages, {PEOPLE} people, {size_mb:.1} MB, {touches} touches at the grain");
    println!("{:<40} {:>9} {:>9} {:>9} {:>7}  target", "", "median ms", "p95 ms", "floor ms", "ratio");
    let line = |what: &str, (median, p95): (f64, f64), floor: Option<f64>, target: Option<f64>| {
        println!(
            "{what:<40} {median:>9.1} {p95:>9.1} {:>9} {:>7}  {}",
            floor.map_or("—".into(), |f| format!("{f:.1}")),
            floor.map_or("—".into(), |f| format!("{:.2}", median / f)),
            target.map_or(String::new(), |t| format!("under {t} ms"))
        );
    };
    line("read (csv crate alone as floor)", read, Some(read_floor.0), None);
    line("read and preview", preview, Some(read_floor.0), Some(PREVIEW_MS));
    line("apply (plain inserts as floor)", apply, Some(floor.0), Some(APPLY_MS));
    line("the same archive again: read and apply", again, None, Some(AGAIN_MS));

    large::generate(&dir);
    println!(
        "\n{:<40} {:>9} {:>9} {:>10} {:>9} {:>9}  target",
        "read and preview, own process", "ms", "MB read", "MB/s", "peak MB", "floor ms"
    );
    for (which, label) in [("facebook", "Facebook export, 1 GB (JSON + media)"), ("mail", "mailbox, 2 GB")] {
        let out = std::process::Command::new(std::env::current_exe().unwrap()).env(large::ONE, which).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let figures: Vec<f64> = text.lines().last().unwrap_or_default().split(' ').filter_map(|v| v.parse().ok()).collect();
        let [ms, bytes, peak_kb, touches, floor] = figures[..] else { panic!("{which}: {text}") };
        println!(
            "{label:<40} {ms:>9.0} {:>9.0} {:>10.0} {:>9.0} {:>9}  peak under 200 MB ({touches} touches)",
            bytes / 1_048_576.0,
            bytes / 1_048_576.0 / (ms / 1000.0),
            peak_kb / 1024.0,
            if floor > 0.0 { format!("{floor:.0}") } else { "—".into() }
        );
    }
}

/// 100,000 messages between the user and 2,000 people: each conversation ten days
/// over five years, five messages a day back and forth, as conversations go.
fn generate() -> String {
    let mut out = String::with_capacity(MESSAGES * 200);
    out.push_str(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS\n",
    );
    let me = ("Maya Chen".to_owned(), "https://www.linkedin.com/in/maya-chen-studio".to_owned());
    let start = Utc.with_ymd_and_hms(2021, 1, 4, 8, 0, 0).unwrap();
    let per_person = MESSAGES / PEOPLE;
    for i in 0..MESSAGES {
        let (person, nth) = (i / per_person, i % per_person);
        let (day, in_day) = (nth / 5, nth % 5);
        let them = (format!("Person {person}"), format!("https://www.linkedin.com/in/person-{person}"));
        let at = start + Duration::days(((person * 13 + day * 180) % 1800) as i64) + Duration::minutes((in_day * 7) as i64);
        let (from, to) = if in_day % 2 == 1 { (&them, &me) } else { (&me, &them) };
        out.push_str(&format!(
            "2-conv{person},,{},{},{},{},{} UTC,,\"Message {i}, about the \"\"plan\"\"\",INBOX,\n",
            from.0,
            from.1,
            to.0,
            to.1,
            at.format("%Y-%m-%d %H:%M:%S")
        ));
    }
    out
}

/// The floor of an apply: the same number of touches, each with one person, inserted
/// with plain prepared statements in one transaction.
fn insert_floor(diary: &Diary, touches: usize) {
    let path = diary.path().to_owned();
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        // Each row names its global id, as the diary's own bulk inserts do.
        let mut person = tx.prepare("INSERT INTO person (display_name, created_at, updated_at, uid) VALUES (?1, 0, 0, ?2)").unwrap();
        for p in 0..PEOPLE {
            person.execute([format!("Person {p}"), format!("{p:032x}")]).unwrap();
        }
        let mut touch = tx
            .prepare("INSERT INTO touch (happened_at, channel, platform, direction, personal, created_at, updated_at, uid) VALUES (?1, 'direct_message', 'linkedin', 'out', 1, 0, 0, ?2)")
            .unwrap();
        let mut link = tx.prepare("INSERT INTO touch_person (touch_id, person_id, happened_at) VALUES (?1, ?2, ?3)").unwrap();
        for t in 0..touches {
            let at = 1_600_000_000 + t as i64 * 600;
            touch.execute(rusqlite::params![at, format!("{t:032x}")]).unwrap();
            link.execute(rusqlite::params![tx.last_insert_rowid(), (t % PEOPLE) as i64 + 1, at]).unwrap();
        }
    }
    tx.commit().unwrap();
}
