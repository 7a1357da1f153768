//! A day on the sample diary, in one window, in the order a user lives it: the morning's
//! Today, old overdue rows cleared and brought back, nudges acted on, a long Ladder
//! column, a small window, the week's minutes read in three places, an archive undone.

use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, Local, Utc};
use rapport_core::clock::SystemClock;
use rapport_core::people::PersonEdit;
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::time::SessionInput;
use rapport_core::vocab::Rung;
use rapport_core::Diary;
use rapport_e2e::{eventually, tid, App, Desktop};
use rapport_sample::{fill, SampleSize};

/// This week's time on social media: one LinkedIn session of 61 min 30 s.
const SESSION_SECONDS: i64 = 61 * 60 + 30;
/// Whole minutes, half up, by the one rule for durations.
const SESSION_TEXT: &str = "1 h 2 min";
/// A LinkedIn budget the session uses 82 % of: the 80 % warning and not the 100 %.
const LINKEDIN_BUDGET: u32 = 75;

/// The sample diary, with 20 more never-touched people on Conversing (so the column runs
/// well past 151 whoever moves today) and this week's sessions replaced by one.
fn seed(path: &Path) {
    let mut diary = Diary::open(path).unwrap();
    fill(&mut diary, SampleSize::DEMO, 2026, Utc::now()).unwrap();
    diary.set_clock(Arc::new(SystemClock));
    for n in 1..=20 {
        let id = diary.add_person(&PersonEdit { display_name: format!("Quinn Rowe {n:02}"), ..Default::default() }).unwrap().id;
        diary.set_rung(id, Rung::Conversing, "").unwrap();
    }
    let (_, from, until) = diary.week_bounds(Local::now().date_naive()).unwrap();
    for session in diary.sessions(from, until).unwrap() {
        diary.delete_session(session.id).unwrap();
    }
    let ended_at = Utc::now() - Duration::minutes(1);
    let started_at = ended_at - Duration::seconds(SESSION_SECONDS);
    assert!(started_at >= from, "this week began less than an hour ago; run it later");
    diary.add_session(&SessionInput { platform: "linkedin".into(), started_at, ended_at, note: String::new() }).unwrap();
}

/// The number in a label such as "Drop the 12 more than a month late" or "171".
fn number_in(label: &str) -> u32 {
    label.replace(',', "").split(' ').find_map(|w| w.parse().ok()).unwrap_or_else(|| panic!("a number in {label:?}"))
}

