//! A person's important dates: birthdays, work anniversaries, the day you met, any
//! occasion the user names; each a month and a day, with or without a year.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::clock::days::{ordinal, MONTHS};
use crate::clock::instants::local_date;
use crate::people::yearly::date_text;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Problems, Result};
use crate::vocab::text::{self, limits};
use crate::vocab::DateKind;

/// The earliest year a date may have.
pub const FIRST_YEAR: i32 = 1900;

/// One of a person's dates, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportantDate {
    pub id: i64,
    pub person_id: i64,
    pub kind: DateKind,
    /// What an "other" date marks ("Daughter's birthday"); may name any kind more closely.
    pub label: String,
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
    /// "12 April 1985", or "12 April" without a year.
    pub text: String,
}

/// A date as added or edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInput {
    pub kind: DateKind,
    #[serde(default)]
    pub label: String,
    pub month: u32,
    pub day: u32,
    #[serde(default)]
    pub year: Option<i32>,
}

impl DateInput {
    /// Checks every field against `today`; every problem found is in the error.
    pub(crate) fn validated(&self, today: NaiveDate) -> Result<DateInput> {
        let mut problems = Problems::default();
        let label = if self.kind == DateKind::Other {
            problems.take(text::required_line("label", "What the date marks", &self.label, limits::LINE))
        } else {
            problems.take(text::optional_line("label", "The date's label", &self.label, limits::LINE))
        };
        if !(1..=12).contains(&self.month) {
            problems.add("month", "The month must be between 1 and 12.");
        } else if self.day == 0 {
            problems.add("day", "Type the day of the month.");
        } else if NaiveDate::from_ymd_opt(2000, self.month, self.day).is_none() {
            // 2000 was a leap year: every day any year has exists in it.
            problems.add("day", format!("{} has no {}.", MONTHS[self.month as usize - 1], ordinal(self.day)));
        }
        if let Some(year) = self.year {
            if year < FIRST_YEAR {
                problems.add("year", format!("The year must be {FIRST_YEAR} or later."));
            } else if year > today.year() {
                problems.add("year", "The year cannot be in the future.");
            } else if !problems.has("month") && !problems.has("day") {
                match NaiveDate::from_ymd_opt(year, self.month, self.day) {
                    None => problems.add("day", format!("{year} has no 29 February: it was not a leap year.")),
                    Some(date) if date > today => problems.add("year", "The date cannot be in the future."),
                    Some(_) => {}
                }
            }
        }
        problems.or(DateInput { label, ..self.clone() })
    }
}

const COLUMNS: &str = "id, person_id, kind, label, month, day, year";

fn date_from_row(r: &Row<'_>) -> rusqlite::Result<ImportantDate> {
    let (month, day, year) = (r.get(4)?, r.get(5)?, r.get(6)?);
    Ok(ImportantDate {
        id: r.get(0)?,
        person_id: r.get(1)?,
        kind: r.get(2)?,
        label: r.get(3)?,
        month,
        day,
        year,
        text: date_text(month, day, year),
    })
}

/// Adds a checked date unless the person has it already; one they have without a year
/// gets the year. Whether anything changed.
pub(crate) fn insert_date(conn: &Connection, person_id: i64, date: &DateInput, now: i64) -> Result<bool> {
    let added = conn.execute(
        "INSERT INTO important_date (person_id, kind, label, month, day, year, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT DO UPDATE SET year = excluded.year WHERE year IS NULL AND excluded.year IS NOT NULL",
        params![person_id, date.kind, date.label, date.month, date.day, date.year, now],
    )?;
    Ok(added > 0)
}

/// Whether the person has this date (its year too, when it has one).
pub(crate) fn has_date(conn: &Connection, person_id: i64, date: &DateInput) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM important_date WHERE person_id = ?1 AND kind = ?2 AND month = ?3 AND day = ?4
                        AND label = ?5 COLLATE NOCASE AND (?6 IS NULL OR year IS ?6))",
        params![person_id, date.kind, date.month, date.day, date.label, date.year],
        |r| r.get(0),
    )?)
}

impl Diary {
    /// Adds a date to a person; one they already have is refused.
    pub fn add_date(&mut self, person_id: i64, input: &DateInput) -> Result<ImportantDate> {
        let input = input.validated(local_date(self.tz(), self.now()))?;
        self.person(person_id)?;
        if has_date(&self.conn, person_id, &DateInput { year: None, ..input.clone() })? {
            return Err(Error::invalid("day", format!("{} is there already.", date_text(input.month, input.day, None))));
        }
        insert_date(&self.conn, person_id, &input, self.now().timestamp())?;
        self.date(self.conn.last_insert_rowid())
    }

    /// Changes a date; a changed day is reminded of again.
    pub fn edit_date(&mut self, id: i64, input: &DateInput) -> Result<ImportantDate> {
        let input = input.validated(local_date(self.tz(), self.now()))?;
        self.date(id)?;
        self.conn
            .execute(
                "UPDATE important_date SET kind = ?2, label = ?3, month = ?4, day = ?5, year = ?6,
                     reminded_for = CASE WHEN month = ?4 AND day = ?5 AND kind = ?2 THEN reminded_for END
                 WHERE id = ?1",
                params![id, input.kind, input.label, input.month, input.day, input.year],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    Error::invalid("day", format!("{} is there already.", date_text(input.month, input.day, None)))
                }
                _ => e.into(),
            })?;
        self.date(id)
    }

    pub fn delete_date(&mut self, id: i64) -> Result<()> {
        if self.conn.execute("DELETE FROM important_date WHERE id = ?1", [id])? == 0 {
            return Err(Error::not_found(format!("Date {id}")));
        }
        Ok(())
    }

    /// One date.
    pub fn date(&self, id: i64) -> Result<ImportantDate> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM important_date WHERE id = ?1"), [id], date_from_row)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Date {id}")))
    }

    /// A person's dates through the year: January first.
    pub fn person_dates(&self, person_id: i64) -> Result<Vec<ImportantDate>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM important_date WHERE person_id = ?1 ORDER BY month, day, kind, label, id"))?;
        let rows = stmt.query_map([person_id], date_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
