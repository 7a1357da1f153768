//! The Ladder board: every rung with its count and its first people in the chosen order,
//! a page at a time, longest waiting first unless asked otherwise.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Row;
use serde::{Deserialize, Serialize};

use crate::clock::instants::{days_between, instant};
use crate::people::search::order_by;
use crate::people::PeopleQuery;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::money::grouped;
use crate::vocab::{PeopleOrder, Rung};

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
    /// In the board's order; [`BOARD_CARDS`] unless the query asked for more.
    pub people: Vec<BoardCard>,
    /// What the button that shows the next page says ("Show 100 more of 4,900"), or
    /// `None` when every card is shown.
    pub more: Option<String>,
    /// The People list of exactly this column, in the same order: where the count leads.
    pub people_query: PeopleQuery,
    /// What the count means as a link: "All 151 people on Connected, in People".
    pub people_label: String,
}

/// The cards a column shows at first, and how many more each page adds.
pub const BOARD_CARDS: usize = 100;

/// Which board: the order, and how far each column has been paged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardQuery {
    pub order: PeopleOrder,
    /// Cards wanted per rung, for the columns paged past the first [`BOARD_CARDS`]: the
    /// window asks again with as many after a write, so nobody's place is lost.
    pub shown: BTreeMap<Rung, u32>,
}

impl Default for BoardQuery {
    /// Longest waiting first: the people most in need lead, and none is hidden behind
    /// the ones just touched.
    fn default() -> Self {
        BoardQuery { order: PeopleOrder::Waiting, shown: BTreeMap::new() }
    }
}

impl Diary {
    /// The Ladder board: every rung with its count and its first people in `query`'s
    /// order, as many as asked (a whole number of pages), never fewer than a page.
    pub fn ladder_board(&self, query: &BoardQuery) -> Result<Vec<BoardColumn>> {
        if !query.order.on_board() {
            return Err(Error::invalid("order", "The Ladder cannot be ordered that way."));
        }
        let now = self.now();
        let counts = self.rung_counts()?;
        // The index's own condition, word for word, so that SQLite reads person_board.
        let mut cards = self.conn.prepare_cached(&format!(
            "SELECT p.rung, p.id, p.display_name, p.company, p.last_touch_at FROM person p
             WHERE p.rung = ?1 AND p.archived_at IS NULL AND p.merged_into IS NULL
             ORDER BY {} LIMIT ?2",
            order_by(query.order)
        ))?;
        let mut columns = Vec::with_capacity(Rung::ALL.len());
        for &rung in Rung::ALL {
            let count = counts[rung as usize];
            let wanted = query.shown.get(&rung).map_or(BOARD_CARDS, |&n| pages(n as usize) * BOARD_CARDS);
            let mut people = Vec::with_capacity(wanted.min(count as usize));
            let mut rows = cards.query(rusqlite::params![rung, wanted as i64])?;
            while let Some(row) = rows.next()? {
                people.push(card_from_row(row, now)?);
            }
            let hidden = count as usize - people.len().min(count as usize);
            columns.push(BoardColumn {
                rung,
                count,
                more: more_label(hidden),
                people_query: PeopleQuery { rung: Some(rung), order: query.order, ..PeopleQuery::default() },
                people_label: format!("All {} on {}, in People", people_count(count), rung.label()),
                people,
            });
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

/// Whole pages for `n` cards: at least one.
fn pages(n: usize) -> usize {
    n.div_ceil(BOARD_CARDS).max(1)
}

fn more_label(hidden: usize) -> Option<String> {
    match hidden {
        0 => None,
        n if n <= BOARD_CARDS => Some(format!("Show {} more", grouped(n as u64))),
        n => Some(format!("Show {BOARD_CARDS} more of {}", grouped(n as u64))),
    }
}

fn people_count(n: u32) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{} people", grouped(u64::from(n)))
    }
}
