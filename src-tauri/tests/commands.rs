//! The commands through Tauri's real IPC on the mock runtime, over a real SQLite file.

mod common;

use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime};
use tauri::{Listener, Manager, WebviewWindow, WebviewWindowBuilder};

struct App {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

/// The app with its real configuration and capabilities, so a command the window is not
/// granted fails here as it would in the app.
fn app_in(dir: tempfile::TempDir) -> App {
    let app = rapport_lib::builder(mock_builder(), Some(dir.path().to_path_buf()))
        .build(rapport_lib::context())
        .expect("the app builds on the mock runtime");
    let window = match app.get_webview_window("main") {
        Some(window) => window,
        None => WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap(),
    };
    App { _app: app, window, _dir: dir }
}

fn app() -> App {
    app_in(tempfile::tempdir().unwrap())
}

impl App {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        common::invoke(&self.window, cmd, args)
    }
}

#[test]
fn diary_status_reports_the_file_and_its_schema() {
    let app = app();
    let status = app.invoke("diary_status", json!({})).unwrap();
    assert!(status["path"].as_str().unwrap().ends_with("rapport.sqlite3"), "{status}");
    assert_eq!(status["schema_version"], rapport_core::storage::SCHEMA_VERSION);
}

#[test]
fn a_person_added_through_ipc_is_listed_opened_and_edited() {
    let app = app();
    let added = app
        .invoke(
            "person_add",
            json!({ "person": {
                "display_name": "Ana Lima", "company": "Acme", "title": "CTO",
                "handles": [{ "platform": "linkedin", "value": "analima" }]
            }}),
        )
        .unwrap();
    assert_eq!(added["display_name"], "Ana Lima");
    assert_eq!(added["rung"], "noticed");
    assert_eq!(added["handles"][0]["professional"], true, "handles default to professional");
    let id = added["id"].as_i64().unwrap();

    let list = app.invoke("people_list", json!({ "query": {} })).unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["people"][0]["display_name"], "Ana Lima");

    let found = app.invoke("people_list", json!({ "query": { "search": "acm" } })).unwrap();
    assert_eq!(found["people"][0]["id"], id);

    let edited = app.invoke("person_update", json!({ "id": id, "person": { "display_name": "Ana L.", "title": "CEO" } })).unwrap();
    assert_eq!(edited["title"], "CEO");
    assert_eq!(edited["handles"], json!([]), "an edit replaces the handles");
    assert_eq!(app.invoke("person_get", json!({ "id": id })).unwrap(), edited);
}

#[test]
fn bad_input_comes_back_as_kind_message_and_field() {
    let app = app();
    let err = app.invoke("person_add", json!({ "person": { "display_name": "   " } })).unwrap_err();
    assert_eq!(err, json!({ "kind": "invalid", "message": "Name is required.", "field": "display_name" }));

    let err = app.invoke("person_get", json!({ "id": 404 })).unwrap_err();
    assert_eq!(err["kind"], "not_found");

    // Arguments of the wrong shape are refused by the IPC layer before any command runs.
    let err = app
        .invoke("person_add", json!({ "person": { "display_name": "Ana", "handles": [{ "platform": "myspace", "value": "a" }] } }))
        .unwrap_err();
    assert!(err.as_str().unwrap_or_default().contains("myspace"), "{err}");
    assert_eq!(app.invoke("people_list", json!({ "query": {} })).unwrap()["total"], 0);
}

#[test]
fn a_write_announces_diary_changed() {
    let app = app();
    let (tx, rx) = std::sync::mpsc::channel();
    app.window.listen_any(rapport_lib::commands::DIARY_CHANGED, move |_| tx.send(()).unwrap());
    app.invoke("person_add", json!({ "person": { "display_name": "Bo" } })).unwrap();
    rx.recv_timeout(std::time::Duration::from_secs(5)).expect("diary-changed after a write");
    app.invoke("people_list", json!({ "query": {} })).unwrap();
    assert!(rx.try_recv().is_err(), "a read announces nothing");
}

#[test]
fn a_diary_that_cannot_open_makes_every_command_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(rapport_core::storage::DIARY_FILE_NAME);
    stamp_newer_schema(&path);
    let before = std::fs::read(&path).unwrap();
    let app = app_in(dir);
    let err = app.invoke("diary_status", json!({})).unwrap_err();
    assert_eq!(err["kind"], "too_new");
    assert!(err["message"].as_str().unwrap().contains("newer version"), "{err}");
    assert_eq!(app.invoke("people_list", json!({ "query": {} })).unwrap_err()["kind"], "too_new");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Makes a diary and stamps it with a schema version from the future, as a newer
