//! Adding someone new: they start on the rung chosen, or the one their handle suggests.
//! A form with several bad fields says so on each of them at once. A follow-up's day is
//! typed; an impossible one is named, a past one asked about once.

use chrono::{Duration, Local};
use rapport_core::Diary;
use rapport_e2e::{tid, Desktop};

#[tokio::test(flavor = "multi_thread")]
async fn someone_new_starts_on_the_rung_their_handle_suggests_or_the_one_chosen() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;

    // A LinkedIn handle suggests Connected.
    let people = app.open_people().await;
    let form = people.start_adding().await;
    form.type_name("Ana Lima").await;
    form.type_handle("analima").await;
    assert_eq!(app.property(&tid("field-rung"), "value").await, "connected");
    form.save().await.wait_for_rung("Connected").await;

    // A rung chosen by hand wins over the suggestion.
    let form = app.open_people().await.start_adding().await;
    form.type_name("Bo Berg").await;
    app.select(&tid("field-rung"), "met").await;
    form.type_handle("boberg").await;
    assert_eq!(app.property(&tid("field-rung"), "value").await, "met");
    form.save().await.wait_for_rung("Met").await;

    // No handle: Noticed.
    let cy = app.open_people().await.add("Cy Dunn", "", "").await;
    cy.wait_for_rung("Noticed").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_bad_field_of_a_form_shows_its_message_at_once() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;

    // No name and too long a company: both said in one go, the name focused.
    let form = app.open_people().await.start_adding().await;
    form.paste_company(&"c".repeat(600)).await;
    form.save().await;
    form.wait_for_error("display_name", "Name is required.").await;
    form.wait_for_error("company", "Company is too long: 600 characters, the limit is 500.").await;
    assert_eq!(app.focused().await, "field-display_name");
    app.screenshot("person-form-problems").await;

    // The next submit clears what was fixed and keeps what was not.
    form.type_name("Ana Lima").await;
    form.save().await;
    form.wait_for_error("display_name", "").await;
    form.wait_for_error("company", "Company is too long: 600 characters, the limit is 500.").await;
    assert_eq!(app.focused().await, "field-company");

    // The quick log: no one chosen and notes past the limit, both beside their fields.
    let log = app.open_quick_log_by_keyboard().await;
    log.paste_notes(&"n".repeat(100_001)).await;
    log.save().await;
    log.wait_for_error("people", "Choose who the touch was with.").await;
    log.wait_for_notes_error("Notes is too long: 100001 characters, the limit is 100000.").await;
    assert_eq!(app.focused().await, "touch-people-input");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_follow_up_on_an_impossible_day_is_told_why_and_one_in_the_past_is_asked_about_once() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    let ana = app.open_people().await.add("Ana Lima", "", "").await;
    let overdue = || {
        let diary = Diary::open(data.path().join(rapport_core::storage::DIARY_FILE_NAME)).unwrap();
        diary.agenda().unwrap().overdue
    };

    // A date field would have emptied this into "no day"; the typed text is read and named.
    let form = ana.add_follow_up().await;
    form.wait_for_person("Ana Lima✕").await;
    form.type_date("2026-02-30").await;
    form.save().await;
    form.wait_for_error("due_date", "February has no 30th.").await;
    assert_eq!(app.focused().await, "follow-up-date");
    assert_eq!(app.property(&tid("follow-up-date"), "value").await, "2026-02-30", "what was typed stays");
    app.screenshot("follow-up-impossible-day").await;

    // A day already past: asked, nothing saved; the same day submitted again is meant.
    let yesterday = Local::now().date_naive() - Duration::days(1);
    form.type_date(&yesterday.format("%-d %b %Y").to_string()).await;
    form.save().await;
    form.wait_for_past_question("That day is past. Save it as overdue?").await;
    form.wait_for_error("due_date", "").await;
    assert_eq!(app.focused().await, "follow-up-past-save", "Enter answers the question");
    assert!(overdue().is_empty(), "nothing saved before the answer");
    app.screenshot("follow-up-past-question").await;
    app.click(&tid("follow-up-past-change")).await;
    assert_eq!(app.focused().await, "follow-up-date", "changing the day goes back to it");
    form.save().await;
    app.wait_for_toast("Follow-up added.").await;
    let saved = overdue();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].due_at.with_timezone(&Local).date_naive(), yesterday);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_touch_and_a_session_on_an_impossible_day_are_told_why() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    app.open_people().await.add("Ana Lima", "", "").await;

    let log = app.open_quick_log_by_keyboard().await;
    log.type_day("2026-04-31").await;
    log.save().await;
    log.wait_for_error("when", "April has no 31st.").await;
    assert_eq!(app.focused().await, "touch-when");
    app.screenshot("quick-log-impossible-day").await;
    app.script("document.querySelector('dialog.quick-log').close()", vec![]).await;

    let time = app.open_time().await;
    time.add_session("29 Feb 2026", "09:00", "09:30").await;
    time.wait_for_session_error("2026 has no February 29th.").await;
    assert_eq!(app.focused().await, "session-day");
    // A day as typed, "today" included, is read and the session kept.
    time.add_session("today", "00:00", "00:01").await;
    app.wait_for_toast("Session added.").await;
    time.wait_for_session_error("").await;
    app.screenshot("session-impossible-day").await;
    app.quit().await;
}
