//! The orders people are listed in: the Ladder's columns, a page at a time, with every
//! person on a rung reachable; and the People list sorted by name, last touch or the next
//! follow-up.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::{at, Fixture};
use rapport_core::agenda::{FollowUpInput, Snooze};
use rapport_core::ladder::{BoardColumn, BoardQuery, BOARD_CARDS};
use rapport_core::people::PeopleQuery;
use rapport_core::vocab::{Channel, FollowUpKind, PeopleOrder, Rung};

fn board(f: &Fixture, order: PeopleOrder, shown: &[(Rung, u32)]) -> Vec<BoardColumn> {
    f.diary.ladder_board(&BoardQuery { order, shown: shown.iter().copied().collect::<BTreeMap<_, _>>() }).unwrap()
}

fn names(column: &BoardColumn) -> Vec<&str> {
    column.people.iter().map(|c| c.display_name.as_str()).collect()
}

fn listed(f: &Fixture, query: &PeopleQuery) -> Vec<String> {
    f.diary.people(query).unwrap().people.into_iter().map(|p| p.display_name).collect()
}

/// A DM nobody answered: a touch that moves nobody off Noticed.
fn message(f: &mut Fixture, who: i64, when: chrono::DateTime<chrono::Utc>) {
    f.touch(who, Channel::DirectMessage, when, |_| {});
}

/// Noticed: Ana and eve never touched; Bo and Di touched at the same minute; Cy lately.
/// Fay, touched longest ago, is archived; Gus was merged into eve.
fn noticed(f: &mut Fixture) {
    let [_ana, bo, cy, di, eve, fay, gus] = ["Ana", "Bo", "Cy", "Di", "eve", "Fay", "Gus"].map(|n| f.person(n));
    message(f, bo, at(2026, 3, 1, 9, 0));
    message(f, di, at(2026, 3, 1, 9, 0));
    message(f, cy, at(2026, 3, 20, 9, 0));
    message(f, fay, at(2025, 1, 1, 9, 0));
    f.diary.archive_person(fay).unwrap();
    f.diary.merge_people(eve, gus).unwrap();
}

#[test]
fn the_board_lists_the_longest_waiting_first_never_touched_before_anyone() {
    let mut f = Fixture::new();
    noticed(&mut f);
    let column = |order| board(&f, order, &[]).remove(0);
    let waiting = column(PeopleOrder::Waiting);
    assert_eq!(waiting.count, 5, "the archived and the merged are not on the board");
    assert_eq!(names(&waiting), ["Ana", "eve", "Bo", "Di", "Cy"], "never touched first; ties by name, ignoring case");
    assert_eq!(waiting.people[0].days_since_last_touch, None);
    assert_eq!(names(&column(PeopleOrder::Recent)), ["Cy", "Bo", "Di", "Ana", "eve"], "never touched last");
    assert_eq!(names(&column(PeopleOrder::Name)), ["Ana", "Bo", "Cy", "Di", "eve"]);
    assert_eq!(f.diary.ladder_board(&BoardQuery::default()).unwrap()[0], waiting, "longest waiting is the default");
    assert_eq!(waiting.more, None, "everyone is shown");
    let by_follow_up = BoardQuery { order: PeopleOrder::FollowUp, ..BoardQuery::default() };
    assert_eq!(f.diary.ladder_board(&by_follow_up).unwrap_err().kind(), "invalid", "Today lists what is due");
}

#[test]
fn every_person_on_a_rung_is_reached_a_page_at_a_time_and_in_people() {
    let mut f = Fixture::new();
    // 230 on Noticed, the one touched longest ago first; five never touched lead them all.
    for i in 0..225u32 {
        let who = f.person(&format!("Touched {i:03}"));
        message(&mut f, who, at(2025, 1, 1, 9, 0) + chrono::Duration::hours(i64::from(i)));
    }
    for i in 0..5 {
        f.person(&format!("Never {i}"));
    }
    let first = board(&f, PeopleOrder::Waiting, &[]).remove(0);
    assert_eq!((first.count, first.people.len()), (230, BOARD_CARDS));
    assert_eq!(first.more.as_deref(), Some("Show 100 more of 130"));
    assert_eq!(names(&first)[..6], ["Never 0", "Never 1", "Never 2", "Never 3", "Never 4", "Touched 000"]);

    // Asking for one more card than shown brings a whole page.
    let second = board(&f, PeopleOrder::Waiting, &[(Rung::Noticed, 101)]).remove(0);
    assert_eq!(second.people.len(), 200);
    assert_eq!(second.people[..100], first.people[..], "a page adds to what was shown");
    assert_eq!(second.people[150].display_name, "Touched 145", "the 151st");
    assert_eq!(second.more.as_deref(), Some("Show 30 more"));
    let all = board(&f, PeopleOrder::Waiting, &[(Rung::Noticed, 300)]).remove(0);
    assert_eq!((all.people.len(), all.more), (230, None));
    assert_eq!(board(&f, PeopleOrder::Waiting, &[(Rung::Noticed, 0)])[0].people.len(), BOARD_CARDS, "never less than a page");
    // Another rung's paging leaves this one at a page.
    assert_eq!(board(&f, PeopleOrder::Waiting, &[(Rung::Met, 400)])[0].people.len(), BOARD_CARDS);

    // The count leads to People: the same people in the same order.
    assert_eq!(all.people_query, PeopleQuery { rung: Some(Rung::Noticed), order: PeopleOrder::Waiting, ..PeopleQuery::default() });
    assert_eq!(all.people_label, "All 230 people on Noticed, in People");
    let people = f.diary.people(&all.people_query).unwrap();
    assert_eq!(people.total, 230);
    let ids: Vec<i64> = people.people.iter().map(|p| p.id).collect();
    assert_eq!(ids, all.people.iter().map(|c| c.id).collect::<Vec<_>>());
    let recent = board(&f, PeopleOrder::Recent, &[]).remove(0);
    assert_eq!(recent.people[0].display_name, "Touched 224");
    assert_eq!(recent.people_query.order, PeopleOrder::Recent);
}

