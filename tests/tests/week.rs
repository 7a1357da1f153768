//! The week in review in the real window: a seeded past week shows exactly the core's
//! figures; the reflection written there survives a restart; the week saved as Markdown
//! through the native save dialog equals the expected file; light and dark screenshots;
//! the end-of-week notification opens the review.
//!
//! Each story starts from the same seeded diary; the later ones write the reflection the
//! same way first.

use std::path::{Path, PathBuf};
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
use rapport_e2e::pages::Week;
use rapport_e2e::{eventually_within, ok_if, tid, App, Desktop};

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
        due_date: NaiveDate::from_ymd_opt(2026, 10, day).unwrap().into(),
        due_time: None,
    };
    diary.add_follow_up(&due("Call Ana back", 21)).unwrap();
}

/// A scratch data folder holding the seeded diary, and the diary file's path.
fn seeded() -> (tempfile::TempDir, PathBuf) {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join(rapport_core::storage::DIARY_FILE_NAME);
    seed(&mut Diary::open(&path).unwrap());
    (data, path)
}

fn week_day() -> NaiveDate {
    NaiveDate::parse_from_str(WEEK, "%Y-%m-%d").unwrap()
}

/// The Week screen on the seeded week.
async fn open_week(app: &App) -> Week<'_> {
    let week = app.open_week().await;
    week.go_to_day("2026-10-21").await;
    week.wait_for_title_containing("Oct 19").await;
    week.wait_for_figure("touch-total", "6").await;
    week
}

/// Every figure on screen against the core's review of the same week.
async fn assert_figures_match(week: &Week<'_>, w: &WeekReview) {
    let t = &w.touches;
    assert_eq!(week.figure("fig-personal").await, t.personal.to_string());
    assert_eq!(week.figure("fig-calls").await, (t.voice + t.face_to_face).to_string());
    assert_eq!(week.figure("fig-moved").await, w.ladder.moved_up.to_string());
    assert_eq!(week.figure("touch-total").await, t.total.to_string());
    assert_eq!(week.figure("mix-written").await, t.written.to_string());
    assert_eq!(week.figure("mix-voice").await, t.voice.to_string());
    assert_eq!(week.figure("mix-face").await, t.face_to_face.to_string());
    assert_eq!(week.figure("fu-done").await, w.follow_ups.done.to_string());
    assert_eq!(week.figure("fu-late").await, w.follow_ups.done_late.to_string());
    assert_eq!(week.figure("fu-missed").await, w.follow_ups.missed.len().to_string());
    assert_eq!(week.figure("fu-created").await, w.follow_ups.created.to_string());
    let o = &w.outcomes;
    for (testid, n) in [
        ("out-replies", o.replies),
        ("out-calls", o.calls_booked),
        ("out-meetings", o.meetings_booked),
        ("out-referrals", o.referrals),
        ("out-won", o.business_won),
    ] {
        assert_eq!(week.figure(testid).await, n.to_string(), "{testid}");
    }
    for r in &w.ladder.rungs {
        let row = week.rung_row(&r.rung.to_string()).await;
        assert!(row.contains(&format!("{}{}", r.before, r.after)), "rung {}: {row:?}", r.rung);
    }
    assert_eq!(week.moves().await, w.ladder.moves.len());
    let first_calls: Vec<&str> = w.ladder.first_calls.iter().map(|p| p.display_name.as_str()).collect();
    assert_eq!(week.figure("first-calls").await, format!("First calls: {}", first_calls.join(", ")));
    let linkedin = w.time.uses.iter().find(|u| u.scope == "linkedin").unwrap();
    assert!(week.figure("time-linkedin").await.contains("1 h 35 min"), "LinkedIn's {} s", linkedin.used_seconds);
}

const JOURNAL: &str = "Good week — two calls, one meeting.\n<script>alert(1)</script> stays text.";

