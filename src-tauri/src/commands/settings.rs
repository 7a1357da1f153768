use tauri::{AppHandle, Runtime, State};

use rapport_core::{Error, Settings};

use super::changed;
use crate::DiaryState;

#[tauri::command(async)]
pub fn settings_get(state: State<'_, DiaryState>) -> Result<Settings, Error> {
    state.diary()?.settings()
}

#[tauri::command(async)]
pub fn settings_update<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, settings: Settings) -> Result<Settings, Error> {
    changed(&app, state.diary()?.update_settings(settings))
}
