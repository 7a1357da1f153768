//! The large diary after an archive import: 200,000 touches with 4,000 people from a
//! LinkedIn export, applied as a user would, so every screen is timed again on it.

use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use rapport_core::transfer::archive::{read_path, ArchiveChoices};
use rapport_core::Diary;

pub const TOUCHES: usize = 200_000;
pub const PEOPLE: usize = 4_000;

/// Applies the generated export to the diary at `path`; returns how many touches it wrote.
pub fn add_history(path: &Path, clock: std::sync::Arc<rapport_core::clock::FixedClock>) -> i64 {
    let export = path.with_extension("linkedin");
    std::fs::create_dir_all(&export).unwrap();
    let mut csv = String::with_capacity(TOUCHES * 200);
    csv.push_str("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n");
    let me = ("Maya Chen", "https://www.linkedin.com/in/maya-chen-studio");
    let start = Utc.with_ymd_and_hms(2022, 1, 3, 9, 0, 0).unwrap();
    for i in 0..TOUCHES {
        let (person, nth) = (i % PEOPLE, i / PEOPLE);
        let them = (format!("Imported Person {person}"), format!("https://www.linkedin.com/in/imported-{person}"));
        // One message a day per conversation, in turn: each is a touch of its own.
        let at = start + Duration::days(nth as i64 * 7 + (person % 7) as i64) + Duration::minutes((person % 600) as i64);
        let (from, to) = if nth % 2 == 0 { (me, (them.0.as_str(), them.1.as_str())) } else { ((them.0.as_str(), them.1.as_str()), me) };
        csv.push_str(&format!(
            "2-imp{person},,{},{},{},{},{} UTC,,Message {i},INBOX\n",
            from.0,
            from.1,
            to.0,
            to.1,
            at.format("%Y-%m-%d %H:%M:%S")
        ));
    }
    std::fs::write(export.join("messages.csv"), csv).unwrap();
    let mut diary = Diary::open_with_clock(path, clock).unwrap();
    let reading = read_path(&export, chrono_tz::Europe::Berlin, false, |_| {}).unwrap();
    let runs = diary.apply_archive(&reading, &ArchiveChoices::default()).unwrap();
    std::fs::remove_dir_all(&export).unwrap();
    runs.iter().map(|r| r.touches).sum()
}
