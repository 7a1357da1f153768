//! Open follow-ups as an iCalendar file (RFC 5545) that calendars subscribe to or
//! import: one event each, all-day when the follow-up has no time; and everyone's
//! important dates as yearly all-day events.

use chrono::{Duration, NaiveDate};

use crate::clock::instants::{instant, local_date};
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::transfer::export::vcard::{escape, fold};
use crate::vocab::DateKind;

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
        drop(rows);
        drop(stmt);
        self.push_dates(&mut lines, &stamp)?;
        lines.push("END:VCALENDAR".to_owned());
        Ok(lines.iter().map(|l| fold(l)).collect())
    }

    /// Each date of everyone in the diary as a yearly all-day event, its UID the date's
    /// id so a calendar importing again updates rather than doubles it. Without a year it
    /// starts in 2000, a leap year, so February 29 has a first day. February 29 repeats as
    /// February's last day (RFC 5545 skips a plain yearly 29 February in other years),
    /// the 28th in other years, as the diary keeps it.
    fn push_dates(&self, lines: &mut Vec<String>, stamp: &str) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.kind, d.label, d.month, d.day, d.year, p.display_name
             FROM important_date d JOIN person p ON p.id = d.person_id
             WHERE p.archived_at IS NULL AND p.merged_into IS NULL ORDER BY d.month, d.day, d.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, kind, label): (i64, DateKind, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let (month, day, year): (u32, u32, Option<i32>) = (r.get(3)?, r.get(4)?, r.get(5)?);
            let name: String = r.get(6)?;
            let Some(start) = NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day) else { continue };
            lines.push("BEGIN:VEVENT".to_owned());
            lines.push(format!("UID:date-{id}@rapport"));
            lines.push(format!("DTSTAMP:{stamp}"));
            lines.push(format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")));
            lines.push(format!("DTEND;VALUE=DATE:{}", (start + Duration::days(1)).format("%Y%m%d")));
            lines.push(if (month, day) == (2, 29) {
                "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1".into()
            } else {
                "RRULE:FREQ=YEARLY".into()
            });
            lines.push(format!("SUMMARY:{}", escape(&kind.of(&name, &label))));
            lines.push("TRANSP:TRANSPARENT".to_owned());
            lines.push(format!("CATEGORIES:{}", kind.as_str().to_uppercase()));
            lines.push("END:VEVENT".to_owned());
        }
        Ok(())
    }
}