/// Writes the reflection: a tick and a sentence, the journal, two intentions (the first
/// made a follow-up), and waits until the journal is in the diary at `path`.
async fn write_the_reflection(app: &App, week: &Week<'_>, path: &Path) {
    week.tick(0).await;
    week.wait_for_reflection_status("Saved").await;
    week.type_answer(3, "Yes: I called Bo instead of writing.\u{E007}").await;
    week.paste_journal(JOURNAL).await;
    week.add_intention("Call Cy about the deck").await;
    week.wait_for_intention("Call Cy about the deck").await;
    week.add_intention("Post less").await;
    week.wait_for_intentions(2).await;
    week.make_follow_up_of_intention().await;
    // "Cy" may mean Cy Dunn: the window asks, and he is picked.
    let offered = week.candidates().await;
    assert!(offered.len() == 1 && offered[0].starts_with("Cy Dunn"), "{offered:?}");
    week.pick_candidate_by_keyboard(0).await;
    week.wait_for_intention_state("Follow-up made").await;
    week.scroll_to_reflection().await;
    app.screenshot("week-reflection").await;
    // The journal saves as it is typed (after a pause) and when it loses focus.
    week.click_answer(1).await;
    let diary = Diary::open(path).unwrap();
    eventually_within("the journal saved in the diary", std::time::Duration::from_secs(10), async || {
        let journal = diary.week_reflection(week_day()).unwrap().journal;
        ok_if(journal.starts_with("Good week"), journal)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_seeded_week_shows_exactly_the_core_s_figures() {
    let desktop = Desktop::start();
    let (data, path) = seeded();
    let expected = Diary::open(&path).unwrap().week_review(week_day()).unwrap();
    assert_eq!(
        (expected.touches.total, expected.ladder.moved_up, expected.follow_ups.missed.len()),
        (6, 3, 1),
        "the seed is what this test thinks"
    );

    let app = desktop.launch(data.path()).await;
    let week = open_week(&app).await;
    assert_figures_match(&week, &expected).await;
    assert_eq!(week.figure("out-value").await, "Worth 2,500.00 EUR", "the one way money is written");
    // Markup in a name is a name.
    assert_eq!(app.count(&format!("{} b", tid("week-ladder"))).await, 0);
    assert!(week.figure("week-ladder").await.contains("Di <b>Ortiz</b>"));
    app.screenshot("week-light").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_reflection_written_on_the_week_survives_a_restart() {
    let desktop = Desktop::start();
    let (data, path) = seeded();
    let app = desktop.launch(data.path()).await;
    let week = open_week(&app).await;
    write_the_reflection(&app, &week, &path).await;
    let agenda = Diary::open(&path).unwrap().agenda().unwrap();
    // Due next week, which for a week long past is today.
    let made = agenda.today.iter().find(|f| f.title == "Call Cy about the deck").expect("the intention became a follow-up due today");
    assert_eq!((made.kind, made.due_at.with_timezone(&Local).date_naive()), (FollowUpKind::Call, Local::now().date_naive()));
    assert_eq!(made.person.as_ref().map(|p| p.display_name.as_str()), Some("Cy Dunn"), "with the person picked");
    app.quit().await;

    // After a restart it is all still there.
    let app = desktop.launch(data.path()).await;
    let week = open_week(&app).await;
    assert_eq!(week.journal().await, JOURNAL);
    assert_eq!(week.answer(3).await, "Yes: I called Bo instead of writing.");
    assert_eq!(week.ticked(0).await, true);
    assert_eq!(week.intentions().await, 2);
    assert_eq!(week.intention_state().await, "Follow-up made");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_week_saves_as_the_expected_markdown_and_prints() {
    let desktop = Desktop::start();
    let (data, path) = seeded();
    let app = desktop.launch(data.path()).await;
    write_the_reflection(&app, &open_week(&app).await, &path).await;
    app.quit().await;

    // Save as Markdown through the real GTK save dialog, after a restart as a user would.
    let app = desktop.launch(data.path()).await;
    let week = open_week(&app).await;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("week.md");
    week.save_as_markdown().await;
    desktop.answer_save_dialog("Save the week as Markdown", &file).await;
    app.wait_for_toast("Saved ").await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(saved, include_str!("fixtures/week-2026-10-19.md"));
    assert_eq!(saved, Diary::open(&path).unwrap().week_markdown(week_day()).unwrap());

    // Print… opens the system's print dialog over the window.
    week.print().await;
    let dialog = desktop.wait_for_window("^Print$").await;
    desktop.press_in_window(&dialog, "Escape").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_dark_desktop_the_seeded_week_and_the_current_week() {
    let desktop = Desktop::start();
    let (data, _) = seeded();
    let app = desktop.launch_themed(data.path(), "Adwaita:dark").await;
    let week = open_week(&app).await;
    app.screenshot("week-dark").await;
    // The current week, with its neglected list and no "next".
    week.go_to_this_week().await;
    week.wait_for_neglected().await;
    assert_eq!(week.next_week_disabled().await, true);
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
    app.open_people().await;
    assert!(desktop.notifications().is_empty(), "not before its time");
    desktop.click_notification().await;
    app.week().wait_until_shown().await;
    let hash = app.hash().await;
    let monday = soon.date_naive() - Duration::days(i64::from(soon.weekday().num_days_from_monday()));
    assert_eq!(hash, format!("#week/{monday}"));
    let shown = desktop.wait_for_notifications(1).await;
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].1, "Your week in review");
    assert!(shown[0].2.ends_with("Five minutes to look back?"), "{shown:?}");
    app.quit().await;
}
