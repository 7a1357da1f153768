//! The convergence simulation (issue 23): three to five devices, each with its own
//! diary file and documents, make random edits of the domain while a fake sync tool
//! carries their files between their folders late, out of order, twice (as conflict
//! copies), cut short, or not at all while the network is split, and passes on, late,
//! the removal of the files a device folded (here after every three); devices stop and
//! start again from disk. Once the network heals and every file has arrived, every diary
//! holds the same (`sync_dump`), and a new device that joins from the files alone holds
//! it too.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::at;
use proptest::prelude::*;
use rapport_core::clock::FixedClock;
use rapport_core::people::{NewHandle, PersonEdit};
use rapport_core::sync::Engine;
use rapport_core::time::SessionInput;
use rapport_core::vocab::{Channel, HandlePlatform, Rung};
use rapport_core::Diary;

#[derive(Debug, Clone)]
enum Edit {
    AddPerson(u8),
    Field { who: u8, field: u8, value: u8 },
    Tag { who: u8, tag: u8 },
    Handle { who: u8, value: u8 },
    LogTouch { who: u8, day: u8, call: bool },
    DeleteTouch(u8),
    AddSession(u8),
    DeleteSession(u8),
    Merge(u8, u8),
    MoveRung { who: u8, rung: u8 },
    Archive(u8),
}

#[derive(Debug, Clone)]
enum Step {
    Edit(u8, Edit),
    Sync(u8),
    /// The sync tool carries one file between two devices' folders.
    Carry {
        from: u8,
        to: u8,
        pick: u8,
        how: u8,
    },
    Split(u8, u8),
    Heal,
    Restart(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any::<u8>().prop_map(Edit::AddPerson),
        3 => (any::<u8>(), 0..3u8, any::<u8>()).prop_map(|(who, field, value)| Edit::Field { who, field, value }),
        1 => (any::<u8>(), 0..3u8).prop_map(|(who, tag)| Edit::Tag { who, tag }),
        1 => (any::<u8>(), 0..4u8).prop_map(|(who, value)| Edit::Handle { who, value }),
        3 => (any::<u8>(), 0..20u8, any::<bool>()).prop_map(|(who, day, call)| Edit::LogTouch { who, day, call }),
        1 => any::<u8>().prop_map(Edit::DeleteTouch),
        1 => (0..12u8).prop_map(Edit::AddSession),
        1 => any::<u8>().prop_map(Edit::DeleteSession),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Merge(a, b)),
        1 => (any::<u8>(), 0..6u8).prop_map(|(who, rung)| Edit::MoveRung { who, rung }),
        1 => any::<u8>().prop_map(Edit::Archive),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => (any::<u8>(), edit()).prop_map(|(d, e)| Step::Edit(d, e)),
        3 => any::<u8>().prop_map(Step::Sync),
        6 => (any::<u8>(), any::<u8>(), any::<u8>(), 0..6u8).prop_map(|(from, to, pick, how)| Step::Carry { from, to, pick, how }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Step::Split(a, b)),
        1 => Just(Step::Heal),
        1 => any::<u8>().prop_map(Step::Restart),
    ]
}

/// One device: its diary file, its own copy of the shared folder, its documents.
struct Device {
    dir: tempfile::TempDir,
    folder: PathBuf,
    diary: Diary,
    engine: Engine,
    step_by_step: bool,
    /// Every reason a round gave for what it could not read or send yet.
    whys: Vec<String>,
    id: String,
    /// The clock moves a minute an edit, so edits by hand are in order on each device.
    minute: i64,
}

/// Documents that fold a device's files after three, so the simulation folds often;
/// every other device reads one document a round and works out two people's figures a
/// round, as a large diary is read in the app.
fn folding(step_by_step: bool) -> Engine {
    match step_by_step {
        true => Engine::folding_at(3).in_steps(std::time::Duration::ZERO).reworking_at_most(2),
        false => Engine::folding_at(3),
    }
}

fn open(path: &Path, minute: i64) -> Diary {
    let now = at(2026, 11, 18, 8, 0) + chrono::Duration::minutes(minute);
    Diary::open_with_clock(path, Arc::new(FixedClock { now, tz: chrono_tz::Europe::Lisbon })).unwrap()
}

