//! What of the diary travels between devices, table by table, and how a row is named
//! on every device: by its `uid` (storage/uid.rs), or by what it holds (a tag by its
//! name, a touch's person by both their ids). Links to other synced rows travel as the
//! uid of the row they name, never as a local id, which differs from device to device.
//!
//! Columns left out are worked out on each device from what did travel: a person's
//! rung and figures (last touch, first call, messages since they last spoke) come from
//! the merged history, never merged as numbers; a touch's person's time is the touch's.

use std::fmt::Write as _;

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::transfer::export::json::sql_value;

/// How the rows of a table are told apart on every device.
pub(crate) enum Key {
    /// By the `uid` column.
    Uid,
    /// By these columns, links among them named by their uids.
    Columns(&'static [&'static str]),
}

/// One synced table.
pub(crate) struct Table {
    pub name: &'static str,
    pub key: Key,
    /// Columns that travel as they are.
    pub columns: &'static [&'static str],
    /// Columns that name another synced row by its local id, and that row's table.
    pub links: &'static [(&'static str, &'static str)],
    /// Columns that stay on the device: local ids, and what is worked out from the rest.
    /// Only the test that holds every column of the schema to a place reads it so far.
    #[cfg_attr(not(test), allow(dead_code))]
    pub local: &'static [&'static str],
}

/// The one table with the user's data that stays on each device: which budget warnings
/// this device has shown, so each device warns once and not once for every device.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const LOCAL_TABLES: &[&str] = &["budget_warning"];

/// A person's rung and figures, worked out on each device from the merged history.
const PERSON_FIGURES: &[&str] = &[
    "id",
    "uid",
    "rung",
    "last_touch_at",
    "first_call_at",
    "first_met_at",
    "last_spoken_at",
    "messages_since_spoken",
    "newest_message_id",
    "first_touch_at",
    "first_touch_id",
];
const IDS: &[&str] = &["id", "uid"];

/// Every synced table, each after the tables its links name.
pub(crate) const TABLES: &[Table] = &[
    Table { name: "setting", key: Key::Columns(&["key"]), columns: &["value"], links: &[], local: &[] },
    Table { name: "platform", key: Key::Columns(&["key"]), columns: &["label", "position", "archived_at"], links: &[], local: &[] },
    Table { name: "budget", key: Key::Columns(&["scope"]), columns: &["weekly_minutes"], links: &[], local: &[] },
    Table { name: "tag", key: Key::Columns(&["name"]), columns: &[], links: &[], local: &["id"] },
    Table {
        name: "import_run",
        key: Key::Uid,
        columns: &["source", "file_name", "applied_at", "undone_at", "touches", "people", "words_kept"],
        links: &[],
        local: IDS,
    },
    Table { name: "source_self", key: Key::Columns(&["source"]), columns: &["party_key"], links: &[], local: &[] },
    Table {
        name: "person",
        key: Key::Uid,
        columns: &[
            "display_name",
            "company",
            "title",
            "how_met",
            "why_matters",
            "notes",
            "cadence_days",
            "created_at",
            "updated_at",
            "archived_at",
        ],
        links: &[("merged_into", "person"), ("import_run_id", "import_run")],
        local: PERSON_FIGURES,
    },
    Table {
        name: "handle",
        key: Key::Uid,
        columns: &["platform", "value", "url", "professional", "created_at"],
        links: &[("person_id", "person")],
        local: IDS,
    },
    Table {
        name: "person_tag",
        key: Key::Columns(&["person_id", "tag_id"]),
        columns: &[],
        links: &[("person_id", "person"), ("tag_id", "tag")],
        local: &[],
    },
    Table {
        name: "source_person",
        key: Key::Columns(&["source", "party_key"]),
        columns: &[],
        links: &[("person_id", "person")],
        local: &[],
    },
    Table {
        name: "touch",
        key: Key::Uid,
        columns: &[
            "happened_at",
            "channel",
            "platform",
            "direction",
            "personal",
            "duration_minutes",
            "notes",
            "outcome",
            "outcome_value_cents",
            "outcome_currency",
            "created_at",
            "updated_at",
            "deleted_at",
        ],
        links: &[],
        local: IDS,
    },
    Table {
        name: "touch_person",
        key: Key::Columns(&["touch_id", "person_id"]),
        columns: &[],
        links: &[("touch_id", "touch"), ("person_id", "person")],
        local: &["happened_at"],
    },
    Table {
        name: "touch_source",
        key: Key::Columns(&["touch_id"]),
        columns: &["source_key", "messages"],
        links: &[("touch_id", "touch"), ("run_id", "import_run")],
        local: &[],
    },
    Table {
        name: "rung_change",
        key: Key::Uid,
        columns: &["from_rung", "to_rung", "changed_at", "note"],
        links: &[("person_id", "person"), ("touch_id", "touch"), ("import_run_id", "import_run")],
        local: IDS,
    },
    Table {
        name: "follow_up",
        key: Key::Uid,
        columns: &[
            "kind",
            "title",
            "notes",
            "due_at",
            "due_has_time",
            "status",
            "snoozed_until",
            "notified_at",
            "done_at",
            "created_at",
            "updated_at",
        ],
        links: &[("person_id", "person"), ("touch_id", "touch"), ("done_touch_id", "touch")],
        local: IDS,
    },
    Table {
        name: "nudge_dismissal",
        key: Key::Columns(&["person_id", "kind"]),
        columns: &["facts", "dismissed_at"],
        links: &[("person_id", "person")],
        local: &[],
    },
    Table {
        name: "not_duplicate",
        key: Key::Columns(&["person_a", "person_b"]),
        columns: &["dismissed_at"],
        links: &[("person_a", "person"), ("person_b", "person")],
        local: &[],
    },
    Table {
        name: "important_date",
        key: Key::Uid,
        columns: &["kind", "label", "month", "day", "year", "created_at", "reminded_for"],
        links: &[("person_id", "person")],
        local: IDS,
    },
    Table { name: "session", key: Key::Uid, columns: &["platform", "started_at", "ended_at", "source", "note"], links: &[], local: IDS },
    Table { name: "week_journal", key: Key::Columns(&["week_start"]), columns: &["journal", "updated_at"], links: &[], local: &[] },
    Table { name: "week_answer", key: Key::Columns(&["week_start", "prompt"]), columns: &["answer", "ticked"], links: &[], local: &[] },
    Table { name: "week_intention", key: Key::Uid, columns: &["week_start", "text"], links: &[("follow_up_id", "follow_up")], local: IDS },
];

