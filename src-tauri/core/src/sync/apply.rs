//! Rows from other devices into this diary, in one transaction: each row put in place by
//! how every device names it (inserted, or its values replacing the ones here), links
//! turned back into this diary's local ids, and the people they touch noted in
//! `sync_rework`; `rework` then works out again what is worked out from the rows (a
//! person's rung, figures and search entry), once a round for all the documents read.

use std::collections::{BTreeSet, HashSet};

use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::rows::{global_name, key_condition, key_len, Key, Row, Table, TABLES};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::transfer::export::json::sql_value;

impl Diary {
    /// Puts `rows` in place; applying the same rows again changes nothing. Rows may
    /// come in any order: they are applied table by table, parents first.
    pub fn apply_sync_rows(&mut self, rows: &[Row]) -> Result<usize> {
        let tx = self.conn.savepoint()?;
        let n = apply(&tx, rows, &[])?;
        rework(&tx, usize::MAX)?;
        tx.commit()?;
        Ok(n)
    }
}

/// A row another device no longer has: its table and its name.
pub(crate) type Gone = (&'static Table, Vec<serde_json::Value>);

/// The people rows touched: whose rung and figures to work out again, and whose search
/// entry too (their row, a handle or a tag of theirs came).
#[derive(Default)]
struct Touched {
    people: BTreeSet<i64>,
    searched: BTreeSet<i64>,
}

impl Touched {
    fn note(&mut self, table: &str, person: i64) {
        self.people.insert(person);
        if SEARCHED.contains(&table) {
            self.searched.insert(person);
        }
    }
}

/// The tables whose rows a person's search entry is made of (`people::search`).
const SEARCHED: &[&str] = &["person", "handle", "person_tag", "tag"];

/// Puts `rows` in place and takes the `gone` ones away, within the caller's
/// transaction, and notes the people they touch for `rework`.
pub(crate) fn apply(tx: &Connection, rows: &[Row], gone: &[Gone]) -> Result<usize> {
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    let mut people = Touched::default();
    // Children first, so a row is never taken away from under one that names it.
    for table in TABLES.iter().rev() {
        for (_, key) in gone.iter().filter(|(t, _)| t.name == table.name) {
            take_away(tx, table, key, &mut people)?;
        }
    }
    let mut later = Vec::new();
    for table in TABLES {
        for row in rows.iter().filter(|r| r.table == table.name) {
            if let Some(row) = put(tx, table, row, &mut people)? {
                later.push(row);
            }
        }
    }
    // Links to rows of the same table that came after them (a person merged into one
    // added later) are set once every row is in.
    for (table, id, column, target, name) in later {
        let local = resolve(tx, target, &name)?.ok_or_else(|| missing(table.name, target, &name))?;
        tx.execute(&format!("UPDATE {} SET {column} = ?2 WHERE id = ?1", table.name), rusqlite::params![id, local])?;
    }
    let mut note = tx.prepare_cached(
        "INSERT INTO sync_rework (person_id, search) VALUES (?1, ?2)
         ON CONFLICT (person_id) DO UPDATE SET search = max(search, excluded.search)",
    )?;
    for &person in &people.people {
        note.execute(rusqlite::params![person, people.searched.contains(&person)])?;
    }
    Ok(rows.len() + gone.len())
}

/// Works out again, within the caller's transaction, the rung, figures and search entry
/// of up to `at_most` of the people `apply` noted, and forgets them; returns whether
/// any are left.
pub(crate) fn rework(tx: &Connection, at_most: usize) -> Result<bool> {
    let last = super::capture::last(tx)?;
    let mut noted = tx.prepare_cached(
        "SELECT r.person_id, r.search, p.id IS NOT NULL FROM sync_rework r LEFT JOIN person p ON p.id = r.person_id
         ORDER BY r.person_id LIMIT ?1",
    )?;
    let limit = i64::try_from(at_most).unwrap_or(i64::MAX);
    let noted: Vec<(i64, bool, bool)> =
        noted.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let ids = format!("[{}]", noted.iter().map(|(person, ..)| person.to_string()).collect::<Vec<_>>().join(","));
    // Someone noted and gone since (merged and deleted) is only forgotten.
    let noted: Vec<(i64, bool)> = noted.into_iter().filter(|&(.., here)| here).map(|(person, search, _)| (person, search)).collect();
    for &(person, _) in &noted {
        crate::ladder::rungs::work_out(tx, person)?;
    }
    crate::touches::figures::refresh(tx, noted.iter().map(|&(person, _)| person))?;
    let searched: Vec<i64> = noted.iter().filter(|(_, search)| *search).map(|&(person, _)| person).collect();
    crate::people::search::index_people(tx, &searched)?;
    tx.execute("DELETE FROM sync_rework WHERE person_id IN (SELECT value FROM json_each(?1))", [&ids])?;
    // What is worked out from the rows every device works out itself: nothing to send.
    tx.execute("DELETE FROM sync_change WHERE seq > ?1", [last])?;
    Ok(tx.query_row("SELECT EXISTS (SELECT 1 FROM sync_rework)", [], |r| r.get(0))?)
}

/// Which of `rows` wait for a row that is neither here nor among them (its document's
/// file has not arrived yet, or the row it names is `gone`): their indexes. The others
/// can be applied now; the waiting ones are applied again once what they name is in.
pub(crate) fn waiting(tx: &Connection, rows: &[Row], gone: &[Gone]) -> Result<BTreeSet<usize>> {
    let name_of = |table: &str, key: &[serde_json::Value]| key.first().and_then(|v| v.as_str()).map(|n| (table.to_owned(), n.to_owned()));
    let gone: HashSet<(String, String)> = gone.iter().filter_map(|(t, key)| name_of(t.name, key)).collect();
    let mut waiting = BTreeSet::new();
    loop {
        let coming: HashSet<(String, String)> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| !waiting.contains(i))
            .filter_map(|(_, r)| {
                let name = if r.table == "tag" { r.values.get("name").cloned() } else { r.uid.clone().map(Into::into) };
                name_of(r.table, &[name?])
            })
            .collect();
        let mut more = false;
        for (i, row) in rows.iter().enumerate() {
            if waiting.contains(&i) {
                continue;
            }
            let Some(table) = TABLES.iter().find(|t| t.name == row.table) else { continue };
            for &(column, target) in table.links {
                let Some(name) = row.values.get(column).and_then(|v| v.as_str()) else { continue };
                let named = (target.to_owned(), name.to_owned());
                let here = !gone.contains(&named) && resolve(tx, target, &name.into())?.is_some();
                if !here && !coming.contains(&named) {
                    waiting.insert(i);
                    more = true;
                    break;
                }
            }
        }
        if !more {
            return Ok(waiting);
        }
    }
}

