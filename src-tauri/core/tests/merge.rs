//! Merging two records of one person: everything moves, nothing is lost.

mod common;

use common::{at, Fixture};
use rapport_core::ladder::BoardQuery;
use rapport_core::people::{NewHandle, PeopleQuery, PersonEdit};
use rapport_core::touches::{TouchInput, TouchQuery};
use rapport_core::vocab::{Channel, HandlePlatform, Rung};

fn handle(platform: HandlePlatform, value: &str) -> NewHandle {
    NewHandle { platform, value: value.into(), url: String::new(), professional: true }
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn merging_moves_touches_follow_ups_handles_tags_and_history() {
    let mut f = Fixture::new();
    let keep = f
        .diary
        .add_person(&PersonEdit {
            display_name: "Ana Lima".into(),
            notes: "Met at the pricing meetup".into(),
            handles: vec![handle(HandlePlatform::Linkedin, "analima")],
            tags: vec!["client".into()],
            ..Default::default()
        })
        .unwrap()
        .id;
    let absorb = f
        .diary
        .add_person(&PersonEdit {
            display_name: "Ana L.".into(),
            company: "Lima Consulting".into(),
            notes: "Imported from phone".into(),
            cadence_days: Some(30),
            handles: vec![handle(HandlePlatform::Linkedin, "AnaLima"), handle(HandlePlatform::Email, "ana@lima.test")],
            tags: vec!["Lisbon".into(), "CLIENT".into()],
            ..Default::default()
        })
        .unwrap()
        .id;
    f.touch(keep, Channel::DirectMessage, at(2026, 3, 1, 9, 0), |_| {});
    f.touch(absorb, Channel::InPerson, at(2026, 3, 2, 9, 0), |_| {});
    // One touch with both records: after the merge it counts once.
    let mut both = TouchInput::new(keep, Channel::Email);
    both.people.push(absorb);
    f.diary.log_touch(&both).unwrap();
    f.sql()
        .execute_batch(&format!(
            "INSERT INTO follow_up (person_id, kind, title, due_at, created_at, updated_at) VALUES
         ({absorb}, 'call', 'Call Ana', 0, 0, 0), ({keep}, 'write', 'Send deck', 0, 0, 0);"
        ))
        .unwrap();
    let conn = f.sql();
    let touches_before = count(&conn, "SELECT count(*) FROM touch");
    let follow_ups_before = count(&conn, "SELECT count(*) FROM follow_up");
    let history_before = count(&conn, "SELECT count(*) FROM rung_change");

    let merged = f.diary.merge_people(keep, absorb).unwrap();

    assert_eq!(merged.display_name, "Ana Lima", "the kept record's name stays");
    assert_eq!(merged.company, "Lima Consulting", "empty fields are filled");
    assert_eq!(merged.notes, "Met at the pricing meetup\n\nImported from phone", "notes are joined");
    assert_eq!(merged.cadence_days, Some(30));
    assert_eq!(merged.tags, ["client", "Lisbon"]);
    let handles: Vec<_> = merged.handles.iter().map(|h| h.value.as_str()).collect();
    assert_eq!(handles, ["analima", "ana@lima.test"], "the same handle is not doubled");
    assert_eq!(merged.rung, Rung::Met, "the higher rung wins");

    assert_eq!(f.diary.touches(&TouchQuery { person_id: Some(keep), ..Default::default() }).unwrap().touches.len(), 3);
    assert_eq!(f.diary.person_figures(keep).unwrap().open_follow_ups, 2);
    assert_eq!(count(&conn, "SELECT count(*) FROM touch"), touches_before);
    assert_eq!(count(&conn, "SELECT count(*) FROM follow_up"), follow_ups_before);
    assert_eq!(count(&conn, &format!("SELECT count(*) FROM follow_up WHERE person_id = {keep}")), follow_ups_before);
    assert_eq!(count(&conn, "SELECT count(*) FROM rung_change"), history_before + 1, "history kept, plus the merge's own move");
    assert_eq!(f.diary.rung_history(keep).unwrap().last().unwrap().reason, "Merged with Ana L.");

    // The absorbed record is kept, archived and marked, and leaves every list.
    let absorbed = f.diary.person(absorb).unwrap();
    assert_eq!(absorbed.merged_into, Some(keep));
    assert!(absorbed.archived_at.is_some());
    assert_eq!(absorbed.handles.len(), 1, "its duplicate handle stays with it");
    assert_eq!(f.diary.people(&PeopleQuery::default()).unwrap().total, 1);
    assert_eq!(f.diary.people(&PeopleQuery { archived: true, ..Default::default() }).unwrap().total, 0);
    assert_eq!(f.diary.restore_person(absorb).unwrap_err().kind(), "invalid");
    assert_eq!(f.diary.log_touch(&TouchInput::new(absorb, Channel::Phone)).unwrap_err().kind(), "invalid");
}

#[test]
fn a_person_cannot_be_merged_with_themself_or_twice() {
    let mut f = Fixture::new();
    let (ana, bo, cy) = (f.person("Ana"), f.person("Bo"), f.person("Cy"));
    let err = f.diary.merge_people(ana, ana).unwrap_err();
    assert_eq!(err.to_string(), "A person cannot be merged with themself.");
    assert_eq!(f.diary.person(ana).unwrap().merged_into, None);
    assert_eq!(f.diary.merge_people(ana, 999).unwrap_err().kind(), "not_found");
    f.diary.merge_people(ana, bo).unwrap();
    assert_eq!(f.diary.merge_people(cy, bo).unwrap_err().kind(), "invalid", "Bo is already merged");
    assert_eq!(f.diary.people(&PeopleQuery::default()).unwrap().total, 2);
}

#[test]
fn archive_and_restore() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    f.person("Bo");
    assert!(f.diary.archive_person(ana).unwrap().archived_at.is_some());
    let names = |f: &Fixture, archived| -> Vec<String> {
        f.diary.people(&PeopleQuery { archived, ..Default::default() }).unwrap().people.into_iter().map(|p| p.display_name).collect()
    };
    assert_eq!(names(&f, false), ["Bo"]);
    assert_eq!(names(&f, true), ["Ana"]);
    assert!(f.diary.ladder_board(&BoardQuery::default()).unwrap().iter().all(|c| c.people.iter().all(|p| p.id != ana)));
    assert_eq!(f.diary.restore_person(ana).unwrap().archived_at, None);
    assert_eq!(names(&f, false), ["Ana", "Bo"]);
    assert_eq!(f.diary.archive_person(77).unwrap_err().kind(), "not_found");
}
