//! Today, the day first: what is due today and the best few nudges, then what is overdue
//! summed up and grouped by how late it is, then the next seven days.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::agenda::follow_ups::{FollowUp, SnoozeChoice};
use crate::agenda::nudges::Nudge;
use crate::agenda::upcoming::UpcomingDate;
use crate::clock::instants::{local_date, start_of_day};
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::vocab::NudgeKind;

/// A follow-up as Today lists it, with its due day written and, when late, how late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayRow {
    #[serde(flatten)]
    pub follow_up: FollowUp,
    /// "Thu, Jan 29", "Mon, Mar 30, 2025", "Sun, Feb 22, 1:00 PM": the year only when
    /// it is not this year. Due today: "3:00 PM", or "any time".
    pub due_text: String,
    /// "3 days late", "10 months late"; none when not late.
    pub late: Option<String>,
}

/// Overdue follow-ups of about the same age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueGroup {
    /// `week`, `month`, `year`, `older`.
    pub key: String,
    /// "Up to a week late".
    pub label: String,
    pub count: u32,
    /// The most recently due first, at most `GROUP_SHOWN`.
    pub rows: Vec<TodayRow>,
    /// Said when some are not listed: "The 50 most recent of 120 are listed".
    pub more: Option<String>,
}

/// "Drop the 32 more than a month late": every open follow-up due before `before`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropChoice {
    pub before: NaiveDate,
    pub count: u32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overdue {
    pub total: u32,
    /// "59 overdue; the oldest 10 months late." or "Nothing overdue."
    pub summary: String,
    /// Only the groups with rows, the least late first.
    pub groups: Vec<OverdueGroup>,
    pub drop_choices: Vec<DropChoice>,
}

/// What the Today view shows, in the order it shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Today {
    pub due_today: Vec<TodayRow>,
    /// What an empty "Due today" says; none when there are rows.
    pub due_today_empty: Option<String>,
    /// The best few nudges: the strongest of each kind, in turn.
    pub nudges: Vec<Nudge>,
    /// The others, for when the user asks for more.
    pub more_nudges: Vec<Nudge>,
    pub nudges_empty: Option<String>,
    pub overdue: Overdue,
    pub next_days: Vec<TodayRow>,
    pub next_days_empty: Option<String>,
    pub snooze_choices: Vec<SnoozeChoice>,
    /// Important dates coming within the next 7 days (today's first), soonest first.
    pub dates: Vec<UpcomingDate>,
}

/// How far ahead Today lists important dates: the same week as the follow-ups ahead.
pub const DATES_AHEAD: u32 = 7;

/// How many nudges Today shows before "more".
pub const NUDGES_FIRST: usize = 5;
/// The most rows a group of overdue follow-ups lists; its count and bulk actions cover all.
pub const GROUP_SHOWN: usize = 50;

/// The age groups, the least late first: key, label, and the first due date still in it.
fn groups(today: NaiveDate) -> [(&'static str, &'static str, NaiveDate); 4] {
    let months_ago = |n| today.checked_sub_months(Months::new(n)).unwrap_or(NaiveDate::MIN);
    [
        ("week", "Up to a week late", today - Duration::days(7)),
        ("month", "Up to a month late", months_ago(1)),
        ("year", "More than a month late", months_ago(12)),
        ("older", "More than a year late", NaiveDate::MIN),
    ]
}

impl Diary {
    /// Everything the Today view shows, in the user's time zone.
    pub fn today(&self) -> Result<Today> {
        let agenda = self.agenda_all()?;
        let (now, tz) = (self.now(), self.tz());
        let today = local_date(tz, now);
        let row = |f: FollowUp, late: bool| {
            let due = local_date(tz, f.due);
            TodayRow { due_text: due_text(&f, tz, today), late: late.then(|| late_text(due, today)), follow_up: f }
        };

        let bounds = groups(today);
        let mut overdue: Vec<OverdueGroup> = bounds
            .iter()
            .map(|(key, label, _)| OverdueGroup { key: (*key).into(), label: (*label).into(), count: 0, rows: Vec::new(), more: None })
            .collect();
        let total = agenda.overdue.len() as u32;
        let oldest = agenda.overdue.first().map(|f| late_text(local_date(tz, f.due), today));
        // Most recently due first, so each group lists the freshest it has.
        for f in agenda.overdue.into_iter().rev() {
            let due = local_date(tz, f.due);
            let at = bounds.iter().position(|(_, _, from)| due >= *from).unwrap_or(bounds.len() - 1);
            let group = &mut overdue[at];
            group.count += 1;
            if group.rows.len() < GROUP_SHOWN {
                group.rows.push(row(f, true));
            }
        }
        for group in &mut overdue {
            if group.count as usize > group.rows.len() {
                group.more = Some(format!(
                    "The {} most recent of {} are listed; the actions for all of them are above.",
                    group.rows.len(),
                    group.count
                ));
            }
        }
        let drop_choices = drop_choices(&overdue, &bounds);
        overdue.retain(|g| g.count > 0);

        let summary = match (total, oldest) {
            (0, _) | (_, None) => "Nothing overdue.".to_owned(),
            (1, Some(age)) => format!("1 overdue, {age}."),
            (n, Some(age)) => format!("{n} overdue; the oldest {age}."),
        };
        let mut nudges = best_first(self.nudges()?);
        let more_nudges = nudges.split_off(nudges.len().min(NUDGES_FIRST));
        let next = agenda.next_days.first().map(|f| format!(" Next: {}, {}.", f.title, due_text(f, tz, today)));
        Ok(Today {
            due_today_empty: agenda.today.is_empty().then(|| format!("Nothing due today.{}", next.unwrap_or_default())),
            // The day goes without saying here: only a time, if it has one.
            due_today: agenda.today.into_iter().map(|f| TodayRow { due_text: time_text(&f, tz), ..row(f, false) }).collect(),
            nudges_empty: nudges.is_empty().then(|| self.no_nudges_text()).transpose()?,
            nudges,
            more_nudges,
            overdue: Overdue { total, summary, groups: overdue, drop_choices },
            next_days_empty: agenda.next_days.is_empty().then(|| "Nothing planned for the next 7 days.".to_owned()),
            next_days: agenda.next_days.into_iter().map(|f| row(f, false)).collect(),
            snooze_choices: self.snooze_choices()?,
            dates: self.dates_coming(today, i64::from(DATES_AHEAD))?,
        })
    }

