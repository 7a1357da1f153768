use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_autostart::ManagerExt;

use rapport_core::storage::Settings;
use rapport_core::Error;

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

/// Whether Rapport starts (hidden, in the tray) when the user logs in: the login item's
/// real state, not a stored wish.
#[tauri::command(async)]
pub fn autostart_get<R: Runtime>(app: AppHandle<R>) -> Result<bool, Error> {
    app.autolaunch().is_enabled().map_err(login_item)
}

#[tauri::command(async)]
pub fn autostart_set<R: Runtime>(app: AppHandle<R>, enabled: bool) -> Result<bool, Error> {
    let manager = app.autolaunch();
    if enabled { manager.enable() } else { manager.disable() }.map_err(login_item)?;
    manager.is_enabled().map_err(login_item)
}

fn login_item(e: tauri_plugin_autostart::Error) -> Error {
    Error::Io(std::io::Error::other(format!("the login item could not be changed: {e}")))
}
