//! Tauri commands, one module per area. Each calls one core function and returns its
//! result; after a write it announces `diary-changed` so every view refreshes.

mod diary;
mod people;

use tauri::{Emitter, Runtime};

/// The event every open view listens to after any write.
pub const DIARY_CHANGED: &str = "diary-changed";

pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        diary::diary_status,
        people::people_list,
        people::person_get,
        people::person_add,
        people::person_update,
    ]
}

/// Tells every view that the diary changed. A view that misses it only shows stale data
/// until its next refresh, so a failed emit is not worth failing the write over.
fn changed<R: Runtime>(app: &tauri::AppHandle<R>) {
    let _ = app.emit(DIARY_CHANGED, ());
}
