//! People and touches as CSV, for spreadsheets: one row each, labels a person reads,
//! local dates. A cell a spreadsheet would run as a formula is kept as text.

use std::collections::HashMap;

use rusqlite::params;

use crate::clock::instants::{instant, local_date};
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::vocab::{Channel, Direction, HandlePlatform, Outcome, Rung};

/// Before and after the handle columns, one per platform.
const PEOPLE_HEADER: (&[&str], &[&str]) = (
    &["Name", "Company", "Title", "Rung", "Tags"],
    &["How we met", "Why they matter", "Notes", "Cadence (days)", "Last touch", "Added", "Archived"],
);

const TOUCHES_HEADER: &[&str] =
    &["When", "People", "Channel", "Platform", "Direction", "Personal", "Minutes", "Outcome", "Value", "Currency", "Notes"];

/// The handle columns of the people file, in order.
const HANDLE_COLUMNS: [HandlePlatform; 8] = [
    HandlePlatform::Email,
    HandlePlatform::Phone,
    HandlePlatform::Linkedin,
    HandlePlatform::X,
    HandlePlatform::Facebook,
    HandlePlatform::Instagram,
    HandlePlatform::Website,
    HandlePlatform::Other,
];

impl Diary {
    /// Everyone (archived too, not those merged into another), by name.
    pub fn export_people_csv(&self) -> Result<String> {
        let tz = self.tz();
        let day = |at: Option<i64>| -> Result<String> {
            Ok(at.map(instant).transpose()?.map(|t| local_date(tz, t).to_string()).unwrap_or_default())
        };
        let mut handles: HashMap<(i64, HandlePlatform), Vec<String>> = HashMap::new();
        let mut stmt = self.conn.prepare("SELECT person_id, platform, value FROM handle ORDER BY id")?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            let (person, platform, value): (i64, HandlePlatform, String) = row?;
            handles.entry((person, platform)).or_default().push(value);
        }
        let mut out = writer();
        let (before, after) = PEOPLE_HEADER;
        out.write_record(before.iter().copied().chain(HANDLE_COLUMNS.iter().map(|p| p.name())).chain(after.iter().copied()))?;
        let mut stmt = self.conn.prepare(
            "SELECT p.id, display_name, company, title, rung,
                    coalesce((SELECT group_concat(t.name, '; ') FROM (SELECT t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                              WHERE pt.person_id = p.id ORDER BY t.name COLLATE NOCASE) t), ''),
                    how_met, why_matters, notes, cadence_days, last_touch_at, created_at, archived_at
             FROM person p WHERE merged_into IS NULL ORDER BY display_name COLLATE NOCASE, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let rung: Rung = r.get(4)?;
            let mut record: Vec<String> = vec![r.get(1)?, r.get(2)?, r.get(3)?, rung.label().to_owned(), r.get(5)?];
            record.extend(HANDLE_COLUMNS.iter().map(|&p| handles.get(&(id, p)).map(|v| v.join("; ")).unwrap_or_default()));
            record.extend([r.get(6)?, r.get(7)?, r.get(8)?]);
            record.push(r.get::<_, Option<u32>>(9)?.map(|d| d.to_string()).unwrap_or_default());
            record.extend([day(r.get(10)?)?, day(r.get(11)?)?, day(r.get(12)?)?]);
            out.write_record(record.iter().map(|c| as_text(c).into_owned()))?;
        }
        finish(out)
    }

    /// Every touch not deleted, oldest first, with the people it involved.
    pub fn export_touches_csv(&self) -> Result<String> {
        let tz = self.tz();
        let mut out = writer();
        out.write_record(TOUCHES_HEADER)?;
        let mut stmt = self.conn.prepare(
            "SELECT t.happened_at, coalesce((SELECT group_concat(p.display_name, '; ') FROM touch_person tp
                                              JOIN person p ON p.id = tp.person_id WHERE tp.touch_id = t.id), ''),
                    t.channel, t.platform, t.direction, t.personal, t.duration_minutes, t.outcome,
                    t.outcome_value_cents, coalesce(t.outcome_currency, ''), t.notes
             FROM touch t WHERE t.deleted_at IS NULL ORDER BY t.happened_at, t.id",
        )?;
        let mut rows = stmt.query(params![])?;
        while let Some(r) = rows.next()? {
            let when = instant(r.get(0)?)?.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
            let (channel, direction, outcome): (Channel, Direction, Outcome) = (r.get(2)?, r.get(4)?, r.get(7)?);
            let value = r.get::<_, Option<i64>>(8)?.map(|c| format!("{}.{:02}", c / 100, (c % 100).abs())).unwrap_or_default();
            let record = [
                when,
                r.get(1)?,
                channel.label().to_owned(),
                r.get::<_, Option<HandlePlatform>>(3)?.map_or("", HandlePlatform::name).to_owned(),
                if direction == Direction::In { "They reached out" } else { "I reached out" }.to_owned(),
                if r.get(5)? { "yes" } else { "no" }.to_owned(),
                r.get::<_, Option<i64>>(6)?.map(|m| m.to_string()).unwrap_or_default(),
                outcome.as_str().replace('_', " "),
                value,
                r.get(9)?,
                r.get(10)?,
            ];
            out.write_record(record.iter().map(|c| as_text(c).into_owned()))?;
        }
        finish(out)
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new())
}

fn finish(out: csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).expect("written from strings"))
}

/// A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets a leading apostrophe, which spreadsheets show as text.
/// Numbers, phone numbers and `@handles` cannot run and are left as they are.
fn as_text(cell: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = cell.chars().next() else { return cell.into() };
    let number = cell.chars().all(|c| c.is_ascii_digit() || " +-().,/".contains(c));
    let handle = first == '@' && cell[1..].chars().all(|c| c.is_alphanumeric() || "_.".contains(c));
    if "=+-@\t\r".contains(first) && !number && !handle {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

impl From<csv::Error> for crate::storage::error::Error {
    fn from(e: csv::Error) -> Self {
        crate::storage::error::Error::Io(std::io::Error::other(e))
    }
}
