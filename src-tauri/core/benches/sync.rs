//! `make bench`, sync (issue 23, "measure before building"): a Loro document holding the
//! generated diaries of 1k, 10k and 30k people, as a device would keep it to converge
//! through a synced folder. Nothing of the app uses Loro yet; this spike measures the model.
//!
//! Model `map`: one `LoroDoc`; root map "people": uid → a child `LoroMap` of the person's
//! fields; root map "touches": uid → one immutable value (a map of the touch's fields,
//! with its people's uids), since touches are rarely edited. Model `packed`: the same,
//! but each touch is one binary value (its fields packed by hand), for the memory.
//! Models `yearly` and `monthly`, the split the first two's figures call for: the people
//! in a `core` doc, each year's (or month's) touches, packed, in a doc of their own; a
//! device holds the core and the latest period, as it would after a start, and takes
//! another device's 100 edits twice (the first import after loading decodes the doc).
//!
//! For each size and model: building the doc from SQLite, exporting its snapshot, its size,
//! loading it into a fresh doc and reading its whole state, each in a process of its own
//! so its peak memory (VmHWM) is its own; then 100 edits on one device (90 person fields,
//! 10 touches deleted) exported as updates from the previous version vector, imported into
//! a second device's doc, diffed and applied to a copy of the diary as UPDATEs in one
//! transaction. Floors, timed in the same run: the plain SELECT of every person and touch
//! that the build reads, and the same UPDATEs alone. Prints medians and p95 of a few runs.
//! Sizes: `RAPPORT_BENCH_SIZES=small,medium,large`; models: `RAPPORT_BENCH_SYNC_MODELS`,
//! `yearly,monthly` unless set (`map` on the large diary peaks near 3 GB, and its edits
//! step holds three docs at once);
//! `RAPPORT_BENCH_ONLY=load,edits` times only the rows whose name contains one of those.
//! Writes `target/bench/sync-results.json`. The generated diaries are the `diary`
//! bench's (`target/bench/<size>-v6.sqlite3`): made if missing, never written, read from a copy.

#![allow(clippy::print_stdout, reason = "the report is its output")]

#[path = "kept.rs"]
mod kept;

use kept::{median, now, p95, sample, SAMPLE_VERSION};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::DateTime;
use loro::event::Diff;
use loro::{Container, ContainerID, ExportMode, Index, LoroDoc, LoroMap, LoroValue, ValueOrContainer};
use rapport_sample::SampleSize;
use rusqlite::Connection;
use serde_json::json;

const EDITS: usize = 100;
const TOUCH_EDITS: usize = 10;
/// Set in a child process: what it measures ("build" or "load"), printed as one line.
const ONE: &str = "RAPPORT_BENCH_SYNC_ONE";

fn wanted(what: &str) -> bool {
    std::env::var("RAPPORT_BENCH_ONLY").ok().is_none_or(|only| only.split(',').any(|o| what.contains(o.trim())))
}

#[derive(Clone, Copy, PartialEq)]
enum Model {
    Map,
    Packed,
    /// People in a `core` doc, touches (packed) in one doc per year or per month.
    Yearly,
    Monthly,
}

impl Model {
    fn named(name: &str) -> Model {
        match name {
            "map" => Model::Map,
            "packed" => Model::Packed,
            "yearly" => Model::Yearly,
            "monthly" => Model::Monthly,
            _ => panic!("unknown model {name:?}: map, packed, yearly or monthly"),
        }
    }
}

