//! The window's components keep their contracts: Settings sections save on their own,
//! and the person picker is a combobox a screen reader can follow.

use rapport_e2e::{eventually, ok_if, tid, Desktop};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn adding_a_platform_keeps_what_was_typed_in_another_settings_section() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    let settings = app.open_settings().await;
    app.script("document.querySelector(arguments[0]).value = ''", vec![json!(tid("setting-default-cadence"))]).await;
    settings.type_default_cadence("21").await;
    settings.add_platform("Mastodon").await;
    eventually("Mastodon among the platforms", async || {
        let names = app
            .script("return [...document.querySelectorAll(arguments[0] + ' input')].map(i => i.value)", vec![json!(tid("platforms"))])
            .await;
        ok_if(names.as_array().is_some_and(|n| n.contains(&json!("Mastodon"))), names)
    })
    .await;
    assert_eq!(app.property(&tid("setting-default-cadence"), "value").await, json!("21"), "the unsaved cadence stays");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_person_picker_is_a_combobox_naming_its_list_and_highlighted_option() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    app.open_people().await.add("Bo Larsen", "", "").await;
    let log = app.open_quick_log_by_keyboard().await;
    let input = tid("touch-people-input");
    let attr = |name: &'static str| {
        let input = input.clone();
        let app = &app;
        async move {
            app.script("return document.querySelector(arguments[0]).getAttribute(arguments[1])", vec![json!(input), json!(name)]).await
        }
    };
    assert_eq!(attr("aria-expanded").await, json!("false"));
    log.type_in_people("bo").await;
    log.wait_for_suggestion().await;
    assert_eq!(attr("aria-expanded").await, json!("true"));
    let list = attr("aria-controls").await;
    let role = app.script("return document.getElementById(arguments[0]).getAttribute('role')", vec![list]).await;
    assert_eq!(role, json!("listbox"));
    eventually("the highlighted option to be named", async || {
        let active = attr("aria-activedescendant").await;
        let selected =
            app.script("return document.getElementById(arguments[0])?.getAttribute('aria-selected') ?? null", vec![active.clone()]).await;
        ok_if(selected == json!("true"), (active, selected))
    })
    .await;
    // Picking fires the picker's change event with the person.
    app.script(
        "window.__picked = null; document.querySelector(arguments[0]).closest('.picker').addEventListener('change', e => { window.__picked = e.detail?.person?.display_name ?? null; })",
        vec![json!(tid("touch-people-input"))],
    )
    .await;
    log.pick_suggestion().await;
    log.wait_for_chosen("Bo Larsen✕").await;
    assert_eq!(app.script("return window.__picked", vec![]).await, json!("Bo Larsen"));
    app.quit().await;
}
