//! The default cadence set in Settings shows on a person without their own; the week in
//! review asks the questions set there; everything exports as JSON and restores elsewhere.

use rapport_e2e::{eventually_within, ok_if, Desktop};

#[tokio::test(flavor = "multi_thread")]
async fn the_default_cadence_applies_to_people_without_their_own() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    let settings = app.open_settings().await;
    settings.type_default_cadence("0").await;
    settings.save().await;
    settings.wait_for_error("default_cadence_days", "The default cadence must be between 1 and 3650 days.").await;
    settings.type_default_cadence("21").await;
    settings.save().await;
    app.wait_for_toast("Settings saved.").await;
    app.screenshot("settings").await;

    // The week in review's questions are the user's own; a repeated one is refused.
    settings.paste_review_prompts("Did I call a client?\nWho surprised me?\nwho surprised me?").await;
    settings.save().await;
    settings.wait_for_error("review_prompts", "The question \"who surprised me?\" is there twice.").await;
    settings.paste_review_prompts("Did I call a client?\n\nWho surprised me?").await;
    settings.choose_review_day("Mon").await;
    settings.save().await;
    // The first save's toast may still show: wait for the diary itself to hold them.
    let path = data.path().join(rapport_core::storage::DIARY_FILE_NAME);
    eventually_within("the questions saved in the diary", std::time::Duration::from_secs(10), async || {
        let prompts = rapport_core::Diary::open(&path).unwrap().settings().unwrap().review_prompts;
        ok_if(prompts == ["Did I call a client?", "Who surprised me?"], prompts)
    })
    .await;
    app.go_to("week").await;
    let week = app.week();
    week.wait_for_question("Who surprised me?").await;
    assert_eq!(week.questions().await, 2);
    let settings = app.open_settings().await;

    // A platform of one's own, timed like the others.
    settings.add_platform("Mastodon").await;
    app.wait_for_toast("Platform added.").await;
    app.open_time().await.wait_for_start_button_labelled("mastodon", "Mastodon").await;

    let cy = app.open_people().await.add("Cy Ng", "", "").await;
    cy.wait_for_cadence("every 21 days (default)").await;

    // Everything out, as JSON, through the native save dialog; it restores elsewhere.
    let settings = app.open_settings().await;
    settings.export_json().await;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("everything.json");
    desktop.answer_save_dialog("Export the whole diary", &file).await;
    app.wait_for_toast("Saved ").await;
    let json = std::fs::read_to_string(&file).unwrap();
    let mut elsewhere = rapport_core::Diary::open(out.path().join("restored.sqlite3")).unwrap();
    elsewhere.restore_json(&json).unwrap();
    let names: Vec<String> = elsewhere.people(&Default::default()).unwrap().people.into_iter().map(|p| p.display_name).collect();
    assert_eq!(names, ["Cy Ng"]);
    assert_eq!(elsewhere.settings().unwrap().default_cadence_days, 21);

    // People as vCard, the same bytes the core writes for this diary.
    settings.export_vcard().await;
    let vcf = out.path().join("people.vcf");
    desktop.answer_save_dialog("Export people as vCard", &vcf).await;
    app.wait_for_toast(&format!("Saved {}", vcf.display())).await;
    let diary = rapport_core::Diary::open(data.path().join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
    assert_eq!(std::fs::read_to_string(&vcf).unwrap(), diary.export_vcard().unwrap());
    assert!(std::fs::read_to_string(&vcf).unwrap().contains("FN:Cy Ng\r\n"));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_bad_settings_are_both_shown_at_once_beside_their_fields() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    let settings = app.open_settings().await;
    settings.type_default_cadence("0").await;
    settings.type_long_timer("25").await;
    settings.save().await;
    settings.wait_for_error("default_cadence_days", "The default cadence must be between 1 and 3650 days.").await;
    settings.wait_for_error("long_timer_hours", "Ask about a long timer after 1 to 24 hours.").await;
    assert_eq!(app.focused().await, "setting-default-cadence", "the first bad field is focused");
    app.screenshot("settings-problems").await;

    // Fixing one clears its message and keeps the other's.
    settings.type_default_cadence("21").await;
    settings.save().await;
    settings.wait_for_error("default_cadence_days", "").await;
    settings.wait_for_error("long_timer_hours", "Ask about a long timer after 1 to 24 hours.").await;
    assert_eq!(app.focused().await, "setting-long-timer");
    let diary = rapport_core::Diary::open(data.path().join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
    assert_eq!(diary.settings().unwrap().default_cadence_days, 30, "nothing saved while a setting is bad");
    app.quit().await;
}
