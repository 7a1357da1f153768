//! Settings → Devices: turning sync on through a folder, this device's name, the other
//! devices, how far this one is, and files that could not be read.

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use rapport_core::sync::{DeviceSeen, ProgressNow, ThisDevice};
use rapport_core::Error;

use crate::sync::{LastRound, SyncRounds};
use crate::DiaryState;

/// What Settings → Devices shows.
#[derive(Debug, Serialize)]
pub struct SyncStatus {
    /// None while sync is off.
    pub device: Option<ThisDevice>,
    /// A name to offer when turning sync on: the computer's own.
    pub suggested_name: String,
    /// Rows changed here that wait to go out.
    pub waiting: u64,
    /// Every device seen in the folder, this one included, as the last round saw them.
    pub devices: Vec<DeviceSeen>,
    pub last: Option<LastRound>,
}

#[tauri::command(async)]
pub fn sync_status(state: State<'_, DiaryState>, sync: State<'_, SyncRounds>) -> Result<SyncStatus, Error> {
    let diary = state.diary()?;
    let last = sync.last();
    Ok(SyncStatus {
        device: diary.this_device()?,
        suggested_name: computer_name(),
        waiting: diary.sync_waiting()?,
        devices: last.as_ref().and_then(|l| l.synced.as_ref()).map(|s| s.devices.clone()).unwrap_or_default(),
        last,
    })
}

/// How far this device has read the other devices' files: asked while a round runs
/// (a large diary joining), so it never waits for the diary.
#[tauri::command]
pub fn sync_progress(sync: State<'_, SyncRounds>) -> ProgressNow {
    sync.progress()
}

/// Turns sync on through `folder` under `name` (or renames this device), then runs a
/// first round so the folder and the other devices show at once.
#[tauri::command(async)]
pub fn sync_turn_on<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    sync: State<'_, SyncRounds>,
    folder: String,
    name: String,
) -> Result<SyncStatus, Error> {
    // "~/Sync" as typed is the folder in the user's home.
    let folder = match (folder.trim().strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(folder.trim()),
    };
    state.diary()?.turn_sync_on(&folder, &name)?;
    sync_round(app, state.clone(), sync.clone())?;
    sync_status(state, sync)
}

#[tauri::command(async)]
pub fn sync_turn_off(state: State<'_, DiaryState>, sync: State<'_, SyncRounds>) -> Result<SyncStatus, Error> {
    state.diary()?.turn_sync_off()?;
    sync.forget();
    sync_status(state, sync)
}

/// A round now rather than at the next tick.
#[tauri::command(async)]
pub fn sync_round<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, sync: State<'_, SyncRounds>) -> Result<SyncStatus, Error> {
    let brought = {
        let mut diary = state.diary()?;
        sync.round(&mut diary).synced.is_some_and(|s| s.rows_applied > 0)
    };
    if brought {
        super::announce_change(&app);
    }
    sync_status(state, sync)
}

/// The system's folder dialog; None when the user closed it.
#[tauri::command(async)]
pub fn sync_pick_folder<R: Runtime>(app: AppHandle<R>) -> Option<String> {
    let picked = app.dialog().file().set_title("The folder your sync tool keeps on every device").blocking_pick_folder()?;
    picked.into_path().ok().map(|p| p.display().to_string())
}

fn computer_name() -> String {
    let name = std::fs::read_to_string("/etc/hostname").ok().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    name.or_else(|| std::env::var("HOSTNAME").ok()).unwrap_or_else(|| "This computer".to_owned())
}
