//! The whole diary as one JSON document, and back: every row of every table the user's
//! data lives in, so a restore into an empty diary loses nothing (exporting it again
//! gives the same bytes). Search indexes are not exported; they are rebuilt.

use rusqlite::types::{Value as Sql, ValueRef};
use serde_json::{Map, Value};

use crate::diary::{Diary, SCHEMA_VERSION};
use crate::error::{Error, Result};

/// What the document says it is.
const FORMAT: &str = "rapport-diary";

/// Every table with the user's data, parents before children.
pub const TABLES: &[&str] = &[
    "setting", "platform", "budget", "budget_warning", "tag", "person", "handle", "person_tag", "touch", "touch_person",
    "rung_change", "follow_up", "nudge_dismissal", "session", "week_journal", "week_answer", "week_intention",
];

impl Diary {
    /// The whole diary as JSON: `{ format, schema_version, tables: { name: [row, …] } }`,
    /// rows in key order, columns by name.
    pub fn export_json(&self) -> Result<String> {
        let mut tables = Map::new();
        for &table in TABLES {
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))?;
            let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let mut object = Map::new();
                for (i, name) in names.iter().enumerate() {
                    object.insert(name.clone(), json_value(row.get_ref(i)?)?);
                }
                out.push(Value::Object(object));
            }
            tables.insert(table.to_owned(), Value::Array(out));
        }
        let document = serde_json::json!({ "format": FORMAT, "schema_version": SCHEMA_VERSION, "tables": tables });
        Ok(serde_json::to_string_pretty(&document).expect("JSON values serialize"))
    }

    /// Fills an empty diary (no people, touches, follow-ups or sessions yet) from an
    /// export of the same schema version, in one transaction.
    pub fn restore_json(&mut self, json: &str) -> Result<()> {
        let document: Value = serde_json::from_str(json).map_err(|e| Error::invalid("file", format!("This is not a Rapport export: {e}.")))?;
        if document["format"] != FORMAT {
            return Err(Error::invalid("file", "This is not a Rapport export."));
        }
        if document["schema_version"] != SCHEMA_VERSION {
            return Err(Error::invalid("file", format!("This export is of schema version {}; this Rapport reads {SCHEMA_VERSION}.", document["schema_version"])));
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
            let rows = document["tables"][table].as_array().ok_or_else(|| Error::invalid("file", format!("The export has no {table} table.")))?;
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
        tx.execute("DELETE FROM person_search", [])?;
        let people: Vec<i64> = tx.prepare("SELECT id FROM person")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in people {
            crate::search::index_person(&tx, id)?;
        }
        tx.commit().map_err(|e| Error::invalid("file", format!("The export's rows do not fit together: {e}.")))?;
        Ok(())
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

fn sql_value(value: &Value) -> Result<Sql> {
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
