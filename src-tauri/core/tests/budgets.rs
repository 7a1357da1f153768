//! Sessions, the timer, weekly budgets across week boundaries and daylight saving, the
//! warnings, and what the time bought.

mod common;

use std::sync::Arc;

use chrono::{Duration, NaiveDate, Weekday};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::clock::FixedClock;
use rapport_core::storage::Settings;
use rapport_core::time::{LongTimer, SessionInput};
use rapport_core::vocab::{Channel, Direction, HandlePlatform, Outcome};
use rapport_core::Diary;

fn session(platform: &str, from: chrono::DateTime<chrono::Utc>, minutes: i64) -> SessionInput {
    SessionInput { platform: platform.into(), started_at: from, ended_at: from + Duration::minutes(minutes), note: String::new() }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn used_minutes(diary: &Diary, on: NaiveDate, scope: &str) -> i64 {
    diary.budget_status_on(on).unwrap().uses.iter().find(|u| u.scope == scope).map_or(0, |u| u.used_seconds / 60)
}

#[test]
fn a_week_counts_each_session_by_its_share_across_midnight_the_week_boundary_and_dst() {
    let mut f = Fixture::at(at(2026, 4, 2, 12, 0), Berlin);
    // Sunday 29 March 2026: 01:30 CET to 03:30 CEST is one real hour (the clocks skip 02:00–03:00).
    f.diary.add_session(&session("linkedin", at(2026, 3, 29, 0, 30), 60)).unwrap();
    // Sunday 23:30 CEST to Monday 00:45 CEST: 30 minutes in one week, 45 in the next.
    f.diary.add_session(&session("x", at(2026, 3, 29, 21, 30), 75)).unwrap();
    let (start, from, until) = f.diary.week_bounds(day(2026, 3, 25)).unwrap();
    assert_eq!(start, day(2026, 3, 23));
    assert_eq!((from, until), (at(2026, 3, 22, 23, 0), at(2026, 3, 29, 22, 0)), "a week of 167 hours");
    assert_eq!(used_minutes(&f.diary, day(2026, 3, 25), "all"), 90);
    assert_eq!(used_minutes(&f.diary, day(2026, 3, 25), "x"), 30);
    assert_eq!(used_minutes(&f.diary, day(2026, 3, 30), "x"), 45);
    assert_eq!(used_minutes(&f.diary, day(2026, 3, 30), "all"), 45);

    // Weeks starting on Sunday put the whole of Sunday in the second week.
    f.diary.update_settings(Settings { week_starts_on: Weekday::Sun, ..Settings::default() }).unwrap();
    assert_eq!(f.diary.week_bounds(day(2026, 3, 29)).unwrap().0, day(2026, 3, 29));
    assert_eq!(used_minutes(&f.diary, day(2026, 3, 30), "all"), 135);
}

#[test]
fn overlapping_sessions_are_refused_with_a_clear_message() {
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), chrono_tz::UTC);
    f.diary.add_session(&session("linkedin", at(2026, 3, 31, 9, 0), 30)).unwrap();
    let err = f.diary.add_session(&session("x", at(2026, 3, 31, 9, 20), 30)).unwrap_err();
    assert_eq!(err.to_string(), "This overlaps the LinkedIn session from Tue 31 Mar 09:00 to 09:30.");
    f.diary.add_session(&session("x", at(2026, 3, 31, 9, 30), 30)).unwrap(); // back to back is fine
    f.diary.start_timer("facebook").unwrap();
    let err = f.diary.add_session(&session("x", at(2026, 3, 31, 11, 50), 15)).unwrap_err();
    assert_eq!(err.to_string(), "A session entered by hand cannot end in the future.");
    f.set_now(at(2026, 3, 31, 12, 30), chrono_tz::UTC);
    let err = f.diary.add_session(&session("x", at(2026, 3, 31, 12, 10), 10)).unwrap_err();
    assert_eq!(err.to_string(), "This overlaps the Facebook session from Tue 31 Mar 12:00 to now (the timer is running).");
    for (input, message) in [
        (session("myspace", at(2026, 3, 30, 9, 0), 5), "\"myspace\" is not a platform in the list."),
        (session("x", at(2026, 3, 30, 9, 0), 0), "A session must end after it starts."),
        (session("x", at(2026, 3, 29, 9, 0), 25 * 60), "A session can last at most 24 hours."),
    ] {
        assert_eq!(f.diary.add_session(&input).unwrap_err().to_string(), message);
    }
    assert_eq!(f.diary.sessions(at(2026, 3, 1, 0, 0), at(2026, 4, 1, 0, 0)).unwrap().len(), 3, "two by hand, one running");
}

