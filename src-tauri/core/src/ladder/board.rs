//! The Ladder board: every rung with its count and its most recently touched people.

use chrono::{DateTime, Utc};
use rusqlite::Row;
use serde::{Deserialize, Serialize};

use crate::clock::instants::{days_between, instant};
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::vocab::Rung;

/// A person on the Ladder board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardCard {
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub days_since_last_touch: Option<i64>,
}

/// One rung's column: how many people stand on it, and the first of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub rung: Rung,
    pub count: u32,
    /// Most recently touched first; at most [`BOARD_CARDS`].
    pub people: Vec<BoardCard>,
}

pub const BOARD_CARDS: usize = 100;

impl Diary {
    /// The Ladder board: every rung with its count and its most recently touched people.
    pub fn ladder_board(&self) -> Result<Vec<BoardColumn>> {
        let now = self.now();
        let mut columns: Vec<BoardColumn> = Rung::ALL.iter().map(|&rung| BoardColumn { rung, count: 0, people: Vec::new() }).collect();
        for (column, count) in columns.iter_mut().zip(self.rung_counts()?) {
            column.count = count;
        }
        // Each rung's most recently touched people, from the board's index.
        let mut cards = self.conn.prepare_cached(
            "SELECT p.rung, p.id, p.display_name, p.company, p.last_touch_at FROM person p
             WHERE p.rung = ?1 AND p.archived_at IS NULL AND p.merged_into IS NULL
             ORDER BY p.last_touch_at DESC, p.display_name COLLATE NOCASE LIMIT ?2",
        )?;
        for column in &mut columns {
            let mut rows = cards.query(rusqlite::params![column.rung, BOARD_CARDS as i64])?;
            while let Some(row) = rows.next()? {
                column.people.push(card_from_row(row, now)?);
            }
        }
        Ok(columns)
    }

    /// How many people stand on each rung now, by `Rung as usize`.
    pub(crate) fn rung_counts(&self) -> Result<[u32; 6]> {
        // The board's index holds exactly the people on the board: counting it reads no
        // person's row (the planner's own choice, by rung, reads every one).
        let mut stmt = self.conn.prepare_cached(
            "SELECT rung, count(*) FROM person INDEXED BY person_board WHERE archived_at IS NULL AND merged_into IS NULL GROUP BY rung",
        )?;
        let mut counts = [0u32; 6];
        for row in stmt.query_map([], |r| Ok((r.get::<_, Rung>(0)?, r.get::<_, u32>(1)?)))? {
            let (rung, n) = row?;
            counts[rung as usize] = n;
        }
        Ok(counts)
    }
}

fn card_from_row(row: &Row<'_>, now: DateTime<Utc>) -> rusqlite::Result<BoardCard> {
    let last: Option<i64> = row.get(4)?;
    Ok(BoardCard {
        id: row.get(1)?,
        display_name: row.get(2)?,
        company: row.get(3)?,
        days_since_last_touch: last.map(instant).transpose()?.map(|last| days_between(last, now)),
    })
}
