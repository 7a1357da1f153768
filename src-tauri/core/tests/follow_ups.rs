//! Follow-ups: due times in the user's zone (across daylight-saving changes), snoozes,
//! completing and dropping, and the Today agenda.

mod common;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::agenda::{FollowUpInput, Snooze};
use rapport_core::clock::days::TypedDay;
use rapport_core::vocab::{FollowUpKind, FollowUpStatus};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn call(person: Option<i64>, due_date: NaiveDate, due_time: Option<NaiveTime>) -> FollowUpInput {
    FollowUpInput {
        person_id: person,
        touch_id: None,
        kind: FollowUpKind::Call,
        title: "Call Ana".into(),
        notes: String::new(),
        due_date: due_date.into(),
        due_time,
    }
}

#[test]
fn a_local_due_time_is_stored_as_the_right_instant_on_both_sides_of_a_dst_change() {
    // Berlin moves from UTC+1 to UTC+2 at 02:00 on Sunday 29 March 2026.
    let mut f = Fixture::at(at(2026, 3, 27, 12, 0), Berlin);
    let saturday = f.diary.add_follow_up(&call(None, date(2026, 3, 28), Some(time(9, 0)))).unwrap();
    let sunday = f.diary.add_follow_up(&call(None, date(2026, 3, 29), Some(time(9, 0)))).unwrap();
    assert_eq!(saturday.due_at, at(2026, 3, 28, 8, 0), "09:00 CET");
    assert_eq!(sunday.due_at, at(2026, 3, 29, 7, 0), "09:00 CEST, still 09:00 on the wall");
    // 02:30 does not exist that night: it is read as the first valid time after it.
    let skipped = f.diary.add_follow_up(&call(None, date(2026, 3, 29), Some(time(2, 30)))).unwrap();
    assert_eq!(skipped.due_at, at(2026, 3, 29, 1, 0), "03:00 CEST");
    // In October 02:30 happens twice: the first one counts.
    let twice = f.diary.add_follow_up(&call(None, date(2026, 10, 25), Some(time(2, 30)))).unwrap();
    assert_eq!(twice.due_at, at(2026, 10, 25, 0, 30), "02:30 CEST");
}

#[test]
fn snoozes_land_at_local_wall_times_across_dst() {
    // Saturday 28 March 2026, 20:00 in Berlin (19:00 UTC).
    let mut f = Fixture::at(at(2026, 3, 28, 19, 0), Berlin);
    let id = f.diary.add_follow_up(&call(None, date(2026, 3, 28), Some(time(10, 0)))).unwrap().id;
    assert_eq!(f.diary.snooze_until(Snooze::Hour).unwrap(), at(2026, 3, 28, 20, 0));
    assert_eq!(f.diary.snooze_until(Snooze::Tomorrow).unwrap(), at(2026, 3, 29, 7, 0), "09:00 CEST on Sunday");
    assert_eq!(f.diary.snooze_until(Snooze::NextWeek).unwrap(), at(2026, 3, 30, 7, 0), "Monday 09:00 CEST");
    let err = f.diary.snooze_until(Snooze::Evening).unwrap_err();
    assert_eq!(err.to_string(), "It is already evening; choose another time.");
    let labels: Vec<_> = f.diary.snooze_choices().unwrap().into_iter().map(|c| c.label).collect();
    assert_eq!(labels, ["For an hour", "Until tomorrow 9:00", "Until next week"], "no evening after 18:00");

    let snoozed = f.diary.snooze_follow_up(id, Snooze::Tomorrow).unwrap();
    assert_eq!(snoozed.status, FollowUpStatus::Snoozed);
    assert_eq!(snoozed.due, at(2026, 3, 29, 7, 0));
    assert_eq!(snoozed.due_at, at(2026, 3, 28, 9, 0), "the first due time is kept");
    let err = f.diary.snooze_follow_up(id, Snooze::Until(at(2026, 3, 28, 18, 0))).unwrap_err();
    assert_eq!(err.to_string(), "Choose a time in the future.");

    // Morning: "this evening" is 18:00 local.
    f.set_now(at(2026, 3, 30, 7, 0), Berlin);
    assert_eq!(f.diary.snooze_until(Snooze::Evening).unwrap(), at(2026, 3, 30, 16, 0));
    // On a Monday "next week" is the Monday after.
    assert_eq!(f.diary.snooze_until(Snooze::NextWeek).unwrap(), at(2026, 4, 6, 7, 0));
}

