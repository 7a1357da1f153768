//! RRULE expansion, the part calendars use: FREQ DAILY/WEEKLY/MONTHLY/YEARLY with
//! INTERVAL, COUNT, UNTIL, BYDAY (with ordinals: `2TU`, `-1FR`), BYMONTHDAY, BYMONTH
//! and WKST. Written here because icalendar's `recurrence` needs Rust 1.88 and the
//! `rrule` crate (which also brings `regex`) refuses whole rules that exports carry: an
//! UNTIL not in UTC for a zoned start, an UNTIL before DTSTART.
//! Occurrences are wall-clock times in the event's zone, so a weekly 09:00 in Berlin
//! stays 09:00 across summer time.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::when::Zone;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

#[derive(Debug, Clone, Copy)]
enum Until {
    Instant(i64),
    Local(NaiveDateTime),
}

#[derive(Debug, Clone)]
pub(super) struct Rule {
    freq: Freq,
    interval: u32,
    count: Option<u32>,
    until: Option<Until>,
    /// (ordinal, weekday); ordinal 0 means every such weekday.
    by_day: Vec<(i32, Weekday)>,
    by_month_day: Vec<i32>,
    by_month: Vec<u32>,
    week_start: Weekday,
}

/// Periods looked at before giving up on a rule that never matches (BYMONTHDAY=30 in February).
const MAX_PERIODS: u32 = 500_000;

pub(super) fn parse(value: &str) -> Result<Rule, String> {
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        count: None,
        until: None,
        by_day: Vec::new(),
        by_month_day: Vec::new(),
        by_month: Vec::new(),
        week_start: Weekday::Mon,
    };
    let mut freq = None;
    for part in value.trim().split(';').filter(|p| !p.is_empty()) {
        let (key, val) = part.split_once('=').ok_or_else(|| format!("RRULE part \"{part}\" has no value"))?;
        let bad = || format!("RRULE {key}={val} is not understood");
        match key.trim().to_ascii_uppercase().as_str() {
            "FREQ" => {
                freq = Some(match val.to_ascii_uppercase().as_str() {
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    "YEARLY" => Freq::Yearly,
                    _ => return Err(format!("RRULE FREQ={val} is not read")),
                })
            }
            "INTERVAL" => rule.interval = val.parse().ok().filter(|&n| n > 0).ok_or_else(bad)?,
            "COUNT" => rule.count = Some(val.parse().map_err(|_| bad())?),
            "UNTIL" => rule.until = Some(until(val).ok_or_else(bad)?),
            "BYDAY" => rule.by_day = val.split(',').map(by_day).collect::<Option<_>>().ok_or_else(bad)?,
            "BYMONTHDAY" => {
                rule.by_month_day = val
                    .split(',')
                    .map(|d| d.parse().ok().filter(|d: &i32| (1..=31).contains(&d.abs())))
                    .collect::<Option<_>>()
                    .ok_or_else(bad)?
            }
            "BYMONTH" => {
                rule.by_month =
                    val.split(',').map(|m| m.parse().ok().filter(|m| (1..=12).contains(m))).collect::<Option<_>>().ok_or_else(bad)?
            }
            "WKST" => rule.week_start = weekday(val).ok_or_else(bad)?,
            other => return Err(format!("RRULE {other} is not read")),
        }
    }
    rule.freq = freq.ok_or("RRULE has no FREQ")?;
    if rule.freq == Freq::Yearly && rule.by_month.is_empty() && rule.by_day.iter().any(|(n, _)| *n != 0) {
        return Err("RRULE BYDAY with a week of the year is not read".into());
    }
    Ok(rule)
}

