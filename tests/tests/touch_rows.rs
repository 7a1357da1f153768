//! A touch as a row reads whole at a glance: the platform beside the channel, the people
//! as links to their pages, long notes folded; empty date filters look empty; and someone
//! just added shows in the People list whatever search was on.

use rapport_core::people::PersonEdit;
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::{Channel, HandlePlatform};
use rapport_core::Diary;
use rapport_e2e::{eventually, ok_if, tid, tid_in, Desktop};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn a_touch_row_names_its_platform_links_its_people_and_folds_long_notes() {
    let data = tempfile::tempdir().unwrap();
    let mut diary = Diary::open(data.path().join(DIARY_FILE_NAME)).unwrap();
    let ana = diary.add_person(&PersonEdit { display_name: "Ana Lima".into(), ..Default::default() }).unwrap().id;
    let mut touch = TouchInput::new(ana, Channel::DirectMessage);
    touch.platform = Some(HandlePlatform::Linkedin);
    touch.notes = "We spoke about the rebrand. ".repeat(20);
    diary.log_touch(&touch).unwrap();
    drop(diary);

    let desktop = Desktop::start();
    let app = desktop.launch(data.path()).await;
    let diary = app.open_diary().await;
    diary.wait_for_status("1 touch shown").await;
    let row = tid("touch-row");
    app.wait_for_text_containing(&row, "Direct message on LinkedIn").await;
    let link = app.property(&format!("{} a", tid_in("touch-row", "touch-people")), "hash").await;
    assert_eq!(link, json!(format!("#people/{ana}")), "the name opens her page");

    // Long notes show their first lines and unfold on request.
    let notes = tid("touch-notes-text");
    let folded = "return document.querySelector(arguments[0]).classList.contains('folded')";
    assert_eq!(app.script(folded, vec![json!(notes)]).await, json!(true));
    app.click(&tid("touch-notes-toggle")).await;
    assert_eq!(app.script(folded, vec![json!(notes)]).await, json!(false));
    app.wait_for_text(&tid("touch-notes-toggle"), "Show less").await;

    // Date filters left empty say so, and stop saying so once set.
    let empty = "return document.querySelector(arguments[0]).hasAttribute('data-empty')";
    assert_eq!(app.script(empty, vec![json!(tid("diary-from"))]).await, json!(true));
    app.script(
        "const i = document.querySelector(arguments[0]); i.value = '2026-01-01'; i.dispatchEvent(new Event('change'))",
        vec![json!(tid("diary-from"))],
    )
    .await;
    assert_eq!(app.script(empty, vec![json!(tid("diary-from"))]).await, json!(false));
    app.screenshot("touch-row-folded").await;

    // Someone added while a search hides everyone else is listed all the same.
    let people = app.open_people().await;
    people.search("zzz").await;
    people.wait_for_count("0 people found").await;
    let bo = people.add("Bo Berg", "", "").await;
    bo.wait_for_name("Bo Berg").await;
    eventually("Bo in the list", async || {
        let listed = app.text_content(&tid("people-list")).await;
        ok_if(listed.contains("Bo Berg"), listed)
    })
    .await;
    app.quit().await;
}
