//! Time measured by itself: under a real window manager, a window titled like LinkedIn in
//! a browser is active for half a minute and becomes a measured LinkedIn session on the
//! Time screen; another window, titled like something else, leaves no trace in the diary.

use std::time::Duration;

use rapport_e2e::{tid, Desktop};

const LINKEDIN: &str = "Feed | LinkedIn — Mozilla Firefox";
const ELSEWHERE: &str = "Kittens in boxes, vol. 7 — Mozilla Firefox";

#[tokio::test(flavor = "multi_thread")]
async fn a_linkedin_window_becomes_a_measured_session_and_another_window_leaves_no_trace() {
    let desktop = Desktop::start();
    let _wm = desktop.start_window_manager();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;

    // Off until the user turns it on, with one sentence on what it records.
    app.open_settings().await;
    app.wait_for_text_containing(&tid("capture-sentence"), "nothing about any other window").await;
    assert_eq!(app.property(&tid("capture-choice"), "value").await, "off");
    app.wait_for_text_containing(&tid("watcher-status"), "lets Rapport see which window is active").await;
    app.select(&tid("capture-choice"), "on").await;
    app.wait_for_toast("Time on platforms is measured from now on.").await;

    let (_linkedin, linkedin) = desktop.open_window(LINKEDIN).await;
    let (_elsewhere, elsewhere) = desktop.open_window(ELSEWHERE).await;
    desktop.activate(&elsewhere).await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    desktop.activate(&linkedin).await;
    // Half a minute and a little of reading, the pointer moving now and then: a session
    // is kept from 30 seconds on.
    for _ in 0..8 {
        tokio::time::sleep(Duration::from_secs(5)).await;
        desktop.move_pointer();
    }
    desktop.activate(&elsewhere).await;
    tokio::time::sleep(Duration::from_secs(6)).await;

    app.open_time().await;
    app.wait_for(&format!("{}[data-source=\"watched\"]", tid("session-source"))).await;
    let row = app.text(&tid("session-row")).await;
    assert!(row.starts_with("LinkedIn"), "{row}");
    // What the time bought: measured minutes, none of them followed by a touch yet.
    app.wait_for(&tid("yield-watched-linkedin")).await;
    assert_eq!(app.text(&tid("yield-led-linkedin")).await, "0 min");
    app.screenshot("watched-time").await;
    app.scroll_to(&tid("yield")).await;
    app.screenshot("watched-time-yield").await;

    // Settings tells what the last window matched, and nothing else of it.
    app.open_settings().await;
    app.wait_for(&tid("watch-match")).await;
    app.scroll_to(&tid("watch-match")).await;
    app.screenshot("watched-time-settings").await;

    // The diary file and its log hold no window title, matched or not.
    for name in ["rapport.sqlite3", "rapport.sqlite3-wal"] {
        let bytes = std::fs::read(data.path().join(name)).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Kittens"), "{name} holds the other window's title");
        assert!(!text.contains("Feed | LinkedIn"), "{name} holds a title");
    }
    app.quit().await;
}
