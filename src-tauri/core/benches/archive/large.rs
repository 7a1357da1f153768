//! The large exports of `make bench`, archives: a 1 GB Facebook export (its JSON and
//! the photos and videos beside it, which are never read) and a 2 GB mailbox, each
//! generated once, read and previewed in a process of its own so its peak memory is its
//! own. Prints the time, the throughput over the bytes read, and the peak memory (VmHWM).
//! `RAPPORT_BENCH_ARCHIVE_ONE=facebook cargo bench -p rapport-core --bench archive` runs
//! only that export (generating it if need be) and prints its figures as one raw line.

use std::io::Write;
use std::path::Path;

/// When set, this process measures one export and prints its figures as one line.
pub const ONE: &str = "RAPPORT_BENCH_ARCHIVE_ONE";

const FACEBOOK_THREADS: usize = 2_000;
const FACEBOOK_MESSAGES_PER_THREAD: usize = 250;
const FACEBOOK_MEDIA_BYTES: u64 = 900 << 20;
const MAILBOX_BYTES: u64 = 2 << 30;

/// Makes the exports under `dir` if they are not there yet.
pub fn generate(dir: &Path) {
    generate_facebook(dir);
    generate_mailbox(dir);
}

fn generate_facebook(dir: &Path) {
    let facebook = dir.join("facebook");
    if !facebook.join("done").exists() {
        let inbox = facebook.join("your_facebook_activity/messages/inbox");
        for t in 0..FACEBOOK_THREADS {
            let thread = inbox.join(format!("person{t}_{}", 10_000 + t));
            std::fs::create_dir_all(&thread).unwrap();
            let mut json = format!(
                "{{\"participants\":[{{\"name\":\"Maya Chen\"}},{{\"name\":\"Person {t}\"}}],\"title\":\"Person {t}\",\"thread_path\":\"inbox/person{t}_{}\",\"messages\":[",
                10_000 + t
            );
            for m in 0..FACEBOOK_MESSAGES_PER_THREAD {
                let sender = if m % 2 == 0 { "Maya Chen".to_owned() } else { format!("Person {t}") };
                let at = 1_600_000_000_000_i64 + (t * 977 + m * 3_600) as i64 * 1000;
                json.push_str(&format!(
                    "{}{{\"sender_name\":\"{sender}\",\"timestamp_ms\":{at},\"content\":\"Caf\\u00c3\\u00a9 at 10? Message {m} of a long conversation about the plan\",\"type\":\"Generic\"}}",
                    if m == 0 { "" } else { "," }
                ));
            }
            json.push_str("]}");
            std::fs::write(thread.join("message_1.json"), json).unwrap();
        }
        // Photos and videos: most of an export's size, and nothing the import reads.
        let media = facebook.join("your_facebook_activity/messages/photos");
        std::fs::create_dir_all(&media).unwrap();
        let chunk = vec![0x5a_u8; 1 << 20];
        for i in 0..(FACEBOOK_MEDIA_BYTES >> 24) {
            let mut f = std::fs::File::create(media.join(format!("{i}.jpg"))).unwrap();
            for _ in 0..16 {
                f.write_all(&chunk).unwrap();
            }
        }
        std::fs::write(facebook.join("done"), "").unwrap();
    }
}

fn generate_mailbox(dir: &Path) {
    let mailbox = dir.join("All mail Including Spam and Trash.mbox");
    if std::fs::metadata(&mailbox).map_or(true, |m| m.len() < MAILBOX_BYTES) {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&mailbox).unwrap());
        let body = "An attachment, as mail carries them, base64 over many lines.\n".repeat(800);
        let (mut written, mut i) = (0u64, 0u64);
        while written < MAILBOX_BYTES {
            let person = i % 3_000;
            let (me, them) = ("Maya Chen <maya@example.com>".to_owned(), format!("Person {person} <p{person}@example.org>"));
            let (from, to) = if i % 2 == 0 { (me, them) } else { (them, me) };
            let day = 1 + i % 28;
            let message = format!(
                "From {i}@xxx Mon Jan 01 00:00:00 +0000 2024\nX-GM-THRID: {i}\nX-Gmail-Labels: {}\nMessage-ID: <m{i}@example.com>\nDate: Mon, {day} Jan 2024 10:{:02}:00 +0000\nFrom: {from}\nTo: {to}\nSubject: The plan, part {i}\nContent-Type: text/plain\n\n{body}\n",
                if i % 2 == 0 { "Sent" } else { "Inbox" },
                i % 60
            );
            f.write_all(message.as_bytes()).unwrap();
            written += message.len() as u64;
            i += 1;
        }
    }
}

/// Reads and previews one export in this process; prints "ms bytes_read peak_kb touches
/// floor_ms", the floor (Facebook only, else 0) being every JSON file read and parsed
/// by serde_json into nothing: what any reader of these files costs.
pub fn measure_one(dir: &Path, which: &str) {
    let path = match which {
        "facebook" => {
            generate_facebook(dir);
            dir.join("facebook")
        }
        _ => {
            generate_mailbox(dir);
            dir.join("All mail Including Spam and Trash.mbox")
        }
    };
    let bytes_read: u64 = match which {
        "facebook" => walk_json(&path),
        _ => std::fs::metadata(&path).unwrap().len(),
    };
    let diary_path = dir.join(format!("diary-{which}.sqlite3"));
    let _ = std::fs::remove_file(&diary_path);
    let clock = std::sync::Arc::new(rapport_core::clock::FixedClock {
        now: chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 18, 12, 0, 0).unwrap(),
        tz: chrono_tz::Europe::Berlin,
    });
    let diary = rapport_core::Diary::open_with_clock(&diary_path, clock).unwrap();
    let start = std::time::Instant::now();
    let reading = rapport_core::transfer::archive::read_path(&path, chrono_tz::Europe::Berlin, false, |_| {}).unwrap();
    let preview = diary.preview_archive(&reading, &Default::default()).unwrap();
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let touches: usize = preview.sources.iter().map(|s| s.touches_new).sum();
    drop(diary);
    let _ = std::fs::remove_file(&diary_path);
    let peak = peak_kb();
    let floor = match which {
        "facebook" => {
            let start = std::time::Instant::now();
            parse_json(&path);
            start.elapsed().as_secs_f64() * 1000.0
        }
        _ => 0.0,
    };
    println!("{ms:.0} {bytes_read} {peak} {touches} {floor:.0}");
}

/// Every JSON file under `dir` read and parsed, its values dropped as they come.
fn parse_json(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            parse_json(&path);
        } else if path.extension().is_some_and(|e| e == "json") {
            let bytes = std::fs::read(&path).unwrap();
            serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).unwrap();
        }
    }
}

/// The process's peak resident memory, in kB.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches(" kB").parse().ok()).unwrap_or(0)
}

fn walk_json(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            total += walk_json(&path);
        } else if path.extension().is_some_and(|e| e == "json") {
            total += entry.metadata().unwrap().len();
        }
    }
    total
}
