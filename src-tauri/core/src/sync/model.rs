//! How the diary's rows are held in the Loro documents that sync keeps.
//!
//! Model (measured in `benches/sync.rs` and `benches/devices.rs`): a `core` document for
//! people and everything small, and one document a month for touches and rung changes:
//! the month in their uid, which is when the touch happened as it was first logged or
//! imported and never changes, so a start decodes only what it needs and a history
//! imported today spreads over its months. In `core`, one root map per table, and in it
//! one entry per field, `<row>\t<column>`: two devices changing two fields of one row
//! both keep theirs, and one field changed on both ends the same on every device (Loro's
//! last writer by Lamport time and peer). In a month, a row is one value,
//! `<row>\t#row` (see `packed`). A row also has an edit mark, new at each change
//! (`<row>\t#edit`, or in its packed value), and `<row>\t#gone`, the mark its deleting
//! device saw: a row is gone only while its last change is the one the deleting device
//! saw, so an edit made elsewhere meanwhile keeps it (the edit wins).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use loro::{LoroDoc, LoroMap, LoroValue, ValueOrContainer};

use super::rows::{key_len, travelling, Key, Row, Table};
use crate::storage::error::{Error, Result};

const EDIT: &str = "#edit";
const GONE: &str = "#gone";
/// A packed row's one entry.
const ROW: &str = "#row";
/// The tables whose rows live in the months' documents, packed.
const IN_MONTHS: &[&str] = &["touch", "touch_person", "touch_source", "rung_change"];
pub(super) const CORE: &str = "core";

/// The document a row lives in: touches, their people and sources, and rung changes in
/// the month of their uid; everything else in `core`. None for a row whose name
/// has lost a part (a touch's person whose touch is gone with it: the touch says so).
pub(super) fn doc_of(table: &Table, key: &[serde_json::Value]) -> Option<String> {
    if key.len() != key_len(table) || key.iter().any(serde_json::Value::is_null) {
        return None;
    }
    match table.name {
        name if IN_MONTHS.contains(&name) => {
            let uid = key.first()?.as_str()?;
            Some(month_of(uid).map_or_else(|| CORE.to_owned(), |m| format!("touches-{m}")))
        }
        _ => Some(CORE.to_owned()),
    }
}

/// The month in a row's uid: 12 hex digits of milliseconds, or `<table>-<id>-<seconds>`
/// for a row from before there were uids (the time it was made).
fn month_of(uid: &str) -> Option<String> {
    let at = match uid.rsplit_once('-') {
        Some((_, seconds)) => seconds.parse::<i64>().ok()?,
        None => i64::from_str_radix(uid.get(..12)?, 16).ok()? / 1000,
    };
    Some(chrono::DateTime::from_timestamp(at, 0)?.format("%Y-%m").to_string())
}

/// A stamp no other change has: this process's own, then a count.
fn new_mark() -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    static PROCESS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let process = PROCESS.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
        h.write_u32(std::process::id());
        h.finish()
    });
    format!("{process:016x}.{}", COUNT.fetch_add(1, Ordering::Relaxed))
}

/// A row as this diary holds it, into its table's map: only the fields that differ (a
/// packed row: all of it, if any differs), and a new edit mark if any did, or if the
/// row was gone.
pub(super) fn put_row(doc: &LoroDoc, row: &Row, key: &str) -> Result<()> {
    let map = doc.get_map(row.table);
    let edit = edit_mark(&map, row.table, key);
    let renew = edit.is_none() || text(&map, key, GONE) == edit;
    if packed(row.table) {
        let held = match map.get(&format!("{key}\t{ROW}")) {
            Some(ValueOrContainer::Value(LoroValue::Map(held))) => Some(held),
            _ => None,
        };
        let same = held.is_some_and(|held| {
            held.len() == row.values.len() + 1 && row.values.iter().all(|(c, v)| held.get(c.as_str()) == Some(&to_loro(v)))
        });
        if !same || renew {
            let mut value: HashMap<String, LoroValue> = row.values.iter().map(|(c, v)| (c.clone(), to_loro(v))).collect();
            value.insert(EDIT.to_owned(), new_mark().into());
            map.insert(&format!("{key}\t{ROW}"), value).map_err(loro_error)?;
        }
        return Ok(());
    }
    let mut changed = false;
    for (column, value) in &row.values {
        let value = to_loro(value);
        let field = format!("{key}\t{column}");
        if !matches!(map.get(&field), Some(ValueOrContainer::Value(v)) if v == value) {
            map.insert(&field, value).map_err(loro_error)?;
            changed = true;
        }
    }
    if changed || renew {
        map.insert(&format!("{key}\t{EDIT}"), new_mark()).map_err(loro_error)?;
    }
    Ok(())
}

