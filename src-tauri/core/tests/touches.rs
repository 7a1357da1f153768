//! Touches: logging with defaults, bad input, edits, recoverable deletes, the Diary's pages.

mod common;

use chrono::Duration;
use common::{at, now, Fixture};
use rapport_core::touches::{TouchInput, TouchQuery};
use rapport_core::vocab::{Channel, Direction, HandlePlatform, Outcome};

#[test]
fn a_quick_logged_touch_is_now_outbound_and_personal() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    let input: TouchInput = serde_json::from_value(serde_json::json!({ "people": [ana], "channel": "direct_message" })).unwrap();
    let touch = f.diary.log_touch(&input).unwrap().touch;
    assert_eq!(touch.happened_at, now());
    assert_eq!(touch.direction, Direction::Out);
    assert!(touch.personal);
    assert_eq!(touch.outcome, Outcome::None);
    assert_eq!(touch.people.len(), 1);
    assert_eq!(touch.people[0].display_name, "Ana Lima");
    assert_eq!(f.diary.touch(touch.id).unwrap(), touch);
}

#[test]
fn every_field_of_a_touch_reads_back() {
    let mut f = Fixture::new();
    let (ana, bo) = (f.person("Ana"), f.person("Bo"));
    let input = TouchInput {
        when: Some(at(2026, 2, 14, 18, 30)),
        people: vec![bo, ana, bo],
        channel: Channel::Video,
        platform: Some(HandlePlatform::Linkedin),
        direction: Direction::In,
        personal: false,
        duration_minutes: Some(45),
        notes: "  <img src=x onerror=alert(1)> agreed on scope \n".into(),
        outcome: Outcome::BusinessWon,
        outcome_value_cents: Some(1_250_000),
        outcome_currency: Some("eur".into()),
    };
    let touch = f.diary.log_touch(&input).unwrap().touch;
    assert_eq!(touch.happened_at, at(2026, 2, 14, 18, 30));
    let names: Vec<_> = touch.people.iter().map(|p| p.display_name.as_str()).collect();
    assert_eq!(names, ["Ana", "Bo"], "each person once, by name");
    assert_eq!(touch.platform, Some(HandlePlatform::Linkedin));
    assert_eq!(touch.duration_minutes, Some(45));
    assert_eq!(touch.notes, "<img src=x onerror=alert(1)> agreed on scope", "markup kept verbatim");
    assert_eq!((touch.outcome_value_cents, touch.outcome_currency.as_deref()), (Some(1_250_000), Some("EUR")));
}

#[test]
fn bad_touches_are_refused_with_the_field_and_nothing_is_stored() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    let base = TouchInput::new(ana, Channel::Phone);
    let cases: Vec<(&str, TouchInput, &str)> = vec![
        ("when", TouchInput { when: Some(now() + Duration::days(367)), ..base.clone() }, "A touch can be dated at most a year ahead."),
        ("when", TouchInput { when: Some(at(1969, 12, 31, 0, 0)), ..base.clone() }, "A touch cannot be dated before 1970."),
        ("duration_minutes", TouchInput { duration_minutes: Some(-5), ..base.clone() }, "Duration cannot be negative."),
        (
            "duration_minutes",
            TouchInput { duration_minutes: Some(1441), ..base.clone() },
            "Duration can be at most 24 hours (1440 minutes).",
        ),
        ("people", TouchInput { people: vec![], ..base.clone() }, "Choose who the touch was with."),
        ("people", TouchInput { people: vec![ana, 4242], ..base.clone() }, "Person 4242 was not found."),
        (
            "outcome_currency",
            TouchInput { outcome: Outcome::BusinessWon, outcome_currency: Some("euro".into()), ..base.clone() },
            "The currency is a three-letter code such as EUR or USD.",
        ),
        ("outcome_value", TouchInput { outcome_value_cents: Some(100), ..base.clone() }, "Only business won has a value."),
        ("notes", TouchInput { notes: "x".repeat(100_001), ..base.clone() }, "Notes is too long: 100001 characters, the limit is 100000."),
    ];
    for (field, input, message) in cases {
        let err = f.diary.log_touch(&input).unwrap_err();
        assert_eq!(serde_json::to_value(&err).unwrap()["field"], field, "{message}");
        assert_eq!(err.to_string(), message);
    }
    assert!(f.diary.touches(&TouchQuery::default()).unwrap().touches.is_empty());
    assert_eq!(f.diary.rung_history(ana).unwrap().len(), 1, "no rung moved");
    // A meeting already arranged may be dated ahead, up to a year.
    f.diary.log_touch(&TouchInput { when: Some(now() + Duration::days(300)), ..base }).unwrap();
}

