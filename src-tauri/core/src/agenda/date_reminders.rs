//! Reminders of important dates: one per occurrence, its kind's lead time before it,
//! from the digest time of the local day on; what was said is kept on the date's row
//! (`reminded_for`), so a restart never says it again.

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::agenda::reminders::Reminder;
use crate::agenda::upcoming::UpcomingDate;
use crate::clock::instants::{local_date, local_instant};
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::storage::settings::MAX_DATE_LEAD_DAYS;
use crate::vocab::DateKind;

impl Diary {
    /// The dates whose reminder is due today and not yet said, marked said. Nothing
    /// before the digest time: a birthday is not news at midnight.
    pub(crate) fn claim_date_reminders(&mut self) -> Result<Vec<Reminder>> {
        let (now, tz) = (self.now(), self.tz());
        let settings = self.settings()?;
        let today = local_date(tz, now);
        if now < local_instant(tz, today, settings.digest_time) {
            return Ok(Vec::new());
        }
        let due = self.date_reminders_due()?;
        let tx = self.conn.savepoint()?;
        for d in &due {
            tx.execute("UPDATE important_date SET reminded_for = ?2 WHERE id = ?1", params![d.date_id, d.on.to_string()])?;
        }
        tx.commit()?;
        Ok(due.iter().map(date_reminder).collect())
    }

    /// Dates within their lead time whose occurrence was not yet reminded of.
    fn date_reminders_due(&self) -> Result<Vec<UpcomingDate>> {
        let lead = self.settings()?.date_lead_days;
        let mut coming = self.upcoming_dates(MAX_DATE_LEAD_DAYS)?;
        coming.retain(|d| d.days_until <= i64::from(lead.of(d.kind)));
        let mut stmt = self.conn.prepare_cached("SELECT reminded_for FROM important_date WHERE id = ?1")?;
        let mut due = Vec::new();
        for d in coming {
            let said: Option<String> = stmt.query_row([d.date_id], |r| r.get(0))?;
            if said.as_deref() != Some(d.on.to_string().as_str()) {
                due.push(d);
            }
        }
        Ok(due)
    }

    /// When a date's reminder is next due: today's digest time (or now, past it) when one
    /// waits, else none (tomorrow's digest wakes the scheduler anyway).
    pub(crate) fn next_date_reminder_at(&self) -> Result<Option<DateTime<Utc>>> {
        let (now, tz) = (self.now(), self.tz());
        if self.date_reminders_due()?.is_empty() {
            return Ok(None);
        }
        let at = local_instant(tz, local_date(tz, now), self.settings()?.digest_time);
        Ok(Some(at.max(now)))
    }
}

/// "Ana López's birthday is on Friday, 4 December" · "Turns 41 · say happy birthday".
fn date_reminder(d: &UpcomingDate) -> Reminder {
    let when = match d.days_until {
        0 | 1 => d.when.clone(),
        _ => format!("on {}", d.when),
    };
    let mut body: Vec<String> = d.marks.iter().map(|m| capitalized(m)).collect();
    if d.kind == DateKind::Birthday {
        body.push(if body.is_empty() { "Say happy birthday".into() } else { "say happy birthday".into() });
    }
    if body.is_empty() {
        body.push(d.kind.label().into());
    }
    Reminder {
        summary: format!("{} is {when}", d.title),
        body: body.join(" · "),
        follow_up_id: None,
        person_id: Some(d.person_id),
        week_start: None,
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
