//! "Next week I will call Ana…" when the diary holds more than one Ana: the Week screen
//! asks who is meant before the follow-up is made, and it is made with the one picked.

use rapport_core::people::PersonEdit;
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::Diary;
use rapport_e2e::Desktop;

/// Two Ana Limas at two companies and an Ana Sousa; their ids in that order.
fn seed(data: &std::path::Path) -> [i64; 3] {
    let mut diary = Diary::open(data.join(DIARY_FILE_NAME)).unwrap();
    let mut add = |name: &str, company: &str| {
        diary.add_person(&PersonEdit { display_name: name.into(), company: company.into(), ..Default::default() }).unwrap().id
    };
    [add("Ana Lima", "Acme"), add("Ana Lima", "Beta Studio"), add("Ana Sousa", "")]
}

#[tokio::test(flavor = "multi_thread")]
async fn an_intention_naming_two_anas_asks_which_and_the_follow_up_is_with_the_one_picked() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let [_, beta, sousa] = seed(data.path());
    let app = desktop.launch(data.path()).await;

    let week = app.open_week().await;
    week.scroll_to_reflection().await;
    week.add_intention("Call Ana Lima about the rebrand").await;
    week.wait_for_intention("Call Ana Lima about the rebrand").await;
    week.make_follow_up_of_intention().await;
    // Two people of that full name: those two, told apart by company; Ana Sousa is not one.
    assert_eq!(week.candidates().await, ["Ana Lima · Acme · Noticed", "Ana Lima · Beta Studio · Noticed"]);
    assert_eq!(week.intentions().await, 1);
    app.screenshot("intention-chooser").await;
    week.pick_candidate_by_keyboard(1).await;
    app.wait_for_toast("with Ana Lima.").await;
    week.wait_for_intention_state("Follow-up made").await;
    app.open_person(beta).await.wait_for_follow_up("Call Ana Lima about the rebrand").await;
    app.quit().await;

    // A first name alone offers every Ana; on a dark desktop.
    let app = desktop.launch_themed(data.path(), "Adwaita:dark").await;
    let week = app.open_week().await;
    week.scroll_to_reflection().await;
    week.add_intention("Write to Ana about the invoice").await;
    week.wait_for_intentions(2).await;
    app.click(&format!("{}:nth-child(2) {}", rapport_e2e::tid("intention-row"), rapport_e2e::tid("intention-follow-up"))).await;
    assert_eq!(week.candidates().await.len(), 3);
    app.screenshot("intention-chooser-dark").await;
    week.pick_candidate_by_keyboard(2).await;
    app.wait_for_toast("with Ana Sousa.").await;
    app.open_person(sousa).await.wait_for_follow_up("Write to Ana about the invoice").await;
    app.quit().await;
}