#[test]
fn the_running_timer_survives_reopening_with_its_true_start() {
    let mut f = Fixture::at(at(2026, 3, 31, 9, 0), chrono_tz::UTC);
    f.diary.start_timer("linkedin").unwrap();
    let path = f.path();
    let Fixture { dir: _dir, diary } = f;
    drop(diary);
    let reopened = Diary::open_with_clock(&path, Arc::new(FixedClock::utc(at(2026, 3, 31, 9, 10)))).unwrap();
    let running = reopened.running_timer().unwrap().unwrap();
    assert_eq!((running.session.platform.as_str(), running.session.started_at), ("linkedin", at(2026, 3, 31, 9, 0)));
    assert_eq!((running.elapsed_seconds, running.long), (600, false));
}

#[test]
fn one_timer_at_a_time_and_a_long_one_asks() {
    let mut f = Fixture::at(at(2026, 3, 31, 9, 0), chrono_tz::UTC);
    f.diary.start_timer("linkedin").unwrap();
    f.set_now(at(2026, 3, 31, 9, 20), chrono_tz::UTC);
    f.diary.start_timer("x").unwrap();
    let sessions = f.diary.sessions(at(2026, 3, 31, 0, 0), at(2026, 4, 1, 0, 0)).unwrap();
    assert_eq!(sessions[1].ended_at, Some(at(2026, 3, 31, 9, 20)), "starting X stopped LinkedIn");
    f.set_now(at(2026, 3, 31, 14, 0), chrono_tz::UTC);
    let running = f.diary.running_timer().unwrap().unwrap();
    assert!(running.long, "over four hours");
    assert_eq!(running.trim_until, at(2026, 3, 31, 10, 20), "trimming keeps its first hour");
    let err = f.diary.settle_long_timer(LongTimer::Trim(at(2026, 3, 31, 9, 0))).unwrap_err();
    assert_eq!(err.kind(), "invalid");
    let trimmed = f.diary.settle_long_timer(LongTimer::Trim(at(2026, 3, 31, 10, 0))).unwrap().unwrap();
    assert_eq!(trimmed.ended_at, Some(at(2026, 3, 31, 10, 0)));
    assert!(f.diary.running_timer().unwrap().is_none());
    f.diary.start_timer("x").unwrap();
    assert_eq!(f.diary.settle_long_timer(LongTimer::Discard).unwrap(), None);
    assert_eq!(f.diary.sessions(at(2026, 3, 31, 0, 0), at(2026, 4, 1, 0, 0)).unwrap().len(), 2);
    assert_eq!(f.diary.stop_timer().unwrap(), None, "nothing running");
}

#[test]
fn warnings_at_80_and_100_percent_come_once_a_week() {
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), chrono_tz::UTC);
    f.diary.set_budget("all", Some(60)).unwrap();
    f.diary.add_session(&session("linkedin", at(2026, 3, 31, 9, 0), 50)).unwrap();
    let warned = f.diary.claim_budget_warnings().unwrap();
    assert_eq!(warned.len(), 1);
    assert_eq!(
        (warned[0].summary.as_str(), warned[0].body.as_str()),
        ("Social media budget 80 % used", "50 min of 1 h this week. Measure what it brings you.")
    );
    assert!(f.diary.claim_budget_warnings().unwrap().is_empty(), "once");
    f.diary.add_session(&session("x", at(2026, 3, 31, 10, 0), 15)).unwrap();
    assert_eq!(f.diary.claim_budget_warnings().unwrap()[0].summary, "Social media budget used up");
    assert!(f.diary.claim_budget_warnings().unwrap().is_empty());

    // Next week, straight past both: the 100 % warning alone.
    f.set_now(at(2026, 4, 7, 12, 0), chrono_tz::UTC);
    f.diary.add_session(&session("linkedin", at(2026, 4, 7, 9, 0), 70)).unwrap();
    let warned = f.diary.claim_budget_warnings().unwrap();
    assert_eq!(warned.len(), 1);
    assert_eq!(warned[0].body, "1 h 10 min of 1 h this week. Measure what it brings you.");
}

