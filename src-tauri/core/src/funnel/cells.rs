//! Every number of the funnel names the people it counts: a cell, which the screen sends
//! back to [`Diary::funnel_people`] to list them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::instants::instant;
use crate::funnel::cohort::{Reach, Record};
use crate::funnel::period::Period;
use crate::funnel::FunnelQuery;
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::vocab::Rung;

/// Which people a number counts, within the query's cohort. `origin` narrows to people
/// who started there; `None` is every origin the query lets in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FunnelCell {
    /// Reached `rung` (or higher), at any time since they started.
    Reached { origin: Option<String>, rung: Rung },
    /// Reached `rung` first by a change of rung set by hand.
    ReachedByHand { origin: Option<String>, rung: Rung },
    /// Got no higher than `rung`.
    Stopped { origin: Option<String>, rung: Rung },
    /// Moved at least one rung above the one they were added on.
    Moved { origin: Option<String> },
    /// Have had a phone or video call.
    FirstCall { origin: Option<String> },
    /// Have met in person or at an event.
    FirstMeeting { origin: Option<String> },
    /// Reached working: business won.
    BusinessWon { origin: Option<String> },
    /// Started in `quarter` (one of the trend's) and reached `rung`.
    QuarterReached { quarter: Period, origin: Option<String>, rung: Rung },
}

/// One person behind a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelPerson {
    pub id: i64,
    pub display_name: String,
    /// Where they stand now.
    pub rung: Rung,
    /// The highest rung they ever reached.
    pub highest: Rung,
    pub origin: String,
    pub started_at: DateTime<Utc>,
}

impl FunnelCell {
    fn origin(&self) -> Option<&str> {
        match self {
            FunnelCell::Reached { origin, .. }
            | FunnelCell::ReachedByHand { origin, .. }
            | FunnelCell::Stopped { origin, .. }
            | FunnelCell::Moved { origin }
            | FunnelCell::FirstCall { origin }
            | FunnelCell::FirstMeeting { origin }
            | FunnelCell::BusinessWon { origin }
            | FunnelCell::QuarterReached { origin, .. } => origin.as_deref(),
        }
    }

    /// Whether `record`, already in the cohort, is one this cell counts.
    pub(crate) fn holds(&self, record: &Record) -> bool {
        if self.origin().is_some_and(|o| o != &*record.origin) {
            return false;
        }
        match *self {
            FunnelCell::Reached { rung, .. } | FunnelCell::QuarterReached { rung, .. } => record.reached(rung),
            FunnelCell::ReachedByHand { rung, .. } => matches!(record.reached[rung as usize], Some((_, Reach::Hand))),
            FunnelCell::Stopped { rung, .. } => record.highest() == rung,
            FunnelCell::Moved { .. } => record.highest() > record.first_rung,
            FunnelCell::FirstCall { .. } => record.first_call,
            FunnelCell::FirstMeeting { .. } => record.first_met,
            FunnelCell::BusinessWon { .. } => record.reached(Rung::Working),
        }
    }
}

impl Diary {
    /// The people `cell` counts in the funnel of `query`, by name: the same people, and as
    /// many, as the number it belongs to.
    pub fn funnel_people(&self, query: &FunnelQuery, cell: &FunnelCell) -> Result<Vec<FunnelPerson>> {
        let period = match cell {
            FunnelCell::QuarterReached { quarter, .. } => *quarter,
            _ => query.period,
        };
        let query = FunnelQuery { period, ..query.clone() };
        self.with_funnel_cohort(&query, |records, bounds| {
            let mut people = records
                .iter()
                .filter(|r| bounds.is_none_or(|(from, until)| r.start >= from && r.start < until) && cell.holds(r))
                .map(|r| {
                    Ok(FunnelPerson {
                        id: r.id,
                        display_name: r.name.clone(),
                        rung: r.rung,
                        highest: r.highest(),
                        origin: r.origin.to_string(),
                        started_at: instant(r.start)?,
                    })
                })
                .collect::<rusqlite::Result<Vec<_>>>()?;
            people.sort_by_cached_key(|p| (p.display_name.to_lowercase(), p.id));
            Ok(people)
        })
    }
}
