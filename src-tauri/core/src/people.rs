//! People and their handles: add, list and search, open, edit.

use chrono::{DateTime, Utc};
use rusqlite::{params, params_from_iter, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::diary::Diary;
use crate::error::{Error, Result};
use crate::text::{self, limits};
use crate::sql::{Sql, LAST_TOUCH};
use crate::time::instant;
use crate::vocab::{HandlePlatform, Rung};

/// A person with everything the person page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub title: String,
    pub how_met: String,
    pub why_matters: String,
    pub notes: String,
    pub rung: Rung,
    pub cadence_days: Option<u32>,
    pub handles: Vec<Handle>,
    pub tags: Vec<String>,
    /// Set when this person was merged into another.
    pub merged_into: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
}

/// One row of the people list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub title: String,
    pub rung: Rung,
    pub last_touch_at: Option<DateTime<Utc>>,
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
}

/// A page of the people list: the rows shown and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    pub people: Vec<PersonSummary>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handle {
    pub id: i64,
    pub platform: HandlePlatform,
    pub value: String,
    pub url: String,
    pub professional: bool,
    /// What opening the handle opens: its URL, or one made from the handle
    /// (a profile page, `mailto:`, `tel:`). `None` when nothing safe can be made.
    pub link: Option<String>,
}