/// Opens `hash`, waits for `ready`, photographs the screen as `a-day-<name>-<w>x<h>` and
/// says what scrolls sideways, if anything.
async fn visit(app: &App, (w, h): (u32, u32), name: &str, hash: &str, ready: &str) -> Vec<String> {
    app.go_to_hash(hash).await;
    app.wait_for(ready).await;
    if (w, h) == (800, 600) {
        app.screenshot(&format!("a-day-{name}-{w}x{h}")).await;
    }
    app.scrolls_sideways().await.into_iter().map(|wide| format!("{name} at {w}×{h}: {wide}")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_day_on_the_sample_diary_from_today_to_the_week_s_minutes() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join(DIARY_FILE_NAME);
    seed(&path);
    let app = desktop.launch(data.path()).await;

    // 1. The morning, at 1280×800: due today and the nudges end within the window.
    app.set_window_size(1280, 800).await;
    let today = app.open_today().await;
    let (due_bottom, nudges_bottom, height) = today.first_screen().await;
    assert!(today.due_today_count().await >= 6, "the sample has work for today");
    assert!(due_bottom <= height && nudges_bottom <= height, "due today ends at {due_bottom}, the nudges at {nudges_bottom}, of {height}");
    app.screenshot("a-day-today").await;

    // 2. Everything more than a month late dropped at once, and brought back from the toast.
    let total = today.overdue_total().await;
    let dropped = number_in(&today.drop_more_than("a month").await);
    assert!(dropped > 0 && dropped < total, "{dropped} of {total}");
    app.wait_for_toast(&format!("Dropped {dropped} follow-ups.")).await;
    today.wait_for_overdue_total(total - dropped).await;
    app.click_toast_action("Undo").await;
    app.wait_for_toast(&format!("Brought back {dropped} follow-ups.")).await;
    today.wait_for_overdue_total(total).await;

    // 3. A nudge acted on from Today: the call is logged with them and the nudge goes.
    let phone = today.nudge_of_kind("pick_up_the_phone").await;
    let log = today.act_on(&phone).await;
    log.wait_for_chosen(&format!("{}✕", phone.name)).await;
    assert_eq!(log.channel().await, "phone");
    log.save().await;
    log.wait_until_closed().await;
    app.wait_for_toast("Touch logged.").await;
    today.wait_until_gone(&phone).await;
    // And one from a person's page: "Make a follow-up" puts it on today.
    let due_before = today.due_today_count().await;
    let thanks = today.nudge_of_kind("say_thank_you").await;
    let page = today.open_person(&thanks).await;
    page.wait_for_nudges(1).await;
    page.follow_up_from_nudge().await;
    app.wait_for_toast("Added to today.").await;
    page.wait_for_nudges(0).await;
    page.wait_for_follow_up(&format!("Thank {}", thanks.name)).await;
    app.open_today().await.wait_for_due_today_count(due_before + 1).await;

    // 4. The 151st person of the Conversing column, one click away after "Show more".
    let ladder = app.open_ladder().await;
    ladder.wait_for_cards("conversing", 100).await;
    let on_rung = number_in(&ladder.count("conversing").await);
    assert!(on_rung > 151, "{on_rung} on Conversing");
    ladder.show_more("conversing").await;
    ladder.wait_for_cards("conversing", on_rung as usize).await;
    let name = ladder.card_name("conversing", 151).await;
    ladder.click_card("conversing", 151).await.wait_for_name(&name).await;
    let hash = app.hash().await.as_str().unwrap_or_default().to_owned();
    let person: i64 = hash.strip_prefix("#people/").and_then(|id| id.parse().ok()).unwrap_or_else(|| panic!("a person's page: {hash}"));

    // 5. Down to 800×600 and back: no screen scrolls sideways, at either size.
    let mut wide = Vec::new();
    let (page_of, form_of) = (format!("#people/{person}"), format!("#people/{person}/edit"));
    for size in [(800, 600), (1280, 800)] {
        app.resize(size.0, size.1).await;
        for (name, hash, ready) in [
            ("today", "#today", tid("nudges")),
            ("people", "#people", tid("person-row")),
            ("person", page_of.as_str(), tid("person-name")),
            ("person-form", form_of.as_str(), tid("field-display_name")),
            ("ladder", "#ladder", tid("ladder-card")),
            ("diary", "#diary", tid("touch-row")),
            ("time", "#time", tid("budgets")),
            ("week", "#week", tid("fig-personal")),
            ("settings", "#settings", tid("settings-save")),
        ] {
            wide.extend(visit(&app, size, name, hash, &ready).await);
        }
    }
    assert!(wide.is_empty(), "{}", wide.join("\n"));

    // 6. The week's minutes, the same on the Week screen, in its Markdown and in the
    // budget's warning. A LinkedIn budget set now: the 80 % warning goes to the desktop.
    let time = app.open_time().await;
    time.wait_for_budget_used("linkedin", SESSION_TEXT).await;
    time.set_budget("linkedin", LINKEDIN_BUDGET).await;
    app.wait_for_toast("Budget saved.").await;
    time.wait_for_budget_used("linkedin", &format!("{SESSION_TEXT} of 1 h 15 min")).await;
    // The day's digest may come first; wait for the warning itself.
    let shown = eventually("LinkedIn's budget warning", async || {
        let shown = desktop.notifications();
        if shown.iter().any(|n| n.1.starts_with("LinkedIn budget")) {
            Ok(shown)
        } else {
            Err(shown)
        }
    })
    .await;
    let warnings: Vec<_> = shown.iter().filter(|n| n.1.starts_with("LinkedIn budget")).collect();
    assert_eq!(warnings.len(), 1, "{shown:?}");
    assert_eq!(warnings[0].1, "LinkedIn budget 80 % used");
    assert!(warnings[0].2.starts_with(&format!("{SESSION_TEXT} of 1 h 15 min this week.")), "{warnings:?}");
    assert!(!shown.iter().any(|n| n.1.starts_with("Social media budget")), "the whole budget is not near: {shown:?}");

    let week = app.open_week().await;
    week.wait_for_title_containing("Week of").await;
    let on_screen = week.figure("time-linkedin").await;
    assert!(on_screen.contains(SESSION_TEXT), "{on_screen:?}");
    app.screenshot("a-day-week").await;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("week.md");
    week.save_as_markdown().await;
    desktop.answer_save_dialog("Save the week as Markdown", &file).await;
    app.wait_for_toast("Saved ").await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains(&format!("| LinkedIn | {SESSION_TEXT} |")), "{saved}");
    assert!(saved.contains(&format!("Social media: {SESSION_TEXT} of 5 h")), "{saved}");

    // 7. The person from the Ladder archived, and taken back from the toast: back on
    // their column.
    let page = app.open_person(person).await;
    page.wait_for_name(&name).await;
    page.archive().await;
    app.wait_for_toast(&format!("{name} is in the archive.")).await;
    page.wait_for_archived(true).await;
    app.click_toast_action("Undo").await;
    page.wait_for_archived(false).await;
    assert_eq!(page.archived_in_timeline().await, 0);
    let ladder = app.open_ladder().await;
    ladder.wait_for_count("conversing", &on_rung.to_string()).await;
    app.quit().await;
}
