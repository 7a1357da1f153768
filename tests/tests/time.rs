//! The social-media timer in the real window: it survives a restart with its true start,
//! stopping records the session, and a 1-minute budget's 100 % warning reaches dunst once.

use std::time::{Duration, Instant};

use rapport_e2e::Desktop;

#[tokio::test(flavor = "multi_thread")]
async fn the_timer_survives_a_restart_and_the_budget_warns_once() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    app.click("[data-testid=nav-time]").await;
    app.click("[data-testid=timer-start-linkedin]").await;
    app.wait_for_text("[data-testid=timer-platform]", "LinkedIn").await;
    let since = app.wait_for("[data-testid=timer-since]").await.attr("datetime").await.unwrap().unwrap();
    app.screenshot("time-running").await;
    app.quit().await;

    let app = desktop.launch(data.path()).await;
    app.click("[data-testid=nav-time]").await;
    app.wait_for_text("[data-testid=timer-platform]", "LinkedIn").await;
    let again = app.wait_for("[data-testid=timer-since]").await.attr("datetime").await.unwrap().unwrap();
    assert_eq!(again, since, "still running from its first start");
    tokio::time::sleep(Duration::from_secs(2)).await;
    app.click("[data-testid=timer-stop]").await;
    app.wait_for("[data-testid=timer-start-linkedin]").await;
    let duration = app.text("[data-testid=session-duration]").await;
    let seconds: u64 = duration.rsplit(':').next().unwrap().parse().unwrap();
    assert!(duration.starts_with("0:00:") && (2..60).contains(&seconds), "the session lasted what the timer ran: {duration}");

    // A one-minute budget: the timer crosses 80 % and then 100 %, each said once.
    app.type_into("[data-testid=budget-all-input]", "1").await;
    app.click("[data-testid=budget-all-set]").await;
    app.wait_for_text_containing("[data-testid=toasts]", "Budget saved.").await;
    app.click("[data-testid=timer-start-linkedin]").await;
    let deadline = Instant::now() + Duration::from_secs(90);
    let used_up = |shown: &[(String, String, String)]| shown.iter().filter(|n| n.1 == "Social media budget used up").count();
    loop {
        let shown = desktop.notifications();
        if used_up(&shown) > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "no 100 % warning: {shown:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let shown = desktop.notifications();
    assert_eq!(used_up(&shown), 1, "{shown:?}");
    assert_eq!(shown.iter().filter(|n| n.1 == "Social media budget 80 % used").count(), 1, "{shown:?}");
    app.wait_for_text_containing("[data-testid=timer-left]", "over this week's budget").await;
    app.screenshot("time-over-budget").await;
    app.quit().await;
}
