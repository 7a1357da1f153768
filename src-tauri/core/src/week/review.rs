//! The week in review: what a week's time bought, computed from the diary, with the
//! user's own reflection on it (week_reflection.rs).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::agenda::follow_ups::{follow_up_from_row, FollowUp, COLUMNS};
use crate::agenda::nudges::Nudge;
use crate::clock::durations::whole_minutes;
use crate::clock::instants::{local_date, start_of_day};
use crate::funnel::Period;
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::storage::sql::Sql;
use crate::time::budgets::{BudgetStatus, PlatformYield};
use crate::vocab::{whole_percent, Channel};
use crate::week::ladder::LadderWeek;
use crate::week::reflection::Reflection;

/// How many weeks the trend shows, the reviewed week last.
pub const TREND_WEEKS: u32 = 12;
/// The most ladder moves a review lists (an import can move thousands at once).
pub const MOVES_SHOWN: usize = 200;

/// Everything the Week view shows for one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekReview {
    pub week_start: NaiveDate,
    /// The week's last day.
    pub week_end: NaiveDate,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// The week holding today.
    pub current: bool,
    pub time: BudgetStatus,
    pub yields: Vec<PlatformYield>,
    pub touches: TouchMix,
    pub ladder: LadderWeek,
    pub follow_ups: FollowUpWeek,
    pub outcomes: Outcomes,
    /// Who is neglected now: only for the current week, since it is about today.
    pub neglected: Option<Vec<Nudge>>,
    pub trend: Vec<WeekTrend>,
    /// The funnel's cost per first call in the quarter holding the week, per platform
    /// with time measured and a first call: what the window's one line is made of.
    pub first_call_costs: Vec<FirstCallCost>,
    /// That line: "This quarter, LinkedIn: 3.1 h per first call; X: 9.4 h"; none when
    /// no measured platform led to a first call.
    pub first_call_line: Option<String>,
    pub reflection: Reflection,
}

/// Hours spent on a platform in a quarter per first call with the people who started there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstCallCost {
    pub origin: String,
    pub label: String,
    pub hours_per_first_call: f64,
    pub first_calls: u32,
}

/// The week's touches by channel, by mode and personal against broadcast.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchMix {
    pub total: u32,
    /// Every channel, in the vocabulary's order, with its count (zeros included).
    pub by_channel: Vec<ChannelCount>,
    /// Written: posts, direct messages, email and letters.
    pub written: u32,
    /// Phone and video.
    pub voice: u32,
    /// In person and events.
    pub face_to_face: u32,
    /// Calls and meetings: voice and face to face together.
    pub spoken: u32,
    pub personal: u32,
    pub broadcast: u32,
    /// Personal touches as a whole percent of all, rounded; none when there were none.
    pub personal_percent: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelCount {
    pub channel: Channel,
    pub count: u32,
}

/// Follow-ups the week kept, kept late, let slip and made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpWeek {
    /// Done this week by their due day (or time).
    pub done: u32,
    /// Done this week after they were due.
    pub done_late: u32,
    /// Came due this week, now past, and not done (or dropped), once the week is over.
    pub missed: Vec<FollowUp>,
    /// The same while the week is still going: overdue, not yet missed.
    pub overdue: Vec<FollowUp>,
    pub created: u32,
    /// Done, on time or late: what the week kept of what it had due.
    pub kept: u32,
    /// Kept, missed and overdue together.
    pub due: u32,
}

/// What the week's touches produced, on every channel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcomes {
    pub replies: u32,
    pub calls_booked: u32,
    pub meetings_booked: u32,
    pub referrals: u32,
    pub business_won: u32,
    /// The value of business won, per currency (`""` when none was given).
    pub won_value: Vec<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub currency: String,
    pub cents: i64,
}

/// One week of the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekTrend {
    pub week_start: NaiveDate,
    pub minutes: i64,
    pub personal_touches: u32,
    pub calls_and_meetings: u32,
}

impl Diary {
    /// The review of the week holding `day`.
    pub fn week_review(&self, day: NaiveDate) -> Result<WeekReview> {
        let (week_start, from, until) = self.week_bounds(day)?;
        let now = self.now();
        let current = from <= now && now < until;
        let (touches, outcomes) = self.touch_figures(from, until)?;
        let (costs, line) = self.first_call_costs(week_start)?;
        Ok(WeekReview {
            week_start,
            week_end: week_start + Duration::days(6),
            from,
            until,
            current,
            time: self.budget_status_on(week_start)?,
            yields: self.time_yield(from, until)?,
            touches,
            ladder: self.ladder_week(from, until)?,
            follow_ups: self.follow_up_week(from, until)?,
            outcomes,
            neglected: if current { Some(self.silences()?) } else { None },
            trend: self.week_trend(week_start)?,
            first_call_costs: costs,
            first_call_line: line,
            reflection: self.week_reflection(week_start)?,
        })
    }

