//! The People list's filters saved as named views: listed in the sidebar, renamed,
//! deleted, and still there after a restart, where one opens People filtered again.

use rapport_core::people::{NewHandle, PersonEdit};
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::vocab::{HandlePlatform, Rung};
use rapport_core::Diary;
use rapport_e2e::{tid, Desktop};

/// Five people: three met (one on LinkedIn), two only noticed.
fn seed(data: &std::path::Path) {
    let mut diary = Diary::open(data.join(DIARY_FILE_NAME)).unwrap();
    for (name, rung, linkedin) in [
        ("Ana Lima", Rung::Met, true),
        ("Bo Berg", Rung::Met, false),
        ("Cy Dunn", Rung::Met, false),
        ("Di Ortiz", Rung::Noticed, true),
        ("Ed Park", Rung::Noticed, false),
    ] {
        let handles = if linkedin {
            vec![NewHandle {
                platform: HandlePlatform::Linkedin,
                value: name.to_lowercase().replace(' ', "-"),
                url: String::new(),
                professional: true,
            }]
        } else {
            Vec::new()
        };
        let id = diary.add_person(&PersonEdit { display_name: name.into(), handles, ..Default::default() }).unwrap().id;
        diary.set_rung(id, rung, "").unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saved_view_survives_a_restart_and_opens_people_filtered_from_the_sidebar() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let app = desktop.launch(data.path()).await;
    let people = app.open_people().await;
    people.wait_for_count("5 people").await;

    people.filter_by("rung", "met").await;
    people.wait_for_count("3 people found").await;
    people.save_view("Met").await;
    people.wait_for_view("Met").await;
    app.wait_for_sidebar_views(&["Met"]).await;

    // The same name in another case is refused beside the field.
    people.filter_by("platform", "linkedin").await;
    people.wait_for_count("1 person found").await;
    people.save_view("met").await;
    people.wait_for_view_error("There is already a view called \"met\".").await;
    app.type_into(&tid("people-view-name"), "Met on LinkedIn\u{E007}").await;
    people.wait_for_view("Met on LinkedIn").await;
    people.rename_view("LinkedIn, met").await;
    app.wait_for_sidebar_views(&["Met", "LinkedIn, met"]).await;
    app.screenshot("people-views-sidebar").await;
    app.quit().await;

    // After a restart, on a dark desktop, from Today: the view opens People filtered.
    let app = desktop.launch_themed(data.path(), "Adwaita:dark").await;
    app.open_today().await.wait_for_nudges().await;
    app.wait_for_sidebar_views(&["Met", "LinkedIn, met"]).await;
    let people = app.open_view_by_keyboard("Met").await;
    people.wait_for_view("Met").await;
    people.wait_for_count("3 people found").await;
    assert_eq!(people.filter("rung").await, "met");
    assert_eq!(people.filter("platform").await, "");
    app.screenshot("people-views-sidebar-dark").await;

    // The other view, from People itself, narrows further; deleted, it leaves the sidebar.
    let people = app.open_view_by_keyboard("LinkedIn, met").await;
    people.wait_for_count("1 person found").await;
    assert_eq!(people.first_row_name().await, "Ana Lima");
    people.delete_view().await;
    app.wait_for_toast("Deleted the view LinkedIn, met.").await;
    app.wait_for_sidebar_views(&["Met"]).await;
    // A filter changed by hand: the list no longer claims to be the view.
    people.filter_by("rung", "noticed").await;
    people.wait_for_count("1 person found").await;
    app.wait_for(&tid("people-view-new")).await;
    app.quit().await;
}
