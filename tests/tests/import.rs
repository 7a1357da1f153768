//! Importing LinkedIn connections in the real window: the file chosen in the native open
//! dialog, the preview read row by row, the people on the Ladder under Connected, and a
//! second import of the same file adding no one.

use rapport_e2e::{App, Desktop};

const CONNECTIONS: &str = include_str!("../../src-tauri/core/tests/fixtures/import/Connections.csv");

async fn open_preview(desktop: &Desktop, app: &App, file: &std::path::Path) {
    app.click("[data-testid=people-import]").await;
    desktop.answer_open_dialog("Import people", file).await;
    app.wait_for("[data-testid=import-preview]").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn linkedin_connections_land_on_the_ladder_under_connected() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("Connections.csv");
    std::fs::write(&file, CONNECTIONS).unwrap();
    let app = desktop.launch(data.path()).await;

    app.click("[data-testid=nav-people]").await;
    open_preview(&desktop, &app, &file).await;
    app.wait_for_text("[data-testid=import-new]", "5 new people").await;
    assert_eq!(app.text("[data-testid=import-rejected]").await, "3 rows left out");
    assert_eq!(app.count("[data-testid=import-row]").await, 8);
    let rows = app
        .script("return [...document.querySelectorAll('[data-testid=import-row]')].map(r => [...r.cells].map(c => c.innerText.trim()).join(' | '))", vec![])
        .await;
    let rows: Vec<String> = serde_json::from_value(rows).unwrap();
    assert_eq!(rows[0], "5 | Ana Lima\nManaging Partner, Lima, Costa & Partners | New, on Connected");
    assert_eq!(rows[5], "10 | Chidi Okafor | \"Connected On\" is \"31 Feb 2024\", not a date like 15 Mar 2024.");
    assert_eq!(rows[6], "11 | Ana Lima\nManaging Partner, Lima, Costa & Partners | The same person as line 5; imported once.");
    // Markup in a company stays text.
    assert!(rows[7].starts_with("12 | Dmitri Volkov\nDirector, \"Special\" Projects, <b>Volkov</b> & Co"), "{}", rows[7]);
    assert_eq!(app.count("[data-testid=import-preview] b").await, 0);
    app.screenshot("import-preview").await;

    app.click("[data-testid=import-apply]").await;
    app.wait_for_text_containing("[data-testid=toasts]", "Imported Connections.csv: 5 people added, 0 updated.").await;

    // The Ladder board: five people under Connected.
    app.click("[data-testid=nav-ladder]").await;
    app.wait_for_text("[data-testid=count-connected]", "5").await;
    let names = app
        .script("return [...document.querySelectorAll('[data-testid=column-connected] [data-testid=ladder-card] .name')].map(n => n.textContent).sort()", vec![])
        .await;
    assert_eq!(names, serde_json::json!(["Ana Lima", "Bram de Vries", "Dmitri Volkov", "Zoë Ångström", "kenji-sato-88"]));
    app.screenshot("import-ladder").await;

    // The same file again: everyone is already here; nothing to import.
    app.click("[data-testid=nav-people]").await;
    open_preview(&desktop, &app, &file).await;
    app.wait_for_text("[data-testid=import-unchanged]", "5 already here").await;
    assert_eq!(app.text("[data-testid=import-apply]").await, "Nothing to import");
    assert_eq!(app.script("return document.querySelector('[data-testid=import-apply]').disabled", vec![]).await, true);
    app.script("document.querySelector('[data-testid=import-dialog]').close()", vec![]).await;
    app.wait_for_text("[data-testid=people-count]", "5 people").await;

    // A file that is not an export: a clear message, nothing written.
    let other = files.path().join("notes.csv");
    std::fs::write(&other, "Name,Phone\nAna,123\n").unwrap();
    app.click("[data-testid=people-import]").await;
    desktop.answer_open_dialog("Import people", &other).await;
    app.wait_for_text_containing("[data-testid=toasts]", "This is not a file Rapport can import. Line 1 reads \"Name,Phone\".").await;
    assert_eq!(app.count("[data-testid=import-preview]").await, 0);
    app.quit().await;
}
