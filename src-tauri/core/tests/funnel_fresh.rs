//! The funnel keeps everyone's record between views and reads again only the people a
//! write has touched since. After every kind of write, a view on the same diary is the
//! view a diary opened afresh on the file gives, and a write made through another
//! connection is seen by the next view too.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::clock::FixedClock;
use rapport_core::funnel::{Funnel, FunnelCell, FunnelPerson, FunnelQuery, Period};
use rapport_core::people::PersonEdit;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::{Channel, Direction, HandlePlatform, Rung};
use rapport_core::Diary;

fn now() -> DateTime<Utc> {
    at(2026, 6, 30, 12, 0)
}

fn open(path: &Path) -> Diary {
    Diary::open_with_clock(path, Arc::new(FixedClock { now: now(), tz: Berlin })).unwrap()
}

/// The views compared: every period kind, archived people let in, and a tag.
fn queries() -> Vec<FunnelQuery> {
    let q2 = Period::Quarter { year: 2026, q: 2 };
    vec![
        FunnelQuery::default(),
        FunnelQuery { period: q2, ..FunnelQuery::default() },
        FunnelQuery { include_archived: true, ..FunnelQuery::default() },
        FunnelQuery { tag: Some("vip".into()), include_archived: true, ..FunnelQuery::default() },
        FunnelQuery { origin: Some("linkedin".into()), ..FunnelQuery::default() },
    ]
}

type Views = (Vec<Funnel>, Vec<Vec<FunnelPerson>>, Vec<String>);

/// Every view of `queries()`: the funnel, the people who reached conversing, the CSV.
fn views(diary: &Diary) -> Views {
    let conversing = FunnelCell::Reached { origin: None, rung: Rung::Conversing };
    let queries = queries();
    (
        queries.iter().map(|q| diary.funnel(q).unwrap()).collect(),
        queries.iter().map(|q| diary.funnel_people(q, &conversing).unwrap()).collect(),
        queries.iter().map(|q| diary.funnel_csv(q).unwrap()).collect(),
    )
}

/// Views the same diary again and the file afresh: they must be equal, and differ from
/// `before` (else the write proved nothing).
fn fresh(diary: &Diary, path: &Path, before: &Views, what: &str) -> Views {
    let seen = views(diary);
    let afresh = views(&open(path));
    assert!(seen == afresh, "after {what}: the kept view differs from the file's\nkept:  {:?}\nfile: {:?}", seen.0[2], afresh.0[2]);
    assert!(seen != *before, "{what} changes the funnel");
    seen
}

fn dm(person: i64, when: DateTime<Utc>, platform: HandlePlatform, direction: Direction) -> TouchInput {
    let mut t = TouchInput::new(person, Channel::DirectMessage);
    t.when = Some(when);
    t.platform = Some(platform);
    t.direction = direction;
    t
}

fn add(diary: &mut Diary, name: &str, tags: &[&str]) -> i64 {
    let edit = PersonEdit { display_name: name.into(), tags: tags.iter().map(|t| (*t).to_owned()).collect(), ..Default::default() };
    diary.add_person(&edit).unwrap().id
}

fn connections_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/Connections.csv")
}

