//! Follow-ups: dated intentions. Add, edit, complete, snooze, drop, and the Today view's
//! overdue / today / next seven days.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::clock::days::TypedDay;
use crate::clock::instants::{instant, local_date, local_instant, start_of_day};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Problems, Result};
use crate::touches::log::TouchPerson;
use crate::vocab::text::{self, limits};
use crate::vocab::{FollowUpKind, FollowUpStatus};

/// What the user enters: the due date and (optional) time are local.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpInput {
    #[serde(default)]
    pub person_id: Option<i64>,
    /// The touch this is the next step of.
    #[serde(default)]
    pub touch_id: Option<i64>,
    pub kind: FollowUpKind,
    pub title: String,
    #[serde(default)]
    pub notes: String,
    /// As typed ("24 Dec") or as a date.
    pub due_date: TypedDay,
    /// `None`: some time that day.
    #[serde(default)]
    pub due_time: Option<NaiveTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: i64,
    pub person: Option<TouchPerson>,
    pub touch_id: Option<i64>,
    pub kind: FollowUpKind,
    pub title: String,
    pub notes: String,
    /// When it was first due; with `due_has_time` false, the start of that local day.
    pub due_at: DateTime<Utc>,
    pub due_has_time: bool,
    pub status: FollowUpStatus,
    pub snoozed_until: Option<DateTime<Utc>>,
    /// When it is due now: the snooze if any, else `due_at`.
    pub due: DateTime<Utc>,
    pub notified_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    /// The title already names the person ("Call Ana Lima"): a row names them once.
    #[serde(default)]
    pub title_names_person: bool,
}

/// How long to put a follow-up off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "until", rename_all = "snake_case")]
pub enum Snooze {
    Hour,
    Evening,
    Tomorrow,
    NextWeek,
    Until(DateTime<Utc>),
}

/// A snooze the user can choose now, with the moment it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnoozeChoice {
    pub snooze: Snooze,
    pub label: String,
    pub until: DateTime<Utc>,
}

/// The Today view's follow-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// The most recently due of the overdue follow-ups, at most `OVERDUE_SHOWN`, in due order.
    pub overdue: Vec<FollowUp>,
    /// How many are overdue in all.
    pub overdue_total: u32,
    pub today: Vec<FollowUp>,
    pub next_days: Vec<FollowUp>,
}

impl FollowUp {
    /// Late: past its moment, or, due "some time that day", once that day has passed.
    pub(crate) fn is_late(&self, now: DateTime<Utc>, today_start: DateTime<Utc>) -> bool {
        late(self.due, self.due_has_time || self.snoozed_until.is_some(), now, today_start)
    }
}

fn late(due: DateTime<Utc>, timed: bool, now: DateTime<Utc>, today_start: DateTime<Utc>) -> bool {
    if timed {
        due < now
    } else {
        due < today_start
    }
}

impl Agenda {
    /// How many follow-ups are due now: every overdue one and today's.
    pub fn due_now(&self) -> usize {
        self.overdue_total as usize + self.today.len()
    }
}

/// The most overdue follow-ups Today lists: a pile of thousands hides today's work and
/// the nudges below it. The older ones stay on each person's page.
pub const OVERDUE_SHOWN: usize = 50;

const EVENING: NaiveTime = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
const MORNING: NaiveTime = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
/// How far ahead a follow-up may be due.
const FURTHEST_YEARS: i32 = 10;

impl Diary {
    pub fn add_follow_up(&mut self, input: &FollowUpInput) -> Result<FollowUp> {
        let (title, notes, due_at) = self.check_follow_up(input)?;
        let now = self.now().timestamp();
        self.conn.execute(
            "INSERT INTO follow_up (person_id, touch_id, kind, title, notes, due_at, due_has_time, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![input.person_id, input.touch_id, input.kind, title, notes, due_at.timestamp(), input.due_time.is_some(), now],
        )?;
        self.follow_up(self.conn.last_insert_rowid())
    }

    /// Adds a follow-up the user typed. One that would be overdue at once is asked about
    /// first (`Error::Confirm`): a past day is more often a slip than meant. With `past_ok`
    /// (the user said so) it is saved as any other.
    pub fn add_typed_follow_up(&mut self, input: &FollowUpInput, past_ok: bool) -> Result<FollowUp> {
        let (_, _, due_at) = self.check_follow_up(input)?;
        let (now, tz) = (self.now(), self.tz());
        if !past_ok && late(due_at, input.due_time.is_some(), now, start_of_day(tz, local_date(tz, now))) {
            return Err(Error::Confirm { field: "due_date", message: "That day is past. Save it as overdue?".into() });
        }
        self.add_follow_up(input)
    }

