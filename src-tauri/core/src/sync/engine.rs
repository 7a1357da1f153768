//! The diary as Loro documents, and one round of sync: this device's edits written into
//! its files, the other devices' new files read and put into the diary. How rows are
//! held in the documents is `model`'s.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use loro::event::Diff;
use loro::{ContainerID, ExportMode, IdSpan, LoroDoc};
use serde::Serialize;

use super::apply::{apply, rework, waiting, Gone};
use super::capture::{self, Changed};
use super::folder::{DeviceSeen, Found, Kind, Skipped, SyncFolder};
use super::model::{doc_of, edit_mark, mark_gone, put_row, row_in, CORE};
use super::rows::{key_text, row_named, table, Row};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};

/// How many months' documents a device holds between rounds besides this month's.
const KEPT: usize = 4;
/// A device folds its files of one document into one when it has written this many.
const FOLD_AT: usize = 32;
/// How many people a round in steps works out again (their rung, figures and search
/// entry), about a quarter of a second's work.
const REWORK_AT_MOST: usize = 2_000;

/// What this device holds of the documents between two rounds: each one read so far,
/// and the files in it. Only in memory; the files and the diary are what last.
#[derive(Default)]
pub struct Engine {
    docs: BTreeMap<String, Doc>,
    /// The device and folder the documents were read for: another means start again.
    device: String,
    folder: std::path::PathBuf,
    /// How many of its own files of one document a device folds into one; `FOLD_AT`
    /// unless a test asks for fewer.
    fold_at: Option<usize>,
    /// The months held besides `core` and this month, the most recently used last.
    used: Vec<String>,
    /// How long a round reads the others' documents before it leaves the rest to the
    /// next one; None: until it has read them all.
    budget: Option<Duration>,
    /// How many people a round in steps works out again; `REWORK_AT_MOST` unless a test
    /// asks for fewer.
    rework_at_most: Option<usize>,
    /// The documents read in rounds so far since every document with new files last had
    /// its turn: each has one turn before any has a second, so one that cannot be applied
    /// yet (it waits for a file) never keeps the others waiting.
    turns: BTreeSet<String>,
    progress: Arc<Progress>,
}

/// How far this device has read the other devices' files, kept up to date while a round
/// runs, for a window that asks without waiting for the round.
#[derive(Debug, Default)]
pub struct Progress {
    reading: AtomicBool,
    more: AtomicBool,
    read: AtomicUsize,
    of: AtomicUsize,
}

/// What `Progress` says at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ProgressNow {
    /// Whether a round is reading files now, and whether the last one left documents
    /// for the next: together, whether this device is catching up.
    pub reading: bool,
    pub more: bool,
    /// The other devices' files in the folder whose edits are in this diary, and all of
    /// them, as the round under way (or the last one) found them.
    pub read: usize,
    pub of: usize,
}

impl Progress {
    pub fn now(&self) -> ProgressNow {
        ProgressNow {
            reading: self.reading.load(Ordering::Relaxed),
            more: self.more.load(Ordering::Relaxed),
            read: self.read.load(Ordering::Relaxed),
            of: self.of.load(Ordering::Relaxed),
        }
    }

    fn note(&self, round: &Round<'_>) {
        let theirs = round.files.iter().filter(|f| f.device != round.folder.me());
        let (read, of) = theirs.fold((0, 0), |(read, of), f| (read + usize::from(round.applied.contains(&f.hash)), of + 1));
        self.read.store(read, Ordering::Relaxed);
        self.of.store(of, Ordering::Relaxed);
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("docs", &self.docs.keys().collect::<Vec<_>>()).finish_non_exhaustive()
    }
}

struct Doc {
    loro: LoroDoc,
    /// The hashes of the files imported.
    files: HashSet<String>,
    /// Files that could not be read when it was (path and size): not a reason to read
    /// it again until they change.
    unread: HashSet<(std::path::PathBuf, u64)>,
    /// Edits its files build on that it does not hold (peer, and the counter it needs
    /// reached): files applied from another device whose author has since folded them,
    /// the folded file not here yet. Until they come the document is not whole.
    waits_for: Vec<(loro::PeerID, loro::Counter)>,
}

