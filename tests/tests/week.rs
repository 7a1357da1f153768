//! The week in review in the real window: a seeded past week shows exactly the core's
//! figures; the reflection written there survives a restart; the week saved as Markdown
//! through the native save dialog equals the expected file; light and dark screenshots;
//! the end-of-week notification opens the review.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, TimeZone, Timelike, Utc};
use rapport_core::agenda::FollowUpInput;
use rapport_core::clock::{FixedClock, SystemClock};
use rapport_core::people::PersonEdit;
use rapport_core::storage::{ReviewTime, Settings};
use rapport_core::time::SessionInput;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::{Channel, Direction, FollowUpKind, HandlePlatform, Outcome};
use rapport_core::week::WeekReview;
use rapport_core::Diary;
use rapport_e2e::{App, Desktop};

/// The seeded week: Monday 19 to Sunday 25 October 2026. Every instant is at midday UTC
/// in the middle of the week, so it falls in the same week in any time zone.
const WEEK: &str = "2026-10-19";

fn noon(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, day, 12, 0, 0).unwrap()
}

fn seed(diary: &mut Diary) {
    // The people were added at the start of October; everything else is logged today.
    diary.set_clock(Arc::new(FixedClock { now: noon(1), tz: chrono_tz::UTC }));
    let mut person = |name: &str| diary.add_person(&PersonEdit { display_name: name.into(), ..Default::default() }).unwrap().id;
    let (ana, bo, cy, di) = (person("Ana Lima"), person("Bo Berg"), person("Cy Dunn"), person("Di <b>Ortiz</b>"));
    diary.set_clock(Arc::new(SystemClock));
    let mut touch = |who: i64, channel: Channel, when: DateTime<Utc>, tweak: &dyn Fn(&mut TouchInput)| {
        let mut input = TouchInput::new(who, channel);
        input.when = Some(when);
        tweak(&mut input);
        diary.log_touch(&input).unwrap();
    };
    touch(ana, Channel::DirectMessage, noon(7), &|t| t.direction = Direction::In);
    touch(bo, Channel::Phone, noon(14), &|_| {});
    touch(ana, Channel::Phone, noon(20), &|t| t.outcome = Outcome::MeetingBooked);
    touch(ana, Channel::InPerson, noon(22), &|_| {});
    touch(bo, Channel::Phone, noon(21), &|t| t.outcome = Outcome::Referral);
    touch(cy, Channel::PublicPost, noon(21), &|t| {
        t.personal = false;
        t.platform = Some(HandlePlatform::Linkedin);
    });
    touch(cy, Channel::DirectMessage, noon(22), &|t| {
        t.platform = Some(HandlePlatform::Linkedin);
        t.outcome = Outcome::Replied;
    });
    touch(di, Channel::Email, noon(23), &|t| {
        t.outcome = Outcome::BusinessWon;
        t.outcome_value_cents = Some(250_000);
        t.outcome_currency = Some("EUR".into());
    });
    let session = |from: DateTime<Utc>, minutes: i64| SessionInput {
        platform: "linkedin".into(),
        started_at: from,
        ended_at: from + Duration::minutes(minutes),
        note: String::new(),
    };
    diary.add_session(&session(noon(20), 95)).unwrap();
    diary.add_session(&session(noon(13), 40)).unwrap();
    let due = |title: &str, day: u32| FollowUpInput {
        person_id: Some(ana),
        touch_id: None,
        kind: FollowUpKind::Call,
        title: title.into(),
        notes: String::new(),
        due_date: NaiveDate::from_ymd_opt(2026, 10, day).unwrap(),
        due_time: None,
    };
    diary.add_follow_up(&due("Call Ana back", 21)).unwrap();
}

/// Reads a figure the window shows.
async fn shown(app: &App, testid: &str) -> String {
    app.text_content(&format!("[data-testid={testid}]")).await
}

async fn open_week(app: &App) {
    app.click("[data-testid=nav-week]").await;
    app.wait_for("[data-testid=fig-personal]").await;
    app.paste_into("[data-testid=week-day]", "2026-10-21").await;
    app.wait_for_text_containing("[data-testid=week-title]", "Oct 19").await;
    app.wait_for_text("[data-testid=touch-total]", "6").await;
}

