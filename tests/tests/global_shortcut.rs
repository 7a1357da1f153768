//! The quick log from anywhere: a global shortcut set in Settings (none until then),
//! pressed with xdotool while another program's window has the focus, and again with
//! Rapport hidden in the tray; each time the touch is logged and the desktop goes back
//! as it was. On a Wayland desktop, Settings says why no key can be taken.

use rapport_core::people::PersonEdit;
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::Diary;
use rapport_e2e::{app_binary, eventually, ok_if, tid, Desktop};

const EDITOR: &str = "Notes — Text Editor";

#[tokio::test(flavor = "multi_thread")]
async fn the_shortcut_opens_the_quick_log_over_another_program_and_hands_the_focus_back() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join(DIARY_FILE_NAME);
    let mut diary = Diary::open(&path).unwrap();
    diary.add_person(&PersonEdit { display_name: "Ana Lima".into(), ..Default::default() }).unwrap();
    drop(diary);
    let desktop = Desktop::start();
    let _wm = desktop.start_window_manager();
    let app = desktop.launch(data.path()).await;
    let rapport = desktop.wait_for_window("^Rapport$").await;

    // None until set; a key the user types everywhere is refused.
    app.open_settings().await;
    app.wait_for_text_containing(&tid("shortcut-status"), "No shortcut yet.").await;
    app.type_into(&tid("shortcut-keys"), "Shift+L").await;
    app.click(&tid("shortcut-save")).await;
    app.wait_for_text_containing(&tid("shortcut-error"), "needs Ctrl, Alt or Super").await;
    app.type_into(&tid("shortcut-keys"), "alt+ctrl+l").await;
    app.click(&tid("shortcut-save")).await;
    app.wait_for_toast("Ctrl+Alt+L opens the quick log from anywhere.").await;
    app.wait_for_text_containing(&tid("shortcut-status"), "Press Ctrl+Alt+L anywhere").await;
    app.scroll_to(&tid("shortcut-section")).await;
    app.screenshot("shortcut-settings").await;

    // Another program has the focus: the shortcut brings the quick log over it.
    let (_editor, editor) = desktop.open_window(EDITOR).await;
    desktop.focus(&editor).await;
    desktop.press_keys("ctrl+alt+l").await;
    let log = app.quick_log().await;
    desktop.wait_until_active(&rapport).await;
    log.type_in_people("Ana").await;
    log.wait_for_suggestion().await;
    log.pick_suggestion().await;
    log.wait_for_chosen("Ana Lima✕").await;
    log.log_with_ctrl_enter().await;
    log.wait_until_closed().await;
    // Logged, and the editor has the focus again.
    desktop.wait_until_active(&editor).await;
    let touches = || Diary::open(&path).unwrap().person_page(1).unwrap().figures.touches;
    assert_eq!(touches(), 1);

    // Hidden in the tray (closed with the window manager's Alt+F4), the shortcut shows
    // the window with the log; Esc closes it, and the window goes back to the tray.
    desktop.focus(&rapport).await;
    desktop.press_keys("alt+F4").await;
    eventually("Rapport to hide in the tray", async || ok_if(!desktop.window_shows("Rapport"), "still showing")).await;
    desktop.focus(&editor).await;
    desktop.press_keys("ctrl+alt+l").await;
    let log = app.quick_log().await;
    assert!(desktop.window_shows("Rapport"), "the window came out of the tray");
    log.type_in_people(&char::from(fantoccini::key::Key::Escape).to_string()).await;
    log.wait_until_closed().await;
    eventually("Rapport back in the tray", async || ok_if(!desktop.window_shows("Rapport"), "still showing")).await;
    assert_eq!(touches(), 1, "a log closed unsaved logs nothing");

    // Removed, the keys are free again: pressing them opens nothing.
    app.script("location.hash = '#settings'", vec![]).await;
    // (The window is hidden; the page still answers WebDriver.)
    app.click(&tid("shortcut-clear")).await;
    app.wait_for_text_containing(&tid("shortcut-status"), "No shortcut yet.").await;
    desktop.focus(&editor).await;
    desktop.press_keys("ctrl+alt+l").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(app.count(&tid("quick-log")).await, 0);
    assert!(!desktop.window_shows("Rapport"));
    app.quit().await;
}

/// Where no program may take a key (Wayland), a desktop's own shortcut runs
/// `rapport --quick-log`: the running Rapport opens the log and hands the focus back.
#[tokio::test(flavor = "multi_thread")]
async fn rapport_quick_log_opens_the_log_in_the_running_rapport() {
    let data = tempfile::tempdir().unwrap();
    let desktop = Desktop::start();
    let _wm = desktop.start_window_manager();
    let app = desktop.launch(data.path()).await;
    app.wait_until_ready().await;
    let rapport = desktop.wait_for_window("^Rapport$").await;
    let (_editor, editor) = desktop.open_window(EDITOR).await;
    desktop.focus(&editor).await;

    let mut second = std::process::Command::new(app_binary());
    second.arg("--quick-log").envs(desktop.env(data.path())).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    let mut second = second.spawn().unwrap();
    let status = eventually("the second launch to hand over and exit", async || second.try_wait().unwrap().ok_or("running")).await;
    assert!(status.success(), "{status}");
    let log = app.quick_log().await;
    desktop.wait_until_active(&rapport).await;
    log.type_in_people(&char::from(fantoccini::key::Key::Escape).to_string()).await;
    log.wait_until_closed().await;
    desktop.wait_until_active(&editor).await;
    app.quit().await;
}

/// A Wayland desktop lets no program take a key for everywhere: Settings says so and
/// names the command for the desktop's own shortcut, and offers no field to set one.
#[tokio::test(flavor = "multi_thread")]
async fn on_a_wayland_desktop_settings_says_no_shortcut_can_be_taken() {
    let data = tempfile::tempdir().unwrap();
    let desktop = Desktop::start();
    let app = desktop.launch_in_wayland_session(data.path()).await;
    app.open_settings().await;
    app.wait_for_text_containing(&tid("shortcut-unavailable"), "does not let programs take a key for everywhere").await;
    app.wait_for_text_containing(&tid("shortcut-unavailable"), "--quick-log").await;
    assert_eq!(app.count(&tid("shortcut-keys")).await, 0);
    app.scroll_to(&tid("shortcut-section")).await;
    app.screenshot("shortcut-wayland").await;
    app.quit().await;
}
