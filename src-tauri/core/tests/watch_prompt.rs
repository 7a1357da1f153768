//! The prompt after a watched session: its words, the people offered first, at most one
//! per platform an hour, none in quiet hours or when turned off.

mod common;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use common::{now, Fixture};
use rapport_core::storage::{QuietHours, Settings};
use rapport_core::time::watch::{CaptureChoice, LogPrompt, Sample};
use rapport_core::vocab::{Channel, HandlePlatform};

fn t(seconds: i64) -> DateTime<Utc> {
    now() + Duration::seconds(seconds)
}

/// Watches `platform` from `from` for `seconds`, then switches away long enough to end it.
fn session(f: &mut Fixture, platform: &str, from: i64, seconds: i64) -> Option<LogPrompt> {
    let sample =
        |s: i64, p: Option<&str>| Sample { at: t(s), platform: p.map(str::to_owned), idle_since: None, locked: false, suspended: false };
    for s in (from..from + seconds).step_by(10) {
        assert!(f.diary.watch_sample(&sample(s, Some(platform))).unwrap().prompt.is_none());
    }
    f.diary.watch_sample(&sample(from + seconds, None)).unwrap();
    let update = f.diary.watch_sample(&sample(from + seconds + 120, None)).unwrap();
    assert_eq!(update.ended.as_ref().map(|s| (s.ended_at.unwrap() - s.started_at).num_seconds()), Some(seconds));
    update.prompt
}

fn watching() -> Fixture {
    let mut f = Fixture::new();
    f.diary.set_capture(CaptureChoice::On).unwrap();
    f
}

#[test]
fn a_session_of_five_minutes_asks_who_it_was_spent_with_offering_the_people_last_touched_there() {
    let mut f = watching();
    let (ana, bo, cy) = (f.person("Ana Lima"), f.person("Bo Larsen"), f.person("Cy Park"));
    let on = |p| move |t: &mut rapport_core::touches::TouchInput| t.platform = Some(p);
    f.touch(ana, Channel::DirectMessage, t(-3 * 86_400), on(HandlePlatform::Linkedin));
    f.touch(bo, Channel::DirectMessage, t(-86_400), on(HandlePlatform::Linkedin));
    f.touch(cy, Channel::DirectMessage, t(-3600), on(HandlePlatform::X));

    assert_eq!(session(&mut f, "linkedin", 0, 299), None, "4 min 59 s is too short to ask");
    let prompt = session(&mut f, "linkedin", 1000, 14 * 60).expect("a prompt");
    assert_eq!(prompt.summary, "14 min on LinkedIn: who did you talk to?");
    assert_eq!((prompt.touch_platform, prompt.channel), (Some(HandlePlatform::Linkedin), Channel::DirectMessage));
    let names: Vec<_> = prompt.people.iter().map(|p| p.display_name.as_str()).collect();
    assert_eq!(names, ["Bo Larsen", "Ana Lima"], "newest first, nobody touched only on X");
    assert_eq!(f.diary.session(prompt.session_id).unwrap().source, "watched");
}

#[test]
fn at_most_one_prompt_per_platform_an_hour() {
    let mut f = watching();
    assert!(session(&mut f, "linkedin", 0, 600).is_some());
    assert!(session(&mut f, "linkedin", 1000, 600).is_none(), "LinkedIn asked 27 minutes ago");
    assert!(session(&mut f, "x", 2000, 600).is_some(), "X has its own hour");
    // The first prompt came when its session was seen to end, at 720 s; an hour on, again.
    assert!(session(&mut f, "linkedin", 3500, 600).is_none(), "seen to end at 4220 s, 58 minutes after");
    assert!(session(&mut f, "linkedin", 4600, 600).is_some(), "seen to end at 5320 s");
}

#[test]
fn no_prompt_in_quiet_hours_or_when_turned_off_and_a_silenced_one_does_not_use_the_hour() {
    let mut f = watching();
    // now() is 12:00 UTC: quiet from 11:00 to 13:00.
    let quiet = QuietHours { start: NaiveTime::from_hms_opt(11, 0, 0).unwrap(), end: NaiveTime::from_hms_opt(13, 0, 0).unwrap() };
    f.diary.update_settings(Settings { quiet_hours: Some(quiet), ..Settings::default() }).unwrap();
    assert!(session(&mut f, "linkedin", 0, 600).is_none(), "quiet hours");
    f.diary.update_settings(Settings { quiet_hours: None, ..Settings::default() }).unwrap();
    assert!(session(&mut f, "linkedin", 1000, 600).is_some(), "the silenced prompt did not count toward the hour");

    f.diary.update_settings(Settings { log_prompts: false, ..Settings::default() }).unwrap();
    assert!(session(&mut f, "x", 2000, 600).is_none(), "prompts turned off");
}
