//! The funnel: the ladder read as conversion. Of the people who started in a period, how
//! many reached each rung by origin, how long each step took, what the time spent cost
//! per step, where people stall, and the same conversions quarter by quarter.

pub(crate) mod cells;
pub(crate) mod cohort;
pub(crate) mod cost;
pub(crate) mod export;
pub(crate) mod ladder;
pub(crate) mod period;
pub(crate) mod stalls;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use cells::{FunnelCell, FunnelPerson};
pub use cost::OriginCost;
pub use export::{funnel_csv, FUNNEL_CSV_HEADER, NOT_MEASURED};
pub use ladder::{Count, OriginFunnel, RungReach, Spread, Step};
pub use period::{Period, TREND_QUARTERS};
pub use stalls::{RungStalls, Stall, STALLS_SHOWN};

use crate::clock::instants::{instant, local_date};
use crate::funnel::cohort::{by_origin, origin_label, Record};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::text::{self, limits};
use crate::vocab::{whole_percent, Rung};

/// A period's bounds in seconds, `[from, until)`.
pub(crate) type Span = (i64, i64);

/// Which funnel: the period people started in, and who is let in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelQuery {
    pub period: Period,
    /// Only people who started there (an origin's key, as [`Funnel::origins`] lists them).
    pub origin: Option<String>,
    /// Only people with this tag.
    pub tag: Option<String>,
    /// Archived people too; left out unless asked.
    pub include_archived: bool,
}

/// Everything the funnel screen shows for one query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    /// The query as read (trimmed, empty filters dropped).
    pub query: FunnelQuery,
    /// "Q1 2026", "2026", "All time".
    pub label: String,
    /// The period's bounds in the diary's time zone; none for all time.
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// The periods the screen steps to; `next` is none past today.
    pub previous: Option<Period>,
    pub next: Option<Period>,
    /// The quarter holding today, where the screen opens.
    pub this_quarter: Period,
    /// Every origin among the people the filters let in, in any period: the origin menu.
    pub origins: Vec<OriginTerm>,
    /// Everyone in the cohort.
    pub overall: OriginFunnel,
    /// Per origin, most people first.
    pub by_origin: Vec<OriginFunnel>,
    pub costs: Vec<OriginCost>,
    pub stalls: Vec<RungStalls>,
    /// The same conversions per quarter, oldest first.
    pub quarters: Vec<QuarterFunnel>,
}

/// An origin and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginTerm {
    pub key: String,
    pub label: String,
}

/// One quarter of the trend: the people who started in it and how far they got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterFunnel {
    pub quarter: Period,
    pub label: String,
    /// Per rung, lowest first.
    pub reached: Vec<Count>,
    /// Per step (noticed → connected first), the whole percent who went on.
    pub percents: Vec<Option<u32>>,
}

impl Diary {
    /// The funnel of `query`.
    pub fn funnel(&self, query: &FunnelQuery) -> Result<Funnel> {
        let query = checked(query)?;
        let (tag, include_archived) = (query.tag.clone(), query.include_archived);
        self.with_funnel_records(tag.as_deref(), include_archived, |records| self.funnel_of(query, records))
    }