#[test]
fn the_agenda_splits_overdue_today_and_the_next_seven_days_in_local_time() {
    // Tuesday 31 March 2026, 12:00 in Berlin (10:00 UTC).
    let mut f = Fixture::at(at(2026, 3, 31, 10, 0), Berlin);
    let ana = f.person("Ana");
    let add = |f: &mut Fixture, title: &str, d: NaiveDate, t: Option<NaiveTime>| {
        let mut input = call(Some(ana), d, t);
        input.title = title.into();
        f.diary.add_follow_up(&input).unwrap().id
    };
    add(&mut f, "yesterday", date(2026, 3, 30), None);
    add(&mut f, "this morning", date(2026, 3, 31), Some(time(9, 0)));
    add(&mut f, "today, any time", date(2026, 3, 31), None);
    add(&mut f, "this afternoon", date(2026, 3, 31), Some(time(15, 0)));
    add(&mut f, "in a week", date(2026, 4, 7), Some(time(23, 30)));
    add(&mut f, "in eight days", date(2026, 4, 8), None);
    let dropped = add(&mut f, "dropped", date(2026, 3, 31), None);
    f.diary.drop_follow_up(dropped).unwrap();
    let done = add(&mut f, "done", date(2026, 3, 31), None);
    f.diary.complete_follow_up(done, None).unwrap();

    let agenda = f.diary.agenda().unwrap();
    let titles = |list: &[rapport_core::agenda::FollowUp]| list.iter().map(|f| f.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&agenda.overdue), ["yesterday", "this morning"]);
    assert_eq!(agenda.overdue_total, 2);
    assert_eq!(titles(&agenda.today), ["today, any time", "this afternoon"]);
    assert_eq!(titles(&agenda.next_days), ["in a week"]);
    assert_eq!(f.diary.person_follow_ups(ana).unwrap().len(), 6);
    assert_eq!(f.diary.person_figures(ana).unwrap().open_follow_ups, 6);
}

#[test]
fn completing_dropping_and_editing() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    let touch = f.touch(ana, rapport_core::vocab::Channel::Phone, at(2026, 3, 31, 9, 0), |_| {});
    let id = f.diary.add_follow_up(&call(Some(ana), date(2026, 4, 1), Some(time(10, 0)))).unwrap().id;
    let done = f.diary.complete_follow_up(id, Some(touch)).unwrap();
    assert_eq!((done.status, done.done_at), (FollowUpStatus::Done, Some(common::now())));
    assert_eq!(f.diary.complete_follow_up(id, None).unwrap_err().kind(), "not_found", "already done");
    assert_eq!(f.diary.snooze_follow_up(id, Snooze::Hour).unwrap_err().kind(), "not_found");

    let id = f.diary.add_follow_up(&call(Some(ana), date(2026, 4, 1), None)).unwrap().id;
    let mut edit = call(Some(ana), date(2026, 4, 2), Some(time(8, 15)));
    edit.title = "Call Ana about the retainer".into();
    let edited = f.diary.update_follow_up(id, &edit).unwrap();
    assert_eq!((edited.title.as_str(), edited.due_at, edited.due_has_time), ("Call Ana about the retainer", at(2026, 4, 2, 8, 15), true));
    assert_eq!(f.diary.drop_follow_up(id).unwrap().status, FollowUpStatus::Dropped);
}

#[test]
fn bad_follow_ups_are_refused_with_the_field() {
    let mut f = Fixture::new();
    let cases = [
        (FollowUpInput { title: "  ".into(), ..call(None, date(2026, 4, 1), None) }, "title"),
        (call(Some(999), date(2026, 4, 1), None), "person_id"),
        (call(None, date(2099, 1, 1), None), "due_date"),
        (call(None, date(1969, 12, 31), None), "due_date"),
    ];
    for (input, field) in cases {
        let err = f.diary.add_follow_up(&input).unwrap_err();
        assert_eq!(serde_json::to_value(&err).unwrap()["field"], field, "{err}");
    }
    assert!(f.diary.agenda().unwrap().overdue.is_empty());
}

