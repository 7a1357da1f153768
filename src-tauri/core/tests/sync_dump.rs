//! The diary as devices compare it (issue 23): every synced row named as every device
//! names it, links by uid, local ids and worked-out figures left out.

mod common;

use std::fs;

use common::{at, Fixture};
use rapport_core::people::PersonEdit;
use rapport_core::vocab::Channel;
use rapport_core::Diary;
use rapport_sample::{fill, SampleSize};

#[test]
fn two_copies_of_one_old_diary_dump_alike_and_no_local_id_travels() {
    let dir = tempfile::tempdir().unwrap();
    let dumps: Vec<String> = ["laptop.sqlite3", "desk.sqlite3"]
        .into_iter()
        .map(|name| {
            let path = dir.path().join(name);
            fs::copy(format!("{}/tests/fixtures/v11.sqlite3", env!("CARGO_MANIFEST_DIR")), &path).unwrap();
            Diary::open(&path).unwrap().sync_dump().unwrap()
        })
        .collect();
    assert_eq!(dumps[0], dumps[1]);
    let dump = &dumps[0];
    for table in ["person ", "handle ", "touch ", "touch_person ", "rung_change ", "follow_up ", "session ", "important_date ", "tag "] {
        assert!(dump.lines().any(|l| l.starts_with(table)), "{table}in\n{dump}");
    }
    assert!(!dump.contains("\"id\""), "local ids stay home");
    assert!(!dump.contains("\"last_touch_at\"") && !dump.contains("\"rung\""), "figures are worked out, not sent");
}

#[test]
fn links_travel_as_the_uids_of_the_rows_they_name() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    let touch = f.touch(ana, Channel::Phone, at(2026, 11, 17, 9, 0), |_| {});
    let conn = rusqlite::Connection::open(f.path()).unwrap();
    let uid =
        |table: &str, id: i64| -> String { conn.query_row(&format!("SELECT uid FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).unwrap() };
    let (ana_uid, touch_uid) = (uid("person", ana), uid("touch", touch));
    let dump = f.diary.sync_dump().unwrap();
    let link = dump.lines().find(|l| l.starts_with("touch_person ")).unwrap();
    assert_eq!(link, format!("touch_person \"{touch_uid}\" \"{ana_uid}\" {{\"person_id\":\"{ana_uid}\",\"touch_id\":\"{touch_uid}\"}}"));
    assert!(dump.lines().any(|l| l.starts_with(&format!("touch {touch_uid} {{")) && l.contains("\"channel\":\"phone\"")));
}

#[test]
fn a_restored_export_dumps_alike_and_an_edit_changes_only_its_row() {
    let now = at(2026, 11, 18, 12, 0);
    let mut a = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut a.diary, SampleSize::DEMO, 5, now).unwrap();
    let mut b = Fixture::at(now, chrono_tz::Europe::Berlin);
    b.diary.restore_json(&a.diary.export_json().unwrap()).unwrap();
    let before = a.diary.sync_dump().unwrap();
    assert_eq!(b.diary.sync_dump().unwrap(), before);
    assert!(before.lines().count() > 1000);

    let ana = a.person("Ana <b>Lima</b> 🙂");
    let added = a.diary.sync_dump().unwrap();
    let new: Vec<&str> = added.lines().filter(|l| !before.lines().any(|b| b == *l)).collect();
    assert_eq!(new.len(), 2, "the person and being added to the diary: {new:?}");
    a.diary
        .update_person(
            ana,
            &PersonEdit { display_name: "Ana <b>Lima</b> 🙂".into(), notes: "Met at \"Web Summit\"".into(), ..Default::default() },
        )
        .unwrap();
    let edited = a.diary.sync_dump().unwrap();
    let changed: Vec<&str> = edited.lines().filter(|l| !added.lines().any(|b| b == *l)).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].starts_with("person ") && changed[0].contains("Met at \\\"Web Summit\\\""), "{}", changed[0]);
}
