use tauri::{AppHandle, Runtime, State};

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::agenda::{BulkChange, BulkUndone, FollowUp, FollowUpBefore, FollowUpInput, Snooze, Today};
use rapport_core::vocab::NudgeKind;
use rapport_core::Error;

use super::write;
use crate::DiaryState;

#[tauri::command(async)]
pub fn today(state: State<'_, DiaryState>) -> Result<Today, Error> {
    state.diary()?.today()
}

/// One follow-up as it stands now, whatever its status.
#[tauri::command(async)]
pub fn follow_up_get(state: State<'_, DiaryState>, id: i64) -> Result<FollowUp, Error> {
    state.diary()?.follow_up(id)
}

/// A follow-up typed in the window; one due in the past is asked about unless `past_ok`.
#[tauri::command(async)]
pub fn follow_up_add<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    follow_up: FollowUpInput,
    past_ok: Option<bool>,
) -> Result<FollowUp, Error> {
    write(&app, &state, |d| d.add_typed_follow_up(&follow_up, past_ok.unwrap_or(false)))
}

#[tauri::command(async)]
pub fn follow_up_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    follow_up: FollowUpInput,
) -> Result<FollowUp, Error> {
    write(&app, &state, |d| d.update_follow_up(id, &follow_up))
}

#[tauri::command(async)]
pub fn follow_up_complete<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    id: i64,
    touch_id: Option<i64>,
) -> Result<FollowUp, Error> {
    write(&app, &state, |d| d.complete_follow_up(id, touch_id))
}

#[tauri::command(async)]
pub fn follow_up_snooze<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64, snooze: Snooze) -> Result<FollowUp, Error> {
    write(&app, &state, |d| d.snooze_follow_up(id, snooze))
}

#[tauri::command(async)]
pub fn follow_up_drop<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<FollowUp, Error> {
    write(&app, &state, |d| d.drop_follow_up(id))
}

#[tauri::command(async)]
pub fn nudge_dismiss<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, person_id: i64, kind: NudgeKind) -> Result<(), Error> {
    write(&app, &state, |d| d.dismiss_nudge(person_id, kind))
}

#[tauri::command(async)]
pub fn nudge_follow_up<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    person_id: i64,
    kind: NudgeKind,
) -> Result<FollowUp, Error> {
    write(&app, &state, |d| d.follow_up_from_nudge(person_id, kind))
}

#[tauri::command(async)]
pub fn nudge_restore<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, person_id: i64, kind: NudgeKind) -> Result<(), Error> {
    write(&app, &state, |d| d.restore_nudge(person_id, kind))
}

#[tauri::command(async)]
pub fn follow_ups_complete<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, ids: Vec<i64>) -> Result<BulkChange, Error> {
    write(&app, &state, |d| d.complete_follow_ups(&ids))
}

#[tauri::command(async)]
pub fn follow_ups_drop<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, ids: Vec<i64>) -> Result<BulkChange, Error> {
    write(&app, &state, |d| d.drop_follow_ups(&ids))
}

#[tauri::command(async)]
pub fn follow_ups_move<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    ids: Vec<i64>,
    day: NaiveDate,
) -> Result<BulkChange, Error> {
    write(&app, &state, |d| d.move_follow_ups(&ids, day))
}

#[tauri::command(async)]
pub fn follow_ups_drop_before<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, day: NaiveDate) -> Result<BulkChange, Error> {
    write(&app, &state, |d| d.drop_follow_ups_due_before(day))
}

#[tauri::command(async)]
pub fn follow_ups_undo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    before: Vec<FollowUpBefore>,
    at: DateTime<Utc>,
) -> Result<BulkUndone, Error> {
    write(&app, &state, |d| d.undo_follow_ups(&before, at))
}