#[test]
fn after_every_kind_of_write_the_funnel_is_the_files_funnel() {
    let mut f = Fixture::at(now(), Berlin);
    let path = f.path();
    let d = &mut f.diary;
    let ana = add(d, "Ana Lima", &["vip"]);
    let bo = add(d, "Bo Berg", &[]);
    let cy = add(d, "Cy Dunn", &["vip"]);
    let dee = add(d, "Dee Ng", &[]);
    let first = d.log_touch(&dm(ana, at(2026, 4, 2, 10, 0), HandlePlatform::Linkedin, Direction::Out)).unwrap().touch.id;
    d.log_touch(&dm(bo, at(2026, 4, 3, 10, 0), HandlePlatform::X, Direction::Out)).unwrap();
    d.log_touch(&dm(cy, at(2026, 5, 3, 10, 0), HandlePlatform::Linkedin, Direction::Out)).unwrap();
    // The first read fills what the diary keeps.
    let mut before = views(d);
    assert_eq!(before, views(&open(&path)));

    let reply = d.log_touch(&dm(bo, at(2026, 5, 10, 10, 0), HandlePlatform::X, Direction::In)).unwrap();
    assert_eq!(
        reply.rung_changes.iter().map(|c| (c.person_id, c.to)).collect::<Vec<_>>(),
        [(bo, Rung::Conversing)],
        "the reply moves Bo up"
    );
    before = fresh(d, &path, &before, "a touch that moves someone up a rung");

    d.set_rung(cy, Rung::Spoken, "Called him back").unwrap();
    before = fresh(d, &path, &before, "a rung set by hand");

    d.set_rung(cy, Rung::Connected, "It was his assistant").unwrap();
    before = fresh(d, &path, &before, "a person moved down");

    d.log_touch(&dm(ana, at(2026, 4, 20, 10, 0), HandlePlatform::X, Direction::Out)).unwrap();
    d.delete_touch(first).unwrap();
    before = fresh(d, &path, &before, "the first touch deleted (Ana now started on X)");

    d.restore_touch(first).unwrap();
    before = fresh(d, &path, &before, "the first touch restored");

    let mut edited = dm(ana, at(2026, 4, 2, 10, 0), HandlePlatform::Facebook, Direction::Out);
    edited.people = vec![ana];
    d.update_touch(first, &edited).unwrap();
    before = fresh(d, &path, &before, "the first touch moved to another platform");

    d.archive_person(cy).unwrap();
    before = fresh(d, &path, &before, "a person archived");

    d.restore_person(cy).unwrap();
    before = fresh(d, &path, &before, "a person brought back from the archive");

    d.merge_people(ana, dee).unwrap();
    before = fresh(d, &path, &before, "two people merged");

    let eve = add(d, "Eve Stone", &["vip"]);
    before = fresh(d, &path, &before, "a person added");

    d.update_person(eve, &PersonEdit { display_name: "Eve Stone-Hart".into(), tags: vec!["vip".into()], ..Default::default() }).unwrap();
    before = fresh(d, &path, &before, "a person renamed");

    let file = connections_file();
    let preview = d.preview_import(&file).unwrap();
    d.apply_import(&file, &preview.fingerprint).unwrap();
    fresh(d, &path, &before, "LinkedIn's connections imported");
}

#[test]
fn an_archive_import_and_its_undoing_are_seen_by_the_next_view() {
    let mut f = Fixture::at(now(), Berlin);
    let path = f.path();
    let ana = add(&mut f.diary, "Ana Lima", &[]);
    f.diary.log_touch(&dm(ana, at(2026, 5, 2, 10, 0), HandlePlatform::X, Direction::Out)).unwrap();
    let before = views(&f.diary);

    let archive = rapport_core::transfer::archive::Archive::from_parts(
        "messages.csv",
        vec![(
            "messages.csv".into(),
            b"FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\nAna Lima,Me,2026-03-02T10:00:00,,Hi,INCOMING,INBOX\nMe,Ana Lima,2026-03-02T11:00:00,,Hello,OUTGOING,INBOX\nBo Berg,Me,2026-03-05T10:00:00,,Hi,INCOMING,INBOX\nMe,Bo Berg,2026-03-05T11:00:00,,Hello,OUTGOING,INBOX\n".to_vec(),
        )],
    );
    let reading = rapport_core::transfer::archive::ArchiveReading {
        name: archive.name.clone(),
        fingerprint: archive.fingerprint(),
        sources: rapport_core::transfer::archive::read(&archive).unwrap(),
        words: false,
    };
    let runs = f.diary.apply_archive(&reading, &Default::default()).unwrap();
    let imported = fresh(&f.diary, &path, &before, "an archive imported");

    f.diary.undo_import(runs[0].id).unwrap();
    fresh(&f.diary, &path, &imported, "the archive's import undone");
}