/// One synced row as it travels: its table, its uid (for tables named by uid), and its
/// values by column, key columns included and links given as the global names of the
/// rows they name.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub table: &'static str,
    pub uid: Option<String>,
    pub values: serde_json::Map<String, serde_json::Value>,
}

impl Row {
    /// How every device names this row: its uid, or its key columns' values.
    pub fn key(&self) -> String {
        key_text(&self.key_values())
    }

    /// The row's name as a list: its uid, or its key columns' values (links as global
    /// names), as the capture triggers write it.
    pub(crate) fn key_values(&self) -> Vec<serde_json::Value> {
        match (&self.uid, table(self.table).map(|t| &t.key)) {
            (Some(uid), _) => vec![uid.as_str().into()],
            (None, Some(Key::Columns(key))) => {
                key.iter().map(|k| self.values.get(*k).cloned().unwrap_or(serde_json::Value::Null)).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// A row's name as one text: a uid as it is, key columns' values as JSON, spaced.
pub(crate) fn key_text(key: &[serde_json::Value]) -> String {
    match key {
        [serde_json::Value::String(uid)] => uid.clone(),
        _ => key.iter().map(serde_json::Value::to_string).collect::<Vec<_>>().join(" "),
    }
}

pub(crate) fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// How a link names its row on every device: the uid where the row has one, else the
/// key it is told apart by (a tag's name).
pub(crate) fn global_name(table: &str) -> &'static str {
    match table {
        "tag" => "name",
        _ => "uid",
    }
}

impl Diary {
    /// Every synced row of the diary, table by table in `TABLES` order, each table's
    /// rows in the order of their keys.
    pub fn sync_rows(&self) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        for table in TABLES {
            let mut found = select(&self.conn, table, None)?;
            found.sort_by_cached_key(Row::key);
            out.extend(found);
        }
        Ok(out)
    }

    /// What this diary holds that travels between devices, one line a row, every row
    /// named as every device names it and in that order: two devices that have merged
    /// the same edits give the same text, whatever their local ids.
    pub fn sync_dump(&self) -> Result<String> {
        let mut out = String::new();
        for row in self.sync_rows()? {
            let _ = writeln!(out, "{} {} {}", row.table, row.key(), serde_json::Value::Object(row.values));
        }
        Ok(out)
    }
}

/// The row of `table` named `key` (its uid, or its key columns as every device gives
/// them), if this diary holds it.
pub(crate) fn row_named(conn: &Connection, table: &'static Table, key: &[serde_json::Value]) -> Result<Option<Row>> {
    Ok(select(conn, table, Some(key))?.pop())
}

/// The rows of `table` as they travel: all of them, or the one named `key`.
fn select(conn: &Connection, table: &'static Table, key: Option<&[serde_json::Value]>) -> Result<Vec<Row>> {
    let mut select = vec![match table.key {
        Key::Uid => "t.uid".to_owned(),
        Key::Columns(_) => "NULL".to_owned(),
    }];
    let names = travelling(table);
    for &column in &names {
        match table.links.iter().find(|(l, _)| *l == column) {
            Some((_, target)) => select.push(format!("(SELECT {} FROM {target} WHERE id = t.{column})", global_name(target))),
            None => select.push(format!("t.{column}")),
        }
    }
    let mut sql = format!("SELECT {} FROM {} t", select.join(", "), table.name);
    let mut params = Vec::new();
    if let Some(key) = key {
        if key.len() != key_len(table) {
            return Ok(Vec::new());
        }
        sql.push_str(" WHERE ");
        sql.push_str(&key_condition(table, "t"));
        for value in key {
            params.push(sql_value(value)?);
        }
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let uid = match row.get_ref(0)? {
            ValueRef::Text(uid) => Some(String::from_utf8_lossy(uid).into_owned()),
            _ => None,
        };
        let mut values = serde_json::Map::new();
        for (i, name) in names.iter().enumerate() {
            values.insert((*name).to_owned(), json(row.get_ref(i + 1)?));
        }
        found.push(Row { table: table.name, uid, values });
    }
    Ok(found)
}

/// The columns of `table` that travel, in the order every device gives them: its
/// values, its key columns, then its links (as global names).
pub(crate) fn travelling(table: &Table) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for &column in table.columns.iter().chain(key_columns(table).iter().filter(|c| !is_link(table, c))) {
        if !names.contains(&column) {
            names.push(column);
        }
    }
    names.extend(table.links.iter().map(|(c, _)| *c));
    names
}

/// How many values name a row of `table`.
pub(crate) fn key_len(table: &Table) -> usize {
    match table.key {
        Key::Uid => 1,
        Key::Columns(columns) => columns.len(),
    }
}

/// The SQL that picks the row of `table` (aliased `t`) named by the parameters ?1…:
/// its uid, or its key columns, links found by their global names.
pub(crate) fn key_condition(table: &Table, t: &str) -> String {
    let conditions: Vec<String> = match table.key {
        Key::Uid => vec![format!("{t}.uid = ?1")],
        Key::Columns(columns) => columns
            .iter()
            .enumerate()
            .map(|(i, c)| match table.links.iter().find(|(l, _)| l == c) {
                Some((_, target)) => format!("{t}.{c} IS (SELECT id FROM {target} WHERE {} = ?{})", global_name(target), i + 1),
                None => format!("{t}.{c} IS ?{}", i + 1),
            })
            .collect(),
    };
    conditions.join(" AND ")
}

fn key_columns(table: &Table) -> &'static [&'static str] {
    match table.key {
        Key::Uid => &[],
        Key::Columns(columns) => columns,
    }
}

