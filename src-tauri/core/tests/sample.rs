//! The sample diary (`make demo`, the benchmark) and the one-transaction bulk path it uses.

mod common;

use common::{at, Fixture};
use rapport_core::ladder::BoardQuery;
use rapport_core::people::{PeopleQuery, PersonEdit};
use rapport_sample::{fill, SampleSize};

fn counts(f: &Fixture) -> (i64, i64, i64, i64) {
    let sql = f.sql();
    let n = |table: &str| sql.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
    (n("person"), n("touch"), n("follow_up"), n("session"))
}

#[test]
fn the_demo_diary_is_lived_in_and_the_same_for_the_same_seed() {
    let now = at(2026, 11, 18, 12, 0);
    let mut a = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut a.diary, SampleSize::DEMO, 7, now).unwrap();
    let mut b = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut b.diary, SampleSize::DEMO, 7, now).unwrap();
    assert_eq!(counts(&a), (300, 6_000, 400, counts(&a).3));
    assert_eq!(counts(&a), counts(&b));
    let first = |f: &Fixture| {
        f.diary.people(&PeopleQuery::default()).unwrap().people[..5].iter().map(|p| p.display_name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(first(&a), first(&b));

    // What a newcomer should see: follow-ups due today, nudges, time this week, people on every rung.
    let today = a.diary.today().unwrap();
    assert!(today.due_today.len() >= 6, "{} due today", today.due_today.len());
    assert_eq!(a.diary.claim_due_reminders().unwrap(), [], "what came due before was already said");
    assert!(!today.nudges.is_empty());
    assert!(a.diary.budget_status().unwrap().uses[0].used_seconds > 0);
    let board = a.diary.ladder_board(&BoardQuery::default()).unwrap();
    assert!(board.iter().all(|c| c.count > 0), "every rung has someone: {:?}", board.iter().map(|c| c.count).collect::<Vec<_>>());
    let week = a.diary.week_review(now.date_naive()).unwrap();
    assert!(week.touches.total > 0 && week.trend.iter().filter(|t| t.minutes > 0).count() >= 10);
    let sessions: i64 = a.sql().query_row("SELECT count(*) FROM session", [], |r| r.get(0)).unwrap();
    assert!(sessions > 100, "{sessions} sessions");
}

#[test]
fn one_transaction_writes_everything_or_nothing() {
    let mut f = Fixture::new();
    let added = f.diary.in_one_transaction(|d| {
        d.add_person(&PersonEdit { display_name: "Kept".into(), ..Default::default() })?;
        d.add_person(&PersonEdit { display_name: "Kept too".into(), ..Default::default() })
    });
    assert!(added.is_ok());
    let failed = f.diary.in_one_transaction(|d| {
        d.add_person(&PersonEdit { display_name: "Rolled back".into(), ..Default::default() })?;
        d.add_person(&PersonEdit { display_name: "   ".into(), ..Default::default() })
    });
    assert_eq!(failed.unwrap_err().field(), Some("display_name"));
    let names: Vec<String> = f.diary.people(&PeopleQuery::default()).unwrap().people.into_iter().map(|p| p.display_name).collect();
    assert_eq!(names, ["Kept", "Kept too"]);
    // And the diary takes ordinary writes afterwards.
    f.person("After");
    assert_eq!(f.diary.people(&PeopleQuery::default()).unwrap().total, 3);
}
