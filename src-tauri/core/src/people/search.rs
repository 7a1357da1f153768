//! The people list: filters, search as you type over the search index, and marking
//! what matched.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, params_from_iter, Connection, Row};
use serde::{Deserialize, Serialize};

use crate::clock::instants::{days_between, instant};
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::storage::sql::Sql;
use crate::vocab::text::{self, limits};
use crate::vocab::{HandlePlatform, PeopleOrder, Rung};

/// One row of the people list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub title: String,
    pub rung: Rung,
    pub last_touch_at: Option<DateTime<Utc>>,
    /// Whole days since the last touch, as the Ladder's cards count them.
    pub days_since_last_touch: Option<i64>,
    /// When their next open follow-up is due (a snooze counts from when it ends).
    pub next_follow_up: Option<DateTime<Utc>>,
    /// With a search: the name with matches between `\u{2}` and `\u{3}`.
    pub name_marked: Option<String>,
    /// With a search that matched elsewhere (handle, tag, notes, a touch's notes): a
    /// short excerpt around the match, marked the same way.
    pub matched: Option<String>,
}

/// Which people the list shows. Every filter is optional; all must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PeopleQuery {
    /// Words that names, companies or titles start with.
    pub search: String,
    pub rung: Option<Rung>,
    pub tag: Option<String>,
    /// Only people with a handle on this platform.
    pub platform: Option<HandlePlatform>,
    /// Only people with no touch for at least this many days (or never).
    pub untouched_days: Option<u32>,
    /// The archive instead of the people in use.
    pub archived: bool,
    pub order: PeopleOrder,
}

impl Default for PeopleOrder {
    /// The People list's order; the Ladder's is [`PeopleOrder::Waiting`].
    fn default() -> Self {
        PeopleOrder::Name
    }
}

/// The `ORDER BY` of people `p` in `order`; the id last, so that every order is total.
/// SQLite puts NULL first when ascending: never touched waits longest and is touched
/// least recently. Waiting and recent read `person_board` in order, ties aside.
/// [`PeopleOrder::FollowUp`] needs [`NEXT_FOLLOW_UP`] joined.
pub(crate) fn order_by(order: PeopleOrder) -> &'static str {
    match order {
        PeopleOrder::Waiting => "p.last_touch_at, p.display_name COLLATE NOCASE, p.id",
        PeopleOrder::Recent => "p.last_touch_at DESC, p.display_name COLLATE NOCASE, p.id",
        PeopleOrder::Name => "p.display_name COLLATE NOCASE, p.id",
        // Overdue first, then soonest; people with nothing planned after, by name.
        PeopleOrder::FollowUp => "upcoming.due NULLS LAST, p.display_name COLLATE NOCASE, p.id",
    }
}

/// Each person's next open follow-up, a snooze counting from when it ends: one pass over
/// the follow-ups, twice as fast as asking per person on a large diary.
const NEXT_FOLLOW_UP: &str = "LEFT JOIN (SELECT person_id, min(coalesce(snoozed_until, due_at)) AS due FROM follow_up
     WHERE status IN ('open', 'snoozed') GROUP BY person_id) upcoming ON upcoming.person_id = p.id";

/// The same for one person `p`.
const NEXT_FOLLOW_UP_OF_P: &str = "(SELECT min(coalesce(f.snoozed_until, f.due_at)) FROM follow_up f
     WHERE f.person_id = p.id AND f.status IN ('open', 'snoozed'))";

/// A page of the people list: the rows shown and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    pub people: Vec<PersonSummary>,
    pub total: u32,
}

/// The most rows the people list returns at once; search narrows the rest.
pub const PEOPLE_PAGE: u32 = 500;

