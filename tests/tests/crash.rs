//! Killed, not quit: SIGKILL the app while a timer runs, at a few random moments, and
//! the diary reopens intact with the timer still running from its true start.

use std::time::Duration;

use rapport_core::Diary;
use rapport_e2e::{app_processes, Desktop};

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_app_loses_nothing_and_the_timer_runs_on_from_its_start() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join(rapport_core::DIARY_FILE_NAME);
    let mut app = desktop.launch(data.path()).await;
    app.add_person("Ana Lima", "Acme", "analima").await;
    app.click("[data-testid=nav-time]").await;
    app.click("[data-testid=timer-start-linkedin]").await;
    let since = app.wait_for("[data-testid=timer-since]").await.attr("datetime").await.unwrap().unwrap();

    // A few kills at moments spread over the next seconds, each followed by a relaunch.
    let mut rng = std::process::id() as u64;
    for round in 0..3 {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        tokio::time::sleep(Duration::from_millis(200 + (rng >> 33) % 1500)).await;
        let pids = app_processes(data.path());
        let rapport: Vec<u32> = pids
            .into_iter()
            .filter(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|n| n.trim() == "rapport"))
            .collect();
        assert_eq!(rapport.len(), 1, "round {round}: one app process");
        // SAFETY: a plain kill(2) of a process this test started.
        assert_eq!(unsafe { libc::kill(rapport[0] as i32, libc::SIGKILL) }, 0);
        tokio::time::sleep(Duration::from_millis(300)).await;

        assert_eq!(integrity(&path), "ok", "round {round}: integrity_check after SIGKILL");
        // The killed session's driver goes when the relaunched app replaces it.
        app = relaunch(&desktop, data.path(), &since, round).await;
    }
    app.quit().await;
}

/// `PRAGMA integrity_check` on the diary, opened as the app opens it.
fn integrity(path: &std::path::Path) -> String {
    let diary = Diary::open(path).expect("the diary opens after a kill");
    diary.integrity_check().unwrap()
}

async fn relaunch(desktop: &Desktop, data: &std::path::Path, since: &str, round: u32) -> rapport_e2e::App {
    let app = desktop.launch(data).await;
    app.click("[data-testid=nav-time]").await;
    app.wait_for_text("[data-testid=timer-platform]", "LinkedIn").await;
    let again = app.wait_for("[data-testid=timer-since]").await.attr("datetime").await.unwrap().unwrap();
    assert_eq!(again, since, "round {round}: the timer runs from its first start");
    app.click("[data-testid=nav-people]").await;
    app.wait_for_text_containing("[data-testid=screen]", "Ana Lima").await;
    app
}