impl Doc {
    /// Whether the document holds every edit of the files it read. One that does not
    /// takes no edits from here (they would be ordered before the edits it lacks, and
    /// lose to them) and is not folded (the edits it lacks would be folded away).
    fn whole(&mut self) -> bool {
        let vv = self.loro.oplog_vv();
        self.waits_for.retain(|(peer, end)| vv.get(peer).is_none_or(|have| have < end));
        self.waits_for.is_empty()
    }
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Synced {
    /// Rows changed here and written into this device's files.
    pub sent: usize,
    pub files_written: usize,
    /// The other devices' files read and put into the diary.
    pub files_applied: usize,
    /// Rows put in place or taken away from those files.
    pub rows_applied: usize,
    /// Files that could not be read yet, and why.
    pub skipped: Vec<Skipped>,
    pub devices: Vec<DeviceSeen>,
    /// Documents with new files, or people's figures, left for the next round, which
    /// should follow at once.
    pub more: bool,
}

impl Diary {
    /// One round of sync through the folder; nothing happens while sync is off. Local
    /// edits go into the documents first, so a row changed here and on another device
    /// keeps both devices' fields. A device's first round reads the folder first, so
    /// what the others set wins over what a new diary holds by default.
    pub fn sync_now(&mut self, engine: &mut Engine) -> Result<Synced> {
        self.claim_device_id()?;
        let Some(device) = self.this_device()? else { return Ok(Synced::default()) };
        if engine.device != device.id || engine.folder != device.folder {
            engine.forget();
            (engine.device, engine.folder) = (device.id.clone(), device.folder.clone());
        }
        let folder = SyncFolder::open(&device.folder, &device.id)?;
        folder.remove_leftovers()?;
        let scan = folder.scan()?;
        let mut round = Round {
            folder: &folder,
            files: scan.files.clone(),
            applied: self.applied_files()?,
            done: Synced { skipped: scan.skipped.clone(), devices: scan.devices.clone(), ..Synced::default() },
        };
        let joined: bool = self.conn.query_row("SELECT joined FROM this_device", [], |r| r.get(0))?;
        let progress = engine.progress.clone();
        progress.reading.store(true, Ordering::Relaxed);
        progress.note(&round);
        let outcome = self.exchange(engine, &mut round, joined);
        progress.note(&round);
        progress.more.store(round.done.more, Ordering::Relaxed);
        progress.reading.store(false, Ordering::Relaxed);
        outcome?;
        let mut done = round.done;
        if done.files_written > 0 || !scan.devices.iter().any(|d| d.id == device.id && d.name == device.name) {
            let wrote_at = self.now().timestamp();
            folder.announce(&device.name, wrote_at)?;
            done.devices.retain(|d| d.id != device.id);
            done.devices.push(DeviceSeen { id: device.id.clone(), name: device.name.clone(), wrote_at });
        }
        Ok(done)
    }

    /// This device's edits out and the others' in. A device joining sends once it has
    /// read the whole folder: only then does it know which of its rows the folder holds.
    fn exchange(&mut self, engine: &mut Engine, round: &mut Round<'_>, joined: bool) -> Result<()> {
        if joined {
            self.send(engine, round, false)?;
            return self.receive(engine, round);
        }
        self.receive(engine, round)?;
        if !round.done.more {
            self.send(engine, round, true)?;
            self.conn.execute("UPDATE this_device SET joined = 1", [])?;
        }
        Ok(())
    }