#[test]
fn an_unknown_channel_is_refused_when_read() {
    let err = serde_json::from_value::<TouchInput>(serde_json::json!({ "people": [1], "channel": "fax" })).unwrap_err();
    assert!(err.to_string().contains("unknown variant `fax`"), "{err}");
    assert_eq!(Channel::parse("fax"), None);
}

#[test]
fn a_deleted_touch_leaves_every_list_and_can_be_restored() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    let call = f.touch(ana, Channel::Phone, at(2026, 3, 1, 9, 0), |_| {});
    let deleted = f.diary.delete_touch(call).unwrap();
    assert!(deleted.deleted_at.is_some());
    assert!(f.diary.touches(&TouchQuery::default()).unwrap().touches.is_empty());
    assert_eq!(f.diary.person_figures(ana).unwrap().touches, 0);
    assert_eq!(f.diary.person(ana).unwrap().rung, rapport_core::vocab::Rung::Spoken, "the ladder never moves down by itself");
    assert_eq!(f.diary.delete_touch(call).unwrap_err().kind(), "not_found", "deleting twice");
    assert_eq!(f.diary.update_touch(call, &TouchInput::new(ana, Channel::Email)).unwrap_err().kind(), "not_found");

    let restored = f.diary.restore_touch(call).unwrap();
    assert_eq!(restored.deleted_at, None);
    assert_eq!(f.diary.touches(&TouchQuery::default()).unwrap().touches.len(), 1);
    assert_eq!(f.diary.restore_touch(call).unwrap_err().kind(), "not_found", "restoring what is not deleted");
}

#[test]
fn the_diary_pages_through_every_touch_newest_first_without_gaps_or_repeats() {
    let mut f = Fixture::new();
    let (ana, bo) = (f.person("Ana"), f.person("Bo"));
    let start = at(2025, 1, 1, 8, 0);
    for i in 0..450i64 {
        let person = if i % 3 == 0 { bo } else { ana };
        let channel = if i % 5 == 0 { Channel::Phone } else { Channel::DirectMessage };
        // Pairs share an instant, so the cursor must also order by id.
        f.touch(person, channel, start + Duration::hours(i / 2), |_| {});
    }
    let mut seen = Vec::new();
    let mut query = TouchQuery::default();
    let mut pages = Vec::new();
    loop {
        let page = f.diary.touches(&query).unwrap();
        pages.push(page.touches.len());
        seen.extend(page.touches.iter().map(|t| (t.happened_at, t.id)));
        match page.next {
            Some(cursor) => query.after = Some(cursor),
            None => break,
        }
    }
    assert_eq!(pages, [200, 200, 50]);
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    sorted.dedup();
    assert_eq!(seen, sorted, "strictly newest first, nothing twice");

    let by = |q: TouchQuery| f.diary.touches(&TouchQuery { limit: Some(200), ..q }).unwrap();
    assert_eq!(by(TouchQuery { channel: Some(Channel::Phone), ..Default::default() }).touches.len(), 90);
    let bos = by(TouchQuery { person_id: Some(bo), ..Default::default() });
    assert_eq!(bos.touches.len(), 150);
    assert!(bos.touches.iter().all(|t| t.people[0].id == bo));
    let window = by(TouchQuery { from: Some(start + Duration::hours(10)), until: Some(start + Duration::hours(20)), ..Default::default() });
    assert_eq!(window.touches.len(), 20, "ten hours, two touches an hour, end exclusive");
}
