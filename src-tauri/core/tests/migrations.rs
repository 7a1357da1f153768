//! Diaries written by earlier versions open, migrate and keep every row. Each fixture was
//! written by the version it is named after (see fixtures/README.md) and is never rewritten.

use std::fs;

use rapport_core::people::PeopleQuery;
use rapport_core::storage::{DIARY_FILE_NAME, SCHEMA_VERSION};
use rapport_core::touches::TouchQuery;
use rapport_core::vocab::Rung;
use rapport_core::Diary;
use rusqlite::Connection;

/// Row counts of every table that holds the user's data.
fn counts(conn: &Connection) -> Vec<(&'static str, i64)> {
    [
        "person",
        "handle",
        "tag",
        "person_tag",
        "touch",
        "touch_person",
        "rung_change",
        "follow_up",
        "session",
        "budget",
        "platform",
        "week_journal",
        "setting",
    ]
    .into_iter()
    .map(|t| (t, conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap()))
    .collect()
}

/// Copies fixture `vN.sqlite3` into a scratch folder and opens it with today's code,
/// checking what every migration must keep: the schema is current, every row is still
/// there, and exactly one copy of the old file (at version N) was taken first.
fn migrate(version: i64) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DIARY_FILE_NAME);
    fs::copy(format!("{}/tests/fixtures/v{version}.sqlite3", env!("CARGO_MANIFEST_DIR")), &path).unwrap();
    let before = counts(&Connection::open(&path).unwrap());
    assert_eq!(before[0], ("person", 4));

    let diary = Diary::open(&path).unwrap();
    assert_eq!(diary.schema_version().unwrap(), SCHEMA_VERSION);
    drop(diary);
    assert_eq!(counts(&Connection::open(&path).unwrap()), before, "every row kept");

    let copies: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(&format!(".v{version}-")))
        .collect();
    assert_eq!(copies.len(), 1, "a copy taken before migrating");
    let copy = Connection::open(&copies[0]).unwrap();
    assert_eq!(copy.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), version);
    assert_eq!(counts(&copy), before);
    (dir, path)
}

/// Opens the migrated diary; every fixture lists the same two people.
fn listed(path: &std::path::Path) -> (Diary, Vec<rapport_core::people::PersonSummary>) {
    let diary = Diary::open(path).unwrap();
    let people = diary.people(&PeopleQuery::default()).unwrap().people;
    let names: Vec<_> = people.iter().map(|p| p.display_name.as_str()).collect();
    assert_eq!(names, ["Ana Lima", "Bo Larsen"], "Cy archived, Dee merged into Bo");
    (diary, people)
}

#[test]
fn a_v1_diary_migrates_keeping_every_row_and_a_copy_of_the_old_file() {
    let (_dir, path) = migrate(1);

    // What v1 stored reads back through today's API, and v2's search reaches it.
    let (diary, people) = listed(&path);
    let ana = diary.person(people[0].id).unwrap();
    assert_eq!((ana.rung, ana.tags.clone(), ana.handles.len()), (Rung::Spoken, vec!["client".to_string(), "Lisbon".to_string()], 2));
    assert_eq!(diary.rung_history(ana.id).unwrap().len(), 3);
    assert_eq!(diary.touches(&TouchQuery::default()).unwrap().touches.len(), 5, "the deleted touch stays deleted");
    assert_eq!(diary.settings().unwrap().default_cadence_days, 45, "v1's stored setting is read");
    for search in ["acme.test", "lisbon", "cafe", "hello"] {
        let found = diary.people(&PeopleQuery { search: search.into(), ..Default::default() }).unwrap();
        assert_eq!(found.total, 1, "searching {search:?}");
    }
}

#[test]
fn a_v2_diary_migrates_keeping_every_row_and_its_week_in_review() {
    let (_dir, path) = migrate(2);

    let (diary, people) = listed(&path);
    let ana = diary.person(people[0].id).unwrap();
    assert_eq!((ana.rung, ana.handles.len()), (Rung::Spoken, 2));
    assert_eq!(people[0].last_touch_at.map(|t| t.to_rfc3339()), Some("2026-11-09T10:00:00+00:00".into()));
    assert_eq!(diary.touches(&TouchQuery::default()).unwrap().touches.len(), 5, "the deleted touch stays deleted");
    let week = chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
    let r = diary.week_reflection(week).unwrap();
    assert_eq!((r.journal.as_str(), r.intentions[0].text.as_str()), ("A good week.", "Call Bo"));
    assert!(r.answers.iter().any(|a| a.prompt == "Did I say thank you?" && a.ticked));
    assert_eq!(diary.settings().unwrap().default_cadence_days, 45);
}

