use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use rapport_core::transfer::backups::{self, Backup};
use rapport_core::vocab::Vocabulary;
use rapport_core::Error;

use crate::DiaryState;

#[derive(Debug, Serialize)]
pub struct DiaryStatus {
    pub path: String,
    pub schema_version: i64,
}

/// Where the diary is and that it is open; the window's first call.
#[tauri::command(async)]
pub fn diary_status(state: State<'_, DiaryState>) -> Result<DiaryStatus, Error> {
    let schema_version = state.diary()?.schema_version()?;
    Ok(DiaryStatus { path: state.path().display().to_string(), schema_version })
}

/// A day as the user typed it ("24 Dec", "2026-12-24"), or the problem with it in words.
#[tauri::command(async)]
pub fn day_read(state: State<'_, DiaryState>, text: String) -> Result<chrono::NaiveDate, Error> {
    state.diary()?.read_day(&text)
}

/// When the app started, so it can tell how long its first screen took.
pub struct Started(pub std::time::Instant);

/// The window's first screen shows real data: one line on standard error, the moment
/// `make bench` measures start-up by; now the tray may be made.
#[tauri::command(async)]
pub fn app_ready<R: Runtime>(app: AppHandle<R>, started: State<'_, Started>) {
    eprintln!("rapport: first screen ready {} ms after start", started.0.elapsed().as_millis());
    crate::make_tray(&app);
    crate::shortcut::open_if_launched_for_it(&app);
    // The funnel reads everyone once, then only who changed: done now, while the first
    // screen is read, its first view is as quick as the next.
    std::thread::spawn(move || {
        if let Ok(diary) = app.state::<DiaryState>().diary() {
            let _ = diary.funnel(&rapport_core::funnel::FunnelQuery::default());
        }
    });
}

/// The vocabulary's labels and menus, which the window loads once at start.
#[tauri::command(async)]
pub fn app_vocabulary() -> Vocabulary {
    rapport_core::vocab::vocabulary()
}

/// What Settings → About shows.
#[derive(Debug, Serialize)]
pub struct About {
    pub version: String,
    pub diary_path: String,
    pub backups_dir: String,
}

/// The version, and where the diary and its backups are (also when it could not open).
#[tauri::command(async)]
pub fn app_about<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>) -> About {
    About {
        version: app.package_info().version.to_string(),
        diary_path: state.path().display().to_string(),
        backups_dir: state.backups_dir().display().to_string(),
    }
}

/// Opens the backups folder in the desktop's file manager.
#[tauri::command(async)]
pub fn backups_open<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>) -> Result<(), Error> {
    let dir = state.backups_dir();
    std::fs::create_dir_all(&dir)?;
    app.opener()
        .open_path(dir.display().to_string(), None::<&str>)
        .map_err(|e| Error::Io(std::io::Error::other(format!("the folder could not be opened: {e}"))))
}

/// The backups, newest first (readable even when the diary could not be opened).
#[tauri::command(async)]
pub fn backups_list(state: State<'_, DiaryState>) -> Result<Vec<Backup>, Error> {
    backups::backups(&state.backups_dir())
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, DiaryState>) -> Result<Backup, Error> {
    state.diary()?.back_up(&state.backups_dir())
}

/// Replaces the diary with a backup; what was there is kept aside and its path returned.
#[tauri::command(async)]
pub fn backup_restore<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, file_name: String) -> Result<Option<String>, Error> {
    let aside = state.restore(&file_name)?;
    super::announce_change(&app);
    Ok(aside.map(|p| p.display().to_string()))
}

/// Asks for another diary file (a native open dialog) and makes it the diary, the one
/// there kept aside; `None` when cancelled, else where the old file was kept.
#[tauri::command(async)]
pub fn diary_open_other<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>) -> Result<Option<Option<String>>, Error> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app
        .dialog()
        .file()
        .set_title("Use another diary file")
        .add_filter("Rapport diary", &["sqlite3", "sqlite", "db"])
        .blocking_pick_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    let aside = state.adopt(&path)?;
    super::announce_change(&app);
    Ok(Some(aside.map(|p| p.display().to_string())))
}
