//! Rows from other devices into this diary, in one transaction: each row put in place by
//! how every device names it (inserted, or its values replacing the ones here), links
//! turned back into this diary's local ids, then what is worked out from the rows (a
//! person's rung, figures and search entry) worked out again for the people they touch.

use std::collections::BTreeSet;

use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::rows::{global_name, Key, Row, Table, TABLES};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::transfer::export::json::sql_value;

impl Diary {
    /// Puts `rows` in place; applying the same rows again changes nothing. Rows may
    /// come in any order: they are applied table by table, parents first.
    pub fn apply_sync_rows(&mut self, rows: &[Row]) -> Result<usize> {
        let tx = self.conn.savepoint()?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let mut people = BTreeSet::new();
        let mut later = Vec::new();
        for table in TABLES {
            for row in rows.iter().filter(|r| r.table == table.name) {
                if let Some(row) = put(&tx, table, row, &mut people)? {
                    later.push(row);
                }
            }
        }
        // Links to rows of the same table that came after them (a person merged into one
        // added later) are set once every row is in.
        for (table, id, column, target, name) in later {
            let local = resolve(&tx, target, &name)?.ok_or_else(|| missing(table.name, target, &name))?;
            tx.execute(&format!("UPDATE {} SET {column} = ?2 WHERE id = ?1", table.name), rusqlite::params![id, local])?;
        }
        for &person in &people {
            crate::ladder::rungs::work_out(&tx, person)?;
        }
        crate::touches::figures::refresh(&tx, people.iter().copied())?;
        for &person in &people {
            crate::people::search::index_person(&tx, person)?;
        }
        tx.commit()?;
        Ok(rows.len())
    }
}

/// A link left for later: the row's table and local id, the column, and what it names.
type Later = (&'static Table, i64, &'static str, &'static str, serde_json::Value);

/// One row in place; returns a link to set once every row is in, if it has one.
fn put(tx: &Connection, table: &'static Table, row: &Row, people: &mut BTreeSet<i64>) -> Result<Option<Later>> {
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
        if target == "person" {
            people.extend(local);
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
    let on_conflict = if updates.is_empty() { "DO NOTHING".to_owned() } else { format!("DO UPDATE SET {}", updates.join(", ")) };
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
        people.extend(crate::touches::figures::people_of(tx, id)?);
    }
    if table.name == "person" {
        people.insert(local_id(tx, table, row)?);
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
