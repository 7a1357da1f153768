//! Instants as the diary stores them: whole seconds since the Unix epoch, UTC.

use chrono::{DateTime, Utc};

/// Reads a stored instant.
pub(crate) fn instant(seconds: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Integer,
            format!("instant out of range: {seconds}").into(),
        )
    })
}

/// Whole days from `from` to `to`, rounded down; negative when `to` is earlier.
pub(crate) fn days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_seconds().div_euclid(86_400)
}
