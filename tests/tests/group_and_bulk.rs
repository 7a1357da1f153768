//! Several people at once, in the real window: one meeting logged with two people counts
//! once in the week and once on each page; people chosen in the list are tagged and put
//! in the archive together, and Undo brings them back.

use rapport_core::people::PersonEdit;
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::Diary;
use rapport_e2e::{tid, Desktop};

fn seed(data: &std::path::Path) -> Vec<i64> {
    let mut diary = Diary::open(data.join(DIARY_FILE_NAME)).unwrap();
    ["Ana Lima", "Bo Berg", "Cy Dunn", "Di Ortiz"]
        .iter()
        .map(|name| diary.add_person(&PersonEdit { display_name: (*name).into(), ..Default::default() }).unwrap().id)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_with_two_people_counts_once_and_a_selection_is_tagged_and_archived_together() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let ids = seed(data.path());
    let app = desktop.launch(data.path()).await;

    // One meeting with Ana and Bo, from the keyboard.
    let log = app.open_quick_log_by_keyboard().await;
    log.type_in_people("Ana").await;
    log.wait_for_suggestion().await;
    log.pick_suggestion().await;
    log.type_in_people("Bo").await;
    log.wait_for_suggestion().await;
    log.pick_suggestion().await;
    log.choose_channel("in_person").await;
    log.log_with_ctrl_enter().await;
    log.wait_until_closed().await;
    let week = app.open_week().await;
    week.wait_for_figure("touch-total", "1").await;
    for id in &ids[..2] {
        app.open_person(*id).await.wait_for_touch_count("1").await;
    }
    app.open_person(ids[2]).await.wait_for_touch_count("0").await;

    // Ana and Bo by their boxes, Cy by Space on his row: three chosen, tagged at once.
    let people = app.open_people().await;
    people.wait_for_count("4 people").await;
    app.click(&format!("[data-testid=person-choose][data-id='{}']", ids[0])).await;
    app.click(&format!("[data-testid=person-choose][data-id='{}']", ids[1])).await;
    let cy = app.find(&format!("[data-testid=person-row][data-id='{}']", ids[2])).await;
    cy.send_keys(" ").await.unwrap();
    app.wait_for_text(&tid("selection-count"), "3 chosen").await;
    app.select(&tid("selection-action"), "tag").await;
    app.type_into(&tid("selection-value"), "client").await;
    app.screenshot("people-selection").await;
    app.click(&tid("selection-apply")).await;
    app.wait_for_toast("Tagged 3 people client.").await;
    // The new tag is at once among the filters.
    app.wait_for("[data-testid=people-filter-tag] option[value=client]").await;
    people.filter_by("tag", "client").await;
    people.wait_for_count("3 people found").await;

    // A bad value is refused beside the bar, and nothing changes.
    app.click(&tid("selection-all")).await;
    app.wait_for_text(&tid("selection-count"), "3 chosen").await;
    app.select(&tid("selection-action"), "cadence").await;
    app.type_into(&tid("selection-value"), "0").await;
    app.click(&tid("selection-apply")).await;
    app.wait_for_text(&tid("selection-error"), "Cadence must be between 1 and 3650 days.").await;

    // All shown into the archive, and back with Undo.
    app.select(&tid("selection-action"), "archive").await;
    app.click(&tid("selection-apply")).await;
    app.wait_for_toast("Put 3 people in the archive.").await;
    people.wait_for_count("0 people found").await;
    app.click_toast_action_on("Put 3 people in the archive.", "Undo").await;
    people.wait_for_count("3 people found").await;
    assert_eq!(app.count("[data-testid=person-choose]:checked").await, 0, "the selection is cleared after acting");
    app.quit().await;
}
