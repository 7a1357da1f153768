//! When a line was written. WhatsApp writes the phone's wall-clock time in the phone's
//! date order, with no zone and no word on which number is the day.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Timelike};
use chrono_tz::Tz;

use super::lines::{Half, Header};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    DayFirst,
    MonthFirst,
}

/// The file's date order, and whether it had to be guessed. A first number over 12
/// means day first, a second one month first (the majority wins, so one garbled line
/// cannot flip a file). With neither, the order that keeps the messages in time order;
/// with no difference there either, day first, as most of the world writes it.
pub(super) fn settle(headers: &[Header<'_>]) -> (Order, bool) {
    let (mut day, mut month) = (0usize, 0usize);
    for h in headers.iter().filter(|h| !h.year_first) {
        let [a, b, _] = h.date;
        if a > 12 && b <= 12 {
            day += 1;
        } else if b > 12 && a <= 12 {
            month += 1;
        }
    }
    if day != month {
        return (if day > month { Order::DayFirst } else { Order::MonthFirst }, false);
    }
    let (d, m) = (backsteps(headers, Order::DayFirst), backsteps(headers, Order::MonthFirst));
    if d != m {
        return (if d < m { Order::DayFirst } else { Order::MonthFirst }, false);
    }
    // Only a date like 3/4 makes the order matter; 5/5 reads the same either way.
    let matters = headers.iter().any(|h| !h.year_first && h.date[0] != h.date[1]);
    (Order::DayFirst, matters)
}

/// How often a message is older than the one before it, read in this order.
fn backsteps(headers: &[Header<'_>], order: Order) -> usize {
    let mut last = None;
    let mut steps = 0;
    for at in headers.iter().filter_map(|h| local(h, order)) {
        if last.is_some_and(|l| at < l) {
            steps += 1;
        }
        last = Some(at);
    }
    steps
}

/// The wall-clock time written, or `None` when no such date or time exists (31/02).
pub(super) fn local(h: &Header<'_>, order: Order) -> Option<NaiveDateTime> {
    let [a, b, c] = h.date;
    let (year, month, day) = match (h.year_first, order) {
        (true, _) => (a, b, c),
        (false, Order::DayFirst) => (c, b, a),
        (false, Order::MonthFirst) => (c, a, b),
    };
    let year = match year {
        0..=99 => 2000 + year,
        // Thai phones count from the Buddha ("2565 BE" is 2022).
        2400.. => year - 543,
        _ => year,
    };
    let hour = match (h.half, h.hour) {
        (Some(Half::Am), 12) => 0,
        (Some(Half::Pm), 0..=11) => h.hour + 12,
        _ => h.hour,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?.and_hms_opt(hour, h.minute, h.second)
}

/// Unix seconds of a wall-clock time in `tz`. A time the clocks skipped (02:30 when
/// they jump from 02:00 to 03:00) is the instant the gap ends; a time they passed
/// twice is the earlier one.
pub(super) fn instant(local: NaiveDateTime, tz: Tz) -> i64 {
    if let Some(at) = tz.from_local_datetime(&local).earliest() {
        return at.timestamp();
    }
    // Gaps end on a whole minute; the longest on record (Samoa, 2011) is a day.
    let start = local.with_second(0).unwrap_or(local);
    for step in 1..=(25 * 60) {
        if let Some(at) = tz.from_local_datetime(&(start + TimeDelta::minutes(step))).earliest() {
            return at.timestamp();
        }
    }
    local.and_utc().timestamp()
}
