//! Important dates in the window: a birthday added on a person's page (an impossible day
//! refused beside its field), listed on Today with the years it marks and a "say happy
//! birthday" nudge, edited, deleted and brought back; the lead days set in Settings.

use chrono::NaiveTime;
use chrono::{Datelike, Duration, Local};
use rapport_core::people::{DateInput, PersonEdit};
use rapport_core::storage::{Settings, DIARY_FILE_NAME};
use rapport_core::vocab::DateKind;
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
    app.screenshot("date-form").await;

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
    // On the person's own page the nudge does not name them again, and reads whole.
    app.wait_for_text_containing(&tid("person-nudges"), "Say happy birthday · Birthday").await;
    app.screenshot("dates-person").await;

    // Today lists it with the age it marks, and the nudge comes first among the nudges.
    app.open_today().await;
    let age = on.year() - 1985;
    app.wait_for_text_containing(&tid("dates-ahead"), "Ana López's birthday").await;
    app.wait_for_text_containing(&tid("date-ahead"), &format!("turns {age}")).await;
    app.wait_for_text_containing(&tid("nudges"), "Say happy birthday Ana López").await;
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

#[tokio::test(flavor = "multi_thread")]
async fn a_contacts_file_brings_its_birthdays_and_anniversaries_onto_the_people_it_adds() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("contacts.vcf");
    // vCard 3 as phones write it: a birthday with a year, an anniversary without one.
    let soon = Local::now().date_naive() + Duration::days(1);
    let card = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Berg\r\nN:Berg;Bo;;;\r\nBDAY:{}\r\nX-ANNIVERSARY:--{:02}{:02}\r\nEND:VCARD\r\n",
        soon.with_year(1990).unwrap_or(soon).format("%Y-%m-%d"),
        soon.month(),
        soon.day()
    );
    std::fs::write(&file, card).unwrap();
    let app = desktop.launch(data.path()).await;
    let people = app.open_people().await;
    let import = people.import(&desktop, &file).await;
    import.wait_for_preview().await;
    import.wait_for_new("1 new person").await;
    import.apply().await;
    app.wait_for_toast("1 person added").await;

    people.open_first().await.wait_for_name("Bo Berg").await;
    app.wait_for_count(&tid("date-row"), 2).await;
    let month = soon.format("%B").to_string();
    let rows = app.text_content(&tid("person-dates")).await;
    assert!(rows.contains(&format!("Birthday{} {month} 1990", soon.day())), "{rows}");
    assert!(rows.contains(&format!("Anniversary{} {month}", soon.day())), "{rows}");
    assert!(!app.text_content(&tid("person-detail")).await.contains("Birthday:"), "the birthday is a date, not a notes line");
    app.open_today().await;
    app.wait_for_text_containing(&tid("dates-ahead"), "Bo Berg's birthday").await;
    app.wait_for_text_containing(&tid("dates-ahead"), "Bo Berg: Anniversary").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_birthday_comes_as_a_notification_once_within_its_lead_days() {
    let data = tempfile::tempdir().unwrap();
    let mut diary = Diary::open(data.path().join(DIARY_FILE_NAME)).unwrap();
    // The digest at midnight, so the reminder is due whenever this runs; no weekly review.
    let midnight = NaiveTime::from_hms_opt(0, 0, 0).unwrap();
    diary.update_settings(Settings { digest_time: midnight, review_reminder: None, ..Settings::default() }).unwrap();
    let ana = diary.add_person(&PersonEdit { display_name: "Ana López".into(), ..Default::default() }).unwrap().id;
    let tomorrow = Local::now().date_naive() + Duration::days(1);
    let birthday = DateInput { kind: DateKind::Birthday, label: String::new(), month: tomorrow.month(), day: tomorrow.day(), year: None };
    diary.add_date(ana, &birthday).unwrap();
    drop(diary);
    let desktop = Desktop::start();
    let app = desktop.launch(data.path()).await;
    app.wait_until_ready().await;
    let said = |shown: &[(String, String, String)]| {
        shown.iter().filter(|(_, title, _)| title.starts_with("Ana López's birthday is tomorrow")).count()
    };
    let shown = desktop.wait_for_notifications(1).await;
    rapport_e2e::eventually("the birthday's notification", async || {
        let shown = desktop.notifications();
        rapport_e2e::ok_if(said(&shown) == 1, shown)
    })
    .await;
    let reminder = desktop.notifications().into_iter().find(|(_, title, _)| title.starts_with("Ana López's birthday")).unwrap();
    assert_eq!(reminder.2, "Say happy birthday", "{shown:?}");
    // Said once: a restart does not say it again.
    app.quit().await;
    let app = desktop.launch(data.path()).await;
    app.wait_until_ready().await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(said(&desktop.notifications()), 1);
    app.quit().await;
}
