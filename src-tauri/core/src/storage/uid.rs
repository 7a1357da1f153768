//! Global ids: every row that syncs between devices carries a `uid` beside its local id
//! (migration 0012). A row made since gets a random one as it is inserted; a row from
//! before gets one made of what every copy of the file holds, so two copies of one
//! diary name each row alike. This is that rule's one home outside the migration.

use rusqlite::Connection;

/// SQL for a new row's uid: the time (milliseconds) and 80 random bits, in hex, as
/// migration 0012's triggers make one. An insert that names its uid spares the trigger's
/// second write of the row, which costs more than the insert (12 µs a row against 3):
/// `concat!("INSERT INTO touch (…, uid) VALUES (…, ", new_uid!(), ")")`.
macro_rules! new_uid {
    () => {
        "printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10)))"
    };
    // The time part from a parameter in seconds, the row's own time: a touch or a rung
    // change is named by when it happened, so its sync document is that month's and a
    // history typed in or imported today spreads over its months (`sync::engine`).
    ($seconds:literal) => {
        concat!("printf('%012x', max(0, ", $seconds, ") * 1000) || lower(hex(randomblob(10)))")
    };
}
pub(crate) use new_uid;

use crate::storage::error::Result;

/// Each table whose rows carry a `uid`, and the column that, with the local id, makes
/// the uid of a row from before there were any: its creation time where it has one.
pub(crate) const UID_TABLES: &[(&str, &str)] = &[
    ("person", "created_at"),
    ("handle", "created_at"),
    ("touch", "created_at"),
    ("rung_change", "changed_at"),
    ("follow_up", "created_at"),
    ("session", "started_at"),
    ("week_intention", "week_start"),
    ("important_date", "created_at"),
    ("import_run", "applied_at"),
];

/// Gives every row the uid migration 0012 gives a row it finds: what a restore of an
/// export written before that version needs, so two devices restoring it agree.
pub(crate) fn derive_all(conn: &Connection) -> Result<()> {
    for (table, made) in UID_TABLES {
        conn.execute(&format!("UPDATE {table} SET uid = printf('{table}-%d-%s', id, {made})"), [])?;
    }
    Ok(())
}