    /// This device's edits, into the documents and out into its files; on joining,
    /// only the rows the folder does not hold yet.
    fn send(&mut self, engine: &mut Engine, round: &mut Round<'_>, joining: bool) -> Result<()> {
        let changes = capture::changes(&self.conn)?;
        let mut by_doc: BTreeMap<String, Vec<&Changed>> = BTreeMap::new();
        for change in &changes {
            if let Some(doc) = doc_of(change.table, &change.key) {
                by_doc.entry(doc).or_default().push(change);
            }
        }
        let mut kept: Vec<i64> = Vec::new();
        for (name, changes) in &by_doc {
            let doc = engine.doc(round, name);
            if !doc.whole() {
                // They wait here, in the diary, until the document is whole again.
                kept.extend(changes.iter().map(|c| c.seq));
                let rows = changes.iter().map(|c| (c.table.name, key_text(&c.key))).collect::<BTreeSet<_>>().len();
                round.done.skipped.push(Skipped {
                    path: round.folder.own_folder(name),
                    why: format!(
                        "{} change{} made here wait: this computer's files of it build on another computer's, which that computer has since folded into a file not here yet. They go out once it arrives.",
                        rows,
                        if rows == 1 { "" } else { "s" }
                    ),
                    retry: true,
                });
                engine.evict(name, self.now());
                continue;
            }
            let before = doc.loro.oplog_vv();
            for change in changes {
                let key = key_text(&change.key);
                if joining && edit_mark(&doc.loro.get_map(change.table.name), change.table.name, &key).is_some() {
                    continue;
                }
                match row_named(&self.conn, change.table, &change.key)? {
                    // A timer still running is this device's until it stops.
                    Some(row) if row.table == "session" && row.values.get("ended_at").is_some_and(serde_json::Value::is_null) => {}
                    Some(row) => put_row(&doc.loro, &row, &key)?,
                    None => mark_gone(&doc.loro, change.table, &key)?,
                }
            }
            doc.loro.commit();
            if doc.loro.oplog_vv() != before {
                let bytes = doc.loro.export(ExportMode::updates(&before)).map_err(|e| Error::Damaged(e.to_string()))?;
                let found = self.write_sync_file(name, Kind::Update, &bytes)?;
                doc.files.insert(found.hash.clone());
                // Read again later this round (the document let go), it holds this file too.
                round.files.push(found);
                round.done.files_written += 1;
                self.fold_if_piled(engine, round, name)?;
            }
            round.done.sent += changes.len();
            engine.evict(name, self.now());
        }
        if let Some(last) = changes.last() {
            capture::forget(&self.conn, last.seq, &kept)?;
        }
        Ok(())
    }

    /// The other devices' new files, into the documents and from them into the diary,
    /// one document at a time (`core` first, whose people the months' touches name), each
    /// in one transaction that also notes its files as applied.
    fn receive(&mut self, engine: &mut Engine, round: &mut Round<'_>) -> Result<()> {
        let me = round.folder.me().to_owned();
        let mut new: BTreeMap<String, Vec<Found>> = BTreeMap::new();
        for file in &round.files {
            if file.device != me && !round.applied.contains(&file.hash) {
                new.entry(file.doc.clone()).or_default().push(file.clone());
            }
        }
        // A document held from before that lacks a file the diary holds (applied from a
        // copy since removed, back now) was read without it, and edits that build on it
        // waited: it is read again from every file, and the diary takes all it holds.
        let behind: BTreeSet<String> = engine.docs.keys().filter(|name| engine.behind(round, name)).cloned().collect();
        for name in &behind {
            engine.docs.remove(name);
            new.entry(name.clone()).or_default();
        }
        let mut outcome = Ok(());
        let start = Instant::now();
        let mut read_one = false;
        for (name, files) in &new {
            // A document behind is read now: the next round would not know it is.
            let behind = behind.contains(name);
            if engine.turns.contains(name) && !behind {
                continue;
            }
            // Out of time, after one document at least, the others wait for the next round.
            let out_of_time = read_one && engine.budget.is_some_and(|budget| start.elapsed() > budget);
            if out_of_time && !behind {
                round.done.more = true;
                continue;
            }
            read_one = true;
            if engine.budget.is_some() {
                engine.turns.insert(name.clone());
            }
            outcome = self.receive_doc(engine, round, name, files, behind);
            engine.progress.note(round);
            if outcome.is_err() {
                // The document holds what the diary does not: read it again next round.
                engine.docs.remove(name);
                break;
            }
            engine.evict(name, self.now());
        }
        // Once every document has had its turn, what they brought is worked out once for
        // all of them (and what a round stopped before this point left noted); in steps,
        // a share of the people a round.
        if !round.done.more {
            engine.turns.clear();
            let at_most = if engine.budget.is_some() { engine.rework_at_most.unwrap_or(REWORK_AT_MOST) } else { usize::MAX };
            let tx = self.conn.savepoint()?;
            round.done.more = rework(&tx, at_most)?;
            tx.commit()?;
        }
        outcome
    }

