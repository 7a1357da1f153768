//! "Say happy birthday": offered within the birthday's lead time, gone once a personal
//! touch is logged in that window, dismissed for one year's birthday only.

mod common;

use common::{at, Fixture};
use rapport_core::people::DateInput;
use rapport_core::storage::Settings;
use rapport_core::vocab::{Channel, DateKind, Direction, NudgeKind, Rung};

fn birthdays(f: &Fixture) -> Vec<(String, String)> {
    f.diary
        .nudges()
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NudgeKind::SayHappyBirthday)
        .map(|n| (format!("{} {}", n.title, n.display_name), n.detail))
        .collect()
}

fn with_birthday(now: chrono::DateTime<chrono::Utc>) -> (Fixture, i64) {
    let mut f = Fixture::at(now, chrono_tz::UTC);
    let ana = f.person("Ana López");
    f.diary.add_date(ana, &DateInput { kind: DateKind::Birthday, label: String::new(), month: 12, day: 4, year: Some(1985) }).unwrap();
    (f, ana)
}

#[test]
fn offered_from_the_lead_time_to_the_day_and_not_after() {
    let (mut f, _) = with_birthday(at(2026, 11, 30, 12, 0));
    assert_eq!(birthdays(&f), [], "four days ahead, the lead time is three");
    f.set_now(at(2026, 12, 1, 12, 0), chrono_tz::UTC);
    assert_eq!(birthdays(&f), [("Say happy birthday Ana López".into(), "Birthday on Friday, 4 December · turns 41".into())]);
    f.set_now(at(2026, 12, 4, 12, 0), chrono_tz::UTC);
    assert_eq!(birthdays(&f), [("Say happy birthday Ana López".into(), "Birthday today · turns 41".into())]);
    assert_eq!(f.diary.today().unwrap().nudges[0].kind, NudgeKind::SayHappyBirthday, "first on Today");
    f.set_now(at(2026, 12, 5, 12, 0), chrono_tz::UTC);
    assert_eq!(birthdays(&f), []);
}

#[test]
fn a_personal_touch_in_the_window_says_it_and_moves_the_ladder() {
    let (mut f, ana) = with_birthday(at(2026, 12, 3, 12, 0));
    // A message before the window does not count as the birthday wish.
    f.touch(ana, Channel::DirectMessage, at(2026, 11, 30, 23, 0), |_| {});
    let before = f.diary.person(ana).unwrap().rung;
    assert_eq!(birthdays(&f).len(), 1);
    // A broadcast is not a wish either.
    f.touch(ana, Channel::PublicPost, at(2026, 12, 2, 9, 0), |t| t.personal = false);
    assert_eq!(birthdays(&f).len(), 1);
    f.touch(ana, Channel::DirectMessage, at(2026, 12, 3, 9, 0), |_| {});
    assert_eq!(birthdays(&f), [], "the wish was written");
    // The wish counts like any personal message: two of them now ask for a call, and a
    // reply to it makes them conversing.
    f.diary.update_settings(Settings { phone_nudge_touches: 2, ..Settings::default() }).unwrap();
    let phone: Vec<_> = f.diary.nudges().unwrap().into_iter().filter(|n| n.kind == NudgeKind::PickUpThePhone).map(|n| n.detail).collect();
    assert_eq!(phone.len(), 1);
    assert!(phone[0].starts_with("2 messages"), "{phone:?}");
    f.touch(ana, Channel::DirectMessage, at(2026, 12, 3, 10, 0), |t| t.direction = Direction::In);
    let after = f.diary.person(ana).unwrap().rung;
    assert_eq!((before, after), (Rung::Noticed, Rung::Conversing));
}

#[test]
fn a_dismissal_lasts_for_this_years_birthday_only() {
    let (mut f, ana) = with_birthday(at(2026, 12, 2, 12, 0));
    f.diary.dismiss_nudge(ana, NudgeKind::SayHappyBirthday).unwrap();
    assert_eq!(birthdays(&f), []);
    f.set_now(at(2026, 12, 4, 12, 0), chrono_tz::UTC);
    assert_eq!(birthdays(&f), [], "still this year's");
    f.set_now(at(2027, 12, 3, 12, 0), chrono_tz::UTC);
    assert_eq!(birthdays(&f).len(), 1, "next year's is another");
    let made = f.diary.follow_up_from_nudge(ana, NudgeKind::SayHappyBirthday).unwrap();
    assert_eq!(made.title, "Write to Ana López");
    assert_eq!(birthdays(&f), []);
}

#[test]
fn on_the_persons_page_too() {
    let (f, ana) = with_birthday(at(2026, 12, 4, 12, 0));
    let kinds: Vec<_> = f.diary.person_page(ana).unwrap().nudges.into_iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [NudgeKind::SayHappyBirthday]);
}