/// A stable id as the sync design would give rows (UUIDv7-shaped, 36 characters); the
/// rowid is its last 12 hex digits so that the apply step finds the row again.
fn uid(id: i64) -> String {
    let mut h = (id as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    format!("{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}", h >> 32, (h >> 16) & 0xffff, h & 0xfff, 0x8000 | (h >> 20) & 0x3fff, id)
}

fn id_of(uid: &str) -> i64 {
    i64::from_str_radix(&uid[24..], 16).unwrap()
}

const PEOPLE_SQL: &str = "SELECT id, display_name, company, title, how_met, why_matters, notes, rung, cadence_days, merged_into,
                                 created_at, updated_at, archived_at FROM person ORDER BY id";
/// The person's synced fields, named as their columns (the derived figures are not synced).
const PERSON_TEXT: [&str; 7] = ["display_name", "company", "title", "how_met", "why_matters", "notes", "rung"];
const PERSON_INT: [&str; 4] = ["cadence_days", "created_at", "updated_at", "archived_at"];
const TOUCHES_SQL: &str = "SELECT t.id, t.happened_at, t.channel, t.platform, t.direction, t.personal, t.duration_minutes, t.notes,
                                  t.outcome, t.outcome_value_cents, t.outcome_currency, t.created_at, t.updated_at, t.deleted_at,
                                  (SELECT group_concat(tp.person_id) FROM touch_person tp WHERE tp.touch_id = t.id)
                           FROM touch t ORDER BY t.id";

#[derive(Clone, Debug, PartialEq)]
struct Touch {
    happened_at: i64,
    channel: String,
    platform: Option<String>,
    direction: String,
    personal: bool,
    duration_minutes: Option<i64>,
    notes: String,
    outcome: String,
    outcome_value_cents: Option<i64>,
    outcome_currency: Option<String>,
    created_at: i64,
    updated_at: i64,
    deleted_at: Option<i64>,
    people: Vec<String>,
}

impl Touch {
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Touch)> {
        let people: Option<String> = r.get(14)?;
        Ok((
            r.get(0)?,
            Touch {
                happened_at: r.get(1)?,
                channel: r.get(2)?,
                platform: r.get(3)?,
                direction: r.get(4)?,
                personal: r.get(5)?,
                duration_minutes: r.get(6)?,
                notes: r.get(7)?,
                outcome: r.get(8)?,
                outcome_value_cents: r.get(9)?,
                outcome_currency: r.get(10)?,
                created_at: r.get(11)?,
                updated_at: r.get(12)?,
                deleted_at: r.get(13)?,
                people: people.unwrap_or_default().split(',').filter(|p| !p.is_empty()).map(|p| uid(p.parse().unwrap())).collect(),
            },
        ))
    }

    fn to_value(&self, model: Model) -> LoroValue {
        match model {
            Model::Map => {
                let mut m: HashMap<&str, LoroValue> = HashMap::with_capacity(14);
                m.insert("happened_at", self.happened_at.into());
                m.insert("channel", self.channel.as_str().into());
                m.insert("direction", self.direction.as_str().into());
                m.insert("personal", self.personal.into());
                m.insert("notes", self.notes.as_str().into());
                m.insert("outcome", self.outcome.as_str().into());
                m.insert("created_at", self.created_at.into());
                m.insert("updated_at", self.updated_at.into());
                m.insert("people", self.people.iter().map(|p| LoroValue::from(p.as_str())).collect::<Vec<_>>().into());
                for (k, v) in [
                    ("duration_minutes", self.duration_minutes),
                    ("outcome_value_cents", self.outcome_value_cents),
                    ("deleted_at", self.deleted_at),
                ] {
                    if let Some(v) = v {
                        m.insert(k, v.into());
                    }
                }
                for (k, v) in [("platform", &self.platform), ("outcome_currency", &self.outcome_currency)] {
                    if let Some(v) = v {
                        m.insert(k, v.as_str().into());
                    }
                }
                m.into()
            }
            Model::Packed | Model::Yearly | Model::Monthly => {
                let mut b = Vec::with_capacity(96);
                for v in [self.happened_at, self.created_at, self.updated_at] {
                    b.extend_from_slice(&v.to_le_bytes());
                }
                b.push(u8::from(self.personal));
                for v in [self.duration_minutes, self.outcome_value_cents, self.deleted_at] {
                    put_opt_i64(&mut b, v);
                }
                for s in [&self.channel, &self.direction, &self.notes, &self.outcome] {
                    put_str(&mut b, s);
                }
                for s in [&self.platform, &self.outcome_currency] {
                    match s {
                        Some(s) => {
                            b.push(1);
                            put_str(&mut b, s);
                        }
                        None => b.push(0),
                    }
                }
                b.push(self.people.len() as u8);
                for p in &self.people {
                    put_str(&mut b, p);
                }
                b.into()
            }
        }
    }

    fn from_value(v: &LoroValue) -> Touch {
        match v {
            LoroValue::Map(m) => {
                let int = |k: &str| m.get(k).and_then(|v| v.as_i64().copied());
                let text = |k: &str| m.get(k).and_then(|v| v.as_string()).map(|s| s.to_string());
                Touch {
                    happened_at: int("happened_at").unwrap(),
                    channel: text("channel").unwrap(),
                    platform: text("platform"),
                    direction: text("direction").unwrap(),
                    personal: *m["personal"].as_bool().unwrap(),
                    duration_minutes: int("duration_minutes"),
                    notes: text("notes").unwrap(),
                    outcome: text("outcome").unwrap(),
                    outcome_value_cents: int("outcome_value_cents"),
                    outcome_currency: text("outcome_currency"),
                    created_at: int("created_at").unwrap(),
                    updated_at: int("updated_at").unwrap(),
                    deleted_at: int("deleted_at"),
                    people: m["people"].as_list().unwrap().iter().map(|p| p.as_string().unwrap().to_string()).collect(),
                }
            }
            LoroValue::Binary(b) => {
                let mut r = Reader(b.as_slice());
                let (happened_at, created_at, updated_at) = (r.i64(), r.i64(), r.i64());
                let personal = r.u8() == 1;
                let (duration_minutes, outcome_value_cents, deleted_at) = (r.opt_i64(), r.opt_i64(), r.opt_i64());
                let (channel, direction, notes, outcome) = (r.str(), r.str(), r.str(), r.str());
                let platform = (r.u8() == 1).then(|| r.str());
                let outcome_currency = (r.u8() == 1).then(|| r.str());
                let people = (0..r.u8()).map(|_| r.str()).collect();
                Touch {
                    happened_at,
                    channel,
                    platform,
                    direction,
                    personal,
                    duration_minutes,
                    notes,
                    outcome,
                    outcome_value_cents,
                    outcome_currency,
                    created_at,
                    updated_at,
                    deleted_at,
                    people,
                }
            }
            other => panic!("not a touch: {other:?}"),
        }
    }
}

