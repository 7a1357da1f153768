//! What the scheduler should say and when: each follow-up once when it comes due, one
//! summary after a gap instead of a flood, a daily digest of nudges, nothing in quiet
//! hours. The shell only sleeps until `next_reminder_at` and delivers what is claimed.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::agenda::follow_ups::{follow_up_from_row, FollowUp};
use crate::clock::durations::duration_text;
use crate::clock::instants::{days_between, instant, local_date, local_instant};
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::storage::settings::QuietHours;
use crate::vocab::FollowUpKind;

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// "Pick up the phone", "Write to", "Meet", "Say thank you", or a summary.
    pub summary: String,
    /// The person and context: "Call Ana Lima · last touch 3 days ago".
    pub body: String,
    /// The follow-up it is about (none for a summary or a digest).
    pub follow_up_id: Option<i64>,
    pub person_id: Option<i64>,
    /// The week to open in review (the end-of-week reminder).
    #[serde(default)]
    pub week_start: Option<NaiveDate>,
}

/// Follow-ups that came due more than this long ago were missed (asleep, not running).
const CATCH_UP: i64 = 120;
/// Where the last digest's local date is kept.
const DIGEST_KEY: &str = "state.last_digest_date";
/// Where the first day of the last week whose review reminder went out is kept.
const REVIEW_KEY: &str = "state.last_review_week";

impl Diary {
    /// Claims every follow-up that has come due and was not yet notified, marking it
    /// notified in the same transaction, so each is said exactly once even across
    /// restarts. Several that came due while the app was away become one summary.
    /// In quiet hours nothing is claimed. Important dates coming within their lead time
    /// follow, each occurrence once (`date_reminders.rs`).
    pub fn claim_due_reminders(&mut self) -> Result<Vec<Reminder>> {
        let now = self.now();
        let quiet = self.settings()?.quiet_hours;
        if self.in_quiet_hours(quiet, now) {
            return Ok(Vec::new());
        }
        let mut reminders = self.claim_follow_up_reminders(now)?;
        reminders.extend(self.claim_date_reminders()?);
        Ok(reminders)
    }

    fn claim_follow_up_reminders(&mut self, now: DateTime<Utc>) -> Result<Vec<Reminder>> {
        let tx = self.conn.savepoint()?;
        let due: Vec<FollowUp> = {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {} FROM follow_up f LEFT JOIN person p ON p.id = f.person_id
                 WHERE f.status IN ('open', 'snoozed') AND f.notified_at IS NULL
                   AND coalesce(f.snoozed_until, f.due_at) <= ?1
                 ORDER BY coalesce(f.snoozed_until, f.due_at), f.id",
                crate::agenda::follow_ups::COLUMNS
            ))?;
            let rows = stmt.query_map([now.timestamp()], follow_up_from_row)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for f in &due {
            tx.execute("UPDATE follow_up SET notified_at = ?2 WHERE id = ?1", params![f.id, now.timestamp()])?;
        }
        tx.commit()?;

