//! Putting queries together from optional filters without gluing user text into SQL.

use rusqlite::types::Value;

/// Values bound to numbered placeholders as a query is put together.
#[derive(Default)]
pub(crate) struct Sql {
    pub(crate) values: Vec<Value>,
}

impl Sql {
    /// Adds a value and returns its placeholder, `?N`.
    pub(crate) fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("?{}", self.values.len())
    }
}

/// The last non-deleted touch with person `p.id`, newest first through its index.
pub(crate) const LAST_TOUCH: &str = "(SELECT tp.happened_at FROM touch_person tp
    JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
    WHERE tp.person_id = p.id ORDER BY tp.happened_at DESC LIMIT 1)";
