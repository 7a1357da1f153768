//! "Now" and "here" are parameters: the shell passes the computer's clock and time zone,
//! tests pin both.

pub mod days;
pub mod durations;
pub mod instants;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
    /// The user's time zone: weeks, "today" and due times are local.
    fn tz(&self) -> Tz;
}

/// The computer's clock and time zone (UTC if the zone cannot be read).
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn tz(&self) -> Tz {
        iana_time_zone::get_timezone().ok().and_then(|name| name.parse().ok()).unwrap_or(Tz::UTC)
    }
}

/// A clock that always says the same instant in the same zone, for tests and
/// reproducible runs.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock {
    pub now: DateTime<Utc>,
    pub tz: Tz,
}

impl FixedClock {
    /// `now` in UTC.
    pub fn utc(now: DateTime<Utc>) -> FixedClock {
        FixedClock { now, tz: Tz::UTC }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.now
    }

    fn tz(&self) -> Tz {
        self.tz
    }
}