fn until(val: &str) -> Option<Until> {
    if val.len() == 8 {
        let day = NaiveDate::parse_from_str(val, "%Y%m%d").ok()?;
        return Some(Until::Local(day.and_time(NaiveTime::from_hms_opt(23, 59, 59)?)));
    }
    match val.strip_suffix(['Z', 'z']) {
        Some(t) => Some(Until::Instant(NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M%S").ok()?.and_utc().timestamp())),
        None => Some(Until::Local(NaiveDateTime::parse_from_str(val, "%Y%m%dT%H%M%S").ok()?)),
    }
}

fn by_day(text: &str) -> Option<(i32, Weekday)> {
    let text = text.trim();
    let split = text.len().checked_sub(2)?;
    let (ord, day) = (text.get(..split)?, text.get(split..)?);
    let ord = if ord.is_empty() { 0 } else { ord.trim_start_matches('+').parse().ok().filter(|n: &i32| (1..=53).contains(&n.abs()))? };
    Some((ord, weekday(day)?))
}

fn weekday(text: &str) -> Option<Weekday> {
    Some(match text.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// The occurrences up to `now` (DTSTART first, as RFC 5545 counts it), at most `cap`;
/// the flag says the cap was hit.
pub(super) fn expand(rule: &Rule, start: NaiveDateTime, zone: Zone, now: i64, cap: usize) -> (Vec<NaiveDateTime>, bool) {
    let mut out = Vec::new();
    let past = |t: NaiveDateTime| zone.unix(t).is_none_or(|u| u > now);
    let after_until = |t: NaiveDateTime| match rule.until {
        Some(Until::Local(u)) => t > u,
        Some(Until::Instant(u)) => zone.unix(t).is_none_or(|t| t > u),
        None => false,
    };
    if past(start) || after_until(start) || cap == 0 {
        return (out, false);
    }
    out.push(start);
    let mut counted = 1u32;
    // The last day worth looking at: a period that begins after it holds only later times.
    let Some(horizon) = chrono::DateTime::from_timestamp(now, 0).and_then(|t| t.date_naive().checked_add_days(Days::new(2))) else {
        return (out, false);
    };
    for k in 0..MAX_PERIODS {
        let Some((first_day, days)) = period(rule, start.date(), k) else { break };
        if first_day > horizon {
            return (out, false);
        }
        for day in days {
            let t = day.and_time(start.time());
            if t <= start {
                continue;
            }
            if rule.count.is_some_and(|c| counted >= c) || after_until(t) || past(t) {
                return (out, false);
            }
            if out.len() >= cap {
                return (out, true);
            }
            counted += 1;
            out.push(t);
        }
    }
    (out, true)
}

/// The `k`th period's first day and its days that match the rule, in order.
fn period(rule: &Rule, start: NaiveDate, k: u32) -> Option<(NaiveDate, Vec<NaiveDate>)> {
    let step = k.checked_mul(rule.interval)?;
    let month_ok = |d: &NaiveDate| rule.by_month.is_empty() || rule.by_month.contains(&d.month());
    match rule.freq {
        Freq::Daily => {
            let day = start.checked_add_days(Days::new(step.into()))?;
            let weekday_ok = rule.by_day.is_empty() || rule.by_day.iter().any(|(_, w)| *w == day.weekday());
            let keep = month_ok(&day) && weekday_ok && month_day_ok(rule, day);
            Some((day, if keep { vec![day] } else { Vec::new() }))
        }
        Freq::Weekly => {
            let back = days_from(rule.week_start, start.weekday());
            let week = start.checked_sub_days(Days::new(back.into()))?.checked_add_days(Days::new(u64::from(step) * 7))?;
            let mut offsets: Vec<u32> =
                if rule.by_day.is_empty() { vec![back] } else { rule.by_day.iter().map(|(_, w)| days_from(rule.week_start, *w)).collect() };
            offsets.sort_unstable();
            offsets.dedup();
            let days = offsets.into_iter().filter_map(|o| week.checked_add_days(Days::new(o.into()))).filter(month_ok).collect();
            Some((week, days))
        }
        Freq::Monthly => {
            let first = start.with_day(1)?.checked_add_months(Months::new(step))?;
            let days = if month_ok(&first) { month_days(rule, first, start.day()) } else { Vec::new() };
            Some((first, days))
        }
        Freq::Yearly => {
            let year = start.year().checked_add(i32::try_from(step).ok()?)?;
            let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
            let mut months = if rule.by_month.is_empty() { vec![start.month()] } else { rule.by_month.clone() };
            months.sort_unstable();
            months.dedup();
            let days = months
                .into_iter()
                .filter_map(|m| NaiveDate::from_ymd_opt(year, m, 1))
                .flat_map(|m| month_days(rule, m, start.day()))
                .collect();
            Some((first, days))
        }
    }
}

/// Days from `from` forward to `to` within a week.
fn days_from(from: Weekday, to: Weekday) -> u32 {
    (to.num_days_from_monday() + 7 - from.num_days_from_monday()) % 7
}

fn month_day_ok(rule: &Rule, day: NaiveDate) -> bool {
    rule.by_month_day.is_empty() || rule.by_month_day.iter().any(|&d| resolve(day.with_day(1), d) == Some(day))
}

/// The `n`th day of `first`'s month, counting from its end when negative.
fn resolve(first: Option<NaiveDate>, n: i32) -> Option<NaiveDate> {
    let first = first?;
    if n > 0 {
        return first.with_day(u32::try_from(n).ok()?);
    }
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    last.checked_sub_days(Days::new(u64::from(n.unsigned_abs().checked_sub(1)?))).filter(|d| d.month() == first.month())
}

/// The days of `first`'s month the rule picks; the start's day when it names none.
fn month_days(rule: &Rule, first: NaiveDate, start_day: u32) -> Vec<NaiveDate> {
    let all: Vec<NaiveDate> = first.iter_days().take_while(|d| d.month() == first.month()).collect();
    let by_weekday = |day: &NaiveDate| {
        rule.by_day.iter().any(|&(n, w)| {
            let same: Vec<&NaiveDate> = all.iter().filter(|d| d.weekday() == w).collect();
            let pick = match n {
                0 => return day.weekday() == w,
                n if n > 0 => usize::try_from(n - 1).ok().and_then(|i| same.get(i)),
                n => usize::try_from(n.unsigned_abs()).ok().and_then(|a| same.len().checked_sub(a)).and_then(|i| same.get(i)),
            };
            pick.is_some_and(|d| *d == day)
        })
    };
    all.iter()
        .copied()
        .filter(|d| match (rule.by_day.is_empty(), rule.by_month_day.is_empty()) {
            (true, true) => d.day() == start_day,
            (false, true) => by_weekday(d),
            (true, false) => month_day_ok(rule, *d),
            (false, false) => by_weekday(d) && month_day_ok(rule, *d),
        })
        .collect()
}