    /// The funnel of `query` (already checked) over `records`, the people its filters let in.
    fn funnel_of(&self, query: FunnelQuery, records: &[&Record]) -> Result<Funnel> {
        let tz = self.tz();
        let now = self.now();
        let today = local_date(tz, now);
        let platforms = self.all_platforms()?;
        let label = |key: &str| origin_label(key, &platforms);

        let mut origins: Vec<(&str, usize)> = by_origin(records).into_iter().map(|(key, group)| (key, group.len())).collect();
        origins.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let origins = origins.into_iter().map(|(key, _)| OriginTerm { key: key.to_owned(), label: label(key) }).collect();

        let admitted: Vec<&Record> = records.iter().filter(|r| query.origin.as_deref().is_none_or(|o| o == &*r.origin)).copied().collect();
        let bounds = query.period.bounds(tz);
        let within = |r: &&&Record, (from, until): (i64, i64)| r.start >= from && r.start < until;
        let span = bounds.map(|(f, u)| (f.timestamp(), u.timestamp()));
        let cohort: Vec<&Record> = admitted.iter().filter(|r| span.is_none_or(|s| within(r, s))).copied().collect();

        let overall = ladder::origin_funnel(None, "Everyone".to_owned(), &cohort);
        let grouped = by_origin(&cohort);
        let mut groups: Vec<(&str, &[&Record])> = grouped.iter().map(|(key, group)| (*key, group.as_slice())).collect();
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        let by_origin = groups.iter().map(|(key, group)| ladder::origin_funnel(Some((*key).to_owned()), label(key), group)).collect();

        let (from, until) = bounds.unwrap_or((instant(0)?, now));
        let mut seconds = self.seconds_by_platform(from, until)?;
        seconds.retain(|platform, secs| *secs > 0 && query.origin.as_ref().is_none_or(|o| o == platform));
        let costs = cost::costs_by_origin(grouped, &seconds, label);

        // The trend's quarters follow one another, so each person started in one at most:
        // one pass over everyone counts every quarter.
        let trend: Vec<(Period, Span)> = query
            .period
            .trend(today)
            .into_iter()
            .map(|quarter| (quarter, quarter.bounds(tz).map(|(f, u)| (f.timestamp(), u.timestamp())).expect("a quarter has bounds")))
            .collect();
        let mut started = vec![[0_u32; 6]; trend.len()];
        for r in &admitted {
            if let Some(i) = trend.iter().position(|&(_, span)| within(&r, span)) {
                for (n, reached) in started[i].iter_mut().zip(&r.reached) {
                    *n += u32::from(reached.is_some());
                }
            }
        }
        let quarters = trend
            .into_iter()
            .zip(started)
            .map(|((quarter, _), started)| {
                let reached: Vec<Count> = Rung::ALL
                    .iter()
                    .map(|&rung| Count {
                        n: started[rung as usize],
                        cell: FunnelCell::QuarterReached { quarter, origin: query.origin.clone(), rung },
                    })
                    .collect();
                let percents = reached.windows(2).map(|pair| whole_percent(pair[1].n, pair[0].n)).collect();
                QuarterFunnel { quarter, label: quarter.label(), reached, percents }
            })
            .collect();

        Ok(Funnel {
            label: query.period.label(),
            from: bounds.map(|b| b.0),
            until: bounds.map(|b| b.1),
            previous: query.period.previous(),
            next: query.period.next(today),
            this_quarter: Period::quarter_of(today),
            origins,
            overall,
            by_origin,
            costs,
            stalls: self.stalls(&cohort)?,
            quarters,
            query,
        })
    }

    /// The records `query` lets in (every origin filter applied) and its period's bounds
    /// in seconds, handed to `view`, for the people behind a number.
    pub(crate) fn with_funnel_cohort<T>(&self, query: &FunnelQuery, view: impl FnOnce(&[&Record], Option<Span>) -> Result<T>) -> Result<T> {
        let query = checked(query)?;
        let bounds = query.period.bounds(self.tz()).map(|(f, u)| (f.timestamp(), u.timestamp()));
        self.with_funnel_records(query.tag.as_deref(), query.include_archived, |records| {
            let admitted: Vec<&Record> =
                records.iter().filter(|r| query.origin.as_deref().is_none_or(|o| o == &*r.origin)).copied().collect();
            view(&admitted, bounds)
        })
    }

    /// Every platform time can be on, archived ones too: old sessions keep their names.
    pub(crate) fn all_platforms(&self) -> Result<Vec<crate::time::Platform>> {
        let mut stmt = self.conn.prepare_cached("SELECT key, label FROM platform ORDER BY position, label")?;
        let rows = stmt.query_map([], |r| Ok(crate::time::Platform { key: r.get(0)?, label: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The query with its text trimmed and an empty filter read as none.
fn checked(query: &FunnelQuery) -> Result<FunnelQuery> {
    if !query.period.is_valid() {
        return Err(Error::invalid("period", "A quarter is numbered 1 to 4, in a year from 1 to 9999."));
    }
    let filter = |field, label, value: Option<&String>, max| -> Result<Option<String>> {
        Ok(match value {
            Some(v) => Some(text::optional_line(field, label, v, max)?).filter(|v| !v.is_empty()),
            None => None,
        })
    };
    Ok(FunnelQuery {
        period: query.period,
        origin: filter("origin", "The origin", query.origin.as_ref(), limits::PLATFORM)?,
        tag: filter("tag", "The tag", query.tag.as_ref(), limits::TAG)?,
        include_archived: query.include_archived,
    })
}