#[test]
fn the_scheduler_wakes_when_the_running_timer_crosses_a_budget() {
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), chrono_tz::UTC);
    f.diary.set_budget("linkedin", Some(10)).unwrap();
    f.diary.start_timer("linkedin").unwrap();
    assert_eq!(f.diary.next_budget_warning_at().unwrap(), Some(at(2026, 3, 31, 12, 8)), "80 % of 10 minutes");
    assert_eq!(f.diary.next_reminder_at().unwrap(), Some(at(2026, 3, 31, 12, 8)));
    f.set_now(at(2026, 3, 31, 12, 8), chrono_tz::UTC);
    assert_eq!(f.diary.claim_budget_warnings().unwrap()[0].summary, "LinkedIn budget 80 % used");
    assert_eq!(f.diary.next_budget_warning_at().unwrap(), Some(at(2026, 3, 31, 12, 10)));
}

#[test]
fn what_a_week_of_linkedin_bought() {
    let mut f = Fixture::at(at(2026, 4, 6, 12, 0), chrono_tz::UTC);
    f.diary.add_session(&session("linkedin", at(2026, 3, 30, 9, 0), 90)).unwrap();
    f.diary.add_session(&session("linkedin", at(2026, 4, 1, 9, 0), 30)).unwrap();
    f.diary.add_session(&session("x", at(2026, 4, 2, 9, 0), 30)).unwrap();
    let ana = f.person("Ana");
    let li = |t: &mut rapport_core::touches::TouchInput| t.platform = Some(HandlePlatform::Linkedin);
    f.touch(ana, Channel::DirectMessage, at(2026, 3, 30, 10, 0), li);
    f.touch(ana, Channel::DirectMessage, at(2026, 3, 31, 10, 0), |t| {
        li(t);
        t.outcome = Outcome::Replied;
    });
    f.touch(ana, Channel::DirectMessage, at(2026, 4, 1, 10, 0), |t| {
        li(t);
        t.outcome = Outcome::Replied;
    });
    f.touch(ana, Channel::DirectMessage, at(2026, 4, 2, 10, 0), |t| {
        li(t);
        t.outcome = Outcome::CallBooked;
    });
    f.touch(ana, Channel::PublicPost, at(2026, 4, 3, 10, 0), |t| {
        li(t);
        t.personal = false;
    });
    f.touch(ana, Channel::Email, at(2026, 4, 4, 10, 0), |t| {
        li(t);
        t.outcome = Outcome::BusinessWon;
        t.outcome_value_cents = Some(500_000);
    });
    f.touch(ana, Channel::DirectMessage, at(2026, 4, 6, 10, 0), li); // next week: not counted
    let (_, from, until) = f.diary.week_bounds(day(2026, 4, 1)).unwrap();
    let yields = f.diary.time_yield(from, until).unwrap();
    let linkedin = yields.iter().find(|y| y.platform == "linkedin").unwrap();
    assert_eq!(linkedin.minutes, 120.0);
    assert_eq!((linkedin.personal_touches, linkedin.replies, linkedin.calls_booked, linkedin.business_won), (5, 2, 1, 1));
    assert_eq!(linkedin.business_won_cents, 500_000);
    assert_eq!(linkedin.minutes_per_conversation, Some(60.0));
    assert_eq!(linkedin.minutes_per_call_booked, Some(120.0));
    let x = yields.iter().find(|y| y.platform == "x").unwrap();
    assert_eq!((x.minutes, x.personal_touches, x.minutes_per_conversation), (30.0, 0, None));
    assert!(linkedin.time_measured && x.time_measured);

    // The trend: this week (6 April on) against the one before, oldest first.
    let trend = f.diary.weekly_minutes(2).unwrap();
    let rows: Vec<_> =
        trend.iter().map(|w| (w.week_start, w.minutes, w.personal_touches, w.replies, w.calls_booked, w.business_won)).collect();
    assert_eq!(rows, [(day(2026, 3, 30), 150, 5, 2, 1, 1), (day(2026, 4, 6), 0, 1, 0, 0, 0)]);

    // A reply on a platform with no time measured is not a conversation for free.
    f.touch(ana, Channel::DirectMessage, at(2026, 4, 1, 11, 0), |t| {
        t.platform = Some(HandlePlatform::Facebook);
        t.direction = Direction::In;
        t.outcome = Outcome::Replied;
    });
    let yields = f.diary.time_yield(from, until).unwrap();
    let facebook = yields.iter().find(|y| y.platform == "facebook").unwrap();
    assert_eq!((facebook.replies, facebook.minutes, facebook.minutes_per_conversation, facebook.time_measured), (1, 0.0, None, false));
}

