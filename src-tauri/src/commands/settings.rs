use tauri::{AppHandle, Manager, Runtime, State};

use rapport_core::{Error, Settings};

use crate::{NotificationStatus, Notifier};

use super::write;
use crate::DiaryState;

#[tauri::command(async)]
pub fn settings_get(state: State<'_, DiaryState>) -> Result<Settings, Error> {
    state.diary()?.settings()
}

#[tauri::command(async)]
pub fn settings_update<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, settings: Settings) -> Result<Settings, Error> {
    write(&app, &state, |d| d.update_settings(settings))
}

/// Whether native notifications reach a server, and why not if they do not.
#[tauri::command(async)]
pub fn notifications_status<R: Runtime>(app: AppHandle<R>) -> NotificationStatus {
    app.try_state::<Notifier>().map(|n| n.status()).unwrap_or_default()
}
