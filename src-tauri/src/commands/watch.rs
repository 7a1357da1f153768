//! Watched time: capture on, off or paused, the rules that say which window is which
//! platform, and what the watcher sees.

use tauri::{AppHandle, Runtime, State};

use rapport_core::time::watch::{CaptureChoice, CaptureStatus, WatchRule};
use rapport_core::Error;

use crate::{DiaryState, Watcher, WatcherStatus};

#[tauri::command(async)]
pub fn capture_status(state: State<'_, DiaryState>) -> Result<CaptureStatus, Error> {
    state.diary()?.capture_status()
}

#[tauri::command(async)]
pub fn capture_set<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, choice: CaptureChoice) -> Result<CaptureStatus, Error> {
    super::write(&app, &state, |diary| diary.set_capture(choice))
}

#[tauri::command(async)]
pub fn watch_rules_get(state: State<'_, DiaryState>) -> Result<Vec<WatchRule>, Error> {
    state.diary()?.watch_rules()
}

#[tauri::command(async)]
pub fn watch_rules_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    rules: Vec<WatchRule>,
) -> Result<Vec<WatchRule>, Error> {
    super::write(&app, &state, |diary| diary.set_watch_rules(&rules))
}

#[tauri::command(async)]
pub fn watch_rules_reset<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>) -> Result<Vec<WatchRule>, Error> {
    super::write(&app, &state, |diary| diary.reset_watch_rules())
}

/// Whether the watcher sees windows here, and what the last one matched.
#[tauri::command(async)]
pub fn watcher_status(watcher: State<'_, Watcher>) -> WatcherStatus {
    watcher.status()
}
