//! Archive import: the platforms' data exports, chosen or dropped, read off the window's
//! thread with progress, previewed under the user's choices, applied, and undone. The
//! last archive read is kept, so changing a choice in the preview does not read it again.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tauri::{AppHandle, Emitter, Runtime, State};

use rapport_core::transfer::archive::{self, ArchiveChoices, ArchivePreview, ArchiveReading, ImportRun, ImportUndone};
use rapport_core::Error;

use super::transfer::ChosenFiles;
use crate::DiaryState;

/// The event that tells the window which part of an archive is being read.
pub const IMPORT_PROGRESS: &str = "import-progress";

/// The archive read last, with its path.
#[derive(Default)]
pub struct LastReading(Mutex<Option<(PathBuf, ArchiveReading)>>);

/// "contacts" for an address book, "archive" for anything else chosen.
#[tauri::command(async)]
pub fn import_kind(chosen: State<'_, ChosenFiles>, path: String) -> Result<&'static str, Error> {
    let path = chosen.check(&path)?;
    Ok(if archive::is_contacts_file(&path) { "contacts" } else { "archive" })
}

/// Reads (or takes the kept reading of) the chosen archive and previews it.
#[tauri::command(async)]
pub fn archive_preview<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    chosen: State<'_, ChosenFiles>,
    last: State<'_, LastReading>,
    path: String,
    choices: ArchiveChoices,
) -> Result<ArchivePreview, Error> {
    let path = chosen.check(&path)?;
    let mut kept = last.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // The words are read only once a choice asks for them: otherwise a large export's
    // text would fill memory for nothing.
    let words = choices.keep_words();
    let fresh = kept.as_ref().is_some_and(|(p, r)| *p == path && (r.words || !words) && unchanged(&path, r));
    if !fresh {
        *kept = None;
        // The diary is let go while the archive is read: it can take seconds.
        let tz = state.diary()?.tz();
        let reading = archive::read_path(&path, tz, words, progress(app))?;
        *kept = Some((path, reading));
    }
    let (_, reading) = kept.as_ref().expect("kept just above");
    state.diary()?.preview_archive(reading, &choices)
}

/// Applies the previewed archive, if it is still the file previewed.
#[tauri::command(async)]
pub fn archive_apply<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DiaryState>,
    chosen: State<'_, ChosenFiles>,
    last: State<'_, LastReading>,
    path: String,
    fingerprint: String,
    choices: ArchiveChoices,
) -> Result<Vec<ImportRun>, Error> {
    let path = chosen.check(&path)?;
    let kept = last.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let reading = match kept.as_ref() {
        Some((p, r)) if *p == path && r.fingerprint == fingerprint && unchanged(&path, r) => r,
        _ => return Err(Error::Invalid { field: "file", message: "The archive changed since the preview. Preview it again.".into() }),
    };
    super::write(&app, &state, |diary| diary.apply_archive(reading, &choices))
}

/// Whether the archive at `path` is still the one `reading` was read from.
fn unchanged(path: &std::path::Path, reading: &ArchiveReading) -> bool {
    archive::Archive::open(path).is_ok_and(|a| a.fingerprint() == reading.fingerprint)
}

/// Every import run, newest first.
#[tauri::command(async)]
pub fn import_runs(state: State<'_, DiaryState>) -> Result<Vec<ImportRun>, Error> {
    state.diary()?.import_runs()
}

/// Undoes one import whole.
#[tauri::command(async)]
pub fn import_undo<R: Runtime>(app: AppHandle<R>, state: State<'_, DiaryState>, id: i64) -> Result<ImportUndone, Error> {
    super::write(&app, &state, |diary| diary.undo_import(id))
}

/// Tells the window what is being read, at most ten times a second.
fn progress<R: Runtime>(app: AppHandle<R>) -> impl FnMut(&archive::Part) + 'static {
    let mut last: Option<Instant> = None;
    move |part| {
        if last.is_none_or(|t| t.elapsed() >= Duration::from_millis(100)) {
            last = Some(Instant::now());
            let _ = app.emit(IMPORT_PROGRESS, &part.path);
        }
    }
}
