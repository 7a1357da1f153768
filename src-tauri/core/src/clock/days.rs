//! Days as a person types them: "2026-12-24", "24 Dec 2026", "24 December", "today",
//! "tomorrow". An impossible day is named ("February has no 30th") rather than read as
//! nothing, which is what a browser's date field does with it.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::clock::instants::local_date;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};

/// The months' names, January first: in typed days, dates' texts and their errors.
pub(crate) const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// A day sent by the window: a date already read, or the text as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TypedDay {
    Date(NaiveDate),
    Text(String),
}

impl From<NaiveDate> for TypedDay {
    fn from(date: NaiveDate) -> Self {
        TypedDay::Date(date)
    }
}

impl TypedDay {
    /// The day meant, "today" being `today`; a problem with `field` when there is none.
    pub fn resolve(&self, field: &'static str, today: NaiveDate) -> Result<NaiveDate> {
        match self {
            TypedDay::Date(date) => Ok(*date),
            TypedDay::Text(text) => parse_typed_day(text, today).map_err(|message| Error::invalid(field, message)),
        }
    }
}

impl Diary {
    /// A day typed in the window, read in the user's time zone; an impossible or unreadable
    /// one is a problem with `day` that names what is wrong.
    pub fn read_day(&self, text: &str) -> Result<NaiveDate> {
        TypedDay::Text(text.to_owned()).resolve("day", local_date(self.tz(), self.now()))
    }
}

/// Reads a day typed as `YYYY-MM-DD`, `D Mon YYYY`, `D Month` (this year), "today" or
/// "tomorrow"; the error is the sentence to show beside the field. Only ASCII digits count:
/// other scripts' digits look alike but are not what the placeholder shows.
pub fn parse_typed_day(text: &str, today: NaiveDate) -> std::result::Result<NaiveDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Give the day, like 2026-12-24.".into());
    }
    let unreadable = || format!("“{text}” is not a day Rapport can read; write it like 2026-12-24 or 24 Dec 2026.");
    match text.to_lowercase().as_str() {
        "today" => return Ok(today),
        "tomorrow" => return Ok(today + Duration::days(1)),
        _ => {}
    }
    let (year, month, day) = if let Some(parts) = iso_parts(text) {
        parts
    } else {
        let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        let (first, second, year) = match words.as_slice() {
            [first, second] => (*first, *second, None),
            [first, second, year] => (*first, *second, Some(*year)),
            _ => return Err(unreadable()),
        };
        // "24 Dec" or "Dec 24": a month's name leaves no doubt which number is the day.
        let (day, month) = match (day_number(first), month_named(second)) {
            (Some(day), Some(month)) => (day, month),
            _ => (day_number(second).ok_or_else(unreadable)?, month_named(first).ok_or_else(unreadable)?),
        };
        let year = match year {
            Some(year) => number(year, 4).filter(|_| year.len() == 4).ok_or_else(unreadable)? as i32,
            None => today.year(),
        };
        (year, month, day)
    };
    if !(1..=12).contains(&month) {
        return Err(format!("There is no month {month}; months go from 1 to 12."));
    }
    if day == 0 {
        return Err("There is no day 0; a month starts on the 1st.".into());
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let name = MONTHS[month as usize - 1];
        if day > 31 {
            format!("No month has a {}.", ordinal(day))
        } else if month == 2 && day == 29 {
            format!("{year} has no February 29th.")
        } else {
            format!("{name} has no {}.", ordinal(day))
        }
    })
}

/// `YYYY-MM-DD` (month and day may be one digit) as its three numbers.
fn iso_parts(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    Some((number(year, 4)? as i32, number(month, 2)?, number(day, 2)?))
}

/// A number of 1 to `max_digits` ASCII digits.
fn number(text: &str, max_digits: usize) -> Option<u32> {
    let ok = !text.is_empty() && text.len() <= max_digits && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

/// "24", "24th", "1st.": the day of a month written with its name.
fn day_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    let digits = ["st", "nd", "rd", "th"].iter().find_map(|s| word.strip_suffix(s)).unwrap_or(word);
    number(digits, 2)
}

/// "Dec", "dec.", "December" as 12; the first three letters at least.
fn month_named(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| m.to_lowercase().starts_with(&word)).map(|i| i as u32 + 1)
}

/// 1st, 2nd, 3rd, 4th, 11th, 21st, 30th.
pub(crate) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