#[test]
fn a_due_day_as_typed_is_read_and_an_impossible_one_named_on_its_field() {
    let mut f = Fixture::new();
    let typed = |text: &str| FollowUpInput { due_date: TypedDay::Text(text.into()), ..call(None, date(2026, 4, 1), None) };
    assert_eq!(f.diary.add_follow_up(&typed("24 Dec 2026")).unwrap().due_at, at(2026, 12, 24, 0, 0));
    let err = f.diary.add_follow_up(&FollowUpInput { title: " ".into(), ..typed("2026-02-30") }).unwrap_err();
    let problems: Vec<_> = err.problems().into_iter().map(|p| (p.field, p.message)).collect();
    assert_eq!(problems, [("title", "The title is required.".to_owned()), ("due_date", "February has no 30th.".to_owned())]);
    let from_the_window: FollowUpInput =
        serde_json::from_value(serde_json::json!({ "kind": "call", "title": "Call", "due_date": "2026-04-31" })).unwrap();
    assert_eq!(f.diary.add_follow_up(&from_the_window).unwrap_err().to_string(), "April has no 31st.");
}

#[test]
fn a_new_follow_up_due_in_the_past_is_asked_about_once_and_saved_when_meant() {
    // Now is 2026-03-31 12:00 UTC.
    let mut f = Fixture::new();
    for (saved, past) in [call(None, date(2026, 3, 30), None), call(None, date(2026, 3, 31), Some(time(9, 0)))].iter().enumerate() {
        let err = f.diary.add_typed_follow_up(past, false).unwrap_err();
        assert_eq!(
            (err.kind(), err.field(), err.to_string().as_str()),
            ("confirm", Some("due_date"), "That day is past. Save it as overdue?")
        );
        assert_eq!(f.diary.agenda().unwrap().overdue_total as usize, saved, "nothing saved before the answer");
        f.diary.add_typed_follow_up(past, true).unwrap();
    }
    assert_eq!(f.diary.agenda().unwrap().overdue_total, 2);
    // Later today with no time, or later at a time, is not past.
    f.diary.add_typed_follow_up(&call(None, date(2026, 3, 31), None), false).unwrap();
    f.diary.add_typed_follow_up(&call(None, date(2026, 3, 31), Some(time(13, 0))), false).unwrap();
    // A bad input hears of its problems first, not the question.
    let bad = FollowUpInput { title: " ".into(), ..call(None, date(2026, 3, 1), None) };
    assert_eq!(f.diary.add_typed_follow_up(&bad, false).unwrap_err().kind(), "invalid");
}

#[test]
fn today_lists_the_50_most_recent_of_a_pile_of_overdue_follow_ups() {
    let mut f = Fixture::at(at(2026, 3, 31, 10, 0), Berlin);
    let ana = f.person("Ana");
    // 80 overdue, one a day back from yesterday; one due today.
    for back in 1..=80 {
        let mut input = call(Some(ana), date(2026, 3, 31) - chrono::Duration::days(back), None);
        input.title = format!("{back} days ago");
        f.diary.add_follow_up(&input).unwrap();
    }
    f.diary.add_follow_up(&call(Some(ana), date(2026, 3, 31), None)).unwrap();

    let agenda = f.diary.agenda().unwrap();
    assert_eq!((agenda.overdue_total, agenda.overdue.len()), (80, rapport_core::agenda::OVERDUE_SHOWN));
    let titles: Vec<&str> = agenda.overdue.iter().map(|f| f.title.as_str()).collect();
    assert_eq!((titles[0], titles[49]), ("50 days ago", "1 days ago"), "the most recent, in due order");
    assert_eq!(agenda.today.len(), 1);
    assert_eq!(agenda.due_now(), 81, "what the tray counts: every overdue one and today's");
    assert_eq!(f.diary.person_follow_ups(ana).unwrap().len(), 81, "every one is still on Ana's page");
}
