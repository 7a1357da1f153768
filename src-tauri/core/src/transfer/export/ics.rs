//! Open follow-ups as an iCalendar file (RFC 5545) that calendars subscribe to or
//! import: one event each, all-day when the follow-up has no time.

use chrono::Duration;

use crate::clock::instants::{instant, local_date};
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::transfer::export::vcard::{escape, fold};

impl Diary {
    /// Every open or snoozed follow-up, soonest first, at the time it is next due.
    pub fn export_follow_ups_ics(&self) -> Result<String> {
        let tz = self.tz();
        let stamp = self.now().format("%Y%m%dT%H%M%SZ").to_string();
        let mut lines = vec![
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//Rapport//Follow-ups//EN".to_owned(),
            "CALSCALE:GREGORIAN".to_owned(),
            "X-WR-CALNAME:Rapport follow-ups".to_owned(),
        ];
        let mut stmt = self.conn.prepare(
            "SELECT f.id, f.title, f.notes, f.kind, coalesce(f.snoozed_until, f.due_at), f.due_has_time, p.display_name
             FROM follow_up f LEFT JOIN person p ON p.id = f.person_id
             WHERE f.status IN ('open', 'snoozed') ORDER BY coalesce(f.snoozed_until, f.due_at), f.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, title, notes, kind): (i64, String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let due = instant(r.get(4)?)?;
            let person: Option<String> = r.get(6)?;
            lines.push("BEGIN:VEVENT".to_owned());
            lines.push(format!("UID:follow-up-{id}@rapport"));
            lines.push(format!("DTSTAMP:{stamp}"));
            if r.get(5)? {
                lines.push(format!("DTSTART:{}", due.format("%Y%m%dT%H%M%SZ")));
                lines.push("DURATION:PT15M".to_owned());
            } else {
                let day = local_date(tz, due);
                lines.push(format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
                lines.push(format!("DTEND;VALUE=DATE:{}", (day + Duration::days(1)).format("%Y%m%d")));
            }
            lines.push(format!("SUMMARY:{}", escape(&title)));
            let mut description = Vec::new();
            description.extend(person.map(|p| format!("With {p}")));
            description.extend((!notes.is_empty()).then_some(notes));
            if !description.is_empty() {
                lines.push(format!("DESCRIPTION:{}", escape(&description.join("\n"))));
            }
            lines.push(format!("CATEGORIES:{}", kind.to_uppercase()));
            lines.push("END:VEVENT".to_owned());
        }
        lines.push("END:VCALENDAR".to_owned());
        Ok(lines.iter().map(|l| fold(l)).collect())
    }
}
