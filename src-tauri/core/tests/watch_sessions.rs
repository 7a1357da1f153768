//! Watched time into sessions: joining, the idle cut, lock and suspend, the 30 s minimum,
//! no minute counted twice with the timer, a kill mid-session, capture off and paused.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{at, now, Fixture};
use rapport_core::storage::Settings;
use rapport_core::time::watch::{CaptureChoice, Sample, WatchUpdate};
use rapport_core::time::SessionInput;
use rapport_core::vocab::{Channel, HandlePlatform};
use rapport_core::Diary;

fn t(seconds: i64) -> DateTime<Utc> {
    now() + Duration::seconds(seconds)
}

fn on(seconds: i64, platform: Option<&str>) -> Sample {
    Sample { at: t(seconds), platform: platform.map(str::to_owned), idle_since: None, locked: false, suspended: false }
}

/// A diary with capture turned on.
fn watching() -> Fixture {
    let mut f = Fixture::new();
    f.diary.set_capture(CaptureChoice::On).unwrap();
    f
}

/// Samples every `step` seconds from `from` to `to` (both included).
fn feed(diary: &mut Diary, from: i64, to: i64, step: i64, platform: Option<&str>) -> Vec<WatchUpdate> {
    (from..=to).step_by(step as usize).map(|s| diary.watch_sample(&on(s, platform)).unwrap()).collect()
}

/// Watched sessions as (platform, start, end) in seconds from now(), oldest first.
fn watched(diary: &Diary) -> Vec<(String, i64, i64)> {
    let mut rows: Vec<_> = diary
        .sessions(t(-86_400), t(86_400))
        .unwrap()
        .into_iter()
        .filter(|s| s.source == "watched")
        .map(|s| (s.platform, (s.started_at - now()).num_seconds(), (s.ended_at.unwrap() - now()).num_seconds()))
        .collect();
    rows.reverse();
    rows
}

#[test]
fn a_gap_under_two_minutes_on_the_same_platform_joins_one_session_and_a_longer_one_splits() {
    let mut f = watching();
    feed(&mut f.diary, 0, 60, 10, Some("linkedin"));
    feed(&mut f.diary, 70, 150, 10, None);
    feed(&mut f.diary, 160, 240, 10, Some("linkedin"));
    f.diary.watch_flush(t(240)).unwrap();
    assert_eq!(watched(&f.diary), [("linkedin".to_string(), 0, 240)], "one session across the 100 s on another window");

    let mut f = watching();
    feed(&mut f.diary, 0, 60, 10, Some("linkedin"));
    // Left at 70 s (the switch is noticed as it happens); two minutes later it has ended.
    let ended = feed(&mut f.diary, 70, 190, 10, None);
    assert_eq!(ended.iter().map(|u| u.ended.is_some()).collect::<Vec<_>>(), [[false; 12].as_slice(), &[true]].concat());
    feed(&mut f.diary, 200, 260, 10, Some("linkedin"));
    f.diary.watch_flush(t(260)).unwrap();
    assert_eq!(watched(&f.diary), [("linkedin".to_string(), 0, 70), ("linkedin".to_string(), 200, 260)]);
}

#[test]
fn idle_ends_the_session_at_the_last_input_not_when_it_was_noticed() {
    let mut f = watching();
    feed(&mut f.diary, 0, 300, 10, Some("linkedin"));
    for s in (310..=480).step_by(10) {
        let sample = Sample { idle_since: Some(t(300)), ..on(s, Some("linkedin")) };
        let update = f.diary.watch_sample(&sample).unwrap();
        // Crash-safe and honest: while idle the stored end stays at the last input.
        assert_eq!(watched(&f.diary), [("linkedin".to_string(), 0, 300)], "at {s}");
        assert_eq!(update.ended.is_some(), s == 480, "idle after 3 minutes without input, at {s}");
    }
    // Input again on the same window: a new session, the idle minutes not counted.
    feed(&mut f.diary, 490, 560, 10, Some("linkedin"));
    assert_eq!(watched(&f.diary), [("linkedin".to_string(), 0, 300), ("linkedin".to_string(), 490, 560)]);

    // The idle time is a setting.
    let mut f = watching();
    f.diary.update_settings(Settings { idle_minutes: 1, ..Settings::default() }).unwrap();
    feed(&mut f.diary, 0, 100, 10, Some("x"));
    let update = f.diary.watch_sample(&Sample { idle_since: Some(t(100)), ..on(160, Some("x")) }).unwrap();
    assert_eq!(update.ended.and_then(|s| s.ended_at), Some(t(100)));
}

