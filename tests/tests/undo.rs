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

/// One person with two follow-ups due today; the person's id.
fn two_due_today(data: &std::path::Path) -> i64 {
    use rapport_core::agenda::FollowUpInput;
    use rapport_core::vocab::FollowUpKind;
    let mut diary = rapport_core::Diary::open(data.join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
    let ana = diary.add_person(&rapport_core::people::PersonEdit { display_name: "Ana Lima".into(), ..Default::default() }).unwrap().id;
    for title in ["Call Ana Lima about the offer", "Send Ana Lima the deck"] {
        let input = FollowUpInput {
            person_id: Some(ana),
            touch_id: None,
            kind: FollowUpKind::Call,
            title: title.into(),
            notes: String::new(),
            due_date: rapport_core::clock::days::TypedDay::Date(chrono::Local::now().date_naive()),
            due_time: None,
        };
        diary.add_follow_up(&input).unwrap();
    }
    ana
}

#[tokio::test(flavor = "multi_thread")]
async fn a_single_done_or_drop_is_undone_from_its_toast_even_ten_seconds_later() {
    use rapport_e2e::{tid, tid_in};
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let ana = two_due_today(data.path());
    let app = desktop.launch(data.path()).await;

    // Done on Today, then Undo: the row is back, open.
    let today = app.open_today().await;
    today.wait_for_due_today_count(2).await;
    app.click(&tid_in("due-today", "follow-up-done")).await;
    app.wait_for_toast("Done: Call Ana Lima about the offer.").await;
    today.wait_for_due_today_count(1).await;
    assert_eq!(app.count(&format!("{}[data-action=\"Log the touch\"]", tid("toast-action"))).await, 1, "Undo sits beside Log the touch");
    app.screenshot("undo-done-row").await;
    app.click_toast_action("Undo").await;
    app.wait_for_toast("Brought back 1 follow-up.").await;
    today.wait_for_due_today_count(2).await;
    app.wait_for_text_containing(&tid("due-today"), "Call Ana Lima about the offer").await;

    // Drop on the person's page, and the Undo still there more than ten seconds on.
    let page = app.open_person(ana).await;
    page.wait_for_follow_up("Send Ana Lima the deck").await;
    app.click(&tid_in("person-follow-ups", "follow-up-drop")).await;
    app.wait_for_toast("Dropped: Call Ana Lima about the offer.").await;
    app.wait_for_count(&tid_in("person-follow-ups", "follow-up-row"), 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(10_500)).await;
    app.click_toast_action("Undo").await;
    app.wait_for_count(&tid_in("person-follow-ups", "follow-up-row"), 2).await;
    page.wait_for_follow_up("Call Ana Lima about the offer").await;
    app.quit().await;
}
