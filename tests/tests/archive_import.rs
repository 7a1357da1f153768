//! The diary fills itself: a LinkedIn export and an X archive, each a zip as the
//! platform sends it, dropped on the real window (an X drag and drop from another
//! window) or chosen in the open dialog, previewed, applied; the Ladder and
//! Today's "pick up the phone" move with the history; both imports undone from Settings
//! and the diary as it was.

use std::path::Path;

use rapport_e2e::pages::ArchiveDialog;
use rapport_e2e::{tid, Desktop};

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../src-tauri/core/tests/fixtures/archives"))
}

/// Zips every file under `dir` into `to`, under `prefix`, as the platform's zip holds it.
fn zip_folder(dir: &Path, to: &Path, prefix: &str) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut stack = vec![(dir.to_path_buf(), prefix.to_owned())];
    while let Some((folder, at)) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let name = format!("{at}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                stack.push((entry.path(), format!("{name}/")));
            } else {
                zip.start_file(name, options).unwrap();
                std::io::copy(&mut std::fs::File::open(entry.path()).unwrap(), &mut zip).unwrap();
            }
        }
    }
    zip.finish().unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_linkedin_export_and_an_x_archive_fill_the_diary_and_undo_leaves_it_as_it_was() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let linkedin = files.path().join("Basic_LinkedInDataExport_11-30-2026.zip");
    zip_folder(&fixtures().join("linkedin"), &linkedin, "");
    let x = files.path().join("twitter-2026-11-30-abc123.zip");
    zip_folder(&fixtures().join("x"), &x, "");
    let app = desktop.launch(data.path()).await;

    // LinkedIn, dropped: the preview names the user, who is new and where the history
    // puts them.
    app.open_people().await;
    desktop.drop_files(&[&linkedin]).await;
    let dialog = ArchiveDialog::on(&app);
    dialog.wait_for_source("linkedin").await;
    assert_eq!(dialog.me("linkedin").await, "Maya Chen");
    assert_eq!(dialog.count("linkedin", "archive-touches").await, "12 touches to add");
    assert_eq!(dialog.count("linkedin", "archive-new").await, "4 new people");
    assert_eq!(dialog.moves("linkedin").await, "The ladder: 1 person to Connected, 2 people to Conversing.");
    let rows = dialog.people("linkedin").await;
    assert!(rows.contains(&"Ana Lima | New | 8 | Conversing since 2021-03-04".to_owned()), "{rows:?}");
    assert_eq!(dialog.bold().await, 0, "markup in the messages stays text");
    app.screenshot("archive-preview-linkedin").await;
    dialog.apply().await;
    app.wait_for_toast("Imported Basic_LinkedInDataExport_11-30-2026.zip. LinkedIn: 12 touches, 4 people added.").await;

    let ladder = app.open_ladder().await;
    ladder.wait_for_count("conversing", "2").await;
    assert_eq!(ladder.names("conversing").await, serde_json::json!(["Ana Lima", "Tomás Ruiz"]));

    // The history brings the nudge at once: seven messages with Ana, never spoken.
    let today = app.open_today().await;
    let nudge = today.nudge_of_kind("pick_up_the_phone").await;
    assert_eq!(nudge.name, "Ana Lima");
    app.screenshot("archive-today-nudge").await;
    // Her page: the history on the timeline, each touch saying where it came from.
    today.open_person(&nudge).await;
    app.wait_for_screen_text("2 messages, from the LinkedIn export").await;
    app.wait_for_screen_text("Conversing since 2021-03-04, from the LinkedIn export").await;
    app.screenshot("archive-person-page").await;

    // X, dropped too: Jonas comes in from the DMs, the unknown account stays someone to name.
    desktop.drop_files(&[&x]).await;
    dialog.wait_for_source("x").await;
    assert_eq!(dialog.me("x").await, "Maya Chen");
    assert_eq!(dialog.count("x", "archive-touches").await, "7 touches to add");
    // Asked for, the words come too (the archive is read again with them).
    dialog.keep_words("x").await;
    app.wait_for(&format!("{}:checked", tid("archive-keep-words"))).await;
    dialog.apply().await;
    app.wait_for_toast("Imported twitter-2026-11-30-abc123.zip. X: 7 touches, 3 people added.").await;
    let people = app.open_people().await;
    people.wait_for_count("7 people").await;
    people.wait_for_listed("unknown account 333333333").await;
    app.open_diary().await;
    app.wait_for_screen_text("Thanks Maya 🙏 want to compare notes?").await;

    // The same zip again, chosen in the open dialog this time, adds nothing.
    let people = app.open_people().await;
    people.import(&desktop, &linkedin).await;
    dialog.wait_for_source("linkedin").await;
    assert_eq!(dialog.count("linkedin", "archive-already").await, "12 touches already here");
    assert_eq!(dialog.apply_text().await, "Nothing to import");
    app.click(&format!("{} button[type=button]", tid("archive-preview"))).await;

    // Both undone from Settings' past imports: the diary is empty again.
    app.open_settings().await;
    app.wait_for_count(&tid("import-run"), 2).await;
    app.scroll_to(&tid("import-run")).await;
    app.screenshot("archive-past-imports").await;
    app.click(&format!("{}[data-undone=\"no\"] {}", tid("import-run"), tid("import-undo"))).await;
    app.wait_for_toast("Undone: 7 touches and 3 people removed.").await;
    app.wait_for_count(&format!("{}[data-undone=\"no\"]", tid("import-run")), 1).await;
    app.click(&format!("{}[data-undone=\"no\"] {}", tid("import-run"), tid("import-undo"))).await;
    app.wait_for_toast("Undone: 12 touches and 4 people removed.").await;
    let ladder = app.open_ladder().await;
    ladder.wait_for_count("conversing", "0").await;
    let people = app.open_people().await;
    people.wait_for_count("0 people").await;
    app.quit().await;
}

/// A WhatsApp group of twelve is left out until asked: its box says why, ticking it
/// brings its messages into the preview and the diary.
#[tokio::test(flavor = "multi_thread")]
async fn a_large_group_waits_until_its_box_is_ticked() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let chat = files.path().join("WhatsApp Chat with Team offsite.txt");
    let lines: String = (0..12).map(|i| format!("3/{}/26, 10:{i:02} - Member {i}: Hello from {i}\n", i + 1)).collect();
    std::fs::write(&chat, lines).unwrap();
    let app = desktop.launch(data.path()).await;
    app.open_people().await;
    desktop.drop_files(&[&chat]).await;
    let dialog = ArchiveDialog::on(&app);
    dialog.wait_for_source("whatsapp").await;
    let threads = dialog.threads("whatsapp").await;
    assert_eq!(threads.len(), 1);
    assert!(threads[0].starts_with("Team offsite — 12 messages, a group of 1"), "{threads:?}");
    assert_eq!(dialog.apply_text().await, "Nothing to import");
    dialog.toggle_thread("whatsapp", 0).await;
    app.wait_for_text_containing(&tid("archive-preview"), "touches to add").await;
    app.screenshot("archive-large-group").await;
    dialog.apply().await;
    app.wait_for_toast("Imported WhatsApp Chat with Team offsite.txt.").await;
    app.open_people().await;
    app.wait_for_text_containing(&tid("people-count"), "people").await;
    app.quit().await;
}