impl Device {
    fn new(name: &str, step_by_step: bool) -> Device {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("Sync");
        std::fs::create_dir(&folder).unwrap();
        let mut diary = open(&dir.path().join("diary.sqlite3"), 0);
        let id = diary.turn_sync_on(&folder, name).unwrap().id;
        Device { dir, folder, diary, engine: folding(step_by_step), step_by_step, whys: Vec::new(), id, minute: 0 }
    }

    fn tick(&mut self) {
        self.minute += 1;
        let now = at(2026, 11, 18, 8, 0) + chrono::Duration::minutes(self.minute);
        self.diary.set_clock(Arc::new(FixedClock { now, tz: chrono_tz::Europe::Lisbon }));
    }

    fn restart(&mut self) {
        let path = self.dir.path().join("diary.sqlite3");
        self.diary = open(&path, self.minute);
        self.engine = folding(self.step_by_step);
    }

    /// One round; what it could not read yet, and why, is kept in `whys`.
    fn sync(&mut self) -> bool {
        let done = self.diary.sync_now(&mut self.engine).unwrap();
        self.whys.extend(done.skipped.into_iter().map(|s| s.why));
        done.more
    }

    /// Rounds until one leaves nothing for the next.
    fn sync_all(&mut self) {
        while self.sync() {}
    }

    fn people(&self) -> Vec<i64> {
        ids(&self.diary, "SELECT id FROM person WHERE merged_into IS NULL ORDER BY uid")
    }

    fn own_files(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        walk(&self.folder.join("Rapport/devices").join(&self.id), &mut found);
        found.sort();
        found
    }

    fn edit(&mut self, edit: &Edit) {
        self.tick();
        let people = self.people();
        let pick = |n: u8| (!people.is_empty()).then(|| people[n as usize % people.len()]);
        let d = &mut self.diary;
        // An edit the domain refuses (a session that overlaps, a merge of one person
        // with themself) is refused here as it would be in the window: no harm to sync.
        match edit {
            Edit::AddPerson(n) => {
                d.add_person(&PersonEdit { display_name: format!("Person {n}"), ..Default::default() }).unwrap();
            }
            Edit::Field { who, field, value } => {
                let Some(id) = pick(*who) else { return };
                let mut e = edit_of(d, id);
                let v = format!("v{value} <i>é</i>");
                match field {
                    0 => e.company = v,
                    1 => e.title = v,
                    _ => e.notes = v,
                }
                d.update_person(id, &e).unwrap();
            }
            Edit::Tag { who, tag } => {
                let Some(id) = pick(*who) else { return };
                let mut e = edit_of(d, id);
                let tag = ["client", "friend", "press"][*tag as usize % 3].to_owned();
                if let Some(i) = e.tags.iter().position(|t| *t == tag) {
                    e.tags.remove(i);
                } else {
                    e.tags.push(tag);
                }
                d.update_person(id, &e).unwrap();
            }
            Edit::Handle { who, value } => {
                let Some(id) = pick(*who) else { return };
                let mut e = edit_of(d, id);
                let value = format!("@person{value}");
                if let Some(i) = e.handles.iter().position(|h| h.value == value) {
                    e.handles.remove(i);
                } else {
                    e.handles.push(NewHandle { platform: HandlePlatform::X, value, url: String::new(), professional: true });
                }
                d.update_person(id, &e).unwrap();
            }
            Edit::LogTouch { who, day, call } => {
                let Some(id) = pick(*who) else { return };
                let mut input = rapport_core::touches::TouchInput::new(id, if *call { Channel::Phone } else { Channel::DirectMessage });
                input.when = Some(at(2026, 10, 20, 10, 0) + chrono::Duration::days(i64::from(*day)));
                d.log_touch(&input).unwrap();
            }
            Edit::DeleteTouch(n) => {
                let touches = ids(d, "SELECT id FROM touch WHERE deleted_at IS NULL ORDER BY uid");
                if let Some(&t) = touches.get(*n as usize % touches.len().max(1)) {
                    d.delete_touch(t).unwrap();
                }
            }
            Edit::AddSession(hour) => {
                let started_at = at(2026, 11, 17, 8 + u32::from(*hour), 0);
                let input = SessionInput {
                    platform: "linkedin".into(),
                    started_at,
                    ended_at: started_at + chrono::Duration::minutes(30),
                    note: format!("hour {hour}"),
                };
                let _ = d.add_session(&input);
            }
            Edit::DeleteSession(n) => {
                let sessions = ids(d, "SELECT id FROM session ORDER BY uid");
                if let Some(&s) = sessions.get(*n as usize % sessions.len().max(1)) {
                    d.delete_session(s).unwrap();
                }
            }
            Edit::Merge(a, b) => {
                let (Some(a), Some(b)) = (pick(*a), pick(*b)) else { return };
                if a != b {
                    d.merge_people(a, b).unwrap();
                }
            }
            Edit::MoveRung { who, rung } => {
                let Some(id) = pick(*who) else { return };
                let rung = [Rung::Noticed, Rung::Connected, Rung::Conversing, Rung::Spoken, Rung::Met, Rung::Working][*rung as usize];
                d.set_rung(id, rung, "by hand").unwrap();
            }
            Edit::Archive(n) => {
                let Some(id) = pick(*n) else { return };
                d.archive_person(id).unwrap();
            }
        }
    }
}

