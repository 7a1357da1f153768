//! This device among the others (issue 23): turned on through a folder under a name,
//! numbering and remembering the files it writes, and taking a new id when a copy of
//! its diary writes under the old one elsewhere.

mod common;

use std::sync::Arc;

use common::Fixture;
use rapport_core::clock::FixedClock;
use rapport_core::sync::{Kind, SyncFolder};
use rapport_core::Diary;

#[test]
fn sync_is_off_until_turned_on_and_a_bad_name_or_folder_leaves_it_off() {
    let mut f = Fixture::new();
    assert_eq!(f.diary.this_device().unwrap(), None);
    let dir = tempfile::tempdir().unwrap();
    let err = f.diary.turn_sync_on(dir.path(), "   ").unwrap_err();
    assert_eq!(err.field(), Some("name"));
    let missing = dir.path().join("not there");
    assert!(f.diary.turn_sync_on(&missing, "Laptop").unwrap_err().to_string().contains("is not a folder"));
    assert_eq!(f.diary.this_device().unwrap(), None);
    assert!(f.diary.write_sync_file("core", Kind::Update, b"x").unwrap_err().to_string().contains("Sync is off"));
}

#[test]
fn a_device_turned_on_numbers_its_files_and_keeps_its_id_when_renamed() {
    let mut f = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let device = f.diary.turn_sync_on(dir.path(), "Maya's laptop <work>").unwrap();
    assert!(device.id.len() == 16 && device.id.bytes().all(|b| b.is_ascii_hexdigit()), "{}", device.id);
    assert!(dir.path().join("Rapport/devices").join(&device.id).is_dir());
    for n in 1..=3u8 {
        let file = f.diary.write_sync_file("core", Kind::Update, &[n; 10]).unwrap();
        assert_eq!(file.seq, u64::from(n));
    }
    assert!(!f.diary.claim_device_id().unwrap(), "every file there is its own");
    let renamed = f.diary.turn_sync_on(dir.path(), "Laptop").unwrap();
    assert_eq!((renamed.id.as_str(), renamed.name.as_str(), renamed.last_seq), (device.id.as_str(), "Laptop", 3));
    let other = SyncFolder::open(dir.path(), "desk-1").unwrap();
    let seqs: Vec<u64> = other.scan().unwrap().files.iter().map(|f| f.seq).collect();
    assert_eq!(seqs, [1, 2, 3]);

    // Off keeps the diary whole and the files in the folder; on again is a new device.
    let dump = f.diary.sync_dump().unwrap();
    f.diary.turn_sync_off().unwrap();
    assert_eq!(f.diary.this_device().unwrap(), None);
    assert_eq!(f.diary.sync_dump().unwrap(), dump);
    assert_eq!(other.scan().unwrap().files.len(), 3);
    assert_ne!(f.diary.turn_sync_on(dir.path(), "Laptop").unwrap().id, device.id);
}

#[test]
fn a_copy_of_the_diary_that_writes_under_the_same_id_makes_one_of_them_take_a_new_one() {
    let mut laptop = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let device = laptop.diary.turn_sync_on(dir.path(), "Laptop").unwrap();
    laptop.diary.write_sync_file("core", Kind::Update, b"before the copy").unwrap();
    // The diary file copied to a second machine (or a backup restored), both syncing;
    // copied whole, as it is once the app has closed it.
    laptop.sql().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let copy_path = laptop.dir.path().join("copy.sqlite3");
    std::fs::copy(laptop.path(), &copy_path).unwrap();
    let clock = Arc::new(FixedClock { now: common::now(), tz: chrono_tz::UTC });
    let mut copy = Diary::open_with_clock(&copy_path, clock).unwrap();
    assert_eq!(copy.this_device().unwrap().unwrap().id, device.id);
    let written = copy.write_sync_file("core", Kind::Update, b"the copy's edits").unwrap();

    assert!(laptop.diary.claim_device_id().unwrap(), "a file it did not write is under its id");
    let moved = laptop.diary.this_device().unwrap().unwrap();
    assert_ne!(moved.id, device.id);
    assert_eq!(moved.last_seq, 0);
    assert!(!copy.claim_device_id().unwrap(), "the copy wrote or knows every file under the old id");
    // Nothing is lost: the copy's file and the laptop's first stay for every device.
    assert!(written.path.exists());
    let next = laptop.diary.write_sync_file("core", Kind::Update, b"after").unwrap();
    assert_eq!((next.device.as_str(), next.seq), (moved.id.as_str(), 1));
    assert!(!laptop.diary.claim_device_id().unwrap());
}

#[test]
fn a_write_cut_short_by_a_kill_leaves_a_hidden_file_that_the_next_round_removes_from_its_own_folder_only() {
    let mut f = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let device = f.diary.turn_sync_on(dir.path(), "Laptop").unwrap();
    let devices = dir.path().join("Rapport/devices");
    let own = devices.join(&device.id).join("core");
    let other = devices.join("0123456789abcdef").join("core");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    let cut = ".upd-0000000001-00112233445566778899aabbccddeeff.loro.partial";
    std::fs::write(own.join(cut), b"half").unwrap();
    std::fs::write(other.join(cut), b"half").unwrap();
    std::fs::write(own.join("notes.txt"), b"someone else's").unwrap();
    let folder = SyncFolder::open(dir.path(), &device.id).unwrap();
    assert_eq!(folder.scan().unwrap().skipped.len(), 2, "both show as still being written");

    f.diary.sync_now(&mut rapport_core::sync::Engine::default()).unwrap();
    assert!(!own.join(cut).exists(), "its own leftover is gone");
    assert!(other.join(cut).exists(), "another device's is never touched");
    assert!(own.join("notes.txt").exists(), "nor a file that is not Rapport's");
    let skipped = folder.scan().unwrap().skipped;
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].path.starts_with(&other));
}
