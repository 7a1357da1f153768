//! The same diary on two computers (issue 23): two Rapport instances, each on its own
//! desktop with its own data directory. Sharing one sync folder: a person added on one
//! shows on the other's screen, and an edit made there comes back. Each with its own
//! folder and this test as the sync tool between them: both edit one person while the
//! sync tool is cut off, one is killed in the middle of its writes, and once the files
//! travel again both show the same page. A computer joining a diary with years in it
//! shows how far it is while it reads, and ends with the whole diary.

use std::path::Path;
use std::time::Duration;

use rapport_e2e::{app_processes, eventually, ok_if, tid, Desktop};

async fn turn_on(app: &rapport_e2e::App, folder: &Path, name: &str) {
    app.open_settings().await;
    app.wait_for(&tid("sync-off")).await;
    app.type_into(&tid("sync-folder"), &folder.display().to_string()).await;
    app.type_into(&tid("sync-name"), name).await;
    app.click(&tid("sync-turn-on")).await;
    app.wait_for_text(&tid("sync-folder-shown"), &folder.display().to_string()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_added_on_one_computer_shows_on_the_other_and_an_edit_there_comes_back() {
    let folder = tempfile::tempdir().unwrap();
    let (laptop_desktop, desk_desktop) = (Desktop::start(), Desktop::start());
    let (laptop_data, desk_data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let laptop = laptop_desktop.launch(laptop_data.path()).await;
    let desk = desk_desktop.launch(desk_data.path()).await;

    // A blank folder is refused by name, and sync stays off.
    laptop.open_settings().await;
    laptop.type_into(&tid("sync-folder"), "").await;
    laptop.click(&tid("sync-turn-on")).await;
    laptop.wait_for_text(&tid("sync-error"), "Choose the folder your sync tool keeps on every device.").await;
    laptop.screenshot("devices-off").await;
    turn_on(&laptop, folder.path(), "Laptop").await;
    let ana = laptop.open_people().await.add("Ana Lima", "Lima Consulting", "analima").await;
    ana.wait_for_name("Ana Lima").await;

    turn_on(&desk, folder.path(), "Desk <office>").await;
    desk.wait_for_text_containing(&tid("sync-devices"), "Laptop").await;
    desk.screenshot("devices-on").await;
    let people = desk.open_people().await;
    people.wait_for_listed("Ana Lima").await;
    let on_desk = people.open_first().await;
    assert_eq!(on_desk.sub().await, "Lima Consulting");
    let form = on_desk.edit().await;
    form.type_title("Founder").await;
    form.save().await;

    // Back on the laptop, on the person's page already open: the edit arrives by itself.
    ana.wait_for_sub("Founder at Lima Consulting").await;
    laptop.open_settings().await;
    laptop.wait_for_text_containing(&tid("sync-devices"), "Desk <office>").await;
    laptop.screenshot("devices-laptop").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_computer_joining_a_diary_with_years_in_it_shows_how_far_it_is_and_ends_with_all_of_it() {
    use rapport_core::sync::Engine;
    use rapport_sample::{fill, SampleSize};
    // The desk's diary, two years of it, written into the folder as its first round does.
    let (folder, desk_data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut desk = rapport_core::Diary::open(desk_data.path().join("rapport.sqlite3")).unwrap();
    fill(&mut desk, SampleSize::DEMO, 7, chrono::Utc::now()).unwrap();
    desk.turn_sync_on(folder.path(), "Desk").unwrap();
    let files = desk.sync_now(&mut Engine::default()).unwrap().files_written;
    assert!(files > 12, "the core and a document a month: {files}");
    let desk_db = rusqlite::Connection::open(desk.path()).unwrap();
    let someone: String = desk_db.query_row("SELECT display_name FROM person ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();

    let laptop_desktop = Desktop::start();
    let laptop_data = tempfile::tempdir().unwrap();
    let laptop = laptop_desktop.launch(laptop_data.path()).await;
    laptop.open_settings().await;
    laptop.wait_for(&tid("sync-off")).await;
    // Every line the bar shows, kept as it comes (it is gone once the join is done).
    laptop
        .script(
            "window.seenProgress = []; new MutationObserver(() => { const bar = document.querySelector(arguments[0]); \
             if (bar) window.seenProgress.push(bar.textContent); }).observe(document.body, { subtree: true, childList: true, characterData: true });",
            vec![serde_json::json!(tid("sync-progress"))],
        )
        .await;
    laptop.type_into(&tid("sync-folder"), &folder.path().display().to_string()).await;
    laptop.type_into(&tid("sync-name"), "Laptop").await;
    laptop.click(&tid("sync-turn-on")).await;
    laptop.wait_for(&tid("sync-progress")).await;
    laptop.screenshot("devices-joining").await;
    eventually("the join to end", async || {
        let left = laptop.count(&tid("sync-progress")).await;
        ok_if(left == 0, left)
    })
    .await;
    laptop.wait_for_text_containing(&tid("sync-devices"), "Desk").await;

    let seen = laptop.script("return window.seenProgress", vec![]).await;
    let counts: Vec<(usize, usize)> = seen
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|line| {
            let line = line.as_str()?.strip_prefix("Reading the other computers' files: ")?;
            let (read, rest) = line.split_once(" of ")?;
            Some((read.parse().ok()?, rest.split_once('.')?.0.parse().ok()?))
        })
        .collect();
    assert!(!counts.is_empty(), "the bar said how far: {seen}");
    assert!(counts.iter().all(|&(read, of)| read < of && of == files), "{counts:?} of {files} files");
    assert!(counts.windows(2).all(|w| w[0].0 <= w[1].0), "never backwards: {counts:?}");
    let on_laptop = laptop.open_people().await;
    on_laptop.wait_for_listed(&someone).await;
    let laptop_db = rusqlite::Connection::open(laptop_data.path().join("rapport.sqlite3")).unwrap();
    for sql in ["SELECT count(*) FROM person", "SELECT count(*) FROM touch", "SELECT sum(last_touch_at) FROM person"] {
        let count = |db: &rusqlite::Connection| db.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(count(&laptop_db), count(&desk_db), "{sql}");
    }
}

/// The sync tool: every whole file under `from`'s `Rapport/` that `to` lacks, copied in
/// (beside, then renamed, as the tools do), and how many; hidden files still being
/// written stay behind.
fn carry(from: &Path, to: &Path) -> usize {
    fn walk(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                walk(&entry.path(), found);
            } else {
                found.push(entry.path());
            }
        }
    }
    let mut files = Vec::new();
    walk(&from.join("Rapport"), &mut files);
    let mut carried = 0;
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let target = to.join(file.strip_prefix(from).unwrap());
        if name.starts_with('.') || (target.exists() && name != "device.json") {
            continue;
        }
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let aside = target.with_file_name(format!(".{name}.syncing"));
        std::fs::copy(&file, &aside).unwrap();
        std::fs::rename(&aside, &target).unwrap();
        carried += 1;
    }
    carried
}

/// How many update files a device has written into its folder so far.
fn written(folder: &Path) -> usize {
    let mut n = 0;
    for device in std::fs::read_dir(folder.join("Rapport/devices")).into_iter().flatten().flatten() {
        for doc in std::fs::read_dir(device.path()).into_iter().flatten().flatten().filter(|d| d.path().is_dir()) {
            n += std::fs::read_dir(doc.path())
                .into_iter()
                .flatten()
                .flatten()
                .filter(|f| !f.file_name().to_string_lossy().starts_with('.'))
                .count();
        }
    }
    n
}

async fn written_more_than(folder: &Path, before: usize) {
    eventually("the round to write the edit out", async || ok_if(written(folder) > before, written(folder))).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn both_edit_one_person_offline_one_is_killed_while_writing_and_both_end_on_the_same_page() {
    let (laptop_sync, desk_sync) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (laptop_desktop, desk_desktop) = (Desktop::start(), Desktop::start());
    let (laptop_data, desk_data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let laptop = laptop_desktop.launch(laptop_data.path()).await;
    let desk = desk_desktop.launch(desk_data.path()).await;
    turn_on(&laptop, laptop_sync.path(), "Laptop").await;
    let before = written(laptop_sync.path());
    laptop.open_people().await.add("Ana Lima", "Lima Consulting", "analima").await;
    written_more_than(laptop_sync.path(), before).await;
    carry(laptop_sync.path(), desk_sync.path());
    turn_on(&desk, desk_sync.path(), "Desk").await;
    let people = desk.open_people().await;
    people.wait_for_listed("Ana Lima").await;

    // Cut off from each other: the laptop sets her title, the desk her company.
    let on_desk = people.open_first().await;
    let before = written(desk_sync.path());
    let form = on_desk.edit().await;
    form.type_company("Lima & Co").await;
    form.save().await;
    on_desk.wait_for_sub("Lima & Co").await;
    written_more_than(desk_sync.path(), before).await;
    let on_laptop = laptop.open_people().await.open_first().await;
    let before = written(laptop_sync.path());
    let form = on_laptop.edit().await;
    form.type_title("Founder").await;
    form.save().await;
    on_laptop.wait_for_sub("Founder at Lima Consulting").await;
    written_more_than(laptop_sync.path(), before).await;

    // Another edit on the laptop, and the laptop killed at once, while its round may be
    // writing it out: what it wrote whole travels, what it had not sent waits in its diary.
    let form = on_laptop.edit().await;
    form.show_more().await;
    form.paste_notes("Prefers calls before ten").await;
    form.save().await;
    tokio::time::sleep(Duration::from_millis(u64::from(std::process::id() % 1500))).await;
    let rapport: Vec<u32> = app_processes(laptop_data.path())
        .into_iter()
        .filter(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|n| n.trim() == "rapport"))
        .collect();
    assert_eq!(rapport.len(), 1);
    // SAFETY: a plain kill(2) of a process this test started.
    assert_eq!(unsafe { libc::kill(rapport[0] as i32, libc::SIGKILL) }, 0);

    // The network is back: the desk converges with the laptop down.
    carry(laptop_sync.path(), desk_sync.path());
    carry(desk_sync.path(), laptop_sync.path());
    on_desk.wait_for_sub("Founder at Lima & Co").await;
    desk.screenshot("devices-converged-desk").await;

    // The laptop starts again, sends what waited, and takes the desk's edit.
    let laptop = laptop_desktop.launch(laptop_data.path()).await;
    let on_laptop = laptop.open_people().await.open_first().await;
    on_laptop.wait_for_sub("Founder at Lima & Co").await;
    eventually("the notes to travel", async || {
        carry(laptop_sync.path(), desk_sync.path());
        carry(desk_sync.path(), laptop_sync.path());
        let notes = on_desk.notes().await;
        ok_if(notes.contains("Prefers calls before ten"), notes)
    })
    .await;
    assert_eq!(on_laptop.notes().await, on_desk.notes().await);
    assert_eq!(on_laptop.sub().await, on_desk.sub().await);
    laptop.open_settings().await;
    laptop.wait_for_text_containing(&tid("sync-devices"), "Desk").await;
    laptop.scroll_to(&tid("sync-devices")).await;
    laptop.screenshot("devices-converged-laptop").await;
}
