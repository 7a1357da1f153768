//! Devices through one sync folder (issue 23): each with its own diary and its own
//! documents, writing only its own files; after each has read the others' files, every
//! diary holds the same rows, whatever was edited where.

mod common;

use common::{at, Fixture};
use rapport_core::people::PersonEdit;
use rapport_core::sync::Engine;
use rapport_core::time::SessionInput;
use rapport_core::vocab::Channel;
use rapport_sample::{fill, SampleSize};

/// One device: a diary, its documents, and the folder it shares.
struct Device {
    f: Fixture,
    engine: Engine,
}

impl Device {
    fn on(folder: &std::path::Path, name: &str) -> Device {
        let mut f = Fixture::at(at(2026, 11, 18, 12, 0), chrono_tz::Europe::Berlin);
        f.diary.turn_sync_on(folder, name).unwrap();
        Device { f, engine: Engine::default() }
    }

    fn sync(&mut self) -> rapport_core::sync::Synced {
        self.f.diary.sync_now(&mut self.engine).unwrap()
    }

    fn dump(&self) -> String {
        self.f.diary.sync_dump().unwrap()
    }

    fn last_touch(&self, person: i64) -> Option<i64> {
        self.f.sql().query_row("SELECT last_touch_at FROM person WHERE id = ?1", [person], |r| r.get(0)).unwrap()
    }

    fn person_named(&self, name: &str) -> i64 {
        self.f.sql().query_row("SELECT id FROM person WHERE display_name = ?1", [name], |r| r.get(0)).unwrap()
    }
}

/// A 40-minute LinkedIn session on 2026-11-17 from `hour`.
fn session(hour: u32, note: &str) -> SessionInput {
    SessionInput {
        platform: "linkedin".into(),
        started_at: at(2026, 11, 17, hour, 0),
        ended_at: at(2026, 11, 17, hour, 40),
        note: note.into(),
    }
}

/// Every device reads the others' files until none has anything new.
fn converge(devices: &mut [&mut Device]) {
    for _ in 0..3 {
        for d in devices.iter_mut() {
            d.sync();
        }
    }
    let first = devices[0].dump();
    for d in devices.iter() {
        assert_eq!(d.dump(), first, "every device holds the same");
    }
}

#[test]
fn a_second_device_joins_and_holds_the_whole_diary_and_a_restart_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let mut laptop = Device::on(folder.path(), "Laptop");
    fill(&mut laptop.f.diary, SampleSize::DEMO, 9, at(2026, 11, 18, 12, 0)).unwrap();
    let sent = laptop.sync();
    assert!(sent.sent > 100 && sent.files_written >= 2, "the core and the months of touches: {sent:?}");

    let mut desk = Device::on(folder.path(), "Desk");
    let got = desk.sync();
    assert_eq!(got.files_applied, sent.files_written);
    assert!(got.skipped.is_empty(), "{:?}", got.skipped);
    assert_eq!(desk.dump(), laptop.dump());
    let names: Vec<String> = got.devices.iter().map(|d| d.name.clone()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // The people's rungs and figures are worked out on the desk, not copied.
    let figures = |d: &Device| -> Vec<(String, String, Option<i64>)> {
        let conn = d.f.sql();
        let mut stmt = conn.prepare("SELECT uid, rung, last_touch_at FROM person ORDER BY uid").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    assert_eq!(figures(&desk), figures(&laptop));

    // Nothing new: a round writes and applies nothing, on either device, and a device
    // started again (its documents read back from the files) changes nothing either.
    assert_eq!((desk.sync().files_written, desk.sync().files_applied), (0, 0));
    // The laptop reads what the desk wrote of its own (the platforms every new diary
    // has), which changes nothing there.
    let before = laptop.dump();
    assert!(laptop.sync().files_applied <= 1);
    assert_eq!(laptop.dump(), before);
    laptop.engine = Engine::default();
    let again = laptop.sync();
    assert_eq!((again.files_written, again.files_applied), (0, 0), "{again:?}");
    assert_eq!(desk.dump(), laptop.dump());
    assert_eq!(desk.f.diary.integrity_check().unwrap(), "ok");
}

#[test]
fn edits_to_different_fields_on_two_devices_both_stay_and_one_field_resolves_alike() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Device::on(folder.path(), "A");
    let ana = a.f.person("Ana Lima");
    a.sync();
    let mut b = Device::on(folder.path(), "B");
    b.sync();
    let ana_b = b.person_named("Ana Lima");

    // Offline from each other: A sets the company and the notes, B the title and the notes.
    let edit = |company: &str, title: &str, notes: &str| PersonEdit {
        display_name: "Ana Lima".into(),
        company: company.into(),
        title: title.into(),
        notes: notes.into(),
        ..Default::default()
    };
    a.f.diary.update_person(ana, &edit("Kite & Co", "", "Met at <b>FOSDEM</b>")).unwrap();
    b.f.diary.update_person(ana_b, &edit("", "CTO", "Prefers calls ☎")).unwrap();
    converge(&mut [&mut a, &mut b]);
    let person = a.f.diary.person(ana).unwrap();
    assert_eq!((person.company.as_str(), person.title.as_str()), ("Kite & Co", "CTO"), "both fields stay");
    assert!(["Met at <b>FOSDEM</b>", "Prefers calls ☎"].contains(&person.notes.as_str()), "one of the two: {}", person.notes);
    assert_eq!(b.f.diary.person(ana_b).unwrap().notes, person.notes, "the same one on both");
}

