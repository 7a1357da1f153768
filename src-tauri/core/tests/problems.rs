//! Every problem of a form's input is reported at once, each on its field, so the user
//! fixes them in one go; a single problem reads as it always did.

mod common;

use chrono::{Duration, NaiveDate};
use common::{at, Fixture};
use rapport_core::agenda::FollowUpInput;
use rapport_core::people::PersonEdit;
use rapport_core::storage::Problem;
use rapport_core::time::SessionInput;
use rapport_core::touches::{TouchInput, TouchQuery};
use rapport_core::vocab::{Channel, FollowUpKind, Outcome};
use rapport_core::Error;
use serde_json::json;

/// The (field, message) pairs of an error, in order.
fn problems(err: &Error) -> Vec<(&'static str, String)> {
    err.problems().into_iter().map(|Problem { field, message }| (field, message)).collect()
}

#[test]
fn a_person_with_no_name_a_cadence_of_0_and_a_long_company_hears_of_all_three() {
    let mut f = Fixture::new();
    let edit = PersonEdit { display_name: "  ".into(), company: "x".repeat(600), cadence_days: Some(0), ..Default::default() };
    let err = f.diary.add_person(&edit).unwrap_err();
    assert_eq!(
        problems(&err),
        [
            ("display_name", "Name is required.".to_owned()),
            ("company", "Company is too long: 600 characters, the limit is 500.".to_owned()),
            ("cadence_days", "Cadence must be between 1 and 3650 days.".to_owned()),
        ]
    );
    // The first is still the error's field and message.
    assert_eq!((err.kind(), err.field(), err.to_string()), ("invalid", Some("display_name"), "Name is required.".to_owned()));
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["field"], "display_name");
    assert_eq!(json["message"], "Name is required.");
    assert_eq!(
        json["problems"],
        json!([
            { "field": "display_name", "message": "Name is required." },
            { "field": "company", "message": "Company is too long: 600 characters, the limit is 500." },
            { "field": "cadence_days", "message": "Cadence must be between 1 and 3650 days." },
        ])
    );

    // Editing someone checks the same way, and nothing is written.
    let ana = f.person("Ana Lima");
    let err = f.diary.update_person(ana, &PersonEdit { title: "a\tb".into(), cadence_days: Some(4000), ..edit }).unwrap_err();
    assert_eq!(problems(&err).iter().map(|p| p.0).collect::<Vec<_>>(), ["display_name", "company", "title", "cadence_days"]);
    assert_eq!(f.diary.person(ana).unwrap().display_name, "Ana Lima");
}

#[test]
fn a_single_problem_reads_as_before_without_a_list() {
    let mut f = Fixture::new();
    let err = f.diary.add_person(&PersonEdit { display_name: "Ana".into(), cadence_days: Some(0), ..Default::default() }).unwrap_err();
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        json!({ "kind": "invalid", "message": "Cadence must be between 1 and 3650 days.", "field": "cadence_days" })
    );
    assert_eq!(problems(&err), [("cadence_days", "Cadence must be between 1 and 3650 days.".to_owned())]);
    // Errors that are not about input name no problem.
    assert!(f.diary.person(999).unwrap_err().problems().is_empty());
}

#[test]
fn a_touch_with_no_one_a_negative_duration_and_a_bad_currency_hears_of_all_three() {
    let mut f = Fixture::new();
    let mut input = TouchInput::new(1, Channel::Phone);
    input.people.clear();
    input.duration_minutes = Some(-5);
    input.outcome = Outcome::BusinessWon;
    input.outcome_value_cents = Some(-100);
    input.outcome_currency = Some("euro".into());
    let err = f.diary.log_touch(&input).unwrap_err();
    assert_eq!(
        problems(&err),
        [
            ("people", "Choose who the touch was with.".to_owned()),
            ("duration_minutes", "Duration cannot be negative.".to_owned()),
            ("outcome_value", "The value cannot be negative.".to_owned()),
            ("outcome_currency", "The currency is a three-letter code such as EUR or USD.".to_owned()),
        ]
    );
    assert_eq!(f.diary.quick_log(&input).unwrap_err().problems().len(), 4, "the quick log checks the same");

    // A field keeps its first problem: a negative value on a touch that won nothing.
    let ana = f.person("Ana Lima");
    let mut input = TouchInput::new(ana, Channel::Email);
    input.when = Some(common::now() + Duration::days(400));
    input.outcome_value_cents = Some(-1);
    let err = f.diary.log_touch(&input).unwrap_err();
    assert_eq!(
        problems(&err),
        [("when", "A touch can be dated at most a year ahead.".to_owned()), ("outcome_value", "The value cannot be negative.".to_owned()),]
    );
    assert!(f.diary.touches(&TouchQuery::default()).unwrap().touches.is_empty(), "nothing was logged");
}

#[test]
fn a_follow_up_with_no_title_a_far_date_and_an_unknown_person_hears_of_all_three() {
    let mut f = Fixture::new();
    let input = FollowUpInput {
        person_id: Some(999),
        touch_id: None,
        kind: FollowUpKind::Call,
        title: " ".into(),
        notes: String::new(),
        due_date: NaiveDate::from_ymd_opt(2099, 1, 1).unwrap().into(),
        due_time: None,
    };
    let err = f.diary.add_follow_up(&input).unwrap_err();
    assert_eq!(
        problems(&err),
        [
            ("person_id", "Person 999 was not found.".to_owned()),
            ("title", "The title is required.".to_owned()),
            ("due_date", "The due date must be between 1970 and 2036.".to_owned()),
        ]
    );
    assert!(f.diary.agenda().unwrap().next_days.is_empty());
}

#[test]
fn a_session_on_an_unknown_platform_ending_before_it_starts_with_a_long_note_hears_of_all_three() {
    let mut f = Fixture::new();
    let start = at(2026, 3, 31, 9, 0);
    let input = SessionInput { platform: "myspace".into(), started_at: start, ended_at: start, note: "n".repeat(501) };
    let err = f.diary.add_session(&input).unwrap_err();
    assert_eq!(
        problems(&err),
        [
            ("platform", "\"myspace\" is not a platform in the list.".to_owned()),
            ("ended_at", "A session must end after it starts.".to_owned()),
            ("note", "The note is too long: 501 characters, the limit is 500.".to_owned()),
        ]
    );

    // An overlap is named beside a bad note, on the start.
    f.diary
        .add_session(&SessionInput {
            platform: "linkedin".into(),
            started_at: start,
            ended_at: start + Duration::minutes(30),
            note: String::new(),
        })
        .unwrap();
    let overlapping =
        SessionInput { platform: "x".into(), started_at: start, ended_at: start + Duration::minutes(10), note: "a\tb".into() };
    let err = f.diary.add_session(&overlapping).unwrap_err();
    assert_eq!(problems(&err).iter().map(|p| p.0).collect::<Vec<_>>(), ["started_at", "note"]);
}