impl Handle {
    fn link(platform: HandlePlatform, value: &str, url: &str) -> Option<String> {
        let web = |url: &str| (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_owned());
        if let Some(url) = web(url) {
            return Some(url);
        }
        let name = value.trim_start_matches('@');
        let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        let profile = |base: &str| plain.then(|| format!("{base}{name}"));
        match platform {
            HandlePlatform::X => profile("https://x.com/"),
            HandlePlatform::Linkedin => web(value).or_else(|| profile("https://www.linkedin.com/in/")),
            HandlePlatform::Facebook => web(value).or_else(|| profile("https://www.facebook.com/")),
            HandlePlatform::Instagram => web(value).or_else(|| profile("https://www.instagram.com/")),
            HandlePlatform::Email => {
                let ok = value.contains('@') && !value.chars().any(|c| c.is_whitespace() || "<>\"?&".contains(c));
                ok.then(|| format!("mailto:{value}"))
            }
            HandlePlatform::Phone => {
                let digits: String = value.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                (digits.chars().filter(char::is_ascii_digit).count() >= 3).then(|| format!("tel:{digits}"))
            }
            HandlePlatform::Website => web(value).or_else(|| {
                let host = value.split('/').next().unwrap_or_default();
                (host.contains('.') && !value.chars().any(char::is_whitespace)).then(|| format!("https://{value}"))
            }),
            HandlePlatform::Other => web(value),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHandle {
    pub platform: HandlePlatform,
    pub value: String,
    #[serde(default)]
    pub url: String,
    #[serde(default = "yes")]
    pub professional: bool,
}

fn yes() -> bool {
    true
}

/// The fields a person is added or edited with. Absent fields are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonEdit {
    pub display_name: String,
    pub company: String,
    pub title: String,
    pub how_met: String,
    pub why_matters: String,
    pub notes: String,
    pub cadence_days: Option<u32>,
    /// The person's handles, replacing the ones they had.
    pub handles: Vec<NewHandle>,
    /// The person's tags, replacing the ones they had.
    pub tags: Vec<String>,
}

/// Longest cadence accepted: ten years.
const MAX_CADENCE_DAYS: u32 = 3650;

impl PersonEdit {
    /// Checks and tidies every field; the first problem found is the error.
    fn validated(&self) -> Result<PersonEdit> {
        if let Some(days) = self.cadence_days {
            if days == 0 || days > MAX_CADENCE_DAYS {
                return Err(Error::invalid(
                    "cadence_days",
                    format!("Cadence must be between 1 and {MAX_CADENCE_DAYS} days."),
                ));
            }
        }
        let handles = self
            .handles
            .iter()
            .map(|h| {
                Ok(NewHandle {
                    platform: h.platform,
                    value: text::required_line("handle", "The handle", &h.value, limits::LINE)?,
                    url: text::optional_line("handle_url", "The handle's URL", &h.url, limits::LINE)?,
                    professional: h.professional,
                })
            })
            .collect::<Result<_>>()?;
        Ok(PersonEdit {
            display_name: text::required_line("display_name", "Name", &self.display_name, limits::NAME)?,
            company: text::optional_line("company", "Company", &self.company, limits::LINE)?,
            title: text::optional_line("title", "Title", &self.title, limits::LINE)?,
            how_met: text::notes("how_met", "How we met", &self.how_met)?,
            why_matters: text::notes("why_matters", "Why they matter", &self.why_matters)?,
            notes: text::notes("notes", "Notes", &self.notes)?,
            cadence_days: self.cadence_days,
            handles,
            tags: validated_tags(&self.tags)?,
        })
    }
}

/// The most rows the people list returns at once; search narrows the rest.
pub const PEOPLE_PAGE: u32 = 500;

impl Diary {
    /// Adds a person on the first rung, `noticed`, and records that placement.
    pub fn add_person(&mut self, edit: &PersonEdit) -> Result<Person> {
        let edit = edit.validated()?;
        let now = self.now().timestamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO person (display_name, company, title, how_met, why_matters, notes,
                                 cadence_days, rung, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                edit.display_name, edit.company, edit.title, edit.how_met, edit.why_matters,
                edit.notes, edit.cadence_days, Rung::Noticed, now
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO rung_change (person_id, from_rung, to_rung, changed_at) VALUES (?1, NULL, ?2, ?3)",
            params![id, Rung::Noticed, now],
        )?;
        insert_handles(&tx, id, &edit.handles, now)?;
        set_tags(&tx, id, &edit.tags)?;
        index_person(&tx, id)?;
        tx.commit()?;
        self.person(id)
    }

    /// Replaces a person's editable fields and handles.
    pub fn update_person(&mut self, id: i64, edit: &PersonEdit) -> Result<Person> {
        let edit = edit.validated()?;
        let now = self.now().timestamp();
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE person SET display_name = ?2, company = ?3, title = ?4, how_met = ?5,
                    why_matters = ?6, notes = ?7, cadence_days = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id, edit.display_name, edit.company, edit.title, edit.how_met, edit.why_matters,
                edit.notes, edit.cadence_days, now
            ],
        )?;
        if changed == 0 {
            return Err(Error::not_found(format!("Person {id}")));
        }
        tx.execute("DELETE FROM handle WHERE person_id = ?1", [id])?;
        insert_handles(&tx, id, &edit.handles, now)?;
        set_tags(&tx, id, &edit.tags)?;
        index_person(&tx, id)?;
        tx.commit()?;
        self.person(id)
    }