#[test]
fn a_touch_logged_on_each_device_is_two_touches_and_both_move_the_figures() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Device::on(folder.path(), "A");
    let ana = a.f.person("Ana Lima");
    a.sync();
    let mut b = Device::on(folder.path(), "B");
    b.sync();
    let ana_b = b.person_named("Ana Lima");
    a.f.touch(ana, Channel::Phone, at(2026, 11, 16, 9, 0), |_| {});
    b.f.touch(ana_b, Channel::InPerson, at(2026, 11, 17, 15, 0), |_| {});
    converge(&mut [&mut a, &mut b]);
    let count = |d: &Device| d.f.sql().query_row("SELECT count(*) FROM touch", [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!((count(&a), count(&b)), (2, 2));
    assert_eq!(a.last_touch(ana), Some(at(2026, 11, 17, 15, 0).timestamp()));
    assert_eq!(b.last_touch(ana_b), a.last_touch(ana));
    assert_eq!(b.f.diary.person(ana_b).unwrap().rung, a.f.diary.person(ana).unwrap().rung);
}

#[test]
fn a_deletion_travels_but_an_edit_made_meanwhile_elsewhere_keeps_the_row() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Device::on(folder.path(), "A");
    let kept = a.f.diary.add_session(&session(8, "replies")).unwrap().id;
    let dropped = a.f.diary.add_session(&session(10, "feed")).unwrap().id;
    a.sync();
    let mut b = Device::on(folder.path(), "B");
    b.sync();
    let on_b =
        |b: &Device, note: &str| -> i64 { b.f.sql().query_row("SELECT id FROM session WHERE note = ?1", [note], |r| r.get(0)).unwrap() };
    let kept_b = on_b(&b, "replies");

    // A deletes both; meanwhile B edits one of them.
    a.f.diary.delete_session(kept).unwrap();
    a.f.diary.delete_session(dropped).unwrap();
    b.f.diary.update_session(kept_b, &session(8, "replies, then a call")).unwrap();
    converge(&mut [&mut a, &mut b]);
    let notes = |d: &Device| -> Vec<String> {
        let conn = d.f.sql();
        let mut stmt = conn.prepare("SELECT note FROM session ORDER BY note").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    assert_eq!(notes(&a), ["replies, then a call"], "the edit wins over the deletion; the other is gone");
    assert_eq!(notes(&b), notes(&a));
}

#[test]
fn two_people_merged_on_one_device_are_merged_on_the_other_with_their_touches() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Device::on(folder.path(), "A");
    let ana = a.f.person("Ana Lima");
    let twin = a.f.person("Ana L.");
    a.f.touch(twin, Channel::Phone, at(2026, 11, 10, 9, 0), |_| {});
    a.sync();
    let mut b = Device::on(folder.path(), "B");
    b.sync();
    a.f.diary.merge_people(ana, twin).unwrap();
    converge(&mut [&mut a, &mut b]);
    let ana_b = b.person_named("Ana Lima");
    let twin_b = b.person_named("Ana L.");
    let merged: Option<i64> = b.f.sql().query_row("SELECT merged_into FROM person WHERE id = ?1", [twin_b], |r| r.get(0)).unwrap();
    assert_eq!(merged, Some(ana_b));
    let touches: i64 = b.f.sql().query_row("SELECT count(*) FROM touch_person WHERE person_id = ?1", [ana_b], |r| r.get(0)).unwrap();
    assert_eq!(touches, 1, "the touch moved to the person kept");
    assert_eq!(b.last_touch(ana_b), Some(at(2026, 11, 10, 9, 0).timestamp()));
}

