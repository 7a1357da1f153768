//! The default cadence set in Settings shows on a person without their own; the week in
//! review asks the questions set there; everything exports as JSON and restores elsewhere.

use rapport_e2e::Desktop;

#[tokio::test(flavor = "multi_thread")]
async fn the_default_cadence_applies_to_people_without_their_own() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    app.click("[data-testid=nav-settings]").await;
    app.type_into("[data-testid=setting-default-cadence]", "0").await;
    app.click("[data-testid=settings-save]").await;
    app.wait_for_text("[data-testid=setting-error-default_cadence_days]", "The default cadence must be between 1 and 3650 days.").await;
    app.type_into("[data-testid=setting-default-cadence]", "21").await;
    app.click("[data-testid=settings-save]").await;
    app.wait_for_text_containing("[data-testid=toasts]", "Settings saved.").await;
    app.screenshot("settings").await;

    // The week in review's questions are the user's own; a repeated one is refused.
    app.paste_into("[data-testid=setting-review-prompts]", "Did I call a client?\nWho surprised me?\nwho surprised me?").await;
    app.click("[data-testid=settings-save]").await;
    app.wait_for_text("[data-testid=setting-error-review_prompts]", "The question \"who surprised me?\" is there twice.").await;
    app.paste_into("[data-testid=setting-review-prompts]", "Did I call a client?\n\nWho surprised me?").await;
    app.select("[data-testid=setting-review-day]", "Mon").await;
    app.click("[data-testid=settings-save]").await;
    // The first save's toast may still show: wait for the diary itself to hold them.
    let path = data.path().join(rapport_core::storage::DIARY_FILE_NAME);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while rapport_core::Diary::open(&path).unwrap().settings().unwrap().review_prompts != ["Did I call a client?", "Who surprised me?"] {
        assert!(std::time::Instant::now() < deadline, "the questions were not saved");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.click("[data-testid=nav-week]").await;
    app.wait_for_text_containing("[data-testid=answers]", "Who surprised me?").await;
    assert_eq!(app.count("[data-testid=answers] li").await, 2);
    app.click("[data-testid=nav-settings]").await;

    // A platform of one's own, timed like the others.
    app.type_into("[data-testid=platform-new]", &format!("Mastodon{}", char::from(fantoccini::key::Key::Enter))).await;
    app.wait_for_text_containing("[data-testid=toasts]", "Platform added.").await;
    app.click("[data-testid=nav-time]").await;
    app.wait_for_text("[data-testid=timer-start-mastodon]", "Mastodon").await;

    app.add_person("Cy Ng", "", "").await;
    app.wait_for_text("[data-testid=figure-cadence]", "every 21 days (default)").await;

    // Everything out, as JSON, through the native save dialog; it restores elsewhere.
    app.click("[data-testid=nav-settings]").await;
    app.click("[data-testid=export-json]").await;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("everything.json");
    desktop.answer_save_dialog("Export the whole diary", &file).await;
    app.wait_for_text_containing("[data-testid=toasts]", "Saved ").await;
    let json = std::fs::read_to_string(&file).unwrap();
    let mut elsewhere = rapport_core::Diary::open(out.path().join("restored.sqlite3")).unwrap();
    elsewhere.restore_json(&json).unwrap();
    let names: Vec<String> = elsewhere.people(&Default::default()).unwrap().people.into_iter().map(|p| p.display_name).collect();
    assert_eq!(names, ["Cy Ng"]);
    assert_eq!(elsewhere.settings().unwrap().default_cadence_days, 21);

    // People as vCard, the same bytes the core writes for this diary.
    app.click("[data-testid=export-vcard]").await;
    let vcf = out.path().join("people.vcf");
    desktop.answer_save_dialog("Export people as vCard", &vcf).await;
    app.wait_for_text_containing("[data-testid=toasts]", &format!("Saved {}", vcf.display())).await;
    let diary = rapport_core::Diary::open(data.path().join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
    assert_eq!(std::fs::read_to_string(&vcf).unwrap(), diary.export_vcard().unwrap());
    assert!(std::fs::read_to_string(&vcf).unwrap().contains("FN:Cy Ng\r\n"));
    app.quit().await;
}
