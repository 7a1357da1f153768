use tauri::{AppHandle, Runtime, State};

use rapport_core::{Error, Touch, TouchInput, TouchLogged, TouchPage, TouchQuery};

use super::changed;
use crate::DiaryState;

#[tauri::command(async)]
pub fn touches_list(state: State<'_, DiaryState>, query: TouchQuery) -> Result<TouchPage, Error> {
    state.diary()?.touches(&query)
}

#[tauri::command(async)]
pub fn touch_log<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, touch: TouchInput) -> Result<TouchLogged, Error> {
    changed(&app, state.diary()?.log_touch(&touch))
}

#[tauri::command(async)]
pub fn touch_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    touch: TouchInput,
) -> Result<TouchLogged, Error> {
    changed(&app, state.diary()?.update_touch(id, &touch))
}

#[tauri::command(async)]
pub fn touch_delete<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<Touch, Error> {
    changed(&app, state.diary()?.delete_touch(id))
}

#[tauri::command(async)]
pub fn touch_restore<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<Touch, Error> {
    changed(&app, state.diary()?.restore_touch(id))
}
