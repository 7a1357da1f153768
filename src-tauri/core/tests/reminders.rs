//! The scheduler's rules: each follow-up said once (also across restarts), one summary
//! after a gap, quiet hours, the daily digest, and wake times across daylight saving.

mod common;

use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveTime};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::agenda::{FollowUpInput, Snooze};
use rapport_core::clock::FixedClock;
use rapport_core::storage::{QuietHours, Settings};
use rapport_core::vocab::{Channel, FollowUpKind, HandlePlatform};
use rapport_core::Diary;

fn due(person: Option<i64>, title: &str, kind: FollowUpKind, d: (i32, u32, u32), t: (u32, u32)) -> FollowUpInput {
    FollowUpInput {
        person_id: person,
        touch_id: None,
        kind,
        title: title.into(),
        notes: String::new(),
        due_date: NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap().into(),
        due_time: Some(NaiveTime::from_hms_opt(t.0, t.1, 0).unwrap()),
    }
}

#[test]
fn a_follow_up_is_said_once_when_it_comes_due_and_never_again() {
    let mut f = Fixture::at(at(2026, 3, 31, 9, 59), chrono_tz::UTC);
    let ana = f.person("Ana Lima");
    f.touch(ana, Channel::DirectMessage, at(2026, 3, 28, 9, 0), |_| {});
    f.diary.add_follow_up(&due(Some(ana), "Call Ana Lima", FollowUpKind::Call, (2026, 3, 31), (10, 0))).unwrap();
    assert!(f.diary.claim_due_reminders().unwrap().is_empty(), "not yet");
    assert_eq!(f.diary.next_reminder_at().unwrap(), Some(at(2026, 3, 31, 10, 0)));

    f.set_now(at(2026, 3, 31, 10, 0) + Duration::seconds(5), chrono_tz::UTC);
    let said = f.diary.claim_due_reminders().unwrap();
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].summary, "Call Ana Lima");
    assert_eq!(said[0].body, "Pick up the phone · last touch 3 days ago");
    assert_eq!(said[0].person_id, Some(ana));
    assert!(f.diary.claim_due_reminders().unwrap().is_empty(), "said once");

    // A restart does not say it again.
    let mut reopened = Diary::open_with_clock(f.path(), Arc::new(FixedClock::utc(at(2026, 3, 31, 11, 0)))).unwrap();
    assert!(reopened.claim_due_reminders().unwrap().is_empty());
    // The next wake is the digest, tomorrow 09:00 (today's is past).
    assert_eq!(reopened.next_reminder_at().unwrap(), Some(at(2026, 4, 1, 9, 0)));
}

#[test]
fn several_that_came_due_while_away_make_one_summary() {
    let mut f = Fixture::at(at(2026, 3, 30, 8, 0), chrono_tz::UTC);
    for (i, title) in ["Call Ana", "Write to Bo", "Thank Cy"].into_iter().enumerate() {
        f.diary.add_follow_up(&due(None, title, FollowUpKind::Call, (2026, 3, 30), (10, i as u32))).unwrap();
    }
    f.set_now(at(2026, 3, 31, 9, 30), chrono_tz::UTC); // back after a night asleep
    let said = f.diary.claim_due_reminders().unwrap();
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].summary, "3 follow-ups came due while you were away");
    assert_eq!(said[0].body, "Call Ana · Write to Bo · Thank Cy");
    assert!(f.diary.claim_due_reminders().unwrap().is_empty());
}

#[test]
fn two_coming_due_together_while_running_are_said_each() {
    let mut f = Fixture::at(at(2026, 3, 31, 9, 0), chrono_tz::UTC);
    f.diary.add_follow_up(&due(None, "Call Ana", FollowUpKind::Call, (2026, 3, 31), (10, 0))).unwrap();
    f.diary.add_follow_up(&due(None, "Meet Bo", FollowUpKind::Meet, (2026, 3, 31), (10, 0))).unwrap();
    f.set_now(at(2026, 3, 31, 10, 0), chrono_tz::UTC);
    let summaries: Vec<_> = f.diary.claim_due_reminders().unwrap().into_iter().map(|r| r.summary).collect();
    assert_eq!(summaries, ["Call Ana", "Meet Bo"]);
}

#[test]
fn a_snoozed_follow_up_is_said_again_when_the_snooze_ends() {
    let mut f = Fixture::at(at(2026, 3, 31, 10, 0), chrono_tz::UTC);
    let id = f.diary.add_follow_up(&due(None, "Call Ana", FollowUpKind::Call, (2026, 3, 31), (10, 0))).unwrap().id;
    assert_eq!(f.diary.claim_due_reminders().unwrap().len(), 1);
    f.diary.snooze_follow_up(id, Snooze::Hour).unwrap();
    assert_eq!(f.diary.next_reminder_at().unwrap(), Some(at(2026, 3, 31, 11, 0)));
    f.set_now(at(2026, 3, 31, 11, 0), chrono_tz::UTC);
    let said = f.diary.claim_due_reminders().unwrap();
    assert_eq!(said[0].summary, "Call Ana");
}

