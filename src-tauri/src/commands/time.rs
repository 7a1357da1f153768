use tauri::{AppHandle, Runtime, State};

use rapport_core::time::{BudgetStatus, LongTimer, Platform, RunningTimer, Session, SessionInput, TimeView, TimerShown};
use rapport_core::Error;

use super::write;
use crate::DiaryState;

#[tauri::command(async)]
pub fn time_view(state: State<'_, DiaryState>) -> Result<TimeView, Error> {
    state.diary()?.time_view()
}

/// The sidebar's timer, without the rest of the Time screen.
#[tauri::command(async)]
pub fn timer_shown(state: State<'_, DiaryState>) -> Result<Option<TimerShown>, Error> {
    state.diary()?.timer_shown()
}

#[tauri::command(async)]
pub fn timer_start<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, platform: String) -> Result<RunningTimer, Error> {
    write(&app, &state, |d| d.start_timer(&platform))
}

#[tauri::command(async)]
pub fn timer_toggle<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>) -> Result<Option<RunningTimer>, Error> {
    write(&app, &state, |d| d.toggle_timer())
}

#[tauri::command(async)]
pub fn timer_stop<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>) -> Result<Option<Session>, Error> {
    write(&app, &state, |d| d.stop_timer())
}

#[tauri::command(async)]
pub fn timer_settle<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, choice: LongTimer) -> Result<Option<Session>, Error> {
    write(&app, &state, |d| d.settle_long_timer(choice))
}

#[tauri::command(async)]
pub fn session_add<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, session: SessionInput) -> Result<Session, Error> {
    write(&app, &state, |d| d.add_session(&session))
}

#[tauri::command(async)]
pub fn session_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    session: SessionInput,
) -> Result<Session, Error> {
    write(&app, &state, |d| d.update_session(id, &session))
}

#[tauri::command(async)]
pub fn session_delete<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<(), Error> {
    write(&app, &state, |d| d.delete_session(id))
}

#[tauri::command(async)]
pub fn budget_set<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    scope: String,
    minutes: Option<u32>,
) -> Result<BudgetStatus, Error> {
    write(&app, &state, |d| {
        d.set_budget(&scope, minutes)?;
        d.budget_status()
    })
}

#[tauri::command(async)]
pub fn platform_add<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, label: String) -> Result<Platform, Error> {
    write(&app, &state, |d| d.add_platform(&label))
}

#[tauri::command(async)]
pub fn platform_rename<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, key: String, label: String) -> Result<Platform, Error> {
    write(&app, &state, |d| d.rename_platform(&key, &label))
}

#[tauri::command(async)]
pub fn platform_archive<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, key: String) -> Result<(), Error> {
    write(&app, &state, |d| d.archive_platform(&key))
}