fn put_opt_i64(b: &mut Vec<u8>, v: Option<i64>) {
    match v {
        Some(v) => {
            b.push(1);
            b.extend_from_slice(&v.to_le_bytes());
        }
        None => b.push(0),
    }
}

fn put_str(b: &mut Vec<u8>, s: &str) {
    b.extend_from_slice(&(s.len() as u32).to_le_bytes());
    b.extend_from_slice(s.as_bytes());
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> &[u8] {
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }
    fn u8(&mut self) -> u8 {
        self.take(1)[0]
    }
    fn i64(&mut self) -> i64 {
        i64::from_le_bytes(self.take(8).try_into().unwrap())
    }
    fn opt_i64(&mut self) -> Option<i64> {
        (self.u8() == 1).then(|| self.i64())
    }
    fn str(&mut self) -> String {
        let n = u32::from_le_bytes(self.take(4).try_into().unwrap()) as usize;
        String::from_utf8(self.take(n).to_vec()).unwrap()
    }
}

/// The plain read the build does, with nothing written: every person and every touch.
fn select_all(conn: &Connection) -> (usize, usize) {
    let mut s = conn.prepare(PEOPLE_SQL).unwrap();
    let mut rows = s.query([]).unwrap();
    let mut people = 0;
    while let Some(r) = rows.next().unwrap() {
        for i in 0..7 {
            let _: String = r.get(1 + i).unwrap();
        }
        let _: (Option<i64>, Option<i64>, i64, i64, Option<i64>) =
            (r.get(8).unwrap(), r.get(9).unwrap(), r.get(10).unwrap(), r.get(11).unwrap(), r.get(12).unwrap());
        people += 1;
    }
    let mut s = conn.prepare(TOUCHES_SQL).unwrap();
    let mut touches = 0;
    for t in s.query_map([], Touch::from_row).unwrap() {
        std::hint::black_box(t.unwrap());
        touches += 1;
    }
    (people, touches)
}

/// One device's doc built from the diary: the same rows as `select_all`, written into Loro.
fn build(conn: &Connection, model: Model) -> (LoroDoc, usize, usize) {
    let doc = LoroDoc::new();
    doc.set_peer_id(1).unwrap();
    let n_people = put_people(&doc, conn);
    let touches = doc.get_map("touches");
    let mut s = conn.prepare(TOUCHES_SQL).unwrap();
    let mut n_touches = 0;
    for t in s.query_map([], Touch::from_row).unwrap() {
        let (id, t) = t.unwrap();
        touches.insert(&uid(id), t.to_value(model)).unwrap();
        n_touches += 1;
        if n_touches % 50_000 == 0 {
            doc.commit();
        }
    }
    doc.commit();
    (doc, n_people, n_touches)
}

/// Every person into the doc's "people" map, committed; how many.
fn put_people(doc: &LoroDoc, conn: &Connection) -> usize {
    let people = doc.get_map("people");
    let mut s = conn.prepare(PEOPLE_SQL).unwrap();
    let mut rows = s.query([]).unwrap();
    let mut n_people = 0;
    while let Some(r) = rows.next().unwrap() {
        let id: i64 = r.get(0).unwrap();
        let person = people.insert_container(&uid(id), LoroMap::new()).unwrap();
        for (i, field) in PERSON_TEXT.iter().enumerate() {
            let v: String = r.get(1 + i).unwrap();
            person.insert(field, v).unwrap();
        }
        let merged: Option<i64> = r.get(9).unwrap();
        if let Some(m) = merged {
            person.insert("merged_into", uid(m)).unwrap();
        }
        for (field, col) in PERSON_INT.iter().zip([8, 10, 11, 12]) {
            let v: Option<i64> = r.get(col).unwrap();
            if let Some(v) = v {
                person.insert(field, v).unwrap();
            }
        }
        n_people += 1;
    }
    doc.commit();
    n_people
}

/// The doc a touch happened in belongs to: "2026" or "2026-11".
fn period(at: i64, model: Model) -> String {
    let at = DateTime::from_timestamp(at, 0).unwrap();
    match model {
        Model::Monthly => at.format("%Y-%m").to_string(),
        _ => at.format("%Y").to_string(),
    }
}

