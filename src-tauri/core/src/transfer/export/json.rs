//! The whole diary as one JSON document, and back: every row of every table the user's
//! data lives in, so a restore into an empty diary loses nothing (exporting it again
//! gives the same bytes). Search indexes are not exported; they are rebuilt.

use rusqlite::types::{Value as Sql, ValueRef};
use serde_json::Value;

use crate::storage::diary::{Diary, SCHEMA_VERSION};
use crate::storage::error::{Error, Result};

/// What the document says it is.
const FORMAT: &str = "rapport-diary";

/// The oldest schema whose exports restore: version 4 added only derived data.
const OLDEST_RESTORED: i64 = 3;

/// Every table with the user's data, parents before children.
pub const TABLES: &[&str] = &[
    "setting",
    "platform",
    "budget",
    "budget_warning",
    "tag",
    "import_run",
    "source_self",
    "person",
    "handle",
    "person_tag",
    "source_person",
    "touch",
    "touch_person",
    "touch_source",
    "rung_change",
    "follow_up",
    "nudge_dismissal",
    "not_duplicate",
    "important_date",
    "session",
    "week_journal",
    "week_answer",
    "week_intention",
];

/// The tables schema 6 added (archive imports), and the ones schemas 10 and 11 added.
const SINCE_6: &[&str] = &["import_run", "source_self", "source_person", "touch_source"];
const SINCE_10: &[&str] = &["not_duplicate"];
const SINCE_11: &[&str] = &["important_date"];

impl Diary {
    /// The whole diary as JSON: `{ format, schema_version, tables: { name: [row, …] } }`,
    /// rows in key order, columns by name.
    pub fn export_json(&self) -> Result<String> {
        // Written row by row as it is read: a large diary never stands in memory twice
        // as JSON values. Keys come in the order a JSON object sorts them.
        let mut out = Vec::with_capacity(1 << 16);
        let mut json = serde_json::Serializer::pretty(&mut out);
        let failed = std::cell::RefCell::new(None);
        let document = Document { diary: self, failed: &failed };
        if serde::Serialize::serialize(&document, &mut json).is_err() {
            return Err(failed.into_inner().unwrap_or_else(|| Error::Damaged("the export could not be written".into())));
        }
        Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
    }

    /// Fills an empty diary (no people, touches, follow-ups or sessions yet) from an
    /// export of the same schema version, in one transaction.
    pub fn restore_json(&mut self, json: &str) -> Result<()> {
        let document: Value =
            serde_json::from_str(json).map_err(|e| Error::invalid("file", format!("This is not a Rapport export: {e}.")))?;
        if document["format"] != FORMAT {
            return Err(Error::invalid("file", "This is not a Rapport export."));
        }
        if !document["schema_version"].as_i64().is_some_and(|v| (OLDEST_RESTORED..=SCHEMA_VERSION).contains(&v)) {
            return Err(Error::invalid(
                "file",
                format!(
                    "This export is of schema version {}; this Rapport reads {OLDEST_RESTORED} to {SCHEMA_VERSION}.",
                    document["schema_version"]
                ),
            ));
        }
        let tx = self.conn.savepoint()?;
        let used: i64 = tx.query_row(
            "SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM touch) + (SELECT count(*) FROM follow_up) + (SELECT count(*) FROM session)",
            [],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(Error::invalid("file", "An export is restored into an empty diary only."));
        }
        // A merged person points at one added later: check the links once all are in.
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        for &table in TABLES {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
            let Some(rows) = document["tables"][table].as_array() else {
                // Exports made before schema 6 have no archive imports to restore.
                let version = document["schema_version"].as_i64().unwrap_or_default();
                if (SINCE_6.contains(&table) && version < 6)
                    || (SINCE_10.contains(&table) && version < 10)
                    || (SINCE_11.contains(&table) && version < 11)
                {
                    continue;
                }
                return Err(Error::invalid("file", format!("The export has no {table} table.")));
            };
            for row in rows {
                let object = row.as_object().ok_or_else(|| Error::invalid("file", format!("A row of {table} is not an object.")))?;
                let columns: Vec<&str> = object.keys().map(String::as_str).collect();
                let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
                let values: Vec<Sql> = object.values().map(sql_value).collect::<Result<_>>()?;
                tx.execute(
                    &format!("INSERT INTO {table} ({}) VALUES ({})", columns.join(", "), placeholders.join(", ")),
                    rusqlite::params_from_iter(values),
                )
                .map_err(|e| Error::invalid("file", format!("A row of {table} could not be restored: {e}.")))?;
            }
        }
        // Rows exported before they had global ids take the ones the migration gives.
        if document["schema_version"].as_i64().is_some_and(|v| v < 12) {
            crate::storage::uid::derive_all(&tx)?;
        }
        // An export restored on a device that syncs is another diary: sync goes off, so
        // nothing restored (a row deleted on the other devices since) is sent as if just
        // written; turning it on again sends the whole diary, and says so.
        tx.execute("DELETE FROM this_device", [])?;
        tx.execute("DELETE FROM this_device_file", [])?;
        tx.execute("DELETE FROM sync_change", [])?;
        tx.execute("DELETE FROM sync_applied", [])?;
        tx.execute("DELETE FROM sync_rework", [])?;
        tx.execute("DELETE FROM person_search", [])?;
        let people: Vec<i64> = tx.prepare("SELECT id FROM person")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in people {
            crate::people::search::index_person(&tx, id)?;
        }
        tx.commit().map_err(|e| Error::invalid("file", format!("The export's rows do not fit together: {e}.")))?;
        Ok(())
    }
}

