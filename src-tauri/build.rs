// The app's own commands are listed here so that capabilities/ must grant each one
// the UI uses: a command nobody granted cannot be invoked from the window.
const COMMANDS: &[&str] = &[
    "diary_status",
    "people_list",
    "person_get",
    "person_page",
    "tags_list",
    "person_add",
    "person_update",
    "person_archive",
    "person_restore",
    "people_merge",
    "handle_open",
    "ladder_board",
    "person_set_rung",
    "touches_list",
    "touch_log",
    "touch_update",
    "touch_delete",
    "touch_restore",
    "settings_get",
    "settings_update",
    "notifications_status",
    "autostart_get",
    "autostart_set",
    "time_view",
    "timer_start",
    "timer_stop",
    "timer_toggle",
    "timer_settle",
    "session_add",
    "session_update",
    "session_delete",
    "budget_set",
    "platform_add",
    "platform_rename",
    "platform_archive",
    "today",
    "follow_up_add",
    "follow_up_update",
    "follow_up_complete",
    "follow_up_snooze",
    "follow_up_drop",
    "nudge_dismiss",
    "nudge_follow_up",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
