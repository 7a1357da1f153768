//! Ctrl+K from anywhere: a person found by People's search and opened, an action on them
//! ("log ana"), a screen by its name, all from the keyboard; what was run lately first.

use fantoccini::key::Key;
use rapport_core::people::PersonEdit;
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::Diary;
use rapport_e2e::{tid, Desktop};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn the_palette_finds_people_screens_and_actions_from_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    let mut diary = Diary::open(data.path().join(DIARY_FILE_NAME)).unwrap();
    let mut ids = Vec::new();
    for (name, company) in [("Ana Lima", "Acme"), ("Bo Berg", ""), ("Anabel Costa", "")] {
        ids.push(diary.add_person(&PersonEdit { display_name: name.into(), company: company.into(), ..Default::default() }).unwrap().id);
    }
    drop(diary);
    let desktop = Desktop::start();
    let app = desktop.launch(data.path()).await;
    app.open_today().await;
    let ctrl_k = format!("{}k{}", char::from(Key::Control), char::from(Key::Control));
    let items = "return [...document.querySelectorAll('[data-testid=palette-item]')].map(li => li.firstChild.textContent)";

    // A person by a part of their name: Enter opens their page.
    app.wait_for("body").await.send_keys(&ctrl_k).await.unwrap();
    app.type_into(&tid("palette-input"), "lima").await;
    app.wait_for_text_containing(&tid("palette-items"), "Ana Lima").await;
    assert_eq!(app.script(items, vec![]).await[0], json!("Ana Lima"));
    app.screenshot("palette").await;
    app.find(&tid("palette-input")).await.send_keys(&char::from(Key::Enter).to_string()).await.unwrap();
    app.wait_for_text(&tid("person-name"), "Ana Lima").await;
    assert_eq!(app.hash().await, json!(format!("#people/{}", ids[0])));

    // Opened again, the person just run comes first, before anything is typed.
    app.wait_for("body").await.send_keys(&ctrl_k).await.unwrap();
    app.wait_for_text_containing(&tid("palette-items"), "Ana Lima").await;
    assert_eq!(app.script(items, vec![]).await[0], json!("Ana Lima"));

    // An action's word and a name: "log bo" offers the quick log with Bo chosen.
    app.type_into(&tid("palette-input"), "log bo").await;
    app.wait_for_text_containing(&tid("palette-items"), "Log a touch with Bo Berg…").await;
    assert_eq!(app.script(items, vec![]).await, json!(["Log a touch with Bo Berg…"]));
    app.find(&tid("palette-input")).await.send_keys(&char::from(Key::Enter).to_string()).await.unwrap();
    app.wait_for_text(&tid("touch-people-chip"), "Bo Berg✕").await;
    app.find(&tid("touch-people-input")).await.send_keys(&char::from(Key::Escape).to_string()).await.unwrap();
    app.wait_for_count(&tid("quick-log"), 0).await;

    // A screen by its name, ↓ to the second match, Esc closes without running anything.
    app.wait_for("body").await.send_keys(&ctrl_k).await.unwrap();
    app.type_into(&tid("palette-input"), "week").await;
    app.wait_for_text_containing(&tid("palette-items"), "Go to Week").await;
    app.find(&tid("palette-input")).await.send_keys(&char::from(Key::Enter).to_string()).await.unwrap();
    app.wait_for(&tid("touch-total")).await;
    app.wait_for("body").await.send_keys(&ctrl_k).await.unwrap();
    app.type_into(&tid("palette-input"), "zzz").await;
    app.wait_for_text(&tid("palette-items"), "Nothing matches.").await;
    app.find(&tid("palette-input")).await.send_keys(&char::from(Key::Escape).to_string()).await.unwrap();
    app.wait_for_count(&tid("palette"), 0).await;
    assert_eq!(app.hash().await, json!("#week"));
    app.quit().await;
}