/// Rapport would leave it.
fn stamp_newer_schema(path: &std::path::Path) {
    drop(rapport_core::Diary::open(path).unwrap());
    // Bump user_version in the header (offset 60, big-endian) as a newer Rapport would.
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(path, bytes).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[test]
fn touches_move_people_up_the_ladder_through_ipc() {
    let app = app();
    let ana = app.invoke("person_add", json!({ "person": { "display_name": "Ana" } })).unwrap()["id"].as_i64().unwrap();
    let logged = app.invoke("touch_log", json!({ "touch": { "people": [ana], "channel": "direct_message", "direction": "in" } })).unwrap();
    assert_eq!(logged["touch"]["personal"], true);
    assert_eq!(logged["rung_changes"][0]["to"], "conversing");
    assert_eq!(logged["rung_changes"][0]["cause"], "touch");

    let page = app.invoke("person_page", json!({ "id": ana })).unwrap();
    assert_eq!(page["person"]["rung"], "conversing");
    assert_eq!(page["figures"]["touches"], 1);
    assert_eq!(page["timeline"][0]["kind"], "rung");
    assert_eq!(page["timeline"][1]["kind"], "touch");

    let board = app.invoke("ladder_board", json!({})).unwrap();
    assert_eq!(board[2]["rung"], "conversing");
    assert_eq!(board[2]["people"][0]["id"], ana);
    // The order and paging travel by name; the count's link is the People query itself.
    let board = app.invoke("ladder_board", json!({ "query": { "order": "name", "shown": { "conversing": 200 } } })).unwrap();
    assert_eq!(
        board[2]["people_query"],
        json!({ "search": "", "rung": "conversing", "tag": null, "platform": null, "untouched_days": null, "archived": false, "order": "name" })
    );
    let listed = app.invoke("people_list", json!({ "query": board[2]["people_query"] })).unwrap();
    assert_eq!(listed["people"][0]["id"], ana);
    let refused = app.invoke("ladder_board", json!({ "query": { "order": "follow_up" } })).unwrap_err();
    assert_eq!(refused["kind"], "invalid");

    let moved = app.invoke("person_set_rung", json!({ "id": ana, "rung": "working", "reason": "Retainer" })).unwrap();
    assert_eq!(moved["cause"], "manual");
    let touch = logged["touch"]["id"].as_i64().unwrap();
    app.invoke("touch_delete", json!({ "id": touch })).unwrap();
    assert_eq!(app.invoke("touches_list", json!({ "query": {} })).unwrap()["touches"], json!([]));
    app.invoke("touch_restore", json!({ "id": touch })).unwrap();
    assert_eq!(app.invoke("touches_list", json!({ "query": { "person_id": ana } })).unwrap()["touches"][0]["id"], touch);
}

#[test]
fn bad_touches_and_merges_are_refused_through_ipc() {
    let app = app();
    let ana = app.invoke("person_add", json!({ "person": { "display_name": "Ana" } })).unwrap()["id"].as_i64().unwrap();
    let err = app.invoke("touch_log", json!({ "touch": { "people": [ana], "channel": "fax" } })).unwrap_err();
    assert!(err.as_str().unwrap().contains("unknown variant `fax`"), "{err}");
    let err = app.invoke("touch_log", json!({ "touch": { "people": [ana], "channel": "phone", "duration_minutes": -5 } })).unwrap_err();
    assert_eq!(err, json!({ "kind": "invalid", "message": "Duration cannot be negative.", "field": "duration_minutes" }));
    let err =
        app.invoke("touch_log", json!({ "touch": { "people": [ana], "channel": "email", "when": "2099-01-01T00:00:00Z" } })).unwrap_err();
    assert_eq!(err["field"], "when");
    let err = app.invoke("people_merge", json!({ "keep": ana, "absorb": ana })).unwrap_err();
    assert_eq!(err["message"], "A person cannot be merged with themself.");
    assert_eq!(app.invoke("touches_list", json!({ "query": {} })).unwrap()["touches"], json!([]));
    assert_eq!(app.invoke("person_get", json!({ "id": ana })).unwrap()["rung"], "noticed");
}

#[test]
fn duplicates_are_reviewed_and_dismissed_through_ipc() {
    let app = app();
    let add = |name: &str| {
        let person = json!({ "display_name": name, "handles": [{ "platform": "email", "value": "ana@acme.test" }] });
        app.invoke("person_add", json!({ "person": person })).unwrap()["id"].as_i64().unwrap()
    };
    let (ana, again) = (add("Ana Lima"), add("A. Lima"));
    let review = app.invoke("duplicates_review", json!({})).unwrap();
    assert_eq!(review["total"], 1);
    assert_eq!(review["cases"][0]["reasons"][0], json!({ "kind": "same_email", "email": "ana@acme.test" }));
    assert_eq!(
        (review["cases"][0]["keep"]["person"]["id"].as_i64(), review["cases"][0]["absorb"]["person"]["id"].as_i64()),
        (Some(ana), Some(again))
    );
    let err = app.invoke("duplicate_dismiss", json!({ "a": ana, "b": ana })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    app.invoke("duplicate_dismiss", json!({ "a": again, "b": ana })).unwrap();
    assert_eq!(app.invoke("duplicates_review", json!({})).unwrap(), json!({ "total": 0, "cases": [] }));
}

#[test]
fn important_dates_are_added_edited_and_deleted_through_ipc() {
    let app = app();
    let ana = app.invoke("person_add", json!({ "person": { "display_name": "Ana" } })).unwrap()["id"].as_i64().unwrap();
    let err = app.invoke("date_add", json!({ "personId": ana, "date": { "kind": "birthday", "month": 2, "day": 30 } })).unwrap_err();
    assert_eq!((err["kind"].as_str(), err["field"].as_str()), (Some("invalid"), Some("day")), "{err}");
    let date =
        app.invoke("date_add", json!({ "personId": ana, "date": { "kind": "birthday", "month": 4, "day": 12, "year": 1985 } })).unwrap();
    assert_eq!(date["text"], "12 April 1985");
    let id = date["id"].as_i64().unwrap();
    let edited =
        app.invoke("date_update", json!({ "id": id, "date": { "kind": "birthday", "month": 4, "day": 12, "year": null } })).unwrap();
    assert_eq!(edited["text"], "12 April");
    assert_eq!(app.invoke("person_page", json!({ "id": ana })).unwrap()["dates"][0]["id"], id);
    app.invoke("date_delete", json!({ "id": id })).unwrap();
    assert_eq!(app.invoke("person_page", json!({ "id": ana })).unwrap()["dates"], json!([]));
    assert_eq!(app.invoke("date_delete", json!({ "id": id })).unwrap_err()["kind"], "not_found");
}

#[test]
fn the_global_shortcut_is_checked_by_the_core_and_none_can_be_taken_without_a_desktop() {
    // Tauri's mock runtime runs no setup: like a desktop that lets no program take a key.
    let app = app();
    let status = app.invoke("shortcut_status", json!({})).unwrap();
    assert_eq!((status["shortcut"].clone(), status["available"].clone()), (json!(null), json!(false)));
    assert!(status["problem"].as_str().is_some_and(|p| !p.is_empty()), "{status}");
    let err = app.invoke("shortcut_set", json!({ "shortcut": "Shift+L" })).unwrap_err();
    assert_eq!(err["field"], "shortcut", "{err}");
    // A good shortcut that cannot be taken here is refused with why, and not kept.
    let err = app.invoke("shortcut_set", json!({ "shortcut": "Ctrl+Alt+L" })).unwrap_err();
    assert_eq!(err["field"], "shortcut", "{err}");
    assert_eq!(app.invoke("shortcut_status", json!({})).unwrap()["shortcut"], json!(null));
    // No shortcut always works.
    assert_eq!(app.invoke("shortcut_set", json!({ "shortcut": null })).unwrap()["shortcut"], json!(null));
    app.invoke("quick_log_done", json!({})).unwrap();
}

#[test]
fn people_are_tagged_together_through_ipc_and_an_unknown_action_is_refused() {
    let app = app();
    let add = |name: &str| app.invoke("person_add", json!({ "person": { "display_name": name } })).unwrap()["id"].as_i64().unwrap();
    let (ana, bo) = (add("Ana"), add("Bo"));
    let done = app.invoke("people_act", json!({ "ids": [ana, bo], "action": { "kind": "tag", "tag": "client" } })).unwrap();
    assert_eq!(done, json!({ "changed": [ana, bo], "message": "Tagged 2 people client.", "undo": { "kind": "untag", "tag": "client" } }));
    let err = app.invoke("people_act", json!({ "ids": [ana], "action": { "kind": "delete" } })).unwrap_err();
    assert!(err.as_str().unwrap().contains("unknown variant `delete`"), "{err}");
    assert_eq!(app.invoke("person_get", json!({ "id": ana })).unwrap()["tags"], json!(["client"]));
}

#[test]
fn the_week_in_review_and_its_reflection_through_ipc() {
    let app = app();
    let today = chrono::Local::now().date_naive().to_string();
    let ana = app.invoke("person_add", json!({ "person": { "display_name": "Ana" } })).unwrap()["id"].as_i64().unwrap();
    app.invoke("touch_log", json!({ "touch": { "people": [ana], "channel": "phone" } })).unwrap();

    let week = app.invoke("week_review", json!({ "day": today })).unwrap();
    assert_eq!(week["current"], true);
    assert_eq!(week["touches"]["voice"], 1);
    assert_eq!(week["ladder"]["first_calls"][0]["display_name"], "Ana");
    assert_eq!(week["trend"].as_array().unwrap().len(), 12);
    assert_eq!(week["reflection"]["answers"].as_array().unwrap().len(), 5);

    let saved = app.invoke("week_journal_save", json!({ "day": today, "journal": "Spoke to Ana." })).unwrap();
    assert_eq!(saved["journal"], "Spoke to Ana.");
    let prompt = week["reflection"]["answers"][0]["prompt"].clone();
    app.invoke("week_answer_save", json!({ "day": today, "prompt": prompt, "answer": "No", "ticked": false })).unwrap();
    let r = app.invoke("week_intention_add", json!({ "day": today, "text": "Meet Ana" })).unwrap();
    let id = r["intentions"][0]["id"].as_i64().unwrap();
    let made = app.invoke("week_intention_follow_up", json!({ "id": id, "due": today })).unwrap();
    assert_eq!(made["outcome"], "made");
    let made = &made["follow_up"];
    assert_eq!((made["kind"].as_str(), made["title"].as_str()), (Some("meet"), Some("Meet Ana")));
    app.invoke("week_intention_update", json!({ "id": id, "text": "Meet Ana for lunch" })).unwrap();

    let r = app.invoke("week_review", json!({ "day": today })).unwrap()["reflection"].clone();
    assert_eq!(r["journal"], "Spoke to Ana.");
    assert_eq!(r["answers"][0]["answer"], "No");
    assert_eq!(r["intentions"][0]["text"], "Meet Ana for lunch");
    assert_eq!(r["intentions"][0]["follow_up_status"], "open");
    let err = app.invoke("week_journal_save", json!({ "day": "2026-02-30", "journal": "x" })).unwrap_err();
    assert!(err.as_str().unwrap().contains("day"), "an impossible date is refused before the core: {err}");
    let r = app.invoke("week_intention_delete", json!({ "id": id })).unwrap();
    assert_eq!(r["intentions"], json!([]));
}

#[test]
fn about_tells_the_version_and_where_the_diary_and_backups_are() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let app = app_in(dir);
    let about = app.invoke("app_about", json!({})).unwrap();
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(about["diary_path"], root.join("rapport.sqlite3").display().to_string());
    assert_eq!(about["backups_dir"], root.join("backups").display().to_string());
    let meta = std::fs::metadata(root.join("backups")).expect("the backups folder is made with the diary");
    assert!(meta.is_dir());
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(meta.permissions().mode() & 0o777, 0o700, "the backups folder is private");
}

#[test]
fn backing_up_and_restoring_through_ipc() {
    let app = app();
    app.invoke("person_add", json!({ "person": { "display_name": "Kept" } })).unwrap();
    let taken = app.invoke("backup_now", json!({})).unwrap();
    let name = taken["file_name"].as_str().unwrap().to_owned();
    assert!(name.starts_with("rapport-") && name.ends_with(".sqlite3"), "{name}");
    app.invoke("person_add", json!({ "person": { "display_name": "After the backup" } })).unwrap();
    let listed = app.invoke("backups_list", json!({})).unwrap();
    assert_eq!(listed[0]["file_name"], name.as_str());

    let aside = app.invoke("backup_restore", json!({ "fileName": name })).unwrap();
    assert!(aside.as_str().unwrap().contains("rapport.sqlite3.before-restore-"), "{aside}");
    let people = app.invoke("people_list", json!({ "query": {} })).unwrap();
    assert_eq!(people["people"].as_array().unwrap().len(), 1, "the diary is the backup's again: {people}");
    assert_eq!(people["people"][0]["display_name"], "Kept");

    let err = app.invoke("backup_restore", json!({ "fileName": "../rapport.sqlite3" })).unwrap_err();
    assert_eq!(err["kind"], "not_found", "only files listed in the backups folder: {err}");
}

#[test]
fn import_reads_only_a_file_the_user_chose() {
    let app = app();
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,,,,,\n").unwrap();
    let path = secret.path().display().to_string();
    let err = app.invoke("import_preview", json!({ "path": path })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(err["message"], "Choose the file with Import… or drop it on the window.");
    let err = app.invoke("import_apply", json!({ "path": path, "fingerprint": "x" })).unwrap_err();
    assert_eq!(err["message"], "Choose the file with Import… or drop it on the window.");
    assert_eq!(app.invoke("people_list", json!({ "query": {} })).unwrap()["total"], 0);
}

#[test]
fn a_dropped_file_is_announced_then_previewed_and_imported() {
    let app = app();
    let dropped = tempfile::tempdir().unwrap();
    let file = dropped.path().join("Connections.csv");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/core/tests/fixtures/import/Connections.csv"), &file).unwrap();
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = heard.clone();
    app.window.listen_any("import-dropped", move |event| sink.lock().unwrap().push(event.payload().to_owned()));

    rapport_lib::file_dropped(app.window.app_handle(), std::slice::from_ref(&file));
    let path = file.display().to_string();
    assert_eq!(*heard.lock().unwrap(), [serde_json::to_string(&path).unwrap()]);
    let preview = app.invoke("import_preview", json!({ "path": path })).unwrap();
    assert_eq!(preview["counts"], json!({ "new": 5, "update": 0, "unchanged": 0, "rejected": 3 }));
    assert_eq!(preview["rows"][5]["reason"], "\"Connected On\" is \"31 Feb 2024\", not a date like 15 Mar 2024.");
    let done = app.invoke("import_apply", json!({ "path": path, "fingerprint": preview["fingerprint"] })).unwrap();
    assert_eq!(done["new"], 5);
    let board = app.invoke("ladder_board", json!({})).unwrap();
    assert_eq!(board[1]["rung"], "connected");
    assert_eq!(board[1]["count"], 5);
}

#[test]
fn old_follow_ups_are_dropped_at_once_and_the_undo_comes_back_through_ipc() {
    let app = app();
    let local = chrono::Local::now().date_naive();
    for (title, days) in [("Old", 400), ("Older", 500), ("Recent", 3)] {
        let due = (local - chrono::Duration::days(days)).to_string();
        app.invoke("follow_up_add", json!({ "followUp": { "kind": "write", "title": title, "due_date": due }, "pastOk": true })).unwrap();
    }
    // Unasked, a day in the past is a question, not a save.
    let err = app
        .invoke(
            "follow_up_add",
            json!({ "followUp": { "kind": "write", "title": "Slip", "due_date": local.pred_opt().unwrap().to_string() } }),
        )
        .unwrap_err();
    assert_eq!((&err["kind"], &err["field"]), (&json!("confirm"), &json!("due_date")), "{err}");
    let today = app.invoke("today", json!({})).unwrap();
    assert_eq!(today["overdue"]["total"], 3, "{today}");
    let choice = today["overdue"]["drop_choices"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(choice["label"], "Drop the 2 more than a year late");
    let change = app.invoke("follow_ups_drop_before", json!({ "day": choice["before"] })).unwrap();
    assert_eq!(change["message"], "Dropped 2 follow-ups.");
    assert_eq!(app.invoke("today", json!({})).unwrap()["overdue"]["total"], 1);
    let undone = app.invoke("follow_ups_undo", json!({ "before": change["before"], "at": change["at"] })).unwrap();
    assert_eq!(undone["message"], "Brought back 2 follow-ups.");
    assert_eq!(app.invoke("today", json!({})).unwrap()["overdue"]["total"], 3);
}