    fn receive_doc(&mut self, engine: &mut Engine, round: &mut Round<'_>, name: &str, files: &[Found], whole: bool) -> Result<()> {
        let folder = round.folder;
        let doc = engine.doc(round, name);
        let before = if whole { loro::Frontiers::default() } else { doc.loro.oplog_frontiers() };
        let mut read = Vec::new();
        let mut pending = Vec::new();
        for file in files {
            if doc.files.contains(&file.hash) {
                continue;
            }
            let bytes = match folder.read(file) {
                Ok(bytes) => bytes,
                Err(skipped) => {
                    round.done.skipped.push(skipped);
                    continue;
                }
            };
            match doc.loro.import(&bytes) {
                Err(e) => {
                    round.done.skipped.push(not_a_document(file, &e));
                    continue;
                }
                Ok(status) => {
                    if let Some(range) = status.pending {
                        pending.push((file, range));
                    }
                }
            }
            doc.files.insert(file.hash.clone());
            read.push(file.hash.clone());
        }
        // Its own files build on edits not here yet (applied from a device that has since
        // folded them, the folded file on its way): nothing is applied from a document
        // that is not whole, as its rows lack those edits; it is read again once they come.
        if !doc.whole() {
            engine.docs.remove(name);
            return Ok(());
        }
        // A file that builds on edits not here yet is held by the document until they
        // come, and is not applied: one whose edits are still held at the end of the
        // round is not marked applied, and the document is let go, so that it is read
        // again, whole, once what it needs has arrived.
        let vv = doc.loro.oplog_vv();
        let held: Vec<&Found> = pending
            .into_iter()
            .filter(|(_, range)| range.iter().any(|(peer, (_, end))| vv.get(peer).is_none_or(|have| have < end)))
            .map(|(file, _)| file)
            .collect();
        for file in &held {
            round.done.skipped.push(Skipped {
                path: file.path.clone(),
                why: "It builds on edits of another file that is not here yet; it is read again when that one arrives.".into(),
                retry: true,
            });
        }
        read.retain(|hash| !held.iter().any(|f| &f.hash == hash));
        let let_go = !held.is_empty();
        if read.is_empty() && !whole {
            if let_go {
                engine.docs.remove(name);
            }
            return Ok(());
        }
        let diff = doc.loro.diff(&before, &doc.loro.oplog_frontiers()).map_err(|e| Error::Damaged(e.to_string()))?;
        let mut changed: BTreeSet<(&'static str, String)> = BTreeSet::new();
        for (container, d) in diff.iter() {
            let (ContainerID::Root { name: root, .. }, Diff::Map(delta)) = (container, d) else { continue };
            let Some(table) = table(root) else { continue };
            for key in delta.updated.keys() {
                if let Some((row, _)) = key.rsplit_once('\t') {
                    changed.insert((table.name, row.to_owned()));
                }
            }
        }
        let mut rows = Vec::new();
        let mut gone: Vec<Gone> = Vec::new();
        for (table_name, key) in &changed {
            let Some(table) = table(table_name) else { continue };
            match row_in(&doc.loro.get_map(table.name), table, key) {
                Some(Ok(row)) => rows.push(row),
                Some(Err(key)) => gone.push((table, key)),
                None => {}
            }
        }
        let tx = self.conn.savepoint()?;
        let last = capture::last(&tx)?;
        let waiting = waiting(&tx, &rows, &gone)?;
        let ready: Vec<Row> = rows.iter().enumerate().filter(|(i, _)| !waiting.contains(i)).map(|(_, r)| r.clone()).collect();
        apply(&tx, &ready, &gone)?;
        // A row that waits for one not here yet comes again: its document is read again
        // next round from the files the diary holds, and these files are not applied yet.
        if waiting.is_empty() {
            let mut mark = tx.prepare_cached("INSERT OR IGNORE INTO sync_applied (hash) VALUES (?1)")?;
            for hash in &read {
                mark.execute([hash])?;
            }
        }
        // What the other devices wrote is theirs to send, not this device's.
        tx.execute("DELETE FROM sync_change WHERE seq > ?1", [last])?;
        tx.commit()?;
        if waiting.is_empty() {
            round.done.files_applied += read.len();
            round.applied.extend(read);
        }
        if !waiting.is_empty() || let_go {
            engine.docs.remove(name);
        }
        round.done.rows_applied += ready.len() + gone.len();
        Ok(())
    }

    /// This device's files of `doc` folded into one when they number `fold_at` or more,
    /// so the folder stays small and a joining device reads few files: the new file holds
    /// exactly this device's edits (every change of the peers its own files were written
    /// by, none of the others'), and the files it folds are removed once it is in place.
    /// Another device that read them already finds nothing new in it.
    fn fold_if_piled(&mut self, engine: &mut Engine, round: &mut Round<'_>, name: &str) -> Result<()> {
        let folder = round.folder;
        let fold_at = engine.fold_at.unwrap_or(FOLD_AT);
        let Some(doc) = engine.docs.get_mut(name) else { return Ok(()) };
        if !doc.whole() {
            return Ok(());
        }
        let own: Vec<Found> =
            round.files.iter().filter(|f| f.device == folder.me() && f.doc == name && doc.files.contains(&f.hash)).cloned().collect();
        if own.len() < fold_at.max(2) {
            return Ok(());
        }
        let mut peers = BTreeSet::new();
        for file in &own {
            let Ok(bytes) = folder.read(file) else { return Ok(()) };
            let meta = LoroDoc::decode_import_blob_meta(&bytes, true).map_err(|e| Error::Damaged(e.to_string()))?;
            peers.extend(meta.partial_end_vv.keys().copied());
        }
        let vv = doc.loro.oplog_vv();
        let spans: Vec<IdSpan> = peers.iter().filter_map(|p| vv.get(p).map(|end| IdSpan::new(*p, 0, *end))).collect();
        let bytes = doc.loro.export(ExportMode::updates_in_range(spans)).map_err(|e| Error::Damaged(e.to_string()))?;
        let folded = self.write_sync_file(name, Kind::Snapshot, &bytes)?;
        for file in &own {
            folder.remove_own(file)?;
        }
        let gone: HashSet<&str> = own.iter().map(|f| f.hash.as_str()).collect();
        round.files.retain(|f| !(f.device == folder.me() && gone.contains(f.hash.as_str())));
        if let Some(doc) = engine.docs.get_mut(name) {
            doc.files.insert(folded.hash.clone());
        }
        round.files.push(folded);
        Ok(())
    }

    /// The hashes of the other devices' files whose edits are in this diary.
    fn applied_files(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT hash FROM sync_applied")?;
        let found = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }
}

/// One round: the folder as scanned, the files applied so far, and what was done.
struct Round<'a> {
    folder: &'a SyncFolder,
    /// Every file in the folder: as scanned, then with this device's written this round.
    files: Vec<Found>,
    applied: HashSet<String>,
    done: Synced,
}

impl Engine {
    /// Documents that fold this device's files of one document after `files` of them,
    /// rather than after `FOLD_AT`, so a test sees folding without writing many.
    pub fn folding_at(files: usize) -> Engine {
        Engine { fold_at: Some(files), ..Engine::default() }
    }