#[test]
fn a_v3_diary_migrates_keeping_every_row_and_counts_its_touches_by_hour() {
    let (_dir, path) = migrate(3);

    let (diary, _) = listed(&path);
    assert_eq!(
        diary.touches(&TouchQuery::default()).unwrap().touches.len(),
        6,
        "v3's video call is there; the deleted touch stays deleted"
    );
    // The hourly tally is built from the touches already there: the week of 16 Nov holds
    // v3's video call (personal, a call) and the trend before it the earlier ones.
    let trend = diary.week_review(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap().trend;
    let counted: Vec<(u32, u32)> = trend.iter().map(|w| (w.personal_touches, w.calls_and_meetings)).filter(|c| *c != (0, 0)).collect();
    let conn = Connection::open(&path).unwrap();
    let (personal, spoken): (u32, u32) =
        conn.query_row("SELECT sum(personal), sum(spoken) FROM touch_hour", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((personal, spoken), (6, 2), "five personal touches and v3's call, the deleted broadcast not counted");
    assert_eq!(counted.iter().map(|c| c.0).sum::<u32>(), 6, "{counted:?}");
    assert_eq!(diary.platforms().unwrap().iter().filter(|p| p.label == "Mastodon").count(), 1);
}

#[test]
fn a_v4_diary_migrates_and_counts_its_letters_toward_pick_up_the_phone() {
    let (_dir, path) = migrate(4);
    let (diary, people) = listed(&path);
    drop(diary);
    let bo = people[1].id;
    let conn = Connection::open(&path).unwrap();
    let counted: u32 = conn.query_row("SELECT messages_since_spoken FROM person WHERE id = ?1", [bo], |r| r.get(0)).unwrap();
    assert_eq!(counted, 5, "v4 counted 2: two messages and none of the three letters");

    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 30, 12, 0, 0).unwrap();
    let diary = Diary::open_with_clock(&path, std::sync::Arc::new(rapport_core::clock::FixedClock::utc(now))).unwrap();
    let nudge = diary.nudges().unwrap().into_iter().find(|n| n.person_id == bo).expect("Bo is nudged");
    assert_eq!(
        (nudge.title.as_str(), nudge.detail.as_str()),
        ("Pick up the phone", "5 messages on X, never spoken · last touch 3 days ago")
    );
}

#[test]
fn a_v5_diary_migrates_with_nothing_imported_and_imports_on_top() {
    let (_dir, path) = migrate(5);
    let (mut diary, people) = listed(&path);
    let conn = Connection::open(&path).unwrap();
    let imported: i64 = conn
        .query_row("SELECT (SELECT count(*) FROM import_run) + (SELECT count(*) FROM touch_source) + (SELECT count(*) FROM person WHERE import_run_id IS NOT NULL)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(imported, 0, "nothing in a v5 diary came from an archive");
    // v5's hand-logged e-mail is the user's: an import never takes it, and undoing one keeps it.
    let touches = diary.touches(&TouchQuery::default()).unwrap().touches;
    let typed = touches.iter().find(|t| t.notes == "v5: an e-mail logged by hand").expect("v5's touch");
    assert_eq!(typed.origin, None);
    let ana = people[0].id;
    let archive = rapport_core::transfer::archive::Archive::from_parts(
        "messages.csv",
        vec![(
            "messages.csv".into(),
            b"FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\nAna Lima,Me,2026-11-02T10:00:00,,Hi,INCOMING,INBOX\nMe,Ana Lima,2026-11-02T11:00:00,,Hello,OUTGOING,INBOX\n".to_vec(),
        )],
    );
    let reading = rapport_core::transfer::archive::ArchiveReading {
        name: archive.name.clone(),
        fingerprint: archive.fingerprint(),
        sources: rapport_core::transfer::archive::read(&archive).unwrap(),
        words: true,
    };
    let preview = diary.preview_archive(&reading, &Default::default()).unwrap();
    let source = &preview.sources[0];
    assert_eq!(source.me.as_ref().unwrap().name, "Me", "FROM of the OUTGOING rows");
    assert_eq!((source.people_matched, source.people_new), (1, 0), "Ana matched by name");
    assert_eq!(source.touches_new + source.touches_typed, 2, "her message and the reply");
    let runs = diary.apply_archive(&reading, &Default::default()).unwrap();
    assert_eq!(runs[0].touches as usize, source.touches_new);
    diary.undo_import(runs[0].id).unwrap();
    assert!(diary.touches(&TouchQuery::default()).unwrap().touches.iter().any(|t| t.id == typed.id));
    assert_eq!(diary.person(ana).unwrap().display_name, "Ana Lima");
}

#[test]
fn a_v6_diary_migrates_keeping_every_session_its_id_and_its_running_timer() {
    let (_dir, path) = migrate(6);
    let conn = Connection::open(&path).unwrap();
    let rows: Vec<(i64, String, Option<i64>, String)> = conn
        .prepare("SELECT id, platform, ended_at, source FROM session ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            (1, "linkedin".into(), Some(1_795_078_800), "manual".into()),
            (2, "x".into(), Some(1_796_117_100), "manual".into()),
            (3, "mastodon".into(), None, "timer".into()),
        ]
    );
    let indexes: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'session' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(indexes, ["session_by_start", "session_by_uid", "session_one_running"]);
    // The one-running rule still holds, watched rows are allowed, and never running.
    let second_timer = conn.execute("INSERT INTO session (platform, started_at, source) VALUES ('x', 1, 'timer')", []);
    assert!(second_timer.is_err(), "a second running timer");
    conn.execute("INSERT INTO session (platform, started_at, ended_at, source) VALUES ('x', 1, 60, 'watched')", []).unwrap();
    let running_watched = conn.execute("UPDATE session SET ended_at = NULL WHERE source = 'watched'", []);
    assert!(running_watched.is_err(), "a watched session always has an end");
    drop(conn);

    let (diary, _) = listed(&path);
    let running = diary.running_timer().unwrap().expect("v6's timer still runs");
    assert_eq!((running.session.id, running.session.platform.as_str()), (3, "mastodon"));
}

#[test]
fn an_older_diary_migrates_with_each_persons_first_touch_on_their_row() {
    let (_dir, path) = migrate(6);
    let conn = Connection::open(&path).unwrap();
    // Every person's kept first touch is their earliest touch not deleted, as asked of the touches.
    let wrong: i64 = conn
        .query_row(
            "SELECT count(*) FROM person p WHERE p.first_touch_id IS NOT (SELECT tp.touch_id FROM touch_person tp
                JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL WHERE tp.person_id = p.id
                ORDER BY tp.happened_at, tp.touch_id LIMIT 1)
             OR p.first_touch_at IS NOT (SELECT min(tp.happened_at) FROM touch_person tp
                JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL WHERE tp.person_id = p.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(wrong, 0);
    let touched: i64 = conn.query_row("SELECT count(*) FROM person WHERE first_touch_id IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert!(touched > 0, "the fixture has touched people");
}

#[test]
fn a_v10_diary_migrates_with_no_dates_and_takes_them_on() {
    let (_dir, path) = migrate(10);
    let (mut diary, people) = listed(&path);
    let ana = people[0].id;
    assert!(diary.person_dates(ana).unwrap().is_empty());
    let input = rapport_core::people::DateInput {
        kind: rapport_core::vocab::DateKind::Birthday,
        label: String::new(),
        month: 4,
        day: 12,
        year: Some(1985),
    };
    diary.add_date(ana, &input).unwrap();
    assert_eq!(diary.person_dates(ana).unwrap()[0].text, "12 April 1985");
}

/// The tables whose rows carry a global id, as migration 12 lists them.
const UID_TABLES: &[&str] =
    &["person", "handle", "touch", "rung_change", "follow_up", "session", "week_intention", "important_date", "import_run"];

fn uids(path: &std::path::Path, table: &str) -> Vec<(i64, String)> {
    let conn = Connection::open(path).unwrap();
    let mut rows = conn.prepare(&format!("SELECT id, uid FROM {table} ORDER BY id")).unwrap();
    rows.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

#[test]
fn a_v11_diary_migrates_giving_each_row_one_global_id_that_every_copy_of_it_agrees_on() {
    let (dir, path) = migrate(11);
    // The same old file copied to another machine and opened there, on its own.
    let other = dir.path().join("other machine.sqlite3");
    fs::copy(format!("{}/tests/fixtures/v11.sqlite3", env!("CARGO_MANIFEST_DIR")), &other).unwrap();
    drop(Diary::open(&other).unwrap());
    let mut found = 0;
    for table in UID_TABLES {
        let here = uids(&path, table);
        assert_eq!(here, uids(&other, table), "{table}: both copies name each row alike");
        for (id, uid) in &here {
            assert!(uid.starts_with(&format!("{table}-{id}-")), "{table}: {uid}");
        }
        found += here.len();
    }
    assert!(found >= 20, "people, handles, touches, rung changes, a follow-up, a session, a date ({found})");

    // Rows made since get random ids, so the two machines adding one each never clash.
    let added: Vec<String> = [&path, &other]
        .into_iter()
        .map(|p| {
            let mut diary = Diary::open(p).unwrap();
            let id =
                diary.add_person(&rapport_core::people::PersonEdit { display_name: "Eve Ito".into(), ..Default::default() }).unwrap().id;
            uids(p, "person").into_iter().find(|(i, _)| *i == id).unwrap().1
        })
        .collect();
    assert_ne!(added[0], added[1]);
    assert!(added.iter().all(|u| u.len() == 32 && u.bytes().all(|b| b.is_ascii_hexdigit())), "{added:?}");
}
