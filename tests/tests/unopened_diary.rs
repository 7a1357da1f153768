//! A diary file that cannot be opened: the window says why and offers the backups; the
//! damaged file is never overwritten or deleted, and restoring one brings the diary back.

use rapport_core::people::PersonEdit;
use rapport_core::Diary;
use rapport_e2e::Desktop;

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_diary_is_reported_in_the_window_and_left_untouched() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let diary = data.path().join("rapport.sqlite3");
    // Yesterday's backup holds Ana; today the diary file is garbage.
    let earlier = tempfile::tempdir().unwrap();
    let mut sound = Diary::open(earlier.path().join("rapport.sqlite3")).unwrap();
    sound.add_person(&PersonEdit { display_name: "Ana From The Backup".into(), ..Default::default() }).unwrap();
    sound.back_up(&data.path().join("backups")).unwrap();
    drop(sound);
    let garbage: Vec<u8> = b"not a diary at all\n".iter().copied().cycle().take(64 * 1024).collect();
    std::fs::write(&diary, &garbage).unwrap();

    let app = desktop.launch(data.path()).await;
    let error = app.diary_error();
    error.wait_for_heading("This diary file is damaged").await;
    let message = error.message().await;
    assert!(message.contains("damaged or is not a Rapport diary"), "{message}");
    assert!(message.contains("It was not changed"), "{message}");
    assert!(message.contains(&diary.display().to_string()), "the message names the file: {message}");
    error.wait_for_backup().await;
    app.screenshot("diary-damaged").await;
    assert_eq!(std::fs::read(&diary).unwrap(), garbage, "showing the screen changed nothing");

    // Restore the backup: asked first, then the diary is back and the damaged file aside.
    error.restore_first_backup().await;
    error.wait_for_backup_status("Restored. The previous file is kept as").await;
    app.wait_until_ready().await;
    app.open_people().await.wait_for_listed("Ana From The Backup").await;
    app.screenshot("diary-restored").await;
    app.quit().await;

    let aside: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".before-restore-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(&aside[0]).unwrap(), garbage, "the damaged file is kept aside byte for byte");
}

/// No backup, but a copy kept elsewhere: "Use another diary file…" takes it, through the
/// native open dialog; the damaged file stays aside, the copy is only read.
#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_diary_is_replaced_by_another_file_the_user_chooses() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let diary = data.path().join("rapport.sqlite3");
    std::fs::write(&diary, b"\0\0\0 truncated").unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("rapport-copy.sqlite3");
    let mut kept = Diary::open(&copy).unwrap();
    kept.add_person(&PersonEdit { display_name: "Bo From The Copy".into(), ..Default::default() }).unwrap();
    drop(kept);
    let copy_bytes = std::fs::read(&copy).unwrap();

    let app = desktop.launch(data.path()).await;
    let error = app.diary_error();
    error.wait_for_heading("This diary file is damaged").await;
    assert_eq!(error.backups().await, 0);
    error.use_another_file().await;
    desktop.answer_open_dialog("Use another diary file", &copy).await;
    error.wait_for_other_file_status("Opened. The file that was there is kept as").await;
    app.wait_until_ready().await;
    app.open_people().await.wait_for_listed("Bo From The Copy").await;
    app.quit().await;

    assert_eq!(std::fs::read(&copy).unwrap(), copy_bytes, "the chosen file is only read");
    let aside: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy().contains(".before-restore-")
                && !p.to_string_lossy().ends_with("-wal")
                && !p.to_string_lossy().ends_with("-shm")
        })
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(&aside[0]).unwrap(), b"\0\0\0 truncated");
}
