use tauri::{AppHandle, Runtime, State};

use rapport_core::ladder::{BoardColumn, BoardQuery, RungChange};
use rapport_core::vocab::Rung;
use rapport_core::Error;

use super::write;
use crate::DiaryState;

#[tauri::command(async)]
pub fn ladder_board(state: State<'_, DiaryState>, query: Option<BoardQuery>) -> Result<Vec<BoardColumn>, Error> {
    state.diary()?.ladder_board(&query.unwrap_or_default())
}

#[tauri::command(async)]
pub fn person_set_rung<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    rung: Rung,
    reason: String,
) -> Result<Option<RungChange>, Error> {
    write(&app, &state, |d| d.set_rung(id, rung, &reason))
}

#[tauri::command(async)]
pub fn rung_change_undo<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, change_id: i64) -> Result<RungChange, Error> {
    write(&app, &state, |d| d.undo_rung_change(change_id))
}
