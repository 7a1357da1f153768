//! Importing LinkedIn connections in the real window: the file chosen in the native open
//! dialog, the preview read row by row, the people on the Ladder under Connected, and a
//! second import of the same file adding no one.

use rapport_e2e::Desktop;

const CONNECTIONS: &str = include_str!("../../src-tauri/core/tests/fixtures/import/Connections.csv");

#[tokio::test(flavor = "multi_thread")]
async fn linkedin_connections_land_on_the_ladder_under_connected() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("Connections.csv");
    std::fs::write(&file, CONNECTIONS).unwrap();
    let app = desktop.launch(data.path()).await;

    let people = app.open_people().await;
    let import = people.import(&desktop, &file).await;
    import.wait_for_preview().await;
    import.wait_for_new("5 new people").await;
    assert_eq!(import.rejected().await, "3 rows left out");
    assert_eq!(import.row_count().await, 8);
    let rows = import.rows().await;
    assert_eq!(rows[0], "5 | Ana Lima\nManaging Partner, Lima, Costa & Partners | New, on Connected");
    assert_eq!(rows[5], "10 | Chidi Okafor | \"Connected On\" is \"31 Feb 2024\", not a date like 15 Mar 2024.");
    assert_eq!(rows[6], "11 | Ana Lima\nManaging Partner, Lima, Costa & Partners | The same person as line 5; imported once.");
    // Markup in a company stays text.
    assert!(rows[7].starts_with("12 | Dmitri Volkov\nDirector, \"Special\" Projects, <b>Volkov</b> & Co"), "{}", rows[7]);
    assert_eq!(import.bold_in_preview().await, 0);
    app.screenshot("import-preview").await;

    import.apply().await;
    app.wait_for_toast("Imported Connections.csv: 5 people added, 0 updated.").await;

    // The Ladder board: five people under Connected.
    let ladder = app.open_ladder().await;
    ladder.wait_for_count("connected", "5").await;
    assert_eq!(
        ladder.names("connected").await,
        serde_json::json!(["Ana Lima", "Bram de Vries", "Dmitri Volkov", "Zoë Ångström", "kenji-sato-88"])
    );
    app.screenshot("import-ladder").await;

    // The same file again: everyone is already here; nothing to import.
    let people = app.open_people().await;
    let again = people.import(&desktop, &file).await;
    again.wait_for_preview().await;
    again.wait_for_unchanged("5 already here").await;
    assert_eq!(again.apply_text().await, "Nothing to import");
    assert_eq!(again.apply_disabled().await, true);
    again.close().await;
    people.wait_for_count("5 people").await;

    // A file that is not an export: a clear message, nothing written.
    let other = files.path().join("notes.csv");
    std::fs::write(&other, "Name,Phone\nAna,123\n").unwrap();
    let refused = people.import(&desktop, &other).await;
    app.wait_for_toast("This is not a file Rapport can import. Line 1 reads \"Name,Phone\".").await;
    assert_eq!(refused.previews_shown().await, 0);
    app.quit().await;
}
