//! A rung move, an archive and a dismissed nudge say so in a toast that can take them
//! back, and the archive shows on the person's timeline.

use rapport_e2e::{eventually, ok_if, Desktop};

#[tokio::test(flavor = "multi_thread")]
async fn a_rung_move_and_an_archive_are_undone_from_the_toast_that_confirms_them() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    let ana = app.open_people().await.add("Ana Lima", "", "").await;

    ana.set_rung("met").await;
    ana.wait_for_rung("Met").await;
    app.wait_for_toast("Ana Lima is now on Met.").await;
    app.click_toast_action("Undo").await;
    ana.wait_for_rung("Noticed").await;
    eventually("the move to leave the timeline", async || {
        let changes = ana.rung_changes_in_timeline().await;
        ok_if(changes == 1, changes)
    })
    .await;

    ana.archive().await;
    app.wait_for_toast("Ana Lima is in the archive.").await;
    eventually("the archive on the timeline", async || {
        let rows = ana.archived_in_timeline().await;
        ok_if(rows == 1, rows)
    })
    .await;
    app.screenshot("undo-archived").await;
    app.click_toast_action("Undo").await;
    eventually("the archive taken back", async || {
        let rows = ana.archived_in_timeline().await;
        ok_if(rows == 0, rows)
    })
    .await;
    app.open_people().await.wait_for_listed("Ana Lima").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_quick_log_asks_personal_or_broadcast_only_of_written_touches() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    app.open_people().await.add("Ana Lima", "", "").await;
    let log = app.open_quick_log_by_keyboard().await;
    assert!(log.personal_shown().await, "a direct message can be a broadcast");
    log.choose_channel("phone").await;
    assert!(!log.personal_shown().await, "a call is personal by nature");
    log.choose_channel("public_post").await;
    assert!(log.personal_shown().await);
    app.quit().await;
}