#[test]
fn the_same_export_imported_on_two_devices_gives_one_touch_each_not_two() {
    use rapport_core::transfer::archive::{read_path, ArchiveChoices};
    let archive = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives/linkedin");
    let folder = tempfile::tempdir().unwrap();
    let mut a = Device::on(folder.path(), "A");
    let mut b = Device::on(folder.path(), "B");
    for d in [&mut a, &mut b] {
        let read = read_path(&archive, chrono_tz::UTC, true, |_| {}).unwrap();
        d.f.diary.apply_archive(&read, &ArchiveChoices::default()).unwrap();
    }
    let touches = |d: &Device| d.f.sql().query_row("SELECT count(*) FROM touch", [], |r| r.get::<_, i64>(0)).unwrap();
    let alone = touches(&a);
    assert!(alone > 0);
    converge(&mut [&mut a, &mut b]);
    assert_eq!(touches(&a), alone, "each message's touch is one row on every device");
}

#[test]
fn an_edit_of_a_name_alone_changes_no_handle_on_any_device() {
    use rapport_core::people::NewHandle;
    use rapport_core::vocab::HandlePlatform;
    let folder = tempfile::tempdir().unwrap();
    let mut a = Device::on(folder.path(), "A");
    let handle = NewHandle { platform: HandlePlatform::X, value: "@ana".into(), url: String::new(), professional: true };
    let ana =
        a.f.diary.add_person(&PersonEdit { display_name: "Ana".into(), handles: vec![handle.clone()], ..Default::default() }).unwrap();
    a.sync();
    let uid = |d: &Device| d.f.sql().query_row("SELECT uid FROM handle", [], |r| r.get::<_, String>(0)).unwrap();
    let before = uid(&a);
    a.f.diary.update_person(ana.id, &PersonEdit { display_name: "Ana Lima".into(), handles: vec![handle], ..Default::default() }).unwrap();
    assert_eq!(uid(&a), before, "the handle kept is the same row");
    assert_eq!(a.f.diary.sync_waiting().unwrap(), 1, "one person changed, counted once for Settings");
    let sent = a.sync();
    assert_eq!(sent.files_written, 1);
    let mut b = Device::on(folder.path(), "B");
    b.sync();
    assert_eq!(uid(&b), before);
    assert_eq!(b.f.diary.person(b.person_named("Ana Lima")).unwrap().handles.len(), 1);
}