    /// One person with their handles.
    pub fn person(&self, id: i64) -> Result<Person> {
        let mut person = self
            .conn
            .prepare_cached(
                "SELECT id, display_name, company, title, how_met, why_matters, notes, rung,
                        cadence_days, merged_into, created_at, updated_at, archived_at
                 FROM person WHERE id = ?1",
            )?
            .query_row([id], person_from_row)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Person {id}")))?;
        person.handles = self
            .conn
            .prepare_cached(
                "SELECT id, platform, value, url, professional FROM handle
                 WHERE person_id = ?1 ORDER BY id",
            )?
            .query_map([id], handle_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        person.tags = self
            .conn
            .prepare_cached(
                "SELECT t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                 WHERE pt.person_id = ?1 ORDER BY t.name COLLATE NOCASE",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(person)
    }

    /// Moves a person to the archive: out of lists, the board and nudges, with
    /// everything kept.
    pub fn archive_person(&mut self, id: i64) -> Result<Person> {
        let now = self.now().timestamp();
        self.person(id)?;
        self.conn.execute(
            "UPDATE person SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at IS NULL",
            params![id, now],
        )?;
        self.person(id)
    }

    /// Brings a person back from the archive. Someone merged into another stays merged.
    pub fn restore_person(&mut self, id: i64) -> Result<Person> {
        let person = self.person(id)?;
        if let Some(into) = person.merged_into {
            return Err(Error::invalid("id", format!("{} was merged into person {into}; open that person instead.", person.display_name)));
        }
        let now = self.now().timestamp();
        self.conn.execute(
            "UPDATE person SET archived_at = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        self.person(id)
    }

    /// The link a handle opens, for the shell to hand to the OS.
    pub fn handle_link(&self, handle_id: i64) -> Result<String> {
        let handle = self
            .conn
            .query_row("SELECT id, platform, value, url, professional FROM handle WHERE id = ?1", [handle_id], handle_from_row)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Handle {handle_id}")))?;
        handle.link.ok_or_else(|| Error::invalid("handle", format!("{:?} has no link to open; add its URL.", handle.value)))
    }

    /// Every tag in use, by name.
    pub fn tags(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM tag WHERE EXISTS (SELECT 1 FROM person_tag WHERE tag_id = tag.id)
             ORDER BY name COLLATE NOCASE",
        )?;
        let tags = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }

    /// People by name, filtered as asked: at most [`PEOPLE_PAGE`] rows and the total.
    pub fn people(&self, query: &PeopleQuery) -> Result<PeopleList> {
        let search = text::optional_line("search", "Search", &query.search, limits::LINE)?;
        let mut sql = Sql::default();
        let from = "person p";
        let mut conditions = vec![
            if query.archived { "p.archived_at IS NOT NULL" } else { "p.archived_at IS NULL" }.to_owned(),
            "p.merged_into IS NULL".to_owned(),
        ];
        let words = fts_prefix_query(&search);
        if let Some(words) = &words {
            let words = sql.bind(words.clone());
            conditions.push(format!(
                "p.id IN (SELECT rowid FROM person_search WHERE person_search MATCH {words}
                          UNION SELECT tp.person_id FROM touch_search ts
                          JOIN touch t ON t.id = ts.rowid AND t.deleted_at IS NULL
                          JOIN touch_person tp ON tp.touch_id = t.id
                          WHERE touch_search MATCH {words})"
            ));
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
            conditions.push(format!("coalesce({LAST_TOUCH}, 0) <= {}", sql.bind(cutoff)));
        }
        let filter = format!("FROM {from} WHERE {}", conditions.join(" AND "));
        let total = self.conn.query_row(
            &format!("SELECT count(*) {filter}"),
            params_from_iter(&sql.values),
            |r| r.get(0),
        )?;
        let page = format!(
            "SELECT p.id, p.display_name, p.company, p.title, p.rung, {LAST_TOUCH}
             {filter} ORDER BY p.display_name COLLATE NOCASE, p.id LIMIT {PEOPLE_PAGE}"
        );
        let mut people: Vec<PersonSummary> = self
            .conn
            .prepare_cached(&page)?
            .query_map(params_from_iter(&sql.values), summary_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(words) = words {
            for person in people.iter_mut().take(HIGHLIGHTED) {
                self.mark(person, &words)?;
            }
        }
        Ok(PeopleList { people, total })
    }

    /// Marks where `words` matched this person: in the name, or elsewhere.
    fn mark(&self, person: &mut PersonSummary, words: &str) -> Result<()> {
        let found: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT highlight(person_search, 0, char(2), char(3)),
                        snippet(person_search, -1, char(2), char(3), '…', 12)
                 FROM person_search WHERE person_search MATCH ?1 AND rowid = ?2",
            )?
            .query_row(params![words, person.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (name, snippet) = found.unzip();
        let in_name = name.as_ref().is_some_and(|n| n.contains('\u{2}'));
        person.name_marked = name.filter(|_| in_name);
        person.matched = match snippet {
            _ if in_name => None,
            Some(snippet) if snippet.contains('\u{2}') => Some(snippet),
            _ => self
                .conn
                .prepare_cached(
                    "SELECT snippet(touch_search, 0, char(2), char(3), '…', 12)
                     FROM touch_search ts JOIN touch t ON t.id = ts.rowid AND t.deleted_at IS NULL
                     JOIN touch_person tp ON tp.touch_id = t.id AND tp.person_id = ?2
                     WHERE touch_search MATCH ?1 ORDER BY t.happened_at DESC LIMIT 1",
                )?
                .query_row(params![words, person.id], |r| r.get(0))
                .optional()?,
        };
        Ok(())
    }
}

/// How many rows of a search get their matches marked; the rest are past any screen.
const HIGHLIGHTED: usize = 100;

/// Rewrites a person's row in the search index from what is stored now.
pub(crate) fn index_person(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.execute("DELETE FROM person_search WHERE rowid = ?1", [id])?;
    tx.execute(
        "INSERT INTO person_search (rowid, display_name, company, title, handles, tags, notes)
         SELECT p.id, p.display_name, p.company, p.title,
                coalesce((SELECT group_concat(h.value, ' ') FROM handle h WHERE h.person_id = p.id), ''),
                coalesce((SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                          WHERE pt.person_id = p.id), ''),
                p.how_met || ' ' || p.why_matters || ' ' || p.notes
         FROM person p WHERE p.id = ?1",
        [id],
    )?;
    Ok(())
}

fn validated_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag = text::optional_line("tags", "A tag", tag, limits::TAG)?;
        if !tag.is_empty() && !clean.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            clean.push(tag);
        }
    }
    Ok(clean)
}

