//! A user adds a person, finds them in the list, quits, relaunches: they are still there.
//! Then the nasty inputs: an empty name is refused next to the field, markup stays text.

use rapport_e2e::Desktop;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn add_a_person_quit_relaunch_and_they_are_still_there() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();

    let app = desktop.launch(data.path()).await;
    app.click("[data-testid=nav-today]").await;
    app.wait_for("[data-testid=today] [data-testid=nudges]").await;
    app.screenshot("today").await;
    app.click("[data-testid=nav-people]").await;
    assert_eq!(app.text("[data-testid=people-count]").await, "0 people");
    app.screenshot("people-empty").await;

    app.click("[data-testid=add-person]").await;
    app.type_into("[data-testid=field-display_name]", "Ana Lima").await;
    app.type_into("[data-testid=field-company]", "Lima Consulting").await;
    app.type_into("[data-testid=field-title]", "Founder").await;
    app.type_into("[data-testid=handle-value]", "analima").await;
    app.screenshot("person-add-form").await;
    app.click("[data-testid=save-person]").await;

    app.wait_for_text("[data-testid=person-name]", "Ana Lima").await;
    assert_eq!(app.text("[data-testid=person-sub]").await, "Founder at Lima Consulting");
    assert!(app.text("[data-testid=person-handles]").await.contains("analima"));
    app.wait_for_text("[data-testid=people-count]", "1 person").await;
    app.screenshot("person-added").await;
    assert_eq!(app.text_content("[data-testid=person-row] .name").await, "Ana Lima");
    app.quit().await;

    let app = desktop.launch(data.path()).await;
    app.click("[data-testid=nav-people]").await;
    app.wait_for_text("[data-testid=people-count]", "1 person").await;
    app.click("[data-testid=person-row]").await;
    app.wait_for_text("[data-testid=person-name]", "Ana Lima").await;
    app.screenshot("person-after-relaunch").await;

    // Edit: the new title shows at once, in the detail and in the list.
    app.click("[data-testid=edit-person]").await;
    app.type_into("[data-testid=field-title]", "CEO").await;
    app.click("[data-testid=save-person]").await;
    app.wait_for_text("[data-testid=person-sub]", "CEO at Lima Consulting").await;
    assert_eq!(app.text_content("[data-testid=person-row] .sub").await, "Lima Consulting · CEO");

    // Search narrows the list as you type.
    app.type_into("[data-testid=people-search]", "zz").await;
    app.wait_for_text("[data-testid=people-count]", "0 people found").await;
    app.type_into("[data-testid=people-search]", "lim con").await;
    app.wait_for_text("[data-testid=people-count]", "1 person found").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_names_get_a_clear_message_and_markup_stays_text() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;

    // Empty and blank: refused, with the message beside the name field.
    app.click("[data-testid=nav-people]").await;
    app.click("[data-testid=add-person]").await;
    app.type_into("[data-testid=field-display_name]", "   ").await;
    app.click("[data-testid=save-person]").await;
    app.wait_for_text("[data-testid=error-display_name]", "Name is required.").await;

    // 100 KB: refused with its length and the limit.
    app.paste_into("[data-testid=field-display_name]", &"x".repeat(100 * 1024)).await;
    app.click("[data-testid=save-person]").await;
    app.wait_for_text("[data-testid=error-display_name]", "Name is too long: 102400 characters, the limit is 200.").await;
    app.screenshot("person-add-refused").await;
    assert_eq!(app.text("[data-testid=people-count]").await, "0 people", "nothing was stored");

    // Markup in every field is stored verbatim and shown as text, never run.
    let name = "<img src=x onerror=\"document.body.dataset.pwned='name'\">Zoë 🤝 محمد";
    let company = "<script>document.body.dataset.pwned='company'</script>";
    let notes = "<b>bold?</b>\n<iframe src=\"https://example.com\"></iframe>";
    app.paste_into("[data-testid=field-display_name]", name).await;
    app.paste_into("[data-testid=field-company]", company).await;
    app.click("details summary").await;
    app.paste_into("[data-testid=field-notes]", notes).await;
    app.click("[data-testid=save-person]").await;

    app.wait_for_text("[data-testid=person-name]", name).await;
    assert_eq!(app.text("[data-testid=person-sub]").await, company);
    assert_eq!(app.text("[data-testid=person-notes]").await, notes);
    let injected = app
        .script(
            "return { pwned: document.body.dataset.pwned ?? null,
                      elements: document.querySelectorAll('main img, main script, main iframe, main b').length }",
            vec![],
        )
        .await;
    assert_eq!(injected, json!({ "pwned": null, "elements": 0 }));
    app.screenshot("person-markup-as-text").await;
    app.quit().await;
}