/// In a child: the split model's docs built and written beside `file` (`<file>.core`,
/// `<file>.<period>`); prints build ms, export ms, docs, all bytes, the core's bytes, the
/// latest period's bytes and touches, the peak memory, and the people and touches written.
fn build_split(conn: &Connection, model: Model, file: &Path) {
    let start = Instant::now();
    let core = LoroDoc::new();
    core.set_peer_id(1).unwrap();
    let people = put_people(&core, conn);
    let mut docs: std::collections::BTreeMap<String, (LoroDoc, usize)> = Default::default();
    let mut s = conn.prepare(TOUCHES_SQL).unwrap();
    for t in s.query_map([], Touch::from_row).unwrap() {
        let (id, t) = t.unwrap();
        let (doc, n) = docs.entry(period(t.happened_at, model)).or_insert_with(|| {
            let d = LoroDoc::new();
            d.set_peer_id(1).unwrap();
            (d, 0)
        });
        doc.get_map("touches").insert(&uid(id), t.to_value(model)).unwrap();
        *n += 1;
    }
    for (doc, _) in docs.values() {
        doc.commit();
    }
    let build_ms = ms_since(start);
    let start = Instant::now();
    let core_bytes = core.export(ExportMode::Snapshot).unwrap();
    let mut all = core_bytes.len();
    std::fs::write(file.with_extension("core"), &core_bytes).unwrap();
    let mut last = (0, 0);
    for (key, (doc, n)) in &docs {
        let bytes = doc.export(ExportMode::Snapshot).unwrap();
        all += bytes.len();
        last = (bytes.len(), *n);
        std::fs::write(file.with_extension(key), &bytes).unwrap();
    }
    let export_ms = ms_since(start);
    std::fs::write(file.with_extension("latest"), docs.keys().next_back().unwrap()).unwrap();
    let touches: usize = docs.values().map(|(_, n)| n).sum();
    println!(
        "{build_ms:.1} {export_ms:.1} {} {all} {} {} {} {} {people} {touches}",
        docs.len(),
        core_bytes.len(),
        last.0,
        last.1,
        memory_kb().1
    );
}