fn edit_of(d: &Diary, id: i64) -> PersonEdit {
    let p = d.person(id).unwrap();
    PersonEdit {
        display_name: p.display_name,
        company: p.company,
        title: p.title,
        how_met: p.how_met,
        why_matters: p.why_matters,
        notes: p.notes,
        cadence_days: p.cadence_days,
        handles: p
            .handles
            .iter()
            .map(|h| NewHandle { platform: h.platform, value: h.value.clone(), url: h.url.clone(), professional: h.professional })
            .collect(),
        tags: p.tags,
        rung: None,
    }
}

fn ids(d: &Diary, sql: &str) -> Vec<i64> {
    let conn = rusqlite::Connection::open(d.path()).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found);
        } else {
            found.push(path);
        }
    }
}

/// The sync tool carrying `file` (a path in `from`'s folder) into `to`'s folder: whole,
/// cut short (the rest arrives later), or as a conflict copy beside the file.
fn carry(file: &Path, from: &Path, to: &Path, how: u8) {
    let relative = file.strip_prefix(from).unwrap();
    let target = to.join(relative);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let bytes = std::fs::read(file).unwrap();
    match how {
        // Half-synced: cut short, to be finished by a later carry.
        0 if !target.exists() => std::fs::write(&target, &bytes[..bytes.len() / 2]).unwrap(),
        // Syncthing's conflict copy beside the one already there.
        1 => {
            let name = target.file_name().unwrap().to_str().unwrap();
            let copy = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.sync-conflict-20261118-101500-ABCDEFG.{ext}"),
                None => format!("{name}.sync-conflict-20261118-101500-ABCDEFG"),
            };
            std::fs::write(target.with_file_name(copy), &bytes).unwrap();
        }
        _ => std::fs::write(&target, &bytes).unwrap(),
    }
}

/// The sync tool removing from `to`'s folder the files `from` removed (folded) from its
/// own; its conflict copies are `to`'s own and stay.
fn pass_on_deletions(from: &Device, to: &Device) {
    let mut there = Vec::new();
    walk(&to.folder.join("Rapport/devices").join(&from.id), &mut there);
    for file in there {
        let copy = file.to_string_lossy().contains("sync-conflict");
        if !copy && !from.folder.join(file.strip_prefix(&to.folder).unwrap()).exists() {
            std::fs::remove_file(&file).unwrap();
        }
    }
}

