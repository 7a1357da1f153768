//! Weekly budgets: time used against each budget in the user's week, the 80 % and 100 %
//! warnings (once each per week), and what the time bought.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::agenda::reminders::Reminder;
use crate::clock::durations::{duration_text, whole_minutes};
use crate::clock::instants::{local_date, start_of_day};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::Outcome;

/// Where a relationship came through: the platform of a person's first touch on one, and when.
type Origin = (String, i64);

/// The budget for social media as a whole; other scopes are platform keys.
pub const ALL: &str = "all";

/// The two warnings: nearly used up, and used up (whole percent of a budget).
pub const WARNING_PERCENTS: [u32; 2] = [80, 100];

/// Where a budget stands, as the bars and the warnings show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetLevel {
    /// No budget, or under the first warning.
    Under,
    /// Past the first warning.
    Near,
    /// Used up.
    Over,
}

impl BudgetLevel {
    fn of(percent: Option<u32>) -> BudgetLevel {
        match percent {
            Some(p) if p >= WARNING_PERCENTS[1] => BudgetLevel::Over,
            Some(p) if p >= WARNING_PERCENTS[0] => BudgetLevel::Near,
            _ => BudgetLevel::Under,
        }
    }
}

/// One budget and how much of it this week used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetUse {
    /// `all`, or a platform key.
    pub scope: String,
    pub label: String,
    pub used_seconds: i64,
    pub budget_minutes: Option<u32>,
    /// Whole percent of the budget used, rounded down so that 100 % means used up; none
    /// without a budget. Shares elsewhere round half up (`vocab::whole_percent`).
    pub percent: Option<u32>,
    /// What is left of the budget (negative when over), when there is a budget.
    pub left_seconds: Option<i64>,
    pub level: BudgetLevel,
}

/// One week of the trend: social-media minutes against what all platforms' touches produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekMinutes {
    pub week_start: NaiveDate,
    /// Social-media time as the window shows it: whole minutes by the one rule.
    pub minutes: i64,
    pub budget_minutes: Option<u32>,
    pub personal_touches: u32,
    pub replies: u32,
    pub calls_booked: u32,
    pub meetings_booked: u32,
    pub business_won: u32,
}

/// The week's time: its bounds and every budget's use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetStatus {
    pub week_start: NaiveDate,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// `all` first, then every platform in the list.
    pub uses: Vec<BudgetUse>,
}

/// A touch this long after a watched session ends still counts as what the session led to.
pub const LED_TO_A_TOUCH_SECONDS: i64 = 3600;

/// What one platform's time bought in a range.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlatformYield {
    pub platform: String,
    pub minutes: f64,
    pub personal_touches: u32,
    pub replies: u32,
    pub calls_booked: u32,
    pub meetings_booked: u32,
    pub referrals: u32,
    pub business_won: u32,
    pub business_won_cents: i64,
    /// Minutes spent per reply (a conversation started); `None` without replies, or
    /// when no time was measured (a ratio of nothing is not "free").
    pub minutes_per_conversation: Option<f64>,
    pub minutes_per_call_booked: Option<f64>,
    /// Some time was measured on the platform; without it the rates above are unknown.
    pub time_measured: bool,
    /// Of `minutes`, those the watcher measured.
    #[serde(default)]
    pub watched_minutes: f64,
    /// Of `watched_minutes`, those in watched sessions followed by a touch on the platform
    /// within the hour (or during the session): time that led somewhere.
    #[serde(default)]
    pub watched_minutes_with_touch: f64,
}

impl Diary {
    /// The local bounds of the week holding `day`, by the week-start setting.
    pub fn week_bounds(&self, day: NaiveDate) -> Result<(NaiveDate, DateTime<Utc>, DateTime<Utc>)> {
        let starts_on = self.settings()?.week_starts_on;
        let back = (7 + day.weekday().num_days_from_monday() - starts_on.num_days_from_monday()) % 7;
        let start = day - Duration::days(i64::from(back));
        let tz = self.tz();
        Ok((start, start_of_day(tz, start), start_of_day(tz, start + Duration::days(7))))
    }