#[test]
fn a_backup_restored_on_a_synced_device_brings_back_nothing_deleted_since_and_loses_nothing_edited() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Device::on(folder.path(), "A");
    a.f.diary.add_session(&session(8, "replies")).unwrap();
    let feed = a.f.diary.add_session(&session(10, "feed")).unwrap().id;
    a.sync();
    let mut b = Device::on(folder.path(), "B");
    converge(&mut [&mut a, &mut b]);
    let backups = tempfile::tempdir().unwrap();
    let backup = a.f.diary.back_up(backups.path()).unwrap();

    // After the backup: A deletes a session, B edits the other.
    a.f.diary.delete_session(feed).unwrap();
    let replies_b: i64 = b.f.sql().query_row("SELECT id FROM session WHERE note = 'replies'", [], |r| r.get(0)).unwrap();
    b.f.diary.update_session(replies_b, &session(8, "replies, then a call")).unwrap();
    converge(&mut [&mut a, &mut b]);

    // A's diary is put back as it was at the backup, as Settings → Backups does.
    let path = a.f.path();
    let scratch = tempfile::tempdir().unwrap();
    drop(std::mem::replace(&mut a.f.diary, rapport_core::Diary::open(scratch.path().join("x.sqlite3")).unwrap()));
    rapport_core::transfer::backups::restore(&path, &backup.path, at(2026, 11, 18, 13, 0)).unwrap();
    let clock = std::sync::Arc::new(rapport_core::clock::FixedClock { now: at(2026, 11, 18, 13, 0), tz: chrono_tz::Europe::Berlin });
    a.f.diary = rapport_core::Diary::open_with_clock(&path, clock).unwrap();
    a.engine = Engine::default();
    let notes = |d: &Device| -> Vec<String> {
        let conn = d.f.sql();
        let mut stmt = conn.prepare("SELECT note FROM session ORDER BY note").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    assert_eq!(notes(&a), ["feed", "replies"], "the backup as it was");

    a.sync();
    b.sync();
    assert_eq!(notes(&b), ["replies, then a call"], "the restored device brings back nothing on the others");
    converge(&mut [&mut a, &mut b]);
    assert_eq!(notes(&a), ["replies, then a call"], "the restored device takes what was done since");
}

#[test]
fn a_device_folds_its_files_when_they_pile_up_and_every_device_still_holds_everything() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Device::on(folder.path(), "A");
    a.engine = Engine::folding_at(4);
    let ana = a.f.person("Ana Lima");
    a.sync();
    let mut b = Device::on(folder.path(), "B");
    b.sync();
    let own_files = |d: &Device| -> Vec<std::path::PathBuf> {
        let id = d.f.diary.this_device().unwrap().unwrap().id;
        let mut found = Vec::new();
        for doc in std::fs::read_dir(folder.path().join("Rapport/devices").join(id)).unwrap().flatten() {
            if doc.path().is_dir() {
                found.extend(std::fs::read_dir(doc.path()).unwrap().flatten().map(|f| f.path()));
            }
        }
        found
    };
    for day in 1..=12 {
        a.f.touch(ana, Channel::Email, at(2026, 11, day, 9, 0), |_| {});
        a.sync();
        // B reads some rounds as they come, and misses others.
        if day % 3 == 0 {
            b.sync();
        }
    }
    let files = own_files(&a);
    let folded = files.iter().filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("snap-")).count();
    assert!(folded >= 1, "{files:?}");
    assert!(files.len() <= 8, "at most a folded file and three more per document: {files:?}");
    converge(&mut [&mut a, &mut b]);
    assert_eq!(b.f.sql().query_row("SELECT count(*) FROM touch", [], |r| r.get::<_, i64>(0)).unwrap(), 12);

    // B starts again with none of the documents in memory, then a newcomer joins.
    b.engine = Engine::default();
    assert_eq!(b.sync().rows_applied, 0, "the folded files hold nothing B has not applied");
    let mut c = Device::on(folder.path(), "C");
    c.sync();
    assert_eq!(c.dump(), a.dump(), "a newcomer reads the folded files alone");
}

