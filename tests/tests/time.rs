//! The social-media timer in the real window: it survives a restart with its true start,
//! stopping records the session, and a 1-minute budget's 100 % warning reaches dunst once.
//! The running timer shows in the sidebar on every screen and stops from there; two
//! messages at most show at once.

use std::time::Duration;

use rapport_e2e::{eventually_within, ok_if, tid, tid_in, Desktop};

#[tokio::test(flavor = "multi_thread")]
async fn the_timer_survives_a_restart_and_the_budget_warns_once() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    let time = app.open_time().await;
    time.start("linkedin").await;
    time.wait_for_running("LinkedIn").await;
    let since = time.running_since().await;
    app.screenshot("time-running").await;
    app.quit().await;

    let app = desktop.launch(data.path()).await;
    let time = app.open_time().await;
    time.wait_for_running("LinkedIn").await;
    let again = time.running_since().await;
    assert_eq!(again, since, "still running from its first start");
    tokio::time::sleep(Duration::from_secs(2)).await;
    time.stop().await;
    time.wait_for_start_button("linkedin").await;
    let duration = time.session_duration().await;
    let seconds: u64 = duration.rsplit(':').next().unwrap().parse().unwrap();
    assert!(duration.starts_with("0:00:") && (2..60).contains(&seconds), "the session lasted what the timer ran: {duration}");

    // A one-minute budget: the timer crosses 80 % and then 100 %, each said once.
    time.set_weekly_budget("1").await;
    app.wait_for_toast("Budget saved.").await;
    time.start("linkedin").await;
    let used_up = |shown: &[(String, String, String)]| shown.iter().filter(|n| n.1 == "Social media budget used up").count();
    eventually_within("the 100 % warning", Duration::from_secs(90), async || {
        let shown = desktop.notifications();
        ok_if(used_up(&shown) > 0, shown)
    })
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let shown = desktop.notifications();
    assert_eq!(used_up(&shown), 1, "{shown:?}");
    assert_eq!(shown.iter().filter(|n| n.1 == "Social media budget 80 % used").count(), 1, "{shown:?}");
    time.wait_for_left("over this week's budget").await;
    app.screenshot("time-over-budget").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sidebar_timer_stops_from_any_screen_and_two_toasts_show_at_most() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    let time = app.open_time().await;
    assert_eq!(app.text(&tid("budget-all-unit")).await, "min a week", "the budget field says its unit");
    time.start("linkedin").await;
    let sidebar = app.sidebar_timer();
    for screen in ["today", "people", "ladder", "diary", "week", "settings"] {
        app.go_to(screen).await;
        sidebar.wait_for_running("LinkedIn").await;
    }
    assert_eq!(sidebar.minutes().await, "0 min");
    app.screenshot("sidebar-timer").await;
    sidebar.stop().await;
    sidebar.wait_until_gone().await;
    app.open_time().await.wait_for_start_button("linkedin").await;

    // Ctrl+T on another screen starts the last platform again; the sidebar follows. Of the
    // three messages on the way, the newest two show.
    time.set_weekly_budget("300").await;
    app.wait_for_toast("Budget saved.").await;
    app.open_today().await;
    app.toggle_timer_by_keyboard().await;
    sidebar.wait_for_running("LinkedIn").await;
    app.toggle_timer_by_keyboard().await;
    sidebar.wait_until_gone().await;
    app.wait_for_toast("Timer stopped.").await;
    app.wait_for_count(&tid_in("toasts", "toast"), 2).await;
    let shown = app.text_content(&tid("toasts")).await;
    assert!(shown.contains("Timer started.") && !shown.contains("Budget saved."), "{shown}");
    app.screenshot("toasts-two").await;
    app.quit().await;
}
