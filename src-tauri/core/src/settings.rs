//! The user's settings: one row per setting, its value as JSON, defaults for the rest.

use serde::{Deserialize, Serialize};

use crate::diary::Diary;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// How often to be in touch with someone whose own cadence is not set.
    pub default_cadence_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { default_cadence_days: 30 }
    }
}

impl Settings {
    fn validated(self) -> Result<Settings> {
        if !(1..=3650).contains(&self.default_cadence_days) {
            return Err(Error::invalid("default_cadence_days", "The default cadence must be between 1 and 3650 days."));
        }
        Ok(self)
    }
}

impl Diary {
    /// The settings, with the default for any not stored (or stored unreadably).
    pub fn settings(&self) -> Result<Settings> {
        let mut stmt = self.conn.prepare_cached("SELECT key, value FROM setting")?;
        let stored = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut settings = serde_json::to_value(Settings::default()).expect("settings serialize");
        for (key, value) in stored {
            // Each stored value is taken only if this version can read it; otherwise that
            // one setting keeps its default rather than the diary failing to open.
            let mut candidate = settings.clone();
            match (candidate.get_mut(&key), serde_json::from_str(&value)) {
                (Some(slot), Ok(value)) => *slot = value,
                _ => continue,
            }
            if serde_json::from_value::<Settings>(candidate.clone()).is_ok() {
                settings = candidate;
            }
        }
        Ok(serde_json::from_value(settings).expect("every field was checked"))
    }

    pub fn update_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validated()?;
        let serde_json::Value::Object(fields) = serde_json::to_value(&settings).expect("settings serialize") else {
            unreachable!("settings are a struct")
        };
        let tx = self.conn.transaction()?;
        for (key, value) in fields {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value.to_string()],
            )?;
        }
        tx.commit()?;
        self.settings()
    }
}