/// In a child: what a running device holds and pays in the split model. It loads the core
/// and the latest period's doc (as at start), then takes another device's 100 edits (90 in
/// the core, 10 touches of the latest period) twice: the first import and diff after a
/// start, then the next. Prints load ms, RSS after the load, first import, first diff,
/// next import, next diff (ms) and the peak memory.
fn edits_split(conn: &Connection, file: &Path) {
    let latest = std::fs::read_to_string(file.with_extension("latest")).unwrap();
    let (core_file, touch_file) =
        (std::fs::read(file.with_extension("core")).unwrap(), std::fs::read(file.with_extension(&latest)).unwrap());
    let start = Instant::now();
    let b = (LoroDoc::from_snapshot(&core_file).unwrap(), LoroDoc::from_snapshot(&touch_file).unwrap());
    let load_ms = ms_since(start);
    let (rss, _) = memory_kb();
    let a = (LoroDoc::from_snapshot(&core_file).unwrap(), LoroDoc::from_snapshot(&touch_file).unwrap());
    for d in [&a.0, &a.1] {
        d.set_peer_id(3).unwrap();
    }
    let person_ids: Vec<i64> =
        conn.prepare("SELECT id FROM person ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let mut touch_ids: Vec<i64> = Vec::new();
    for t in conn.prepare(TOUCHES_SQL).unwrap().query_map([], Touch::from_row).unwrap() {
        let (id, t) = t.unwrap();
        if period(t.happened_at, Model::Yearly) == latest || period(t.happened_at, Model::Monthly) == latest {
            touch_ids.push(id);
        }
    }
    let mut figures = vec![load_ms, rss as f64];
    for round in 0..2 {
        let vv = (a.0.oplog_vv(), a.1.oplog_vv());
        edit_people(&a.0, &person_ids, round);
        edit_touches(&a.1, &touch_ids, round);
        let updates = (a.0.export(ExportMode::updates(&vv.0)).unwrap(), a.1.export(ExportMode::updates(&vv.1)).unwrap());
        let start = Instant::now();
        let before = (b.0.oplog_frontiers(), b.1.oplog_frontiers());
        b.0.import(&updates.0).unwrap();
        b.1.import(&updates.1).unwrap();
        let imported = Instant::now();
        let found = changes(&b.0, &before.0).len() + changes(&b.1, &before.1).len();
        figures.push((imported - start).as_secs_f64() * 1000.0);
        figures.push(ms_since(imported));
        assert_eq!(found, EDITS, "every edit is found once");
    }
    figures.push(memory_kb().1 as f64);
    println!("{}", figures.iter().map(|f| format!("{f:.1}")).collect::<Vec<_>>().join(" "));
}

/// The process's resident memory now and at its peak, in kB.
fn memory_kb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| -> u64 {
        status.lines().find_map(|l| l.strip_prefix(name)).and_then(|v| v.trim().trim_end_matches(" kB").parse().ok()).unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// In a child process: one build (and snapshot) or one load, printed as numbers on one line.
fn measure_one(what: &str) {
    let model = Model::named(&std::env::var("RAPPORT_BENCH_SYNC_MODEL").unwrap());
    let file = PathBuf::from(std::env::var("RAPPORT_BENCH_SYNC_FILE").unwrap());
    let (_, base) = memory_kb();
    match what {
        "split-build" => build_split(&Connection::open(std::env::var("RAPPORT_BENCH_SYNC_DB").unwrap()).unwrap(), model, &file),
        "split-edits" => edits_split(&Connection::open(std::env::var("RAPPORT_BENCH_SYNC_DB").unwrap()).unwrap(), &file),
        "build" => {
            let conn = Connection::open(std::env::var("RAPPORT_BENCH_SYNC_DB").unwrap()).unwrap();
            let start = Instant::now();
            let (doc, people, touches) = build(&conn, model);
            let build_ms = ms_since(start);
            let (_, build_peak) = memory_kb();
            let start = Instant::now();
            let snapshot = doc.export(ExportMode::Snapshot).unwrap();
            let export_ms = ms_since(start);
            let (_, peak) = memory_kb();
            let partial = file.with_extension("partial");
            std::fs::write(&partial, &snapshot).unwrap();
            std::fs::rename(&partial, &file).unwrap();
            println!("{build_ms:.1} {export_ms:.1} {} {base} {build_peak} {peak} {people} {touches}", snapshot.len());
        }
        _ => {
            let bytes = std::fs::read(&file).unwrap();
            let (_, read_peak) = memory_kb();
            let start = Instant::now();
            let doc = LoroDoc::from_snapshot(&bytes).unwrap();
            let load_ms = ms_since(start);
            let (load_rss, load_peak) = memory_kb();
            let start = Instant::now();
            let value = doc.get_deep_value();
            let read_ms = ms_since(start);
            let (_, read_all_peak) = memory_kb();
            let LoroValue::Map(root) = &value else { panic!("a map at the root") };
            assert!(root["touches"].as_map().is_some_and(|m| !m.is_empty()));
            println!("{load_ms:.1} {read_ms:.1} {base} {read_peak} {load_rss} {load_peak} {read_all_peak}");
        }
    }
}

/// Runs this bench in a child process measuring `what` `runs` times; each run's numbers.
fn children(what: &str, runs: usize, model: &str, db: &Path, file: &Path) -> Vec<Vec<f64>> {
    (0..runs)
        .map(|_| {
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .env(ONE, what)
                .env("RAPPORT_BENCH_SYNC_MODEL", model)
                .env("RAPPORT_BENCH_SYNC_DB", db)
                .env("RAPPORT_BENCH_SYNC_FILE", file)
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{what} {model}: {text} {}", String::from_utf8_lossy(&out.stderr));
            text.lines().last().unwrap_or_default().split(' ').map(|v| v.parse().unwrap()).collect()
        })
        .collect()
}

/// Column `i` of every child run.
fn col(runs: &[Vec<f64>], i: usize) -> Vec<f64> {
    runs.iter().map(|r| r[i]).collect()
}

/// One device's 100 edits, as the app would make them: 90 person fields (title, notes or
/// rung, each on a different person) and 10 touches deleted (the whole value replaced).
fn edit(doc: &LoroDoc, person_ids: &[i64], touch_ids: &[i64], round: usize) {
    edit_people(doc, person_ids, round);
    edit_touches(doc, touch_ids, round);
}

fn edit_people(doc: &LoroDoc, person_ids: &[i64], round: usize) {
    let people = doc.get_map("people");
    let rungs = ["noticed", "connected", "conversing", "spoken", "met", "working"];
    for i in 0..EDITS - TOUCH_EDITS {
        let id = person_ids[i * person_ids.len() / (EDITS - TOUCH_EDITS)];
        let Some(ValueOrContainer::Container(Container::Map(person))) = people.get(&uid(id)) else { panic!("person {id}") };
        match i % 3 {
            0 => person.insert("title", format!("Edited title {round}.{i}")).unwrap(),
            1 => person.insert("notes", format!("Met again at the fair, round {round}, edit {i}")).unwrap(),
            // The next rung: setting the one it has would be no change to find.
            _ => {
                let now = person.get("rung").and_then(|v| v.into_value().ok()).and_then(|v| v.into_string().ok());
                let at = rungs.iter().position(|r| now.as_deref().map(|s| s.as_str()) == Some(*r)).unwrap_or(0);
                person.insert("rung", rungs[(at + 1 + round % 5) % rungs.len()]).unwrap()
            }
        }
    }
    doc.commit();
}

fn edit_touches(doc: &LoroDoc, touch_ids: &[i64], round: usize) {
    let touches = doc.get_map("touches");
    let model = match touches.get(&uid(touch_ids[0])) {
        Some(ValueOrContainer::Value(LoroValue::Binary(_))) => Model::Packed,
        _ => Model::Map,
    };
    for i in 0..TOUCH_EDITS {
        let id = touch_ids[i * touch_ids.len() / TOUCH_EDITS];
        let Some(ValueOrContainer::Value(v)) = touches.get(&uid(id)) else { panic!("touch {id}") };
        let mut t = Touch::from_value(&v);
        t.deleted_at = Some(now().timestamp() + round as i64);
        t.updated_at = now().timestamp() + round as i64;
        touches.insert(&uid(id), t.to_value(model)).unwrap();
    }
    doc.commit();
}

/// A row change read from the second device's diff, ready for SQLite.
enum Change {
    Person { id: i64, field: String, value: LoroValue },
    Touch { id: i64, touch: Box<Touch> },
}

/// What the import changed, read from `doc.diff` between the frontiers before and after.
fn changes(doc: &LoroDoc, before: &loro::Frontiers) -> Vec<Change> {
    let diff = doc.diff(before, &doc.oplog_frontiers()).unwrap();
    let mut out = Vec::new();
    for (cid, d) in diff.iter() {
        let Diff::Map(delta) = d else { panic!("only maps change: {cid:?}") };
        let touches_root = matches!(cid, ContainerID::Root { name, .. } if name.as_str() == "touches");
        if touches_root {
            for (key, v) in &delta.updated {
                let Some(ValueOrContainer::Value(v)) = v else { panic!("a touch is a value") };
                out.push(Change::Touch { id: id_of(key), touch: Box::new(Touch::from_value(v)) });
            }
            continue;
        }
        let path = doc.get_path_to_container(cid).unwrap();
        let Some((_, Index::Key(person))) = path.last() else { panic!("a person's map: {path:?}") };
        let id = id_of(person);
        for (key, v) in &delta.updated {
            let value = match v {
                Some(ValueOrContainer::Value(v)) => v.clone(),
                None => LoroValue::Null,
                Some(ValueOrContainer::Container(_)) => panic!("a person's field is a value"),
            };
            out.push(Change::Person { id, field: key.to_string(), value });
        }
    }
    out
}

/// The changes as UPDATEs in one transaction.
fn apply(conn: &mut Connection, changes: &[Change]) {
    let tx = conn.transaction().unwrap();
    for c in changes {
        match c {
            Change::Person { id, field, value } => {
                assert!(PERSON_TEXT.contains(&field.as_str()) || PERSON_INT.contains(&field.as_str()), "{field}");
                let mut s = tx.prepare_cached(&format!("UPDATE person SET {field} = ?1 WHERE id = ?2")).unwrap();
                let n = match value {
                    LoroValue::String(v) => s.execute(rusqlite::params![v.as_str(), id]),
                    LoroValue::I64(v) => s.execute(rusqlite::params![v, id]),
                    _ => s.execute(rusqlite::params![None::<i64>, id]),
                };
                assert_eq!(n.unwrap(), 1);
            }
            Change::Touch { id, touch: t } => {
                let mut s = tx
                    .prepare_cached(
                        "UPDATE touch SET happened_at = ?1, channel = ?2, platform = ?3, direction = ?4, personal = ?5,
                                duration_minutes = ?6, notes = ?7, outcome = ?8, outcome_value_cents = ?9,
                                outcome_currency = ?10, updated_at = ?11, deleted_at = ?12 WHERE id = ?13",
                    )
                    .unwrap();
                let n = s
                    .execute(rusqlite::params![
                        t.happened_at,
                        t.channel,
                        t.platform,
                        t.direction,
                        t.personal,
                        t.duration_minutes,
                        t.notes,
                        t.outcome,
                        t.outcome_value_cents,
                        t.outcome_currency,
                        t.updated_at,
                        t.deleted_at,
                        id
                    ])
                    .unwrap();
                assert_eq!(n, 1);
            }
        }
    }
    tx.commit().unwrap();
}

struct Line {
    what: String,
    median: f64,
    p95: f64,
    floor: Option<f64>,
    size: Option<u64>,
    peak_kb: Option<f64>,
}

fn main() {
    if let Ok(what) = std::env::var(ONE) {
        measure_one(&what);
        return;
    }
    let target_dir =
        PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into()));
    let dir = target_dir.join("bench");
    let sync_dir = dir.join("sync");
    std::fs::create_dir_all(&sync_dir).unwrap();
    let sizes = std::env::var("RAPPORT_BENCH_SIZES").unwrap_or_else(|_| "small,medium,large".into());
    let models = std::env::var("RAPPORT_BENCH_SYNC_MODELS").unwrap_or_else(|_| "yearly,monthly".into());
    let mut results = Vec::new();
    for name in sizes.split(',').map(str::trim) {
        let Some(size) = SampleSize::named(name) else {
            eprintln!("unknown size {name:?}: small, medium or large");
            std::process::exit(2);
        };
        // The kept diary is only read: everything here works on a copy of it.
        let kept = sample(&dir, name, size);
        let copy = tempfile::Builder::new().prefix(&format!("{name}-sync-")).suffix(".sqlite3").tempfile_in(&sync_dir).unwrap();
        std::fs::copy(&kept, copy.path()).unwrap();
        // The docs are built from a copy nobody writes: the edits' UPDATEs go to `copy`,
        // and a model built after them would start from the last model's edits.
        let source = tempfile::Builder::new().prefix(&format!("{name}-source-")).suffix(".sqlite3").tempfile_in(&sync_dir).unwrap();
        std::fs::copy(&kept, source.path()).unwrap();
        let runs = if size.people >= 30_000 { 3 } else { 5 };
        let mut conn = Connection::open(copy.path()).unwrap();
        conn.pragma_update(None, "synchronous", "normal").unwrap();
        let person_ids: Vec<i64> =
            conn.prepare("SELECT id FROM person ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        let touch_ids: Vec<i64> =
            conn.prepare("SELECT id FROM touch ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        let select: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(select_all(&conn));
                ms_since(start)
            })
            .collect();
        let floor = median(select.clone());
        for model in models.split(',').map(str::trim) {
            Model::named(model);
            let file = sync_dir.join(format!("{name}-v{SAMPLE_VERSION}-{model}.loro"));
            let mut lines = vec![Line {
                what: "plain SELECT of every person and touch (floor)".into(),
                median: floor,
                p95: p95(select.clone()),
                floor: None,
                size: None,
                peak_kb: None,
            }];
            let (people, touches, summary) = if matches!(Model::named(model), Model::Yearly | Model::Monthly) {
                measure_split(model, runs, source.path(), &file, &mut lines)
            } else {
                let built = children("build", if wanted("build") { runs } else { 1 }, model, source.path(), &file);
                let (people, touches) = (built[0][6], built[0][7]);
                if wanted("build") {
                    lines.push(Line {
                        what: "build the doc from SQLite".into(),
                        median: median(col(&built, 0)),
                        p95: p95(col(&built, 0)),
                        floor: Some(floor),
                        size: None,
                        peak_kb: Some(median(col(&built, 4))),
                    });
                    lines.push(Line {
                        what: "export the snapshot (after the build)".into(),
                        median: median(col(&built, 1)),
                        p95: p95(col(&built, 1)),
                        floor: None,
                        size: Some(built[0][2] as u64),
                        peak_kb: Some(median(col(&built, 5))),
                    });
                }
                let snapshot = std::fs::read(&file).unwrap();
                if wanted("load") {
                    let loaded = children("load", runs, model, source.path(), &file);
                    lines.push(Line {
                        what: "load the snapshot into a fresh doc".into(),
                        median: median(col(&loaded, 0)),
                        p95: p95(col(&loaded, 0)),
                        floor: None,
                        size: Some(snapshot.len() as u64),
                        peak_kb: Some(median(col(&loaded, 5))),
                    });
                    lines.push(Line {
                        what: "then read its whole state (deep value)".into(),
                        median: median(col(&loaded, 1)),
                        p95: p95(col(&loaded, 1)),
                        floor: Some(floor),
                        size: None,
                        peak_kb: Some(median(col(&loaded, 6))),
                    });
                    println!(
                        "  ({name}, {model}: load child at start {:.0} MB, after reading the file {:.0} MB, RSS after load {:.0} MB)",
                        median(col(&loaded, 2)) / 1024.0,
                        median(col(&loaded, 3)) / 1024.0,
                        median(col(&loaded, 4)) / 1024.0
                    );
                }
                if wanted("edits") {
                    lines.extend(measure_edits(&snapshot, &mut conn, &person_ids, &touch_ids, runs));
                }
                (people, touches, format!("snapshot {:.1} MB", snapshot.len() as f64 / 1_048_576.0))
            };
            println!(
                "\n{name}, model {model}: {} people, {} touches in the diary; rows written {people:.0} people + {touches:.0} touches; {runs} runs; {summary}",
                size.people,
                size.touches,
            );
            println!("{:<48} {:>10} {:>10} {:>10} {:>7} {:>12} {:>9}", "", "median ms", "p95 ms", "floor ms", "ratio", "bytes", "peak MB");
            for l in &lines {
                println!(
                    "{:<48} {:>10.1} {:>10.1} {:>10} {:>7} {:>12} {:>9}",
                    l.what,
                    l.median,
                    l.p95,
                    l.floor.map_or("—".into(), |f| format!("{f:.1}")),
                    l.floor.map_or("—".into(), |f| format!("{:.2}", l.median / f.max(0.001))),
                    l.size.map_or("—".into(), |s| s.to_string()),
                    l.peak_kb.map_or("—".into(), |p| format!("{:.0}", p / 1024.0)),
                );
                results.push(json!({
                    "size": name, "model": model, "people": people, "touches": touches, "what": l.what,
                    "median_ms": l.median, "p95_ms": l.p95, "floor_median_ms": l.floor, "bytes": l.size,
                    "peak_mb": l.peak_kb.map(|p| p / 1024.0),
                }));
            }
        }
    }
    let file = dir.join("sync-results.json");
    std::fs::write(&file, serde_json::to_string_pretty(&json!({ "results": results })).unwrap()).unwrap();
    println!("\nfigures in {}", file.display());
}

