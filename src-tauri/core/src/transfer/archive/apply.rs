//! Writing a plan: one import run per source, in one transaction. New people, the
//! handles matched people lack, the rungs the history proves with their true dates,
//! and the touches, each keyed by where it came from.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, Connection};

use super::grain::GrainTouch;
use super::plan::{SourcePlan, Who};
use crate::clock::instants::local_date;
use crate::ladder::rungs;
use crate::people::handles::insert_handles;
use crate::people::person::{insert_person, PersonEdit};
use crate::people::search::{index_people_from, index_person};
use crate::storage::error::Result;
use crate::touches::figures;
use crate::transfer::import::matching::Known;
use crate::vocab::text::limits;
use crate::vocab::Rung;

pub(crate) fn write(
    tx: &Connection,
    known: &Known,
    plan: &SourcePlan<'_>,
    file_name: &str,
    keep_words: bool,
    now: i64,
    tz: chrono_tz::Tz,
) -> Result<i64> {
    let read = plan.read;
    let source = read.source;
    tx.execute(
        "INSERT INTO import_run (source, file_name, applied_at, words_kept) VALUES (?1, ?2, ?3, ?4)",
        params![source.as_str(), file_name, now, keep_words],
    )?;
    let run = tx.last_insert_rowid();
    let from_export = format!("from the {} export", source.label());
    let ladder = plan.ladder(known);
    // When each party first appears: a new person is added on that day.
    let mut first_seen: HashMap<usize, i64> = HashMap::new();
    for t in &plan.touches {
        for &p in &t.people {
            first_seen.entry(p).and_modify(|a| *a = (*a).min(t.at)).or_insert(t.at);
        }
    }
    let mut person_of: HashMap<usize, i64> = HashMap::new();
    let mut first_new = None;
    let mut added = 0;
    let wanted: BTreeSet<usize> = plan.touches.iter().flat_map(|t| t.people.iter().copied()).chain(plan.contacts.iter().copied()).collect();
    let mut map = tx.prepare_cached("INSERT OR REPLACE INTO source_person (source, party_key, person_id) VALUES (?1, ?2, ?3)")?;
    for p in wanted {
        let party = &read.parties[p];
        let id = match &plan.who[p] {
            Some(Who::Person(id)) => {
                let lacking: Vec<_> = party.handles.iter().filter(|h| !known.has_handle(*id, h)).cloned().collect();
                insert_handles(tx, *id, &lacking, now)?;
                if !lacking.is_empty() {
                    index_person(tx, *id)?;
                }
                *id
            }
            Some(Who::New) => {
                // Added on Connected when that came first; else noticed at the first
                // touch, and connected (below) on the day LinkedIn says.
                let connected = party.connected_at.filter(|_| plan.contacts.contains(&p));
                let seen = first_seen.get(&p).copied();
                let (rung, at) = match (connected, seen) {
                    (Some(c), Some(s)) if s < c => (Rung::Noticed, s),
                    (Some(c), _) => (Rung::Connected, c),
                    (None, s) => (Rung::Noticed, s.unwrap_or(now)),
                };
                let edit = PersonEdit {
                    display_name: party.name.chars().take(limits::NAME).collect(),
                    company: party.company.chars().take(limits::LINE).collect(),
                    title: party.title.chars().take(limits::LINE).collect(),
                    handles: party.handles.clone(),
                    ..PersonEdit::default()
                };
                let id = insert_person(tx, &edit, rung, at.min(now), &format!("Added {from_export}"), now)?;
                tx.execute("UPDATE person SET import_run_id = ?2 WHERE id = ?1", params![id, run])?;
                first_new.get_or_insert(id);
                added += 1;
                id
            }
            _ => continue,
        };
        map.execute(params![source.as_str(), party.key, id])?;
        person_of.insert(p, id);
    }
    if let Some(first) = first_new {
        index_people_from(tx, first)?;
    }
    // Connections first: connected comes before the conversation it led to.
    for &p in &plan.contacts {
        let (Some(&id), Some(at)) = (person_of.get(&p), read.parties[p].connected_at) else { continue };
        if ladder.get(&p).is_some_and(|(from, _, _)| *from < Rung::Connected) {
            let from: Rung = tx.query_row("SELECT rung FROM person WHERE id = ?1", [id], |r| r.get(0))?;
            if from < Rung::Connected {
                let note = format!("Connected since {}, {from_export}", local_date(tz, crate::clock::instants::instant(at)?));
                let change = rungs::record(tx, id, Some(from), Rung::Connected, at.min(now), None, &note)?;
                tx.execute("UPDATE rung_change SET import_run_id = ?2 WHERE id = ?1", params![change, run])?;
            }
        }
    }
    // Each person's rung, kept here as touches raise it: one read each, not one a touch.
    let mut rungs_now: HashMap<i64, Rung> = HashMap::new();
    let mut touched = BTreeSet::new();
    let mut written = 0;
    for t in &plan.touches {
        let people: Vec<i64> = t.people.iter().filter_map(|p| person_of.get(p).copied()).collect();
        if people.is_empty() {
            continue;
        }
        let id = insert_touch(tx, t, run, now)?;
        written += 1;
        for &person in &people {
            tx.prepare_cached("INSERT OR IGNORE INTO touch_person (touch_id, person_id, happened_at) VALUES (?1, ?2, ?3)")?
                .execute(params![id, person, t.at])?;
            let facts = rungs::TouchFacts {
                channel: t.channel,
                direction: t.direction,
                personal: t.personal,
                outcome: crate::vocab::Outcome::None,
            };
            let current = match rungs_now.get(&person) {
                Some(&rung) => rung,
                None => tx.prepare_cached("SELECT rung FROM person WHERE id = ?1")?.query_row([person], |r| r.get(0))?,
            };
            rungs_now.insert(person, current);
            if let Some(rung) = rungs::rung_proved_by(facts).filter(|r| *r > current) {
                rungs_now.insert(person, rung);
                if let Some(change) = rungs::raise(tx, person, rung, t.at.min(now), id)? {
                    let day = local_date(tz, crate::clock::instants::instant(t.at)?);
                    let note = format!("{} since {day}, {from_export}", rung.label());
                    tx.prepare_cached("UPDATE rung_change SET import_run_id = ?2, note = ?3 WHERE id = ?1")?
                        .execute(params![change, run, note])?;
                }
            }
            touched.insert(person);
        }
    }
    figures::refresh(tx, touched)?;
    tx.execute("UPDATE import_run SET touches = ?2, people = ?3 WHERE id = ?1", params![run, written as i64, added as i64])?;
    if let Some(me) = plan.me {
        tx.execute(
            "INSERT OR REPLACE INTO source_self (source, party_key) VALUES (?1, ?2)",
            params![source.as_str(), read.parties[me].key],
        )?;
    }
    Ok(run)
}

/// An imported touch's uid, made of what the archive says: the same export imported on
/// two devices gives the same touch, not two. Its time part is the touch's (the month
/// its sync document is), its random part the source key's hash.
fn imported_uid(t: &GrainTouch) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(t.key.as_bytes());
    let hex: String = hash.iter().take(10).map(|b| format!("{b:02x}")).collect();
    format!("{:012x}{hex}", t.at.max(0).saturating_mul(1000))
}

fn insert_touch(tx: &Connection, t: &GrainTouch, run: i64, now: i64) -> Result<i64> {
    let notes: String = t.notes.chars().take(limits::NOTES).collect();
    tx.prepare_cached(
        "INSERT INTO touch (happened_at, channel, platform, direction, personal, notes, created_at, updated_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
    )?
    .execute(params![t.at, t.channel, t.platform, t.direction, t.personal, notes, now, imported_uid(t)])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO touch_source (touch_id, run_id, source_key, messages) VALUES (?1, ?2, ?3, ?4)")?.execute(params![
        id,
        run,
        t.key,
        t.messages as i64
    ])?;
    Ok(id)
}