    /// The funnel's hours per first call in the quarter holding `day`, most time first:
    /// the funnel's own rule, over only the people called since the quarter began (a
    /// first call never comes before its person started), so the Week stays quick.
    fn first_call_costs(&self, day: NaiveDate) -> Result<(Vec<FirstCallCost>, Option<String>)> {
        let quarter = Period::quarter_of(day);
        let (from, until) = quarter.bounds(self.tz()).expect("a quarter has bounds");
        let called = self.called_since(from.timestamp())?;
        let cohort: Vec<_> = called.iter().filter(|r| r.start >= from.timestamp() && r.start < until.timestamp()).collect();
        let mut seconds = self.seconds_by_platform(from, until)?;
        seconds.retain(|_, secs| *secs > 0);
        let platforms = self.all_platforms()?;
        let costs: Vec<FirstCallCost> =
            crate::funnel::cost::costs(&cohort, &seconds, |key| crate::funnel::cohort::origin_label(key, &platforms))
                .into_iter()
                .filter_map(|c| {
                    Some(FirstCallCost {
                        hours_per_first_call: c.hours_per_first_call?,
                        first_calls: c.first_calls.n,
                        origin: c.origin,
                        label: c.label,
                    })
                })
                .collect();
        let line = (!costs.is_empty()).then(|| {
            let parts: Vec<String> = costs
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{}: {} h{}", c.label, c.hours_per_first_call, if i == 0 { " per first call" } else { "" }))
                .collect();
            format!("This quarter, {}", parts.join("; "))
        });
        Ok((costs, line))
    }