    /// Documents that read the others' documents for about `budget` a round and leave
    /// the rest to the next (`Synced::more`), so whoever waits for the diary (a window)
    /// waits no longer than that and one document, even while a large diary joins.
    pub fn in_steps(mut self, budget: Duration) -> Engine {
        self.budget = Some(budget);
        self
    }

    /// In steps, works out again `people` a round rather than `REWORK_AT_MOST`, so a test
    /// sees it take several rounds.
    pub fn reworking_at_most(mut self, people: usize) -> Engine {
        self.rework_at_most = Some(people);
        self
    }

    /// How far the rounds have read the others' files; readable while a round runs.
    pub fn progress(&self) -> Arc<Progress> {
        self.progress.clone()
    }

    /// Lets go of every document held, as when sync is turned off; keeps how it reads
    /// (`in_steps`, `folding_at`) and whom it tells how far it is.
    pub fn forget(&mut self) {
        *self = Engine {
            fold_at: self.fold_at,
            budget: self.budget,
            rework_at_most: self.rework_at_most,
            progress: self.progress.clone(),
            ..Engine::default()
        };
        self.progress.read.store(0, Ordering::Relaxed);
        self.progress.of.store(0, Ordering::Relaxed);
    }

    /// Notes a document as used this round, and lets go of the least recently used
    /// months beyond `KEPT`: a device holds `core`, this month's touches and the few
    /// months it worked with last (an import, a backdated touch, another device's
    /// history) between rounds, and reads an older month again from its files when it
    /// next changes.
    fn evict(&mut self, name: &str, now: chrono::DateTime<chrono::Utc>) {
        if name == CORE || name == format!("touches-{}", now.format("%Y-%m")) {
            return;
        }
        self.used.retain(|n| n != name);
        self.used.push(name.to_owned());
        while self.used.len() > KEPT {
            let oldest = self.used.remove(0);
            self.docs.remove(&oldest);
        }
    }

