//! The global shortcut that opens the quick log over whatever the user is doing: none
//! until the user sets one, since any key combination may be another program's.
//! Kept apart from [`Settings`](super::Settings) so that saving the settings form never
//! sends back a shortcut changed since it loaded.

use rusqlite::{params, OptionalExtension};

use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};

/// The setting row holding the shortcut.
const KEY: &str = "quick_log_shortcut";
/// Longer than any real combination ("Control+Shift+Alt+Super+BracketLeft").
const LONGEST: usize = 60;
/// The keys a shortcut may hold with its one key, as people and Tauri write them, each
/// with the name it is kept under.
const MODIFIERS: [(&str, &str); 11] = [
    ("ctrl", "Ctrl"),
    ("control", "Ctrl"),
    ("cmdorctrl", "Ctrl"),
    ("commandorcontrol", "Ctrl"),
    ("alt", "Alt"),
    ("option", "Alt"),
    ("shift", "Shift"),
    ("super", "Super"),
    ("meta", "Super"),
    ("cmd", "Super"),
    ("command", "Super"),
];
/// The order modifiers are written in.
const ORDER: [&str; 4] = ["Ctrl", "Alt", "Shift", "Super"];

fn modifier(text: &str) -> Option<&'static str> {
    MODIFIERS.iter().find(|(typed, _)| typed.eq_ignore_ascii_case(text)).map(|(_, name)| *name)
}

impl Diary {
    /// The quick log's global shortcut ("Ctrl+Alt+L"), if the user set one.
    pub fn quick_log_shortcut(&self) -> Result<Option<String>> {
        let stored: Option<String> = self.conn.query_row("SELECT value FROM setting WHERE key = ?1", [KEY], |r| r.get(0)).optional()?;
        Ok(stored.and_then(|json| serde_json::from_str(&json).ok()))
    }

    /// Sets the shortcut (`None` or an empty text: no shortcut) and returns it as kept.
    pub fn set_quick_log_shortcut(&mut self, shortcut: Option<&str>) -> Result<Option<String>> {
        let shortcut = shortcut.map(checked).transpose()?.flatten();
        match &shortcut {
            Some(keys) => self.conn.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![KEY, serde_json::to_string(keys).expect("a string serializes")],
            )?,
            None => self.conn.execute("DELETE FROM setting WHERE key = ?1", [KEY])?,
        };
        Ok(shortcut)
    }
}

/// "alt + control + l" as "Ctrl+Alt+L": trimmed, modifiers named and ordered as Tauri
/// reads them, and one key after Ctrl, Alt or Super (Shift too if wanted), so a shortcut
/// never takes a key that the user types everywhere.
fn checked(text: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > LONGEST || text.chars().any(char::is_control) {
        return Err(Error::invalid("shortcut", "That is not a key combination: type it like Ctrl+Alt+L."));
    }
    let parts: Vec<&str> = text.split('+').map(str::trim).collect();
    let (key, modifiers) = parts.split_last().expect("split gives one part at least");
    if key.is_empty() || modifiers.iter().any(|m| m.is_empty()) {
        return Err(Error::invalid("shortcut", "That is not a key combination: type it like Ctrl+Alt+L."));
    }
    if let Some(unknown) = modifiers.iter().find(|m| modifier(m).is_none()) {
        return Err(Error::invalid("shortcut", format!("“{unknown}” is not Ctrl, Alt, Shift or Super.")));
    }
    let held: Vec<&str> = ORDER.into_iter().filter(|name| modifiers.iter().any(|m| modifier(m) == Some(name))).collect();
    // Shift alone with a key is a capital letter or a symbol: typed everywhere.
    if held.iter().all(|m| *m == "Shift") || modifier(key).is_some() {
        return Err(Error::invalid(
            "shortcut",
            "A shortcut for everywhere needs Ctrl, Alt or Super and one other key, or it would take a key you type.",
        ));
    }
    let key = if key.chars().count() == 1 { key.to_uppercase() } else { (*key).to_owned() };
    Ok(Some(held.into_iter().map(str::to_owned).chain([key]).collect::<Vec<_>>().join("+")))
}
