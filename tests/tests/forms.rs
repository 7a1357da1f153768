//! Adding someone new: they start on the rung chosen, or the one their handle suggests.
//! A form with several bad fields says so on each of them at once.

use rapport_e2e::{tid, Desktop};

#[tokio::test(flavor = "multi_thread")]
async fn someone_new_starts_on_the_rung_their_handle_suggests_or_the_one_chosen() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;

    // A LinkedIn handle suggests Connected.
    let people = app.open_people().await;
    let form = people.start_adding().await;
    form.type_name("Ana Lima").await;
    form.type_handle("analima").await;
    assert_eq!(app.property(&tid("field-rung"), "value").await, "connected");
    form.save().await.wait_for_rung("Connected").await;

    // A rung chosen by hand wins over the suggestion.
    let form = app.open_people().await.start_adding().await;
    form.type_name("Bo Berg").await;
    app.select(&tid("field-rung"), "met").await;
    form.type_handle("boberg").await;
    assert_eq!(app.property(&tid("field-rung"), "value").await, "met");
    form.save().await.wait_for_rung("Met").await;

    // No handle: Noticed.
    let cy = app.open_people().await.add("Cy Dunn", "", "").await;
    cy.wait_for_rung("Noticed").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_bad_field_of_a_form_shows_its_message_at_once() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;

    // No name and too long a company: both said in one go, the name focused.
    let form = app.open_people().await.start_adding().await;
    form.paste_company(&"c".repeat(600)).await;
    form.save().await;
    form.wait_for_error("display_name", "Name is required.").await;
    form.wait_for_error("company", "Company is too long: 600 characters, the limit is 500.").await;
    assert_eq!(app.focused().await, "field-display_name");
    app.screenshot("person-form-problems").await;

    // The next submit clears what was fixed and keeps what was not.
    form.type_name("Ana Lima").await;
    form.save().await;
    form.wait_for_error("display_name", "").await;
    form.wait_for_error("company", "Company is too long: 600 characters, the limit is 500.").await;
    assert_eq!(app.focused().await, "field-company");

    // The quick log: no one chosen and notes past the limit, both beside their fields.
    let log = app.open_quick_log_by_keyboard().await;
    log.paste_notes(&"n".repeat(100_001)).await;
    log.save().await;
    log.wait_for_error("people", "Choose who the touch was with.").await;
    log.wait_for_notes_error("Notes is too long: 100001 characters, the limit is 100000.").await;
    assert_eq!(app.focused().await, "touch-people-input");
    app.quit().await;
}