/// The split model's figures: its build and files, then what a device holds and pays.
fn measure_split(model: &str, runs: usize, db: &Path, file: &Path, lines: &mut Vec<Line>) -> (f64, f64, String) {
    let built = children("split-build", 1, model, db, file);
    let b = &built[0];
    let (docs, all, core, latest, latest_touches, peak) = (b[2], b[3], b[4], b[5], b[6], b[7]);
    let line = |what: &str, v: Vec<f64>, size: Option<u64>, peak_kb: Option<f64>| Line {
        what: what.into(),
        median: median(v.clone()),
        p95: p95(v),
        floor: None,
        size,
        peak_kb,
    };
    lines.push(line("build every doc from SQLite", vec![b[0]], None, Some(peak)));
    lines.push(line("export their snapshots", vec![b[1]], Some(all as u64), None));
    let edits = children("split-edits", runs, model, db, file);
    lines.push(line("load the core and the latest period", col(&edits, 0), Some((core + latest) as u64), Some(median(col(&edits, 1)))));
    lines.push(line("100 edits: first import after the load", col(&edits, 2), None, None));
    lines.push(line("100 edits: first diff", col(&edits, 3), None, None));
    lines.push(line("next 100 edits: import", col(&edits, 4), None, None));
    lines.push(line("next 100 edits: diff", col(&edits, 5), None, Some(median(col(&edits, 6)))));
    let summary = format!(
        "{docs:.0} docs, {:.1} MB in all; core {:.1} MB; latest period {:.1} MB with {latest_touches:.0} touches (peak MB after the load: RSS)",
        all / 1_048_576.0,
        core / 1_048_576.0,
        latest / 1_048_576.0
    );
    (b[8], b[9], summary)
}