    fn no_nudges_text(&self) -> Result<String> {
        let touches: i64 = self.conn.query_row("SELECT count(*) FROM touch WHERE deleted_at IS NULL", [], |r| r.get(0))?;
        Ok(if touches == 0 {
            "No nudges yet: they come from the touches you log.".into()
        } else {
            "No nudges right now: nobody is waiting on a call, a touch or a thank-you.".into()
        })
    }

    /// Every open follow-up due before the end of the next seven days, split as Today
    /// splits them; `overdue` oldest first and complete.
    fn agenda_all(&self) -> Result<crate::agenda::Agenda> {
        let (now, tz) = (self.now(), self.tz());
        let today = local_date(tz, now);
        let (today_start, tomorrow) = (start_of_day(tz, today), start_of_day(tz, today + Duration::days(1)));
        let week_end = start_of_day(tz, today + Duration::days(8));
        let all = self.open_follow_ups("coalesce(f.snoozed_until, f.due_at) < ?1", rusqlite::params![week_end.timestamp()])?;
        let mut agenda = crate::agenda::Agenda { overdue: Vec::new(), overdue_total: 0, today: Vec::new(), next_days: Vec::new() };
        for f in all {
            if f.is_late(now, today_start) {
                agenda.overdue.push(f);
            } else if f.due < tomorrow {
                agenda.today.push(f);
            } else {
                agenda.next_days.push(f);
            }
        }
        agenda.overdue_total = agenda.overdue.len() as u32;
        Ok(agenda)
    }
}

/// "Drop the 12 more than a week late", and so on for a month and a year: each counts
/// every group from its bound on.
fn drop_choices(groups: &[OverdueGroup], bounds: &[(&str, &str, NaiveDate); 4]) -> Vec<DropChoice> {
    let words = ["a week", "a month", "a year"];
    (0..3)
        .filter_map(|i| {
            let count: u32 = groups[i + 1..].iter().map(|g| g.count).sum();
            (count > 0).then(|| DropChoice {
                before: bounds[i].2,
                count,
                label: if count == 1 {
                    format!("Drop the 1 more than {} late", words[i])
                } else {
                    format!("Drop the {count} more than {} late", words[i])
                },
            })
        })
        .collect()
}

/// The strongest nudge of each kind, then the second of each, and so on: the first few
/// are never one kind alone. Within a kind the diary's order is strongest first.
fn best_first(nudges: Vec<Nudge>) -> Vec<Nudge> {
    let kinds = [NudgeKind::SayHappyBirthday, NudgeKind::SayThankYou, NudgeKind::PickUpThePhone, NudgeKind::GoneQuiet, NudgeKind::Cadence];
    let mut by_kind: Vec<std::collections::VecDeque<Nudge>> = kinds.iter().map(|_| Default::default()).collect();
    for n in nudges {
        let at = kinds.iter().position(|k| *k == n.kind).unwrap_or(0);
        by_kind[at].push_back(n);
    }
    let mut out = Vec::new();
    while by_kind.iter().any(|q| !q.is_empty()) {
        out.extend(by_kind.iter_mut().filter_map(|q| q.pop_front()));
    }
    out
}

/// "Thu, Jan 29", with ", 2025" when not this year and the time when it has one.
pub(crate) fn due_text(f: &FollowUp, tz: chrono_tz::Tz, today: NaiveDate) -> String {
    let local = f.due.with_timezone(&tz);
    let day =
        if local.year() == today.year() { local.format("%a, %b %-d").to_string() } else { local.format("%a, %b %-d, %Y").to_string() };
    if f.due_has_time || f.snoozed_until.is_some() {
        format!("{day}, {}", local.format("%-I:%M %p"))
    } else {
        day
    }
}

/// "3:00 PM" for a follow-up due at a time today, else "any time".
fn time_text(f: &FollowUp, tz: chrono_tz::Tz) -> String {
    if f.due_has_time || f.snoozed_until.is_some() {
        f.due.with_timezone(&tz).format("%-I:%M %p").to_string()
    } else {
        "any time".into()
    }
}

/// How late something due on `due` is on `today`, in calendar terms: "earlier today",
/// "1 day late", "13 days late", "3 weeks late", "10 months late", "2 years late".
pub fn late_text(due: NaiveDate, today: NaiveDate) -> String {
    let days = (today - due).num_days();
    let months = (today.year() - due.year()) * 12 + today.month() as i32 - due.month() as i32 - i32::from(today.day() < due.day());
    let unit = |n: i64, one: &str| if n == 1 { format!("1 {one} late") } else { format!("{n} {one}s late") };
    match days {
        i64::MIN..=0 => "earlier today".into(),
        1..=13 => unit(days, "day"),
        _ if months < 1 => unit(days / 7, "week"),
        _ if months < 12 => unit(i64::from(months), "month"),
        _ => unit(i64::from(months / 12), "year"),
    }
}
