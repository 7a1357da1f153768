//! Adding someone new: they start on the rung chosen, or the one their handle suggests.

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