    /// Replaces an open follow-up's values; a new due moment clears its snooze and lets
    /// it be notified again.
    pub fn update_follow_up(&mut self, id: i64, input: &FollowUpInput) -> Result<FollowUp> {
        let (title, notes, due_at) = self.check_follow_up(input)?;
        let now = self.now().timestamp();
        let changed = self.conn.execute(
            "UPDATE follow_up SET person_id = ?2, touch_id = ?3, kind = ?4, title = ?5, notes = ?6,
                    status = 'open', snoozed_until = NULL,
                    notified_at = CASE WHEN due_at = ?7 AND due_has_time = ?8 THEN notified_at END,
                    due_at = ?7, due_has_time = ?8, updated_at = ?9
             WHERE id = ?1 AND status IN ('open', 'snoozed')",
            params![id, input.person_id, input.touch_id, input.kind, title, notes, due_at.timestamp(), input.due_time.is_some(), now],
        )?;
        if changed == 0 {
            return Err(Error::not_found(format!("Open follow-up {id}")));
        }
        self.follow_up(id)
    }

    /// Marks it done, optionally with the touch it led to.
    pub fn complete_follow_up(&mut self, id: i64, touch_id: Option<i64>) -> Result<FollowUp> {
        self.close_follow_up(id, "done", touch_id)
    }

    /// Gives it up: it leaves every list but is kept.
    pub fn drop_follow_up(&mut self, id: i64) -> Result<FollowUp> {
        self.close_follow_up(id, "dropped", None)
    }

    fn close_follow_up(&mut self, id: i64, status: &str, touch_id: Option<i64>) -> Result<FollowUp> {
        let now = self.now().timestamp();
        let changed = self.conn.execute(
            "UPDATE follow_up SET status = ?2, done_at = ?3, done_touch_id = ?4, updated_at = ?3
             WHERE id = ?1 AND status IN ('open', 'snoozed')",
            params![id, status, now, touch_id],
        )?;
        if changed == 0 {
            return Err(Error::not_found(format!("Open follow-up {id}")));
        }
        self.follow_up(id)
    }

    /// Puts it off; it will be notified again when the snooze ends.
    pub fn snooze_follow_up(&mut self, id: i64, snooze: Snooze) -> Result<FollowUp> {
        let until = self.snooze_until(snooze)?;
        let now = self.now().timestamp();
        let changed = self.conn.execute(
            "UPDATE follow_up SET status = 'snoozed', snoozed_until = ?2, notified_at = NULL, updated_at = ?3
             WHERE id = ?1 AND status IN ('open', 'snoozed')",
            params![id, until.timestamp(), now],
        )?;
        if changed == 0 {
            return Err(Error::not_found(format!("Open follow-up {id}")));
        }
        self.follow_up(id)
    }

    /// The moment a snooze means now, in the user's time zone.
    pub fn snooze_until(&self, snooze: Snooze) -> Result<DateTime<Utc>> {
        let (now, tz) = (self.now(), self.tz());
        let today = local_date(tz, now);
        let until = match snooze {
            Snooze::Hour => now + Duration::hours(1),
            Snooze::Evening => {
                let evening = local_instant(tz, today, EVENING);
                if evening <= now {
                    return Err(Error::invalid("snooze", "It is already evening; choose another time."));
                }
                evening
            }
            Snooze::Tomorrow => local_instant(tz, today + Duration::days(1), MORNING),
            Snooze::NextWeek => {
                let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
                local_instant(tz, monday, MORNING)
            }
            Snooze::Until(at) => {
                if at <= now {
                    return Err(Error::invalid("snooze", "Choose a time in the future."));
                }
                at
            }
        };
        Ok(until)
    }

    /// The snoozes that make sense now, each with the moment it means.
    pub fn snooze_choices(&self) -> Result<Vec<SnoozeChoice>> {
        let choices = [
            (Snooze::Hour, "For an hour"),
            (Snooze::Evening, "Until this evening"),
            (Snooze::Tomorrow, "Until tomorrow 9:00"),
            (Snooze::NextWeek, "Until next week"),
        ];
        Ok(choices
            .into_iter()
            .filter_map(|(snooze, label)| self.snooze_until(snooze).ok().map(|until| SnoozeChoice { snooze, label: label.into(), until }))
            .collect())
    }

    pub fn follow_up(&self, id: i64) -> Result<FollowUp> {
        let sql = format!("SELECT {COLUMNS} FROM follow_up f LEFT JOIN person p ON p.id = f.person_id WHERE f.id = ?1");
        self.conn.query_row(&sql, [id], follow_up_from_row).optional()?.ok_or_else(|| Error::not_found(format!("Follow-up {id}")))
    }

