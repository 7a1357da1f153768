//! The week on the ladder: who moved, the first calls and meetings, and each rung's
//! count at the week's end against a week before.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::touches::log::TouchPerson;
use crate::vocab::Rung;
use crate::week::review::MOVES_SHOWN;

/// Who moved on the ladder, the week's first calls and meetings, and the board's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderWeek {
    /// Net moves, the highest rung reached first; at most `MOVES_SHOWN`.
    pub moves: Vec<LadderMove>,
    pub moves_total: u32,
    /// How many of them ended higher than they began.
    pub moved_up: u32,
    /// People spoken to (phone or video) for the first time ever this week.
    pub first_calls: Vec<TouchPerson>,
    /// People met (in person or at an event) for the first time ever this week.
    pub first_meetings: Vec<TouchPerson>,
    /// Every rung with how many people stood on it at the week's end and a week before.
    pub rungs: Vec<RungCount>,
}

/// One person's net move in a week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderMove {
    pub person: TouchPerson,
    /// Where they stood when the week began (or were added, when `added`).
    pub from: Rung,
    pub to: Rung,
    /// Added to the diary this week.
    pub added: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RungCount {
    pub rung: Rung,
    pub before: u32,
    pub after: u32,
    /// `after - before`, signed as shown: "+2", "-1", or empty when unchanged.
    pub change: String,
}

impl Diary {
    pub(crate) fn ladder_week(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<LadderWeek> {
        // Each person's changes in the week, in order: the first says where they began.
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.display_name, rc.from_rung, rc.to_rung FROM rung_change rc
             JOIN person p ON p.id = rc.person_id AND p.merged_into IS NULL AND p.archived_at IS NULL
             WHERE rc.changed_at >= ?1 AND rc.changed_at < ?2
             ORDER BY rc.person_id, rc.from_rung IS NOT NULL, rc.changed_at, rc.id",
        )?;
        let rows = stmt
            .query_map(params![from.timestamp(), until.timestamp()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<Rung>>(2)?, r.get::<_, Rung>(3)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut moves: Vec<LadderMove> = Vec::new();
        for (id, name, from_rung, to) in rows {
            match moves.last_mut() {
                Some(m) if m.person.id == id => m.to = to,
                _ => moves.push(LadderMove {
                    person: TouchPerson { id, display_name: name },
                    from: from_rung.unwrap_or(to),
                    to,
                    added: from_rung.is_none(),
                }),
            }
        }
        moves.retain(|m| m.from != m.to);
        moves.sort_by(|a, b| b.to.cmp(&a.to).then_with(|| a.person.display_name.to_lowercase().cmp(&b.person.display_name.to_lowercase())));
        let moves_total = moves.len() as u32;
        let moved_up = moves.iter().filter(|m| m.to > m.from).count() as u32;
        moves.truncate(MOVES_SHOWN);

        let now_on = self.rung_counts()?;
        let before = self.rung_counts_at(now_on, from)?;
        let after = self.rung_counts_at(now_on, until.min(self.now()))?;
        let rungs = Rung::ALL
            .iter()
            .map(|&rung| {
                let (before, after) = (before[rung as usize], after[rung as usize]);
                let change = match i64::from(after) - i64::from(before) {
                    0 => String::new(),
                    up if up > 0 => format!("+{up}"),
                    down => down.to_string(),
                };
                RungCount { rung, before, after, change }
            })
            .collect();
        Ok(LadderWeek {
            moves,
            moves_total,
            moved_up,
            first_calls: self.firsts(from, until, "first_call_at")?,
            first_meetings: self.firsts(from, until, "first_met_at")?,
            rungs,
        })
    }

    /// How many people stood on each rung at instant `at`: today's counts, `now_on`, with
    /// every change since `at` undone. Someone counts from their first change, so a person
    /// added later with touches dated earlier stands where those touches put them, just
    /// as their history reads.
    fn rung_counts_at(&self, now_on: [u32; 6], at: DateTime<Utc>) -> Result<[u32; 6]> {
        let mut counts = now_on;
        // Per person changed since `at`: their rung now, whether they had any change
        // before `at`, and the rung their first touch or hand change since then left.
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.rung,
                    EXISTS (SELECT 1 FROM rung_change e WHERE e.person_id = p.id AND e.changed_at < ?1),
                    (SELECT f.from_rung FROM rung_change f WHERE f.person_id = p.id AND f.changed_at >= ?1
                       AND f.from_rung IS NOT NULL ORDER BY f.changed_at, f.id LIMIT 1)
             FROM person p WHERE p.merged_into IS NULL AND p.archived_at IS NULL
               AND p.id IN (SELECT person_id FROM rung_change WHERE changed_at >= ?1)",
        )?;
        let rows = stmt.query_map([at.timestamp()], |r| Ok((r.get::<_, Rung>(1)?, r.get::<_, bool>(2)?, r.get::<_, Option<Rung>>(3)?)))?;
        for row in rows {
            let (now_on, existed, then_on) = row?;
            match (existed, then_on) {
                (false, _) => counts[now_on as usize] -= 1,
                (true, Some(then_on)) => {
                    counts[now_on as usize] -= 1;
                    counts[then_on as usize] += 1;
                }
                (true, None) => {}
            }
        }
        Ok(counts)
    }

    /// People whose first call (or meeting, by `column`) ever falls in `[from, until)`.
    fn firsts(&self, from: DateTime<Utc>, until: DateTime<Utc>, column: &str) -> Result<Vec<TouchPerson>> {
        let sql = format!(
            "SELECT p.id, p.display_name FROM person p
             WHERE p.{column} >= ?1 AND p.{column} < ?2 AND p.merged_into IS NULL
             ORDER BY p.display_name COLLATE NOCASE"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows =
            stmt.query_map(params![from.timestamp(), until.timestamp()], |r| Ok(TouchPerson { id: r.get(0)?, display_name: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
