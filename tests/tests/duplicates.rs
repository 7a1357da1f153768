//! Likely duplicates reviewed in the real window: each pair side by side with what both
//! have, merged with one key (every touch and tag kept), or said to be two people, which
//! is remembered after a restart.

use rapport_core::people::{NewHandle, PersonEdit};
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::{Channel, HandlePlatform, Rung};
use rapport_core::Diary;
use rapport_e2e::{tid, Desktop};
use serde_json::json;

fn handle(platform: HandlePlatform, value: &str) -> NewHandle {
    NewHandle { platform, value: value.into(), url: String::new(), professional: true }
}

/// Three pairs: Ana twice by one e-mail (the later record with a tag and a touch), Bruno
/// by one phone written two ways, Carla by a near name at one company; and a near miss.
fn seed(data: &std::path::Path) -> i64 {
    let mut diary = Diary::open(data.join(DIARY_FILE_NAME)).unwrap();
    let mut add = |name: &str, company: &str, handles: Vec<NewHandle>, tags: Vec<String>| {
        diary
            .add_person(&PersonEdit { display_name: name.into(), company: company.into(), handles, tags, ..Default::default() })
            .unwrap()
            .id
    };
    let ana = add("Ana López", "Acme", vec![handle(HandlePlatform::Email, "ana@acme.test")], vec![]);
    let ana_again = add("Lopez, Ana", "", vec![handle(HandlePlatform::Email, "ANA@acme.test")], vec!["client".into()]);
    add("Bruno Costa", "", vec![handle(HandlePlatform::Phone, "+44 20 7946 0958")], vec![]);
    add("B. Costa", "", vec![handle(HandlePlatform::Phone, "020 7946 0958")], vec![]);
    add("Carla Mendes", "Globex", vec![], vec![]);
    add("Carla Mendez", "Globex", vec![], vec![]);
    add("Carla Souza", "Globex", vec![], vec![]);
    for (who, channel) in [(ana, Channel::Email), (ana, Channel::Phone), (ana_again, Channel::DirectMessage)] {
        diary.log_touch(&TouchInput::new(who, channel)).unwrap();
    }
    diary.set_rung(ana, Rung::Spoken, "").unwrap();
    ana
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicates_are_merged_with_one_key_or_remembered_as_two_people() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let ana = seed(data.path());
    let app = desktop.launch(data.path()).await;

    let review = app.open_duplicates().await;
    review.wait_for_count("3 pairs to review").await;
    assert_eq!(
        review.pairs().await,
        json!([["Ana López", "Lopez, Ana"], ["Bruno Costa", "B. Costa"], ["Carla Mendes", "Carla Mendez"]]),
        "strongest evidence first; the record further up the ladder is the one kept"
    );
    assert_eq!(review.first_reasons().await, "Likely one person: the same e-mail, ana@acme.test.");
    app.wait_for_text_containing(&tid("duplicate-absorb"), "client").await;
    app.wait_for_text_containing(&tid("duplicate-keep"), "2 touches").await;
    app.screenshot("duplicates-review").await;
    let current = app.script("return document.querySelector('.nav a[aria-current]')?.dataset.testid ?? null", vec![]).await;
    assert_eq!(current, json!("nav-people"), "the review is part of People");

    // The first pair has the focus: M merges it, and the focus moves to the next.
    review.wait_for_focus_on("Ana López", "Lopez, Ana").await;
    review.press("m").await;
    app.wait_for_toast("Lopez, Ana was merged into Ana López.").await;
    review.wait_for_count("2 pairs to review").await;
    review.wait_for_focus_on("Bruno Costa", "B. Costa").await;

    // ↓ then N: the Carlas are two people.
    review.press("\u{E015}").await;
    review.wait_for_focus_on("Carla Mendes", "Carla Mendez").await;
    review.press("n").await;
    app.wait_for_toast("Carla Mendes and Carla Mendez are two people").await;
    review.wait_for_count("1 pair to review").await;
    assert_eq!(review.pairs().await, json!([["Bruno Costa", "B. Costa"]]));

    // Ana's page has all three touches and the tag of the record merged in.
    let page = app.open_person(ana).await;
    page.wait_for_touch_count("3").await;
    app.wait_for_text_containing(&tid("person-tags"), "client").await;
    app.quit().await;

    // After a restart, on a dark desktop: the Carlas are not offered again.
    let app = desktop.launch_themed(data.path(), "Adwaita:dark").await;
    let review = app.open_duplicates().await;
    review.wait_for_count("1 pair to review").await;
    app.screenshot("duplicates-review-dark").await;
    // The other way round: B. Costa is kept, Bruno Costa merged in.
    app.click(&tid("duplicate-merge-other-way")).await;
    app.wait_for_toast("Bruno Costa was merged into B. Costa.").await;
    review.wait_for_count("No likely duplicates.").await;
    app.quit().await;
}