    /// Sets (or with `None` removes) the weekly budget for `scope` (`all` or a platform).
    pub fn set_budget(&mut self, scope: &str, minutes: Option<u32>) -> Result<()> {
        if scope != ALL && !self.platforms()?.iter().any(|p| p.key == scope) {
            return Err(Error::invalid("scope", format!("{scope:?} is not a platform in the list.")));
        }
        match minutes {
            Some(m) if m == 0 || m > 7 * 24 * 60 => {
                return Err(Error::invalid("minutes", "A weekly budget is between 1 minute and 168 hours."))
            }
            Some(m) => self.conn.execute(
                "INSERT INTO budget (scope, weekly_minutes) VALUES (?1, ?2)
                 ON CONFLICT (scope) DO UPDATE SET weekly_minutes = excluded.weekly_minutes",
                params![scope, m],
            )?,
            None => self.conn.execute("DELETE FROM budget WHERE scope = ?1", [scope])?,
        };
        Ok(())
    }

    /// This week's use of every budget, the running timer included.
    pub fn budget_status(&self) -> Result<BudgetStatus> {
        self.budget_status_on(local_date(self.tz(), self.now()))
    }

    /// The use of every budget in the week holding `day`.
    pub fn budget_status_on(&self, day: NaiveDate) -> Result<BudgetStatus> {
        let (week_start, from, until) = self.week_bounds(day)?;
        let used = self.seconds_by_platform(from, until)?;
        let budgets: BTreeMap<String, u32> = {
            let mut stmt = self.conn.prepare_cached("SELECT scope, weekly_minutes FROM budget")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let use_of = |scope: &str, label: String, seconds: i64| {
            let budget = budgets.get(scope).copied();
            let percent = budget.map(|b| u32::try_from(seconds * 100 / (i64::from(b) * 60)).unwrap_or(u32::MAX));
            BudgetUse {
                scope: scope.to_owned(),
                label,
                used_seconds: seconds,
                budget_minutes: budget,
                percent,
                left_seconds: budget.map(|b| i64::from(b) * 60 - seconds),
                level: BudgetLevel::of(percent),
            }
        };
        let mut uses = vec![use_of(ALL, "Social media".into(), used.values().sum())];
        for platform in self.platforms()? {
            let seconds = used.get(&platform.key).copied().unwrap_or(0);
            uses.push(use_of(&platform.key, platform.label, seconds));
        }
        Ok(BudgetStatus { week_start, from, until, uses })
    }

    /// This week and the `weeks - 1` before it, oldest first: minutes and what they bought.
    pub fn weekly_minutes(&self, weeks: u32) -> Result<Vec<WeekMinutes>> {
        let today = local_date(self.tz(), self.now());
        let budget: Option<u32> =
            self.conn.query_row("SELECT weekly_minutes FROM budget WHERE scope = 'all'", [], |r| r.get(0)).optional()?;
        (0..i64::from(weeks))
            .rev()
            .map(|back| {
                let (week_start, from, until) = self.week_bounds(today - Duration::weeks(back))?;
                let seconds: i64 = self.seconds_by_platform(from, until)?.values().sum();
                let yields = self.time_yield(from, until)?;
                let total = |f: fn(&PlatformYield) -> u32| yields.iter().map(f).sum();
                Ok(WeekMinutes {
                    week_start,
                    minutes: whole_minutes(seconds),
                    budget_minutes: budget,
                    personal_touches: total(|y| y.personal_touches),
                    replies: total(|y| y.replies),
                    calls_booked: total(|y| y.calls_booked),
                    meetings_booked: total(|y| y.meetings_booked),
                    business_won: total(|y| y.business_won),
                })
            })
            .collect()
    }

    /// Seconds on social media as a whole in `[from, until)`.
    pub(crate) fn social_seconds(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<i64> {
        Ok(self.seconds_by_platform(from, until)?.values().sum())
    }

    /// Seconds per platform in `[from, until)`, each session counted by its share inside.
    pub(crate) fn seconds_by_platform(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<BTreeMap<String, i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT platform, sum(min(coalesce(ended_at, ?3), ?2) - max(started_at, ?1))
             FROM session WHERE started_at < ?2 AND coalesce(ended_at, ?3) > ?1 GROUP BY platform",
        )?;
        let rows = stmt.query_map(params![from.timestamp(), until.timestamp(), self.now().timestamp()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Warnings newly due this week: 80 % and 100 % of each budget, once each. A budget
    /// past both at once gets the 100 % warning alone.
    pub fn claim_budget_warnings(&mut self) -> Result<Vec<Reminder>> {
        let status = self.budget_status()?;
        let week = status.week_start.to_string();
        let now = self.now().timestamp();
        let mut reminders = Vec::new();
        for u in status.uses {
            let (Some(percent), Some(budget)) = (u.percent, u.budget_minutes) else { continue };
            let mut newly = Vec::new();
            for level in WARNING_PERCENTS {
                if percent >= level {
                    let inserted = self.conn.execute(
                        "INSERT OR IGNORE INTO budget_warning (week_start, scope, percent, sent_at) VALUES (?1, ?2, ?3, ?4)",
                        params![week, u.scope, level, now],
                    )?;
                    if inserted > 0 {
                        newly.push(level);
                    }
                }
            }
            if let Some(&level) = newly.last() {
                let used = duration_text(u.used_seconds);
                let of = duration_text(i64::from(budget) * 60);
                reminders.push(Reminder {
                    summary: if level >= WARNING_PERCENTS[1] {
                        format!("{} budget used up", u.label)
                    } else {
                        format!("{} budget {level} % used", u.label)
                    },
                    body: format!("{used} of {of} this week. Measure what it brings you."),
                    follow_up_id: None,
                    person_id: None,
                    week_start: None,
                });
            }
        }
        Ok(reminders)
    }

    /// When the running timer will cross the next unsent warning, for the scheduler.
    pub fn next_budget_warning_at(&self) -> Result<Option<DateTime<Utc>>> {
        let Some(running) = self.running_timer()? else { return Ok(None) };
        let status = self.budget_status()?;
        let week = status.week_start.to_string();
        let mut next: Option<DateTime<Utc>> = None;
        for u in status.uses.iter().filter(|u| u.scope == ALL || u.scope == running.session.platform) {
            let Some(budget) = u.budget_minutes else { continue };
            for level in WARNING_PERCENTS.map(i64::from) {
                let sent: bool = self.conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM budget_warning WHERE week_start = ?1 AND scope = ?2 AND percent = ?3)",
                    params![week, u.scope, level],
                    |r| r.get(0),
                )?;
                let at = self.now() + Duration::seconds((i64::from(budget) * 60 * level / 100 - u.used_seconds).max(0));
                if !sent && at < status.until {
                    next = Some(next.map_or(at, |n| n.min(at)));
                }
            }
        }
        Ok(next)
    }

    /// What touches on no platform (a call, a meeting, a letter) in `[from, until)` produced,
    /// counted toward the platform each relationship came through: the platform of the
    /// earliest touch with any of its people, up to that moment, that was on one. A call
    /// with someone first reached on LinkedIn is LinkedIn's yield; one with someone
    /// reached on a platform only later counts for none.
    fn attribute_to_origin(&self, from: DateTime<Utc>, until: DateTime<Utc>, into: &mut BTreeMap<String, PlatformYield>) -> Result<()> {
        // The range's touches on no platform, once per person in them.
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.happened_at, t.personal, t.outcome, coalesce(t.outcome_value_cents, 0), tp.person_id
             FROM touch t JOIN touch_person tp ON tp.touch_id = t.id
             WHERE t.deleted_at IS NULL AND t.platform IS NULL AND t.happened_at >= ?1 AND t.happened_at < ?2
             ORDER BY t.id",
        )?;
        let rows = stmt
            .query_map(params![from.timestamp(), until.timestamp()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Outcome>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // Each person's first touch on a platform: one seek down their own index.
        let mut first = self.conn.prepare_cached(
            "SELECT o.platform, op.happened_at FROM touch_person op
             JOIN touch o ON o.id = op.touch_id AND o.deleted_at IS NULL AND o.platform IS NOT NULL
             WHERE op.person_id = ?1 ORDER BY op.happened_at LIMIT 1",
        )?;
        let mut origins: HashMap<i64, Option<Origin>> = HashMap::new();
        let mut touches: BTreeMap<i64, (i64, bool, Outcome, i64, Option<Origin>)> = BTreeMap::new();
        for (touch, at, personal, outcome, cents, person) in rows {
            let origin = match origins.entry(person) {
                std::collections::hash_map::Entry::Occupied(known) => known.get().clone(),
                std::collections::hash_map::Entry::Vacant(new) => {
                    new.insert(first.query_row([person], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).optional()?).clone()
                }
            };
            // Of the touch's people, the relationship reached on a platform earliest, by then.
            let origin = origin.filter(|(_, since)| *since <= at);
            let entry = touches.entry(touch).or_insert((at, personal, outcome, cents, None));
            if origin.as_ref().is_some_and(|o| entry.4.as_ref().is_none_or(|e| o.1 < e.1)) {
                entry.4 = origin;
            }
        }
        for (_, personal, outcome, cents, origin) in touches.into_values() {
            let Some((platform, _)) = origin else { continue };
            let y = into.entry(platform.clone()).or_insert_with(|| PlatformYield { platform, ..Default::default() });
            y.personal_touches += u32::from(personal);
            match outcome {
                Outcome::Replied => y.replies += 1,
                Outcome::CallBooked => y.calls_booked += 1,
                Outcome::MeetingBooked => y.meetings_booked += 1,
                Outcome::Referral => y.referrals += 1,
                Outcome::BusinessWon => {
                    y.business_won += 1;
                    y.business_won_cents += cents;
                }
                Outcome::None => {}
            }
        }
        Ok(())
    }

    /// Watched seconds per platform in `[from, until)`, and those of them in sessions that
    /// a touch on the same platform followed within the hour.
    fn watched_seconds(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<BTreeMap<String, (i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.platform, sum(min(s.ended_at, ?2) - max(s.started_at, ?1)),
                    sum(CASE WHEN EXISTS (SELECT 1 FROM touch t WHERE t.deleted_at IS NULL AND t.platform = s.platform
                                           AND t.happened_at >= s.started_at AND t.happened_at < s.ended_at + ?3)
                        THEN min(s.ended_at, ?2) - max(s.started_at, ?1) ELSE 0 END)
             FROM session s WHERE s.source = 'watched' AND s.ended_at IS NOT NULL AND s.started_at < ?2 AND s.ended_at > ?1
             GROUP BY s.platform",
        )?;
        let rows = stmt.query_map(params![from.timestamp(), until.timestamp(), LED_TO_A_TOUCH_SECONDS], |r| {
            Ok((r.get::<_, String>(0)?, (r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Time per platform in `[from, until)` against what that platform's touches produced,
    /// and what touches on no platform produced for the platform their relationship came
    /// through.
    pub fn time_yield(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<PlatformYield>> {
        let seconds = self.seconds_by_platform(from, until)?;
        // Counts from the week's covering index alone; the value of business won (a
        // column no index holds) from the few touches that won any, whose index the
        // planner takes only when the query repeats its condition word for word.
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.platform, sum(t.personal), sum(t.outcome = 'replied'), sum(t.outcome = 'call_booked'),
                    sum(t.outcome = 'meeting_booked'), sum(t.outcome = 'referral'), sum(t.outcome = 'business_won'),
                    coalesce((SELECT sum(w.outcome_value_cents) FROM touch w INDEXED BY touch_thanks
                     WHERE w.outcome IN ('referral', 'business_won') AND w.deleted_at IS NULL
                       AND w.outcome = 'business_won' AND w.platform = t.platform
                       AND w.happened_at >= ?1 AND w.happened_at < ?2), 0)
             FROM touch t WHERE t.deleted_at IS NULL AND t.platform IS NOT NULL
               AND t.happened_at >= ?1 AND t.happened_at < ?2
             GROUP BY t.platform",
        )?;
        let mut by_platform: BTreeMap<String, PlatformYield> = stmt
            .query_map(params![from.timestamp(), until.timestamp()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    PlatformYield {
                        platform: r.get(0)?,
                        personal_touches: r.get(1)?,
                        replies: r.get(2)?,
                        calls_booked: r.get(3)?,
                        meetings_booked: r.get(4)?,
                        referrals: r.get(5)?,
                        business_won: r.get(6)?,
                        business_won_cents: r.get(7)?,
                        ..Default::default()
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        self.attribute_to_origin(from, until, &mut by_platform)?;
        for (platform, (watched, with_touch)) in self.watched_seconds(from, until)? {
            let y = by_platform.entry(platform.clone()).or_insert_with(|| PlatformYield { platform, ..Default::default() });
            y.watched_minutes = watched as f64 / 60.0;
            y.watched_minutes_with_touch = with_touch as f64 / 60.0;
        }
        for (platform, secs) in seconds {
            by_platform.entry(platform.clone()).or_insert_with(|| PlatformYield { platform, ..Default::default() }).minutes =
                secs as f64 / 60.0;
        }
        let per = |minutes: f64, count: u32| (count > 0 && minutes > 0.0).then(|| minutes / f64::from(count));
        Ok(by_platform
            .into_values()
            .map(|mut y| {
                y.minutes_per_conversation = per(y.minutes, y.replies);
                y.minutes_per_call_booked = per(y.minutes, y.calls_booked);
                y.time_measured = y.minutes > 0.0;
                y
            })
            .collect())
    }
}