/// Runs `steps` on `count` devices, heals, and checks that they converge; returns every
/// reason the devices' rounds gave for what they could not read or send yet.
fn run(count: usize, steps: &[Step]) -> Vec<String> {
    let mut devices: Vec<Device> = (0..count).map(|i| Device::new(&format!("Device {i}"), i % 2 == 1)).collect();
    let mut split: HashSet<(usize, usize)> = HashSet::new();
    for step in steps {
        match step {
            Step::Edit(d, e) => devices[*d as usize % count].edit(e),
            Step::Sync(d) => {
                devices[*d as usize % count].sync();
            }
            Step::Carry { from, to, pick, how } => {
                let (from, to) = (*from as usize % count, *to as usize % count);
                if from == to || split.contains(&(from.min(to), from.max(to))) {
                    continue;
                }
                let files = devices[from].own_files();
                if let Some(file) = files.get(*pick as usize % files.len().max(1)) {
                    carry(file, &devices[from].folder, &devices[to].folder, *how);
                }
                if *how == 5 {
                    pass_on_deletions(&devices[from], &devices[to]);
                }
            }
            Step::Split(a, b) => {
                let (a, b) = (*a as usize % count, *b as usize % count);
                split.insert((a.min(b), a.max(b)));
            }
            Step::Heal => split.clear(),
            Step::Restart(d) => devices[*d as usize % count].restart(),
        }
    }
    // Healed: every file reaches every folder whole, and every device syncs, until a
    // whole round brings nothing new.
    for round in 0..6 {
        for dev in &mut devices {
            dev.sync_all();
        }
        for from in 0..count {
            for to in (0..count).filter(|&t| t != from) {
                for file in devices[from].own_files() {
                    carry(&file, &devices[from].folder, &devices[to].folder, 2);
                }
                pass_on_deletions(&devices[from], &devices[to]);
            }
        }
        let dumps: BTreeSet<String> = devices.iter().map(|d| d.diary.sync_dump().unwrap()).collect();
        if dumps.len() == 1 && round > 0 {
            break;
        }
    }
    let first = devices[0].diary.sync_dump().unwrap();
    for (i, d) in devices.iter().enumerate() {
        let mine = d.diary.sync_dump().unwrap();
        if mine != first {
            let a: BTreeSet<&str> = first.lines().collect();
            let b: BTreeSet<&str> = mine.lines().collect();
            eprintln!("only on 0: {:#?}\nonly on {i}: {:#?}", a.difference(&b).collect::<Vec<_>>(), b.difference(&a).collect::<Vec<_>>());
        }
        assert_eq!(d.diary.sync_dump().unwrap(), first, "device {i} holds what device 0 does");
        assert_eq!(d.diary.integrity_check().unwrap(), "ok");
    }
    // Every device works out the same rungs and figures from the merged rows.
    let figures = |d: &Diary| -> Vec<String> {
        let conn = rusqlite::Connection::open(d.path()).unwrap();
        let mut stmt = conn.prepare("SELECT uid || ' ' || rung || ' ' || coalesce(last_touch_at, '-') FROM person ORDER BY uid").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    for d in &devices[1..] {
        assert_eq!(figures(&d.diary), figures(&devices[0].diary));
    }

    // A new device given the files alone holds the same.
    let mut fresh = Device::new("New", true);
    for device in &devices {
        for file in device.own_files() {
            carry(&file, &device.folder, &fresh.folder, 2);
        }
    }
    fresh.sync_all();
    assert_eq!(fresh.diary.sync_dump().unwrap(), first, "a device rebuilt from the files alone");
    devices.into_iter().flat_map(|d| d.whys).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_device_converges_to_the_same_diary(count in 3..=5usize, steps in prop::collection::vec(step(), 40..160)) {
        run(count, &steps);
    }
}

#[test]
fn concurrent_edits_merges_and_deletions_converge_on_three_devices() {
    use Edit::*;
    let steps = vec![
        Step::Edit(0, AddPerson(1)),
        Step::Edit(0, AddPerson(2)),
        Step::Edit(0, LogTouch { who: 0, day: 3, call: true }),
        Step::Sync(0),
        Step::Carry { from: 0, to: 1, pick: 0, how: 2 },
        Step::Carry { from: 0, to: 1, pick: 1, how: 2 },
        Step::Carry { from: 0, to: 2, pick: 0, how: 0 },
        Step::Sync(1),
        Step::Sync(2),
        Step::Split(0, 1),
        Step::Edit(0, Merge(0, 1)),
        Step::Edit(1, Field { who: 1, field: 0, value: 7 }),
        Step::Edit(1, LogTouch { who: 1, day: 5, call: false }),
        Step::Edit(2, DeleteTouch(0)),
        Step::Edit(2, MoveRung { who: 0, rung: 5 }),
        Step::Restart(1),
        Step::Sync(0),
        Step::Sync(1),
        Step::Sync(2),
        Step::Heal,
    ];
    run(3, &steps);
}

/// Found by the simulation: a person merged away on one device, whose history went to
/// the person kept, was on one rung there and on another where the merge arrived.
#[test]
fn a_person_merged_away_is_on_the_same_rung_on_every_device() {
    run(
        3,
        &vec![
            Step::Edit(160, Edit::AddPerson(0)),
            Step::Edit(202, Edit::AddPerson(0)),
            Step::Edit(130, Edit::LogTouch { who: 30, day: 0, call: true }),
            Step::Edit(79, Edit::AddPerson(0)),
            Step::Edit(94, Edit::Merge(1, 177)),
            Step::Edit(0, Edit::AddPerson(0)),
            Step::Carry { from: 0, to: 0, pick: 115, how: 1 },
            Step::Edit(120, Edit::LogTouch { who: 206, day: 6, call: true }),
            Step::Carry { from: 249, to: 217, pick: 21, how: 0 },
            Step::Edit(41, Edit::Handle { who: 159, value: 3 }),
            Step::Carry { from: 92, to: 63, pick: 102, how: 0 },
            Step::Split(149, 178),
            Step::Carry { from: 65, to: 241, pick: 95, how: 5 },
            Step::Edit(93, Edit::Merge(167, 137)),
            Step::Sync(95),
            Step::Split(119, 245),
            Step::Edit(176, Edit::AddPerson(123)),
            Step::Carry { from: 81, to: 102, pick: 142, how: 4 },
            Step::Sync(208),
            Step::Edit(149, Edit::LogTouch { who: 55, day: 4, call: true }),
            Step::Carry { from: 173, to: 190, pick: 198, how: 4 },
            Step::Carry { from: 110, to: 242, pick: 242, how: 2 },
            Step::Edit(10, Edit::Archive(28)),
            Step::Sync(39),
            Step::Sync(220),
            Step::Sync(89),
            Step::Carry { from: 103, to: 153, pick: 52, how: 4 },
            Step::Restart(69),
            Step::Edit(42, Edit::AddPerson(48)),
            Step::Carry { from: 20, to: 157, pick: 47, how: 4 },
            Step::Carry { from: 114, to: 213, pick: 92, how: 5 },
            Step::Edit(6, Edit::Field { who: 26, field: 1, value: 147 }),
            Step::Edit(218, Edit::LogTouch { who: 157, day: 1, call: false }),
            Step::Sync(17),
            Step::Heal,
            Step::Edit(63, Edit::AddPerson(94)),
            Step::Edit(49, Edit::AddPerson(6)),
            Step::Restart(96),
            Step::Sync(67),
            Step::Edit(66, Edit::MoveRung { who: 179, rung: 3 }),
        ],
    );
}

/// Found by the simulation: a device applied another's first file from a sync tool's
/// conflict copy, then the copy was removed before the original arrived, and it restarted;
/// the other's next file, which builds on the first, was held by the document, waiting for
/// it, yet marked applied, so its session never reached the diary.
#[test]
fn a_file_applied_from_a_copy_since_removed_does_not_hold_back_the_next() {
    use Step::{Carry, Restart, Sync};
    run(
        3,
        &[
            Sync(139),
            Sync(53),
            Carry { from: 47, to: 205, pick: 86, how: 1 },
            Carry { from: 10, to: 26, pick: 5, how: 3 },
            Sync(16),
            Step::Edit(118, Edit::AddPerson(58)),
            Carry { from: 227, to: 148, pick: 175, how: 2 },
            Restart(145),
            Carry { from: 188, to: 58, pick: 7, how: 5 },
            Step::Edit(14, Edit::AddSession(6)),
        ],
    );
}

/// A device restarts holding files that build on another device's, which that device
/// has since folded into a file not here yet: its document cannot be read whole. It
/// must neither fold (the edits it cannot read would be folded away) nor take an edit
/// made here (ordered before the edits it lacks, it would lose to them).
#[test]
fn a_device_whose_files_build_on_a_folded_file_not_here_yet_waits_for_it() {
    use Step::{Carry, Restart, Sync};
    let whys = run(
        3,
        &[
            Step::Edit(0, Edit::AddPerson(0)),
            Sync(109),
            Step::Edit(130, Edit::AddPerson(142)),
            Step::Edit(52, Edit::LogTouch { who: 175, day: 5, call: false }),
            Sync(112),
            Carry { from: 34, to: 198, pick: 185, how: 3 },
            Sync(138),
            Step::Edit(141, Edit::AddSession(1)),
            Step::Edit(208, Edit::Archive(107)),
            Sync(3),
            Sync(229),
            Restart(93),
            Step::Edit(219, Edit::Field { who: 97, field: 1, value: 209 }),
            Carry { from: 223, to: 216, pick: 235, how: 5 },
        ],
    );
    assert!(whys.iter().any(|w| w.contains("1 change made here wait")), "Settings says why the edit waits: {whys:#?}");
}
