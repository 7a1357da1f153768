//! Touches: logging, editing and deleting (recoverably) every interaction.

use crate::storage::uid::new_uid;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::agenda::Nudge;
use crate::ladder::rungs::{self, RungChange, TouchFacts};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Problems, Result};
use crate::touches::figures;
use crate::vocab::text;
use crate::vocab::{Channel, Direction, HandlePlatform, NudgeKind, Outcome};

/// What the user enters for a touch. Defaults: now, outbound, personal, no outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchInput {
    /// When it happened; absent means now.
    #[serde(default)]
    pub when: Option<DateTime<Utc>>,
    pub people: Vec<i64>,
    pub channel: Channel,
    #[serde(default)]
    pub platform: Option<HandlePlatform>,
    #[serde(default = "outbound")]
    pub direction: Direction,
    #[serde(default = "yes")]
    pub personal: bool,
    #[serde(default)]
    pub duration_minutes: Option<i64>,
    #[serde(default)]
    pub notes: String,
    #[serde(default = "no_outcome")]
    pub outcome: Outcome,
    /// The value of business won, in hundredths of the currency.
    #[serde(default)]
    pub outcome_value_cents: Option<i64>,
    #[serde(default)]
    pub outcome_currency: Option<String>,
}

fn outbound() -> Direction {
    Direction::Out
}
fn yes() -> bool {
    true
}
fn no_outcome() -> Outcome {
    Outcome::None
}

impl TouchInput {
    /// A personal outbound touch with one person, now: what quick-log starts from.
    pub fn new(person: i64, channel: Channel) -> TouchInput {
        TouchInput {
            when: None,
            people: vec![person],
            channel,
            platform: None,
            direction: Direction::Out,
            personal: true,
            duration_minutes: None,
            notes: String::new(),
            outcome: Outcome::None,
            outcome_value_cents: None,
            outcome_currency: None,
        }
    }
}

/// Someone a touch was with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchPerson {
    pub id: i64,
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touch {
    pub id: i64,
    pub happened_at: DateTime<Utc>,
    pub people: Vec<TouchPerson>,
    pub channel: Channel,
    pub platform: Option<HandlePlatform>,
    pub direction: Direction,
    pub personal: bool,
    pub duration_minutes: Option<i64>,
    pub notes: String,
    pub outcome: Outcome,
    pub outcome_value_cents: Option<i64>,
    pub outcome_currency: Option<String>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Where an imported touch came from: "3 messages, from the LinkedIn export".
    #[serde(default)]
    pub origin: Option<String>,
}

/// A logged or edited touch and the ladder moves it caused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchLogged {
    pub touch: Touch,
    pub rung_changes: Vec<RungChange>,
    /// The calls and thank-yous the diary now suggests to the people in it: what the
    /// confirmation offers ("Third message with Ana Lima, never spoken: pick up the phone?").
    #[serde(default)]
    pub nudges: Vec<Nudge>,
}

/// A touch may be dated at most this far ahead (a meeting already arranged).
const FUTURE_LIMIT_DAYS: i64 = 366;
/// A call or meeting of more than a day is a typing mistake.
const MAX_DURATION_MINUTES: i64 = 24 * 60;

/// A touch's checked values.
struct Checked {
    at: i64,
    people: Vec<i64>,
    notes: String,
    currency: Option<String>,
}

impl Diary {
    /// Logs a touch and moves everyone in it up the ladder as far as it proves.
    pub fn log_touch(&mut self, input: &TouchInput) -> Result<TouchLogged> {
        let now = self.now();
        let checked = check(input, now)?;
        let tx = self.conn.savepoint()?;
        check_people(&tx, &checked.people)?;
        tx.execute(
            concat!(
                "INSERT INTO touch (happened_at, channel, platform, direction, personal, duration_minutes,
                                notes, outcome, outcome_value_cents, outcome_currency, created_at, updated_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ",
                new_uid!("?1"),
                ")"
            ),
            params![
                checked.at,
                input.channel,
                input.platform,
                input.direction,
                input.personal,
                input.duration_minutes,
                checked.notes,
                input.outcome,
                input.outcome_value_cents,
                checked.currency,
                now.timestamp()
            ],
        )?;
        let id = tx.last_insert_rowid();
        let changes = link_people(&tx, id, &checked.people, checked.at, facts(input))?;
        figures::add_touch(&tx, &checked.people, id, checked.at, input.channel, input.personal)?;
        tx.commit()?;
        self.logged(id, changes)
    }

    /// Logs a touch as the quick log does: also says which calls and thank-yous the
    /// diary now suggests to the people in it, for the confirmation to offer.
    pub fn quick_log(&mut self, input: &TouchInput) -> Result<TouchLogged> {
        let mut logged = self.log_touch(input)?;
        for person in &logged.touch.people {
            let now = self.person_nudges(person.id)?;
            logged.nudges.extend(now.into_iter().filter(|n| matches!(n.kind, NudgeKind::PickUpThePhone | NudgeKind::SayThankYou)));
        }
        Ok(logged)
    }