/// Takes away the row of `table` named `key`, if it is here, noting the people whose
/// figures it counted in.
fn take_away(tx: &Connection, table: &Table, key: &[serde_json::Value], people: &mut Touched) -> Result<()> {
    if key.len() != key_len(table) {
        return Ok(());
    }
    let params: Vec<Sql> = key.iter().map(sql_value).collect::<Result<_>>()?;
    let condition = key_condition(table, table.name);
    if table.name == "touch" {
        let id: Option<i64> = tx
            .prepare_cached(&format!("SELECT id FROM touch WHERE {condition}"))?
            .query_row(params_from_iter(params.iter()), |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            for person in crate::touches::figures::people_of(tx, id)? {
                people.note(table.name, person);
            }
        }
    }
    // A tag taken away is taken from the search entry of everyone who had it.
    if table.name == "tag" {
        let mut stmt =
            tx.prepare_cached(&format!("SELECT pt.person_id FROM person_tag pt JOIN tag ON tag.id = pt.tag_id WHERE {condition}"))?;
        let found: Vec<i64> = stmt.query_map(params_from_iter(params.iter()), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for person in found {
            people.note(table.name, person);
        }
    }
    for (column, target) in table.links {
        if *target == "person" {
            let mut stmt = tx.prepare_cached(&format!("SELECT {column} FROM {} WHERE {condition}", table.name))?;
            let found: Vec<Option<i64>> =
                stmt.query_map(params_from_iter(params.iter()), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            for person in found.into_iter().flatten() {
                people.note(table.name, person);
            }
        }
    }
    tx.prepare_cached(&format!("DELETE FROM {} WHERE {condition}", table.name))?.execute(params_from_iter(params.iter()))?;
    Ok(())
}

/// A link left for later: the row's table and local id, the column, and what it names.
type Later = (&'static Table, i64, &'static str, &'static str, serde_json::Value);

/// One row in place; returns a link to set once every row is in, if it has one.
fn put(tx: &Connection, table: &'static Table, row: &Row, people: &mut Touched) -> Result<Option<Later>> {
    let mut columns: Vec<&str> = Vec::new();
    let mut values: Vec<Sql> = Vec::new();
    let mut later = None;
    if let Key::Uid = table.key {
        let uid =
            row.uid.as_deref().filter(|u| !u.is_empty()).ok_or_else(|| {
                Error::invalid("sync", format!("A {} row from another device has no id; it was not applied.", table.name))
            })?;
        columns.push("uid");
        values.push(Sql::Text(uid.to_owned()));
    }
    let key: &[&str] = match table.key {
        Key::Uid => &[],
        Key::Columns(key) => key,
    };
    for &column in table.columns.iter().chain(key.iter().filter(|c| !table.links.iter().any(|(l, _)| l == *c))) {
        if columns.contains(&column) {
            continue;
        }
        columns.push(column);
        values.push(sql_value(row.values.get(column).unwrap_or(&serde_json::Value::Null))?);
    }
    for &(column, target) in table.links {
        let name = row.values.get(column).cloned().unwrap_or(serde_json::Value::Null);
        let local = if name.is_null() { None } else { resolve(tx, target, &name)? };
        if local.is_none() && !name.is_null() {
            if target != table.name {
                return Err(missing(table.name, target, &name));
            }
            later = Some((column, target, name));
        }
        if let (Some(person), "person") = (local, target) {
            people.note(table.name, person);
        }
        columns.push(column);
        values.push(local.map_or(Sql::Null, Sql::Integer));
    }
    // A touch's person is filed under the touch's time, which travels with the touch.
    let (extra, extra_value) = match table.name {
        "touch_person" => (", happened_at", ", (SELECT happened_at FROM touch WHERE id = ?1)"),
        _ => ("", ""),
    };
    let conflict: Vec<&str> = match table.key {
        Key::Uid => vec!["uid"],
        Key::Columns(key) => key.to_vec(),
    };
    let updates: Vec<String> = columns.iter().filter(|c| !conflict.contains(c)).map(|c| format!("{c} = excluded.{c}")).collect();
    // A row that clashes with one made here on another rule (two running timers, one
    // date written on both devices) is passed over rather than stopping every sync.
    let on_conflict =
        if updates.is_empty() { "DO NOTHING".to_owned() } else { format!("DO UPDATE SET {} ON CONFLICT DO NOTHING", updates.join(", ")) };
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    // touch_person's columns are its links, touch first: ?1 is its touch.
    let sql = format!(
        "INSERT INTO {} ({}{extra}) VALUES ({}{extra_value}) ON CONFLICT ({}) {on_conflict}",
        table.name,
        columns.join(", "),
        placeholders.join(", "),
        conflict.join(", ")
    );
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    if table.name == "touch" {
        let id = local_id(tx, table, row)?;
        for person in crate::touches::figures::people_of(tx, id)? {
            people.note(table.name, person);
        }
    }
    if table.name == "person" {
        people.note(table.name, local_id(tx, table, row)?);
    }
    Ok(match later {
        Some((column, target, name)) => Some((table, local_id(tx, table, row)?, column, target, name)),
        None => None,
    })
}

fn local_id(tx: &Connection, table: &Table, row: &Row) -> Result<i64> {
    let uid = row.uid.as_deref().unwrap_or_default();
    Ok(tx.query_row(&format!("SELECT id FROM {} WHERE uid = ?1", table.name), [uid], |r| r.get(0))?)
}

/// This diary's id for the row of `target` named `name` on every device, if it is here.
fn resolve(tx: &Connection, target: &str, name: &serde_json::Value) -> Result<Option<i64>> {
    let name = sql_value(name)?;
    Ok(tx
        .prepare_cached(&format!("SELECT id FROM {target} WHERE {} = ?1", global_name(target)))?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

fn missing(table: &str, target: &str, name: &serde_json::Value) -> Error {
    // Its document may not have been read yet: nothing is written, and the rows are
    // applied again once it has.
    Error::invalid(
        "sync",
        format!("A {table} row from another device names the {target} {name}, which is not here yet; nothing was applied."),
    )
}
