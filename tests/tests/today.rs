//! Today on a lived-in diary at 1280×800: the day's work on the first screen, the old
//! overdue rows cleared in one go and brought back, and nudges acted on from Today and
//! from a person's page.

use rapport_core::people::PersonEdit;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::Channel;
use rapport_core::Diary;
use rapport_e2e::{tid, Desktop};
use rapport_sample::{fill, SampleSize};

#[tokio::test(flavor = "multi_thread")]
async fn the_day_fits_the_first_screen_old_overdue_clears_and_comes_back_and_nudges_are_acted_on() {
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
    let (due_bottom, nudges_bottom, height) = today.first_screen().await;
    assert!(today.due_today_count().await >= 6, "the sample has work for today");
    assert!(due_bottom <= height && nudges_bottom <= height, "due today ends at {due_bottom}, the nudges at {nudges_bottom}, of {height}");
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

    // Everything more than a month late, dropped at once, then brought back.
    let total = today.overdue_total().await;
    let label = today.drop_more_than("a month").await;
    let dropped: u32 = label.split(' ').nth(2).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("a count in {label:?}"));
    assert!(dropped > 0 && dropped < total, "{label} of {total}");
    app.wait_for_toast(&format!("Dropped {dropped} follow-ups.")).await;
    today.wait_for_overdue_total(total - dropped).await;
    app.screenshot("today-dropped").await;
    app.click_toast_action("Undo").await;
    app.wait_for_toast(&format!("Brought back {dropped} follow-ups.")).await;
    today.wait_for_overdue_total(total).await;

    // From Today: "Log the call" opens the quick log on the phone with them; once the
    // call is logged, the nudge is gone.
    let phone = today.nudge_of_kind("pick_up_the_phone").await;
    let log = today.act_on(&phone).await;
    log.wait_for_chosen(&format!("{}✕", phone.name)).await;
    assert_eq!(log.channel().await, "phone");
    log.save().await;
    log.wait_until_closed().await;
    app.wait_for_toast("Touch logged.").await;
    today.wait_until_gone(&phone).await;

    // From their page: the nudge with its reason; "Make a follow-up" puts it on today.
    let due_before = today.due_today_count().await;
    let thanks = today.nudge_of_kind("say_thank_you").await;
    let page = today.open_person(&thanks).await;
    page.wait_for_nudges(1).await;
    page.follow_up_from_nudge().await;
    app.wait_for_toast("Added to today.").await;
    page.wait_for_nudges(0).await;
    page.wait_for_follow_up(&format!("Thank {}", thanks.name)).await;
    let today = app.open_today().await;
    today.wait_for_due_today_count(due_before + 1).await;

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
