//! Acting on many follow-ups at once, each in one transaction, and undoing it exactly.
//! Now is 2026-03-31 12:00 UTC.

mod common;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::agenda::{FollowUp, FollowUpInput, Snooze};
use rapport_core::vocab::{FollowUpKind, FollowUpStatus};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn due(f: &mut Fixture, title: &str, day: NaiveDate, time: Option<(u32, u32)>) -> i64 {
    let input = FollowUpInput {
        person_id: None,
        touch_id: None,
        kind: FollowUpKind::Write,
        title: title.into(),
        notes: String::new(),
        due_date: day.into(),
        due_time: time.map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
    };
    f.diary.add_follow_up(&input).unwrap().id
}

fn all(f: &Fixture, ids: &[i64]) -> Vec<FollowUp> {
    ids.iter().map(|&id| f.diary.follow_up(id).unwrap()).collect()
}

#[test]
fn dropping_everything_more_than_a_month_late_and_undoing_it_restores_each_row_exactly() {
    let mut f = Fixture::new();
    let old = due(&mut f, "Old", date(2025, 1, 10), Some((9, 30)));
    let older = due(&mut f, "Older", date(2024, 6, 1), None);
    let snoozed = due(&mut f, "Snoozed long ago", date(2025, 2, 1), None);
    f.set_now(at(2025, 2, 1, 12, 0), chrono_tz::UTC);
    f.diary.snooze_follow_up(snoozed, Snooze::Tomorrow).unwrap();
    f.diary.claim_due_reminders().unwrap(); // "Old" and "Older" were notified
    f.set_now(common::now(), chrono_tz::UTC);
    let recent = due(&mut f, "Recent", date(2026, 3, 20), None);
    let done = due(&mut f, "Done already", date(2025, 1, 1), None);
    f.diary.complete_follow_up(done, None).unwrap();
    let ids = [old, older, snoozed, recent, done];
    let before = all(&f, &ids);

    let cutoff = f.diary.today().unwrap().overdue.drop_choices[1].clone();
    assert_eq!((cutoff.before, cutoff.count), (date(2026, 2, 28), 3));
    f.set_now(at(2026, 3, 31, 12, 5), chrono_tz::UTC);
    let change = f.diary.drop_follow_ups_due_before(cutoff.before).unwrap();
    assert_eq!((change.changed, change.message.as_str()), (3, "Dropped 3 follow-ups."));
    let statuses: Vec<_> = all(&f, &ids).into_iter().map(|x| x.status).collect();
    use FollowUpStatus::*;
    assert_eq!(statuses, [Dropped, Dropped, Dropped, Open, Done]);
    assert_eq!(f.diary.today().unwrap().overdue.total, 1);

    let undone = f.diary.undo_follow_ups(&change.before, change.at).unwrap();
    assert_eq!((undone.restored, undone.message.as_str()), (3, "Brought back 3 follow-ups."));
    assert_eq!(all(&f, &ids), before, "status, due, snooze and notification as they were");
}

#[test]
fn done_and_drop_many_skip_what_is_already_closed_and_undo_puts_them_back() {
    let mut f = Fixture::new();
    let a = due(&mut f, "A", date(2026, 3, 1), None);
    let b = due(&mut f, "B", date(2026, 3, 2), None);
    let c = due(&mut f, "C", date(2026, 3, 3), None);
    f.diary.drop_follow_up(c).unwrap();
    let before = all(&f, &[a, b, c]);
    let change = f.diary.complete_follow_ups(&[a, b, c, 999]).unwrap();
    assert_eq!((change.changed, change.message.as_str()), (2, "Done: 2 follow-ups."));
    assert_eq!(all(&f, &[a, b]).iter().map(|x| x.status).collect::<Vec<_>>(), [FollowUpStatus::Done; 2]);
    f.diary.undo_follow_ups(&change.before, change.at).unwrap();
    assert_eq!(all(&f, &[a, b, c]), before);

    let change = f.diary.drop_follow_ups(&[b]).unwrap();
    assert_eq!(change.message, "Dropped 1 follow-up.");
}

#[test]
fn moving_many_to_a_day_keeps_their_time_of_day_across_dst_and_undo_brings_back_the_old_days() {
    // Friday 27 March 2026 in Berlin; clocks go forward on Sunday.
    let mut f = Fixture::at(at(2026, 3, 27, 12, 0), Berlin);
    let timed = due(&mut f, "At nine", date(2026, 3, 20), Some((9, 0)));
    let untimed = due(&mut f, "Some time", date(2026, 3, 21), None);
    let before = all(&f, &[timed, untimed]);
    let change = f.diary.move_follow_ups(&[timed, untimed], date(2026, 3, 30)).unwrap();
    assert_eq!(change.message, "Moved 2 follow-ups to Mon, Mar 30.");
    let moved = all(&f, &[timed, untimed]);
    assert_eq!(moved[0].due_at, at(2026, 3, 30, 7, 0), "09:00 CEST");
    assert_eq!(moved[1].due_at, at(2026, 3, 29, 22, 0), "Monday's local midnight");
    assert!(moved.iter().all(|x| x.status == FollowUpStatus::Open && x.notified_at.is_none()));
    f.diary.undo_follow_ups(&change.before, change.at).unwrap();
    assert_eq!(all(&f, &[timed, untimed]), before);

    let err = f.diary.move_follow_ups(&[timed], date(2026, 3, 26)).unwrap_err();
    assert_eq!(err.to_string(), "Choose today or a later day.");
}

#[test]
fn moved_to_today_they_are_not_announced_at_once() {
    let mut f = Fixture::new();
    let a = due(&mut f, "A", date(2026, 3, 1), None);
    let b = due(&mut f, "B", date(2026, 3, 2), Some((18, 0)));
    f.diary.move_follow_ups(&[a, b], date(2026, 3, 31)).unwrap();
    assert_eq!(f.diary.claim_due_reminders().unwrap(), [], "the user has just put A on today");
    f.set_now(at(2026, 3, 31, 18, 0), chrono_tz::UTC);
    let said: Vec<_> = f.diary.claim_due_reminders().unwrap().into_iter().map(|r| r.summary).collect();
    assert_eq!(said, ["B"], "B is said at its own time");
}

#[test]
fn undo_leaves_a_row_changed_again_since() {
    let mut f = Fixture::new();
    let a = due(&mut f, "A", date(2026, 3, 1), None);
    let b = due(&mut f, "B", date(2026, 3, 2), None);
    let change = f.diary.move_follow_ups(&[a, b], date(2026, 4, 10)).unwrap();
    f.set_now(at(2026, 3, 31, 12, 1), chrono_tz::UTC);
    let edited = FollowUpInput {
        person_id: None,
        touch_id: None,
        kind: FollowUpKind::Write,
        title: "B, rewritten".into(),
        notes: String::new(),
        due_date: date(2026, 4, 12).into(),
        due_time: None,
    };
    f.diary.update_follow_up(b, &edited).unwrap();
    let undone = f.diary.undo_follow_ups(&change.before, change.at).unwrap();
    assert_eq!(undone.message, "Brought back 1 follow-up; 1 changed since and stayed as it is.");
    assert_eq!(f.diary.follow_up(a).unwrap().due_at, at(2026, 3, 1, 0, 0));
    assert_eq!(f.diary.follow_up(b).unwrap().due_at, at(2026, 4, 12, 0, 0));
}
