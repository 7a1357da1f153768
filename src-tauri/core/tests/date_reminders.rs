//! Reminders of important dates: at each kind's lead time, once per occurrence, across
//! restarts too, on the diary's local day.

mod common;

use std::sync::Arc;

use common::{at, Fixture};
use rapport_core::clock::FixedClock;
use rapport_core::people::DateInput;
use rapport_core::storage::{DateLeadDays, Settings};
use rapport_core::vocab::DateKind;
use rapport_core::Diary;

fn date(kind: DateKind, month: u32, day: u32, year: Option<i32>) -> DateInput {
    DateInput { kind, label: String::new(), month, day, year }
}

fn said(f: &mut Fixture) -> Vec<(String, String)> {
    f.diary.claim_due_reminders().unwrap().into_iter().map(|r| (r.summary, r.body)).collect()
}

#[test]
fn a_birthday_is_reminded_of_three_days_before_once_even_after_reopening() {
    // Tuesday 1 December 2026, before the 09:00 digest.
    let mut f = Fixture::at(at(2026, 12, 1, 8, 0), chrono_tz::UTC);
    let ana = f.person("Ana López");
    f.diary.add_date(ana, &date(DateKind::Birthday, 12, 4, Some(1985))).unwrap();
    assert_eq!(said(&mut f), [], "not before the digest time");
    assert_eq!(f.diary.next_reminder_at().unwrap(), Some(at(2026, 12, 1, 9, 0)));

    f.set_now(at(2026, 12, 1, 9, 0), chrono_tz::UTC);
    let reminders = f.diary.claim_due_reminders().unwrap();
    assert_eq!(reminders.len(), 1);
    assert_eq!(reminders[0].summary, "Ana López's birthday is on Friday, 4 December");
    assert_eq!(reminders[0].body, "Turns 41 · say happy birthday");
    assert_eq!(reminders[0].person_id, Some(ana));
    assert_eq!(said(&mut f), [], "said once");

    // The app restarts, and the days go by up to the day itself.
    let clock = FixedClock { now: at(2026, 12, 1, 9, 5), tz: chrono_tz::UTC };
    f.diary = Diary::open_with_clock(f.path(), Arc::new(clock)).unwrap();
    assert_eq!(said(&mut f), [], "not again after reopening");
    for d in 2..=4 {
        f.set_now(at(2026, 12, d, 10, 0), chrono_tz::UTC);
        assert_eq!(said(&mut f), [], "not again on the {d}th");
    }
    // Next year's is another occurrence.
    f.set_now(at(2027, 12, 1, 9, 30), chrono_tz::UTC);
    assert_eq!(said(&mut f), [("Ana López's birthday is on Saturday, 4 December".into(), "Turns 42 · say happy birthday".into())]);
}

#[test]
fn each_kind_has_its_lead_time_and_a_missed_one_comes_once_late() {
    let mut f = Fixture::at(at(2026, 6, 1, 12, 0), chrono_tz::UTC);
    let bo = f.person("Bo Larsen");
    f.diary.add_date(bo, &date(DateKind::MetOn, 6, 2, Some(2021))).unwrap();
    f.diary.add_date(bo, &date(DateKind::WorkAnniversary, 6, 2, None)).unwrap();
    assert_eq!(said(&mut f), [("Bo Larsen's work anniversary is tomorrow, Tuesday 2 June".into(), "Work anniversary".into())]);
    f.set_now(at(2026, 6, 2, 12, 0), chrono_tz::UTC);
    assert_eq!(said(&mut f), [("The day you met Bo Larsen is today".into(), "5 years".into())], "on the day: lead 0");

    // The app was not running for the birthday's three days ahead: one reminder, on the day.
    let cy = f.person("Cy Ode");
    f.diary.add_date(cy, &date(DateKind::Birthday, 6, 2, None)).unwrap();
    assert_eq!(said(&mut f), [("Cy Ode's birthday is today".into(), "Say happy birthday".into())]);
    assert_eq!(said(&mut f), []);
}

#[test]
fn lead_times_are_settings_with_limits() {
    let mut f = Fixture::at(at(2026, 6, 1, 12, 0), chrono_tz::UTC);
    assert_eq!(f.diary.settings().unwrap().date_lead_days, DateLeadDays { birthday: 3, work_anniversary: 1, met_on: 0, other: 1 });
    let ana = f.person("Ana López");
    f.diary.add_date(ana, &date(DateKind::Birthday, 6, 8, None)).unwrap();
    assert_eq!(said(&mut f), []);
    let err = f
        .diary
        .update_settings(Settings { date_lead_days: DateLeadDays { birthday: 61, ..DateLeadDays::default() }, ..Settings::default() })
        .unwrap_err();
    assert_eq!(err.field(), Some("date_lead_days"));
    assert_eq!(err.to_string(), "Remind of a date 0 to 60 days before it.");
    f.diary
        .update_settings(Settings { date_lead_days: DateLeadDays { birthday: 7, ..DateLeadDays::default() }, ..Settings::default() })
        .unwrap();
    let reopened = Diary::open(f.path()).unwrap();
    assert_eq!(reopened.settings().unwrap().date_lead_days.birthday, 7);
    assert_eq!(said(&mut f), [("Ana López's birthday is on Monday, 8 June".into(), "Say happy birthday".into())]);
}

#[test]
fn the_day_of_a_reminder_is_the_diarys_local_day() {
    // 20:30 UTC on 3 December: 09:30 on the 4th in Auckland, 12:30 on the 3rd in Los Angeles.
    let now = at(2026, 12, 3, 20, 30);
    let mut f = Fixture::at(now, chrono_tz::America::Los_Angeles);
    let ana = f.person("Ana López");
    f.diary.add_date(ana, &date(DateKind::MetOn, 12, 4, None)).unwrap();
    assert_eq!(said(&mut f), [], "tomorrow in Los Angeles, and met-on days come on the day");
    f.set_now(now, chrono_tz::Pacific::Auckland);
    assert_eq!(said(&mut f), [("The day you met Ana López is today".into(), "Met on".into())]);
    // Back in Los Angeles on the 4th, the same occurrence is not said again.
    f.set_now(at(2026, 12, 4, 20, 0), chrono_tz::America::Los_Angeles);
    assert_eq!(said(&mut f), []);
}

#[test]
fn quiet_hours_hold_date_reminders_back() {
    let mut f = Fixture::at(at(2026, 6, 2, 12, 0), chrono_tz::UTC);
    let quiet = rapport_core::storage::QuietHours {
        start: chrono::NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
        end: chrono::NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
    };
    f.diary.update_settings(Settings { quiet_hours: Some(quiet), ..Settings::default() }).unwrap();
    let ana = f.person("Ana López");
    f.diary.add_date(ana, &date(DateKind::Birthday, 6, 2, None)).unwrap();
    assert_eq!(said(&mut f), []);
    assert_eq!(f.diary.next_reminder_at().unwrap(), Some(at(2026, 6, 2, 13, 0)));
    f.set_now(at(2026, 6, 2, 13, 0), chrono_tz::UTC);
    assert_eq!(said(&mut f).len(), 1);
}