#[test]
fn the_timer_key_stops_or_starts_where_you_left_off() {
    let mut f = Fixture::at(at(2026, 3, 31, 9, 0), chrono_tz::UTC);
    assert_eq!(f.diary.toggle_timer().unwrap().unwrap().session.platform, "x", "the first platform");
    f.set_now(at(2026, 3, 31, 9, 5), chrono_tz::UTC);
    assert_eq!(f.diary.toggle_timer().unwrap(), None, "stopped");
    f.set_now(at(2026, 3, 31, 9, 10), chrono_tz::UTC);
    f.diary.add_session(&session("facebook", at(2026, 3, 31, 9, 6), 2)).unwrap();
    assert_eq!(f.diary.toggle_timer().unwrap().unwrap().session.platform, "facebook", "the latest one");
}

#[test]
fn the_platform_list_is_editable() {
    let mut f = Fixture::at(at(2026, 3, 31, 9, 0), chrono_tz::UTC);
    let mastodon = f.diary.add_platform(" Mastodon ").unwrap();
    assert_eq!((mastodon.key.as_str(), mastodon.label.as_str()), ("mastodon", "Mastodon"));
    assert_eq!(f.diary.add_platform("mastodon").unwrap_err().to_string(), "mastodon is already in the list.");
    assert_eq!(f.diary.add_platform("  ").unwrap_err().kind(), "invalid");
    f.diary.start_timer("mastodon").unwrap();
    assert_eq!(f.diary.archive_platform("mastodon").unwrap_err().to_string(), "Stop its timer first.");
    f.set_now(at(2026, 3, 31, 9, 30), chrono_tz::UTC);
    f.diary.stop_timer().unwrap();
    f.diary.rename_platform("mastodon", "Fediverse").unwrap();
    assert_eq!(f.diary.rename_platform("x", "LinkedIn").unwrap_err().kind(), "invalid", "names stay unique");
    f.diary.archive_platform("mastodon").unwrap();
    let keys: Vec<_> = f.diary.platforms().unwrap().into_iter().map(|p| p.key).collect();
    assert!(!keys.contains(&"mastodon".to_string()));
    assert_eq!(f.diary.sessions(at(2026, 3, 31, 0, 0), at(2026, 4, 1, 0, 0)).unwrap().len(), 1, "its session stays");
    assert_eq!(f.diary.add_platform("Mastodon").unwrap().key, "mastodon-2", "a new key beside the archived one");
}

#[test]
fn a_session_edited_by_hand_is_checked_like_a_new_one_but_not_against_itself() {
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), chrono_tz::UTC);
    let first = f.diary.add_session(&session("linkedin", at(2026, 3, 31, 9, 0), 30)).unwrap();
    f.diary.add_session(&session("x", at(2026, 3, 31, 10, 0), 30)).unwrap();
    let longer = f.diary.update_session(first.id, &session("linkedin", at(2026, 3, 31, 9, 0), 60)).unwrap();
    assert_eq!(longer.ended_at, Some(at(2026, 3, 31, 10, 0)), "growing into its own time is fine");
    let err = f.diary.update_session(first.id, &session("linkedin", at(2026, 3, 31, 9, 0), 75)).unwrap_err();
    assert_eq!(err.to_string(), "This overlaps the X session from Tue 31 Mar 10:00 to 10:30.");
    assert_eq!(f.diary.session(first.id).unwrap(), longer, "the refused edit changed nothing");
    assert_eq!(f.diary.update_session(99, &session("x", at(2026, 3, 30, 9, 0), 5)).unwrap_err().kind(), "not_found");
    f.diary.delete_session(first.id).unwrap();
    assert_eq!(f.diary.delete_session(first.id).unwrap_err().kind(), "not_found");
}

