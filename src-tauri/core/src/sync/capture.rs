//! What changed here, for the other devices: while sync is on, a trigger on every synced
//! table writes the name of each row inserted, changed or deleted into `sync_change`, so
//! no path that writes the diary (a log, an import, a merge, an undo) can forget to tell
//! sync. The triggers are made from the table list (`rows::TABLES`), the one home of what
//! travels, and made again when that list changes. With sync off they only look at the
//! empty `this_device` table.

use rusqlite::Connection;

use super::rows::{global_name, Key, Table, TABLES};
use crate::storage::error::Result;

const PREFIX: &str = "sync_capture_";

/// Makes the capture triggers, unless the diary has them as this build would make them.
pub(crate) fn install(conn: &Connection) -> Result<()> {
    let wanted: Vec<(String, String)> = TABLES.iter().flat_map(triggers).collect();
    let mut found: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND substr(name, 1, 13) = ?1 ORDER BY name")?
        .query_map([PREFIX], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut sorted = wanted.clone();
    sorted.sort();
    found.sort();
    if found == sorted {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    for (name, _) in &found {
        tx.execute(&format!("DROP TRIGGER {name}"), [])?;
    }
    for (_, sql) in &wanted {
        tx.execute(sql, [])?;
    }
    tx.commit()?;
    Ok(())
}

/// The three triggers of one table, by name, as `sqlite_schema` keeps them.
fn triggers(table: &Table) -> Vec<(String, String)> {
    let t = table.name;
    let record = |row: &str| format!("INSERT INTO sync_change (tbl, key) VALUES ('{t}', {});", key_sql(table, row));
    let on = "EXISTS (SELECT 1 FROM this_device)";
    // A uid given by the table's own trigger arrives as an UPDATE just after the INSERT.
    let named = |row: &str| match table.key {
        Key::Uid => format!(" AND {row}.uid IS NOT NULL"),
        Key::Columns(_) => String::new(),
    };
    vec![
        (
            format!("{PREFIX}{t}_insert"),
            format!("CREATE TRIGGER {PREFIX}{t}_insert AFTER INSERT ON {t} WHEN {on}{} BEGIN {} END", named("new"), record("new")),
        ),
        // A change of the key (a merge moving a touch to the person kept) names both rows:
        // the one that is gone and the one that came.
        (
            format!("{PREFIX}{t}_update"),
            format!(
                "CREATE TRIGGER {PREFIX}{t}_update AFTER UPDATE ON {t} WHEN {on}{} BEGIN {} {} END",
                named("new"),
                record("old"),
                record("new")
            ),
        ),
        (
            format!("{PREFIX}{t}_delete"),
            format!("CREATE TRIGGER {PREFIX}{t}_delete AFTER DELETE ON {t} WHEN {on}{} BEGIN {} END", named("old"), record("old")),
        ),
    ]
}

/// The SQL of a row's name as every device gives it: `json_array(uid)`, or its key
/// columns with each link as the global name of the row it names.
fn key_sql(table: &Table, row: &str) -> String {
    let parts: Vec<String> = match table.key {
        Key::Uid => vec![format!("{row}.uid")],
        Key::Columns(columns) => columns
            .iter()
            .map(|c| match table.links.iter().find(|(l, _)| l == c) {
                Some((_, target)) => format!("(SELECT {} FROM {target} WHERE id = {row}.{c})", global_name(target)),
                None => format!("{row}.{c}"),
            })
            .collect(),
    };
    format!("json_array({})", parts.join(", "))
}

/// Names every row of the diary as changed: what a device that turns sync on sends
/// first, so the others get the whole diary and not only what changes after.
pub(crate) fn everything(conn: &Connection) -> Result<()> {
    for table in TABLES {
        conn.execute(
            &format!("INSERT INTO sync_change (tbl, key) SELECT '{}', {} FROM {} t", table.name, key_sql(table, "t"), table.name),
            [],
        )?;
    }
    Ok(())
}

/// One row changed here: its table and its name.
pub(crate) struct Changed {
    pub seq: i64,
    pub table: &'static Table,
    pub key: Vec<serde_json::Value>,
}

/// Every change captured so far, oldest first. A name that no longer parses (it cannot,
/// the triggers write it) is passed over rather than stopping sync.
pub(crate) fn changes(conn: &Connection) -> Result<Vec<Changed>> {
    let mut stmt = conn.prepare_cached("SELECT seq, tbl, key FROM sync_change ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (seq, tbl, key): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let (Some(table), Ok(key)) = (TABLES.iter().find(|t| t.name == tbl), serde_json::from_str(&key)) else { continue };
        out.push(Changed { seq, table, key });
    }
    Ok(out)
}

/// Forgets the changes up to `seq` but those `kept`, once they are in a file.
pub(crate) fn forget(conn: &Connection, seq: i64, kept: &[i64]) -> Result<()> {
    let kept = serde_json::to_string(kept).unwrap_or_else(|_| "[]".into());
    conn.prepare_cached("DELETE FROM sync_change WHERE seq <= ?1 AND seq NOT IN (SELECT value FROM json_each(?2))")?
        .execute(rusqlite::params![seq, kept])?;
    Ok(())
}

/// The last change captured, 0 if none.
pub(crate) fn last(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM sync_change", [], |r| r.get(0))?)
}