    /// Touches in `[from, until)` by channel and whether personal, and their outcomes.
    pub(crate) fn touch_figures(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<(TouchMix, Outcomes)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT channel, personal, count(*), sum(outcome = 'replied'), sum(outcome = 'call_booked'),
                    sum(outcome = 'meeting_booked'), sum(outcome = 'referral'), sum(outcome = 'business_won')
             FROM touch WHERE deleted_at IS NULL AND happened_at >= ?1 AND happened_at < ?2
             GROUP BY channel, personal",
        )?;
        let rows = stmt
            .query_map(params![from.timestamp(), until.timestamp()], |r| {
                Ok((
                    r.get::<_, Channel>(0)?,
                    r.get::<_, bool>(1)?,
                    [r.get::<_, u32>(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut by_channel: BTreeMap<Channel, u32> = BTreeMap::new();
        let mut mix = TouchMix::default();
        let mut outcomes = Outcomes::default();
        for (channel, personal, [count, replies, calls, meetings, referrals, won]) in rows {
            *by_channel.entry(channel).or_default() += count;
            mix.total += count;
            if personal {
                mix.personal += count
            } else {
                mix.broadcast += count
            }
            if channel.is_spoken() {
                mix.spoken += count;
            }
            if channel.is_written() {
                mix.written += count;
            } else if channel.is_voice() {
                mix.voice += count;
            } else {
                mix.face_to_face += count;
            }
            outcomes.replies += replies;
            outcomes.calls_booked += calls;
            outcomes.meetings_booked += meetings;
            outcomes.referrals += referrals;
            outcomes.business_won += won;
        }
        mix.personal_percent = whole_percent(mix.personal, mix.total);
        mix.by_channel =
            Channel::ALL.iter().map(|&channel| ChannelCount { channel, count: by_channel.get(&channel).copied().unwrap_or(0) }).collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(outcome_currency, ''), sum(coalesce(outcome_value_cents, 0)) FROM touch
             WHERE deleted_at IS NULL AND outcome = 'business_won' AND happened_at >= ?1 AND happened_at < ?2
             GROUP BY 1 HAVING sum(coalesce(outcome_value_cents, 0)) != 0 ORDER BY 1",
        )?;
        outcomes.won_value = stmt
            .query_map(params![from.timestamp(), until.timestamp()], |r| Ok(Money { currency: r.get(0)?, cents: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((mix, outcomes))
    }

    fn follow_up_week(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<FollowUpWeek> {
        let tz = self.tz();
        let now = self.now();
        // The moment a follow-up counts as late: its time, or the end of its due day.
        let deadline = |f: &FollowUp| {
            if f.due_has_time || f.snoozed_until.is_some() {
                f.due
            } else {
                start_of_day(tz, local_date(tz, f.due) + Duration::days(1))
            }
        };
        let (from_s, until_s) = (from.timestamp(), until.timestamp());
        let query = |condition: &str| -> Result<Vec<FollowUp>> {
            let sql = format!("SELECT {COLUMNS} FROM follow_up f LEFT JOIN person p ON p.id = f.person_id WHERE {condition} ORDER BY coalesce(f.snoozed_until, f.due_at), f.id");
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params![from_s, until_s], follow_up_from_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        // `+` keeps the planner on the done_at index: by status it reads every follow-up ever done.
        let done = query("f.done_at >= ?1 AND f.done_at < ?2 AND +f.status = 'done'")?;
        let late = done.iter().filter(|f| f.done_at.is_some_and(|at| at > deadline(f))).count() as u32;
        // A day-long follow-up's deadline can fall a day after its due instant.
        let open = query("f.status IN ('open', 'snoozed') AND coalesce(f.snoozed_until, f.due_at) >= ?1 - 86400 AND coalesce(f.snoozed_until, f.due_at) < ?2")?;
        let past_due: Vec<FollowUp> = open
            .into_iter()
            .filter(|f| {
                let d = deadline(f);
                d > from && d <= until && d <= now
            })
            .collect();
        // Missed means the week ended without it; until then it is only overdue.
        let (missed, overdue) = if now >= until { (past_due, Vec::new()) } else { (Vec::new(), past_due) };
        let created: u32 = self.conn.query_row(
            "SELECT count(*) FROM follow_up WHERE created_at >= ?1 AND created_at < ?2",
            params![from_s, until_s],
            |r| r.get(0),
        )?;
        let kept = done.len() as u32;
        let due = kept + (missed.len() + overdue.len()) as u32;
        Ok(FollowUpWeek { done: kept - late, done_late: late, due, missed, overdue, created, kept })
    }

    /// The `TREND_WEEKS` weeks ending with the one starting `week_start`, oldest first,
    /// counted in one query: from the hourly tally (migration 0004) when every bound is
    /// a whole UTC hour, as in most time zones; from the touches themselves in zones a
    /// half or quarter hour off.
    fn week_trend(&self, week_start: NaiveDate) -> Result<Vec<WeekTrend>> {
        // `week_start` starts a week, so each earlier one starts a whole number of weeks back.
        let tz = self.tz();
        let weeks: Vec<(NaiveDate, DateTime<Utc>, DateTime<Utc>)> = (0..i64::from(TREND_WEEKS))
            .rev()
            .map(|back| week_start - Duration::weeks(back))
            .map(|start| (start, start_of_day(tz, start), start_of_day(tz, start + Duration::days(7))))
            .collect();
        let whole_hours = weeks.iter().all(|w| w.1.timestamp() % 3600 == 0 && w.2.timestamp() % 3600 == 0);
        let (scale, at, source, counted) = if whole_hours {
            (3600, "hour", "touch_hour WHERE", "sum(personal), sum(spoken)".to_owned())
        } else {
            (
                1,
                "happened_at",
                "touch WHERE deleted_at IS NULL AND",
                format!("sum(personal), sum(channel IN {})", Channel::sql_list(Channel::is_spoken)),
            )
        };
        let mut sql = Sql::default();
        let buckets: String =
            weeks.iter().enumerate().map(|(i, w)| format!(" WHEN {at} < {} THEN {i}", sql.bind(w.2.timestamp() / scale))).collect();
        let query = format!(
            "SELECT CASE{buckets} END, {counted} FROM {source} {at} >= {} AND {at} < {} GROUP BY 1",
            sql.bind(weeks[0].1.timestamp() / scale),
            sql.bind(weeks[weeks.len() - 1].2.timestamp() / scale),
        );
        // Every week's minutes from one read of the sessions: asked week by week, each
        // read every session begun before that week's end, twelve times over.
        let now = self.now().timestamp();
        let sessions: Vec<(i64, i64)> = self
            .conn
            .prepare_cached("SELECT started_at, coalesce(ended_at, ?3) FROM session WHERE started_at < ?2 AND coalesce(ended_at, ?3) > ?1")?
            .query_map(params![weeks[0].1.timestamp(), weeks[weeks.len() - 1].2.timestamp(), now], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // As budgets count them: each session by its share inside the week.
        let seconds = |from: DateTime<Utc>, until: DateTime<Utc>| -> i64 {
            let (from, until) = (from.timestamp(), until.timestamp());
            sessions.iter().filter(|&&(start, end)| start < until && end > from).map(|&(start, end)| end.min(until) - start.max(from)).sum()
        };
        let mut counts = vec![(0u32, 0u32); weeks.len()];
        let mut stmt = self.conn.prepare_cached(&query)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&sql.values))?;
        while let Some(row) = rows.next()? {
            let i: u32 = row.get(0)?;
            counts[i as usize] = (row.get(1)?, row.get(2)?);
        }
        Ok(weeks
            .iter()
            .zip(counts)
            .map(|(&(start, from, until), (personal_touches, calls_and_meetings))| WeekTrend {
                week_start: start,
                minutes: whole_minutes(seconds(from, until)),
                personal_touches,
                calls_and_meetings,
            })
            .collect())
    }
}
