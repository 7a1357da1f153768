//! The person page's figures and timeline, the Ladder board and the list's filters, on a
//! constructed history with exact expected numbers.

mod common;

use common::{at, Fixture};
use rapport_core::ladder::BoardQuery;
use rapport_core::people::{NewHandle, PeopleQuery, PersonEdit, TimelineItem};
use rapport_core::vocab::{Channel, Direction, HandlePlatform, PeopleOrder, Rung};

/// Ana: a broadcast post, a DM, her reply, a call ten days after the post, a meeting
/// almost twenty days after it. Now is 2026-03-31 12:00.
fn ana(f: &mut Fixture) -> i64 {
    let ana = f.person("Ana Lima");
    f.touch(ana, Channel::PublicPost, at(2026, 3, 1, 10, 0), |t| t.personal = false);
    f.touch(ana, Channel::DirectMessage, at(2026, 3, 2, 10, 0), |_| {});
    f.touch(ana, Channel::DirectMessage, at(2026, 3, 3, 10, 0), |t| t.direction = Direction::In);
    f.touch(ana, Channel::Phone, at(2026, 3, 11, 10, 0), |t| t.duration_minutes = Some(30));
    f.touch(ana, Channel::InPerson, at(2026, 3, 21, 9, 0), |_| {});
    ana
}

#[test]
fn figures_of_a_known_history() {
    let mut f = Fixture::new();
    let ana = ana(&mut f);
    f.sql()
        .execute_batch(&format!(
            "INSERT INTO follow_up (person_id, kind, title, due_at, status, created_at, updated_at) VALUES
         ({ana}, 'call', 'Call back', 0, 'open', 0, 0), ({ana}, 'thank', 'Thank', 0, 'snoozed', 0, 0),
         ({ana}, 'write', 'Old', 0, 'done', 0, 0);"
        ))
        .unwrap();
    let figures = f.diary.person_figures(ana).unwrap();
    assert_eq!(figures.touches, 5);
    assert_eq!(figures.first_touch_at, Some(at(2026, 3, 1, 10, 0)));
    assert_eq!(figures.last_touch_at, Some(at(2026, 3, 21, 9, 0)));
    assert_eq!(figures.days_since_last_touch, Some(10));
    assert_eq!(figures.personal_percent, Some(80));
    assert_eq!(figures.days_to_first_call, Some(10));
    assert_eq!(figures.days_to_first_meeting, Some(19), "19 days and 23 hours");
    assert_eq!(figures.open_follow_ups, 2);
    let by: Vec<_> = figures.by_channel.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    assert_eq!(by, [("public_post", 1), ("direct_message", 2), ("phone", 1), ("in_person", 1)]);
}

#[test]
fn figures_of_someone_never_touched_are_empty() {
    let mut f = Fixture::new();
    let bo = f.person("Bo");
    let figures = f.diary.person_figures(bo).unwrap();
    assert_eq!((figures.touches, figures.last_touch_at, figures.personal_percent), (0, None, None));
    assert_eq!((figures.days_to_first_call, figures.days_to_first_meeting), (None, None));
    // A call with no online touch before it has no "days to first call".
    f.touch(bo, Channel::Phone, at(2026, 3, 1, 9, 0), |_| {});
    assert_eq!(f.diary.person_figures(bo).unwrap().days_to_first_call, None);
}

