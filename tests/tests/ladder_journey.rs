//! The ladder in the real window: Ana Lima goes from a LinkedIn contact to a phone call,
//! the board and her page show it, search finds her, and markup in a note stays text.

use fantoccini::key::Key;
use rapport_e2e::Desktop;
use serde_json::json;

const NOTE: &str = "<img src=x onerror=alert(1)> sent the deck";

#[tokio::test(flavor = "multi_thread")]
async fn from_a_linkedin_message_to_a_phone_call() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;

    // Ana Lima, with her LinkedIn handle.
    app.add_person("Ana Lima", "Acme Analytics", "analima").await;
    app.wait_for_text("[data-testid=person-rung-now]", "Noticed").await;

    // Two personal DMs: mine, then her reply. A conversation.
    log_touch(&app, "direct_message", "out", NOTE).await;
    app.wait_for_text("[data-testid=person-rung-now]", "Noticed").await;
    log_touch(&app, "direct_message", "in", "Happy to talk next week").await;
    app.wait_for_text_containing("[data-testid=toasts]", "Ana Lima moved up to Conversing.").await;
    app.wait_for_text("[data-testid=person-rung-now]", "Conversing").await;

    // Then a phone call.
    log_touch(&app, "phone", "out", "30 minutes on pricing").await;
    app.wait_for_text("[data-testid=person-rung-now]", "Spoken").await;

    // Her page: three touches, two moves up (and being added), the note as text.
    app.wait_for_text("[data-testid=figure-touches]", "3").await;
    assert_eq!(app.count("[data-testid=timeline] [data-testid=touch-row]").await, 3);
    assert_eq!(app.count("[data-testid=timeline] [data-testid=rung-row]").await, 3);
    let moves = app.script(
        "return [...document.querySelectorAll('[data-testid=rung-row]')].map(r => r.textContent).filter(t => t.includes('by a touch')).length", vec![]).await;
    assert_eq!(moves, json!(2));
    assert_no_injected_markup(&app, NOTE).await;
    app.screenshot("ladder-person-page").await;

    // The board shows her under Spoken.
    app.click("[data-testid=nav-ladder]").await;
    app.wait_for_text("[data-testid=count-spoken]", "1").await;
    assert_eq!(app.text_content("[data-testid=column-spoken] [data-testid=ladder-card] .name").await, "Ana Lima");
    app.screenshot("ladder-board").await;

    // By keyboard: Shift+→ moves her card up to Met.
    let card = app.wait_for("[data-testid=column-spoken] [data-testid=ladder-card]").await;
    card.send_keys(&format!("{}{}", char::from(Key::Shift), char::from(Key::Right))).await.unwrap();
    app.wait_for_text("[data-testid=count-met]", "1").await;
    assert_eq!(app.text("[data-testid=count-spoken]").await, "0");

    // Search finds her by name and by company.
    app.click("[data-testid=nav-people]").await;
    for search in ["lima", "acme"] {
        app.type_into("[data-testid=people-search]", search).await;
        app.wait_for_text("[data-testid=people-count]", "1 person found").await;
        assert_eq!(app.text_content("[data-testid=person-row] .name").await, "Ana Lima");
    }

    // And by what was said in a touch, with the words marked.
    app.type_into("[data-testid=people-search]", "pricing").await;
    app.wait_for_text("[data-testid=people-count]", "1 person found").await;
    assert_eq!(app.text_content("[data-testid=person-matched] mark").await, "pricing");

    // The Diary lists all three, newest first, the note as text.
    app.click("[data-testid=nav-diary]").await;
    app.wait_for_text("[data-testid=diary-status]", "3 touches shown").await;
    assert_no_injected_markup(&app, NOTE).await;
    app.screenshot("diary").await;
    app.quit().await;

    // On a desktop in dark mode the app is dark too.
    let app = desktop.launch_themed(data.path(), "Adwaita:dark").await;
    app.click("[data-testid=nav-ladder]").await;
    app.wait_for_text("[data-testid=count-met]", "1").await;
    let background = app.script("return getComputedStyle(document.body).backgroundColor", vec![]).await;
    assert_eq!(background, json!("rgb(18, 22, 28)"));
    app.screenshot("ladder-board-dark").await;
    app.quit().await;
}

/// Opens quick-log from the person page (Ana preselected) and logs a touch.
async fn log_touch(app: &rapport_e2e::App, channel: &str, direction: &str, notes: &str) {
    app.click("[data-testid=person-log-touch]").await;
    app.wait_for("[data-testid=quick-log] [data-testid=touch-people-chip]").await;
    app.select("[data-testid=touch-channel]", channel).await;
    app.select("[data-testid=touch-direction]", direction).await;
    app.paste_into("[data-testid=touch-notes]", notes).await;
    app.screenshot("quick-log").await;
    app.click("[data-testid=touch-save]").await;
    // The form closes once the touch is logged (an earlier "Touch logged." toast may
    // still be showing, so that alone proves nothing).
    app.wait_for_count("dialog[open]", 0).await;
    app.wait_for_text_containing("[data-testid=toasts]", "Touch logged.").await;
}

/// `note` appears as text and no element or script came from it.
async fn assert_no_injected_markup(app: &rapport_e2e::App, note: &str) {
    let found = app
        .script(
            "return { text: [...document.querySelectorAll('[data-testid=touch-notes-text]')].some(p => p.textContent === arguments[0]),
                  images: document.querySelectorAll('#screen img').length }",
            vec![json!(note)],
        )
        .await;
    assert_eq!(found, json!({ "text": true, "images": 0 }));
}

/// A year of chat pasted into a touch's notes, 10,000 lines: refused with its size and
/// the limit, the window answering meanwhile; trimmed under the limit, it is logged.
#[tokio::test(flavor = "multi_thread")]
async fn a_10000_line_paste_is_refused_clearly_and_the_window_keeps_answering() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    app.add_person("Ana Lima", "Acme Analytics", "analima").await;
    let log: String =
        (0..10_000).map(|i| format!("2026-03-{:02} 09:{:02} Ana: message number {i} about the proposal\n", 1 + i % 28, i % 60)).collect();
    let chars = log.trim().chars().count();
    assert!(chars > 100_000);

    app.click("[data-testid=person-log-touch]").await;
    app.wait_for("[data-testid=quick-log] [data-testid=touch-people-chip]").await;
    let started = std::time::Instant::now();
    app.paste_into("[data-testid=touch-notes]", &log).await;
    app.click("[data-testid=touch-save]").await;
    app.wait_for_text("[data-testid=touch-error-notes]", &format!("Notes is too long: {chars} characters, the limit is 100000.")).await;
    let refused = started.elapsed();
    // The window answers at once while the big form is open.
    let asked = std::time::Instant::now();
    assert_eq!(app.script("return document.querySelector('[data-testid=touch-notes]').value.length", vec![]).await, json!(log.len()));
    let answered = asked.elapsed();
    eprintln!("10,000 lines ({chars} characters): refused {refused:?} after the paste; the window answered in {answered:?}");

    // Cut to the limit, it is logged whole.
    let kept: String = log.chars().take(100_000).collect();
    app.paste_into("[data-testid=touch-notes]", &kept).await;
    app.click("[data-testid=touch-save]").await;
    app.wait_for_count("dialog[open]", 0).await;
    app.wait_for_text("[data-testid=figure-touches]", "1").await;
    let diary = rapport_core::Diary::open(data.path().join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
    let touches = diary.touches(&Default::default()).unwrap().touches;
    assert_eq!(touches[0].notes, kept.trim(), "kept as pasted, less surrounding blank space");
    app.quit().await;
}
