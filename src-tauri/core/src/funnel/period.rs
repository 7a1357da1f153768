//! The funnel's periods: a quarter, a year or all time, in the diary's time zone, and the
//! steps back and forward the screen takes between them.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::clock::instants::start_of_day;

/// Which people the funnel reads: those who started in this period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Period {
    /// `q` is 1 to 4: Q1 is January to March.
    Quarter {
        year: i32,
        q: u32,
    },
    Year {
        year: i32,
    },
    #[default]
    All,
}

impl Period {
    /// The quarter holding `day`.
    pub fn quarter_of(day: NaiveDate) -> Period {
        Period::Quarter { year: day.year(), q: day.month0() / 3 + 1 }
    }

    /// "Q1 2026", "2026", "All time".
    pub fn label(self) -> String {
        match self {
            Period::Quarter { year, q } => format!("Q{q} {year}"),
            Period::Year { year } => year.to_string(),
            Period::All => "All time".to_owned(),
        }
    }

    /// The period of the same kind before this one; none before all time.
    pub fn previous(self) -> Option<Period> {
        match self {
            Period::Quarter { year, q: 1 } => Some(Period::Quarter { year: year - 1, q: 4 }),
            Period::Quarter { year, q } => Some(Period::Quarter { year, q: q - 1 }),
            Period::Year { year } => Some(Period::Year { year: year - 1 }),
            Period::All => None,
        }
    }

    /// The period after this one, unless it would begin after `today`: the future has
    /// nobody in it.
    pub fn next(self, today: NaiveDate) -> Option<Period> {
        let next = match self {
            Period::Quarter { year, q: 4 } => Period::Quarter { year: year + 1, q: 1 },
            Period::Quarter { year, q } => Period::Quarter { year, q: q + 1 },
            Period::Year { year } => Period::Year { year: year + 1 },
            Period::All => return None,
        };
        (next.first_day()? <= today).then_some(next)
    }

    /// A quarter numbered 1 to 4, a year chrono can hold.
    pub(crate) fn is_valid(self) -> bool {
        match self {
            Period::Quarter { q, .. } if !(1..=4).contains(&q) => false,
            Period::All => true,
            _ => self.first_day().is_some() && self.end_day().is_some(),
        }
    }

    fn first_day(self) -> Option<NaiveDate> {
        match self {
            Period::Quarter { year, q } => NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1),
            Period::Year { year } => NaiveDate::from_ymd_opt(year, 1, 1),
            Period::All => None,
        }
    }

    /// The first day after the period.
    fn end_day(self) -> Option<NaiveDate> {
        match self {
            Period::Quarter { year, q: 4 } | Period::Year { year } => NaiveDate::from_ymd_opt(year + 1, 1, 1),
            Period::Quarter { year, q } => NaiveDate::from_ymd_opt(year, q * 3 + 1, 1),
            Period::All => None,
        }
    }

    /// `[from, until)`: local midnight of its first day to local midnight after its last,
    /// in `tz`; none for all time.
    pub(crate) fn bounds(self, tz: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        Some((start_of_day(tz, self.first_day()?), start_of_day(tz, self.end_day()?)))
    }

    /// The quarters the trend shows for this period, oldest first: a year's four, or the
    /// four ending with a quarter (so one quarter still has a trend), or the last
    /// [`TREND_QUARTERS`] up to `today` for all time.
    pub(crate) fn trend(self, today: NaiveDate) -> Vec<Period> {
        let (last, count) = match self {
            Period::Year { year } => (Period::Quarter { year, q: 4 }, 4),
            Period::Quarter { .. } => (self, 4),
            Period::All => (Period::quarter_of(today), TREND_QUARTERS),
        };
        let mut quarters = vec![last];
        while quarters.len() < count {
            let Some(before) = quarters[quarters.len() - 1].previous() else { break };
            quarters.push(before);
        }
        quarters.reverse();
        quarters
    }
}

/// Quarters in the all-time trend: two years.
pub const TREND_QUARTERS: usize = 8;