/// A row this diary no longer holds: gone as of its last edit here.
pub(super) fn mark_gone(doc: &LoroDoc, table: &Table, key: &str) -> Result<()> {
    let map = doc.get_map(table.name);
    if let Some(edit) = edit_mark(&map, table.name, key) {
        if text(&map, key, GONE).as_ref() != Some(&edit) {
            map.insert(&format!("{key}\t{GONE}"), edit).map_err(loro_error)?;
        }
    }
    Ok(())
}

/// The row named `key` as the document holds it: Ok if it is there, Err with its name
/// if it is gone, None if the document never held it.
pub(super) fn row_in(map: &LoroMap, table: &'static Table, key: &str) -> Option<std::result::Result<Row, Vec<serde_json::Value>>> {
    let edit = edit_mark(map, table.name, key)?;
    let held = match map.get(&format!("{key}\t{ROW}")) {
        Some(ValueOrContainer::Value(LoroValue::Map(held))) if packed(table.name) => Some(held),
        _ => None,
    };
    let field = |column: &str| match &held {
        Some(held) => held.get(column).map_or(serde_json::Value::Null, to_json),
        None => match map.get(&format!("{key}\t{column}")) {
            Some(ValueOrContainer::Value(v)) => to_json(&v),
            _ => serde_json::Value::Null,
        },
    };
    let uid = matches!(table.key, Key::Uid).then(|| key.to_owned());
    if text(map, key, GONE).as_ref() == Some(&edit) {
        return Some(Err(match table.key {
            Key::Uid => vec![key.into()],
            Key::Columns(columns) => columns.iter().map(|c| field(c)).collect(),
        }));
    }
    let values = travelling(table).into_iter().map(|c| (c.to_owned(), field(c))).collect();
    Some(Ok(Row { table: table.name, uid, values }))
}

/// Whether a table's rows are packed: those of the months' documents, which are many
/// and rarely edited. One value a row (its fields and its edit mark) rather than an
/// entry a field takes a fraction of the memory; an edit of a touch replaces the whole
/// value, so two devices editing one touch at once end with one device's touch whole.
fn packed(table: &str) -> bool {
    IN_MONTHS.contains(&table)
}

/// A row's last edit mark: its own entry, or inside its packed value.
pub(super) fn edit_mark(map: &LoroMap, table: &str, key: &str) -> Option<String> {
    if !packed(table) {
        return text(map, key, EDIT);
    }
    match map.get(&format!("{key}\t{ROW}")) {
        Some(ValueOrContainer::Value(LoroValue::Map(held))) => match held.get(EDIT) {
            Some(LoroValue::String(s)) => Some(s.to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn text(map: &LoroMap, key: &str, mark: &str) -> Option<String> {
    match map.get(&format!("{key}\t{mark}")) {
        Some(ValueOrContainer::Value(LoroValue::String(s))) => Some(s.to_string()),
        _ => None,
    }
}

fn to_loro(value: &serde_json::Value) -> LoroValue {
    match value {
        serde_json::Value::Null => LoroValue::Null,
        serde_json::Value::Bool(b) => (*b).into(),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64().unwrap_or_default().into(),
        },
        serde_json::Value::String(s) => s.as_str().into(),
        // Rows hold only the values above; anything else travels as its JSON text.
        other => other.to_string().into(),
    }
}

fn to_json(value: &LoroValue) -> serde_json::Value {
    match value {
        LoroValue::Bool(b) => (*b).into(),
        LoroValue::I64(i) => (*i).into(),
        LoroValue::Double(f) => (*f).into(),
        LoroValue::String(s) => s.to_string().into(),
        _ => serde_json::Value::Null,
    }
}

fn loro_error(e: loro::LoroError) -> Error {
    Error::Damaged(format!("the sync document refused a change ({e})"))
}

#[cfg(test)]
mod tests {
    use super::month_of;

    #[test]
    fn a_row_lives_in_the_month_its_uid_was_made() {
        assert_eq!(month_of("touch-12-1764547200").as_deref(), Some("2025-12"));
        // 2026-11-18 12:00 UTC in milliseconds, then 20 random hex digits.
        assert_eq!(month_of(&format!("{:012x}{}", 1_795_521_600_000_i64, "0123456789abcdef0123")).as_deref(), Some("2026-11"));
        assert_eq!(month_of("not-a-time"), None);
        assert_eq!(month_of("zz"), None);
    }
}
