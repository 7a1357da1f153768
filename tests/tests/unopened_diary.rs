//! A diary file that cannot be opened: the window says why, and the file is not touched.

use rapport_e2e::Desktop;

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_diary_is_reported_in_the_window_and_left_untouched() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let diary = data.path().join("rapport.sqlite3");
    let garbage: Vec<u8> = b"not a diary at all\n".iter().copied().cycle().take(64 * 1024).collect();
    std::fs::write(&diary, &garbage).unwrap();

    let app = desktop.launch(data.path()).await;
    app.wait_for_text("[data-testid=diary-error] h1", "Rapport could not open your diary").await;
    let message = app.text("[data-testid=diary-error]").await;
    assert!(message.contains("damaged or is not a Rapport diary"), "{message}");
    assert!(message.contains("It was not changed"), "{message}");
    assert!(message.contains(&diary.display().to_string()), "the message names the file: {message}");
    app.screenshot("diary-damaged").await;
    app.quit().await;

    assert_eq!(std::fs::read(&diary).unwrap(), garbage, "the damaged file is kept as it was");
}
