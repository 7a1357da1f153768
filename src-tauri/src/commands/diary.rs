use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

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
