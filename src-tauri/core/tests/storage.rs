//! Opening, creating, migrating and refusing diary files, on real SQLite files.

use std::fs;
use std::path::Path;

use rapport_core::people::{PeopleQuery, PersonEdit};
use rapport_core::storage::{DIARY_FILE_NAME, SCHEMA_VERSION};
use rapport_core::{Diary, Error};
use rusqlite::Connection;

fn diary_path(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join(DIARY_FILE_NAME)
}

fn pragma(path: &Path, name: &str) -> String {
    let conn = Connection::open(path).unwrap();
    conn.pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0)).map(|v| format!("{v:?}")).unwrap()
}

#[test]
fn open_creates_a_current_diary_in_wal_mode_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = diary_path(&dir);
    let diary = Diary::open(&path).unwrap();
    assert!(path.exists());
    assert_eq!(diary.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(diary.path(), path);
    drop(diary);
    assert_eq!(pragma(&path, "journal_mode"), r#"Text("wal")"#);
    assert_eq!(pragma(&path, "user_version"), format!("Integer({SCHEMA_VERSION})"));
}

#[cfg(unix)]
#[test]
fn the_diary_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = diary_path(&dir);
    let mut diary = Diary::open(&path).unwrap();
    diary.add_person(&PersonEdit { display_name: "Ana".into(), ..Default::default() }).unwrap();
    for name in [DIARY_FILE_NAME.to_string(), format!("{DIARY_FILE_NAME}-wal")] {
        let mode = fs::metadata(dir.path().join(&name)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{name} has mode {mode:o}");
    }
}

#[cfg(unix)]
#[test]
fn an_existing_diary_with_loose_permissions_is_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = diary_path(&dir);
    drop(Diary::open(&path).unwrap());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    drop(Diary::open(&path).unwrap());
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn an_empty_file_is_migrated_to_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = diary_path(&dir);
    fs::write(&path, b"").unwrap();
    let mut diary = Diary::open(&path).unwrap();
    assert_eq!(diary.schema_version().unwrap(), SCHEMA_VERSION);
    let ana = diary.add_person(&PersonEdit { display_name: "Ana".into(), ..Default::default() }).unwrap();
    assert_eq!(diary.person(ana.id).unwrap().display_name, "Ana");
    // A brand-new diary has nothing to lose, so no pre-migration copy is taken.
    let copies = fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "bak")).count();
    assert_eq!(copies, 0);
}

#[test]
fn what_was_written_is_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = diary_path(&dir);
    let id = {
        let mut diary = Diary::open(&path).unwrap();
        diary.add_person(&PersonEdit { display_name: "Bo".into(), ..Default::default() }).unwrap().id
    };
    let diary = Diary::open(&path).unwrap();
    assert_eq!(diary.person(id).unwrap().display_name, "Bo");
    assert_eq!(diary.people(&PeopleQuery::default()).unwrap().total, 1);
}

#[test]
fn a_diary_from_a_newer_version_is_refused_and_left_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = diary_path(&dir);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE person (id INTEGER PRIMARY KEY, future TEXT);
                            INSERT INTO person (future) VALUES ('from the future');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    let before = fs::read(&path).unwrap();

    let err = Diary::open(&path).unwrap_err();
    assert!(matches!(err, Error::TooNew { found, supported } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION));
    assert_eq!(err.kind(), "too_new");
    assert!(err.to_string().contains("newer version of Rapport"), "{err}");
    assert!(err.to_string().contains("not changed"), "{err}");

    assert_eq!(fs::read(&path).unwrap(), before, "the refused file must not change");
    let others: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(others, vec![std::ffi::OsString::from(DIARY_FILE_NAME)], "no journal, WAL or copy left beside it");
}

#[test]
fn a_garbage_file_is_reported_as_damaged_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = diary_path(&dir);
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 + 3) as u8).collect();
    fs::write(&path, &garbage).unwrap();
    let err = Diary::open(&path).unwrap_err();
    assert_eq!(err.kind(), "damaged", "{err}");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), garbage);
}

#[test]
fn a_truncated_diary_is_reported_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = diary_path(&dir);
    {
        let mut diary = Diary::open(&path).unwrap();
        for i in 0..200 {
            diary.add_person(&PersonEdit { display_name: format!("Person {i}"), ..Default::default() }).unwrap();
        }
    }
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    let cut = fs::read(&path).unwrap();
    let err = Diary::open(&path).and_then(|d| d.people(&PeopleQuery::default()).map(|_| ())).unwrap_err();
    assert_eq!(err.kind(), "damaged", "{err}");
    assert_eq!(fs::read(&path).unwrap(), cut);
}

#[test]
fn another_programs_database_is_refused_rather_than_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = diary_path(&dir);
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE notes (body TEXT);").unwrap();
    let before = fs::read(&path).unwrap();
    let err = Diary::open(&path).unwrap_err();
    assert_eq!(err.kind(), "damaged");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn errors_serialize_to_kind_and_message() {
    let invalid = Error::Invalid { field: "display_name", message: "Name is required.".into() };
    assert_eq!(
        serde_json::to_value(&invalid).unwrap(),
        serde_json::json!({ "kind": "invalid", "message": "Name is required.", "field": "display_name" })
    );
    let too_new = Error::TooNew { found: 9, supported: 1 };
    let json = serde_json::to_value(&too_new).unwrap();
    assert_eq!(json["kind"], "too_new");
    assert_eq!(json["message"], too_new.to_string());
    assert!(json.get("field").is_none());

    // While the diary cannot be opened, every request reports the cause's kind and message.
    let not_open = Error::not_open(&too_new, Path::new("/home/ana/rapport.sqlite3"));
    assert_eq!(
        serde_json::to_value(&not_open).unwrap(),
        serde_json::json!({ "kind": "too_new", "message": format!("{too_new} The file is /home/ana/rapport.sqlite3") })
    );

    let storage = Error::from(rusqlite::Error::QueryReturnedNoRows);
    assert_eq!(serde_json::to_value(&storage).unwrap()["kind"], "storage");
}

#[test]
fn integrity_check_says_ok_for_a_sound_diary_and_names_a_broken_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("diary.sqlite3");
    let diary = Diary::open(&path).unwrap();
    assert_eq!(diary.integrity_check().unwrap(), "ok");
    drop(diary);
    // Corrupt one index behind SQLite's back: the check must say so.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, '(happened_at)', '(created_at)') WHERE name = 'touch_by_time'; PRAGMA writable_schema = OFF;").unwrap();
    conn.execute("INSERT INTO touch (happened_at, channel, created_at, updated_at) VALUES (1, 'email', 2, 2)", []).unwrap();
    drop(conn);
    let diary = Diary::open(&path).unwrap();
    assert_ne!(diary.integrity_check().unwrap(), "ok");
}
