//! Global ids (migration 12): every row that syncs has one, distinct, kept through the
//! edits a diary sees, and given to rows made in bulk as much as to rows typed in.

mod common;

use common::{at, Fixture};
use rapport_core::people::PersonEdit;
use rapport_core::vocab::Channel;
use rapport_sample::{fill, SampleSize};
use rusqlite::Connection;

const UID_TABLES: &[&str] =
    &["person", "handle", "touch", "rung_change", "follow_up", "session", "week_intention", "important_date", "import_run"];

fn all_uids(f: &Fixture) -> Vec<(String, i64, Option<String>)> {
    let conn = Connection::open(f.path()).unwrap();
    let mut out = Vec::new();
    for table in UID_TABLES {
        let mut rows = conn.prepare(&format!("SELECT id, uid FROM {table}")).unwrap();
        let found = rows.query_map([], |r| Ok((table.to_string(), r.get(0)?, r.get(1)?))).unwrap();
        out.extend(found.map(Result::unwrap));
    }
    out
}

#[test]
fn every_row_of_a_filled_diary_has_its_own_global_id_and_keeps_it_through_edits() {
    let now = at(2026, 11, 18, 12, 0);
    let mut f = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut f.diary, SampleSize::DEMO, 7, now).unwrap();
    let ana = f.person("Ana Lima");
    let bo = f.person("Bo Larsen");
    let touch = f.touch(ana, Channel::Phone, at(2026, 11, 17, 9, 0), |_| {});
    let before = all_uids(&f);
    assert!(before.len() > 1000, "{}", before.len());
    assert!(before.iter().all(|(_, _, uid)| uid.as_ref().is_some_and(|u| u.len() == 32)), "every row has a random id");
    let mut distinct: Vec<&str> = before.iter().filter_map(|(_, _, u)| u.as_deref()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), before.len(), "no two rows share one");

    // Editing, merging and deleting leave every other row's id as it was.
    f.diary.update_person(ana, &PersonEdit { display_name: "Ana Lima-Souza".into(), ..Default::default() }).unwrap();
    f.diary.merge_people(ana, bo).unwrap();
    f.diary.delete_touch(touch).unwrap();
    let after = all_uids(&f);
    for row in &after {
        assert!(before.contains(row), "{row:?} kept its id");
    }
}

/// A touch and the rung change it causes are named by when the touch happened, so a
/// history typed in today lands in its own months' sync documents, not in this one.
#[test]
fn a_touch_logged_for_an_earlier_day_is_named_by_that_day() {
    let now = at(2026, 11, 18, 12, 0);
    let mut f = Fixture::at(now, chrono_tz::Europe::Berlin);
    let ana = f.person("Ana Lima");
    let touch = f.touch(ana, Channel::Phone, at(2024, 3, 5, 9, 0), |_| {});
    let conn = Connection::open(f.path()).unwrap();
    let month = |uid: String| {
        let ms = i64::from_str_radix(&uid[..12], 16).unwrap();
        chrono::DateTime::from_timestamp_millis(ms).unwrap().format("%Y-%m").to_string()
    };
    let uid: String = conn.query_row("SELECT uid FROM touch WHERE id = ?1", [touch], |r| r.get(0)).unwrap();
    assert_eq!(month(uid), "2024-03");
    let raised: String = conn.query_row("SELECT uid FROM rung_change WHERE touch_id = ?1", [touch], |r| r.get(0)).unwrap();
    assert_eq!(month(raised), "2024-03");
    let person: String = conn.query_row("SELECT uid FROM person WHERE id = ?1", [ana], |r| r.get(0)).unwrap();
    assert_ne!(month(person), "2024-03", "a person is named by when they were added");
}
