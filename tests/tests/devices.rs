//! The same diary on two computers (issue 23): two Rapport instances, each on its own
//! desktop with its own data directory, share one sync folder. Sync is turned on in
//! Settings → Devices on both; a person added on one shows on the other's screen, and an
//! edit made there comes back.

use rapport_e2e::{tid, Desktop};

async fn turn_on(app: &rapport_e2e::App, folder: &std::path::Path, name: &str) {
    app.open_settings().await;
    app.wait_for(&tid("sync-off")).await;
    app.type_into(&tid("sync-folder"), &folder.display().to_string()).await;
    app.type_into(&tid("sync-name"), name).await;
    app.click(&tid("sync-turn-on")).await;
    app.wait_for_text(&tid("sync-folder-shown"), &folder.display().to_string()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_added_on_one_computer_shows_on_the_other_and_an_edit_there_comes_back() {
    let folder = tempfile::tempdir().unwrap();
    let (laptop_desktop, desk_desktop) = (Desktop::start(), Desktop::start());
    let (laptop_data, desk_data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let laptop = laptop_desktop.launch(laptop_data.path()).await;
    let desk = desk_desktop.launch(desk_data.path()).await;

    // A blank folder is refused by name, and sync stays off.
    laptop.open_settings().await;
    laptop.type_into(&tid("sync-folder"), "").await;
    laptop.click(&tid("sync-turn-on")).await;
    laptop.wait_for_text(&tid("sync-error"), "Choose the folder your sync tool keeps on every device.").await;
    laptop.screenshot("devices-off").await;
    turn_on(&laptop, folder.path(), "Laptop").await;
    let ana = laptop.open_people().await.add("Ana Lima", "Lima Consulting", "analima").await;
    ana.wait_for_name("Ana Lima").await;

    turn_on(&desk, folder.path(), "Desk <office>").await;
    desk.wait_for_text_containing(&tid("sync-devices"), "Laptop").await;
    desk.screenshot("devices-on").await;
    let people = desk.open_people().await;
    people.wait_for_listed("Ana Lima").await;
    let on_desk = people.open_first().await;
    assert_eq!(on_desk.sub().await, "Lima Consulting");
    let form = on_desk.edit().await;
    form.type_title("Founder").await;
    form.save().await;

    // Back on the laptop, on the person's page already open: the edit arrives by itself.
    ana.wait_for_sub("Founder at Lima Consulting").await;
    laptop.open_settings().await;
    laptop.wait_for_text_containing(&tid("sync-devices"), "Desk <office>").await;
    laptop.screenshot("devices-laptop").await;
}