    /// The document `name`, read from the files whose edits the diary holds already
    /// (this device's own, and the others' applied) if it was not read before.
    fn doc(&mut self, round: &mut Round<'_>, name: &str) -> &mut Doc {
        if !self.docs.contains_key(name) {
            let mut doc = Doc { loro: LoroDoc::new(), files: HashSet::new(), unread: HashSet::new(), waits_for: Vec::new() };
            read_applied(&mut doc, round, name);
            self.docs.insert(name.to_owned(), doc);
        }
        self.docs.get_mut(name).expect("just put in")
    }

    /// Whether a document held from an earlier round lacks a file whose edits the diary
    /// holds: one applied from a copy since removed (a sync tool's conflict copy), whose
    /// original has come since.
    fn behind(&self, round: &Round<'_>, name: &str) -> bool {
        self.docs.get(name).is_some_and(|doc| {
            round.files.iter().any(|f| {
                f.doc == name
                    && !doc.files.contains(&f.hash)
                    && (f.device == round.folder.me() || round.applied.contains(&f.hash))
                    && !doc.unread.contains(&(f.path.clone(), f.size))
            })
        })
    }
}

/// Reads into `doc` every file of its whose edits the diary holds.
fn read_applied(doc: &mut Doc, round: &mut Round<'_>, name: &str) {
    let Round { folder, files, applied, done } = round;
    for file in files.iter().filter(|f| f.doc == name && (f.device == folder.me() || applied.contains(&f.hash))) {
        if doc.files.contains(&file.hash) {
            continue;
        }
        match folder.read(file) {
            Ok(bytes) => match doc.loro.import(&bytes) {
                Ok(status) => {
                    doc.waits_for.extend(status.pending.iter().flat_map(|r| r.iter().map(|(peer, (_, end))| (*peer, *end))));
                    doc.files.insert(file.hash.clone());
                }
                Err(e) => {
                    doc.unread.insert((file.path.clone(), file.size));
                    done.skipped.push(not_a_document(file, &e));
                }
            },
            Err(s) => {
                doc.unread.insert((file.path.clone(), file.size));
                done.skipped.push(s);
            }
        }
    }
}

fn not_a_document(file: &Found, e: &loro::LoroError) -> Skipped {
    Skipped {
        path: file.path.clone(),
        why: format!("It is whole but not a document this version of Rapport can read ({e})."),
        retry: false,
    }
}
