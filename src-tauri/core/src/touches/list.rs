//! Reading touches: one by its id, or a page of them, newest first, filtered.

use chrono::{DateTime, Utc};
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::clock::instants::instant;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::storage::sql::Sql;
use crate::touches::log::{Touch, TouchPerson};
use crate::vocab::{Channel, HandlePlatform};

/// Which touches the Diary view shows. Every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TouchQuery {
    pub channel: Option<Channel>,
    pub platform: Option<HandlePlatform>,
    pub person_id: Option<i64>,
    /// From this instant, inclusive.
    pub from: Option<DateTime<Utc>>,
    /// Until this instant, exclusive.
    pub until: Option<DateTime<Utc>>,
    /// Continue after this cursor (from the previous page).
    pub after: Option<TouchCursor>,
    /// Rows per page; default and maximum [`TOUCH_PAGE`].
    pub limit: Option<u32>,
}

/// Where a page of touches ended: newest first, so the next page is older.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchCursor {
    pub happened_at: DateTime<Utc>,
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchPage {
    pub touches: Vec<Touch>,
    /// Present when there are older touches.
    pub next: Option<TouchCursor>,
}

pub const TOUCH_PAGE: u32 = 200;

impl Diary {
    /// One touch, deleted or not.
    pub fn touch(&self, id: i64) -> Result<Touch> {
        let sql = format!("SELECT {TOUCH_COLUMNS} FROM touch t WHERE t.id = ?1");
        let mut touch =
            self.conn.query_row(&sql, [id], touch_from_row).optional()?.ok_or_else(|| Error::not_found(format!("Touch {id}")))?;
        self.fill_people(std::slice::from_mut(&mut touch))?;
        Ok(touch)
    }

    /// A page of touches, newest first, filtered as asked.
    pub fn touches(&self, query: &TouchQuery) -> Result<TouchPage> {
        let limit = query.limit.unwrap_or(TOUCH_PAGE).clamp(1, TOUCH_PAGE);
        let mut sql = Sql::default();
        let mut conditions = vec!["t.deleted_at IS NULL".to_owned()];
        if let Some(channel) = query.channel {
            conditions.push(format!("t.channel = {}", sql.bind(channel.as_str().to_owned())));
        }
        if let Some(platform) = query.platform {
            conditions.push(format!("t.platform = {}", sql.bind(platform.as_str().to_owned())));
        }
        if let Some(from) = query.from {
            conditions.push(format!("t.happened_at >= {}", sql.bind(from.timestamp())));
        }
        if let Some(until) = query.until {
            conditions.push(format!("t.happened_at < {}", sql.bind(until.timestamp())));
        }
        if let Some(after) = query.after {
            let (at, id) = (sql.bind(after.happened_at.timestamp()), sql.bind(after.id));
            conditions.push(format!("(t.happened_at < {at} OR (t.happened_at = {at} AND t.id < {id}))"));
        }
        // A person's touches come from their own index, already in time order.
        let (from, order) = match query.person_id {
            Some(person) => (
                format!("touch_person tp JOIN touch t ON t.id = tp.touch_id AND tp.person_id = {}", sql.bind(person)),
                "tp.happened_at DESC, t.id DESC",
            ),
            None => ("touch t".to_owned(), "t.happened_at DESC, t.id DESC"),
        };
        let text = format!(
            "SELECT {TOUCH_COLUMNS} FROM {from} WHERE {} ORDER BY {order} LIMIT {}",
            conditions.join(" AND "),
            sql.bind(i64::from(limit) + 1)
        );
        let mut touches = self
            .conn
            .prepare_cached(&text)?
            .query_map(params_from_iter(sql.values), touch_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let next = (touches.len() > limit as usize).then(|| {
            touches.truncate(limit as usize);
            let last = touches.last().unwrap();
            TouchCursor { happened_at: last.happened_at, id: last.id }
        });
        self.fill_people(&mut touches)?;
        Ok(TouchPage { touches, next })
    }

    /// Each touch's people, by name: one query for the whole page, not one per touch.
    fn fill_people(&self, touches: &mut [Touch]) -> Result<()> {
        let ids = serde_json::to_string(&touches.iter().map(|t| t.id).collect::<Vec<_>>()).expect("ids serialize");
        let mut stmt = self.conn.prepare_cached(
            "SELECT tp.touch_id, p.id, p.display_name FROM touch_person tp JOIN person p ON p.id = tp.person_id
             WHERE tp.touch_id IN (SELECT value FROM json_each(?1)) ORDER BY p.display_name COLLATE NOCASE, p.id",
        )?;
        let mut people: std::collections::HashMap<i64, Vec<TouchPerson>> = std::collections::HashMap::new();
        for row in stmt.query_map([ids], |r| Ok((r.get::<_, i64>(0)?, TouchPerson { id: r.get(1)?, display_name: r.get(2)? })))? {
            let (touch, person) = row?;
            people.entry(touch).or_default().push(person);
        }
        for touch in touches {
            touch.people = people.remove(&touch.id).unwrap_or_default();
        }
        Ok(())
    }
}

const TOUCH_COLUMNS: &str = "t.id, t.happened_at, t.channel, t.platform, t.direction, t.personal,
    t.duration_minutes, t.notes, t.outcome, t.outcome_value_cents, t.outcome_currency, t.deleted_at,
    (SELECT s.messages || ' ' || r.source FROM touch_source s JOIN import_run r ON r.id = s.run_id WHERE s.touch_id = t.id)";

fn touch_from_row(row: &Row<'_>) -> rusqlite::Result<Touch> {
    Ok(Touch {
        id: row.get(0)?,
        happened_at: instant(row.get(1)?)?,
        people: Vec::new(),
        channel: row.get(2)?,
        platform: row.get(3)?,
        direction: row.get(4)?,
        personal: row.get(5)?,
        duration_minutes: row.get(6)?,
        notes: row.get(7)?,
        outcome: row.get(8)?,
        outcome_value_cents: row.get(9)?,
        outcome_currency: row.get(10)?,
        deleted_at: row.get::<_, Option<i64>>(11)?.map(instant).transpose()?,
        origin: row.get::<_, Option<String>>(12)?.as_deref().and_then(origin),
    })
}

/// "3 messages, from the LinkedIn export" of an imported touch's "3 linkedin".
fn origin(messages_source: &str) -> Option<String> {
    let (messages, source) = messages_source.split_once(' ')?;
    let source = crate::transfer::archive::ArchiveSource::parse(source)?;
    let messages: u64 = messages.parse().ok()?;
    let count = if messages == 1 { "1 message".to_owned() } else { format!("{messages} messages") };
    Some(format!("{count}, from the {} export", source.label()))
}
