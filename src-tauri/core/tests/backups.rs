//! Backups through the online backup API: taken, listed, pruned to 7 daily and 4 weekly,
//! and restored with whatever was at the diary's path kept aside, byte for byte.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use chrono::{Duration, TimeZone, Utc};
use common::{at, Fixture};
use rapport_core::people::PeopleQuery;
use rapport_core::transfer::backups::{backups, prune, restore};
use rapport_core::Diary;

fn names(diary: &Diary) -> Vec<String> {
    diary.people(&PeopleQuery::default()).unwrap().people.into_iter().map(|p| p.display_name).collect()
}

#[test]
fn a_backup_is_a_private_sound_copy_and_one_is_taken_a_day() {
    let mut f = Fixture::new();
    f.person("Ana Lima");
    let dir = f.dir.path().join("backups");
    assert!(f.diary.backup_due(&dir).unwrap(), "none yet");
    let b = f.diary.backup_job_if_due(&dir).unwrap().expect("due").run().unwrap();
    assert_eq!(b.file_name, "rapport-20260331T120000Z.sqlite3");
    assert_eq!(fs::metadata(&b.path).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(b.bytes > 0);
    assert!(f.diary.backup_job_if_due(&dir).unwrap().is_none(), "one a day");
    let copy = Diary::open(&b.path).unwrap();
    assert_eq!((copy.integrity_check().unwrap().as_str(), names(&copy)), ("ok", vec!["Ana Lima".to_string()]));
    drop(copy);
    // "Back up now" in the same second: a new file, and the day keeps only its newest.
    let again = f.diary.back_up(&dir).unwrap();
    assert_eq!(again.file_name, "rapport-20260331T120000Z-2.sqlite3");
    let files: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(files, ["rapport-20260331T120000Z-2.sqlite3"], "one file per backup, nothing beside it");
    f.set_now(at(2026, 4, 1, 0, 30), chrono_tz::UTC);
    assert!(f.diary.backup_due(&dir).unwrap(), "a new day");
}

#[test]
fn pruning_keeps_the_newest_of_7_days_and_of_the_4_weeks_before() {
    let dir = tempfile::tempdir().unwrap();
    // Two backups a day for 60 days, ending Tuesday 31 March 2026.
    let end = Utc.with_ymd_and_hms(2026, 3, 31, 20, 0, 0).unwrap();
    for d in 0..60 {
        for h in [8, 20] {
            let t = end - Duration::days(d) - Duration::hours(20 - h);
            fs::write(dir.path().join(format!("rapport-{}.sqlite3", t.format("%Y%m%dT%H%M%SZ"))), b"x").unwrap();
        }
    }
    fs::write(dir.path().join("notes.txt"), b"not a backup").unwrap();
    prune(dir.path(), chrono_tz::UTC).unwrap();
    let kept: Vec<String> = backups(dir.path()).unwrap().into_iter().map(|b| b.file_name).collect();
    assert_eq!(
        kept,
        [
            "rapport-20260331T200000Z.sqlite3",
            "rapport-20260330T200000Z.sqlite3",
            "rapport-20260329T200000Z.sqlite3",
            "rapport-20260328T200000Z.sqlite3",
            "rapport-20260327T200000Z.sqlite3",
            "rapport-20260326T200000Z.sqlite3",
            "rapport-20260325T200000Z.sqlite3", // seven days
            "rapport-20260324T200000Z.sqlite3", // the rest of that ISO week (Mon 23 – Sun 29 March)
            "rapport-20260322T200000Z.sqlite3",
            "rapport-20260315T200000Z.sqlite3",
            "rapport-20260308T200000Z.sqlite3", // three weeks before
        ]
    );
    assert!(dir.path().join("notes.txt").exists(), "other files are left alone");
}

#[test]
fn restoring_puts_the_backup_in_place_and_keeps_what_was_there_aside() {
    let mut f = Fixture::new();
    f.person("Ana Lima");
    let dir = f.dir.path().join("backups");
    let b = f.diary.back_up(&dir).unwrap();
    f.person("Added after the backup");
    let path = f.path();
    drop(f.diary);
    // The diary is then damaged: garbage over it.
    fs::write(&path, b"this is not a database").unwrap();
    let aside = restore(&path, &b.path, at(2026, 3, 31, 13, 0)).unwrap().unwrap();
    assert_eq!(fs::read(&aside).unwrap(), b"this is not a database", "the damaged file is kept byte for byte");
    assert_eq!(aside.file_name().unwrap().to_str().unwrap(), "diary.sqlite3.before-restore-20260331T130000Z");
    let diary = Diary::open(&path).unwrap();
    assert_eq!(names(&diary), ["Ana Lima"]);
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(b.path.exists(), "the backup itself stays");
}

#[test]
fn a_damaged_backup_is_refused_and_nothing_moves() {
    let mut f = Fixture::new();
    f.person("Ana Lima");
    let path = f.path();
    let bad = f.dir.path().join("rapport-20260330T120000Z.sqlite3");
    fs::write(&bad, vec![0u8; 4096]).unwrap();
    drop(f.diary);
    let before = fs::read(&path).unwrap();
    let err = restore(&path, &bad, at(2026, 3, 31, 13, 0)).unwrap_err();
    assert_eq!(err.kind(), "damaged", "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(names(&Diary::open(&path).unwrap()), ["Ana Lima"]);
}

#[test]
fn another_diary_file_is_adopted_whole_and_the_damaged_one_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let diary = dir.path().join("diary.sqlite3");
    fs::write(&diary, b"garbage, not a database").unwrap();
    // Another diary, still open: Ana is in its write-ahead log, not yet in its main file.
    let other = dir.path().join("copy").join("rapport.sqlite3");
    fs::create_dir_all(other.parent().unwrap()).unwrap();
    let mut open = Diary::open(&other).unwrap();
    open.add_person(&rapport_core::people::PersonEdit { display_name: "Ana".into(), ..Default::default() }).unwrap();
    let other_bytes = fs::read(&other).unwrap();

    // Not a Rapport diary, or not a database: refused, nothing moved.
    let foreign = dir.path().join("places.sqlite");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE moz_places (id INTEGER);").unwrap();
    let err = rapport_core::transfer::backups::adopt(&diary, &foreign, common::now()).unwrap_err();
    assert_eq!(err.to_string(), format!("{} is not a Rapport diary.", foreign.display()));
    let err = rapport_core::transfer::backups::adopt(&diary, &diary, common::now()).unwrap_err();
    assert_eq!(err.kind(), "damaged");
    assert_eq!(fs::read(&diary).unwrap(), b"garbage, not a database");

    let aside = rapport_core::transfer::backups::adopt(&diary, &other, common::now()).unwrap().unwrap();
    assert_eq!(fs::read(&aside).unwrap(), b"garbage, not a database");
    let adopted = Diary::open(&diary).unwrap();
    assert_eq!(adopted.person(1).unwrap().display_name, "Ana");
    assert_eq!(adopted.integrity_check().unwrap(), "ok");
    assert_eq!(fs::read(&other).unwrap(), other_bytes, "the other file is only read");
    #[cfg(unix)]
    assert_eq!(PermissionsExt::mode(&fs::metadata(&diary).unwrap().permissions()) & 0o777, 0o600);
    drop(open);
}

#[test]
fn a_backup_job_copies_on_its_own_connection_while_the_diary_goes_on() {
    let mut f = Fixture::new();
    f.person("Ana Lima");
    let dir = f.dir.path().join("backups");
    let job = f.diary.backup_job_if_due(&dir).unwrap().expect("due");
    // Written after the job was made, before it runs: the copy holds what is committed
    // when it runs, write-ahead log included.
    f.person("Bo Berg");
    let b = std::thread::spawn(move || job.run()).join().unwrap().unwrap();
    f.person("Cy Dunn");
    let copy = Diary::open(&b.path).unwrap();
    assert_eq!(names(&copy), ["Ana Lima", "Bo Berg"]);
    assert_eq!(copy.integrity_check().unwrap(), "ok");
    assert_eq!(names(&f.diary), ["Ana Lima", "Bo Berg", "Cy Dunn"]);
    assert_eq!(f.diary.backup_job_if_due(&dir).unwrap().map(|_| ()), None, "today's is taken");
}