#[test]
fn a_reminder_s_first_line_names_the_person_and_the_reason() {
    let mut f = Fixture::at(at(2026, 3, 31, 9, 0), chrono_tz::UTC);
    let ana = f.person("Ana Lima");
    f.diary.add_follow_up(&due(Some(ana), "rebrand quote", FollowUpKind::Write, (2026, 3, 31), (10, 0))).unwrap();
    f.diary.add_follow_up(&due(Some(ana), "Ask ana lima about Lisbon", FollowUpKind::Call, (2026, 3, 31), (10, 0))).unwrap();
    f.set_now(at(2026, 3, 31, 10, 0), chrono_tz::UTC);
    let said: Vec<(String, String)> = f.diary.claim_due_reminders().unwrap().into_iter().map(|r| (r.summary, r.body)).collect();
    assert_eq!(
        said,
        [
            ("Write to Ana Lima — rebrand quote".to_owned(), "Write · no touch yet".to_owned()),
            ("Ask ana lima about Lisbon".to_owned(), "Pick up the phone · no touch yet".to_owned()),
        ]
    );
}

#[test]
fn quiet_hours_hold_reminders_until_they_end() {
    // 22:00–07:00 in Berlin; a follow-up due at 23:00 local.
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), Berlin);
    f.diary
        .update_settings(Settings {
            quiet_hours: Some(QuietHours {
                start: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
            }),
            ..Settings::default()
        })
        .unwrap();
    f.diary.add_follow_up(&due(None, "Call Ana", FollowUpKind::Call, (2026, 3, 31), (23, 0))).unwrap();
    assert_eq!(f.diary.next_reminder_at().unwrap(), Some(at(2026, 4, 1, 5, 0)), "07:00 CEST the next morning");
    f.set_now(at(2026, 3, 31, 21, 0), Berlin); // 23:00 local
    assert!(f.diary.claim_due_reminders().unwrap().is_empty());
    f.set_now(at(2026, 4, 1, 5, 0), Berlin); // 07:00 local
    assert_eq!(f.diary.claim_due_reminders().unwrap().len(), 1);
}

#[test]
fn the_digest_comes_once_a_day_from_its_time_and_only_with_nudges() {
    let mut f = Fixture::at(at(2026, 3, 31, 8, 59), chrono_tz::UTC);
    let ana = f.person("Ana");
    for day in [20, 21, 22] {
        f.touch(ana, Channel::DirectMessage, at(2026, 3, day, 9, 0), |t| t.platform = Some(HandlePlatform::Linkedin));
    }
    assert_eq!(f.diary.claim_digest().unwrap(), None, "before 09:00");
    f.set_now(at(2026, 3, 31, 9, 0), chrono_tz::UTC);
    let digest = f.diary.claim_digest().unwrap().unwrap();
    assert_eq!((digest.summary.as_str(), digest.body.as_str()), ("1 nudge for today", "Pick up the phone Ana"));
    assert_eq!(f.diary.claim_digest().unwrap(), None, "once a day");
    f.set_now(at(2026, 4, 1, 9, 30), chrono_tz::UTC);
    assert!(f.diary.claim_digest().unwrap().is_some(), "and again the next day");
}

#[test]
fn a_daily_0900_follow_up_over_the_spring_change_still_wakes_at_0900_local() {
    let mut f = Fixture::at(at(2026, 3, 27, 12, 0), Berlin);
    let settings = Settings { digest_time: NaiveTime::from_hms_opt(20, 0, 0).unwrap(), review_reminder: None, ..Settings::default() };
    f.diary.update_settings(settings).unwrap();
    for day in [28, 29, 30] {
        f.diary.add_follow_up(&due(None, &format!("Check in {day}"), FollowUpKind::Write, (2026, 3, day), (9, 0))).unwrap();
    }
    let mut wakes = Vec::new();
    for _ in 0..6 {
        let next = f.diary.next_reminder_at().unwrap().unwrap();
        f.set_now(next, Berlin);
        let said = f.diary.claim_due_reminders().unwrap();
        f.diary.claim_digest().unwrap();
        wakes.push((next.with_timezone(&Berlin).format("%a %H:%M").to_string(), said.len()));
    }
    assert_eq!(
        wakes,
        [
            ("Fri 20:00".to_string(), 0), // the digest
            ("Sat 09:00".to_string(), 1),
            ("Sat 20:00".to_string(), 0),
            ("Sun 09:00".to_string(), 1), // first day of summer time: still 09:00 on the wall
            ("Sun 20:00".to_string(), 0),
            ("Mon 09:00".to_string(), 1),
        ]
    );
}
