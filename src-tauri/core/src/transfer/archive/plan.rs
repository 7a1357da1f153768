//! The plan: who each party of a reading is in the diary, which touches are new, and
//! what applying would change, before anything is written. The preview shows it; apply
//! writes exactly it.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::grain::{self, GrainTouch, LeftOut, SourceChoices, ThreadChoice};
use super::model::{ArchiveSource, SourceRead};
use crate::ladder::rungs::{rung_proved_by, TouchFacts};
use crate::storage::error::Result;
use crate::transfer::import::matching::{Found, Known};
use crate::vocab::{Outcome, Rung};

/// Who a party is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Who {
    Person(i64),
    New,
    /// Several people could be them; left out until the user picks.
    Ambiguous(Vec<i64>),
}

/// One source's plan.
pub(crate) struct SourcePlan<'a> {
    pub read: &'a SourceRead,
    pub me: Option<usize>,
    /// Per party (index), who they are; `None` for the user and for parties no touch needs.
    pub who: Vec<Option<Who>>,
    /// The touches to write (new keys only), with the people resolved.
    pub touches: Vec<GrainTouch>,
    /// Touches already in the diary from an earlier import, with their message counts.
    pub already: usize,
    /// Touches the user already logged by hand (same person, day, channel, direction).
    pub typed: usize,
    /// Parties with a connection date who need no touch (LinkedIn's connections).
    pub contacts: Vec<usize>,
}

impl SourcePlan<'_> {
    /// The rung each person would reach (only moves up), and since when.
    pub fn ladder(&self, known: &Known) -> BTreeMap<usize, (Rung, Rung, i64)> {
        let mut reach: BTreeMap<usize, (Rung, Rung, i64)> = BTreeMap::new();
        let start = |who: &Option<Who>| match who {
            Some(Who::Person(id)) => known.person(*id).map_or(Rung::Noticed, |p| p.rung),
            _ => Rung::Noticed,
        };
        for &p in &self.contacts {
            if let Some(at) = self.read.parties[p].connected_at {
                let from = start(&self.who[p]);
                if from < Rung::Connected {
                    reach.insert(p, (from, Rung::Connected, at));
                }
            }
        }
        for t in &self.touches {
            let facts = TouchFacts { channel: t.channel, direction: t.direction, personal: t.personal, outcome: Outcome::None };
            let Some(rung) = rung_proved_by(facts) else { continue };
            for &p in &t.people {
                let from = start(&self.who[p]);
                let entry = reach.entry(p).or_insert((from, from, t.at));
                if rung > entry.1 {
                    entry.1 = rung;
                    entry.2 = t.at;
                }
            }
        }
        reach.retain(|_, (from, to, _)| to > from);
        reach
    }
}

