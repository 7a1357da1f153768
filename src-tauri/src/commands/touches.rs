use tauri::{AppHandle, Runtime, State};

use rapport_core::touches::{Touch, TouchInput, TouchLogged, TouchPage, TouchQuery};
use rapport_core::Error;

use super::write;
use crate::DiaryState;

#[tauri::command(async)]
pub fn touches_list(state: State<'_, DiaryState>, query: TouchQuery) -> Result<TouchPage, Error> {
    state.diary()?.touches(&query)
}

#[tauri::command(async)]
pub fn touch_log<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, touch: TouchInput) -> Result<TouchLogged, Error> {
    write(&app, &state, |d| d.quick_log(&touch))
}

#[tauri::command(async)]
pub fn touch_update<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64, touch: TouchInput) -> Result<TouchLogged, Error> {
    write(&app, &state, |d| d.update_touch(id, &touch))
}

#[tauri::command(async)]
pub fn touch_delete<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<Touch, Error> {
    write(&app, &state, |d| d.delete_touch(id))
}

#[tauri::command(async)]
pub fn touch_restore<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<Touch, Error> {
    write(&app, &state, |d| d.restore_touch(id))
}
