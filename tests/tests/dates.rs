//! Important dates in the window: a birthday added on a person's page (an impossible day
//! refused beside its field), listed on Today with the years it marks and a "say happy
//! birthday" nudge, edited, deleted and brought back; the lead days set in Settings.

use chrono::{Datelike, Duration, Local};
use rapport_core::people::PersonEdit;
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::Diary;
use rapport_e2e::{tid, Desktop};

#[tokio::test(flavor = "multi_thread")]
async fn a_birthday_is_added_on_the_page_shown_on_today_and_changed_or_taken_back() {
    let data = tempfile::tempdir().unwrap();
    let mut diary = Diary::open(data.path().join(DIARY_FILE_NAME)).unwrap();
    let ana = diary.add_person(&PersonEdit { display_name: "Ana López".into(), ..Default::default() }).unwrap().id;
    drop(diary);
    let desktop = Desktop::start();
    let app = desktop.launch(data.path()).await;
    let page = app.open_person(ana).await;
    page.wait_for_name("Ana López").await;
    app.wait_for_text_containing(&tid("person-dates"), "No dates yet").await;

    // 30 February is no day; the form says so beside the day and keeps what was typed.
    app.click(&tid("date-add")).await;
    app.wait_for(&tid("date-form")).await;
    app.type_into(&tid("date-day"), "30").await;
    app.select(&tid("date-month"), "2").await;
    app.click(&tid("date-save")).await;
    app.wait_for_text(&tid("date-error-day"), "February has no 30th.").await;
    assert_eq!(app.focused().await, "date-day");

    // The birthday two days from now, born in 1985.
    let on = Local::now().date_naive() + Duration::days(2);
    app.type_into(&tid("date-day"), &on.day().to_string()).await;
    app.select(&tid("date-month"), &on.month().to_string()).await;
    app.type_into(&tid("date-year"), "1985").await;
    app.click(&tid("date-save")).await;
    app.wait_for_count(&tid("date-form"), 0).await;
    app.wait_for_count(&tid("date-row"), 1).await;
    let month = on.format("%B").to_string();
    app.wait_for_text_containing(&tid("date-row"), &format!("Birthday{} {month} 1985", on.day())).await;
    // Two days off is within the birthday's three days of lead: the page nudges.
    app.wait_for_text_containing(&tid("person-nudges"), "Say happy birthday to").await;
    app.screenshot("dates-person").await;

    // Today lists it with the age it marks, and the nudge comes first among the nudges.
    app.open_today().await;
    let age = on.year() - 1985;
    app.wait_for_text_containing(&tid("dates-ahead"), "Ana López's birthday").await;
    app.wait_for_text_containing(&tid("date-ahead"), &format!("turns {age}")).await;
    app.wait_for_text_containing(&tid("nudges"), "Say happy birthday to").await;
    app.screenshot("dates-today").await;

    // Edited: the year was a guess; without it the page shows the day alone.
    app.open_person(ana).await;
    app.click(&tid("date-edit")).await;
    app.type_into(&tid("date-year"), "").await;
    app.click(&tid("date-save")).await;
    app.wait_for_toast("Date saved.").await;
    app.wait_for_text(&tid("date-text"), &format!("{} {month}", on.day())).await;

    // Deleted, then back with Undo.
    app.click(&tid("date-delete")).await;
    app.wait_for_count(&tid("date-row"), 0).await;
    app.click_toast_action("Undo").await;
    app.wait_for_count(&tid("date-row"), 1).await;
    app.wait_for_text(&tid("date-text"), &format!("{} {month}", on.day())).await;

    // A lead of 61 days is refused by Settings; 1 day is kept, and the nudge waits.
    app.open_settings().await;
    app.type_into(&tid("setting-lead-birthday"), "61").await;
    app.click(&tid("settings-save")).await;
    app.wait_for_text(&tid("setting-error-date_lead_days"), "Remind of a date 0 to 60 days before it.").await;
    app.type_into(&tid("setting-lead-birthday"), "1").await;
    app.click(&tid("settings-save")).await;
    app.wait_for_toast("Settings saved.").await;
    app.open_today().await;
    app.wait_for_text_containing(&tid("dates-ahead"), "Ana López's birthday").await;
    assert!(!app.text_content(&tid("nudges")).await.contains("Say happy birthday"), "two days off is past a lead of one");
    app.quit().await;
}