#[test]
fn a_device_joining_in_steps_reads_a_document_a_round_says_how_far_it_is_and_sends_only_when_whole() {
    let steps = || Engine::default().in_steps(std::time::Duration::ZERO).reworking_at_most(120);
    let folder = tempfile::tempdir().unwrap();
    let mut laptop = Device::on(folder.path(), "Laptop");
    fill(&mut laptop.f.diary, SampleSize::DEMO, 9, at(2026, 11, 18, 12, 0)).unwrap();
    let written = laptop.sync().files_written;
    assert!(written >= 3, "the core and two months at least: {written}");

    // The desk has someone of its own the laptop lacks; no time at all a round means one
    // document a round, then the 301 people's figures 120 a round.
    let mut desk = Device::on(folder.path(), "Desk");
    desk.engine = steps();
    desk.f.person("Zoë Desk-Only");
    let (mut rounds, mut read) = (0, Vec::new());
    loop {
        let done = desk.sync();
        rounds += 1;
        let now = desk.engine.progress().now();
        assert!(!now.reading, "no round runs now");
        assert_eq!(now.of, written);
        read.push(now.read);
        if !done.more {
            break;
        }
        assert_eq!(done.sent, 0, "nothing goes out before the whole folder is read and worked out");
        assert_eq!(done.files_applied, usize::from(rounds <= written), "one document a round, then the figures");
        // A stop between two rounds: the documents are read again from the files.
        if rounds == 2 || rounds == written + 1 {
            desk.engine = steps();
        }
        assert!(rounds <= written + 2, "one round a document, three for the figures");
    }
    assert_eq!(rounds, written + 2);
    assert!(read[..written].windows(2).all(|w| w[0] < w[1]), "each round reads further: {read:?}");
    assert_eq!(*read.last().unwrap(), written);
    converge(&mut [&mut laptop, &mut desk]);
    laptop.person_named("Zoë Desk-Only");
    let figures = |d: &Device| -> Vec<(String, String, Option<i64>, Option<i64>)> {
        let conn = d.f.sql();
        let mut stmt = conn.prepare("SELECT uid, rung, last_touch_at, first_call_at FROM person ORDER BY uid").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    assert_eq!(figures(&desk), figures(&laptop), "every figure worked out, in steps");
}

#[test]
fn figures_left_to_work_out_by_a_round_that_stopped_are_worked_out_by_the_next() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Device::on(folder.path(), "A");
    let ana = a.f.person("Ana Lima");
    a.f.touch(ana, Channel::Phone, at(2026, 11, 16, 9, 0), |_| {});
    a.sync();
    let mut b = Device::on(folder.path(), "B");
    b.sync();
    let ana_b = b.person_named("Ana Lima");
    assert_eq!(b.last_touch(ana_b), a.last_touch(ana));
    // As a stop after a document's rows went in and before the round worked them out
    // leaves it: the person noted, their figures and search entry not yet made.
    let sql = b.f.sql();
    sql.execute("INSERT INTO sync_rework (person_id, search) VALUES (?1, 1)", [ana_b]).unwrap();
    sql.execute("UPDATE person SET last_touch_at = NULL, first_call_at = NULL WHERE id = ?1", [ana_b]).unwrap();
    sql.execute("DELETE FROM person_search WHERE rowid = ?1", [ana_b]).unwrap();
    b.engine = Engine::default();
    b.sync();
    assert_eq!(b.last_touch(ana_b), Some(at(2026, 11, 16, 9, 0).timestamp()));
    let call: Option<i64> = sql.query_row("SELECT first_call_at FROM person WHERE id = ?1", [ana_b], |r| r.get(0)).unwrap();
    assert_eq!(call, Some(at(2026, 11, 16, 9, 0).timestamp()));
    let found: i64 = sql.query_row("SELECT count(*) FROM person_search WHERE person_search MATCH 'lima'", [], |r| r.get(0)).unwrap();
    assert_eq!(found, 1, "found by name again");
    assert_eq!(sql.query_row("SELECT count(*) FROM sync_rework", [], |r| r.get::<_, i64>(0)).unwrap(), 0);
    assert_eq!(b.f.diary.sync_waiting().unwrap(), 0, "what B works out itself is not sent");
}