/// The 100 edits: exported on one device, imported, diffed and applied on another. Each
/// run starts both devices from the snapshot (untimed); the floor is the same UPDATEs alone.
fn measure_edits(snapshot: &[u8], conn: &mut Connection, person_ids: &[i64], touch_ids: &[i64], runs: usize) -> Vec<Line> {
    let (mut export, mut import, mut diff, mut sql, mut total, mut plain) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut cold, mut again_import, mut again_diff) = (vec![], vec![], vec![]);
    let mut update_bytes = 0;
    for round in 0..runs {
        let a = LoroDoc::from_snapshot(snapshot).unwrap();
        a.set_peer_id(1).unwrap();
        let b = LoroDoc::from_snapshot(snapshot).unwrap();
        b.set_peer_id(2).unwrap();
        // A running app's doc has its state decoded (it reads and writes it); a doc just
        // loaded decodes lazily, on its first import, timed apart below.
        std::hint::black_box(b.get_deep_value());
        let vv = a.oplog_vv();
        edit(&a, person_ids, touch_ids, round);
        let start = Instant::now();
        let updates = a.export(ExportMode::updates(&vv)).unwrap();
        export.push(ms_since(start));
        update_bytes = updates.len();
        let fresh = LoroDoc::from_snapshot(snapshot).unwrap();
        let start = Instant::now();
        fresh.import(&updates).unwrap();
        cold.push(ms_since(start));
        drop(fresh);

        let start = Instant::now();
        let before = b.oplog_frontiers();
        let status = b.import(&updates).unwrap();
        assert!(status.pending.is_none());
        let imported = Instant::now();
        let found = changes(&b, &before);
        let diffed = Instant::now();
        apply(conn, &found);
        let applied = Instant::now();
        let touches = found.iter().filter(|c| matches!(c, Change::Touch { .. })).count();
        assert_eq!((found.len(), touches), (EDITS, TOUCH_EDITS), "every edit is found once");
        import.push((imported - start).as_secs_f64() * 1000.0);
        diff.push((diffed - imported).as_secs_f64() * 1000.0);
        sql.push((applied - diffed).as_secs_f64() * 1000.0);
        total.push((applied - start).as_secs_f64() * 1000.0);
        // The next 100 edits into the same doc: what a running app pays for each file
        // after the first.
        let vv = a.oplog_vv();
        edit(&a, person_ids, touch_ids, round + 10);
        let updates = a.export(ExportMode::updates(&vv)).unwrap();
        let start = Instant::now();
        let before = b.oplog_frontiers();
        b.import(&updates).unwrap();
        let imported = Instant::now();
        assert_eq!(changes(&b, &before).len(), EDITS);
        again_import.push((imported - start).as_secs_f64() * 1000.0);
        again_diff.push(ms_since(imported));
        // The floor: the same statements, their values already in hand.
        let start = Instant::now();
        apply(conn, &found);
        plain.push(ms_since(start));
    }
    let floor = median(plain.clone());
    let line = |what: &str, v: Vec<f64>, floor: Option<f64>, size: Option<u64>| Line {
        what: what.into(),
        median: median(v.clone()),
        p95: p95(v),
        floor,
        size,
        peak_kb: None,
    };
    vec![
        line("100 edits: export updates since the old vv", export, None, Some(update_bytes as u64)),
        line("100 edits: import into a doc just loaded (cold)", cold, None, None),
        line("100 edits: import into the second doc", import, None, None),
        line("100 edits: diff since the import's start", diff, None, None),
        line("100 edits: UPDATEs in one transaction", sql, Some(floor), None),
        line("next 100 edits: import into the same doc", again_import, None, None),
        line("next 100 edits: diff", again_diff, None, None),
        line("100 edits: import + diff + UPDATEs", total, Some(floor), None),
    ]
}