        let missed = due.iter().filter(|f| (now - f.due).num_seconds() > CATCH_UP).count();
        if due.len() > 1 && missed > 0 {
            let titles: Vec<&str> = due.iter().take(3).map(|f| f.title.as_str()).collect();
            let more = if due.len() > 3 { format!(" and {} more", due.len() - 3) } else { String::new() };
            return Ok(vec![Reminder {
                summary: format!("{} follow-ups came due while you were away", due.len()),
                body: format!("{}{more}", titles.join(" · ")),
                follow_up_id: None,
                person_id: None,
                week_start: None,
            }]);
        }
        due.iter().map(|f| self.reminder_for(f, now)).collect()
    }

    /// The daily digest of nudges, once per local day from the digest time on (never in
    /// quiet hours). `None` when it is not time, it was sent today, or there are no nudges.
    pub fn claim_digest(&mut self) -> Result<Option<Reminder>> {
        let (now, tz) = (self.now(), self.tz());
        let settings = self.settings()?;
        let today = local_date(tz, now);
        if now < local_instant(tz, today, settings.digest_time) || self.in_quiet_hours(settings.quiet_hours, now) {
            return Ok(None);
        }
        let today_text = today.to_string();
        if self.state(DIGEST_KEY)?.as_deref() == Some(today_text.as_str()) {
            return Ok(None);
        }
        self.set_state(DIGEST_KEY, &today_text)?;
        let nudges = self.nudges()?;
        if nudges.is_empty() {
            return Ok(None);
        }
        let lines: Vec<String> = nudges.iter().take(4).map(|n| format!("{} {}", n.title, n.display_name)).collect();
        let more = if nudges.len() > 4 { format!(" · and {} more", nudges.len() - 4) } else { String::new() };
        let count = nudges.len();
        Ok(Some(Reminder {
            summary: if count == 1 { "1 nudge for today".into() } else { format!("{count} nudges for today") },
            body: format!("{}{more}", lines.join(" · ")),
            follow_up_id: None,
            person_id: None,
            week_start: None,
        }))
    }

    /// The end-of-week reminder to review the week, once a week from the set day and time
    /// until the week ends (never in quiet hours). `None` when it is off, not yet time, or sent.
    pub fn claim_review_reminder(&mut self) -> Result<Option<Reminder>> {
        let now = self.now();
        let settings = self.settings()?;
        let Some((week_start, at)) = self.review_moment(local_date(self.tz(), now))? else { return Ok(None) };
        if now < at || self.in_quiet_hours(settings.quiet_hours, now) || self.state(REVIEW_KEY)? == Some(week_start.to_string()) {
            return Ok(None);
        }
        self.set_state(REVIEW_KEY, &week_start.to_string())?;
        let (_, from, until) = self.week_bounds(week_start)?;
        let time = duration_text(self.social_seconds(from, until.min(now))?);
        let (mix, _) = self.touch_figures(from, until)?;
        Ok(Some(Reminder {
            summary: "Your week in review".into(),
            body: format!(
                "{time} on social media, {} personal touches, {} calls and meetings. Five minutes to look back?",
                mix.personal,
                mix.voice + mix.face_to_face
            ),
            follow_up_id: None,
            person_id: None,
            week_start: Some(week_start),
        }))
    }

    /// The first day of the week holding `day` and the moment of its review reminder.
    fn review_moment(&self, day: NaiveDate) -> Result<Option<(NaiveDate, DateTime<Utc>)>> {
        let Some(review) = self.settings()?.review_reminder else { return Ok(None) };
        let (start, _, _) = self.week_bounds(day)?;
        let offset = (7 + review.day.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
        Ok(Some((start, local_instant(self.tz(), start + Duration::days(i64::from(offset)), review.time))))
    }

    pub(crate) fn state(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub(crate) fn set_state(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// When the scheduler should next wake: the next follow-up coming due, or the next
    /// digest, moved to the end of quiet hours if it falls inside them.
    pub fn next_reminder_at(&self) -> Result<Option<DateTime<Utc>>> {
        let (now, tz) = (self.now(), self.tz());
        let settings = self.settings()?;
        let next_due: Option<i64> = self.conn.query_row(
            "SELECT min(coalesce(snoozed_until, due_at)) FROM follow_up
             WHERE status IN ('open', 'snoozed') AND notified_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        let today = local_date(tz, now);
        let digest_today = local_instant(tz, today, settings.digest_time);
        let digest = if digest_today > now { digest_today } else { local_instant(tz, today + Duration::days(1), settings.digest_time) };
        let mut next = match next_due {
            Some(due) => instant(due)?.min(digest),
            None => digest,
        };
        if let Some(warning) = self.next_budget_warning_at()? {
            next = next.min(warning);
        }
        if let Some(at) = self.next_date_reminder_at()? {
            next = next.min(at);
        }
        if let Some((week_start, at)) = self.review_moment(today)? {
            let sent = self.state(REVIEW_KEY)? == Some(week_start.to_string());
            // Unsent: at its moment (now, if that passed); sent: next week's.
            let at = if sent { self.review_moment(week_start + Duration::days(7))?.map_or(at, |(_, a)| a) } else { at.max(now) };
            next = next.min(at);
        }
        if let Some(end) = self.quiet_end(settings.quiet_hours, next.max(now)) {
            next = end;
        }
        Ok(Some(next.max(now)))
    }

    pub(crate) fn in_quiet_hours(&self, quiet: Option<QuietHours>, at: DateTime<Utc>) -> bool {
        self.quiet_end(quiet, at).is_some()
    }

    /// If `at` falls in quiet hours, when they end.
    fn quiet_end(&self, quiet: Option<QuietHours>, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let QuietHours { start, end } = quiet?;
        let tz = self.tz();
        let local = at.with_timezone(&tz);
        let (day, time) = (local.date_naive(), local.time());
        let inside = |t: NaiveTime| if start < end { t >= start && t < end } else { t >= start || t < end };
        if !inside(time) {
            return None;
        }
        // Ends today if we are before `end`, else (past midnight-crossing start) tomorrow.
        let end_day = if time < end { day } else { day + Duration::days(1) };
        Some(local_instant(tz, end_day, end))
    }

    fn reminder_for(&self, f: &FollowUp, now: DateTime<Utc>) -> Result<Reminder> {
        let nudge = match f.kind {
            FollowUpKind::Call => "Pick up the phone",
            FollowUpKind::Write => "Write",
            FollowUpKind::Meet => "Meet",
            FollowUpKind::Thank => "Say thank you",
            FollowUpKind::Other => "Follow up",
        };
        let context = match &f.person {
            Some(person) => match self.person_figures(person.id)?.last_touch_at {
                Some(last) => match days_between(last, now) {
                    0 => " · last touch today".to_owned(),
                    1 => " · last touch yesterday".to_owned(),
                    n => format!(" · last touch {n} days ago"),
                },
                None => " · no touch yet".to_owned(),
            },
            None => String::new(),
        };
        Ok(Reminder {
            summary: reminder_title(f),
            body: format!("{nudge}{context}"),
            follow_up_id: Some(f.id),
            person_id: f.person.as_ref().map(|p| p.id),
            week_start: None,
        })
    }
}

/// A reminder's first line names the person and the reason: the title when it names the
/// person already ("Call Ana Lima"), else the kind's verb, the person and the title
/// ("Write to Ana Lima — rebrand quote").
fn reminder_title(f: &FollowUp) -> String {
    match &f.person {
        Some(person) if !f.title.to_lowercase().contains(&person.display_name.to_lowercase()) => {
            format!("{} {} — {}", f.kind.verb(), person.display_name, f.title)
        }
        _ => f.title.clone(),
    }
}
