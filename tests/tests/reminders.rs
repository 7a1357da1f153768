//! Reminders in the real window with the real dunst: a follow-up due in a few seconds is
//! notified exactly once, not again after a restart, and a second launch starts no second
//! scheduler; a gap brings one summary; with no notification server the window says it;
//! and a reminder's toast goes once its follow-up is done or snoozed.

use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{Local, NaiveTime};
use rapport_core::agenda::FollowUpInput;
use rapport_core::storage::Settings;
use rapport_core::vocab::FollowUpKind;
use rapport_core::Diary;
use rapport_e2e::pages::PersonPage;
use rapport_e2e::{app_binary, eventually, eventually_within, ok_if, tid, App, Desktop};

/// Adds a follow-up with the person on `page` through the form, due `seconds` from now
/// (local time).
async fn follow_up_due_in(app: &App, page: &PersonPage<'_>, seconds: i64) {
    let due = Local::now() + chrono::Duration::seconds(seconds);
    let form = page.add_follow_up().await;
    form.wait_for_person("Ana Lima✕").await;
    assert_eq!(form.title().await, "Call Ana Lima");
    form.paste_date(&due.format("%Y-%m-%d").to_string()).await;
    form.paste_time(&due.format("%H:%M:%S").to_string()).await;
    form.save().await;
    app.wait_for_toast("Follow-up added.").await;
}

