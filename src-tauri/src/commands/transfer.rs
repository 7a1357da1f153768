//! Import and export. The window never names a file to read: import reads only files
//! the user chose in the open dialog or dropped on the window, which the shell records.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::Deserialize;
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use rapport_core::transfer::{ImportCounts, ImportPreview};
use rapport_core::Error;

use crate::DiaryState;

/// The event telling the window a file was dropped on it to import.
pub const IMPORT_DROPPED: &str = "import-dropped";

/// Files the user chose to import.
#[derive(Default)]
pub struct ChosenFiles(Mutex<HashSet<PathBuf>>);

impl ChosenFiles {
    fn add(&self, path: PathBuf) -> String {
        let shown = path.display().to_string();
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(path);
        shown
    }

    pub(crate) fn check(&self, path: &str) -> Result<PathBuf, Error> {
        let path = PathBuf::from(path);
        if self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(&path) {
            Ok(path)
        } else {
            Err(Error::Invalid { field: "file", message: "Choose the file with Import… or drop it on the window.".into() })
        }
    }
}

/// Records files dropped on the window and asks it to preview the first.
pub fn dropped<R: Runtime>(app: &AppHandle<R>, chosen: &ChosenFiles, paths: &[PathBuf]) {
    if let Some(path) = paths.first() {
        let shown = chosen.add(path.clone());
        let _ = app.emit(IMPORT_DROPPED, shown);
    }
}

/// Asks for a file to import (a native open dialog); `None` when cancelled.
#[tauri::command(async)]
pub fn import_pick<R: Runtime>(app: AppHandle<R>, chosen: State<'_, ChosenFiles>) -> Option<String> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import a data export or contacts")
        .add_filter("Data exports and contacts", &["zip", "csv", "vcf", "vcard", "js", "json", "txt", "ics", "mbox"])
        .blocking_pick_file()?;
    Some(chosen.add(picked.into_path().ok()?))
}

/// Asks for an unpacked export (a folder); `None` when cancelled.
#[tauri::command(async)]
pub fn import_pick_folder<R: Runtime>(app: AppHandle<R>, chosen: State<'_, ChosenFiles>) -> Option<String> {
    let picked = app.dialog().file().set_title("Import an unpacked export").blocking_pick_folder()?;
    Some(chosen.add(picked.into_path().ok()?))
}

/// What importing the chosen file would do.
#[tauri::command(async)]
pub fn import_preview(state: State<'_, DiaryState>, chosen: State<'_, ChosenFiles>, path: String) -> Result<ImportPreview, Error> {
    let path = chosen.check(&path)?;
    state.diary()?.preview_import(&path)
}

/// Imports the chosen file, as previewed.
#[tauri::command(async)]
pub fn import_apply<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    chosen: State<'_, ChosenFiles>,
    path: String,
    fingerprint: String,
) -> Result<ImportCounts, Error> {
    let path = chosen.check(&path)?;
    super::write(&app, &state, |diary| diary.apply_import(&path, &fingerprint))
}

/// The files the diary exports.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Json,
    PeopleCsv,
    TouchesCsv,
    Vcard,
    FollowUpsIcs,
}

/// Asks where to save an export and writes it; `None` when cancelled.
#[tauri::command(async)]
pub fn diary_export<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, format: ExportFormat) -> Result<Option<String>, Error> {
    let day = chrono::Local::now().format("%Y-%m-%d");
    // The diary is let go before the dialog, which waits on the user.
    let (contents, title, name, filter) = {
        let diary = state.diary()?;
        match format {
            ExportFormat::Json => (diary.export_json()?, "Export the whole diary", format!("rapport-{day}.json"), ("JSON", "json")),
            ExportFormat::PeopleCsv => {
                (diary.export_people_csv()?, "Export people as CSV", format!("rapport-people-{day}.csv"), ("CSV", "csv"))
            }
            ExportFormat::TouchesCsv => {
                (diary.export_touches_csv()?, "Export touches as CSV", format!("rapport-touches-{day}.csv"), ("CSV", "csv"))
            }
            ExportFormat::Vcard => (diary.export_vcard()?, "Export people as vCard", format!("rapport-people-{day}.vcf"), ("vCard", "vcf")),
            ExportFormat::FollowUpsIcs => (
                diary.export_follow_ups_ics()?,
                "Export follow-ups as a calendar",
                format!("rapport-follow-ups-{day}.ics"),
                ("iCalendar", "ics"),
            ),
        }
    };
    super::save_with_dialog(&app, title, &name, filter, &contents)
}
