//! Text a user types, where the core reads it: a search (made into a full-text query),
//! a person's name, and a "next week I will…" line (its first word names the kind).
//! A clear error or a result, never a panic or a storage error.
#![no_main]

use std::sync::{Mutex, OnceLock};

use rapport_core::people::{PeopleQuery, PersonEdit};
use rapport_core::Diary;

fn diary() -> &'static Mutex<(tempfile::TempDir, Diary)> {
    static DIARY: OnceLock<Mutex<(tempfile::TempDir, Diary)>> = OnceLock::new();
    DIARY.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut diary = Diary::open(dir.path().join("diary.sqlite3")).unwrap();
        diary.add_person(&PersonEdit { display_name: "Ana Lima".into(), notes: "Zürich proposal".into(), ..Default::default() }).unwrap();
        Mutex::new((dir, diary))
    })
}

libfuzzer_sys::fuzz_target!(|text: &str| {
    let mut guard = diary().lock().unwrap();
    let diary = &mut guard.1;
    if let Err(e) = diary.people(&PeopleQuery { search: text.to_owned(), ..Default::default() }) {
        assert_eq!(e.kind(), "invalid", "search {text:?}: {e}");
    }
    match diary.add_person(&PersonEdit { display_name: text.to_owned(), ..Default::default() }) {
        Ok(person) => assert_eq!(person.display_name, text.trim()),
        Err(e) => assert_eq!(e.kind(), "invalid", "{text:?}: {e}"),
    }
    let today = chrono::Utc::now().date_naive();
    if let Err(e) = diary.add_week_intention(today, text) {
        assert_eq!(e.kind(), "invalid", "{text:?}: {e}");
    }
});
