//! DTSTART-like values and the zones they are in: IANA names (Google, Apple), Windows
//! names (Outlook), a VTIMEZONE's standard offset, UTC, floating, or a whole day.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone as _};
use chrono_tz::Tz;

use super::ics::{Prop, TimeZone};

/// How a wall-clock time becomes an instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Zone {
    Utc,
    /// No zone given. RFC 5545 means "wherever the reader is"; the reader has no diary
    /// and so no zone, so these are read as UTC.
    Floating,
    Tz(Tz),
    /// A VTIMEZONE no table knows: its standard offset, summer time not applied.
    Fixed(FixedOffset),
    /// `VALUE=DATE`: placed at noon UTC, so the day stays the same day when the diary
    /// shows it in any zone from UTC-11 to UTC+11.
    AllDay,
}

impl Zone {
    /// The instant of a wall-clock time here. A time skipped by a change to summer time
    /// is read an hour later, as RFC 5545 §3.3.5 says; a repeated one as its first.
    pub fn unix(self, local: NaiveDateTime) -> Option<i64> {
        match self {
            Zone::Utc | Zone::Floating => Some(local.and_utc().timestamp()),
            Zone::AllDay => Some(local.date().and_time(NaiveTime::from_hms_opt(12, 0, 0)?).and_utc().timestamp()),
            Zone::Fixed(off) => off.from_local_datetime(&local).earliest().map(|t| t.timestamp()),
            Zone::Tz(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .or_else(|| tz.from_local_datetime(&(local + TimeDelta::hours(1))).earliest())
                .map(|t| t.timestamp()),
        }
    }
}

/// A value with its zone: the wall-clock time as written, and how to read it.
#[derive(Debug, Clone, Copy)]
pub(super) struct When {
    pub local: NaiveDateTime,
    pub zone: Zone,
}

impl When {
    pub fn unix(&self) -> Option<i64> {
        self.zone.unix(self.local)
    }
}

/// The zones a file names, resolved once; a name nothing knows is reported once.
pub(super) struct Zones<'a> {
    pub blocks: &'a [TimeZone],
    /// (line, zone name, reason) of each name nothing knows.
    pub unknown: Vec<(usize, String, String)>,
}

impl Zones<'_> {
    /// Reads `prop`'s value (or one of its comma-separated values, for EXDATE).
    pub fn when(&mut self, prop: &Prop, value: &str) -> Result<When, String> {
        let value = value.trim();
        let all_day = prop.param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) || value.len() == 8;
        if all_day {
            let date = NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| format!("{} is not a date ({value})", prop.name))?;
            return Ok(When { local: date.and_time(NaiveTime::MIN), zone: Zone::AllDay });
        }
        let (text, utc) = match value.strip_suffix(['Z', 'z']) {
            Some(t) => (t, true),
            None => (value, false),
        };
        let local =
            NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").map_err(|_| format!("{} is not a date and time ({value})", prop.name))?;
        let zone = match (utc, prop.param("TZID")) {
            (true, _) => Zone::Utc,
            (false, Some(tzid)) => self.zone(tzid, prop.line),
            (false, None) => Zone::Floating,
        };
        Ok(When { local, zone })
    }

    fn zone(&mut self, tzid: &str, line: usize) -> Zone {
        if let Some(tz) = known(tzid) {
            return Zone::Tz(tz);
        }
        let block = self.blocks.iter().find(|b| b.tzid == tzid).and_then(|b| b.standard_offset);
        let fixed = block.and_then(FixedOffset::east_opt);
        if !self.unknown.iter().any(|(_, name, _)| name == tzid) {
            let reason = match fixed {
                Some(off) => format!("time zone \"{tzid}\" is not known; its standard offset {off} is used, without summer time"),
                None => format!("time zone \"{tzid}\" is not known; its times are read as UTC"),
            };
            self.unknown.push((line, tzid.to_owned(), reason));
        }
        fixed.map_or(Zone::Utc, Zone::Fixed)
    }
}

/// An IANA name, a Windows name, or an IANA name at the end of a path
/// (`/mozilla.org/20050126_1/Europe/Berlin`).
fn known(tzid: &str) -> Option<Tz> {
    let name = tzid.trim().trim_matches('"');
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    if let Some((_, iana)) = WINDOWS.iter().find(|(w, _)| w.eq_ignore_ascii_case(name)) {
        return iana.parse().ok();
    }
    let parts: Vec<&str> = name.rsplit('/').take(3).collect();
    (2..=parts.len()).rev().find_map(|n| {
        let tail: Vec<&str> = parts[..n].iter().rev().copied().collect();
        tail.join("/").parse().ok()
    })
}

/// Outlook's (Windows) zone names, the common ones, after CLDR's windowsZones.xml.
const WINDOWS: &[(&str, &str)] = &[
    ("UTC", "UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("Romance Standard Time", "Europe/Paris"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kyiv"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("India Standard Time", "Asia/Kolkata"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
];