/// Plans one source's import under the user's choices.
pub(crate) fn plan<'a>(conn: &Connection, known: &Known, read: &'a SourceRead, choices: &SourceChoices, tz: Tz) -> Result<SourcePlan<'a>> {
    let me = grain::me_of(read, choices);
    let mut touches = grain::touches(read, choices, tz);
    let mut who: Vec<Option<Who>> = vec![None; read.parties.len()];
    let mut needed: HashSet<usize> = touches.iter().flat_map(|t| t.people.iter().copied()).collect();
    // LinkedIn's connections come in as people of their own; elsewhere (a Facebook
    // friends list of hundreds) the date only says since when someone written to was
    // connected.
    let linkedin = read.source == ArchiveSource::Linkedin;
    let contacts: Vec<usize> = (0..read.parties.len())
        .filter(|&p| Some(p) != me && read.parties[p].connected_at.is_some() && !choices.skip_people.contains(&read.parties[p].key))
        .filter(|p| linkedin || needed.contains(p))
        .collect();
    needed.extend(contacts.iter().copied());
    let mut mapped = conn.prepare_cached(
        "SELECT coalesce(p.merged_into, p.id) FROM source_person s JOIN person p ON p.id = s.person_id
         WHERE s.source = ?1 AND s.party_key = ?2",
    )?;
    for &p in &needed {
        let party = &read.parties[p];
        let earlier: Option<i64> = mapped.query_row(params![read.source.as_str(), party.key], |r| r.get(0)).optional()?;
        who[p] = Some(match (earlier, known.find(&party.handles, &party.name)) {
            (Some(id), _) => Who::Person(id),
            (None, Found::One(id)) => Who::Person(id),
            (None, Found::Several(ids)) => match choices.assign.get(&party.key) {
                Some(&id) if id > 0 && ids.contains(&id) => Who::Person(id),
                Some(0) => Who::New,
                _ => Who::Ambiguous(ids),
            },
            (None, Found::None) => Who::New,
        });
    }
    // Someone ambiguous is left out of every touch until the user says who they are.
    for t in &mut touches {
        t.people.retain(|&p| !matches!(who[p], Some(Who::Ambiguous(_))));
    }
    touches.retain(|t| !t.people.is_empty());
    // Every key this source has written, read once: a re-import checks 100,000 of them.
    let mut keys = conn.prepare_cached("SELECT source_key FROM touch_source WHERE source_key >= ?1 AND source_key < ?2")?;
    let prefix = format!("{}:", read.source.as_str());
    let existing: HashSet<String> =
        keys.query_map(params![prefix, format!("{};", read.source.as_str())], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    // Only people with touches typed by hand can have one that day.
    let mut any_typed = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM touch_person tp WHERE tp.person_id = ?1
                          AND NOT EXISTS (SELECT 1 FROM touch_source s WHERE s.touch_id = tp.touch_id))",
    )?;
    let mut typed_people: HashMap<i64, bool> = HashMap::new();
    let mut typed_stmt = conn.prepare_cached(
        "SELECT 1 FROM touch_person tp JOIN touch t ON t.id = tp.touch_id
         WHERE tp.person_id = ?1 AND tp.happened_at BETWEEN ?2 AND ?3 AND t.channel = ?4 AND t.direction = ?5
           AND t.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM touch_source s WHERE s.touch_id = t.id)
         LIMIT 1",
    )?;
    let (mut already, mut typed) = (0, 0);
    let mut kept = Vec::with_capacity(touches.len());
    for t in touches {
        if existing.contains(&t.key) {
            already += 1;
            continue;
        }
        // A touch the user logged by hand that day is this one: it is not added twice.
        let day = day_span(t.at, tz);
        let by_hand = t.people.iter().find_map(|&p| match who[p] {
            Some(Who::Person(id)) => Some(id),
            _ => None,
        });
        if let Some(id) = by_hand {
            let has_typed = match typed_people.get(&id) {
                Some(&has) => has,
                None => {
                    let has: bool = any_typed.query_row([id], |r| r.get(0))?;
                    typed_people.insert(id, has);
                    has
                }
            };
            if has_typed && typed_stmt.exists(params![id, day.0, day.1, t.channel, t.direction])? {
                typed += 1;
                continue;
            }
        }
        kept.push(t);
    }
    Ok(SourcePlan { read, me, who, touches: kept, already, typed, contacts })
}

/// The local day around an instant, as [start, end] Unix seconds.
fn day_span(at: i64, tz: Tz) -> (i64, i64) {
    use chrono::TimeZone;
    let Some(local) = tz.timestamp_opt(at, 0).single() else { return (at - 43_200, at + 43_200) };
    let day = local.date_naive();
    let start = crate::clock::instants::start_of_day(tz, day).timestamp();
    let end = day.succ_opt().map_or(start + 86_400, |d| crate::clock::instants::start_of_day(tz, d).timestamp()) - 1;
    (start, end)
}

/// A party as the preview lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewParty {
    pub key: String,
    pub name: String,
    /// "matched", "new", "ambiguous".
    pub status: &'static str,
    pub person_id: Option<i64>,
    /// The diary's name for them, when matched.
    pub person_name: String,
    /// When ambiguous: who they could be.
    pub candidates: Vec<(i64, String)>,
    pub touches: usize,
    /// The rung the history puts them on, when it moves them.
    pub rung: Option<Rung>,
    /// Since when, "2021-03-04".
    pub since: Option<String>,
}

/// A conversation as the preview lists it, and why it is left out if it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewThread {
    pub key: String,
    pub title: String,
    pub people: usize,
    pub messages: usize,
    pub left_out: Option<LeftOut>,
    /// Why it is left out, in words, when it is.
    pub why: Option<String>,
    /// What its box in the preview changes.
    pub choice: ThreadChoice,
}

/// Touches to add in one year on one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearChannel {
    pub year: i32,
    pub channel: crate::vocab::Channel,
    pub touches: usize,
}

/// How many people the import moves to a rung.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RungMove {
    pub rung: Rung,
    pub people: usize,
}

/// Messages left in a thread's count per thread index.
pub(crate) fn messages_per_thread(read: &SourceRead) -> HashMap<usize, usize> {
    let mut counts = HashMap::new();
    for m in &read.messages {
        *counts.entry(m.thread).or_default() += 1;
    }
    counts
}
