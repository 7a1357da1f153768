//! Rows from another device put in place (issue 23): a diary rebuilt from another's
//! rows alone holds the same, figures and rungs worked out from the merged history.

mod common;

use common::{at, Fixture};
use rapport_core::people::{PeopleQuery, PersonEdit};
use rapport_core::vocab::Channel;
use rapport_sample::{fill, SampleSize};

/// Every person's worked-out parts (rung and figures), by uid, as the file holds them.
/// The sample logs touches out of date order and places people by hand, so a rung
/// replayed from the history differs from one kept as it went unless the rule is right.
fn people(f: &Fixture) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(f.path()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT uid, rung, last_touch_at, first_call_at, first_met_at, last_spoken_at, messages_since_spoken, first_touch_at,
                    (SELECT uid FROM touch WHERE id = person.first_touch_id)
             FROM person ORDER BY uid",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| (0..9).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect());
    rows.unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

fn filled() -> Fixture {
    let now = at(2026, 11, 18, 12, 0);
    let mut f = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut f.diary, SampleSize::DEMO, 9, now).unwrap();
    f
}

#[test]
fn a_diary_rebuilt_from_anothers_rows_alone_holds_the_same_in_any_order_and_again() {
    let a = filled();
    let rows = a.diary.sync_rows().unwrap();
    let mut b = Fixture::at(at(2026, 11, 18, 12, 0), chrono_tz::Europe::Berlin);
    b.diary.apply_sync_rows(&rows).unwrap();
    let dump = a.diary.sync_dump().unwrap();
    assert_eq!(b.diary.sync_dump().unwrap(), dump);
    let (pb, pa) = (people(&b), people(&a));
    let diff: Vec<_> = pb.iter().zip(&pa).filter(|(x, y)| x != y).collect();
    assert!(diff.is_empty(), "rungs and figures worked out alike; {} differ: {:?}", diff.len(), &diff[..diff.len().min(3)]);

    // The same rows again, and in another order, change nothing.
    let mut reversed = rows.clone();
    reversed.reverse();
    b.diary.apply_sync_rows(&reversed).unwrap();
    assert_eq!(b.diary.sync_dump().unwrap(), dump);
    let mut c = Fixture::at(at(2026, 11, 18, 12, 0), chrono_tz::Europe::Berlin);
    c.diary.apply_sync_rows(&reversed).unwrap();
    assert_eq!(c.diary.sync_dump().unwrap(), dump);
    assert_eq!(c.diary.integrity_check().unwrap(), "ok");
}

#[test]
fn an_edit_and_a_touch_from_another_device_land_and_move_the_figures() {
    let mut a = Fixture::new();
    let ana = a.person("Ana Lima");
    let mut b = Fixture::new();
    b.diary.apply_sync_rows(&a.diary.sync_rows().unwrap()).unwrap();
    let on_b = |b: &Fixture| b.diary.people(&PeopleQuery::default()).unwrap().people;
    assert_eq!(on_b(&b)[0].last_touch_at, None);

    a.diary.update_person(ana, &PersonEdit { display_name: "Ana Lima".into(), company: "Kite & Co".into(), ..Default::default() }).unwrap();
    let when = at(2026, 11, 17, 9, 0);
    a.touch(ana, Channel::Phone, when, |_| {});
    b.diary.apply_sync_rows(&a.diary.sync_rows().unwrap()).unwrap();
    let seen = on_b(&b);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].company, "Kite & Co");
    assert_eq!(seen[0].last_touch_at, Some(when));
    assert_eq!(seen[0].rung, a.diary.people(&PeopleQuery::default()).unwrap().people[0].rung);
    assert_eq!(b.diary.sync_dump().unwrap(), a.diary.sync_dump().unwrap());
    assert_eq!(people(&b), people(&a));
}

#[test]
fn a_row_naming_what_is_not_here_is_refused_and_nothing_is_written() {
    let mut a = Fixture::new();
    let ana = a.person("Ana Lima");
    a.touch(ana, Channel::Phone, at(2026, 11, 17, 9, 0), |_| {});
    // The person's rows have not come (their document is not read yet).
    let rows: Vec<_> = a.diary.sync_rows().unwrap().into_iter().filter(|r| r.table != "person").collect();
    let mut b = Fixture::new();
    let before = b.diary.sync_dump().unwrap();
    let err = b.diary.apply_sync_rows(&rows).unwrap_err().to_string();
    assert!(err.contains("names the person"), "{err}");
    assert_eq!(b.diary.sync_dump().unwrap(), before);
}

#[test]
fn the_rung_is_the_history_replayed_so_every_device_that_holds_it_agrees() {
    use rapport_core::vocab::Rung;
    // Fixture::new's clock stands at a fixed "now"; the touches are dated before it.
    let mut a = Fixture::new();
    let bo = a.person("Bo Larsen");
    a.diary.set_rung(bo, Rung::Met, "Coffee at the fair").unwrap();
    a.diary.set_rung(bo, Rung::Connected, "Wrong person, it was his brother").unwrap();
    // A call from last month, logged only now: it happened before the move down, which
    // the user made knowing of it, so he stays where he was put.
    a.touch(bo, Channel::Phone, common::now() - chrono::Duration::days(30), |_| {});
    let rung_on = |f: &Fixture| f.diary.people(&PeopleQuery::default()).unwrap().people[0].rung;
    assert_eq!(rung_on(&a), Rung::Connected);
    let history: Vec<(Option<Rung>, Rung)> = a.diary.rung_history(bo).unwrap().into_iter().map(|c| (c.from, c.to)).collect();
    assert_eq!(history.len(), 4, "{history:?}");
    // A call after the move down raises him, here and on a device rebuilt from the rows.
    a.touch(bo, Channel::Phone, common::now() + chrono::Duration::minutes(1), |_| {});
    assert_eq!(rung_on(&a), Rung::Spoken);
    let mut b = Fixture::new();
    b.diary.apply_sync_rows(&a.diary.sync_rows().unwrap()).unwrap();
    assert_eq!(rung_on(&b), Rung::Spoken);
    assert_eq!(people(&b), people(&a));

    // Taking the last change back replays what is left.
    let last = a.diary.rung_history(bo).unwrap().last().unwrap().id;
    a.diary.undo_rung_change(last).unwrap();
    assert_eq!(rung_on(&a), Rung::Connected);
}
