//! Logging by keyboard alone from any screen, then deleting the touch and taking it back.

use fantoccini::key::Key;
use rapport_e2e::Desktop;

#[tokio::test(flavor = "multi_thread")]
async fn log_by_keyboard_then_delete_and_undo() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    app.add_person("Bo Larsen", "", "").await;

    // From the Week screen: Ctrl+L, type, Enter picks Bo, Ctrl+Enter logs.
    app.click("[data-testid=nav-week]").await;
    let body = app.wait_for("body").await;
    body.send_keys(&format!("{}l{}", char::from(Key::Control), char::from(Key::Control))).await.unwrap();
    let input = app.wait_for("[data-testid=quick-log] [data-testid=touch-people-input]").await;
    input.send_keys("bo").await.unwrap();
    app.wait_for("[data-testid=touch-people-option]").await;
    input.send_keys(&char::from(Key::Enter).to_string()).await.unwrap();
    app.wait_for_text("[data-testid=touch-people-chip]", "Bo Larsen✕").await;
    input.send_keys(&format!("{}{}{}", char::from(Key::Control), char::from(Key::Enter), char::from(Key::Control))).await.unwrap();
    app.wait_for_text_containing("[data-testid=toasts]", "Touch logged.").await;

    // In the Diary: delete asks first, then Undo brings it back.
    app.click("[data-testid=nav-diary]").await;
    app.wait_for_text("[data-testid=diary-status]", "1 touch shown").await;
    assert_eq!(app.text("[data-testid=touch-people]").await, "Bo Larsen");
    app.click("[data-testid=touch-delete]").await;
    app.click("[data-testid=touch-delete-confirm]").await;
    app.wait_for_text("[data-testid=diary-status]", "No touches match. Log one with Ctrl+L.").await;
    app.screenshot("diary-deleted-undo").await;
    app.click("[data-testid=toast-action][data-action=Undo]").await;
    app.wait_for_text("[data-testid=diary-status]", "1 touch shown").await;
    app.quit().await;
}
