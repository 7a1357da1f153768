//! The ladder in the real window: Ana Lima goes from a LinkedIn contact to a phone call,
//! her page and the board show it, and she moves on by keyboard; then search and the Diary
//! find her by what was said, and markup in a note stays text.

use rapport_e2e::pages::PersonPage;
use rapport_e2e::{tid, App, Desktop};
use serde_json::json;

const NOTE: &str = "<img src=x onerror=alert(1)> sent the deck";

#[tokio::test(flavor = "multi_thread")]
async fn from_a_linkedin_message_to_a_phone_call() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;

    // Ana Lima, with her LinkedIn handle: added as connected, as the handle suggests.
    let ana = app.open_people().await.add("Ana Lima", "Acme Analytics", "analima").await;
    ana.wait_for_rung("Connected").await;

    // Two personal DMs: mine, then her reply. A conversation.
    log_touch(&app, &ana, "direct_message", "out", NOTE).await;
    ana.wait_for_rung("Connected").await;
    log_touch(&app, &ana, "direct_message", "in", "Happy to talk next week").await;
    app.wait_for_toast("Ana Lima moved up to Conversing.").await;
    ana.wait_for_rung("Conversing").await;

    // Then a phone call.
    log_touch(&app, &ana, "phone", "out", "30 minutes on pricing").await;
    ana.wait_for_rung("Spoken").await;

    // Her page: three touches, two moves up (and being added), the note as text.
    ana.wait_for_touch_count("3").await;
    assert_eq!(ana.touches_in_timeline().await, 3);
    assert_eq!(ana.rung_changes_in_timeline().await, 3);
    assert_eq!(ana.moves_by_a_touch().await, json!(2));
    assert_no_injected_markup(&app, NOTE).await;
    app.screenshot("ladder-person-page").await;

    // The board shows her under Spoken.
    let ladder = app.open_ladder().await;
    ladder.wait_for_count("spoken", "1").await;
    assert_eq!(ladder.first_name("spoken").await, "Ana Lima");
    app.screenshot("ladder-board").await;

    // By keyboard: Shift+→ moves her card up to Met.
    ladder.move_up("spoken").await;
    ladder.wait_for_count("met", "1").await;
    assert_eq!(ladder.count("spoken").await, "0");
    app.quit().await;

    // On a desktop in dark mode the app is dark too.
    let app = desktop.launch_themed(data.path(), "Adwaita:dark").await;
    app.open_ladder().await.wait_for_count("met", "1").await;
    let background = app.script("return getComputedStyle(document.body).backgroundColor", vec![]).await;
    assert_eq!(background, json!("rgb(18, 22, 28)"));
    app.screenshot("ladder-board-dark").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_and_the_diary_find_her_by_what_was_said() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    // The same three touches as on her way up the ladder.
    let ana = app.open_people().await.add("Ana Lima", "Acme Analytics", "analima").await;
    log_touch(&app, &ana, "direct_message", "out", NOTE).await;
    log_touch(&app, &ana, "direct_message", "in", "Happy to talk next week").await;
    log_touch(&app, &ana, "phone", "out", "30 minutes on pricing").await;
    ana.wait_for_touch_count("3").await;

    // Search finds her by name and by company.
    let people = app.open_people().await;
    for search in ["lima", "acme"] {
        people.search(search).await;
        people.wait_for_count("1 person found").await;
        assert_eq!(people.first_row_name().await, "Ana Lima");
    }

    // And by what was said in a touch, with the words marked.
    people.search("pricing").await;
    people.wait_for_count("1 person found").await;
    assert_eq!(people.first_match_marked().await, "pricing");

    // The Diary lists all three, newest first, the note as text.
    app.open_diary().await.wait_for_status("3 touches shown").await;
    assert_no_injected_markup(&app, NOTE).await;
    app.screenshot("diary").await;
    app.quit().await;
}

/// Opens quick-log from her page (her preselected) and logs a touch.
async fn log_touch(app: &App, person: &PersonPage<'_>, channel: &str, direction: &str, notes: &str) {
    let form = person.log_touch().await;
    form.choose_channel(channel).await;
    form.choose_direction(direction).await;
    form.paste_notes(notes).await;
    app.screenshot("quick-log").await;
    form.save().await;
    // The form closes once the touch is logged (an earlier "Touch logged." toast may
    // still be showing, so that alone proves nothing).
    form.wait_until_closed().await;
    app.wait_for_toast("Touch logged.").await;
}

/// `note` appears as text and no element or script came from it.
async fn assert_no_injected_markup(app: &App, note: &str) {
    let found = app
        .script(
            "return { text: [...document.querySelectorAll(arguments[1])].some(p => p.textContent === arguments[0]),
                  images: document.querySelectorAll('#screen img').length }",
            vec![json!(note), json!(tid("touch-notes-text"))],
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
    let ana = app.open_people().await.add("Ana Lima", "Acme Analytics", "analima").await;
    let log: String =
        (0..10_000).map(|i| format!("2026-03-{:02} 09:{:02} Ana: message number {i} about the proposal\n", 1 + i % 28, i % 60)).collect();
    let chars = log.trim().chars().count();
    assert!(chars > 100_000);

    let form = ana.log_touch().await;
    let started = std::time::Instant::now();
    form.paste_notes(&log).await;
    form.save().await;
    form.wait_for_notes_error(&format!("Notes is too long: {chars} characters, the limit is 100000.")).await;
    let refused = started.elapsed();
    // The window answers at once while the big form is open.
    let asked = std::time::Instant::now();
    assert_eq!(form.notes_length().await, json!(log.len()));
    let answered = asked.elapsed();
    eprintln!("10,000 lines ({chars} characters): refused {refused:?} after the paste; the window answered in {answered:?}");

    // Cut to the limit, it is logged whole.
    let kept: String = log.chars().take(100_000).collect();
    form.paste_notes(&kept).await;
    form.save().await;
    form.wait_until_closed().await;
    ana.wait_for_touch_count("1").await;
    let diary = rapport_core::Diary::open(data.path().join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
    let touches = diary.touches(&Default::default()).unwrap().touches;
    assert_eq!(touches[0].notes, kept.trim(), "kept as pasted, less surrounding blank space");
    app.quit().await;
}