fn set_tags(tx: &Transaction<'_>, person_id: i64, tags: &[String]) -> Result<()> {
    tx.execute("DELETE FROM person_tag WHERE person_id = ?1", [person_id])?;
    let mut insert_tag = tx.prepare_cached("INSERT OR IGNORE INTO tag (name) VALUES (?1)")?;
    let mut link = tx.prepare_cached(
        "INSERT OR IGNORE INTO person_tag (person_id, tag_id) SELECT ?1, id FROM tag WHERE name = ?2",
    )?;
    for tag in tags {
        insert_tag.execute([tag])?;
        link.execute(params![person_id, tag])?;
    }
    Ok(())
}

fn insert_handles(tx: &Transaction<'_>, person_id: i64, handles: &[NewHandle], now: i64) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO handle (person_id, platform, value, url, professional, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for h in handles {
        insert.execute(params![person_id, h.platform, h.value, h.url, h.professional, now])?;
    }
    Ok(())
}

/// Turns typed words into an FTS5 query where each word is a quoted prefix, so
/// nothing the user types is read as FTS syntax. `None` when there are no words.
fn fts_prefix_query(search: &str) -> Option<String> {
    let terms: Vec<String> = search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn person_from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        display_name: row.get(1)?,
        company: row.get(2)?,
        title: row.get(3)?,
        how_met: row.get(4)?,
        why_matters: row.get(5)?,
        notes: row.get(6)?,
        rung: row.get(7)?,
        cadence_days: row.get(8)?,
        handles: Vec::new(),
        tags: Vec::new(),
        merged_into: row.get(9)?,
        created_at: instant(row.get(10)?)?,
        updated_at: instant(row.get(11)?)?,
        archived_at: row.get::<_, Option<i64>>(12)?.map(instant).transpose()?,
    })
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<PersonSummary> {
    Ok(PersonSummary {
        id: row.get(0)?,
        display_name: row.get(1)?,
        company: row.get(2)?,
        title: row.get(3)?,
        rung: row.get(4)?,
        last_touch_at: row.get::<_, Option<i64>>(5)?.map(instant).transpose()?,
        name_marked: None,
        matched: None,
    })
}

fn handle_from_row(row: &Row<'_>) -> rusqlite::Result<Handle> {
    let (platform, value, url): (HandlePlatform, String, String) = (row.get(1)?, row.get(2)?, row.get(3)?);
    Ok(Handle {
        id: row.get(0)?,
        link: Handle::link(platform, &value, &url),
        platform,
        value,
        url,
        professional: row.get(4)?,
    })
}