    /// Replaces a touch's values. The ladder moves up if the new values prove more;
    /// it never moves down because a touch was edited.
    pub fn update_touch(&mut self, id: i64, input: &TouchInput) -> Result<TouchLogged> {
        let now = self.now();
        let checked = check(input, now)?;
        let tx = self.conn.savepoint()?;
        check_people(&tx, &checked.people)?;
        let changed = tx.execute(
            "UPDATE touch SET happened_at = ?2, channel = ?3, platform = ?4, direction = ?5,
                    personal = ?6, duration_minutes = ?7, notes = ?8, outcome = ?9,
                    outcome_value_cents = ?10, outcome_currency = ?11, updated_at = ?12
             WHERE id = ?1 AND deleted_at IS NULL",
            params![
                id,
                checked.at,
                input.channel,
                input.platform,
                input.direction,
                input.personal,
                input.duration_minutes,
                checked.notes,
                input.outcome,
                input.outcome_value_cents,
                checked.currency,
                now.timestamp()
            ],
        )?;
        if changed == 0 {
            return Err(Error::not_found(format!("Touch {id}")));
        }
        let before = figures::people_of(&tx, id)?;
        tx.execute("DELETE FROM touch_person WHERE touch_id = ?1", [id])?;
        let changes = link_people(&tx, id, &checked.people, checked.at, facts(input))?;
        figures::refresh(&tx, before.into_iter().chain(checked.people.iter().copied()))?;
        tx.commit()?;
        self.logged(id, changes)
    }

    /// Deletes a touch recoverably: it leaves every view but can be restored. Rung changes
    /// it caused stay, as the ladder never moves down by itself.
    pub fn delete_touch(&mut self, id: i64) -> Result<Touch> {
        let now = self.now().timestamp();
        let tx = self.conn.savepoint()?;
        let changed = tx.execute("UPDATE touch SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now])?;
        if changed == 0 {
            return Err(Error::not_found(format!("Touch {id}")));
        }
        figures::refresh(&tx, figures::people_of(&tx, id)?)?;
        tx.commit()?;
        self.touch(id)
    }

    /// Brings back a deleted touch.
    pub fn restore_touch(&mut self, id: i64) -> Result<Touch> {
        let tx = self.conn.savepoint()?;
        let changed = tx.execute("UPDATE touch SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", [id])?;
        if changed == 0 {
            return Err(Error::not_found(format!("Deleted touch {id}")));
        }
        figures::refresh(&tx, figures::people_of(&tx, id)?)?;
        tx.commit()?;
        self.touch(id)
    }

    fn logged(&self, id: i64, changes: Vec<i64>) -> Result<TouchLogged> {
        let rung_changes = changes.into_iter().map(|c| self.rung_change(c)).collect::<Result<_>>()?;
        Ok(TouchLogged { touch: self.touch(id)?, rung_changes, nudges: Vec::new() })
    }
}

fn facts(input: &TouchInput) -> TouchFacts {
    TouchFacts { channel: input.channel, direction: input.direction, personal: input.personal, outcome: input.outcome }
}

/// Links the people to the touch and raises each as far as the touch proves.
fn link_people(tx: &Connection, touch: i64, people: &[i64], at: i64, facts: TouchFacts) -> Result<Vec<i64>> {
    let mut changes = Vec::new();
    for &person in people {
        tx.execute("INSERT INTO touch_person (touch_id, person_id, happened_at) VALUES (?1, ?2, ?3)", params![touch, person, at])?;
        if let Some(rung) = rungs::rung_proved_by(facts) {
            changes.extend(rungs::raise(tx, person, rung, at, touch)?);
        }
    }
    Ok(changes)
}

/// Checks every value; every problem found is in the error.
fn check(input: &TouchInput, now: DateTime<Utc>) -> Result<Checked> {
    let mut problems = Problems::default();
    let when = input.when.unwrap_or(now);
    if when > now + Duration::days(FUTURE_LIMIT_DAYS) {
        problems.add("when", "A touch can be dated at most a year ahead.");
    }
    if when.timestamp() < 0 {
        problems.add("when", "A touch cannot be dated before 1970.");
    }
    let mut people = input.people.clone();
    people.sort_unstable();
    people.dedup();
    if people.is_empty() {
        problems.add("people", "Choose who the touch was with.");
    }
    match input.duration_minutes {
        Some(d) if d < 0 => problems.add("duration_minutes", "Duration cannot be negative."),
        Some(d) if d > MAX_DURATION_MINUTES => problems.add("duration_minutes", "Duration can be at most 24 hours (1440 minutes)."),
        _ => {}
    }
    if input.outcome_value_cents.is_some_and(|v| v < 0) {
        problems.add("outcome_value", "The value cannot be negative.");
    }
    if input.outcome_value_cents.is_some() && input.outcome != Outcome::BusinessWon {
        problems.add("outcome_value", "Only business won has a value.");
    }
    let currency = match input.outcome_currency.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) => Some(code.to_ascii_uppercase()),
        Some(_) => {
            problems.add("outcome_currency", "The currency is a three-letter code such as EUR or USD.");
            None
        }
    };
    let notes = problems.take(text::notes("notes", "Notes", &input.notes));
    problems.or(Checked { at: when.timestamp(), people, notes, currency })
}

/// Every person must exist and not have been merged into someone else.
fn check_people(tx: &Connection, people: &[i64]) -> Result<()> {
    let mut stmt = tx.prepare_cached("SELECT merged_into FROM person WHERE id = ?1")?;
    for &id in people {
        match stmt.query_row([id], |r| r.get::<_, Option<i64>>(0)).optional()? {
            None => return Err(Error::invalid("people", format!("Person {id} was not found."))),
            Some(Some(_)) => return Err(Error::invalid("people", format!("Person {id} was merged into someone else."))),
            Some(None) => {}
        }
    }
    Ok(())
}