impl Diary {
    /// People filtered and ordered as asked: at most [`PEOPLE_PAGE`] rows and the total.
    pub fn people(&self, query: &PeopleQuery) -> Result<PeopleList> {
        let search = text::optional_line("search", "Search", &query.search, limits::LINE)?;
        let now = self.now();
        let mut sql = Sql::default();
        let mut conditions = vec![
            if query.archived { "p.archived_at IS NOT NULL" } else { "p.archived_at IS NULL" }.to_owned(),
            "p.merged_into IS NULL".to_owned(),
        ];
        let words = fts_prefix_query(&search);
        if let Some(words) = &words {
            let words = sql.bind(words.clone());
            // What was said in touches is searched once a word has three letters: one or
            // two match most of a large diary's notes and find nobody in particular.
            let said = if search.split(|c: char| !c.is_alphanumeric()).any(|w| w.chars().count() >= NOTES_FROM) {
                format!(
                    "UNION SELECT tp.person_id FROM touch_search ts
                     JOIN touch t ON t.id = ts.rowid AND t.deleted_at IS NULL
                     JOIN touch_person tp ON tp.touch_id = t.id
                     WHERE touch_search MATCH {words}"
                )
            } else {
                String::new()
            };
            conditions.push(format!("p.id IN (SELECT rowid FROM person_search WHERE person_search MATCH {words} {said})"));
        }
        if let Some(rung) = query.rung {
            conditions.push(format!("p.rung = {}", sql.bind(rung.as_str().to_owned())));
        }
        if let Some(tag) = query.tag.as_deref().filter(|t| !t.trim().is_empty()) {
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                         WHERE pt.person_id = p.id AND t.name = {} COLLATE NOCASE)",
                sql.bind(tag.trim().to_owned())
            ));
        }
        if let Some(platform) = query.platform {
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM handle h WHERE h.person_id = p.id AND h.platform = {})",
                sql.bind(platform.as_str().to_owned())
            ));
        }
        if let Some(days) = query.untouched_days {
            let cutoff = self.now().timestamp() - i64::from(days) * 86_400;
            conditions.push(format!("coalesce(p.last_touch_at, 0) <= {}", sql.bind(cutoff)));
        }
        let filter = conditions.join(" AND ");
        let total = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM person p WHERE {filter}"))?
            .query_row(params_from_iter(&sql.values), |r| r.get(0))?;
        // Sorted by follow-up, every person's is joined; else only the rows shown ask.
        let (join, next) = if query.order == PeopleOrder::FollowUp { (NEXT_FOLLOW_UP, "upcoming.due") } else { ("", NEXT_FOLLOW_UP_OF_P) };
        let page = format!(
            "SELECT p.id, p.display_name, p.company, p.title, p.rung, p.last_touch_at, {next}
             FROM person p {join} WHERE {filter} ORDER BY {} LIMIT {PEOPLE_PAGE}",
            order_by(query.order)
        );
        let mut people: Vec<PersonSummary> = self
            .conn
            .prepare_cached(&page)?
            .query_map(params_from_iter(&sql.values), |row| summary_from_row(row, now))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(words) = words {
            let shown = people.len().min(HIGHLIGHTED);
            self.mark(&mut people[..shown], &words)?;
        }
        Ok(PeopleList { people, total })
    }

    /// Marks where `words` matched these people: in the name, or elsewhere. Each search
    /// runs once for all of them, the rows wanted picked by `+rowid` (not handed to the
    /// index, which would set the whole search up again for every row).
    fn mark(&self, people: &mut [PersonSummary], words: &str) -> Result<()> {
        if people.is_empty() {
            return Ok(());
        }
        let ids = serde_json::to_string(&people.iter().map(|p| p.id).collect::<Vec<_>>()).expect("ids serialize");
        let mut found: HashMap<i64, (String, String)> = self
            .conn
            .prepare_cached(
                "SELECT rowid, highlight(person_search, 0, char(2), char(3)),
                        snippet(person_search, -1, char(2), char(3), '…', 12)
                 FROM person_search WHERE person_search MATCH ?1 AND +rowid IN (SELECT value FROM json_each(?2))",
            )?
            .query_map(params![words, ids], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let mut elsewhere = Vec::new();
        for person in people.iter_mut() {
            let (name, snippet) = found.remove(&person.id).unzip();
            let in_name = name.as_ref().is_some_and(|n| n.contains('\u{2}'));
            person.name_marked = name.filter(|_| in_name);
            person.matched = match snippet {
                _ if in_name => None,
                Some(snippet) if snippet.contains('\u{2}') => Some(snippet),
                _ => {
                    elsewhere.push(person.id);
                    None
                }
            };
        }
        if elsewhere.is_empty() {
            return Ok(());
        }
        // The rest matched in what was said: each one's newest matching touch, then the
        // excerpts of those touches alone.
        let ids = serde_json::to_string(&elsewhere).expect("ids serialize");
        let mut newest: HashMap<i64, (i64, i64)> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT tp.person_id, t.happened_at, t.id FROM touch_search ts
             JOIN touch t ON t.id = ts.rowid AND t.deleted_at IS NULL
             JOIN touch_person tp ON tp.touch_id = t.id AND tp.person_id IN (SELECT value FROM json_each(?2))
             WHERE touch_search MATCH ?1",
        )?;
        for row in stmt.query_map(params![words, ids], |r| Ok((r.get::<_, i64>(0)?, (r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))))? {
            let (person, touch) = row?;
            let best = newest.entry(person).or_insert(touch);
            *best = (*best).max(touch);
        }
        let touches = serde_json::to_string(&newest.values().map(|&(_, id)| id).collect::<Vec<_>>()).expect("ids serialize");
        let excerpts: HashMap<i64, String> = self
            .conn
            .prepare_cached(
                "SELECT rowid, snippet(touch_search, 0, char(2), char(3), '…', 12)
                 FROM touch_search WHERE touch_search MATCH ?1 AND +rowid IN (SELECT value FROM json_each(?2))",
            )?
            .query_map(params![words, touches], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for person in people.iter_mut().filter(|p| p.matched.is_none() && p.name_marked.is_none()) {
            person.matched = newest.get(&person.id).and_then(|(_, touch)| excerpts.get(touch).cloned());
        }
        Ok(())
    }
}

