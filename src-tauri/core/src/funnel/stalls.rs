//! Where the funnel stalls: on each rung below working, the people who have stood on it
//! longest, each with what the screen needs to open them or their follow-up.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::clock::instants::instant;
use crate::funnel::cohort::Record;
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::vocab::Rung;

/// The most stalled people listed per rung.
pub const STALLS_SHOWN: usize = 10;

/// Rungs people wait on: all but working, where the ladder ends.
const WAITING_RUNGS: [Rung; 5] = [Rung::Noticed, Rung::Connected, Rung::Conversing, Rung::Spoken, Rung::Met];

/// One rung's longest waiting people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RungStalls {
    pub rung: Rung,
    /// How many of the cohort stand on it now.
    pub waiting: u32,
    /// The longest waiting first, at most [`STALLS_SHOWN`].
    pub people: Vec<Stall>,
}

/// Someone standing still: on `rung` (where they are now) for `days_waiting` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stall {
    pub person_id: i64,
    pub display_name: String,
    pub rung: Rung,
    pub origin: String,
    /// Since they came to stand on it: their latest change of rung, or their start.
    pub since: DateTime<Utc>,
    pub days_waiting: i64,
    pub last_touch_at: Option<DateTime<Utc>>,
    /// Their next open (or snoozed) follow-up, soonest first.
    pub follow_up_id: Option<i64>,
}

impl Diary {
    /// Per rung below working, the people of `cohort` who have stood on it longest.
    pub(crate) fn stalls(&self, cohort: &[&Record]) -> Result<Vec<RungStalls>> {
        let now = self.now().timestamp();
        let mut next = self.conn.prepare_cached(
            "SELECT id FROM follow_up WHERE person_id = ?1 AND status IN ('open', 'snoozed')
             ORDER BY coalesce(snoozed_until, due_at), id LIMIT 1",
        )?;
        // One pass over the cohort, by the rung they stand on; each kept with what orders
        // them (longest waiting first, then by id), so only the first few are put in order.
        let mut on_rung: [Vec<(i64, i64, &Record)>; 6] = Default::default();
        for r in cohort {
            on_rung[r.rung as usize].push((r.on_rung_since, r.id, r));
        }
        WAITING_RUNGS
            .iter()
            .map(|&rung| {
                let on = &mut on_rung[rung as usize];
                let waiting = on.len() as u32;
                if on.len() > STALLS_SHOWN {
                    on.select_nth_unstable_by_key(STALLS_SHOWN, |&(since, id, _)| (since, id));
                    on.truncate(STALLS_SHOWN);
                }
                on.sort_unstable_by_key(|&(since, id, _)| (since, id));
                let people = on
                    .iter()
                    .map(|&(_, _, r)| {
                        Ok(Stall {
                            person_id: r.id,
                            display_name: r.name.clone(),
                            rung,
                            origin: r.origin.to_string(),
                            since: instant(r.on_rung_since)?,
                            days_waiting: (now - r.on_rung_since).max(0).div_euclid(86_400),
                            last_touch_at: r.last_touch_at.map(instant).transpose()?,
                            follow_up_id: next.query_row([r.id], |row| row.get(0)).optional()?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(RungStalls { rung, waiting, people })
            })
            .collect()
    }
}