#[test]
fn the_timeline_interleaves_touches_and_rung_changes_newest_first() {
    let mut f = Fixture::new();
    let ana = ana(&mut f);
    let page = f.diary.person_page(ana).unwrap();
    assert!(!page.more);
    let lines: Vec<String> = page
        .timeline
        .iter()
        .map(|item| match item {
            TimelineItem::Touch(t) => format!("touch {}", t.channel),
            TimelineItem::Rung(r) => format!("rung {}", r.to),
            TimelineItem::Archived { .. } => "archived".to_owned(),
        })
        .collect();
    assert_eq!(
        lines,
        [
            "rung noticed", // added on 2026-03-31, after the touches it was logged with
            "rung met",
            "touch in_person",
            "rung spoken",
            "touch phone",
            "rung conversing",
            "touch direct_message",
            "touch direct_message",
            "touch public_post",
        ]
    );
    assert_eq!(page.person.rung, Rung::Met);
    assert_eq!(page.figures.touches, 5);

    // Archiving says so at the top of the timeline, and restoring takes it away.
    f.set_now(at(2026, 4, 2, 9, 0), chrono_tz::UTC);
    f.diary.archive_person(ana).unwrap();
    let first = f.diary.person_page(ana).unwrap().timeline.remove(0);
    assert_eq!(first, TimelineItem::Archived { at: at(2026, 4, 2, 9, 0) });
    f.diary.restore_person(ana).unwrap();
    assert!(!f.diary.person_page(ana).unwrap().timeline.iter().any(|i| matches!(i, TimelineItem::Archived { .. })));
}

#[test]
fn the_board_counts_every_rung_and_lists_the_recently_touched_first() {
    let mut f = Fixture::new();
    let ana = ana(&mut f);
    let bo = f.person("Bo");
    f.touch(bo, Channel::InPerson, at(2026, 3, 30, 9, 0), |_| {});
    f.person("Cy");
    let board = f.diary.ladder_board(&BoardQuery { order: PeopleOrder::Recent, ..BoardQuery::default() }).unwrap();
    let counts: Vec<_> = board.iter().map(|c| (c.rung, c.count)).collect();
    assert_eq!(
        counts,
        [(Rung::Noticed, 1), (Rung::Connected, 0), (Rung::Conversing, 0), (Rung::Spoken, 0), (Rung::Met, 2), (Rung::Working, 0)]
    );
    let met: Vec<_> = board[4].people.iter().map(|c| (c.id, c.days_since_last_touch)).collect();
    assert_eq!(met, [(bo, Some(1)), (ana, Some(10))]);
    assert_eq!(board[0].people[0].days_since_last_touch, None, "Cy was never touched");
}

#[test]
fn the_list_filters_by_rung_tag_platform_and_time_since_the_last_touch() {
    let mut f = Fixture::new();
    let ana = ana(&mut f);
    f.diary
        .update_person(
            ana,
            &PersonEdit {
                display_name: "Ana Lima".into(),
                tags: vec!["client".into()],
                handles: vec![NewHandle { platform: HandlePlatform::X, value: "@ana".into(), url: String::new(), professional: true }],
                ..Default::default()
            },
        )
        .unwrap();
    let bo = f.person("Bo");
    f.touch(bo, Channel::Email, at(2026, 3, 30, 9, 0), |_| {});
    f.person("Cy");
    let names = |q: PeopleQuery| -> Vec<String> { f.diary.people(&q).unwrap().people.into_iter().map(|p| p.display_name).collect() };
    assert_eq!(names(PeopleQuery { rung: Some(Rung::Met), ..Default::default() }), ["Ana Lima"]);
    assert_eq!(names(PeopleQuery { tag: Some("CLIENT".into()), ..Default::default() }), ["Ana Lima"]);
    assert_eq!(names(PeopleQuery { platform: Some(HandlePlatform::X), ..Default::default() }), ["Ana Lima"]);
    assert_eq!(names(PeopleQuery { untouched_days: Some(7), ..Default::default() }), ["Ana Lima", "Cy"]);
    assert_eq!(names(PeopleQuery { untouched_days: Some(10), ..Default::default() }), ["Ana Lima", "Cy"], "exactly ten days counts");
    assert_eq!(names(PeopleQuery { untouched_days: Some(11), ..Default::default() }), ["Cy"]);
    assert_eq!(names(PeopleQuery { search: "li".into(), untouched_days: Some(7), ..Default::default() }), ["Ana Lima"]);
    let list = f.diary.people(&PeopleQuery::default()).unwrap();
    assert_eq!(list.people[0].last_touch_at, Some(at(2026, 3, 21, 9, 0)));
}
