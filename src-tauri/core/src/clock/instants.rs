//! Instants as the diary stores them: whole seconds since the Unix epoch, UTC.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Reads a stored instant.
pub(crate) fn instant(seconds: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer, format!("instant out of range: {seconds}").into())
    })
}

/// Whole days from `from` to `to`, rounded down; negative when `to` is earlier.
pub(crate) fn days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_seconds().div_euclid(86_400)
}

/// The instant a local date and wall-clock time name in `tz`. A time skipped by a
/// daylight-saving change (02:30 on a spring-forward night) is read as the first valid
/// time after it; a time that happens twice is read as the first.
pub fn local_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let mut wall = date.and_time(time);
    for _ in 0..8 {
        if let Some(first) = tz.from_local_datetime(&wall).earliest() {
            return first.with_timezone(&Utc);
        }
        wall += chrono::Duration::minutes(15);
    }
    // No zone skips two hours; fall back to reading the wall time as UTC.
    Utc.from_utc_datetime(&date.and_time(time))
}

/// The local date of an instant in `tz`.
pub fn local_date(tz: Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// Local midnight starting `date`.
pub(crate) fn start_of_day(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    local_instant(tz, date, NaiveTime::MIN)
}