#[test]
fn a_lock_or_suspend_ends_the_session_at_the_last_activity_and_a_long_silence_too() {
    let mut f = watching();
    feed(&mut f.diary, 0, 120, 10, Some("linkedin"));
    let update = f.diary.watch_sample(&Sample { locked: true, ..on(127, Some("linkedin")) }).unwrap();
    assert_eq!(update.ended.and_then(|s| s.ended_at), Some(t(120)), "last seen before the lock, not when the lock was noticed");
    // Unlocked 30 s later on the same site: away ends a session for good, this is a new one.
    feed(&mut f.diary, 160, 220, 10, Some("linkedin"));
    let update = f.diary.watch_sample(&Sample { suspended: true, ..on(225, Some("linkedin")) }).unwrap();
    assert_eq!(update.ended.and_then(|s| s.ended_at), Some(t(220)));
    // A resume the watcher did not announce: eight hours without a sample.
    feed(&mut f.diary, 300, 360, 10, Some("linkedin"));
    feed(&mut f.diary, 360 + 8 * 3600, 360 + 8 * 3600 + 60, 10, Some("linkedin"));
    let rows = watched(&f.diary);
    assert_eq!(rows[..3], [("linkedin".to_string(), 0, 120), ("linkedin".to_string(), 160, 220), ("linkedin".to_string(), 300, 360)]);
    assert_eq!(rows[3].1, 360 + 8 * 3600, "the night is not counted");
}

#[test]
fn a_session_under_30_seconds_is_not_kept() {
    let mut f = watching();
    feed(&mut f.diary, 0, 25, 5, Some("linkedin"));
    assert!(watched(&f.diary).is_empty(), "not written before it lasts 30 s");
    let update = f.diary.watch_sample(&on(29, Some("x"))).unwrap();
    assert_eq!((update.ended, update.changed), (None, false), "29 s of LinkedIn left no trace");
    feed(&mut f.diary, 30, 60, 5, Some("x"));
    let update = f.diary.watch_flush(t(60)).unwrap();
    assert_eq!(update.ended.map(|s| s.platform), Some("x".into()));
    assert_eq!(watched(&f.diary), [("x".to_string(), 29, 60)]);
}

#[test]
fn a_running_timer_and_watched_time_never_count_the_same_minute_twice() {
    // The timer runs first: watching records nothing until it stops, then starts after it.
    let mut f = watching();
    f.diary.start_timer("linkedin").unwrap();
    let updates = feed(&mut f.diary, 10, 300, 10, Some("linkedin"));
    assert!(updates.iter().all(|u| u.open.is_none() && !u.changed));
    f.set_now(t(300), chrono_tz::UTC);
    f.diary.stop_timer().unwrap();
    feed(&mut f.diary, 300, 400, 10, Some("linkedin"));
    f.diary.watch_flush(t(400)).unwrap();
    assert_eq!(watched(&f.diary), [("linkedin".to_string(), 300, 400)]);
    f.set_now(t(400), chrono_tz::UTC);
    assert_eq!(f.diary.budget_status().unwrap().uses[0].used_seconds, 400, "300 s timed and 100 s watched, none twice");

    // Watching first: starting the timer ends the watched session where it was.
    let mut f = watching();
    feed(&mut f.diary, 0, 300, 10, Some("linkedin"));
    f.set_now(t(305), chrono_tz::UTC);
    f.diary.start_timer("x").unwrap();
    let update = f.diary.watch_sample(&on(310, Some("linkedin"))).unwrap();
    assert_eq!(update.ended.and_then(|s| s.ended_at), Some(t(300)));
    f.set_now(t(600), chrono_tz::UTC);
    assert_eq!(f.diary.budget_status().unwrap().uses[0].used_seconds, 300 + 295);

    // A session entered by hand over watched time is refused by the one no-overlap rule.
    f.set_now(t(600), chrono_tz::UTC);
    f.diary.stop_timer().unwrap();
    let input = SessionInput { platform: "facebook".into(), started_at: t(100), ended_at: t(200), note: String::new() };
    let err = f.diary.add_session(&input).unwrap_err();
    assert!(err.to_string().contains("overlaps the LinkedIn session"), "{err}");
}

