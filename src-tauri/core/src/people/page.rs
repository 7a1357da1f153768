//! What the person page shows, computed from the diary.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::agenda::follow_ups::{FollowUp, SnoozeChoice};
use crate::agenda::nudges::Nudge;
use crate::clock::instants::{days_between, instant};
use crate::ladder::rungs::RungChange;
use crate::people::dates::ImportantDate;
use crate::people::person::Person;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::touches::list::TouchQuery;
use crate::touches::log::Touch;
use crate::vocab::{whole_percent, Channel, RungCause};

/// Figures about one relationship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFigures {
    pub touches: u32,
    pub first_touch_at: Option<DateTime<Utc>>,
    pub last_touch_at: Option<DateTime<Utc>>,
    /// Whole days since the last touch.
    pub days_since_last_touch: Option<i64>,
    /// Touches per channel, for the channels used.
    pub by_channel: BTreeMap<Channel, u32>,
    /// Personal touches as a whole percent of all their touches.
    pub personal_percent: Option<u32>,
    /// Whole days from the first written touch to the first phone or video call.
    pub days_to_first_call: Option<i64>,
    /// Whole days from the first written touch to the first meeting face to face.
    pub days_to_first_meeting: Option<i64>,
    pub open_follow_ups: u32,
    /// How often to be in touch: the person's own cadence, or the default from settings.
    pub cadence_days: u32,
    pub cadence_is_default: bool,
}

/// One line of a person's timeline: a touch or a change of rung.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimelineItem {
    Touch(Touch),
    Rung(RungChange),
    /// Put in the archive: out of lists, the ladder and nudges until restored.
    Archived {
        at: DateTime<Utc>,
    },
}

impl TimelineItem {
    /// Where the item sits, newest first: by time; at the same instant by touch, a move
    /// just above the touch that caused it; being added below everything at its instant.
    fn order(&self) -> (Reverse<DateTime<Utc>>, Reverse<i64>, u8) {
        match self {
            TimelineItem::Touch(t) => (Reverse(t.happened_at), Reverse(t.id), 1),
            TimelineItem::Rung(r) => match (r.cause, r.touch_id) {
                (RungCause::Added, _) => (Reverse(r.changed_at), Reverse(i64::MIN), 2),
                (_, Some(touch)) => (Reverse(r.changed_at), Reverse(touch), 0),
                (_, None) => (Reverse(r.changed_at), Reverse(i64::MAX), 0),
            },
            TimelineItem::Archived { at } => (Reverse(*at), Reverse(i64::MAX), 0),
        }
    }
}

/// Everything the person page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonPage {
    pub person: Person,
    pub figures: PersonFigures,
    /// Newest first: the latest touches and the rung changes among them.
    pub timeline: Vec<TimelineItem>,
    /// There are older touches than the timeline shows.
    pub more: bool,
    /// Open follow-ups with this person, soonest first.
    pub follow_ups: Vec<FollowUp>,
    /// The snoozes that make sense now, for those follow-ups.
    pub snooze_choices: Vec<SnoozeChoice>,
    /// What the diary suggests doing with this person now, each with its reason.
    pub nudges: Vec<Nudge>,
    /// Their important dates through the year, January first.
    pub dates: Vec<ImportantDate>,
}

impl Diary {
    pub fn person_figures(&self, id: i64) -> Result<PersonFigures> {
        let now = self.now();
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.channel, count(*), sum(t.personal), min(t.happened_at), max(t.happened_at)
             FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
             WHERE tp.person_id = ?1 GROUP BY t.channel",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((r.get::<_, Channel>(0)?, r.get::<_, u32>(1)?, r.get::<_, u32>(2)?, instant(r.get(3)?)?, instant(r.get(4)?)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let first_of = |wanted: fn(Channel) -> bool| rows.iter().filter(|r| wanted(r.0)).map(|r| r.3).min();
        let touches: u32 = rows.iter().map(|r| r.1).sum();
        let personal: u32 = rows.iter().map(|r| r.2).sum();
        let last = rows.iter().map(|r| r.4).max();
        let first_written = first_of(Channel::is_written);
        let days_after_written = |then: Option<DateTime<Utc>>| match (first_written, then) {
            (Some(written), Some(then)) if then >= written => Some(days_between(written, then)),
            _ => None,
        };
        let open_follow_ups =
            self.conn
                .query_row("SELECT count(*) FROM follow_up WHERE person_id = ?1 AND status IN ('open', 'snoozed')", [id], |r| r.get(0))?;
        let own: Option<u32> = self
            .conn
            .query_row("SELECT cadence_days FROM person WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Person {id}")))?;
        Ok(PersonFigures {
            cadence_days: match own {
                Some(days) => days,
                None => self.settings()?.default_cadence_days,
            },
            cadence_is_default: own.is_none(),
            touches,
            first_touch_at: rows.iter().map(|r| r.3).min(),
            last_touch_at: last,
            days_since_last_touch: last.map(|last| days_between(last, now)),
            by_channel: rows.iter().map(|r| (r.0, r.1)).collect(),
            personal_percent: whole_percent(personal, touches),
            days_to_first_call: days_after_written(first_of(Channel::is_voice)),
            days_to_first_meeting: days_after_written(first_of(Channel::is_face_to_face)),
            open_follow_ups,
        })
    }

    /// The person, their figures and their timeline, newest first.
    pub fn person_page(&self, id: i64) -> Result<PersonPage> {
        let person = self.person(id)?;
        let page = self.touches(&TouchQuery { person_id: Some(id), ..Default::default() })?;
        let more = page.next.is_some();
        // Rung changes older than the oldest touch shown wait for that page.
        let oldest = if more { page.touches.last().map(|t| t.happened_at) } else { None };
        let mut timeline: Vec<TimelineItem> = self
            .rung_history(id)?
            .into_iter()
            .filter(|c| oldest.is_none_or(|o| c.changed_at >= o))
            .map(TimelineItem::Rung)
            .chain(page.touches.into_iter().map(TimelineItem::Touch))
            .chain(person.archived_at.filter(|at| oldest.is_none_or(|o| *at >= o)).map(|at| TimelineItem::Archived { at }))
            .collect();
        timeline.sort_by_key(TimelineItem::order);
        Ok(PersonPage {
            figures: self.person_figures(id)?,
            follow_ups: self.person_follow_ups(id)?,
            snooze_choices: self.snooze_choices()?,
            nudges: self.person_nudges(id)?,
            dates: self.person_dates(id)?,
            person,
            timeline,
            more,
        })
    }
}
