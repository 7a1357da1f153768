//! The same time reads the same everywhere: the week's figures, its trend, the Markdown,
//! the budget warning and the review reminder all count whole minutes by one rule.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::clock::durations::duration_text;
use rapport_core::time::SessionInput;

fn session(platform: &str, from: DateTime<Utc>, seconds: i64) -> SessionInput {
    SessionInput { platform: platform.into(), started_at: from, ended_at: from + Duration::seconds(seconds), note: String::new() }
}

#[test]
fn half_minutes_round_up_in_every_figure_of_the_week() {
    // Friday 23 October 2026, 16:00 in Berlin: the review reminder is due.
    let mut f = Fixture::at(at(2026, 10, 23, 14, 0), Berlin);
    f.diary.set_budget("linkedin", Some(75)).unwrap();
    // 1 h 1 min 30 s on LinkedIn and 20 min on X: 1 h 21 min 30 s in all.
    f.diary.add_session(&session("linkedin", at(2026, 10, 21, 8, 0), 3690)).unwrap();
    f.diary.add_session(&session("x", at(2026, 10, 22, 8, 0), 1200)).unwrap();

    let day = NaiveDate::from_ymd_opt(2026, 10, 21).unwrap();
    let w = f.diary.week_review(day).unwrap();
    let all = &w.time.uses[0];
    let linkedin = w.time.uses.iter().find(|u| u.scope == "linkedin").unwrap();
    assert_eq!((duration_text(all.used_seconds), duration_text(linkedin.used_seconds)), ("1 h 22 min".into(), "1 h 2 min".into()));

    // The trend, on the week's page and on Time, carries the same whole minutes.
    assert_eq!(w.trend.last().unwrap().minutes, 82, "the week's chart");
    assert_eq!(f.diary.weekly_minutes(1).unwrap()[0].minutes, 82, "Time's chart");

    let markdown = f.diary.week_markdown(day).unwrap();
    for line in ["Social media: 1 h 22 min of 5 h", "| LinkedIn | 1 h 2 min |", "| X | 20 min |", "| 2026-10-19 | 1 h 22 min |"] {
        assert!(markdown.contains(line), "{line:?} in\n{markdown}");
    }

    let warned = f.diary.claim_budget_warnings().unwrap();
    assert_eq!(warned.len(), 1);
    assert_eq!(
        (warned[0].summary.as_str(), warned[0].body.as_str()),
        ("LinkedIn budget 80 % used", "1 h 2 min of 1 h 15 min this week. Measure what it brings you.")
    );

    let reminder = f.diary.claim_review_reminder().unwrap().unwrap();
    assert!(reminder.body.starts_with("1 h 22 min on social media,"), "{}", reminder.body);
}

#[test]
fn a_warning_under_a_minute_in_reads_in_minutes() {
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), chrono_tz::UTC);
    f.diary.set_budget("x", Some(1)).unwrap();
    f.diary.add_session(&session("x", at(2026, 3, 31, 9, 0), 48)).unwrap();
    let warned = f.diary.claim_budget_warnings().unwrap();
    assert_eq!(warned[0].body, "1 min of 1 min this week. Measure what it brings you.", "not \"48 s\"");
}