#[test]
fn watched_time_steps_around_a_session_entered_by_hand() {
    let mut f = watching();
    f.set_now(t(1000), chrono_tz::UTC);
    let input = SessionInput { platform: "x".into(), started_at: t(100), ended_at: t(200), note: String::new() };
    f.diary.add_session(&input).unwrap();
    feed(&mut f.diary, 150, 400, 10, Some("linkedin"));
    f.diary.watch_flush(t(400)).unwrap();
    assert_eq!(watched(&f.diary), [("linkedin".to_string(), 200, 400)], "starts where the hand-entered one ends");
}

#[test]
fn a_kill_mid_session_leaves_it_closed_at_its_last_seen_instant() {
    let mut f = watching();
    feed(&mut f.diary, 0, 600, 5, Some("linkedin"));
    let path = f.path();
    let Fixture { dir, diary } = f;
    drop(diary); // no flush: the app was killed

    let mut diary = Diary::open_with_clock(&path, std::sync::Arc::new(rapport_core::clock::FixedClock::utc(t(900)))).unwrap();
    assert!(diary.running_timer().unwrap().is_none(), "nothing left running");
    let last = diary.last_watched_session().unwrap().unwrap();
    assert_eq!((last.started_at, last.ended_at, last.source.as_str()), (t(0), Some(t(600)), "watched"));
    // The next start begins a new session rather than stretching the old one over the gap.
    for s in (900..=960).step_by(10) {
        diary.watch_sample(&on(s, Some("linkedin"))).unwrap();
    }
    assert_eq!(diary.session(last.id).unwrap().ended_at, Some(t(600)));
    assert_eq!(diary.last_watched_session().unwrap().unwrap().started_at, t(900));
    drop(dir);
}

#[test]
fn capture_is_off_until_turned_on_and_a_pause_records_nothing() {
    let mut f = Fixture::new();
    let status = f.diary.capture_status().unwrap();
    assert!(!status.recording);
    assert!(status.what_it_records.contains("nothing about any other window"));
    feed(&mut f.diary, 0, 120, 10, Some("linkedin"));
    assert!(watched(&f.diary).is_empty(), "off by default");

    f.diary.set_capture(CaptureChoice::On).unwrap();
    feed(&mut f.diary, 200, 300, 10, Some("linkedin"));
    f.set_now(t(300), chrono_tz::UTC);
    let paused = f.diary.set_capture(CaptureChoice::PauseForAnHour).unwrap();
    assert!(!paused.recording);
    let update = f.diary.watch_sample(&on(310, Some("linkedin"))).unwrap();
    assert_eq!(update.ended.and_then(|s| s.ended_at), Some(t(300)), "pausing ends the session where it was");
    feed(&mut f.diary, 320, 3890, 30, Some("linkedin"));
    assert_eq!(watched(&f.diary), [("linkedin".to_string(), 200, 300)], "nothing while paused");
    feed(&mut f.diary, 3900, 3960, 10, Some("linkedin"));
    assert_eq!(watched(&f.diary).len(), 2, "on again after the hour");

    let until = f.diary.set_capture(CaptureChoice::PauseUntilTomorrow).unwrap();
    assert_eq!(until.capture, rapport_core::time::watch::Capture::Paused { until: at(2026, 4, 1, 0, 0) });
    f.diary.set_capture(CaptureChoice::Off).unwrap();
    assert!(!f.diary.capture_status().unwrap().recording);
}

