//! A Ladder column of 165 people in the real window: the first 100 cards, then the next
//! page; the 151st by the default order (longest waiting first) opens with one click and
//! with Enter; another order leads with someone else; the count leads to People, filtered
//! to the rung in the same order.

use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, Utc};
use rapport_core::clock::{FixedClock, SystemClock};
use rapport_core::people::PersonEdit;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::Channel;
use rapport_core::Diary;
use rapport_e2e::Desktop;
use serde_json::json;

/// 165 people on Noticed; the names, longest waiting first: five never touched, then one
/// unanswered message each, the oldest first. Surnames keep that order apart from the
/// order by name.
fn seed(path: &Path) -> Vec<String> {
    const SURNAMES: [&str; 7] = ["Silva", "Berg", "Okafor", "Ahn", "Dubois", "Moreau", "Kowalski"];
    let mut diary = Diary::open(path).unwrap();
    diary.set_clock(Arc::new(FixedClock { now: Utc::now() - Duration::days(400), tz: chrono_tz::UTC }));
    let names: Vec<String> = (1..=165).map(|rank| format!("{} {rank:03}", SURNAMES[rank % SURNAMES.len()])).collect();
    let ids: Vec<i64> =
        names.iter().map(|n| diary.add_person(&PersonEdit { display_name: n.clone(), ..Default::default() }).unwrap().id).collect();
    diary.set_clock(Arc::new(SystemClock));
    for (rank, &id) in ids.iter().enumerate().skip(5) {
        let mut touch = TouchInput::new(id, Channel::DirectMessage);
        touch.when = Some(Utc::now() - Duration::days(200 - rank as i64));
        diary.log_touch(&touch).unwrap();
    }
    // Never-touched people tie and go by name: make the five ranks say so.
    let mut never = names[..5].to_vec();
    never.sort();
    never.into_iter().chain(names[5..].iter().cloned()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_151st_person_of_a_column_opens_with_one_click() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let waiting = seed(&data.path().join(rapport_core::storage::DIARY_FILE_NAME));
    let app = desktop.launch(data.path()).await;

    // A page of cards, longest waiting first, and a button for the rest.
    let ladder = app.open_ladder().await;
    ladder.wait_for_count("noticed", "165").await;
    ladder.wait_for_cards("noticed", 100).await;
    assert_eq!(ladder.order().await, json!("waiting"));
    assert_eq!(ladder.first_name("noticed").await, waiting[0]);
    assert_eq!(ladder.more_label("noticed").await, "Show 65 more");
    app.screenshot("ladder-column-first-page").await;
    ladder.show_more("noticed").await;
    ladder.wait_for_cards("noticed", 165).await;
    assert_eq!(app.count(&rapport_e2e::tid("more-noticed")).await, 0, "everyone is shown");
    assert_eq!(ladder.card_name("noticed", 151).await, waiting[150]);
    app.screenshot("ladder-column-paged").await;

    // One click opens the 151st.
    ladder.click_card("noticed", 151).await.wait_for_name(&waiting[150]).await;
    assert_eq!(app.hash().await.as_str().map(|h| h.starts_with("#people/")), Some(true));

    // And Enter, on a card reached by the next page.
    let ladder = app.open_ladder().await;
    ladder.wait_for_cards("noticed", 100).await;
    ladder.show_more("noticed").await;
    ladder.wait_for_cards("noticed", 165).await;
    ladder.enter_on_card("noticed", 151).await.wait_for_name(&waiting[150]).await;

    // Last touched first: the most recent message leads, the never touched are last.
    let ladder = app.open_ladder().await;
    ladder.order_by("recent", "noticed", &waiting[164]).await;
    assert_eq!(ladder.card_name("noticed", 2).await, waiting[163]);

    // The count leads to People: that rung, that order, everyone on it.
    let people = ladder.follow_count("noticed").await;
    people.wait_for_count("165 people found").await;
    assert_eq!(people.first_row_name().await, waiting[164]);
    assert_eq!(people.first_row_note().await, "last touch: 36 days");
    assert_eq!((people.filter("rung").await, people.filter("order").await), (json!("noticed"), json!("recent")));
    app.screenshot("people-from-ladder").await;

    // People sorts by name too, and keeps the sort while moving between people.
    people.sort_by("name").await;
    let mut by_name = waiting.clone();
    by_name.sort();
    eventually_first(&people, &by_name[0]).await;
    assert_eq!(app.count(&rapport_e2e::tid("person-order-note")).await, 0, "by name, the name says it");
    people.open_first().await.wait_for_name(&by_name[0]).await;
    assert_eq!(people.filter("order").await, json!("name"));
    app.quit().await;
}

async fn eventually_first(people: &rapport_e2e::pages::People<'_>, name: &str) {
    rapport_e2e::eventually(&format!("{name} first in People"), async || {
        let found = people.first_row_name().await;
        rapport_e2e::ok_if(found == name, found)
    })
    .await;
}