#[test]
fn a_write_through_another_connection_is_seen_by_the_next_view() {
    let mut f = Fixture::at(now(), Berlin);
    let path = f.path();
    let ana = add(&mut f.diary, "Ana Lima", &["vip"]);
    let first = f.diary.log_touch(&dm(ana, at(2026, 5, 2, 10, 0), HandlePlatform::Linkedin, Direction::Out)).unwrap().touch.id;
    let before = views(&f.diary);

    let mut other = open(&path);
    let bo = add(&mut other, "Bo Berg", &["vip"]);
    other.log_touch(&dm(bo, at(2026, 5, 3, 10, 0), HandlePlatform::X, Direction::In)).unwrap();
    other.set_rung(ana, Rung::Met, "Lunch in Lisbon").unwrap();
    drop(other);
    let seen = fresh(&f.diary, &path, &before, "a write through another diary on the file");

    // Plain SQL on the file, as another program might write: the schema itself notes it.
    f.sql().execute("UPDATE person SET display_name = 'Ana Lima-Costa' WHERE id = ?1", [ana]).unwrap();
    let renamed = fresh(&f.diary, &path, &seen, "a rename in plain SQL");
    f.sql().execute("UPDATE touch SET platform = 'facebook' WHERE id = ?1", [first]).unwrap();
    let renamed = fresh(&f.diary, &path, &renamed, "the first touch's platform changed in plain SQL");
    let people = f.diary.funnel_people(&FunnelQuery::default(), &FunnelCell::Reached { origin: None, rung: Rung::Noticed }).unwrap();
    assert!(people.iter().any(|p| p.display_name == "Ana Lima-Costa"), "{people:?}");
    assert_eq!(renamed, views(&f.diary), "nothing written, nothing changes");
}

#[test]
fn a_view_inside_a_transaction_undone_leaves_nothing_behind() {
    let mut f = Fixture::at(now(), Berlin);
    let path = f.path();
    let ana = add(&mut f.diary, "Ana Lima", &[]);
    let before = views(&f.diary);
    let undo = |d: &mut Diary, rung: Rung| {
        let undone: rapport_core::Result<()> = d.in_one_transaction(|d| {
            d.set_rung(ana, rung, "Signed").unwrap();
            let inside = d.funnel(&FunnelQuery::default()).unwrap();
            assert_eq!(inside.overall.rungs[rung as usize].reached.n, 1, "the write is seen inside its transaction");
            Err(rapport_core::Error::Invalid { field: "test", message: "undone".into() })
        });
        assert!(undone.is_err());
    };
    undo(&mut f.diary, Rung::Working);
    // The next write is numbered as the undone one was: it must still be read.
    f.diary.set_rung(ana, Rung::Conversing, "Replied").unwrap();
    let after = fresh(&f.diary, &path, &before, "a write after a transaction undone");
    undo(&mut f.diary, Rung::Met);
    assert_eq!(views(&f.diary), after, "the write undone is undone in the funnel too");
}

#[test]
fn a_diary_from_before_the_funnel_kept_its_changes_is_read_whole_then_kept_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(rapport_core::storage::DIARY_FILE_NAME);
    std::fs::copy(format!("{}/tests/fixtures/v6.sqlite3", env!("CARGO_MANIFEST_DIR")), &path).unwrap();
    let mut diary = open(&path);
    let before = views(&diary);
    let ana = diary.funnel_people(&FunnelQuery::default(), &FunnelCell::Reached { origin: None, rung: Rung::Noticed }).unwrap()[0].id;
    diary.set_rung(ana, Rung::Working, "Signed").unwrap();
    fresh(&diary, &path, &before, "a rung set on a migrated diary");
}

#[test]
fn with_more_people_waiting_than_shown_the_longest_waiting_are_listed_first() {
    let mut f = Fixture::at(at(2026, 1, 1, 9, 0), Berlin);
    // Added a day apart, newest first, and two on the same instant (the lower id first).
    let mut added = Vec::new();
    for day in (1..=14).rev() {
        f.set_now(at(2026, 1, day, 9, 0), Berlin);
        added.push((day, add(&mut f.diary, &format!("Person {day:02}"), &[])));
    }
    f.set_now(at(2026, 1, 3, 9, 0), Berlin);
    let twin = add(&mut f.diary, "Person 03b", &[]);
    f.set_now(now(), Berlin);
    let stalls = f.diary.funnel(&FunnelQuery::default()).unwrap().stalls;
    let noticed = stalls.iter().find(|s| s.rung == Rung::Noticed).unwrap();
    assert_eq!(noticed.waiting, 15);
    let mut expected: Vec<(u32, i64)> = added.iter().map(|&(day, id)| (day, id)).chain([(3, twin)]).collect();
    expected.sort();
    let listed: Vec<i64> = noticed.people.iter().map(|s| s.person_id).collect();
    assert_eq!(listed, expected.iter().take(rapport_core::funnel::STALLS_SHOWN).map(|e| e.1).collect::<Vec<_>>());
}
