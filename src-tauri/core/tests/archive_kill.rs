//! A kill in the middle of an import leaves the diary as it was: the child process (this
//! test binary again) applies a large export and is killed with SIGKILL while it writes.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rapport_core::transfer::archive::{read_path, ArchiveChoices};
use rapport_core::Diary;

const CHILD: &str = "RAPPORT_TEST_IMPORT_CHILD";

/// 60,000 messages with 3,000 people: long enough to kill in the middle.
fn export(dir: &Path) -> std::path::PathBuf {
    let export = dir.join("linkedin");
    std::fs::create_dir_all(&export).unwrap();
    let mut csv = String::from("FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n");
    for i in 0..60_000 {
        let (p, day) = (i % 3_000, i / 3_000);
        let (from, to, dir) = if i % 2 == 0 {
            ("Me".to_owned(), format!("Person {p}"), "OUTGOING")
        } else {
            (format!("Person {p}"), "Me".to_owned(), "INCOMING")
        };
        csv.push_str(&format!("{from},{to},2024-{:02}-{:02}T10:00:00,,hi,{dir},INBOX\n", 1 + day % 12, 1 + i % 28));
    }
    std::fs::write(export.join("messages.csv"), csv).unwrap();
    export
}

#[test]
fn a_kill_in_the_middle_of_an_import_leaves_the_diary_as_it_was() {
    if let Ok(dir) = std::env::var(CHILD) {
        // The child: apply, slowly enough to be caught in the middle, and say when writing starts.
        let dir = Path::new(&dir);
        let reading = read_path(&dir.join("linkedin"), chrono_tz::UTC, false, |_| {}).unwrap();
        let mut diary = Diary::open(dir.join("diary.sqlite3")).unwrap();
        std::fs::write(dir.join("started"), "").unwrap();
        diary.apply_archive(&reading, &ArchiveChoices::default()).unwrap();
        std::fs::write(dir.join("finished"), "").unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    export(dir.path());
    let path = dir.path().join("diary.sqlite3");
    let mut diary = Diary::open(&path).unwrap();
    diary.add_person(&rapport_core::people::PersonEdit { display_name: "Person 7".into(), ..Default::default() }).unwrap();
    drop(diary);

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "a_kill_in_the_middle_of_an_import_leaves_the_diary_as_it_was", "--nocapture"])
        .env(CHILD, dir.path())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !dir.path().join("started").exists() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!dir.path().join("finished").exists(), "killed in the middle, not after");

    let diary = Diary::open(&path).unwrap();
    let people = diary.people(&rapport_core::people::PeopleQuery::default()).unwrap();
    assert_eq!(people.total, 1, "only the person there before");
    assert!(diary.import_runs().unwrap().is_empty(), "no import run");
}
