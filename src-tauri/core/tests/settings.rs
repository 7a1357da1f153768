//! Settings: defaults, changes, bad values, and what the person page makes of them.

mod common;

use common::Fixture;
use rapport_core::people::PersonEdit;
use rapport_core::storage::Settings;

#[test]
fn settings_start_from_defaults_and_keep_changes() {
    let mut f = Fixture::new();
    assert_eq!(f.diary.settings().unwrap().default_cadence_days, 30);
    let saved = f.diary.update_settings(Settings { default_cadence_days: 45, ..Settings::default() }).unwrap();
    assert_eq!(saved.default_cadence_days, 45);
    let reopened = rapport_core::Diary::open(f.path()).unwrap();
    assert_eq!(reopened.settings().unwrap().default_cadence_days, 45);
}

#[test]
fn an_impossible_cadence_is_refused_and_the_old_one_kept() {
    let mut f = Fixture::new();
    for bad in [0, 3651] {
        let err = f.diary.update_settings(Settings { default_cadence_days: bad, ..Settings::default() }).unwrap_err();
        assert_eq!(serde_json::to_value(&err).unwrap()["field"], "default_cadence_days");
    }
    assert_eq!(f.diary.settings().unwrap().default_cadence_days, 30);
}

#[test]
fn an_unreadable_stored_value_falls_back_to_its_default() {
    let f = Fixture::new();
    f.sql()
        .execute_batch("INSERT INTO setting (key, value) VALUES ('default_cadence_days', '\"soon\"'), ('from_the_future', '1');")
        .unwrap();
    assert_eq!(f.diary.settings().unwrap(), Settings::default());
}

#[test]
fn the_person_page_uses_the_default_cadence_unless_the_person_has_one() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    let figures = f.diary.person_figures(ana).unwrap();
    assert_eq!((figures.cadence_days, figures.cadence_is_default), (30, true));
    f.diary.update_settings(Settings { default_cadence_days: 14, ..Settings::default() }).unwrap();
    assert_eq!(f.diary.person_figures(ana).unwrap().cadence_days, 14);
    f.diary.update_person(ana, &PersonEdit { display_name: "Ana".into(), cadence_days: Some(90), ..Default::default() }).unwrap();
    let figures = f.diary.person_figures(ana).unwrap();
    assert_eq!((figures.cadence_days, figures.cadence_is_default), (90, false));
    assert_eq!(f.diary.person_figures(4242).unwrap_err().kind(), "not_found");
}

#[test]
fn settings_travel_as_the_window_sends_them() {
    let json = serde_json::to_value(Settings::default()).unwrap();
    assert_eq!(json["week_starts_on"], "Mon");
    assert_eq!(json["digest_time"], "09:00:00");
    let sent = serde_json::json!({ "week_starts_on": "Sun", "digest_time": "08:30:00", "quiet_hours": { "start": "22:00:00", "end": "07:00:00" } });
    let read: Settings = serde_json::from_value(sent).unwrap();
    assert_eq!(read.week_starts_on, chrono::Weekday::Sun);
    assert_eq!(read.default_cadence_days, 30, "absent fields keep their defaults");
}

#[test]
fn two_bad_settings_are_both_reported_and_nothing_is_kept() {
    let mut f = Fixture::new();
    let bad = Settings { default_cadence_days: 0, long_timer_hours: 25, ..Settings::default() };
    let err = f.diary.update_settings(bad).unwrap_err();
    let problems: Vec<_> = err.problems().into_iter().map(|p| (p.field, p.message)).collect();
    assert_eq!(
        problems,
        [
            ("default_cadence_days", "The default cadence must be between 1 and 3650 days.".to_owned()),
            ("long_timer_hours", "Ask about a long timer after 1 to 24 hours.".to_owned()),
        ]
    );
    assert_eq!(f.diary.settings().unwrap(), Settings::default());
}
