//! The user's settings: one row per setting, its value as JSON, defaults for the rest.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::storage::diary::Diary;
use crate::storage::error::{Error, Problems, Result};
use crate::vocab::text::{self, limits};
use crate::vocab::DateKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// How often to be in touch with someone whose own cadence is not set.
    pub default_cadence_days: u32,
    /// "Pick up the phone" after this many personal written touches without a call.
    pub phone_nudge_touches: u32,
    /// A client (rung `working`) has gone quiet after this many days without a touch.
    pub gone_quiet_days: u32,
    /// When the daily digest of nudges comes, local time.
    pub digest_time: NaiveTime,
    /// No notifications from `start` to `end`, local time (may cross midnight).
    pub quiet_hours: Option<QuietHours>,
    /// A timer running longer than this asks whether it was real.
    pub long_timer_hours: u32,
    /// The day weeks (and weekly budgets) start on.
    pub week_starts_on: Weekday,
    /// When the end-of-week reminder to review the week comes; `None` turns it off.
    pub review_reminder: Option<ReviewTime>,
    /// The questions the week in review asks, in order.
    pub review_prompts: Vec<String>,
    /// Watched time stops this many minutes after the last key press or mouse move.
    pub idle_minutes: u32,
    /// When a watched session of five minutes or more ends, ask who it was spent with.
    pub log_prompts: bool,
    /// How many days before each kind of important date to be reminded of it.
    pub date_lead_days: DateLeadDays,
}

/// Days before an important date that its reminder comes (0: on the day), per kind.
/// A birthday early enough to send a card or plan a call, an anniversary the day before
/// to write a line, the day you met on the day: it is a nice surprise, not a duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DateLeadDays {
    pub birthday: u32,
    pub work_anniversary: u32,
    pub met_on: u32,
    pub other: u32,
}

impl Default for DateLeadDays {
    fn default() -> Self {
        DateLeadDays { birthday: 3, work_anniversary: 1, met_on: 0, other: 1 }
    }
}

/// The most days ahead a date's reminder may come.
pub const MAX_DATE_LEAD_DAYS: u32 = 60;

impl DateLeadDays {
    pub fn of(&self, kind: DateKind) -> u32 {
        match kind {
            DateKind::Birthday => self.birthday,
            DateKind::WorkAnniversary => self.work_anniversary,
            DateKind::MetOn => self.met_on,
            DateKind::Other => self.other,
        }
    }
}

/// A local day of the week and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewTime {
    pub day: Weekday,
    pub time: NaiveTime,
}

/// The most questions the week in review asks.
pub const MAX_REVIEW_PROMPTS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_cadence_days: 30,
            phone_nudge_touches: 3,
            gone_quiet_days: 60,
            digest_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            quiet_hours: None,
            long_timer_hours: 4,
            week_starts_on: Weekday::Mon,
            review_reminder: Some(ReviewTime { day: Weekday::Fri, time: NaiveTime::from_hms_opt(16, 0, 0).unwrap() }),
            review_prompts: [
                "Did I talk to a client face to face?",
                "Did I write to a client?",
                "Did I say thank you?",
                "Did I pick up the phone instead of sending another message?",
                "Was my time on social media worth it?",
            ]
            .map(String::from)
            .to_vec(),
            idle_minutes: 3,
            log_prompts: true,
            date_lead_days: DateLeadDays::default(),
        }
    }
}

impl Settings {
    /// Checks every setting; every problem found is in the error, in the form's order.
    fn validated(mut self) -> Result<Settings> {
        let mut problems = Problems::default();
        if !(1..=3650).contains(&self.default_cadence_days) {
            problems.add("default_cadence_days", "The default cadence must be between 1 and 3650 days.");
        }
        if !(1..=100).contains(&self.phone_nudge_touches) {
            problems.add("phone_nudge_touches", "Pick up the phone after 1 to 100 messages.");
        }
        if !(1..=3650).contains(&self.gone_quiet_days) {
            problems.add("gone_quiet_days", "Gone quiet must be between 1 and 3650 days.");
        }
        if !(1..=24).contains(&self.long_timer_hours) {
            problems.add("long_timer_hours", "Ask about a long timer after 1 to 24 hours.");
        }
        if !(1..=60).contains(&self.idle_minutes) {
            problems.add("idle_minutes", "Count time as idle after 1 to 60 minutes without input.");
        }
        if DateKind::ALL.iter().any(|k| self.date_lead_days.of(*k) > MAX_DATE_LEAD_DAYS) {
            problems.add("date_lead_days", format!("Remind of a date 0 to {MAX_DATE_LEAD_DAYS} days before it."));
        }
        let prompts = problems.take(self.checked_prompts());
        if self.quiet_hours.is_some_and(|q| q.start == q.end) {
            problems.add("quiet_hours", "Quiet hours must start and end at different times.");
        }
        self.review_prompts = prompts;
        problems.or(self)
    }

    /// Each prompt one trimmed line; blank ones dropped, repeats refused.
    fn checked_prompts(&self) -> Result<Vec<String>> {
        let mut prompts: Vec<String> = Vec::new();
        for prompt in &self.review_prompts {
            let prompt = text::optional_line("review_prompts", "A question", prompt, limits::LINE)?;
            if prompt.is_empty() {
                continue;
            }
            if prompts.iter().any(|p| p.to_lowercase() == prompt.to_lowercase()) {
                return Err(Error::invalid("review_prompts", format!("The question {prompt:?} is there twice.")));
            }
            prompts.push(prompt);
        }
        if prompts.len() > MAX_REVIEW_PROMPTS {
            return Err(Error::invalid("review_prompts", format!("Ask at most {MAX_REVIEW_PROMPTS} questions a week.")));
        }
        Ok(prompts)
    }
}

impl Diary {
    /// The settings, with the default for any not stored (or stored unreadably).
    pub fn settings(&self) -> Result<Settings> {
        let mut stmt = self.conn.prepare_cached("SELECT key, value FROM setting")?;
        let stored = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut settings = serde_json::to_value(Settings::default()).expect("settings serialize");
        for (key, value) in stored {
            // Each stored value is taken only if this version can read it; otherwise that
            // one setting keeps its default rather than the diary failing to open.
            let mut candidate = settings.clone();
            match (candidate.get_mut(&key), serde_json::from_str(&value)) {
                (Some(slot), Ok(value)) => *slot = value,
                _ => continue,
            }
            if serde_json::from_value::<Settings>(candidate.clone()).is_ok() {
                settings = candidate;
            }
        }
        Ok(serde_json::from_value(settings).expect("every field was checked"))
    }

    pub fn update_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validated()?;
        let serde_json::Value::Object(fields) = serde_json::to_value(&settings).expect("settings serialize") else {
            unreachable!("settings are a struct")
        };
        let tx = self.conn.savepoint()?;
        for (key, value) in fields {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value.to_string()],
            )?;
        }
        tx.commit()?;
        self.settings()
    }
}