/// The export document; a diary error met while writing it is kept in `failed`.
struct Document<'a> {
    diary: &'a Diary,
    failed: &'a std::cell::RefCell<Option<Error>>,
}

impl serde::Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut document = s.serialize_map(Some(3))?;
        document.serialize_entry("format", FORMAT)?;
        document.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        let mut tables: Vec<&str> = TABLES.to_vec();
        tables.sort_unstable();
        document.serialize_entry("tables", &Tables { document: self, names: &tables })?;
        document.end()
    }
}

struct Tables<'a> {
    document: &'a Document<'a>,
    names: &'a [&'a str],
}

impl serde::Serialize for Tables<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut tables = s.serialize_map(Some(self.names.len()))?;
        for &name in self.names {
            tables.serialize_entry(name, &Rows { document: self.document, table: name })?;
        }
        tables.end()
    }
}

/// One table's rows in key order, each an object of its columns by name.
struct Rows<'a> {
    document: &'a Document<'a>,
    table: &'a str,
}

impl serde::Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let fail = |e: Error| {
            let message = e.to_string();
            *self.document.failed.borrow_mut() = Some(e);
            S::Error::custom(message)
        };
        let mut stmt =
            self.document.diary.conn.prepare(&format!("SELECT * FROM {} ORDER BY 1, 2", self.table)).map_err(|e| fail(e.into()))?;
        let mut columns: Vec<(String, usize)> = stmt.column_names().into_iter().enumerate().map(|(i, n)| (n.to_owned(), i)).collect();
        columns.sort();
        let mut rows = stmt.query([]).map_err(|e| fail(e.into()))?;
        let mut seq = s.serialize_seq(None)?;
        while let Some(row) = rows.next().map_err(|e| fail(e.into()))? {
            let mut values = Vec::with_capacity(columns.len());
            for (name, i) in &columns {
                let value = row.get_ref(*i).map_err(Error::from).and_then(json_value).map_err(fail)?;
                values.push((name.as_str(), value));
            }
            seq.serialize_element(&Row(&values))?;
        }
        seq.end()
    }
}

struct Row<'a>(&'a [(&'a str, Value)]);

impl serde::Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut object = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            object.serialize_entry(name, value)?;
        }
        object.end()
    }
}

fn json_value(value: ValueRef<'_>) -> Result<Value> {
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(std::str::from_utf8(t).map_err(|e| Error::Damaged(e.to_string()))?),
        ValueRef::Blob(_) => return Err(Error::Damaged("a blob where the diary keeps none".into())),
    })
}

pub(crate) fn sql_value(value: &Value) -> Result<Sql> {
    Ok(match value {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Sql::Text(s.clone()),
        _ => return Err(Error::invalid("file", "A value in the export is a list or an object.")),
    })
}