/// Every figure on screen against the core's review of the same week.
async fn assert_figures_match(app: &App, w: &WeekReview) {
    let t = &w.touches;
    assert_eq!(shown(app, "fig-personal").await, t.personal.to_string());
    assert_eq!(shown(app, "fig-calls").await, (t.voice + t.face_to_face).to_string());
    assert_eq!(shown(app, "fig-moved").await, w.ladder.moved_up.to_string());
    assert_eq!(shown(app, "touch-total").await, t.total.to_string());
    assert_eq!(shown(app, "mix-online").await, t.online.to_string());
    assert_eq!(shown(app, "mix-voice").await, t.voice.to_string());
    assert_eq!(shown(app, "mix-face").await, t.face_to_face.to_string());
    assert_eq!(shown(app, "fu-done").await, w.follow_ups.done.to_string());
    assert_eq!(shown(app, "fu-late").await, w.follow_ups.done_late.to_string());
    assert_eq!(shown(app, "fu-missed").await, w.follow_ups.missed.len().to_string());
    assert_eq!(shown(app, "fu-created").await, w.follow_ups.created.to_string());
    let o = &w.outcomes;
    for (testid, n) in [
        ("out-replies", o.replies),
        ("out-calls", o.calls_booked),
        ("out-meetings", o.meetings_booked),
        ("out-referrals", o.referrals),
        ("out-won", o.business_won),
    ] {
        assert_eq!(shown(app, testid).await, n.to_string(), "{testid}");
    }
    for r in &w.ladder.rungs {
        let row = app.text_content(&format!("[data-testid=rung-{}]", r.rung)).await;
        assert!(row.contains(&format!("{}{}", r.before, r.after)), "rung {}: {row:?}", r.rung);
    }
    assert_eq!(app.count("[data-testid=week-move]").await, w.ladder.moves.len());
    let first_calls: Vec<&str> = w.ladder.first_calls.iter().map(|p| p.display_name.as_str()).collect();
    assert_eq!(shown(app, "first-calls").await, format!("First calls: {}", first_calls.join(", ")));
    let linkedin = w.time.uses.iter().find(|u| u.scope == "linkedin").unwrap();
    assert!(shown(app, "time-linkedin").await.contains("1 h 35 min"), "LinkedIn's {} s", linkedin.used_seconds);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_seeded_week_shows_the_core_s_figures_keeps_the_reflection_and_saves_markdown() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join(rapport_core::storage::DIARY_FILE_NAME);
    seed(&mut Diary::open(&path).unwrap());
    let day = NaiveDate::parse_from_str(WEEK, "%Y-%m-%d").unwrap();
    let expected = Diary::open(&path).unwrap().week_review(day).unwrap();
    assert_eq!(
        (expected.touches.total, expected.ladder.moved_up, expected.follow_ups.missed.len()),
        (6, 3, 1),
        "the seed is what this test thinks"
    );

    let app = desktop.launch(data.path()).await;
    open_week(&app).await;
    assert_figures_match(&app, &expected).await;
    assert_eq!(shown(&app, "out-value").await.replace([',', '\u{a0}', ' '], ""), "Worth2500.00EUR", "grouped as the locale groups");
    // Markup in a name is a name.
    assert_eq!(app.count("[data-testid=week-ladder] b").await, 0);
    assert!(shown(&app, "week-ladder").await.contains("Di <b>Ortiz</b>"));
    app.screenshot("week-light").await;

    // Writing the reflection: a tick and a sentence, the journal, two intentions.
    app.click("[data-testid=answer-0-tick]").await;
    app.wait_for_text_containing("[data-testid=reflection-status]", "Saved").await;
    app.type_into("[data-testid=answer-3-text]", "Yes: I called Bo instead of writing.\u{E007}").await;
    app.paste_into("[data-testid=journal]", "Good week — two calls, one meeting.\n<script>alert(1)</script> stays text.").await;
    app.type_into("[data-testid=intention-input]", "Call Cy about the deck\u{E007}").await;
    app.wait_for_text("[data-testid=intention-text]", "Call Cy about the deck").await;
    app.type_into("[data-testid=intention-input]", "Post less\u{E007}").await;
    app.wait_for("[data-testid=intention-row]:nth-child(2)").await;
    app.click("[data-testid=intention-follow-up]").await;
    app.wait_for_text("[data-testid=intention-state]", "Follow-up made").await;
    app.script("document.querySelector('[data-testid=reflection]').scrollIntoView()", vec![]).await;
    app.screenshot("week-reflection").await;
    // The journal saves as it is typed (after a pause) and when it loses focus.
    app.click("[data-testid=answer-1-text]").await;
    let diary = Diary::open(&path).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !diary.week_reflection(day).unwrap().journal.starts_with("Good week") {
        assert!(std::time::Instant::now() < deadline, "the journal was not saved");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let agenda = diary.agenda().unwrap();
    // Due next week, which for a week long past is today.
    let made = agenda.today.iter().find(|f| f.title == "Call Cy about the deck").expect("the intention became a follow-up due today");
    assert_eq!((made.kind, made.due_at.with_timezone(&Local).date_naive()), (FollowUpKind::Call, Local::now().date_naive()));
    app.quit().await;

    // After a restart it is all still there.
    let app = desktop.launch(data.path()).await;
    open_week(&app).await;
    let value = |css: &'static str| app.script("return document.querySelector(arguments[0]).value", vec![css.into()]);
    assert_eq!(value("[data-testid=journal]").await, "Good week — two calls, one meeting.\n<script>alert(1)</script> stays text.");
    assert_eq!(value("[data-testid=answer-3-text]").await, "Yes: I called Bo instead of writing.");
    assert_eq!(app.script("return document.querySelector('[data-testid=answer-0-tick]').checked", vec![]).await, true);
    assert_eq!(app.count("[data-testid=intention-row]").await, 2);
    assert_eq!(shown(&app, "intention-state").await, "Follow-up made");

    // Save as Markdown through the real GTK save dialog.
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("week.md");
    app.click("[data-testid=week-markdown]").await;
    desktop.answer_save_dialog("Save the week as Markdown", &file).await;
    app.wait_for_text_containing("[data-testid=toasts]", "Saved ").await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(saved, include_str!("fixtures/week-2026-10-19.md"));
    assert_eq!(saved, diary.week_markdown(day).unwrap());

    // Print… opens the system's print dialog over the window.
    app.click("[data-testid=week-print]").await;
    let dialog = desktop.wait_for_window("^Print$").await;
    desktop.press_in_window(&dialog, "Escape").await;
    app.quit().await;

    let app = desktop.launch_themed(data.path(), "Adwaita:dark").await;
    open_week(&app).await;
    app.screenshot("week-dark").await;
    // The current week, with its neglected list and no "next".
    app.click("[data-testid=week-this]").await;
    app.wait_for("[data-testid=week-neglected]").await;
    assert_eq!(app.script("return document.querySelector('[data-testid=week-next]').disabled", vec![]).await, true);
    app.screenshot("week-current-dark").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_end_of_week_notification_opens_the_review() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    // The review reminder set a few seconds from now, on today's day of the week.
    let soon = Local::now() + Duration::seconds(4);
    {
        let mut diary = Diary::open(data.path().join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
        let review = ReviewTime { day: soon.weekday(), time: soon.time().with_nanosecond(0).unwrap() };
        diary.update_settings(Settings { review_reminder: Some(review), ..Settings::default() }).unwrap();
    }
    let app = desktop.launch(data.path()).await;
    app.click("[data-testid=nav-people]").await;
    assert!(desktop.notifications().is_empty(), "not before its time");
    desktop.click_notification().await;
    app.wait_for("[data-testid=fig-personal]").await;
    let hash = app.script("return location.hash", vec![]).await;
    let monday = soon.date_naive() - Duration::days(i64::from(soon.weekday().num_days_from_monday()));
    assert_eq!(hash, format!("#week/{monday}"));
    let shown = desktop.wait_for_notifications(1).await;
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].1, "Your week in review");
    assert!(shown[0].2.ends_with("Five minutes to look back?"), "{shown:?}");
    app.quit().await;
}
