//! Everyone's important dates as they next come, on the diary's local day: for Today,
//! for reminders and for the birthday nudge.

use chrono::{Duration, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::agenda::nudges::{Nudge, NudgeAction, NUDGES_PER_KIND};
use crate::clock::instants::{local_date, start_of_day};
use crate::people::yearly::{marks_text, next_occurrence, when_text};
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::vocab::{DateKind, NudgeKind};

/// A date as it next comes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpcomingDate {
    pub date_id: i64,
    pub person_id: i64,
    pub display_name: String,
    pub kind: DateKind,
    pub label: String,
    /// The local day it next falls on (February 29 on the 28th in other years).
    pub on: NaiveDate,
    /// 0 on the day itself.
    pub days_until: i64,
    /// The years it marks, when its year is known.
    pub years: Option<i32>,
    /// "Ana López's birthday".
    pub title: String,
    /// "today", "tomorrow, Friday 4 December", "Friday, 4 December".
    pub when: String,
    /// "turns 41", "5 years"; none without a year.
    pub marks: Option<String>,
}

impl Diary {
    /// The dates of everyone in the diary (not archived, not merged away) that come within
    /// `within_days` of today (0: today only), soonest first, then by name.
    pub fn upcoming_dates(&self, within_days: u32) -> Result<Vec<UpcomingDate>> {
        self.dates_coming(local_date(self.tz(), self.now()), i64::from(within_days))
    }

    pub(crate) fn dates_coming(&self, today: NaiveDate, within: i64) -> Result<Vec<UpcomingDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.person_id, p.display_name, d.kind, d.label, d.month, d.day, d.year
             FROM important_date d JOIN person p ON p.id = d.person_id
             WHERE p.archived_at IS NULL AND p.merged_into IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, DateKind>(3)?),
                (r.get::<_, String>(4)?, r.get::<_, u32>(5)?, r.get::<_, u32>(6)?, r.get::<_, Option<i32>>(7)?),
            ))
        })?;
        let mut coming = Vec::new();
        for row in rows {
            let ((date_id, person_id, display_name, kind), (label, month, day, year)) = row?;
            let Some(next) = next_occurrence(month, day, year, today) else { continue };
            if next.days_until > within {
                continue;
            }
            coming.push(UpcomingDate {
                title: kind.of(&display_name, &label),
                when: when_text(next.on, today),
                marks: marks_text(kind, next.years),
                date_id,
                person_id,
                display_name,
                kind,
                label,
                on: next.on,
                days_until: next.days_until,
                years: next.years,
            });
        }
        coming.sort_by(|a, b| {
            (a.days_until, a.display_name.to_lowercase(), a.kind, a.date_id).cmp(&(
                b.days_until,
                b.display_name.to_lowercase(),
                b.kind,
                b.date_id,
            ))
        });
        Ok(coming)
    }
}

impl Diary {
    /// "Say happy birthday": a birthday within its lead time (the day itself included) and
    /// no personal touch with the person since that lead time began. The facts are the
    /// day, so a dismissal lasts for this year's birthday only.
    pub(crate) fn birthday_nudges(&self, person: Option<i64>) -> Result<Vec<Nudge>> {
        let (now, tz) = (self.now(), self.tz());
        let today = local_date(tz, now);
        let lead = self.settings()?.date_lead_days.birthday;
        let mut stmt = self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                            WHERE tp.person_id = ?1 AND t.personal = 1 AND tp.happened_at >= ?2)",
        )?;
        let mut nudges = Vec::new();
        for d in self.dates_coming(today, i64::from(lead))? {
            if d.kind != DateKind::Birthday || person.is_some_and(|p| p != d.person_id) || nudges.len() >= NUDGES_PER_KIND {
                continue;
            }
            if nudges.iter().any(|n: &Nudge| n.person_id == d.person_id) {
                continue;
            }
            let since = start_of_day(tz, d.on - Duration::days(i64::from(lead)));
            if stmt.query_row(params![d.person_id, since.timestamp()], |r| r.get::<_, bool>(0))? {
                continue;
            }
            let when = if d.days_until <= 1 { d.when.clone() } else { format!("on {}", d.when) };
            let marks = d.marks.as_ref().map(|m| format!(" · {m}")).unwrap_or_default();
            nudges.push(Nudge {
                kind: NudgeKind::SayHappyBirthday,
                person_id: d.person_id,
                title: "Say happy birthday".into(),
                detail: format!("Birthday {when}{marks}"),
                facts: d.on.to_string(),
                prompt: format!("{} is {when}: say happy birthday?", d.title),
                action: NudgeAction::of(NudgeKind::SayHappyBirthday),
                display_name: d.display_name,
            });
        }
        Ok(nudges)
    }
}