/// The shortest word that searches touches' notes too.
const NOTES_FROM: usize = 3;

/// How many rows of a search get their matches marked; the rest are past any screen.
const HIGHLIGHTED: usize = 30;

/// What the search index holds for each person (rowid = person id).
const SEARCH_ROW: &str = "INSERT INTO person_search (rowid, display_name, company, title, handles, tags, notes)
     SELECT p.id, p.display_name, p.company, p.title,
            coalesce((SELECT group_concat(h.value, ' ') FROM handle h WHERE h.person_id = p.id), ''),
            coalesce((SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                      WHERE pt.person_id = p.id), ''),
            p.how_met || ' ' || p.why_matters || ' ' || p.notes
     FROM person p";

/// Rewrites a person's row in the search index from what is stored now.
pub(crate) fn index_person(tx: &Connection, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM person_search WHERE rowid = ?1")?.execute([id])?;
    tx.prepare_cached(&format!("{SEARCH_ROW} WHERE p.id = ?1"))?.execute([id])?;
    Ok(())
}

/// Rewrites the search entries of `people` in two statements: the index is written to
/// disk once for all of them, not once a person.
pub(crate) fn index_people(tx: &Connection, people: &[i64]) -> Result<()> {
    if people.is_empty() {
        return Ok(());
    }
    let ids = format!("[{}]", people.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
    tx.prepare_cached("DELETE FROM person_search WHERE rowid IN (SELECT value FROM json_each(?1))")?.execute([&ids])?;
    tx.prepare_cached(&format!("{SEARCH_ROW} WHERE p.id IN (SELECT value FROM json_each(?1))"))?.execute([&ids])?;
    Ok(())
}

/// Indexes everyone added from `first_id` on, not yet indexed, in one statement: an
/// import's thousands of new people index three times faster together than one by one.
pub(crate) fn index_people_from(tx: &Connection, first_id: i64) -> Result<()> {
    tx.execute(&format!("{SEARCH_ROW} WHERE p.id >= ?1"), [first_id])?;
    Ok(())
}

/// Turns typed words into an FTS5 query where each word is a quoted prefix, so
/// nothing the user types is read as FTS syntax. `None` when there are no words.
fn fts_prefix_query(search: &str) -> Option<String> {
    let terms: Vec<String> = search.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"*")).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn summary_from_row(row: &Row<'_>, now: DateTime<Utc>) -> rusqlite::Result<PersonSummary> {
    let last_touch_at = row.get::<_, Option<i64>>(5)?.map(instant).transpose()?;
    Ok(PersonSummary {
        id: row.get(0)?,
        display_name: row.get(1)?,
        company: row.get(2)?,
        title: row.get(3)?,
        rung: row.get(4)?,
        last_touch_at,
        days_since_last_touch: last_touch_at.map(|last| days_between(last, now)),
        next_follow_up: row.get::<_, Option<i64>>(6)?.map(instant).transpose()?,
        name_marked: None,
        matched: None,
    })
}
