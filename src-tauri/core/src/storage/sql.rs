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