fn is_link(table: &Table, column: &str) -> bool {
    table.links.iter().any(|(c, _)| *c == column)
}

fn json(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(n) => n.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect::<String>().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::{key_columns, LOCAL_TABLES, TABLES};
    use crate::storage::diary::Diary;

    /// A table or column added later must be given its place here: it travels, it is a
    /// link, or it stays on the device. Otherwise it would silently never sync.
    #[test]
    fn every_table_and_column_of_the_diary_is_synced_linked_or_kept_local() {
        let dir = tempfile::tempdir().unwrap();
        let diary = Diary::open(dir.path().join("diary.sqlite3")).unwrap();
        let mut synced: Vec<&str> = TABLES.iter().map(|t| t.name).chain(LOCAL_TABLES.iter().copied()).collect();
        let mut exported = crate::transfer::export::json::TABLES.to_vec();
        synced.sort_unstable();
        exported.sort_unstable();
        assert_eq!(synced, exported, "every table with the user's data");
        for table in TABLES {
            let mut columns: Vec<String> = diary
                .conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{}')", table.name))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            columns.sort();
            let mut placed: Vec<String> = table
                .columns
                .iter()
                .chain(key_columns(table))
                .chain(table.links.iter().map(|(c, _)| c))
                .chain(table.local)
                .map(|c| c.to_string())
                .collect();
            placed.sort();
            placed.dedup();
            assert_eq!(placed, columns, "{}", table.name);
        }
    }
}