#[test]
fn the_time_view_and_each_budget_s_level_come_from_the_core() {
    use rapport_core::time::{BudgetLevel, TIME_TREND_WEEKS};
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), chrono_tz::UTC);
    f.diary.set_budget("all", Some(100)).unwrap();
    f.diary.set_budget("linkedin", Some(50)).unwrap();
    f.diary.set_budget("x", Some(60)).unwrap();
    f.diary.add_session(&session("linkedin", at(2026, 3, 30, 9, 0), 50)).unwrap();
    f.diary.add_session(&session("x", at(2026, 3, 30, 11, 0), 47)).unwrap();
    let view = f.diary.time_view().unwrap();
    let level = |scope: &str| view.budget.uses.iter().find(|u| u.scope == scope).map(|u| (u.percent, u.level)).unwrap();
    assert_eq!(level("all"), (Some(97), BudgetLevel::Near), "97 % is past the 80 % warning");
    assert_eq!(level("linkedin"), (Some(100), BudgetLevel::Over));
    assert_eq!(level("x"), (Some(78), BudgetLevel::Under));
    assert_eq!(level("facebook"), (None, BudgetLevel::Under), "no budget");
    assert_eq!(view.sessions.len(), 2);
    assert_eq!(view.trend.len(), TIME_TREND_WEEKS as usize);
    assert!(view.running.is_none());
    assert_eq!(view.yields.iter().map(|y| y.platform.as_str()).collect::<Vec<_>>().first(), Some(&"linkedin"));
}

#[test]
fn a_call_or_meeting_counts_toward_the_platform_the_relationship_came_through() {
    let mut f = Fixture::at(at(2026, 4, 3, 12, 0), chrono_tz::UTC);
    let on = |p: HandlePlatform| move |t: &mut rapport_core::touches::TouchInput| t.platform = Some(p);
    // Ana was first reached on LinkedIn (long ago), then on X; Bo never on a platform.
    let ana = f.person("Ana");
    f.touch(ana, Channel::DirectMessage, at(2025, 6, 1, 9, 0), on(HandlePlatform::Linkedin));
    f.touch(ana, Channel::DirectMessage, at(2026, 3, 1, 9, 0), on(HandlePlatform::X));
    let bo = f.person("Bo");
    // This week: a call with Ana that booked a meeting, a meeting that won business, and
    // a call with Bo.
    f.touch(ana, Channel::Phone, at(2026, 3, 31, 10, 0), |t| t.outcome = Outcome::MeetingBooked);
    f.touch(ana, Channel::InPerson, at(2026, 4, 2, 10, 0), |t| {
        t.outcome = Outcome::BusinessWon;
        t.outcome_value_cents = Some(120_000);
    });
    f.touch(bo, Channel::Phone, at(2026, 4, 1, 10, 0), |t| t.outcome = Outcome::CallBooked);
    let (_, from, until) = f.diary.week_bounds(day(2026, 4, 1)).unwrap();
    let yields = f.diary.time_yield(from, until).unwrap();
    let linkedin = yields.iter().find(|y| y.platform == "linkedin").expect("LinkedIn's yield");
    assert_eq!(
        (linkedin.personal_touches, linkedin.meetings_booked, linkedin.business_won, linkedin.business_won_cents),
        (2, 1, 1, 120_000),
        "Ana's call and meeting, through LinkedIn where she was first reached"
    );
    assert!(yields.iter().all(|y| y.calls_booked == 0), "Bo came through no platform: his call counts for none");
    assert!(yields.iter().find(|y| y.platform == "x").is_none_or(|x| x.meetings_booked == 0), "not X, where she was reached later");

    // Reached on a platform only after the call: the call came through none.
    f.touch(bo, Channel::DirectMessage, at(2026, 4, 2, 15, 0), on(HandlePlatform::Facebook));
    let yields = f.diary.time_yield(from, until).unwrap();
    assert!(yields.iter().all(|y| y.calls_booked == 0), "Bo's call came before Facebook");
}

#[test]
fn the_sidebar_s_timer_is_named_by_its_platform_and_absent_when_stopped() {
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), chrono_tz::UTC);
    assert_eq!(f.diary.timer_shown().unwrap(), None);
    f.diary.start_timer("linkedin").unwrap();
    let shown = f.diary.timer_shown().unwrap().expect("the timer runs");
    assert_eq!((shown.label.as_str(), shown.running.session.platform.as_str()), ("LinkedIn", "linkedin"));
    assert_eq!(Some(shown.running), f.diary.time_view().unwrap().running, "the same timer as the Time screen's");
    let json = serde_json::to_value(f.diary.timer_shown().unwrap()).unwrap();
    assert_eq!((json["label"].as_str(), json["session"]["platform"].as_str()), (Some("LinkedIn"), Some("linkedin")));
    f.diary.stop_timer().unwrap();
    assert_eq!(f.diary.timer_shown().unwrap(), None);
}
