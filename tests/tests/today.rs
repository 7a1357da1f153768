//! Today on a lived-in diary: no row names its person twice, a third message offers the
//! call, and the window opens where it was left. The day's work on the first screen,
//! clearing old overdue rows and acting on nudges are walked in `a_day.rs`.

use rapport_core::people::PersonEdit;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::Channel;
use rapport_core::Diary;
use rapport_e2e::{tid, Desktop};
use rapport_sample::{fill, SampleSize};

#[tokio::test(flavor = "multi_thread")]
async fn rows_name_their_person_once_a_third_message_offers_the_call_and_the_window_opens_where_it_was_left() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let mut diary = Diary::open(data.path().join("rapport.sqlite3")).unwrap();
    fill(&mut diary, SampleSize::DEMO, 2026, chrono::Utc::now()).unwrap();
    // Two messages with Ines so far; the third will bring on "pick up the phone".
    let ines = diary.add_person(&PersonEdit { display_name: "Ines Quick".into(), ..Default::default() }).unwrap().id;
    for hours in [5, 4] {
        let mut dm = TouchInput::new(ines, Channel::DirectMessage);
        dm.when = Some(chrono::Utc::now() - chrono::Duration::hours(hours));
        diary.log_touch(&dm).unwrap();
    }
    drop(diary);

    let app = desktop.launch(data.path()).await;
    app.set_window_size(1280, 800).await;
    let today = app.open_today().await;
    today.wait_for_overdue_total(today.overdue_total().await).await;
    let names_twice = app
        .script(
            "return [...document.querySelectorAll(arguments[0])].filter(r => {
               const name = r.querySelector('a')?.textContent;
               return name && r.textContent.split(name).length > 2; }).length",
            vec![tid("follow-up-row").into()],
        )
        .await;
    assert_eq!(names_twice, 0, "no row names its person twice");
    app.screenshot("today-sample").await;

    // The third message with Ines: the confirmation asks for the call, and plans it.
    let page = app.open_person(ines).await;
    page.wait_for_name("Ines Quick").await;
    let log = page.log_touch().await;
    log.save().await;
    log.wait_until_closed().await;
    app.wait_for_text_containing(&tid("nudge-toast"), "Third message with Ines Quick, never spoken: pick up the phone?").await;
    app.click_toast_action("Make a follow-up").await;
    app.wait_for_toast("Added to today.").await;
    page.wait_for_follow_up("Call Ines Quick").await;

    // With no screen named, the window opens on the one last used, else on Today.
    app.script("localStorage.setItem('rapport.last-screen', 'time'); location.hash = ''", vec![]).await;
    app.wait_for(&format!("{}[aria-current]", tid("nav-time"))).await;
    app.script("localStorage.removeItem('rapport.last-screen'); location.hash = '#nowhere'", vec![]).await;
    app.wait_for(&format!("{}[aria-current]", tid("nav-today"))).await;
    app.quit().await;
}