    /// Open follow-ups with a person, soonest first.
    pub fn person_follow_ups(&self, person_id: i64) -> Result<Vec<FollowUp>> {
        self.open_follow_ups("f.person_id = ?1", params![person_id])
    }

    /// Overdue, due today and due in the next seven days, in the user's time zone.
    /// A follow-up due "some time that day" is overdue only once that day has passed.
    pub fn agenda(&self) -> Result<Agenda> {
        let (now, tz) = (self.now(), self.tz());
        let today = local_date(tz, now);
        let today_start = start_of_day(tz, today);
        let tomorrow = start_of_day(tz, today + Duration::days(1));
        let week_end = start_of_day(tz, today + Duration::days(8));
        let all = self.open_follow_ups("coalesce(f.snoozed_until, f.due_at) < ?1", params![week_end.timestamp()])?;
        let mut agenda = Agenda { overdue: Vec::new(), overdue_total: 0, today: Vec::new(), next_days: Vec::new() };
        let mut overdue = std::collections::VecDeque::with_capacity(OVERDUE_SHOWN + 1);
        for f in all {
            if f.is_late(now, today_start) {
                agenda.overdue_total += 1;
                overdue.push_back(f);
                if overdue.len() > OVERDUE_SHOWN {
                    overdue.pop_front();
                }
            } else if f.due < tomorrow {
                agenda.today.push(f);
            } else {
                agenda.next_days.push(f);
            }
        }
        agenda.overdue = overdue.into();
        Ok(agenda)
    }

    pub(crate) fn open_follow_ups(&self, condition: &str, args: impl rusqlite::Params) -> Result<Vec<FollowUp>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM follow_up f LEFT JOIN person p ON p.id = f.person_id
             WHERE f.status IN ('open', 'snoozed') AND {condition}
             ORDER BY coalesce(f.snoozed_until, f.due_at), f.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, follow_up_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Checks every value; every problem found is in the error.
    fn check_follow_up(&self, input: &FollowUpInput) -> Result<(String, String, DateTime<Utc>)> {
        let mut problems = Problems::default();
        if let Some(person) = input.person_id {
            let merged: Option<Option<i64>> =
                self.conn.query_row("SELECT merged_into FROM person WHERE id = ?1", [person], |r| r.get(0)).optional()?;
            match merged {
                None => problems.add("person_id", format!("Person {person} was not found.")),
                Some(Some(_)) => problems.add("person_id", format!("Person {person} was merged into someone else.")),
                Some(None) => {}
            }
        }
        let title = problems.take(text::required_line("title", "The title", &input.title, limits::LINE));
        let today = local_date(self.tz(), self.now());
        let due_date = match input.due_date.resolve("due_date", today) {
            Ok(date) => Some(date),
            Err(err) => {
                problems.take::<()>(Err(err));
                None
            }
        };
        let this_year = self.now().year();
        if due_date.is_some_and(|d| d.year() < 1970 || d.year() > this_year + FURTHEST_YEARS) {
            problems.add("due_date", format!("The due date must be between 1970 and {}.", this_year + FURTHEST_YEARS));
        }
        let notes = problems.take(text::notes("notes", "Notes", &input.notes));
        let due = local_instant(self.tz(), due_date.unwrap_or(today), input.due_time.unwrap_or(NaiveTime::MIN));
        problems.or((title, notes, due))
    }
}

pub(crate) const COLUMNS: &str = "f.id, f.person_id, p.display_name, f.touch_id, f.kind, f.title, f.notes, f.due_at,
    f.due_has_time, f.status, f.snoozed_until, f.notified_at, f.done_at";

pub(crate) fn follow_up_from_row(row: &Row<'_>) -> rusqlite::Result<FollowUp> {
    let person_id: Option<i64> = row.get(1)?;
    let due_at = instant(row.get(7)?)?;
    let snoozed_until = row.get::<_, Option<i64>>(10)?.map(instant).transpose()?;
    let person = match person_id {
        Some(id) => Some(TouchPerson { id, display_name: row.get(2)? }),
        None => None,
    };
    let title: String = row.get(5)?;
    Ok(FollowUp {
        id: row.get(0)?,
        title_names_person: person.as_ref().is_some_and(|p| !p.display_name.is_empty() && title.contains(&p.display_name)),
        person,
        touch_id: row.get(3)?,
        kind: row.get(4)?,
        title,
        notes: row.get(6)?,
        due_at,
        due_has_time: row.get(8)?,
        status: row.get(9)?,
        snoozed_until,
        due: snoozed_until.unwrap_or(due_at),
        notified_at: row.get::<_, Option<i64>>(11)?.map(instant).transpose()?,
        done_at: row.get::<_, Option<i64>>(12)?.map(instant).transpose()?,
    })
}