#[test]
fn the_people_list_sorts_by_name_last_touch_and_next_follow_up() {
    let mut f = Fixture::new();
    let [ana, bo, cy, di, eve] = ["Ana", "Bo", "Cy", "Di", "Eve"].map(|n| f.person(n));
    message(&mut f, ana, at(2026, 3, 20, 9, 0));
    message(&mut f, bo, at(2026, 3, 1, 9, 0));
    message(&mut f, di, at(2026, 3, 25, 9, 0));
    let mut plan = |who: i64, day: u32, month: u32| {
        let input = FollowUpInput {
            person_id: Some(who),
            touch_id: None,
            kind: FollowUpKind::Write,
            title: "Write".into(),
            notes: String::new(),
            due_date: NaiveDate::from_ymd_opt(2026, month, day).unwrap().into(),
            due_time: None,
        };
        f.diary.add_follow_up(&input).unwrap().id
    };
    plan(ana, 10, 4);
    plan(ana, 20, 5);
    let snoozed = plan(bo, 2, 4);
    plan(cy, 25, 3); // overdue
    let done = plan(di, 1, 3);
    let dropped = plan(eve, 1, 3);
    f.diary.snooze_follow_up(snoozed, Snooze::Until(at(2026, 4, 20, 9, 0))).unwrap();
    f.diary.complete_follow_up(done, None).unwrap();
    f.diary.drop_follow_up(dropped).unwrap();

    let sorted = |order| listed(&f, &PeopleQuery { order, ..PeopleQuery::default() });
    assert_eq!(sorted(PeopleOrder::Name), ["Ana", "Bo", "Cy", "Di", "Eve"]);
    assert_eq!(listed(&f, &PeopleQuery::default()), sorted(PeopleOrder::Name), "by name unless asked");
    assert_eq!(sorted(PeopleOrder::Recent), ["Di", "Ana", "Bo", "Cy", "Eve"]);
    assert_eq!(sorted(PeopleOrder::Waiting), ["Cy", "Eve", "Bo", "Ana", "Di"]);
    // Overdue first, a snooze counts from when it ends, the done and dropped count for nothing.
    assert_eq!(sorted(PeopleOrder::FollowUp), ["Cy", "Ana", "Bo", "Di", "Eve"]);
    // Each row says when, whichever the sort: what a sort by it shows beside the names.
    let facts = |order| -> Vec<_> {
        f.diary
            .people(&PeopleQuery { order, ..PeopleQuery::default() })
            .unwrap()
            .people
            .into_iter()
            .map(|p| (p.display_name, p.days_since_last_touch, p.next_follow_up))
            .collect()
    };
    let by_follow_up = facts(PeopleOrder::FollowUp);
    assert_eq!(by_follow_up[0], ("Cy".into(), None, Some(at(2026, 3, 25, 0, 0))), "some time that day: its start");
    assert_eq!(by_follow_up[2], ("Bo".into(), Some(30), Some(at(2026, 4, 20, 9, 0))), "the snooze's end");
    assert_eq!(by_follow_up[3], ("Di".into(), Some(6), None));
    let mut by_name = facts(PeopleOrder::Name);
    by_name.sort();
    let mut same = by_follow_up.clone();
    same.sort();
    assert_eq!(by_name, same, "the same facts without the join");
    // The sort holds with the filters.
    let untouched = PeopleQuery { untouched_days: Some(20), order: PeopleOrder::FollowUp, ..PeopleQuery::default() };
    assert_eq!(listed(&f, &untouched), ["Cy", "Bo", "Eve"]);
}

#[test]
fn the_order_travels_as_its_name() {
    let query: PeopleQuery = serde_json::from_str(r#"{ "rung": "met", "order": "follow_up" }"#).unwrap();
    assert_eq!((query.rung, query.order), (Some(Rung::Met), PeopleOrder::FollowUp));
    let board: BoardQuery = serde_json::from_str(r#"{ "shown": { "connected": 200 } }"#).unwrap();
    assert_eq!((board.order, board.shown.get(&Rung::Connected)), (PeopleOrder::Waiting, Some(&200)));
    let labels: Vec<_> = rapport_core::vocab::vocabulary().people_orders.into_iter().map(|t| (t.key, t.label)).collect();
    assert_eq!(labels[0], ("waiting", "Longest waiting first"));
    assert_eq!(labels.len(), 4);
    let on_board: Vec<_> = rapport_core::vocab::vocabulary().board_orders.into_iter().map(|t| t.key).collect();
    assert_eq!(on_board, ["waiting", "recent", "name"]);
}
