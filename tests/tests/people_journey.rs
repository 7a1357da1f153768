//! A user adds a person, finds them in the list, quits, relaunches: they are still there.
//! Then the nasty inputs: an empty name is refused next to the field, markup stays text.

use rapport_e2e::Desktop;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn add_a_person_quit_relaunch_and_they_are_still_there() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();

    let app = desktop.launch(data.path()).await;
    app.open_today().await.wait_for_nudges().await;
    app.screenshot("today").await;
    let people = app.open_people().await;
    assert_eq!(people.count().await, "0 people");
    people.wait_for_hint("No one here yet. Add the first person you want to keep in touch with, or import a list.").await;
    app.screenshot("people-empty").await;

    let form = people.start_adding().await;
    form.type_name("Ana Lima").await;
    form.type_company("Lima Consulting").await;
    form.type_title("Founder").await;
    form.type_handle("analima").await;
    app.screenshot("person-add-form").await;
    let ana = form.save().await;

    ana.wait_for_name("Ana Lima").await;
    assert_eq!(ana.sub().await, "Founder at Lima Consulting");
    assert!(ana.handles().await.contains("analima"));
    people.wait_for_count("1 person").await;
    app.screenshot("person-added").await;
    assert_eq!(people.first_row_name().await, "Ana Lima");
    app.quit().await;

    let app = desktop.launch(data.path()).await;
    let people = app.open_people().await;
    people.wait_for_count("1 person").await;
    people.wait_for_hint("Pick someone from the list, or add someone new.").await;
    let ana = people.open_first().await;
    ana.wait_for_name("Ana Lima").await;
    app.screenshot("person-after-relaunch").await;

    // Edit: the new title shows at once, in the detail and in the list.
    let form = ana.edit().await;
    form.type_title("CEO").await;
    form.save().await;
    ana.wait_for_sub("CEO at Lima Consulting").await;
    assert_eq!(people.first_row_sub().await, "Lima Consulting · CEO");

    // Search narrows the list as you type.
    people.search("zz").await;
    people.wait_for_count("0 people found").await;
    people.search("lim con").await;
    people.wait_for_count("1 person found").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_names_get_a_clear_message_and_markup_stays_text() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;

    // Empty and blank: refused, with the message beside the name field.
    let people = app.open_people().await;
    let form = people.start_adding().await;
    form.type_name("   ").await;
    form.save().await;
    form.wait_for_error("display_name", "Name is required.").await;

    // 100 KB: refused with its length and the limit.
    form.paste_name(&"x".repeat(100 * 1024)).await;
    form.save().await;
    form.wait_for_error("display_name", "Name is too long: 102400 characters, the limit is 200.").await;
    app.screenshot("person-add-refused").await;
    assert_eq!(people.count().await, "0 people", "nothing was stored");

    // Markup in every field is stored verbatim and shown as text, never run.
    let name = "<img src=x onerror=\"document.body.dataset.pwned='name'\">Zoë 🤝 محمد";
    let company = "<script>document.body.dataset.pwned='company'</script>";
    let notes = "<b>bold?</b>\n<iframe src=\"https://example.com\"></iframe>";
    form.paste_name(name).await;
    form.paste_company(company).await;
    form.show_more().await;
    form.paste_notes(notes).await;
    let person = form.save().await;

    person.wait_for_name(name).await;
    assert_eq!(person.sub().await, company);
    assert_eq!(person.notes().await, notes);
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
