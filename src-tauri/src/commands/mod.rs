//! Tauri commands, one module per area. Each calls one core function and returns its
//! result; after a write it announces `diary-changed` so every view refreshes.

pub mod archive;
pub mod diary;
mod follow_ups;
mod funnel;
mod ladder;
mod people;
mod settings;
mod shortcut;
mod sync;
mod time;
mod touches;
pub mod transfer;
mod watch;
mod week;

use tauri::{Emitter, Runtime};

/// The event every open view listens to after any write.
pub const DIARY_CHANGED: &str = "diary-changed";

pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        diary::diary_status,
        diary::app_about,
        diary::day_read,
        diary::app_vocabulary,
        diary::app_ready,
        diary::backups_open,
        diary::backups_list,
        diary::backup_now,
        diary::backup_restore,
        diary::diary_open_other,
        transfer::diary_export,
        transfer::import_pick,
        transfer::import_preview,
        transfer::import_apply,
        transfer::import_pick_folder,
        archive::import_kind,
        archive::archive_preview,
        archive::archive_apply,
        archive::import_runs,
        archive::import_undo,
        watch::capture_status,
        watch::capture_set,
        watch::watch_rules_get,
        watch::watch_rules_set,
        watch::watch_rules_reset,
        watch::watcher_status,
        shortcut::shortcut_status,
        shortcut::shortcut_set,
        shortcut::quick_log_done,
        sync::sync_status,
        sync::sync_progress,
        sync::sync_turn_on,
        sync::sync_turn_off,
        sync::sync_round,
        sync::sync_pick_folder,
        people::people_list,
        people::person_get,
        people::person_page,
        people::tags_list,
        people::person_add,
        people::person_update,
        people::person_archive,
        people::person_restore,
        people::people_merge,
        people::duplicates_review,
        people::duplicate_dismiss,
        people::date_add,
        people::date_update,
        people::date_delete,
        people::people_act,
        people::handle_open,
        people::people_views,
        people::people_view_save,
        people::people_view_rename,
        people::people_view_delete,
        ladder::ladder_board,
        ladder::person_set_rung,
        ladder::rung_change_undo,
        touches::touches_list,
        touches::touch_log,
        touches::touch_update,
        touches::touch_delete,
        touches::touch_restore,
        settings::settings_get,
        settings::settings_update,
        settings::notifications_status,
        settings::autostart_get,
        settings::autostart_set,
        time::time_view,
        time::timer_shown,
        time::timer_start,
        time::timer_stop,
        time::timer_toggle,
        time::timer_settle,
        time::session_add,
        time::session_update,
        time::session_delete,
        time::budget_set,
        time::platform_add,
        time::platform_rename,
        time::platform_archive,
        follow_ups::today,
        follow_ups::follow_up_get,
        follow_ups::follow_up_add,
        follow_ups::follow_up_update,
        follow_ups::follow_up_complete,
        follow_ups::follow_up_snooze,
        follow_ups::follow_up_drop,
        follow_ups::nudge_dismiss,
        follow_ups::nudge_follow_up,
        follow_ups::nudge_restore,
        follow_ups::follow_ups_complete,
        follow_ups::follow_ups_drop,
        follow_ups::follow_ups_move,
        follow_ups::follow_ups_drop_before,
        follow_ups::follow_ups_undo,
        week::week_review,
        week::week_journal_save,
        week::week_answer_save,
        week::week_intention_add,
        week::week_intention_update,
        week::week_intention_delete,
        week::week_intention_follow_up,
        week::week_markdown_save,
        week::week_print,
        funnel::funnel,
        funnel::funnel_people,
        funnel::funnel_csv_save,
    ]
}

/// Asks the user where to save `contents` (a native save dialog) and writes it there;
/// `None` when they cancel. Called with the diary already let go: the dialog waits.
fn save_with_dialog<R: Runtime>(
    app: &tauri::AppHandle<R>,
    title: &str,
    file_name: &str,
    (kind, extension): (&str, &str),
    contents: &str,
) -> Result<Option<String>, rapport_core::Error> {
    use tauri_plugin_dialog::DialogExt;
    let chosen = app.dialog().file().set_title(title).set_file_name(file_name).add_filter(kind, &[extension]).blocking_save_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    std::fs::write(&path, contents)?;
    Ok(Some(path.display().to_string()))
}

/// Runs a write on the diary, lets go of it, then tells every view, the tray and the
/// scheduler when it succeeded. Announcing only after the lock is released matters:
/// listeners run on this thread and read the diary themselves.
fn write<R: Runtime, T>(
    app: &tauri::AppHandle<R>,
    state: &crate::DiaryState,
    change: impl FnOnce(&mut rapport_core::Diary) -> Result<T, rapport_core::Error>,
) -> Result<T, rapport_core::Error> {
    let result = change(&mut *state.diary()?);
    if result.is_ok() {
        announce_change(app);
    }
    result
}

/// Tells every view, the tray and the scheduler that the diary changed.
pub fn announce_change<R: Runtime>(app: &tauri::AppHandle<R>) {
    let _ = app.emit(DIARY_CHANGED, ());
}
