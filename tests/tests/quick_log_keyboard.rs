//! Logging by keyboard alone from any screen, then deleting the touch and taking it back.

use rapport_e2e::Desktop;

#[tokio::test(flavor = "multi_thread")]
async fn log_by_keyboard_then_delete_and_undo() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    app.open_people().await.add("Bo Larsen", "", "").await;

    // From the Week screen: Ctrl+L, type, Enter picks Bo, Ctrl+Enter logs.
    app.go_to("week").await;
    let form = app.open_quick_log_by_keyboard().await;
    form.type_in_people("bo").await;
    form.wait_for_suggestion().await;
    form.pick_suggestion().await;
    form.wait_for_chosen("Bo Larsen✕").await;
    form.log_with_ctrl_enter().await;
    app.wait_for_toast("Touch logged.").await;

    // In the Diary: delete asks first, then Undo brings it back.
    let diary = app.open_diary().await;
    diary.wait_for_status("1 touch shown").await;
    assert_eq!(diary.first_touch_people().await, "Bo Larsen");
    diary.delete_first().await;
    diary.wait_for_status("No touches match. Log one with Ctrl+L.").await;
    app.screenshot("diary-deleted-undo").await;
    app.click_toast_action("Undo").await;
    diary.wait_for_status("1 touch shown").await;
    app.quit().await;
}
