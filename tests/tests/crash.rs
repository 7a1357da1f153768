//! Killed, not quit: SIGKILL the app while a timer runs, and in the middle of importing
//! 30,000 LinkedIn rows, at a few random moments. The diary reopens intact, the timer
//! still running from its true start, the import all or nothing.

use std::time::Duration;

use rapport_core::Diary;
use rapport_e2e::pages::ImportDialog;
use rapport_e2e::{app_processes, Desktop};

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_app_loses_nothing_and_the_timer_runs_on_from_its_start() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join(rapport_core::storage::DIARY_FILE_NAME);
    let mut app = desktop.launch(data.path()).await;
    app.open_people().await.add("Ana Lima", "Acme", "analima").await;
    let time = app.open_time().await;
    time.start("linkedin").await;
    let since = time.running_since().await;

    // A few kills at moments spread over the next seconds, each followed by a relaunch.
    let mut rng = std::process::id() as u64;
    for round in 0..3 {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        tokio::time::sleep(Duration::from_millis(200 + (rng >> 33) % 1500)).await;
        let pids = app_processes(data.path());
        let rapport: Vec<u32> =
            pids.into_iter().filter(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|n| n.trim() == "rapport")).collect();
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
    let time = app.open_time().await;
    time.wait_for_running("LinkedIn").await;
    let again = time.running_since().await;
    assert_eq!(again, since, "round {round}: the timer runs from its first start");
    app.open_people().await.wait_for_listed("Ana Lima").await;
    app
}

/// A LinkedIn export of `rows` connections.
fn connections(rows: usize) -> String {
    let mut csv = String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "First{i},Last{i},https://www.linkedin.com/in/p-{i},,\"Company {}, Ltd\",Head of Things,15 Mar 2024\n",
            i % 500
        ));
    }
    csv
}

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_import_of_30000_rows_is_all_or_nothing() {
    const ROWS: usize = 30_000;
    let desktop = Desktop::start();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("Connections.csv");
    std::fs::write(&file, connections(ROWS)).unwrap();

    // Round 0 runs to the end, to learn how long the import takes here.
    let data = tempfile::tempdir().unwrap();
    let app = start_import(&desktop, data.path(), &file).await;
    let started = std::time::Instant::now();
    // The window keeps answering while the shell imports.
    let label = ImportDialog::on(&app).apply_label().await;
    assert_eq!(label, "Importing…");
    eprintln!("the window answered {:?} into the import", started.elapsed());
    app.wait_for_toast("30,000 people added").await;
    let takes = started.elapsed();
    app.quit().await;
    assert_eq!(people(&data.path().join(rapport_core::storage::DIARY_FILE_NAME)), ROWS as u32);

    // Then kills at random moments between a tenth and two thirds of the way through.
    let mut rng = std::process::id() as u64 ^ 0x9e37_79b9;
    for round in 1..=3 {
        let data = tempfile::tempdir().unwrap();
        let path = data.path().join(rapport_core::storage::DIARY_FILE_NAME);
        let app = start_import(&desktop, data.path(), &file).await;
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let after = takes.mul_f64(0.1 + 0.56 * ((rng >> 33) % 1000) as f64 / 1000.0);
        tokio::time::sleep(after).await;
        let rapport: Vec<u32> = app_processes(data.path())
            .into_iter()
            .filter(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|n| n.trim() == "rapport"))
            .collect();
        assert_eq!(rapport.len(), 1, "round {round}: one app process");
        // SAFETY: a plain kill(2) of a process this test started.
        assert_eq!(unsafe { libc::kill(rapport[0] as i32, libc::SIGKILL) }, 0);
        tokio::time::sleep(Duration::from_millis(300)).await;
        drop(app);
        assert_eq!(integrity(&path), "ok", "round {round}: integrity_check after SIGKILL");
        assert_eq!(people(&path), 0, "round {round}: killed {after:?} into a {takes:?} import, nothing of it stays");
        eprintln!("round {round}: killed {after:?} into a {takes:?} import: integrity ok, no one imported");
    }
}

/// Launches the app on `data`, chooses `file` in Import… and clicks Import.
async fn start_import(desktop: &Desktop, data: &std::path::Path, file: &std::path::Path) -> rapport_e2e::App {
    let app = desktop.launch(data).await;
    let import = app.open_people().await.import(desktop, file).await;
    import.wait_for_new("30,000 new people").await;
    import.apply().await;
    app
}

fn people(path: &std::path::Path) -> u32 {
    Diary::open(path).unwrap().people(&Default::default()).unwrap().total
}