/// A diary whose only reminder so far is Ana's call, said once: her follow-up came due in
/// the running app, and clicking the notification opened her page.
async fn ana_reminded_once(desktop: &Desktop, data: &std::path::Path) -> App {
    // Counted exactly below: the weekly review's reminder must not join in on a Friday.
    let mut diary = Diary::open(data.join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
    diary.update_settings(Settings { review_reminder: None, ..Settings::default() }).unwrap();
    drop(diary);
    let app = desktop.launch(data).await;
    let ana = app.open_people().await.add("Ana Lima", "Acme Analytics", "analima").await;

    follow_up_due_in(&app, &ana, 4).await;
    assert!(desktop.notifications().is_empty(), "not before it is due");
    // Clicking the notification opens Ana's page, wherever the window was.
    app.open_today().await;
    desktop.click_notification().await;
    ana.wait_for_name("Ana Lima").await;
    let shown = desktop.wait_for_notifications(1).await;
    // The first line names the person and the reason; the second says what to do.
    assert_eq!(shown, [("Rapport".to_string(), "Call Ana Lima".to_string(), "Pick up the phone · no touch yet".to_string())]);
    app
}

#[tokio::test(flavor = "multi_thread")]
async fn reminded_once_then_not_again() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = ana_reminded_once(&desktop, data.path()).await;
    app.wait_for_reminder("Call Ana Lima: Pick up the phone").await;
    app.screenshot("reminder-in-window").await;

    // A second launch shows this window and exits: no second scheduler.
    let mut second = Command::new(app_binary());
    second.envs(desktop.env(data.path())).stdout(Stdio::null()).stderr(Stdio::null());
    let mut second = second.spawn().unwrap();
    let status =
        eventually_within("the second instance to exit", Duration::from_secs(15), async || second.try_wait().unwrap().ok_or("running"))
            .await;
    assert!(status.success(), "the second launch hands over and exits cleanly: {status}");
    app.quit().await;

    // A restart says nothing again.
    let app = desktop.launch(data.path()).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(desktop.notifications().len(), 1, "no duplicate after a restart");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_gap_one_summary_not_a_flood() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    ana_reminded_once(&desktop, data.path()).await.quit().await;

    // Three come due while Rapport is not running: one summary when it starts.
    {
        let mut diary = Diary::open(data.path().join("rapport.sqlite3")).unwrap();
        let yesterday = Local::now().date_naive() - chrono::Duration::days(1);
        for (hour, title) in [(9, "Write to Bo"), (10, "Meet Cy"), (11, "Thank Dee")] {
            diary
                .add_follow_up(&FollowUpInput {
                    person_id: None,
                    touch_id: None,
                    kind: FollowUpKind::Other,
                    title: title.into(),
                    notes: String::new(),
                    due_date: yesterday.into(),
                    due_time: NaiveTime::from_hms_opt(hour, 0, 0),
                })
                .unwrap();
        }
    }
    let app = desktop.launch(data.path()).await;
    let shown = desktop.wait_for_notifications(2).await;
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert_eq!(shown[1].1, "3 follow-ups came due while you were away");
    assert_eq!(shown[1].2, "Write to Bo · Meet Cy · Thank Dee");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(desktop.notifications().len(), 2, "one summary, not a flood");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_no_notification_server_the_window_shows_the_reminder() {
    let desktop = Desktop::without_notifications();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    let ana = app.open_people().await.add("Ana Lima", "", "").await;
    follow_up_due_in(&app, &ana, 2).await;
    app.wait_for_reminder("Call Ana Lima: Pick up the phone · no touch yet").await;
    // The window shows the reminder before the notification is tried, so the log line
    // that says why it failed may come a moment later.
    let log = eventually("the log to say why there was no notification", async || {
        let log = app.log();
        ok_if(log.contains("rapport: no notification server answered"), log.clone()).map(|()| log)
    })
    .await;
    assert!(!log.contains("panicked"), "{log}");
    let settings = app.open_settings().await;
    settings.wait_for_notifications_status("Desktop notifications are not available: no notification server answered").await;
    app.screenshot("settings-no-notifications").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reminder_s_toast_goes_once_it_is_done_or_snoozed() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let mut diary = Diary::open(data.path().join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
    diary.update_settings(Settings { review_reminder: None, ..Settings::default() }).unwrap();
    drop(diary);
    let app = desktop.launch(data.path()).await;
    let ana = app.open_people().await.add("Ana Lima", "", "").await;

    follow_up_due_in(&app, &ana, 2).await;
    app.wait_for_reminder("Call Ana Lima: Pick up the phone").await;
    ana.complete_follow_up().await;
    app.wait_for_toast("Done: Call Ana Lima.").await;
    app.wait_for_count(&tid("reminder"), 0).await;
    app.screenshot("reminder-answered").await;

    follow_up_due_in(&app, &ana, 2).await;
    app.wait_for_reminder("Call Ana Lima: Pick up the phone").await;
    ana.snooze_follow_up(0).await;
    app.wait_for_toast("Snoozed: Call Ana Lima.").await;
    app.wait_for_count(&tid("reminder"), 0).await;

    // From the notification itself: Done in dunst's menu, and the window's toast goes.
    follow_up_due_in(&app, &ana, 2).await;
    app.wait_for_reminder("Call Ana Lima: Pick up the phone").await;
    desktop.choose_notification_action("Done").await;
    app.wait_for_count(&tid("reminder"), 0).await;
    let done: i64 = rusqlite_open(data.path()).query_row("SELECT count(*) FROM follow_up WHERE status = 'done'", [], |r| r.get(0)).unwrap();
    assert_eq!(done, 2, "the first done in the window, the third from dunst");

    // And Snooze 1 h from the notification.
    follow_up_due_in(&app, &ana, 2).await;
    app.wait_for_reminder("Call Ana Lima: Pick up the phone").await;
    desktop.choose_notification_action("Snooze 1 h").await;
    app.wait_for_count(&tid("reminder"), 0).await;
    let snoozed: i64 =
        rusqlite_open(data.path()).query_row("SELECT count(*) FROM follow_up WHERE status = 'snoozed'", [], |r| r.get(0)).unwrap();
    assert_eq!(snoozed, 2, "the window's snooze and the notification's");
    app.quit().await;
}

fn rusqlite_open(data: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(data.join(rapport_core::storage::DIARY_FILE_NAME)).unwrap()
}