#[test]
fn an_unmatched_window_leaves_no_trace_in_the_diary_file() {
    let mut f = watching();
    let title = "Quarterly salary review — Mozilla Firefox";
    assert_eq!(f.diary.window_matches(title, "firefox").unwrap(), None);
    feed(&mut f.diary, 0, 120, 10, None);
    feed(&mut f.diary, 130, 200, 10, Some("linkedin"));
    f.diary.watch_flush(t(200)).unwrap();
    drop(f.diary.integrity_check());
    for entry in std::fs::read_dir(f.dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(9).any(|w| w == b"Quarterly"), "the title was written somewhere");
    }
    assert_eq!(watched(&f.diary), [("linkedin".to_string(), 130, 200)]);
}

#[test]
fn a_session_across_the_autumn_clock_change_counts_real_minutes() {
    // London, 25 Oct 2026: 02:00 BST becomes 01:00 GMT at 01:00 UTC; the wall clock
    // reads 01:45 at the start and 01:15 at the end.
    let start = at(2026, 10, 25, 0, 45);
    let mut f = Fixture::at(start, chrono_tz::Europe::London);
    f.diary.set_capture(CaptureChoice::On).unwrap();
    for s in (0..=1800).step_by(15) {
        let sample = Sample { at: start + Duration::seconds(s), ..on(0, Some("linkedin")) };
        f.diary.watch_sample(&sample).unwrap();
    }
    let end = start + Duration::seconds(1800);
    let update = f.diary.watch_flush(end).unwrap();
    assert_eq!(update.prompt.map(|p| p.summary), Some("30 min on LinkedIn: who did you talk to?".into()));
    f.set_now(end, chrono_tz::Europe::London);
    let linkedin = f.diary.budget_status().unwrap().uses.into_iter().find(|u| u.scope == "linkedin").unwrap();
    assert_eq!(linkedin.used_seconds, 1800);
}

#[test]
fn watched_minutes_that_led_to_a_touch_within_the_hour_are_counted_apart() {
    let mut f = watching();
    // LinkedIn 0–600 s, followed 50 min later by a message there: 10 minutes that led somewhere.
    feed(&mut f.diary, 0, 600, 10, Some("linkedin"));
    f.diary.watch_flush(t(600)).unwrap();
    // LinkedIn again 7,200–7,500 s, and nothing after it: 5 watched minutes that led nowhere.
    feed(&mut f.diary, 7_200, 7_500, 10, Some("linkedin"));
    f.diary.watch_flush(t(7_500)).unwrap();
    // X 10,000–10,300 s; the touch on X comes 61 minutes after: too late to count.
    feed(&mut f.diary, 10_000, 10_300, 10, Some("x"));
    f.diary.watch_flush(t(10_300)).unwrap();
    // Timed by hand: time, but not watched time.
    let by_hand = SessionInput { platform: "linkedin".into(), started_at: t(-7_200), ended_at: t(-3_600), note: String::new() };
    f.diary.add_session(&by_hand).unwrap();
    f.set_now(t(86_400), chrono_tz::UTC);
    let ana = f.person("Ana");
    f.touch(ana, Channel::DirectMessage, t(600 + 50 * 60), |i| i.platform = Some(HandlePlatform::Linkedin));
    f.touch(ana, Channel::DirectMessage, t(10_300 + 61 * 60), |i| i.platform = Some(HandlePlatform::X));

    let yields = f.diary.time_yield(t(-86_400), t(86_400)).unwrap();
    let of = |p: &str| yields.iter().find(|y| y.platform == p).map(|y| (y.minutes, y.watched_minutes, y.watched_minutes_with_touch));
    assert_eq!(of("linkedin"), Some((75.0, 15.0, 10.0)));
    assert_eq!(of("x"), Some((5.0, 5.0, 0.0)));
}
