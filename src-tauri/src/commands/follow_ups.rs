use tauri::{AppHandle, Runtime, State};

use rapport_core::{Error, FollowUp, FollowUpInput, Nudge, NudgeKind, Snooze, Today};

use super::changed;
use crate::DiaryState;

#[tauri::command(async)]
pub fn today(state: State<'_, DiaryState>) -> Result<Today, Error> {
    state.diary()?.today()
}

#[tauri::command(async)]
pub fn follow_up_add<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, follow_up: FollowUpInput) -> Result<FollowUp, Error> {
    changed(&app, state.diary()?.add_follow_up(&follow_up))
}

#[tauri::command(async)]
pub fn follow_up_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    follow_up: FollowUpInput,
) -> Result<FollowUp, Error> {
    changed(&app, state.diary()?.update_follow_up(id, &follow_up))
}

#[tauri::command(async)]
pub fn follow_up_complete<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    touch_id: Option<i64>,
) -> Result<FollowUp, Error> {
    changed(&app, state.diary()?.complete_follow_up(id, touch_id))
}

#[tauri::command(async)]
pub fn follow_up_snooze<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64, snooze: Snooze) -> Result<FollowUp, Error> {
    changed(&app, state.diary()?.snooze_follow_up(id, snooze))
}

#[tauri::command(async)]
pub fn follow_up_drop<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<FollowUp, Error> {
    changed(&app, state.diary()?.drop_follow_up(id))
}

#[tauri::command(async)]
pub fn nudge_dismiss<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    person_id: i64,
    kind: NudgeKind,
    facts: String,
) -> Result<(), Error> {
    changed(&app, state.diary()?.dismiss_nudge(person_id, kind, &facts))
}

#[tauri::command(async)]
pub fn nudge_follow_up<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, nudge: Nudge) -> Result<FollowUp, Error> {
    changed(&app, state.diary()?.follow_up_from_nudge(&nudge))
}
