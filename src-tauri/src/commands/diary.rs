use serde::Serialize;
use tauri::State;

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
