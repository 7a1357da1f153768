//! The quick log's global shortcut: whether it can work here, setting it, and the quick
//! log it opened closing.

use tauri::{AppHandle, Runtime, State};

use rapport_core::Error;

use crate::shortcut::{self, QuickLogShortcut, ShortcutStatus};
use crate::DiaryState;

#[tauri::command(async)]
pub fn shortcut_status(state: State<'_, DiaryState>, shortcuts: State<'_, QuickLogShortcut>) -> Result<ShortcutStatus, Error> {
    Ok(shortcuts.status(state.diary()?.quick_log_shortcut()?))
}

/// Sets the shortcut (`None`: no shortcut). The core checks it reads as one; it is kept
/// only if the desktop let Rapport take it, else the one before stays.
#[tauri::command(async)]
pub fn shortcut_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    shortcuts: State<'_, QuickLogShortcut>,
    shortcut: Option<String>,
) -> Result<ShortcutStatus, Error> {
    let (before, after) = {
        let mut diary = state.diary()?;
        let before = diary.quick_log_shortcut()?;
        (before, diary.set_quick_log_shortcut(shortcut.as_deref())?)
    };
    if let Err(e) = shortcut::take(&app, after.as_deref()) {
        // No shortcut always works, even where none can be taken.
        if after.is_some() {
            state.diary()?.set_quick_log_shortcut(before.as_deref())?;
            return Err(e);
        }
    }
    Ok(shortcuts.status(after))
}

/// The quick log that the shortcut opened has closed: hand the desktop back.
#[tauri::command(async)]
pub fn quick_log_done<R: Runtime>(app: AppHandle<R>) {
    shortcut::done(&app);
}
