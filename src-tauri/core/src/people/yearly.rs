//! When a yearly date next comes: the pure rule behind Today's dates, their reminders,
//! the birthday nudge and the calendar export.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::clock::days::MONTHS;
use crate::vocab::DateKind;

/// The next time a yearly date comes, seen from a local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// The local day it falls on.
    pub on: NaiveDate,
    /// Whole days from the day it was seen from: 0 on the day itself.
    pub days_until: i64,
    /// The years it marks that day, when the year is known: 41 for a birthday of 1985 in 2026.
    pub years: Option<i32>,
}

/// The day `month`/`day` falls on in `year`. February 29 falls on February 28 in a
/// year without one: it stays in its month, as most calendars and people keep it.
pub fn day_in_year(month: u32, day: u32, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| (month == 2 && day == 29).then(|| NaiveDate::from_ymd_opt(year, 2, 28))?)
}

/// The first occurrence of `month`/`day` on or after `from`; `year` (when known) gives
/// the years it marks. `None` only for a month and day no year has.
pub fn next_occurrence(month: u32, day: u32, year: Option<i32>, from: NaiveDate) -> Option<Occurrence> {
    let this_year = day_in_year(month, day, from.year())?;
    let on = if this_year >= from { this_year } else { day_in_year(month, day, from.year() + 1)? };
    Some(Occurrence { on, days_until: (on - from).num_days(), years: year.map(|y| on.year() - y) })
}

/// "12 April 1985", or "12 April" without a year.
pub fn date_text(month: u32, day: u32, year: Option<i32>) -> String {
    let month = MONTHS.get(month.wrapping_sub(1) as usize).copied().unwrap_or("?");
    match year {
        Some(year) => format!("{day} {month} {year}"),
        None => format!("{day} {month}"),
    }
}

/// What an occurrence marks, when the year is known and it is not the first day itself:
/// "turns 41", "5 years", "1 year".
pub fn marks_text(kind: DateKind, years: Option<i32>) -> Option<String> {
    match (kind, years?) {
        (_, ..=0) => None,
        (DateKind::Birthday, n) => Some(format!("turns {n}")),
        (_, 1) => Some("1 year".into()),
        (_, n) => Some(format!("{n} years")),
    }
}

/// "today", "tomorrow", "Friday, 4 December"; with the year when it is not `from`'s.
pub fn when_text(on: NaiveDate, from: NaiveDate) -> String {
    match (on - from).num_days() {
        0 => "today".into(),
        1 => format!("tomorrow, {}", on.format("%A %-d %B")),
        _ if on.year() != from.year() => on.format("%A, %-d %B %Y").to_string(),
        _ => on.format("%A, %-d %B").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn february_29_is_kept_on_the_28th_in_years_without_one() {
        assert_eq!(next_occurrence(2, 29, None, d(2027, 1, 10)).unwrap().on, d(2027, 2, 28));
        assert_eq!(next_occurrence(2, 29, None, d(2028, 1, 10)).unwrap().on, d(2028, 2, 29));
        // 2100 is not a leap year: divisible by 100, not by 400.
        assert_eq!(next_occurrence(2, 29, None, d(2100, 2, 1)).unwrap().on, d(2100, 2, 28));
        assert_eq!(next_occurrence(2, 29, None, d(2000, 2, 1)).unwrap().on, d(2000, 2, 29));
        // Seen on the 28th of a leap year it is tomorrow, not today.
        assert_eq!(next_occurrence(2, 29, None, d(2028, 2, 28)).unwrap().days_until, 1);
        // Past it in a leap year: next year's 28th.
        assert_eq!(
            next_occurrence(2, 29, Some(1996), d(2028, 3, 1)).unwrap(),
            Occurrence { on: d(2029, 2, 28), days_until: 364, years: Some(33) }
        );
    }

    #[test]
    fn the_day_itself_counts_and_a_day_past_waits_a_year() {
        assert_eq!(
            next_occurrence(4, 12, Some(1985), d(2026, 4, 12)).unwrap(),
            Occurrence { on: d(2026, 4, 12), days_until: 0, years: Some(41) }
        );
        assert_eq!(next_occurrence(4, 12, None, d(2026, 4, 13)).unwrap(), Occurrence { on: d(2027, 4, 12), days_until: 364, years: None });
    }

    #[test]
    fn december_31_wraps_into_january() {
        assert_eq!(
            next_occurrence(1, 2, Some(2020), d(2026, 12, 31)).unwrap(),
            Occurrence { on: d(2027, 1, 2), days_until: 2, years: Some(7) }
        );
        assert_eq!(next_occurrence(12, 31, None, d(2026, 12, 31)).unwrap().days_until, 0);
    }

    #[test]
    fn a_day_no_year_has_has_no_occurrence() {
        assert_eq!(next_occurrence(4, 31, None, d(2026, 1, 1)), None);
        assert_eq!(next_occurrence(13, 1, None, d(2026, 1, 1)), None);
    }

    #[test]
    fn texts_read_as_sentences() {
        assert_eq!(date_text(4, 12, Some(1985)), "12 April 1985");
        assert_eq!(date_text(2, 29, None), "29 February");
        assert_eq!(marks_text(DateKind::Birthday, Some(41)).as_deref(), Some("turns 41"));
        assert_eq!(marks_text(DateKind::WorkAnniversary, Some(5)).as_deref(), Some("5 years"));
        assert_eq!(marks_text(DateKind::MetOn, Some(1)).as_deref(), Some("1 year"));
        assert_eq!(marks_text(DateKind::Birthday, Some(0)), None);
        assert_eq!(marks_text(DateKind::Birthday, None), None);
        assert_eq!(when_text(d(2026, 12, 4), d(2026, 12, 1)), "Friday, 4 December");
        assert_eq!(when_text(d(2026, 12, 2), d(2026, 12, 1)), "tomorrow, Wednesday 2 December");
        assert_eq!(when_text(d(2027, 1, 2), d(2026, 12, 31)), "Saturday, 2 January 2027");
    }
}
